//! A kill in the middle of an ingest leaves the last committed state, and
//! running the batch again completes it with no duplicates.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn write_letters(dir: &Path, prefix: &str, n: usize) {
    std::fs::create_dir_all(dir).expect("mkdir");
    for i in 0..n {
        let text = format!(
            "尊敬的县纪委领导：\n我是石桥镇柳河村村民，反映村委会主任{prefix}某{i}截留低保金{i}元的问题。他还把集体土地承包费据为己有，账目从不公开。\n此致\n敬礼\n2019年3月{}日\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("{prefix}-{i:05}.txt")), text).expect("write");
    }
}

fn xinfang(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xinfang"));
    c.arg("--data").arg(data).stdout(Stdio::piped()).stderr(Stdio::null());
    c
}

fn total(data: &Path) -> u64 {
    let out = xinfang(data).args(["search", "--json", "--limit", "1"]).output().expect("search runs");
    assert!(out.status.success(), "search failed after the kill");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    v["total"].as_u64().expect("total")
}

#[test]
fn killed_ingest_keeps_last_commit_and_rerun_completes_without_duplicates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    write_letters(&a, "A", 50);
    write_letters(&b, "B", 3000);

    let first = xinfang(&data).arg("ingest").arg(&a).arg("--json").output().expect("ingest a");
    assert!(first.status.success());
    assert_eq!(total(&data), 50);

    // Kill the second batch part-way (timing varies; either side of its commit is fine).
    let mut child = xinfang(&data).arg("ingest").arg(&b).spawn().expect("ingest b");
    let start = Instant::now();
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let after_kill = total(&data);
    eprintln!("after kill: {after_kill} letters");
    assert!(after_kill == 50 || after_kill == 3050, "partial state visible: {after_kill} letters ({:?})", start.elapsed());

    let rerun = xinfang(&data).arg("ingest").arg(&b).arg("--json").output().expect("rerun b");
    assert!(rerun.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&rerun.stdout).expect("summary json");
    assert_eq!(total(&data), 3050, "no duplicates, nothing lost: {summary}");
    // A third run finds nothing to do.
    let third = xinfang(&data).arg("ingest").arg(&b).arg("--json").output().expect("third run");
    let s: serde_json::Value = serde_json::from_slice(&third.stdout).expect("json");
    assert_eq!(s["letters_added"], 0);
    assert_eq!(s["files_unchanged"], 3000);
}

//! `xinfang reclassify` end to end: ingest, edit the taxonomy through a
//! settings file, delete the source files, reclassify, and see the new topic
//! in search and topic counts.

use std::path::Path;
use std::process::{Command, Stdio};

fn xinfang(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xinfang"));
    c.arg("--data").arg(data).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

fn json_of(c: &mut Command) -> serde_json::Value {
    let out = c.output().expect("xinfang runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn topic_total(data: &Path, settings: Option<&Path>, topic: &str) -> u64 {
    let mut c = xinfang(data);
    if let Some(s) = settings {
        c.arg("--config").arg(s);
    }
    c.args(["search", "--json", "--limit", "5", "--topic", topic]);
    json_of(&mut c)["total"].as_u64().expect("total")
}

#[test]
fn reclassify_applies_an_edited_taxonomy_without_the_source_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let src = dir.path().join("letters");
    std::fs::create_dir_all(&src).expect("mkdir");
    for (i, village) in ["柳河村", "东山村", "红星村"].iter().enumerate() {
        let text = format!(
            "尊敬的县纪委领导：\n我是{village}村民，反映村里私自出售公墓墓地，每个墓穴收费{}万元。\n此致\n敬礼\n2019年3月{}日\n",
            i + 1,
            i + 5
        );
        std::fs::write(src.join(format!("m{i}.txt")), text).expect("write");
    }
    std::fs::write(
        src.join("d.txt"),
        "尊敬的县纪委领导：\n我是柳河村村民，反映村会计把亲戚报成低保户，每月领低保金。\n此致\n敬礼\n2019年3月9日\n",
    )
    .expect("write");
    let ingest = json_of(xinfang(&data).arg("ingest").arg(&src).arg("--json"));
    assert_eq!(ingest["letters_added"], 4, "{ingest}");
    assert_eq!(topic_total(&data, None, "殡葬管理"), 0);

    // The commission's edit: the default taxonomy plus one topic, named by a settings file.
    let defaults = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/defaults/topics.toml"))
        .expect("default topics");
    let edited = format!("{defaults}\n[[topic]]\nlabel = \"殡葬管理\"\n[topic.keywords]\n\"公墓\" = 5\n\"墓地\" = 4\n");
    std::fs::write(dir.path().join("topics.toml"), edited).expect("write topics");
    let settings = dir.path().join("settings.toml");
    std::fs::write(&settings, "[data]\ntopics = \"topics.toml\"\n").expect("write settings");

    // Reclassify must not need the letters' files.
    std::fs::remove_dir_all(&src).expect("remove sources");
    let summary = json_of(xinfang(&data).arg("--config").arg(&settings).args(["reclassify", "--json"]));
    assert_eq!(summary["letters"], 4, "{summary}");
    assert_eq!(summary["changed"], 3, "{summary}");
    assert_eq!(summary["main_changed"], 3, "{summary}");
    let row = summary["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["label"] == "殡葬管理")
        .cloned()
        .expect("the new label is listed");
    assert_eq!((row["main_before"].as_u64(), row["main_after"].as_u64()), (Some(0), Some(3)), "{summary}");

    assert_eq!(topic_total(&data, Some(&settings), "殡葬管理"), 3);
    assert_eq!(topic_total(&data, Some(&settings), "低保"), 1);
    let topics = json_of(xinfang(&data).arg("--config").arg(&settings).args(["topics", "--json"]));
    let counted = topics["taxonomy"]
        .as_array()
        .expect("taxonomy")
        .iter()
        .find(|t| t["label"] == "殡葬管理")
        .and_then(|t| t["main"].as_u64());
    assert_eq!(counted, Some(3), "{topics}");

    // Plain output, and a second run has nothing to change.
    let out = xinfang(&data).arg("--config").arg(&settings).arg("reclassify").output().expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("4 letters, 0 changed topics"), "{text}");
}

#[test]
fn reclassify_of_a_missing_data_folder_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("no-such-archive");
    let out = xinfang(&data).arg("reclassify").output().expect("xinfang runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no archive in") && err.contains("no-such-archive"), "{err}");
    assert!(!data.exists());
}

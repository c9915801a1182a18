//! The repeat state stored with the archive: updated by each ingest with its
//! letters only, equal to a full regrouping, loaded (not recomputed) on open,
//! untouched by a re-ingest, and recomputed once when its file is missing,
//! damaged or left over from a commit that never happened.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use xinfang_config::Config;
use xinfang_index::{Archive, IngestOptions, IngestSummary, RepeatIndex};
use xinfang_ingest::batch::{collect_files, InputData, InputFile};
use xinfang_ingest::Origin;

fn intake() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/intake")
}

fn open(dir: &Path) -> Archive {
    Archive::open(dir, Arc::new(Config::defaults().expect("config"))).expect("open")
}

fn ingest(archive: &Archive, sub: &str, batch: &str, origin: Option<Origin>) -> IngestSummary {
    let (files, errors, warnings) = collect_files(&[intake().join(sub)]);
    archive
        .ingest(files, errors, warnings, &IngestOptions { batch: batch.into(), origin }, &|| {})
        .expect("ingest")
}

fn state_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir.join("repeats"))
        .map(|d| d.flatten().map(|f| f.file_name().to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The archive's repeat state equals a full regrouping of its letters (same weights).
fn assert_equals_full(archive: &Archive) {
    let state = archive.repeat_state_now().expect("state");
    let mut full = RepeatIndex::new(archive.config().settings.repeats.clone());
    full.insert_all(&archive.all_letters().expect("letters"));
    full.use_weights_of(state.index());
    assert_eq!(state.analysis(), full.analyze());
}

/// Two letters about the matter of a sample 12381 report: one later, one earlier.
fn ingest_extra(archive: &Archive) -> IngestSummary {
    let path = intake().join("local/网络举报/网络举报_20190607_092111.txt");
    let text = std::fs::read_to_string(path).expect("sample letter");
    let later = text.replace("2019-06-07 20:39:32", "2019-07-15 09:10:11").replace("请领导谅解", "请领导重视");
    let earlier = text.replace("2019-06-07 20:39:32", "2018-05-02 08:00:00").replace("今天写信", "这次写信");
    let files = [("extra/网络举报_20190715.txt", later), ("extra/网络举报_20180502.txt", earlier)]
        .into_iter()
        .map(|(rel, t)| InputFile { rel: rel.into(), data: InputData::Bytes(t.into_bytes()) })
        .collect();
    archive
        .ingest(files, vec![], vec![], &IngestOptions { batch: "extra".into(), origin: Some(Origin::Local) }, &|| {})
        .expect("ingest")
}

fn answers(archive: &Archive) -> String {
    let all = archive.repeats(None, None, None).expect("repeats");
    let q2 = archive.repeats(Some("2019Q2"), None, None).expect("batch");
    serde_json::to_string(&(all, q2)).expect("json")
}

#[test]
fn ingests_update_the_stored_state_and_a_reopen_loads_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answer;
    {
        let a = open(dir.path());
        ingest(&a, "2019Q1", "2019Q1", None);
        assert_equals_full(&a);
        ingest(&a, "2019Q2", "2019Q2", None);
        assert_equals_full(&a);
        ingest(&a, "local", "local", Some(Origin::Local));
        assert_equals_full(&a);
        // Each sample batch grows the archive by more than a quarter: weights refreshed, full regroup.
        let stats = a.repeat_stats();
        assert_eq!((stats.rebuilt, stats.updated, stats.full_regroups), (0, 3, 3), "{stats:?}");
        // A small batch goes the incremental way: a repeat of a sample letter,
        // and an older letter of the same matter that predates its group.
        let extra = ingest_extra(&a);
        assert_eq!(extra.letters_added, 2, "{extra:?}");
        let stats = a.repeat_stats();
        assert_eq!((stats.updated, stats.full_regroups), (4, 3), "{stats:?}");
        assert_equals_full(&a);
        let extra = a.repeats(Some("extra"), None, None).expect("extra");
        assert_eq!(extra.batch.as_ref().map(|b| b.letters), Some(2));
        assert!(!extra.letters.is_empty(), "the extra letters repeat the sample letter");
        answer = answers(&a);
        assert!(!a.repeats(None, None, None).expect("repeats").groups.is_empty());
        assert_eq!(state_files(dir.path()).len(), 1, "earlier states are removed after each commit");
    }
    let files = state_files(dir.path());

    // A new process loads the state; nothing is recomputed.
    let a = open(dir.path());
    assert_eq!(answers(&a), answer);
    let some = a.repeats(None, None, None).expect("repeats").letters[0].id.clone();
    assert!(a.similar(&some, 5).expect("similar").is_some());
    assert!(a.repeat_group_of(&some).expect("group").is_some());
    assert_eq!(a.repeat_stats().loaded, 1);
    assert_eq!(a.repeat_stats().rebuilt, 0);

    // Re-ingesting the same files changes nothing, not even the state file.
    let again = ingest(&a, "2019Q1", "2019Q1", None);
    assert_eq!(again.letters_added + again.letters_updated, 0);
    assert_eq!(state_files(dir.path()), files);
    assert_eq!(answers(&a), answer);
    assert_eq!(a.repeat_stats().rebuilt, 0);
    drop(a);
    let a = open(dir.path());
    assert_eq!(answers(&a), answer);
    assert_eq!((a.repeat_stats().loaded, a.repeat_stats().rebuilt), (1, 0));
}

#[test]
fn a_missing_damaged_or_orphan_state_is_recomputed_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answer;
    {
        let a = open(dir.path());
        ingest(&a, "2019Q1", "2019Q1", None);
        ingest(&a, "2019Q2", "2019Q2", None);
        answer = answers(&a);
    }
    let named = state_files(dir.path());
    assert_eq!(named.len(), 1);
    let path = dir.path().join("repeats").join(&named[0]);

    // A crash after writing the next state but before its commit leaves an
    // orphan; the index still names the old state, which is used.
    std::fs::write(dir.path().join("repeats/state-999999-0000000000000000.bin"), b"XFRS junk").expect("orphan");
    let a = open(dir.path());
    assert_eq!(answers(&a), answer);
    assert_eq!(a.repeat_stats().rebuilt, 0);
    drop(a);

    // Damaged: recomputed from the index once, then saved for this commit.
    let bytes = std::fs::read(&path).expect("state");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).expect("damage");
    let a = open(dir.path());
    assert_eq!(answers(&a), answer);
    assert_eq!(a.repeat_stats().rebuilt, 1);
    drop(a);
    let a = open(dir.path());
    assert_eq!(answers(&a), answer);
    assert_eq!((a.repeat_stats().loaded, a.repeat_stats().rebuilt), (1, 0), "the recomputed state was saved");

    // The next ingest starts from it and removes the stale files.
    ingest(&a, "local", "local", Some(Origin::Local));
    assert_equals_full(&a);
    let files = state_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].starts_with("state-"));
    drop(a);

    // Missing: recomputed.
    std::fs::remove_file(dir.path().join("repeats").join(&files[0])).expect("remove");
    let a = open(dir.path());
    a.repeats(None, None, None).expect("repeats");
    assert_eq!(a.repeat_stats().rebuilt, 1);
    assert_equals_full(&a);
}

#[test]
fn a_bulk_load_without_repeat_tracking_names_no_state_and_the_first_use_computes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::defaults().expect("config");
    config.settings.index.repeats_at_ingest = false;
    let bulk = Archive::open(dir.path(), Arc::new(config)).expect("open");
    ingest(&bulk, "2019Q1", "2019Q1", None);
    ingest(&bulk, "2019Q2", "2019Q2", None);
    assert!(state_files(dir.path()).iter().all(|f| !f.starts_with("state-")), "{:?}", state_files(dir.path()));
    let answer = bulk.repeats(None, None, None).expect("repeats");
    assert!(!answer.groups.is_empty());
    assert_equals_full(&bulk);
    // The same archive with tracking on: the answers agree.
    drop(bulk);
    let tracked = open(dir.path());
    assert_eq!(tracked.repeats(None, None, None).expect("repeats").groups, answer.groups);
}

/// An ingest that does not keep its repeat state in memory (the `ingest`
/// command, which exits) answers the same once the state is read back from
/// its file, and the file is read, not recomputed.
#[test]
fn a_state_not_kept_in_memory_is_read_back_from_its_file() {
    let kept_dir = tempfile::tempdir().expect("tempdir");
    let kept = open(kept_dir.path());
    ingest(&kept, "2019Q1", "2019Q1", None);
    let dir = tempfile::tempdir().expect("tempdir");
    let a = open(dir.path());
    a.set_keep_repeat_state(false);
    ingest(&a, "2019Q1", "2019Q1", None);
    assert_eq!(a.repeat_stats().loaded, 0);
    assert_eq!(answers(&a), answers(&kept));
    let stats = a.repeat_stats();
    assert_eq!((stats.loaded, stats.rebuilt), (1, 0), "{stats:?}");
    assert_equals_full(&a);
}

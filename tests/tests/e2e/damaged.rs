//! Bad input: each damaged file gets a clear error naming it, and the rest of
//! the batch is committed.

use std::io::Write;

use crate::support::{config, ingest, samples, truth};

#[test]
fn each_damaged_file_is_rejected_with_its_reason_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().expect("tempdir");
    let archive = xinfang_index::Archive::open(dir.path(), config()).expect("open");
    let s = ingest(&archive, &samples().join("damaged"), "damaged", None);
    let expected = truth()["damaged"].as_array().expect("damaged");
    for d in expected {
        let path = d["path"].as_str().expect("path");
        let kind = d["kind"].as_str().unwrap_or_default();
        match d["expect"].as_str() {
            Some("error") => {
                let err = s
                    .errors
                    .iter()
                    .find(|e| e.path == path)
                    .unwrap_or_else(|| panic!("{path} ({kind}) not rejected: {:?}", s.errors));
                let want = match kind {
                    "empty_file" => "empty",
                    "truncated_pdf" => "damaged",
                    "encrypted_pdf" => "encrypted",
                    "no_text_layer" => "no text layer",
                    "not_a_spreadsheet" => "not a",
                    "zip_bomb" => "zip bomb",
                    "binary_file" => "not a text file",
                    other => panic!("unknown damaged kind {other}"),
                };
                assert!(err.error.contains(want), "{path}: `{}` should say `{want}`", err.error);
            }
            Some("warning") => {
                assert!(s.warnings.iter().any(|w| w.path == path), "{path}: no warning in {:?}", s.warnings);
                assert!(s.errors.iter().all(|e| e.path != path));
            }
            _ => assert!(s.errors.iter().all(|e| e.path != path), "{path} was rejected"),
        }
    }
    let errors = expected.iter().filter(|d| d["expect"] == "error").count();
    assert_eq!(s.files_failed, errors);
    assert_eq!(s.files_seen, expected.len());
    // The good file in the same folder (spaces and Chinese in its name) is in the archive.
    assert_eq!(s.letters_added, 1);
    assert_eq!(archive.num_letters(), 1);
}

#[test]
fn a_five_megabyte_single_line_file_is_handled_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let intake = dir.path().join("intake");
    std::fs::create_dir_all(&intake).expect("mkdir");
    let mut f = std::fs::File::create(intake.join("一行.txt")).expect("create");
    let sentence = "反映石桥镇柳河村党支部书记王建华截留低保金的问题，群众意见很大，";
    let mut written = 0;
    while written < 5_000_000 {
        f.write_all(sentence.as_bytes()).expect("write");
        written += sentence.len();
    }
    drop(f);
    std::fs::write(intake.join("正常.txt"), "反映河口乡大营村会计挪用集体资金。").expect("write");
    let archive = xinfang_index::Archive::open(&dir.path().join("data"), config()).expect("open");
    let start = std::time::Instant::now();
    let s = ingest(&archive, &intake, "big", None);
    // Either ingested (cut with a warning) or rejected with a reason; never lost silently.
    assert_eq!(s.files_ingested + s.files_failed, 2, "{s:?}");
    assert!(archive.num_letters() >= 1);
    // Generous bound for an unoptimised test build on a loaded 2-core machine; a hang or a
    // quadratic pass would take minutes.
    assert!(start.elapsed().as_secs() < 120, "took {:?}", start.elapsed());
}

#[test]
fn a_path_that_does_not_exist_is_an_error_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "反映白马镇红星村会计挪用集体资金。").expect("write");
    let archive = xinfang_index::Archive::open(&dir.path().join("data"), config()).expect("open");
    let (files, errors, warnings) = xinfang_ingest::batch::collect_files(&[good, dir.path().join("missing.pdf")]);
    let s = archive
        .ingest(files, errors, warnings, &xinfang_index::IngestOptions { batch: "b".into(), origin: None }, &|| {})
        .expect("ingest");
    assert_eq!((s.files_ingested, s.files_failed, s.letters_added), (1, 1, 1));
    assert!(s.errors[0].error.contains("no such file"), "{:?}", s.errors);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_not_fatal() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let intake = dir.path().join("in");
    std::fs::create_dir_all(&intake).expect("mkdir");
    let locked = intake.join("锁定.txt");
    std::fs::write(&locked, "反映问题。").expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    std::fs::write(intake.join("ok.txt"), "反映南山乡松林村组长侵占集体林地。").expect("write");
    let archive = xinfang_index::Archive::open(&dir.path().join("data"), config()).expect("open");
    let s = ingest(&archive, &intake, "perm", None);
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so both are ingested.
        assert_eq!(s.files_ingested, 2);
    } else {
        assert_eq!((s.files_ingested, s.files_failed), (1, 1));
        assert!(s.errors[0].error.contains("permission denied"), "{:?}", s.errors);
    }
}

//! Repeat answers over the whole archive, from a repeat state that is stored
//! with the index and updated by every ingest with just its letters.
//!
//! Files: `DATA/repeats/state-{opstamp}-{nonce}.bin`, one per commit that
//! changed letters, and `DATA/repeats/rebuilt-{opstamp}.bin` when a state had
//! to be recomputed from the index. The commit payload names the state file
//! of its commit (`repeats`), so the index and the state cannot disagree:
//!
//! - An ingest applies its changed letters to the state of the commit it
//!   started from, writes the new state (temporary file, fsync, rename) before
//!   it commits, and puts the file's name in the commit's payload. The
//!   previous file stays until the commit has succeeded.
//! - A crash before the commit leaves the old payload naming the old file; the
//!   new file is an orphan that the next ingest deletes. The random part of the
//!   name keeps a later commit that reuses the same opstamp from naming it.
//! - On open, the state named by the payload is read; its stored tag must be
//!   the name and its letter count the index's. Otherwise (no file, damaged,
//!   other settings) the state is recomputed from the index once, logged, and
//!   saved as `rebuilt-{opstamp}.bin`: opstamps of committed states are never
//!   reused, so that name is safe.
//! - A commit that changed no letter names the same file as the previous one:
//!   re-ingesting the same files writes nothing.

use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Serialize;
use xinfang_ingest::record::Letter;

use crate::archive::Archive;
use crate::repeats::{BatchView, RepeatGroup, RepeatInput, RepeatLetter, RepeatState, SimilarLetter};
use crate::{IndexError, Result};

/// Folder of the repeat state files, inside the data folder.
const DIR: &str = "repeats";

/// The state of one commit.
struct Loaded {
    opstamp: u64,
    state: Arc<RepeatState>,
    /// The file it is stored in, if any.
    file: Option<String>,
}

/// The repeat state of an archive in memory, and how it was obtained.
#[derive(Default)]
pub(crate) struct RepeatCache {
    current: Mutex<Option<Loaded>>,
    loads: AtomicUsize,
    rebuilds: AtomicUsize,
    updates: AtomicUsize,
    full_updates: AtomicUsize,
}

/// How this process obtained its repeat states (for tests and logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RepeatStats {
    /// States read from their file.
    pub loaded: usize,
    /// States recomputed from the whole index.
    pub rebuilt: usize,
    /// States updated by an ingest (its letters, plus the groups they touch).
    pub updated: usize,
    /// Of those, updates that refreshed the rarity weights and so regrouped
    /// the whole archive (the archive had grown by a quarter).
    pub full_regroups: usize,
}

/// The changed letters of an ingest, in the form the repeat state takes.
/// Filled from the ingest's parallel assembly, before a letter's text is dropped.
pub(crate) struct RepeatBatch {
    inputs: Mutex<Vec<RepeatInput>>,
}

impl RepeatBatch {
    pub(crate) fn new() -> RepeatBatch {
        RepeatBatch { inputs: Mutex::new(Vec::new()) }
    }

    /// Adds a new or changed letter.
    pub(crate) fn add(&self, archive: &Archive, letter: &Letter, cleaned: &str) -> Result<()> {
        let input = RepeatInput::of_cleaned(letter, cleaned, &archive.config.settings.repeats);
        self.inputs.lock().map_err(|_| IndexError::Corrupt("repeat batch lock poisoned".into()))?.push(input);
        Ok(())
    }
}

/// The repeat state of a commit being made, already written to its file.
pub(crate) struct PreparedRepeats {
    loaded: Option<Loaded>,
    full: bool,
}

impl PreparedRepeats {
    /// The file name to put in the commit's payload (`None`: rebuild on next open).
    pub(crate) fn file(&self) -> Option<String> {
        self.loaded.as_ref().and_then(|l| l.file.clone())
    }
}

/// `GET /api/repeats` answer.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatsAnswer {
    /// Repeat groups, oldest letter first within each.
    pub groups: Vec<RepeatGroup>,
    /// Letters that repeat earlier ones.
    pub letters: Vec<RepeatLetter>,
    /// With `batch`: how many of its letters are new, pure repeats, or repeats with a new issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<BatchView>,
}

/// One letter of a batch with its repeat verdict (for the screening meeting's list).
#[derive(Debug, Clone, Serialize)]
pub struct BatchLetter {
    /// The letter.
    pub letter: Letter,
    /// Its repeat record; `None` for a new letter (新件).
    pub repeat: Option<RepeatLetter>,
    /// Reference numbers (信访编号) of the letters it repeats, in the order of `repeat_of`
    /// (the id where a letter has no reference).
    pub repeat_of_refs: Vec<String>,
}

fn lock_err<T>(_: T) -> IndexError {
    IndexError::Corrupt("repeat state lock poisoned".into())
}

impl Archive {
    fn repeats_dir(&self) -> PathBuf {
        self.dir.join(DIR)
    }

    /// The repeat state of the last commit: from memory, else from its file,
    /// else recomputed from the index (once, then saved).
    fn repeat_state(&self) -> Result<Arc<RepeatState>> {
        let metas = self.index.load_metas()?;
        let opstamp = metas.opstamp;
        let mut cur = self.repeats.current.lock().map_err(lock_err)?;
        if let Some(l) = cur.as_ref().filter(|l| l.opstamp == opstamp) {
            return Ok(l.state.clone());
        }
        let docs: u64 = metas.segments.iter().map(|s| u64::from(s.num_docs())).sum();
        let named = metas
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
            .and_then(|v| v.get("repeats").and_then(|r| r.as_str()).map(str::to_string));
        if docs == 0 {
            let state = Arc::new(RepeatState::new(self.config.settings.repeats.clone()));
            *cur = Some(Loaded { opstamp, state: state.clone(), file: None });
            return Ok(state);
        }
        let rebuilt_name = format!("rebuilt-{opstamp}.bin");
        for name in named.iter().chain(std::iter::once(&rebuilt_name)) {
            if let Some(state) = self.read_state(name, docs) {
                self.repeats.loads.fetch_add(1, Ordering::Relaxed);
                let state = Arc::new(state);
                *cur = Some(Loaded { opstamp, state: state.clone(), file: Some(name.clone()) });
                return Ok(state);
            }
        }
        let started = std::time::Instant::now();
        self.reader.reload()?;
        let letters = self.all_letters()?;
        let state = RepeatState::from_letters(&letters, self.config.settings.repeats.clone());
        drop(letters);
        self.repeats.rebuilds.fetch_add(1, Ordering::Relaxed);
        tracing::info!(
            target: "index::repeats",
            opstamp,
            letters = state.len(),
            secs = started.elapsed().as_secs_f64(),
            "repeat state recomputed from the index (no usable state file for this commit)"
        );
        // Save it only if no commit happened meanwhile (another process).
        let file = if self.index.load_metas()?.opstamp == opstamp {
            match write_state(&self.repeats_dir(), &rebuilt_name, &state) {
                Ok(()) => Some(rebuilt_name),
                Err(e) => {
                    tracing::warn!(target: "index::repeats", error = %e, "repeat state not saved");
                    None
                }
            }
        } else {
            None
        };
        let state = Arc::new(state);
        *cur = Some(Loaded { opstamp, state: state.clone(), file });
        Ok(state)
    }

    /// Reads a state file; `None` (and a log line) when it is missing or unusable.
    fn read_state(&self, name: &str, docs: u64) -> Option<RepeatState> {
        let path = self.repeats_dir().join(name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(target: "index::repeats", file = name, error = %e, "repeat state unreadable");
                return None;
            }
        };
        match RepeatState::from_bytes(&bytes, self.config.settings.repeats.clone()) {
            Ok((state, tag)) if tag == name && state.len() as u64 == docs => Some(state),
            Ok(_) => {
                tracing::warn!(target: "index::repeats", file = name, "repeat state belongs to another commit");
                None
            }
            Err(e) => {
                tracing::warn!(target: "index::repeats", file = name, error = %e, "repeat state unusable");
                None
            }
        }
    }

    /// How this process obtained its repeat states.
    pub fn repeat_stats(&self) -> RepeatStats {
        RepeatStats {
            loaded: self.repeats.loads.load(Ordering::Relaxed),
            rebuilt: self.repeats.rebuilds.load(Ordering::Relaxed),
            updated: self.repeats.updates.load(Ordering::Relaxed),
            full_regroups: self.repeats.full_updates.load(Ordering::Relaxed),
        }
    }

    /// Ingest hook, before the commit: applies the batch's changed letters to
    /// the state of the commit the ingest started from and writes the result
    /// to a new file. Never fails the ingest: if the state cannot be made, the
    /// commit names no state and the next open recomputes it.
    pub(crate) fn repeats_before_commit(&self, batch: RepeatBatch, opstamp: u64) -> PreparedRepeats {
        let started = std::time::Instant::now();
        let mut full = false;
        let result = (|| -> Result<Option<Loaded>> {
            let inputs = batch.inputs.into_inner().map_err(lock_err)?;
            let base = self.repeat_state()?;
            let mut cur = self.repeats.current.lock().map_err(lock_err)?;
            if inputs.is_empty() {
                // Nothing changed: the commit names the same state file.
                let file = cur.as_ref().and_then(|l| l.file.clone());
                return Ok(Some(Loaded { opstamp, state: base, file }));
            }
            // Until the commit succeeds, readers of this process reload the old file.
            *cur = None;
            drop(cur);
            let mut state = Arc::try_unwrap(base).unwrap_or_else(|shared| (*shared).clone());
            let applied = state.apply(inputs);
            full = applied.full;
            let name = format!("state-{opstamp}-{:016x}.bin", nonce());
            write_state(&self.repeats_dir(), &name, &state).map_err(|e| IndexError::DataDir {
                path: self.repeats_dir(),
                message: e.to_string(),
            })?;
            tracing::info!(
                target: "index::repeats",
                changed = applied.changed,
                regrouped = applied.regrouped,
                full = applied.full,
                letters = state.len(),
                secs = started.elapsed().as_secs_f64(),
                "repeat state updated"
            );
            Ok(Some(Loaded { opstamp, state: Arc::new(state), file: Some(name) }))
        })();
        match result {
            Ok(loaded) => PreparedRepeats { loaded, full },
            Err(e) => {
                tracing::warn!(target: "index::repeats", error = %e, "repeat state not updated; it will be recomputed");
                PreparedRepeats { loaded: None, full }
            }
        }
    }

    /// Ingest hook, after the commit succeeded: the new state is current and
    /// the files of earlier commits go.
    pub(crate) fn repeats_after_commit(&self, prepared: PreparedRepeats) {
        let full = prepared.full;
        let Some(loaded) = prepared.loaded else {
            return;
        };
        let keep = loaded.file.clone();
        let updated = keep.as_deref().is_some_and(|f| f.starts_with("state-"));
        if let Ok(mut cur) = self.repeats.current.lock() {
            // Not kept: the next query reads it from its file.
            *cur = self.keep_repeats.load(Ordering::Relaxed).then_some(loaded);
            if updated {
                self.repeats.updates.fetch_add(1, Ordering::Relaxed);
                if full {
                    self.repeats.full_updates.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        let Some(keep) = keep else {
            return;
        };
        if let Ok(dir) = std::fs::read_dir(self.repeats_dir()) {
            for f in dir.flatten() {
                let name = f.file_name().to_string_lossy().to_string();
                if name != keep && (name.starts_with("state-") || name.starts_with("rebuilt-")) {
                    if let Err(e) = std::fs::remove_file(f.path()) {
                        tracing::warn!(target: "index::repeats", file = %name, error = %e, "old repeat state not removed");
                    }
                }
            }
        }
    }

    /// Repeat groups and repeating letters; with `batch`, that batch's
    /// repeats matched against the whole archive; `from`/`to` keep groups
    /// with a letter received in the range.
    pub fn repeats(&self, batch: Option<&str>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<RepeatsAnswer> {
        let state = self.repeat_state()?;
        let in_range = |id: &str| match state.received(id).flatten() {
            Some(d) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
            None => from.is_none() && to.is_none(),
        };
        let mut letters: Vec<RepeatLetter> = match batch {
            Some(b) => state.letters_in_batch(b).into_iter().cloned().collect(),
            None => state.letters().into_iter().cloned().collect(),
        };
        letters.retain(|l| in_range(&l.id));
        let groups: Vec<RepeatGroup> = match batch {
            Some(_) => {
                let wanted: std::collections::HashSet<&str> = letters.iter().map(|l| l.group.as_str()).collect();
                state.groups().into_iter().filter(|g| wanted.contains(g.id.as_str())).cloned().collect()
            }
            None => state.groups().into_iter().filter(|g| g.letter_ids.iter().any(|id| in_range(id))).cloned().collect(),
        };
        Ok(RepeatsAnswer { groups, letters, batch: batch.map(|b| state.batch_view(b)) })
    }

    /// Every letter of a batch with its repeat verdict, oldest first (the
    /// screening meeting's list, `xinfang repeats --xlsx`).
    pub fn batch_repeat_list(&self, batch: &str) -> Result<Vec<BatchLetter>> {
        let state = self.repeat_state()?;
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for id in state.batch_ids(batch) {
            let Some(letter) = self.letter_in(&searcher, &id)? else {
                continue;
            };
            let repeat = state.letter(&id).cloned();
            let mut refs = Vec::new();
            for earlier in repeat.iter().flat_map(|r| r.repeat_of.iter()) {
                let r = self.letter_in(&searcher, earlier)?.and_then(|l| l.reference);
                refs.push(r.unwrap_or_else(|| earlier.clone()));
            }
            out.push(BatchLetter { letter, repeat, repeat_of_refs: refs });
        }
        Ok(out)
    }

    /// The repeat counts of a batch.
    pub fn batch_repeat_view(&self, batch: &str) -> Result<BatchView> {
        Ok(self.repeat_state()?.batch_view(batch))
    }

    /// Letters like this one, most similar first; `None` for an unknown id.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Option<Vec<SimilarLetter>>> {
        let state = self.repeat_state()?;
        if !state.contains(id) {
            return Ok(None);
        }
        Ok(Some(state.similar(id, limit)))
    }

    /// The repeat groups a letter belongs to (for person dossiers).
    pub fn repeat_group_of(&self, id: &str) -> Result<Option<String>> {
        let state = self.repeat_state()?;
        Ok(state.group_of(id).map(|g| g.id.clone()))
    }

    /// The repeat state of the last commit (for checks against a full regrouping).
    pub fn repeat_state_now(&self) -> Result<Arc<RepeatState>> {
        self.repeat_state()
    }
}

/// A random number for state file names (no RNG dependency: the hasher keys
/// of the standard library are random per process, mixed with the time).
fn nonce() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.finish()
}

/// Writes a state durably: temporary file, fsync, rename, fsync of the folder.
fn write_state(dir: &Path, name: &str, state: &RepeatState) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!("{name}.tmp"));
    {
        let f = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
        state.write_to(name, &mut out)?;
        let f = out.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, dir.join(name))?;
    // Make the rename durable; not every platform can sync a folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

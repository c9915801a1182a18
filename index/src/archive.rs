//! The archive: one tantivy index of letters, its writer lifecycle and upserts.
//!
//! Invariants:
//! - Every open path registers the tokenizers ([`crate::tokenizer::register`]).
//! - One ingest at a time per process (a mutex), one per archive across
//!   processes (tantivy's writer lock); the writer lives only for one ingest,
//!   so a running server does not block `xinfang ingest`.
//! - An ingest is one commit: a crash leaves the last committed state, and
//!   running the batch again completes it. The run log (batches) travels in
//!   the same commit's payload, so it can never disagree with the letters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Letters assembled and handed to the writer per round.
const CHUNK: usize = 4096;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{doc, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};
use xinfang_config::Config;
use xinfang_ingest::batch::{BatchOptions, FileIssue, FileOutcome, InputFile, Reader};
use xinfang_ingest::record::{Letter, LetterPart};
use xinfang_ingest::assemble::assemble_with_cleaned;
use xinfang_ingest::{letter_id, letter_key, merge_part, text, Extractor};

use crate::schema::{self, Fields, NO_DATE};
use crate::tokenizer::{self, Segmenter};
use crate::{IndexError, Result};

/// The letter archive in a data folder.
pub struct Archive {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) seg: Segmenter,
    pub(crate) config: Arc<Config>,
    pub(crate) extractor: Arc<Extractor>,
    pub(crate) write_lock: Mutex<()>,
    pub(crate) repeats: crate::repeat_service::RepeatCache,
    pub(crate) facet_tables: crate::facets::FacetTables,
    /// Whether an ingest keeps its new repeat state in memory after the
    /// commit (see [`Archive::set_keep_repeat_state`]).
    pub(crate) keep_repeats: AtomicBool,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("dir", &self.dir).finish()
    }
}

/// Options of one ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Batch label.
    pub batch: String,
    /// Origin forced on every letter.
    pub origin: Option<xinfang_ingest::Origin>,
}

/// A path with an error (`errors[]` of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathError {
    /// Relative path.
    pub path: String,
    /// What is wrong.
    pub error: String,
}

/// A path with a warning (`warnings[]` of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathWarning {
    /// Relative path.
    pub path: String,
    /// What to look at.
    pub warning: String,
}

/// The `ingest --json` object of the contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Batch label.
    pub batch: String,
    /// Files found.
    pub files_seen: usize,
    /// Files read and indexed.
    pub files_ingested: usize,
    /// Files whose bytes were ingested before.
    pub files_unchanged: usize,
    /// Files rejected.
    pub files_failed: usize,
    /// New letters.
    pub letters_added: usize,
    /// Existing letters changed by this run.
    pub letters_updated: usize,
    /// Letters in the archive after the run.
    pub letters_total: u64,
    /// Rejected files and why.
    pub errors: Vec<PathError>,
    /// Things to look at.
    pub warnings: Vec<PathWarning>,
}

/// One ingest run, kept in the commit payload.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunRecord {
    /// Batch label.
    pub batch: String,
    /// When (RFC 3339).
    pub ingested_at: String,
    /// Files read in the run (ingested + unchanged).
    pub files: usize,
    /// Files rejected.
    pub errors: usize,
    /// Letters added or updated.
    pub letters_changed: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Payload {
    schema_version: u32,
    runs: Vec<RunRecord>,
    /// The repeat state file of this commit (see `repeat_service`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) repeats: Option<String>,
}

/// `GET /api/batches` entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BatchInfo {
    /// Label.
    pub batch: String,
    /// Latest run of this label.
    pub ingested_at: String,
    /// Files read over all runs of the label.
    pub files: usize,
    /// Letters of the batch now in the archive.
    pub letters: u64,
    /// Files rejected in the latest run.
    pub errors: usize,
}

/// What the letters of one ingest share while they are indexed.
struct IngestRun<'s> {
    /// The archive as it was before the ingest (existing letters to merge with).
    searcher: &'s tantivy::Searcher,
    /// The batch's letters for the repeat state (`None`: a bulk load without it).
    repeats: Option<crate::repeat_service::RepeatBatch>,
    added: AtomicUsize,
    updated: AtomicUsize,
}

impl Archive {
    /// Opens the archive in `dir`, creating it if the folder is new or empty.
    pub fn open(dir: &Path, config: Arc<Config>) -> Result<Archive> {
        std::fs::create_dir_all(dir).map_err(|e| IndexError::DataDir {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        let index_dir = dir.join("index");
        std::fs::create_dir_all(&index_dir).map_err(|e| IndexError::DataDir {
            path: index_dir.clone(),
            message: e.to_string(),
        })?;
        let has_meta = index_dir.join("meta.json").is_file();
        let (schema, _) = schema::build();
        let mut index = if has_meta {
            Index::open_in_dir(&index_dir)?
        } else {
            Index::create_in_dir(&index_dir, schema)?
        };
        // Searches run over the segments in parallel.
        let search_threads = match config.settings.index.search_threads {
            0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8),
            n => n,
        };
        if search_threads > 1 {
            index.set_multithread_executor(search_threads)?;
        }
        let fields = schema::fields_of(&index.schema()).map_err(|_| IndexError::SchemaMismatch {
            path: index_dir.clone(),
        })?;
        let seg = Segmenter::new(&config);
        tokenizer::register(&index, &seg);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            extractor: Arc::new(Extractor::new(&config)),
            index,
            reader,
            fields,
            seg,
            config,
            write_lock: Mutex::new(()),
            repeats: Default::default(),
            facet_tables: Default::default(),
            keep_repeats: AtomicBool::new(true),
        })
    }

    /// The configuration the archive was opened with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Picks up the latest commit now (the reader also does so by itself
    /// shortly after every commit, also one made by another process).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Number of letters.
    pub fn num_letters(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Number of index segments: each ingest adds at least one, merges keep
    /// the count down (a search visits every segment).
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// One letter by id.
    pub fn letter(&self, id: &str) -> Result<Option<Letter>> {
        let searcher = self.reader.searcher();
        self.letter_in(&searcher, id)
    }

    /// One letter by id, or else by a reference number (信访编号) that only
    /// it carries: a clerk's first lookup is by the number on the paper.
    pub fn letter_by_id_or_ref(&self, key: &str) -> Result<Option<Letter>> {
        let searcher = self.reader.searcher();
        if let Some(l) = self.letter_in(&searcher, key)? {
            return Ok(Some(l));
        }
        let Some(r) = xinfang_ingest::refs::normalize_ref(key) else {
            return Ok(None);
        };
        let q = TermQuery::new(Term::from_field_text(self.fields.reference, &r), IndexRecordOption::Basic);
        let top = searcher.search_with_executor(
            &q,
            &TopDocs::with_limit(2).order_by_score(),
            &tantivy::Executor::single_thread(),
            tantivy::query::EnableScoring::enabled_from_searcher(&searcher),
        )?;
        match top.as_slice() {
            [(_, addr)] => Ok(Some(self.load(&searcher, *addr)?)),
            _ => Ok(None),
        }
    }

    pub(crate) fn letter_in(&self, searcher: &tantivy::Searcher, id: &str) -> Result<Option<Letter>> {
        let q = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        // A point lookup, often from inside a rayon worker: the calling thread
        // does it, not the search executor's pool.
        let top = searcher.search_with_executor(
            &q,
            &TopDocs::with_limit(1).order_by_score(),
            &tantivy::Executor::single_thread(),
            tantivy::query::EnableScoring::enabled_from_searcher(searcher),
        )?;
        match top.first() {
            Some((_, addr)) => Ok(Some(self.load(searcher, *addr)?)),
            None => Ok(None),
        }
    }

    pub(crate) fn load(&self, searcher: &tantivy::Searcher, addr: tantivy::DocAddress) -> Result<Letter> {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let bytes = doc
            .get_first(self.fields.record)
            .and_then(|v| v.as_bytes())
            .ok_or(IndexError::Corrupt("a letter without its record".into()))?;
        let mut letter: Letter =
            serde_json::from_slice(bytes).map_err(|e| IndexError::Corrupt(format!("letter record: {e}")))?;
        letter.text = xinfang_ingest::assemble::text_of(&letter.parts);
        Ok(letter)
    }

    /// Runs recorded in the last commit.
    pub(crate) fn payload(&self) -> Payload {
        self.index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// Batches, newest run first.
    pub fn batches(&self) -> Result<Vec<BatchInfo>> {
        let searcher = self.reader.searcher();
        let mut by_label: BTreeMap<String, BatchInfo> = BTreeMap::new();
        for run in self.payload().runs {
            let e = by_label.entry(run.batch.clone()).or_insert_with(|| BatchInfo {
                batch: run.batch.clone(),
                ingested_at: String::new(),
                files: 0,
                letters: 0,
                errors: 0,
            });
            e.files += run.files;
            e.errors = run.errors;
            e.ingested_at = run.ingested_at.clone();
        }
        for info in by_label.values_mut() {
            let q = TermQuery::new(Term::from_field_text(self.fields.batch, &info.batch), IndexRecordOption::Basic);
            info.letters = searcher.search(&q, &Count)? as u64;
        }
        let mut v: Vec<BatchInfo> = by_label.into_values().collect();
        v.sort_by(|a, b| b.ingested_at.cmp(&a.ingested_at).then(a.batch.cmp(&b.batch)));
        Ok(v)
    }

    /// Whether an ingest keeps the repeat state it computed in memory for the
    /// queries that follow (the default, what a server wants). A process that
    /// ingests and exits (the `ingest` command) says `false`: the state is in
    /// its file either way, and the segment merge after the commit then runs
    /// without it in memory (at 200,000 letters, ~0.8 GB less at the peak).
    pub fn set_keep_repeat_state(&self, keep: bool) {
        self.keep_repeats.store(keep, Ordering::Relaxed);
    }

    /// Ingests files as one batch and commits once. `pre_errors` and
    /// `pre_warnings` are issues found while collecting the files (paths that
    /// do not exist, files of unknown type) and are reported in the summary.
    pub fn ingest(
        &self,
        files: Vec<InputFile>,
        pre_errors: Vec<FileIssue>,
        pre_warnings: Vec<FileIssue>,
        opts: &IngestOptions,
        progress: &(dyn Fn() + Sync),
    ) -> Result<IngestSummary> {
        let _guard = self.write_lock.lock().map_err(|_| IndexError::Corrupt("ingest lock poisoned".into()))?;
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let reader = Reader::new(&self.config)?;
        let batch_opts = BatchOptions {
            batch: opts.batch.clone(),
            origin: opts.origin,
            ingested_at: now.clone(),
        };
        let hash_field = self.fields.file_hash;
        let is_known = |hash: &str| {
            let q = TermQuery::new(Term::from_field_text(hash_field, hash), IndexRecordOption::Basic);
            searcher
                .search_with_executor(
                    &q,
                    &Count,
                    &tantivy::Executor::single_thread(),
                    tantivy::query::EnableScoring::disabled_from_searcher(&searcher),
                )
                .map(|n| n > 0)
                .unwrap_or(false)
        };
        let mut summary = IngestSummary {
            batch: opts.batch.clone(),
            files_seen: files.len() + pre_errors.len(),
            files_failed: pre_errors.len(),
            errors: pre_errors
                .into_iter()
                .map(|i| PathError {
                    path: i.path,
                    error: i.message,
                })
                .collect(),
            warnings: pre_warnings
                .into_iter()
                .map(|i| PathWarning {
                    path: i.path,
                    warning: i.message,
                })
                .collect(),
            ..Default::default()
        };
        let started = std::time::Instant::now();
        // Files are read a chunk at a time. A loose file that can only be a
        // letter of its own (one part, no reference number, a name no other
        // file of the run has) is assembled and indexed at once, so a batch of
        // 200,000 local letters never holds all their texts. Parts that may
        // merge (ledger rows, files naming a reference) wait for the whole
        // batch to be read, as they must.
        let mut rel_count: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for f in &files {
            *rel_count.entry(f.rel.clone()).or_default() += 1;
        }
        let mut held: BTreeMap<String, Vec<LetterPart>> = BTreeMap::new();
        // Bytes already read in this run are unchanged too, as bytes of an
        // earlier run are (`is_known`): a file reached twice (a folder and
        // its sub-folder given together) is one letter.
        let mut read_hashes: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut writer: Option<tantivy::IndexWriter> = None;
        let run = IngestRun {
            searcher: &searcher,
            repeats: self.config.settings.index.repeats_at_ingest.then(crate::repeat_service::RepeatBatch::new),
            added: AtomicUsize::new(0),
            updated: AtomicUsize::new(0),
        };
        let mut read_secs = 0.0;
        let mut files = files;
        while !files.is_empty() {
            let rest = files.split_off(files.len().min(CHUNK));
            let chunk = std::mem::replace(&mut files, rest);
            let t = std::time::Instant::now();
            let read = reader.read_all(chunk, &batch_opts, &is_known, progress);
            read_secs += t.elapsed().as_secs_f64();
            let mut ready: Vec<(String, Vec<LetterPart>)> = Vec::new();
            for f in read {
                match f.outcome {
                    FileOutcome::Unchanged => summary.files_unchanged += 1,
                    FileOutcome::Failed(error) => {
                        summary.files_failed += 1;
                        summary.errors.push(PathError { path: f.rel, error });
                    }
                    FileOutcome::Read { .. } if !read_hashes.insert(f.hash.clone()) => summary.files_unchanged += 1,
                    FileOutcome::Read { parts, warnings } => {
                        summary.files_ingested += 1;
                        let mut seen: Vec<String> = Vec::new();
                        for w in warnings.into_iter().chain(parts.iter().flat_map(|p| p.warnings.iter().cloned())) {
                            if !seen.contains(&w) {
                                seen.push(w.clone());
                                summary.warnings.push(PathWarning {
                                    path: f.rel.clone(),
                                    warning: w,
                                });
                            }
                        }
                        let alone = parts.len() == 1 && rel_count.get(&f.rel).copied() == Some(1);
                        for p in parts {
                            let key = letter_key(&p);
                            // A key of its path: no reference number, not a ledger row.
                            if alone && key.starts_with("file:") {
                                ready.push((letter_id(&key), vec![p]));
                            } else {
                                held.entry(letter_id(&key)).or_default().push(p);
                            }
                        }
                    }
                }
            }
            if !ready.is_empty() {
                let w = self.writer_for_ingest(&mut writer)?;
                self.index_letters(ready, w, &run)?;
            }
        }
        summary.errors.sort_by(|a, b| a.path.cmp(&b.path));

        // Then the parts that may merge, grouped by letter, a chunk of letters
        // at a time: rayon workers assemble and hand each document straight to
        // the writer's indexing threads.
        let mut groups: Vec<(String, Vec<LetterPart>)> = held.into_iter().collect();
        while !groups.is_empty() {
            let rest = groups.split_off(groups.len().min(CHUNK));
            let chunk = std::mem::replace(&mut groups, rest);
            let w = self.writer_for_ingest(&mut writer)?;
            self.index_letters(chunk, w, &run)?;
        }
        // A run that read or rejected files is committed even when no letter
        // changed: its record (files, errors) goes into the commit's payload.
        if summary.files_ingested > 0 || summary.files_failed > 0 {
            self.writer_for_ingest(&mut writer)?;
        }
        if let Some(mut writer) = writer {
            summary.letters_added = run.added.into_inner();
            summary.letters_updated = run.updated.into_inner();
            let changed = summary.letters_added + summary.letters_updated;
            let mut payload = self.payload();
            payload.schema_version = schema::SCHEMA_VERSION;
            payload.runs.push(RunRecord {
                batch: opts.batch.clone(),
                ingested_at: now,
                files: summary.files_ingested + summary.files_unchanged,
                errors: summary.files_failed,
                letters_changed: changed,
            });
            let index_secs = started.elapsed().as_secs_f64() - read_secs;
            let mut prepared = writer.prepare_commit()?;
            // The repeat state of this commit is written first and named in its payload.
            let repeats = run.repeats.map(|batch| self.repeats_before_commit(batch, prepared.opstamp()));
            payload.repeats = repeats.as_ref().and_then(|r| r.file());
            let payload_json = serde_json::to_string(&payload).map_err(|e| IndexError::Corrupt(e.to_string()))?;
            prepared.set_payload(&payload_json);
            prepared.commit()?;
            if let Some(repeats) = repeats {
                self.repeats_after_commit(repeats);
            }
            self.merge_committed(&mut writer);
            writer.wait_merging_threads()?;
            self.reader.reload()?;
            tracing::info!(
                target: "index::write",
                read_secs,
                index_secs,
                commit_secs = started.elapsed().as_secs_f64() - read_secs - index_secs,
                "ingest timings"
            );
        }
        summary.letters_total = self.reader.searcher().num_docs();
        tracing::info!(
            target: "index::write",
            batch = %summary.batch,
            files_seen = summary.files_seen,
            files_ingested = summary.files_ingested,
            files_unchanged = summary.files_unchanged,
            files_failed = summary.files_failed,
            letters_added = summary.letters_added,
            letters_updated = summary.letters_updated,
            "ingest committed"
        );
        Ok(summary)
    }

    /// The ingest's writer, opened on first use. It merges nothing by itself:
    /// tantivy would merge a bulk ingest's segments while the repeat state is
    /// being computed, both at their peak memory; [`Archive::merge_committed`]
    /// merges after the commit instead.
    fn writer_for_ingest<'w>(&self, writer: &'w mut Option<tantivy::IndexWriter>) -> Result<&'w tantivy::IndexWriter> {
        if writer.is_none() {
            let w = self.open_writer()?;
            w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            *writer = Some(w);
        }
        writer.as_ref().ok_or_else(|| IndexError::Corrupt("index writer unavailable".into()))
    }

    /// Merges the committed segments as tantivy's default (log) merge policy
    /// would, level after level. A failed merge leaves the segments as they
    /// were (the commit stands) and is logged.
    fn merge_committed(&self, writer: &mut tantivy::IndexWriter) {
        use tantivy::indexer::{LogMergePolicy, MergePolicy};
        let policy = LogMergePolicy::default();
        // Each round merges one level; a merged level may fill the next.
        for _ in 0..4 {
            let metas = match self.index.searchable_segment_metas() {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(target: "index::write", error = %e, "segment merge skipped");
                    return;
                }
            };
            let candidates = policy.compute_merge_candidates(&metas);
            if candidates.is_empty() {
                return;
            }
            for c in candidates {
                if let Err(e) = writer.merge(&c.0).wait() {
                    tracing::warn!(target: "index::write", error = %e, "segment merge failed");
                    return;
                }
            }
        }
    }

    /// The index writer, with the configured threads and memory budget;
    /// another process writing the archive makes this [`IndexError::Busy`].
    pub(crate) fn open_writer(&self) -> Result<tantivy::IndexWriter> {
        let threads = match self.config.settings.index.writer_threads {
            0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8),
            n => n,
        };
        let budget = self.config.settings.index.writer_memory_mb * 1024 * 1024;
        self.index.writer_with_num_threads(threads, budget).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => IndexError::Busy,
            other => IndexError::Tantivy(other),
        })
    }

    /// Merges each letter's new parts with what the archive holds, assembles
    /// it and hands its document to the writer (rayon workers; the writer's
    /// own threads index). Unchanged letters are skipped.
    fn index_letters(&self, letters: Vec<(String, Vec<LetterPart>)>, writer: &tantivy::IndexWriter, run: &IngestRun<'_>) -> Result<()> {
        letters.into_par_iter().try_for_each(|(id, new_parts)| -> Result<()> {
            let existing = self.letter_in(run.searcher, &id)?.map(|l| l.parts);
            let is_new = existing.is_none();
            let old = existing.unwrap_or_default();
            let mut parts = old.clone();
            for p in new_parts {
                merge_part(&mut parts, p);
            }
            if !is_new && same_parts(&old, &parts) {
                return Ok(());
            }
            let (letter, cleaned) = assemble_with_cleaned(id.clone(), parts, &self.extractor);
            if let Some(repeats) = &run.repeats {
                repeats.add(self, &letter, &cleaned)?;
            }
            let doc = self.document(letter, &cleaned)?;
            if is_new {
                run.added.fetch_add(1, Ordering::Relaxed);
            } else {
                run.updated.fetch_add(1, Ordering::Relaxed);
                writer.delete_term(Term::from_field_text(self.fields.id, &id));
            }
            writer.add_document(doc)?;
            Ok(())
        })
    }

    /// The index document of a letter.
    /// The stored record leaves out `text`, which the parts already hold
    /// ([`xinfang_ingest::assemble::text_of`] restores it on load).
    /// `cleaned` is `text::clean(&letter.text)`, computed once by assembly.
    pub(crate) fn document(&self, mut letter: Letter, cleaned: &str) -> Result<TantivyDocument> {
        let f = &self.fields;
        letter.text = String::new();
        let letter = &letter;
        let mut d = doc!(
            f.id => letter.id.as_str(),
            f.title => letter.title.as_str(),
            f.body => cleaned,
            f.ngram => letter.title.as_str(),
            f.ngram => cleaned,
            f.batch => letter.batch.as_str(),
            f.origin => letter.origin.map(|o| o.as_str()).unwrap_or("unknown"),
        );
        // Every reference number a part carries (the ledger's 信访编号, a
        // higher level's 交办编号 in the file): a clerk looks letters up by any.
        let mut refs: Vec<&str> = letter.reference.iter().map(String::as_str).collect();
        refs.extend(letter.parts.iter().flat_map(|p| p.refs.iter().map(String::as_str)));
        refs.sort_unstable();
        refs.dedup();
        for r in refs {
            d.add_text(f.reference, r);
        }
        let mut hashes: Vec<&str> = letter.parts.iter().map(|p| p.file_hash.as_str()).collect();
        hashes.sort_unstable();
        hashes.dedup();
        for h in hashes {
            d.add_text(f.file_hash, h);
        }
        if let Some(t) = &letter.town {
            d.add_text(f.town, t);
        }
        if let Some(v) = &letter.village {
            d.add_text(f.village, v);
        }
        let mut persons: Vec<String> = Vec::new();
        for p in letter.petitioners.iter().filter(|p| !p.anonymous) {
            let n = text::fold(&p.name);
            d.add_text(f.petitioner, &n);
            persons.push(n);
        }
        for o in &letter.accused {
            let n = text::fold(&o.name);
            d.add_text(f.official, &n);
            d.add_text(f.official_key, crate::people::official_key(&n, o.town.as_deref(), o.village.as_deref()));
            persons.push(n);
        }
        for m in &letter.mentioned {
            persons.push(text::fold(&m.name));
        }
        persons.sort();
        persons.dedup();
        for p in persons {
            d.add_text(f.person, &p);
        }
        for t in &letter.topics {
            d.add_text(f.topic, t);
        }
        if let Some(main) = letter.topics.first() {
            d.add_text(f.main_topic, main);
        }
        match letter.received {
            Some(date) => {
                d.add_text(f.month, date.format("%Y-%m").to_string());
                d.add_i64(f.received, schema::days(date));
            }
            None => {
                d.add_text(f.month, "unknown");
                d.add_i64(f.received, NO_DATE);
            }
        }
        if let Some(disp) = &letter.disposition {
            d.add_text(f.disposition, disp);
        }
        let record = serde_json::to_vec(letter).map_err(|e| IndexError::Corrupt(e.to_string()))?;
        d.add_bytes(f.record, &record);
        Ok(d)
    }

    /// All letters (for analytics that need whole records); order is index order.
    pub fn all_letters(&self) -> Result<Vec<Letter>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(searcher.num_docs() as usize);
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let alive = seg.alive_bitset();
            for doc in 0..seg.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                out.push(self.load(&searcher, tantivy::DocAddress::new(ord as u32, doc))?);
            }
        }
        Ok(out)
    }
}

/// Parts equal but for when they were read: a re-read changes nothing.
fn same_parts(a: &[LetterPart], b: &[LetterPart]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.source == y.source && x.file_hash == y.file_hash && x.content == y.content && x.refs == y.refs && x.origin == y.origin
        })
}


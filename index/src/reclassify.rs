//! Re-classifying the archive after a taxonomy edit, without re-reading files.
//!
//! Every letter's record is stored whole in the index (its parts hold the
//! text), so the topics can be recomputed from the record with the archive's
//! current taxonomy: the ledger's 问题类别 still wins, as at ingest. Only the
//! letters whose topics change are rewritten, all in one commit: a crash
//! mid-way leaves the old index, and the commit's new opstamp makes the
//! repeat cache (keyed per commit) recompute with the new topics.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::Term;
use xinfang_ingest::record::{Letter, PartContent};
use xinfang_ingest::text;

use crate::archive::Archive;
use crate::{IndexError, Result};

/// What `xinfang reclassify` changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReclassifySummary {
    /// Letters examined (the whole archive).
    pub letters: u64,
    /// Letters whose topics changed (main or secondary) and were rewritten.
    pub changed: usize,
    /// Of those, letters whose main topic changed.
    pub main_changed: usize,
    /// Per label, before and after: every label of the new taxonomy in its
    /// order (fallback last), then labels only the old classification had.
    pub topics: Vec<TopicShift>,
}

/// One label's counts before and after a reclassification.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct TopicShift {
    /// The label.
    pub label: String,
    /// Letters with it as main topic, before.
    pub main_before: u64,
    /// Letters with it as main topic, after.
    pub main_after: u64,
    /// Letters with it as any topic, before.
    pub letters_before: u64,
    /// Letters with it as any topic, after.
    pub letters_after: u64,
}

impl Archive {
    /// Recomputes every letter's topics from its stored record with the
    /// taxonomy the archive was opened with, and rewrites the letters whose
    /// topics changed in one commit. Source files are never read.
    pub fn reclassify(&self) -> Result<ReclassifySummary> {
        let _guard = self
            .write_lock
            .lock()
            .map_err(|_| IndexError::Corrupt("ingest lock poisoned".into()))?;
        self.reader.reload()?;
        let letters = self.all_letters()?;
        let total = letters.len() as u64;

        // Classify in parallel; keep (old, new) topics per letter.
        let classified: Vec<(Letter, Vec<String>)> = letters
            .into_par_iter()
            .map(|letter| {
                let topics = self.topics_of(&letter);
                (letter, topics)
            })
            .collect();

        let mut summary = ReclassifySummary {
            letters: total,
            topics: self.shift_table(&classified),
            ..Default::default()
        };
        let changed: Vec<(Letter, Vec<String>)> =
            classified.into_iter().filter(|(l, t)| l.topics != *t).collect();
        summary.main_changed = changed.iter().filter(|(l, t)| l.topics.first() != t.first()).count();
        summary.changed = changed.len();
        if changed.is_empty() {
            tracing::info!(target: "index::write", letters = total, "reclassify: no topic changed");
            return Ok(summary);
        }

        let mut writer = self.open_writer()?;
        let written = AtomicUsize::new(0);
        // Topics are evidence of repeats: the changed letters go through the
        // repeat state as an ingest's would.
        let repeat_batch = crate::repeat_service::RepeatBatch::new();
        changed.into_par_iter().try_for_each(|(mut letter, topics)| -> Result<()> {
            letter.topics = topics;
            let cleaned = text::clean(&letter.text);
            repeat_batch.add(self, &letter, &cleaned)?;
            let id = letter.id.clone();
            let doc = self.document(letter, &cleaned)?;
            writer.delete_term(Term::from_field_text(self.fields.id, &id));
            writer.add_document(doc)?;
            written.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })?;
        // The run log travels in the payload: carry it over unchanged, with
        // the new repeat state's file (written before the commit names it).
        let mut payload = self.payload();
        let mut prepared = writer.prepare_commit()?;
        let repeats = self.repeats_before_commit(repeat_batch, prepared.opstamp());
        payload.repeats = repeats.file();
        let payload_json = serde_json::to_string(&payload).map_err(|e| IndexError::Corrupt(e.to_string()))?;
        prepared.set_payload(&payload_json);
        prepared.commit()?;
        self.repeats_after_commit(repeats);
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        tracing::info!(
            target: "index::write",
            letters = total,
            changed = written.into_inner(),
            main_changed = summary.main_changed,
            "reclassify committed"
        );
        Ok(summary)
    }

    /// A stored letter's topics under the current taxonomy, computed as at
    /// ingest: from the cleaned text and the title, the ledger's category first.
    fn topics_of(&self, letter: &Letter) -> Vec<String> {
        let category = letter.parts.iter().find_map(|p| match &p.content {
            PartContent::Ledger(row) => row.category.as_deref(),
            PartContent::Document { .. } => None,
        });
        let cleaned = text::clean(&letter.text);
        self.extractor.classify(&cleaned, &letter.title, category)
    }

    /// Before/after counts per label.
    fn shift_table(&self, classified: &[(Letter, Vec<String>)]) -> Vec<TopicShift> {
        let mut labels = self.config.taxonomy.labels();
        let mut rows: BTreeMap<String, TopicShift> = BTreeMap::new();
        fn row<'a>(rows: &'a mut BTreeMap<String, TopicShift>, label: &str) -> &'a mut TopicShift {
            rows.entry(label.to_string()).or_insert_with(|| TopicShift {
                label: label.to_string(),
                ..Default::default()
            })
        }
        for (letter, new) in classified {
            if let Some(m) = letter.topics.first() {
                row(&mut rows, m).main_before += 1;
            }
            if let Some(m) = new.first() {
                row(&mut rows, m).main_after += 1;
            }
            for t in &letter.topics {
                row(&mut rows, t).letters_before += 1;
            }
            for t in new {
                row(&mut rows, t).letters_after += 1;
            }
        }
        for l in rows.keys() {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        labels
            .into_iter()
            .map(|l| {
                rows.remove(&l).unwrap_or(TopicShift {
                    label: l,
                    ..Default::default()
                })
            })
            .collect()
    }

}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::sync::Arc;

    use xinfang_config::{Config, Topic, TopicRule};
    use xinfang_ingest::batch::{InputData, InputFile};

    use crate::{Archive, IngestOptions, SearchRequest};

    /// Two letters of one petitioner about a matter the default taxonomy has
    /// no topic for, one about 低保, and a ledger row whose 问题类别 is 低保
    /// although its summary speaks of the new matter.
    fn write_sources(dir: &Path) -> Vec<InputFile> {
        let files = [
            (
                "a.txt",
                "尊敬的县纪委领导：\n我是石桥镇柳河村村民张秋生。村里把后山的公墓墓地私自卖给外村人，每个墓穴收两万元。\n此致\n敬礼\n张秋生\n2019年3月5日\n",
            ),
            (
                "b.txt",
                "尊敬的县纪委领导：\n我是石桥镇柳河村村民张秋生。今年清明前后，公墓里又多出几十个墓位，价格一个比一个高。\n此致\n敬礼\n张秋生\n2019年4月8日\n",
            ),
            (
                "c.txt",
                "尊敬的县纪委领导：\n我是白马镇红星村村民李大山，反映村会计把他亲戚报成低保户，每月领低保金。\n此致\n敬礼\n李大山\n2019年3月9日\n",
            ),
            (
                "ledger.csv",
                "序号,信访编号,来信日期,信访人,问题类别,主要问题\n1,QH2019-031,2019-03-12,王五,低保,反映青龙镇清坝村公墓墓地收费问题\n",
            ),
        ];
        files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::write(&path, text).expect("write source");
                InputFile { rel: (*name).to_string(), data: InputData::Path(path) }
            })
            .collect()
    }

    /// The default taxonomy with a new topic, as a commission would add it.
    fn edited() -> Config {
        let mut c = Config::defaults().expect("config");
        let fallback_last = c.taxonomy.topics.len() - 1;
        c.taxonomy.topics.insert(
            fallback_last,
            Topic {
                label: "殡葬管理".into(),
                categories: vec!["殡葬".into()],
                keywords: BTreeMap::from([("公墓".to_string(), 5.0), ("墓地".to_string(), 4.0)]),
                rules: vec![TopicRule { all: vec!["墓".into(), "收".into()], weight: 2.0 }],
            },
        );
        c
    }

    fn facet(a: &Archive, label: &str) -> u64 {
        let r = a.search(&SearchRequest { limit: 10, ..Default::default() }).expect("search");
        r.facets.topic.get(label).copied().unwrap_or(0)
    }

    fn main_topic(a: &Archive, file: &str) -> String {
        let letters = a.all_letters().expect("letters");
        let l = letters
            .iter()
            .find(|l| l.sources.iter().any(|s| s.path == file))
            .unwrap_or_else(|| panic!("no letter from {file}"));
        l.topics.first().cloned().unwrap_or_default()
    }

    fn repeat_pairs(a: &Archive) -> usize {
        a.repeats(None, None, None).expect("repeats").letters.len()
    }

    #[test]
    fn a_new_topic_reaches_stored_letters_without_reading_their_files() {
        let src = tempfile::tempdir().expect("tempdir");
        let data = tempfile::tempdir().expect("tempdir");
        let defaults = Arc::new(Config::defaults().expect("config"));
        let before = Archive::open(data.path(), defaults.clone()).expect("open");
        let files = write_sources(src.path());
        let s = before
            .ingest(files, vec![], vec![], &IngestOptions { batch: "b1".into(), origin: None }, &|| {})
            .expect("ingest");
        assert_eq!(s.letters_total, 4, "{s:?}");
        assert_eq!(facet(&before, "殡葬管理"), 0);
        assert_ne!(main_topic(&before, "a.txt"), "殡葬管理");
        let batches = before.batches().expect("batches");
        // The same petitioner in the same village, different words: no repeat
        // until both letters share a main topic.
        assert_eq!(repeat_pairs(&before), 0, "{:?}", before.repeats(None, None, None).expect("r").groups);

        // The files are gone: reclassify can only use the stored records.
        drop(src);

        let after = Archive::open(data.path(), Arc::new(edited())).expect("open edited");
        let summary = after.reclassify().expect("reclassify");
        assert_eq!(summary.letters, 4);
        // a.txt and b.txt change main topic; the ledger row keeps 低保 as
        // main and gains the new topic as a secondary one.
        assert_eq!(summary.changed, 3, "{summary:?}");
        assert_eq!(summary.main_changed, 2, "{summary:?}");
        let shift = summary.topics.iter().find(|t| t.label == "殡葬管理").expect("new label listed");
        assert_eq!((shift.main_before, shift.main_after), (0, 2), "{summary:?}");
        assert_eq!((shift.letters_before, shift.letters_after), (0, 3), "{summary:?}");
        let labels: Vec<&str> = summary.topics.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels.last(), Some(&"其他"), "taxonomy order, fallback last: {labels:?}");

        assert_eq!(facet(&after, "殡葬管理"), 3);
        assert_eq!(main_topic(&after, "a.txt"), "殡葬管理");
        assert_eq!(main_topic(&after, "c.txt"), "低保");
        // The ledger's 问题类别 still wins over the new words.
        assert_eq!(main_topic(&after, "ledger.csv"), "低保");
        let hits = after
            .search(&SearchRequest { topic: Some("殡葬管理".into()), limit: 10, ..Default::default() })
            .expect("search");
        assert_eq!(hits.total, 3);
        // Texts and the run log survive the rewrite.
        assert_eq!(after.batches().expect("batches"), batches);
        let a = after.all_letters().expect("letters");
        assert!(a.iter().any(|l| l.text.contains("每个墓穴收两万元")));
        let topics = after.topic_counts(None, None).expect("topic counts");
        assert!(topics.iter().any(|t| t.label == "殡葬管理" && t.main == 2), "{topics:?}");

        // The first handle's repeat cache is keyed per commit: it sees the
        // new topics (now shared by the petitioner's two letters) at once.
        before.reload().expect("reload");
        assert_eq!(repeat_pairs(&before), 1);

        // Nothing left to change: no commit.
        let again = after.reclassify().expect("again");
        assert_eq!(again.changed, 0);
    }
}

//! Repeat answers over the whole archive.
//!
//! The repeat engine ([`crate::repeats`]) is a pure module; this file runs
//! it over the archive's letters and keeps the result until the next commit
//! (keyed by the commit's opstamp), so the meeting's pages do not recompute
//! it per request. At county scale (10³–10⁴ letters a year) a full pass takes
//! well under a second; the incremental, persisted index of the repeat issue
//! replaces this recomputation.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::Archive;
use crate::repeats::{BatchView, RepeatAnalysis, RepeatGroup, RepeatIndex, RepeatLetter, SimilarLetter};
use crate::{IndexError, Result};

/// The engine's state for one commit.
pub(crate) struct RepeatState {
    opstamp: u64,
    index: RepeatIndex,
    analysis: RepeatAnalysis,
    received: HashMap<String, Option<NaiveDate>>,
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

impl Archive {
    fn repeat_state(&self) -> Result<Arc<RepeatState>> {
        let opstamp = self.index.load_metas()?.opstamp;
        let mut cache = self.repeat_cache.lock().map_err(|_| IndexError::Corrupt("repeat cache lock poisoned".into()))?;
        if let Some(state) = cache.as_ref().filter(|s| s.opstamp == opstamp) {
            return Ok(state.clone());
        }
        let letters = self.all_letters()?;
        let mut index = RepeatIndex::new(self.config.settings.repeats.clone());
        index.insert_all(&letters);
        let analysis = index.analyze();
        let received = letters.iter().map(|l| (l.id.clone(), l.received)).collect();
        let state = Arc::new(RepeatState { opstamp, index, analysis, received });
        *cache = Some(state.clone());
        Ok(state)
    }

    /// Repeat groups and repeating letters; with `batch`, that batch's
    /// repeats matched against the whole archive; `from`/`to` keep groups
    /// with a letter received in the range.
    pub fn repeats(&self, batch: Option<&str>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<RepeatsAnswer> {
        let state = self.repeat_state()?;
        let in_range = |id: &str| match state.received.get(id).copied().flatten() {
            Some(d) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
            None => from.is_none() && to.is_none(),
        };
        let mut letters: Vec<RepeatLetter> = match batch {
            Some(b) => state.analysis.letters_in_batch(b).into_iter().cloned().collect(),
            None => state.analysis.letters.clone(),
        };
        letters.retain(|l| in_range(&l.id));
        let groups: Vec<RepeatGroup> = state
            .analysis
            .groups
            .iter()
            .filter(|g| match batch {
                Some(_) => g.letter_ids.iter().any(|id| letters.iter().any(|l| &l.id == id) || false),
                None => g.letter_ids.iter().any(|id| in_range(id)),
            })
            .cloned()
            .collect();
        Ok(RepeatsAnswer {
            groups,
            letters,
            batch: batch.map(|b| state.analysis.batch_view(b)),
        })
    }

    /// Letters like this one, most similar first; `None` for an unknown id.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Option<Vec<SimilarLetter>>> {
        let state = self.repeat_state()?;
        if !state.received.contains_key(id) {
            return Ok(None);
        }
        Ok(Some(state.index.similar(id, limit)))
    }

    /// The repeat groups a letter belongs to (for person dossiers).
    pub fn repeat_group_of(&self, id: &str) -> Result<Option<String>> {
        let state = self.repeat_state()?;
        Ok(state.analysis.group_of(id).map(|g| g.id.clone()))
    }
}

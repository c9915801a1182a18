//! Facet counts (town, village, topic, month, origin) over every match of a
//! search.
//!
//! Why not tantivy's terms aggregation: it costs about 50 ns per matching
//! letter for the five facets, so a search that matches most of a
//! million-letter archive paid 50 ms for its facet counts alone. Here each
//! segment's facet values are read once into plain ordinal tables (cached by
//! segment id, so a segment pays once per process, not once per search), and
//! collecting a match is a handful of array increments. Values are turned
//! back into strings only for the ordinals that were counted.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The facet fields, in the order of [`FacetCounts`].
pub(crate) const FACET_FIELDS: [&str; 5] = ["town", "village", "topic", "month", "origin"];

/// The facet values of one segment, laid out for counting: one row of
/// ordinals per document, so counting a match touches one cache line.
#[derive(Debug, Default)]
pub(crate) struct SegmentFacets {
    /// Per facet: ordinal → value.
    values: Vec<Vec<String>>,
    /// Per facet: where its counters start in the flat counter array. Each
    /// facet has `values.len() + 1` counters; counter 0 absorbs empty slots.
    bases: Vec<usize>,
    /// Per slot of a row: the base of the facet the slot belongs to.
    slot_base: Vec<usize>,
    /// `slot_base.len()` slots per document, each `ord + 1` or 0 (empty). A
    /// facet gets as many slots as the most values any document has for it
    /// (1 for town, village, month and origin; a few for topics).
    rows: Vec<u32>,
    /// Counts over every document of the segment, deleted or not, made on
    /// first use.
    histogram: OnceLock<Vec<u64>>,
}

impl SegmentFacets {
    fn build(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let max_doc = reader.max_doc() as usize;
        let mut columns = Vec::with_capacity(FACET_FIELDS.len());
        let mut values = Vec::with_capacity(FACET_FIELDS.len());
        for name in FACET_FIELDS {
            let column = reader.fast_fields().str(name)?;
            let mut names = Vec::new();
            if let Some(column) = &column {
                let mut s = String::new();
                for ord in 0..column.num_terms() as u64 {
                    s.clear();
                    column.ord_to_str(ord, &mut s)?;
                    names.push(s.clone());
                }
            }
            values.push(names);
            columns.push(column);
        }
        let mut bases = Vec::with_capacity(values.len());
        let mut next = 0;
        for v in &values {
            bases.push(next);
            next += v.len() + 1;
        }
        let widths: Vec<usize> = columns
            .iter()
            .map(|c| match c {
                Some(c) => (0..max_doc as u32)
                    .map(|d| c.term_ords(d).count())
                    .max()
                    .unwrap_or(0),
                None => 0,
            })
            .collect();
        let slot_base: Vec<usize> = widths
            .iter()
            .zip(&bases)
            .flat_map(|(&w, &base)| std::iter::repeat_n(base, w))
            .collect();
        let stride = slot_base.len();
        let mut rows = vec![0u32; stride * max_doc];
        for d in 0..max_doc {
            let mut slot = d * stride;
            for (column, &w) in columns.iter().zip(&widths) {
                if let Some(c) = column {
                    for (k, ord) in c.term_ords(d as u32).take(w).enumerate() {
                        if let Some(cell) = rows.get_mut(slot + k) {
                            *cell = ord as u32 + 1;
                        }
                    }
                }
                slot += w;
            }
        }
        Ok(SegmentFacets {
            values,
            bases,
            slot_base,
            rows,
            histogram: OnceLock::new(),
        })
    }

    /// Zeroed counters, one flat array for all facets.
    fn counters(&self) -> Vec<u64> {
        vec![
            0u64;
            self.bases
                .last()
                .zip(self.values.last())
                .map_or(0, |(b, v)| b + v.len() + 1)
        ]
    }

    /// Adds one document's values to `counts`.
    #[inline]
    fn count(&self, doc: DocId, counts: &mut [u64]) {
        let stride = self.slot_base.len();
        let start = doc as usize * stride;
        let Some(row) = self.rows.get(start..start + stride) else {
            return;
        };
        for (&ord, &base) in row.iter().zip(&self.slot_base) {
            if let Some(c) = counts.get_mut(base + ord as usize) {
                *c += 1;
            }
        }
    }

    /// Counters to value → count maps.
    fn named(&self, counts: &[u64]) -> FacetCounts {
        self.values
            .iter()
            .zip(&self.bases)
            .map(|(values, &base)| {
                values
                    .iter()
                    .enumerate()
                    .filter_map(|(ord, v)| {
                        counts
                            .get(base + ord + 1)
                            .filter(|&&n| n > 0)
                            .map(|&n| (v.clone(), n))
                    })
                    .collect()
            })
            .collect()
    }
}

/// Facet tables of the segments seen so far, by segment id. Segments are
/// immutable, so an entry never goes stale; entries of segments that merges
/// retired are dropped when a search no longer sees them.
#[derive(Debug, Default)]
pub(crate) struct FacetTables {
    by_segment: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetTables {
    /// Drops the tables of segments the searcher no longer has.
    pub(crate) fn retain_live(&self, searcher: &Searcher) {
        let live: HashSet<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        if let Ok(mut map) = self.by_segment.lock() {
            map.retain(|id, _| live.contains(id));
        }
    }

    /// Facet counts of every live letter of the searcher, without visiting
    /// the letters of segments that have no deletions.
    pub(crate) fn all_counts(&self, searcher: &Searcher) -> tantivy::Result<FacetCounts> {
        let mut fruits = Vec::new();
        for reader in searcher.segment_readers() {
            let facets = self.get(reader)?;
            let named = match reader.alive_bitset() {
                None => facets.named(facets.histogram.get_or_init(|| {
                    let mut counts = facets.counters();
                    for doc in 0..reader.max_doc() {
                        facets.count(doc, &mut counts);
                    }
                    counts
                })),
                Some(alive) => {
                    let mut counts = facets.counters();
                    for doc in alive.iter_alive() {
                        facets.count(doc, &mut counts);
                    }
                    facets.named(&counts)
                }
            };
            fruits.push(named);
        }
        Ok(merge(fruits))
    }

    fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Some(t) = self
            .by_segment
            .lock()
            .ok()
            .and_then(|m| m.get(&id).cloned())
        {
            return Ok(t);
        }
        // Built outside the lock: two searches may build the same segment
        // once each at start-up, which is harmless.
        let built = Arc::new(SegmentFacets::build(reader)?);
        if let Ok(mut map) = self.by_segment.lock() {
            map.insert(id, built.clone());
        }
        Ok(built)
    }
}

fn merge(fruits: Vec<FacetCounts>) -> FacetCounts {
    let mut out: FacetCounts = vec![BTreeMap::new(); FACET_FIELDS.len()];
    for fruit in fruits {
        for (acc, part) in out.iter_mut().zip(fruit) {
            for (k, n) in part {
                *acc.entry(k).or_insert(0) += n;
            }
        }
    }
    out
}

/// Counts per facet value, in the order of [`FACET_FIELDS`].
pub(crate) type FacetCounts = Vec<BTreeMap<String, u64>>;

/// Collects facet counts of every match.
pub(crate) struct FacetCollector<'a> {
    pub(crate) tables: &'a FacetTables,
}

impl Collector for FacetCollector<'_> {
    type Fruit = FacetCounts;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let facets = self.tables.get(reader)?;
        let counts = facets.counters();
        Ok(FacetSegmentCollector { facets, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetCounts>) -> tantivy::Result<FacetCounts> {
        Ok(merge(fruits))
    }
}

/// Per-segment side of [`FacetCollector`].
pub(crate) struct FacetSegmentCollector {
    facets: Arc<SegmentFacets>,
    /// Flat counters, see [`SegmentFacets::bases`].
    counts: Vec<u64>,
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = FacetCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.facets.count(doc, &mut self.counts);
    }

    fn harvest(self) -> FacetCounts {
        self.facets.named(&self.counts)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::AllQuery;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index};

    use super::*;

    #[test]
    fn counts_single_multi_and_missing_values() {
        let mut b = Schema::builder();
        let f: Vec<_> = FACET_FIELDS
            .iter()
            .map(|n| b.add_text_field(n, STRING | FAST))
            .collect();
        let index = Index::create_in_ram(b.build());
        let mut w = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        // town, village, topic (multi), month, origin
        w.add_document(doc!(f[0] => "石桥镇", f[1] => "柳河村", f[2] => "低保", f[2] => "危房改造", f[3] => "2019-03", f[4] => "local"))
            .expect("add");
        w.add_document(doc!(f[0] => "石桥镇", f[2] => "低保", f[3] => "2019-04"))
            .expect("add");
        w.add_document(doc!(f[0] => "白马镇", f[1] => "红星村", f[2] => "扶贫", f[2] => "低保", f[2] => "其他", f[3] => "2019-03", f[4] => "forwarded"))
            .expect("add");
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let tables = FacetTables::default();
        let (n, by_letter) = searcher
            .search(&AllQuery, &(Count, FacetCollector { tables: &tables }))
            .expect("search");
        assert_eq!(n, 3);
        let whole = tables.all_counts(&searcher).expect("all");
        assert_eq!(by_letter, whole);
        let get = |facet: usize, v: &str| by_letter[facet].get(v).copied();
        assert_eq!((get(0, "石桥镇"), get(0, "白马镇")), (Some(2), Some(1)));
        assert_eq!(
            by_letter[1].values().sum::<u64>(),
            2,
            "a letter without a village counts in none"
        );
        assert_eq!(
            (
                get(2, "低保"),
                get(2, "危房改造"),
                get(2, "扶贫"),
                get(2, "其他")
            ),
            (Some(3), Some(1), Some(1), Some(1))
        );
        assert_eq!(get(3, "2019-03"), Some(2));
        assert_eq!(by_letter[4].len(), 2);
    }
}

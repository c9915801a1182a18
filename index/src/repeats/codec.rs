//! A compact binary form of [`RepeatIndex`], written by hand (little-endian,
//! length-prefixed) so that no serialisation crate is needed and the layout is
//! explicit. Only live letters, the interned strings and the frozen rarity
//! weights are stored; buckets, blocks, live document frequencies and each
//! letter's quantised weights are rebuilt on load, which keeps the file small
//! and the format independent of hash-map internals.

use xinfang_config::RepeatSettings;

use super::{features, Entry, Interner, RepeatIndex};

const MAGIC: &[u8; 4] = b"XFRP";
const VERSION: u32 = 4;

/// Stored repeat index bytes that cannot be read back.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// Not a repeat index, or written by an incompatible version.
    #[error("not a repeat index of this version of xinfang")]
    Format,
    /// The bytes end early or hold impossible values.
    #[error("the repeat index is damaged at byte {0}")]
    Damaged(usize),
}

/// Where encoded bytes go: memory, a counter, or a file.
pub(crate) trait Sink {
    fn put(&mut self, b: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, b: &[u8]) {
        self.extend_from_slice(b);
    }
}

/// Counts bytes without keeping them (the length of a section written
/// before the section itself).
#[derive(Default)]
pub(crate) struct Count(pub(crate) u64);

impl Sink for Count {
    fn put(&mut self, b: &[u8]) {
        self.0 += b.len() as u64;
    }
}

/// Streams to a writer; the first error is kept and later writes are skipped.
/// Why: a state of a million letters is hundreds of megabytes, and holding it
/// whole in memory before writing doubled the ingest's peak.
pub(crate) struct Stream<W: std::io::Write> {
    pub(crate) out: W,
    pub(crate) error: Option<std::io::Error>,
}

impl<W: std::io::Write> Sink for Stream<W> {
    fn put(&mut self, b: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(b) {
                self.error = Some(e);
            }
        }
    }
}

pub(crate) struct Writer<S: Sink>(pub(crate) S);

impl<S: Sink> Writer<S> {
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.0.put(b);
    }
    pub(crate) fn u32(&mut self, x: u32) {
        self.0.put(&x.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, x: u64) {
        self.0.put(&x.to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.put(s.as_bytes());
    }
    pub(crate) fn list(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        let mut buf = [0u8; 256];
        for chunk in xs.chunks(64) {
            for (i, &x) in chunk.iter().enumerate() {
                buf[i * 4..i * 4 + 4].copy_from_slice(&x.to_le_bytes());
            }
            self.0.put(&buf[..chunk.len() * 4]);
        }
    }
}

pub(crate) struct Reader<'a> {
    b: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, at: 0 }
    }
    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        let end = self.at.checked_add(n).ok_or(CodecError::Damaged(self.at))?;
        let s = self.b.get(self.at..end).ok_or(CodecError::Damaged(self.at))?;
        self.at = end;
        Ok(s)
    }
    pub(crate) fn u32(&mut self) -> Result<u32, CodecError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, CodecError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    pub(crate) fn str(&mut self) -> Result<&'a str, CodecError> {
        let n = self.u32()? as usize;
        let at = self.at;
        std::str::from_utf8(self.take(n)?).map_err(|_| CodecError::Damaged(at))
    }
    pub(crate) fn list(&mut self) -> Result<Box<[u32]>, CodecError> {
        let n = self.u32()? as usize;
        let bytes = self.take(n.checked_mul(4).ok_or(CodecError::Damaged(self.at))?)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
}

impl RepeatIndex {
    /// The index as bytes, to store beside the archive.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(64 + self.entries.len() * 1024));
        self.write_into(&mut w);
        w.0
    }

    /// Appends the bytes of [`RepeatIndex::to_bytes`] to `w` (a stored state
    /// embeds them without holding a second copy).
    pub(crate) fn write_into<S: Sink>(&self, w: &mut Writer<S>) {
        w.bytes(MAGIC);
        w.u32(VERSION);
        let s = &self.settings;
        for x in [s.shingle_k, s.lsh_bands, s.lsh_rows] {
            w.u32(x as u32);
        }
        w.u32(self.strings.strings.len() as u32);
        for st in &self.strings.strings {
            w.str(st);
        }
        // The frozen rarity weights, sorted so that equal indexes give equal bytes.
        w.u32(self.wlive);
        let mut wdf: Vec<(u32, u32)> = self.wdf.iter().map(|(&h, &n)| (h, n)).collect();
        wdf.sort_unstable();
        w.u32(wdf.len() as u32);
        for (h, n) in wdf {
            w.u32(h);
            w.u32(n);
        }
        let live: Vec<&Entry> = self.entries.iter().filter(|e| e.alive).collect();
        w.u32(live.len() as u32);
        for e in live {
            w.str(&e.id);
            w.u32(e.day as u32);
            // Flags: 1 = a ledger summary, 2 = says it was reported before.
            w.u32(u32::from(e.summary) | (u32::from(e.told_before) << 1));
            w.u32(e.batch);
            w.u32(e.disposition);
            w.u32(e.village);
            w.list(&e.topics);
            w.list(&e.pets);
            w.list(&e.offs);
            w.list(&e.entities);
            w.list(&e.matter);
            w.u32(e.han_len);
            w.list(&e.bands);
            w.u32(e.body.bytes().len() as u32);
            w.bytes(e.body.bytes());
            w.u64(e.fingerprint);
        }
    }

    /// Reads an index written by [`RepeatIndex::to_bytes`]. Thresholds and
    /// weights come from `settings`; when its shingle size or LSH shape differ
    /// from the stored ones, the band keys are recomputed from the stored bodies.
    pub fn from_bytes(bytes: &[u8], settings: RepeatSettings) -> Result<RepeatIndex, CodecError> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(4).map_err(|_| CodecError::Format)? != MAGIC || r.u32()? != VERSION {
            return Err(CodecError::Format);
        }
        let (k, bands, rows) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
        let rebuild_bands = (k, bands, rows) != (settings.shingle_k, settings.lsh_bands, settings.lsh_rows);
        let mut index = RepeatIndex::new(settings);
        let n = r.u32()? as usize;
        let mut strings = Interner::default();
        for _ in 0..n {
            let s = r.str()?;
            strings.ids.insert(s.to_string(), strings.strings.len() as u32);
            strings.strings.push(s.to_string());
        }
        let n_strings = strings.strings.len() as u32;
        index.strings = strings;
        index.wlive = r.u32()?;
        let n = r.u32()? as usize;
        index.wdf.reserve(n.min(bytes.len() / 8));
        for _ in 0..n {
            let (h, c) = (r.u32()?, r.u32()?);
            index.wdf.insert(h, c);
        }
        let count = r.u32()? as usize;
        index.entries.reserve(count.min(bytes.len() / 16));
        let mut keys = Vec::new();
        for _ in 0..count {
            let at = r.at;
            let id: Box<str> = r.str()?.into();
            let day = r.u32()? as i32;
            let flags = r.u32()?;
            let mut e = Entry {
                id,
                day,
                alive: true,
                summary: flags & 1 != 0,
                told_before: flags & 2 != 0,
                batch: r.u32()?,
                disposition: r.u32()?,
                village: r.u32()?,
                topics: r.list()?,
                pets: r.list()?,
                offs: r.list()?,
                entities: r.list()?,
                matter: r.list()?,
                han_len: r.u32()?,
                wq: Box::default(),
                bands: r.list()?,
                body: {
                    let n = r.u32()? as usize;
                    super::CompactText::from_bytes(r.take(n)?)
                },
                fingerprint: r.u64()?,
            };
            let interned = [e.batch, e.disposition, e.village]
                .into_iter()
                .filter(|&x| x != super::NONE)
                .chain(e.topics.iter().chain(e.pets.iter()).chain(e.offs.iter()).chain(e.entities.iter()).copied());
            if interned.into_iter().any(|x| x >= n_strings) {
                return Err(CodecError::Damaged(at));
            }
            if rebuild_bands {
                let s = &index.settings;
                features::band_keys(&e.body.text(), s.shingle_k, s.lsh_bands, s.lsh_rows, &mut keys);
                e.bands = keys.iter().map(|&b| (b >> 32) as u32 ^ b as u32).collect();
            }
            index.insert_entry(e);
        }
        if r.at != bytes.len() {
            return Err(CodecError::Damaged(r.at));
        }
        Ok(index)
    }
}

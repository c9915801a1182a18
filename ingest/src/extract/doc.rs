//! One letter's text, folded once, with the offset tables every pass shares.

use crate::text::fold_with_offsets;

/// A letter's text as the passes see it: folded (simplified script, NFKC,
/// ASCII lower case) and split into `char`s, with maps back to byte offsets of
/// the folded string (for the automatons) and of the original text (so titles
/// and 八何 strings are cut from the text as written).
pub(crate) struct Doc<'a> {
    pub original: &'a str,
    pub folded: String,
    pub chars: Vec<char>,
    /// Byte offset in `folded` of char `i`; one extra entry for the end.
    byte_of: Vec<usize>,
    /// Byte offset in `original` of folded char `i`; one extra entry for the end.
    orig_of: Vec<usize>,
}

impl<'a> Doc<'a> {
    pub fn new(original: &'a str) -> Doc<'a> {
        let (folded, orig_of) = fold_with_offsets(original);
        let mut chars = Vec::with_capacity(folded.len() / 2);
        let mut byte_of = Vec::with_capacity(folded.len() / 2 + 1);
        for (b, c) in folded.char_indices() {
            chars.push(c);
            byte_of.push(b);
        }
        byte_of.push(folded.len());
        Doc {
            original,
            folded,
            chars,
            byte_of,
            orig_of,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    pub fn byte(&self, i: usize) -> usize {
        self.byte_of[i.min(self.chars.len())]
    }

    /// Char index of a byte offset of the folded string (a char boundary).
    pub fn char_of_byte(&self, b: usize) -> usize {
        match self.byte_of.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The folded text of chars `a..b`.
    pub fn fstr(&self, a: usize, b: usize) -> &str {
        let b = b.min(self.len());
        let a = a.min(b);
        &self.folded[self.byte_of[a]..self.byte_of[b]]
    }

    /// The original text behind folded chars `a..b`.
    pub fn cut(&self, a: usize, b: usize) -> &'a str {
        let b = b.min(self.len());
        let a = a.min(b);
        let (sa, sb) = (self.orig_of[a], self.orig_of[b]);
        self.original.get(sa..sb.max(sa)).unwrap_or("")
    }

    /// Whether the folded text at char `i` starts with `s`.
    pub fn starts_with(&self, i: usize, s: &str) -> bool {
        i <= self.len() && self.folded[self.byte(i)..].starts_with(s)
    }

    /// Whether the folded text ending at char `i` (exclusive) ends with `s`.
    pub fn ends_with(&self, i: usize, s: &str) -> bool {
        self.folded[..self.byte(i)].ends_with(s)
    }

    /// Start and end of the clause around char `i` (commas split clauses).
    pub fn clause(&self, i: usize) -> (usize, usize) {
        let mut a = i.min(self.len());
        while a > 0 && !is_clause_break(self.chars[a - 1]) {
            a -= 1;
        }
        let mut b = i.min(self.len());
        while b < self.len() && !is_clause_break(self.chars[b]) {
            b += 1;
        }
        (a, b)
    }

    /// Sentences as char ranges, without their final punctuation and with
    /// surrounding whitespace trimmed; empty ones dropped.
    pub fn sentences(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..=self.len() {
            if i == self.len() || is_sentence_break(self.chars[i]) {
                let (mut a, mut b) = (start, i);
                while a < b && self.chars[a].is_whitespace() {
                    a += 1;
                }
                while b > a && self.chars[b - 1].is_whitespace() {
                    b -= 1;
                }
                if b > a {
                    out.push((a, b));
                }
                start = i + 1;
            }
        }
        out
    }

    /// Lines as char ranges, trimmed, empty ones dropped.
    pub fn lines(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..=self.len() {
            if i == self.len() || self.chars[i] == '\n' {
                let (mut a, mut b) = (start, i);
                while a < b && self.chars[a].is_whitespace() {
                    a += 1;
                }
                while b > a && self.chars[b - 1].is_whitespace() {
                    b -= 1;
                }
                if b > a {
                    out.push((a, b));
                }
                start = i + 1;
            }
        }
        out
    }
}

/// Ends a sentence (folded text: full-width punctuation is already ASCII).
pub(crate) fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n' | '！' | '？' | '；' | '…')
}

/// Ends a clause.
pub(crate) fn is_clause_break(c: char) -> bool {
    is_sentence_break(c) || matches!(c, ',' | '，' | ':' | '：')
}

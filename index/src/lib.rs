//! The letter archive.

//! End-to-end tests: the bundled sample intake (samples/intake, made by
//! samples/generate.py with LibreOffice-made PDFs and spreadsheets, GBK, Big5
//! and UTF-16 text) ingested through the real pipeline, checked against
//! samples/truth.json.

mod support;

mod damaged;
mod sample_intake;

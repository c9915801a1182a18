//! Plain-text letters: OCR output or typed, in any of the encodings Chinese
//! PCs write.

use crate::decode::{decode_text, DecodeError};
use crate::record::SourceKind;

use super::{document, labels, FileContent, FileKind, FormatError, Limits};

pub(super) fn read(bytes: &[u8], limits: &Limits) -> Result<FileContent, FormatError> {
    let decoded =
        decode_text(bytes).map_err(|DecodeError::NotText(why)| FormatError::NotText(why))?;
    let mut warnings = Vec::new();
    if decoded.replacements > 0 {
        warnings.push(format!(
            "{} characters could not be decoded (read as {}) and were replaced by �",
            decoded.replacements, decoded.encoding
        ));
    }
    let labels = labels::top_labels(&decoded.text);
    Ok(FileContent {
        kind: FileKind::Text,
        items: vec![document(
            SourceKind::Txt,
            decoded.text,
            labels,
            warnings,
            limits,
        )?],
        warnings: Vec::new(),
    })
}

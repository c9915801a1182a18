//! Spreadsheet ledgers through calamine, and CSV ledgers through the csv crate,
//! both turned into [`Grid`]s for [`ledger::read_grid`].

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, Sheets};
use xinfang_config::LedgerColumns;

use crate::decode::{decode_text, DecodeError};

use super::html;
use super::ledger::{read_grid, Cell, Grid, Merged, SheetResult};
use super::{short, FileContent, FileKind, FormatError, Item, Limits};

const KIND: &str = "spreadsheet";
const NO_ROWS: &str = "ledger has a header but no rows";

/// xlsx, xlsm, xls and ods. The container is checked against the extension
/// and, for zip containers, against the decompression cap first.
pub(super) fn read_workbook(
    ext: &str,
    bytes: &[u8],
    limits: &Limits,
    columns: &LedgerColumns,
) -> Result<FileContent, FormatError> {
    if super::is_encrypted_ooxml(bytes) {
        return Err(FormatError::Encrypted(KIND.into()));
    }
    let container_ok = match ext {
        "xls" => super::is_ole(bytes),
        _ => super::is_zip(bytes),
    };
    if !container_ok {
        // Web systems export "Excel" files that are HTML tables.
        if let Ok(decoded) = decode_text(bytes) {
            if html::is_html_table(&decoded.text) {
                return read_html(&decoded.text, columns);
            }
        }
        return Err(super::wrong_format(
            ext,
            &format!(".{ext} spreadsheet"),
            bytes,
        ));
    }
    if super::is_zip(bytes) {
        super::check_zip_sizes(bytes, KIND, limits.max_decompressed_bytes)?;
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(workbook_error)?;
    let mut grids = Vec::new();
    for name in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&name) {
            Ok(range) => range,
            Err(e) => return Err(workbook_error(e)),
        };
        // Row numbers as the spreadsheet shows them: the range may start below row 1.
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                let mut row: Vec<Cell> = vec![Cell::default(); col0 as usize];
                row.extend(cells.iter().map(cell));
                (row0 + i as u32 + 1, row)
            })
            .collect();
        let merged = merged_regions(&mut workbook, &name);
        grids.push(Grid {
            name: Some(name),
            rows,
            merged,
        });
    }
    finish(columns, &grids)
}

/// A sheet's merged regions, from the formats where calamine reads them
/// (xlsx and xls). calamine 0.38 does not expose them for ods, whose covered
/// cells read as empty; a sheet whose merge list cannot be read is used
/// without it.
fn merged_regions(workbook: &mut Sheets<Cursor<&[u8]>>, sheet: &str) -> Vec<Merged> {
    let dims: Vec<Dimensions> = match workbook {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_else(|e| {
            tracing::debug!(target: "ingest::read", error = %e, "merged cells not read");
            Vec::new()
        }),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_else(|e| {
            tracing::debug!(target: "ingest::read", error = %e, "merged cells not read");
            Vec::new()
        }),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    };
    dims.iter()
        .map(|d| Merged {
            first_row: d.start.0 + 1,
            first_col: d.start.1,
            last_row: d.end.0 + 1,
            last_col: d.end.1,
        })
        .collect()
}

/// A web page's tables read as ledger sheets; the page says it is a web
/// page in a warning, since the clerk may want a real spreadsheet.
fn read_html(text: &str, columns: &LedgerColumns) -> Result<FileContent, FormatError> {
    let grids = html::tables(text);
    let mut content = finish(columns, &grids).map_err(|e| match e {
        FormatError::NoHeader(_) => FormatError::NoHeader(
            "the file is a web page (HTML table) and no table in it has a header row with at least two known column names (信访编号, 来信日期, 信访人, 被反映人 …)".into(),
        ),
        other => other,
    })?;
    content
        .warnings
        .push("read as a web page (HTML table) saved with a spreadsheet name".into());
    Ok(content)
}

fn workbook_error(e: calamine::Error) -> FormatError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        FormatError::Encrypted(KIND.into())
    } else {
        FormatError::Damaged {
            kind: KIND.into(),
            detail: short(&msg),
        }
    }
}

/// A cell's text as a spreadsheet shows it. Integer-valued floats are written
/// without `.0` or an exponent, so phone and ID numbers stored as numbers keep
/// their digits.
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::default(),
        Data::String(s) => Cell::text(s.clone()),
        Data::Int(i) => Cell::text(i.to_string()),
        Data::Float(f) => Cell::text(render_float(*f)),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if !dt.is_duration() => Cell {
                text: d.date().to_string(),
                date: Some(d.date()),
            },
            _ => Cell::text(render_float(dt.as_f64())),
        },
        Data::DateTimeIso(s) => Cell {
            text: s.clone(),
            date: crate::dates::parse_date(s),
        },
        Data::DurationIso(s) => Cell::text(s.clone()),
        Data::Error(e) => Cell::text(format!("#{e:?}")),
    }
}

fn render_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// CSV ledgers in UTF-8, GBK or any encoding `decode_text` knows; the
/// delimiter (comma, tab or semicolon) is the most frequent one in the first lines.
pub(super) fn read_csv(bytes: &[u8], columns: &LedgerColumns) -> Result<FileContent, FormatError> {
    let decoded =
        decode_text(bytes).map_err(|DecodeError::NotText(why)| FormatError::NotText(why))?;
    let head: String = decoded.text.lines().take(20).collect::<Vec<_>>().join("\n");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| head.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FormatError::Damaged {
            kind: "CSV file".into(),
            detail: short(&e.to_string()),
        })?;
        rows.push((i as u32 + 1, record.iter().map(Cell::text).collect()));
    }
    let mut content = finish(
        columns,
        &[Grid {
            name: None,
            rows,
            merged: Vec::new(),
        }],
    )?;
    if decoded.replacements > 0 {
        content.warnings.push(format!(
            "{} characters could not be decoded (read as {}) and were replaced by �",
            decoded.replacements, decoded.encoding
        ));
    }
    Ok(content)
}

/// Reads every sheet; sheets without a header are skipped unless none has one.
fn finish(columns: &LedgerColumns, grids: &[Grid]) -> Result<FileContent, FormatError> {
    let mut items: Vec<Item> = Vec::new();
    let mut any_header = false;
    for grid in grids {
        match read_grid(columns, grid) {
            SheetResult::NoHeader => {
                tracing::debug!(
                    sheet = grid.name.as_deref().unwrap_or(""),
                    "sheet without a ledger header skipped"
                );
            }
            SheetResult::Rows(rows) => {
                any_header = true;
                items.extend(rows);
            }
        }
    }
    if !any_header {
        return Err(FormatError::NoHeader(
            "no sheet has a header row with at least two known column names (信访编号, 来信日期, 信访人, 被反映人 …)".into(),
        ));
    }
    let warnings = if items.is_empty() {
        vec![NO_ROWS.to_string()]
    } else {
        Vec::new()
    };
    Ok(FileContent {
        kind: FileKind::Ledger,
        items,
        warnings,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn numbers_render_as_a_spreadsheet_shows_them() {
        assert_eq!(render_float(13800001111.0), "13800001111");
        assert_eq!(render_float(20190105.0), "20190105");
        assert_eq!(render_float(1.5), "1.5");
        assert_eq!(cell(&Data::Int(7)).text, "7");
        assert_eq!(
            cell(&Data::DateTimeIso("2019-01-05".into())).date,
            NaiveDate::from_ymd_opt(2019, 1, 5)
        );
    }
}

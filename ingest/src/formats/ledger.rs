//! Ledger sheets: finding the header below title rows, mapping columns to
//! letter fields, and turning each data row into a [`LedgerRow`].
//!
//! Works on a format-neutral grid so that xlsx, xls, ods and CSV share it.
//! Real ledgers carry title and unit rows above the header, two-row headers
//! whose parent cell (信访人) is merged over its children (姓名, 电话), blank
//! rows, and footer rows (合计, 填表人); all are handled by shape, not by
//! special cases.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use xinfang_config::{LedgerColumns, LedgerField};

use crate::dates::parse_date;
use crate::record::{LedgerRow, PartContent, SourceKind};

use super::Item;

/// One cell: its text as a spreadsheet shows it, and its date when the cell
/// is typed as a date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Cell {
    pub text: String,
    pub date: Option<NaiveDate>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            date: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.date.is_none()
    }
}

/// A sheet's rows, each with its 1-based row number as a spreadsheet shows it.
pub(super) struct Grid {
    pub name: Option<String>,
    pub rows: Vec<(u32, Vec<Cell>)>,
    /// Merged regions, as 1-based row numbers and 0-based column indexes
    /// (the grid's own coordinates).
    pub merged: Vec<Merged>,
}

/// A merged region of a sheet: rows `first_row..=last_row` (1-based, as
/// shown) and columns `first_col..=last_col` (0-based). Its value is held by
/// its top-left cell only; the others read as empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Merged {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// Gives a region merged down over several data rows (a date or town cell
/// shared by consecutive letters) to every row it covers, as the
/// spreadsheet shows it. Only regions that start at or below `data_from`
/// (the first data row number) count, so merged titles and two-row headers
/// keep their own handling; only the region's first column is filled, so a
/// value merged across columns does not spill into a neighbouring field; and
/// a row with nothing else in it stays empty.
fn fill_merged_down(rows: &mut [(u32, Vec<Cell>)], merged: &[Merged], data_from: u32) {
    for m in merged.iter().filter(|m| m.last_row > m.first_row && m.first_row >= data_from) {
        let col = m.first_col as usize;
        let Some(value) = rows
            .iter()
            .find(|(n, _)| *n == m.first_row)
            .and_then(|(_, r)| r.get(col))
            .filter(|c| !c.is_empty())
            .cloned()
        else {
            continue;
        };
        for (_, row) in rows
            .iter_mut()
            .filter(|(n, _)| *n > m.first_row && *n <= m.last_row)
        {
            if !row.iter().any(|c| !c.is_empty()) {
                continue;
            }
            if row.len() <= col {
                row.resize(col + 1, Cell::default());
            }
            if row[col].is_empty() {
                row[col] = value.clone();
            }
        }
    }
}

/// How far down a header is looked for.
const HEADER_SEARCH_ROWS: usize = 30;
/// Header cells are short.
const MAX_HEADER_CHARS: usize = 24;

/// What one column carries.
#[derive(Debug, Clone)]
struct Column {
    /// Header as shown, `parent/child` for two-row headers.
    header: String,
    field: Option<LedgerField>,
}

/// The result of reading one sheet.
pub(super) enum SheetResult {
    /// No header row: an instructions sheet or an empty one.
    NoHeader,
    /// A header and its data rows (maybe none).
    Rows(Vec<Item>),
}

fn clean_header(s: &str) -> String {
    LedgerColumns::clean_header(s)
}

/// Maps a cleaned header (see [`LedgerColumns::match_header`]); long cells are
/// titles or data, not headers.
fn field_for(columns: &LedgerColumns, cleaned: &str) -> Option<LedgerField> {
    if cleaned.chars().count() > MAX_HEADER_CHARS {
        return None;
    }
    columns.match_header(cleaned)
}

fn parent_for(columns: &LedgerColumns, cleaned: &str) -> Option<LedgerField> {
    columns.parent_for(cleaned)
}

fn child_kind<'a>(columns: &'a LedgerColumns, cleaned: &str) -> Option<&'a str> {
    columns.child_kind(cleaned)
}

/// A generic child under a petitioner/accused parent.
fn combine(parent: LedgerField, child: &str) -> Option<LedgerField> {
    use LedgerField::*;
    match (parent, child) {
        (Petitioner, "name") => Some(Petitioner),
        (Petitioner, "phone") => Some(PetitionerPhone),
        (Petitioner, "id") => Some(PetitionerId),
        (Petitioner, "address" | "town" | "village") => Some(PetitionerAddress),
        (Accused, "name") => Some(Accused),
        (Accused, "title") => Some(Title),
        (Accused, "town") => Some(Town),
        (Accused, "village") => Some(Village),
        _ => None,
    }
}

/// Counts the cells of a row that name a known field, parent or child header.
fn known_cells(columns: &LedgerColumns, row: &[Cell]) -> (usize, usize) {
    let mut known = 0;
    let mut non_empty = 0;
    for cell in row.iter().filter(|c| !c.is_empty()) {
        non_empty += 1;
        let cleaned = clean_header(&cell.text);
        if cell.date.is_none()
            && (field_for(columns, &cleaned).is_some()
                || parent_for(columns, &cleaned).is_some()
                || child_kind(columns, &cleaned).is_some())
        {
            known += 1;
        }
    }
    (known, non_empty)
}

/// The header row: the first of the top rows with at least two known column
/// names, that fills at least half of the sheet's width. The width is the
/// most cells any top row fills, so a stray note far to the right does not
/// widen the sheet.
fn find_header(columns: &LedgerColumns, rows: &[(u32, Vec<Cell>)]) -> Option<usize> {
    let width = rows
        .iter()
        .take(HEADER_SEARCH_ROWS * 2)
        .map(|(_, r)| r.iter().filter(|c| !c.is_empty()).count())
        .max()
        .unwrap_or(0);
    rows.iter().take(HEADER_SEARCH_ROWS).position(|(_, row)| {
        let (known, non_empty) = known_cells(columns, row);
        known >= 2 && non_empty * 2 >= width
    })
}

/// A second header row under the first: its cells are (mostly) known child
/// or field names, and none is a date.
fn is_child_row(columns: &LedgerColumns, row: &[Cell]) -> bool {
    let (known, non_empty) = known_cells(columns, row);
    known >= 1 && known * 2 >= non_empty && row.iter().all(|c| c.date.is_none())
}

/// Builds the columns from one header row, or a parent row over a child row.
fn build_columns(columns: &LedgerColumns, top: &[Cell], child: Option<&[Cell]>) -> Vec<Column> {
    let width = top.len().max(child.map_or(0, <[Cell]>::len));
    let mut out = Vec::with_capacity(width);
    let mut carried: Option<String> = None;
    for i in 0..width {
        let top_text = top
            .get(i)
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let child_text = child
            .and_then(|r| r.get(i))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        // A merged parent holds its text only in its top-left cell: carry it right
        // over empty top cells that have a child.
        let parent = if !top_text.is_empty() {
            carried = Some(top_text.clone());
            Some(top_text)
        } else if !child_text.is_empty() {
            carried.clone()
        } else {
            carried = None;
            None
        };
        let column = match (parent, child_text.is_empty()) {
            (Some(p), true) => Column {
                field: field_for(columns, &clean_header(&p)),
                header: p,
            },
            (None, false) => Column {
                field: field_for(columns, &clean_header(&child_text)),
                header: child_text,
            },
            (Some(p), false) => {
                let (pc, cc) = (clean_header(&p), clean_header(&child_text));
                let field = match (
                    parent_for(columns, &pc).or_else(|| field_for(columns, &pc)),
                    child_kind(columns, &cc),
                ) {
                    (Some(pf), Some(kind)) => combine(pf, kind),
                    _ => None,
                }
                .or_else(|| field_for(columns, &format!("{pc}{cc}")))
                .or_else(|| field_for(columns, &cc));
                Column {
                    header: format!("{p}/{child_text}"),
                    field,
                }
            }
            (None, true) => Column {
                header: String::new(),
                field: None,
            },
        };
        out.push(column);
    }
    out
}

/// Splits a cell holding several names or titles, keeping their order.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    s.split(['\n', '\r', '、', '，', ',', ';', '；', '/', '／'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_footer(columns: &LedgerColumns, row: &[Cell]) -> bool {
    let Some(first) = row.iter().find(|c| !c.is_empty()) else {
        return false;
    };
    let text = first.text.trim();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    columns
        .footer_markers
        .iter()
        .any(|m| squeezed.starts_with(m.as_str()))
}

/// Reads one sheet's grid into ledger-row items.
pub(super) fn read_grid(columns: &LedgerColumns, grid: &Grid) -> SheetResult {
    let Some(h) = find_header(columns, &grid.rows) else {
        return SheetResult::NoHeader;
    };
    let rows = &grid.rows;
    let header_row = &rows[h].1;
    let (cols, data_start) = match rows.get(h + 1) {
        Some((_, next)) if is_child_row(columns, next) => {
            (build_columns(columns, header_row, Some(next)), h + 2)
        }
        _ => match h.checked_sub(1).map(|p| &rows[p].1) {
            // The parent row was not recognised by itself (few known names): a row
            // right above with a parent header and fewer cells.
            Some(prev)
                if prev
                    .iter()
                    .any(|c| parent_for(columns, &clean_header(&c.text)).is_some())
                    && prev.iter().filter(|c| !c.is_empty()).count()
                        < header_row.iter().filter(|c| !c.is_empty()).count() =>
            {
                (build_columns(columns, prev, Some(header_row)), h + 1)
            }
            _ => (build_columns(columns, header_row, None), h + 1),
        },
    };
    let header_texts: Vec<String> = header_row.iter().map(|c| clean_header(&c.text)).collect();
    let mut data: Vec<(u32, Vec<Cell>)> = rows[data_start..].to_vec();
    if let Some(&(first, _)) = data.first() {
        fill_merged_down(&mut data, &grid.merged, first);
    }
    let mut items = Vec::new();
    for (number, row) in &data {
        if row.iter().all(Cell::is_empty) || is_footer(columns, row) {
            continue;
        }
        // A header repeated on every printed page.
        if row
            .iter()
            .map(|c| clean_header(&c.text))
            .collect::<Vec<_>>()
            == header_texts
        {
            continue;
        }
        // Pre-numbered template rows: only the sequence number is filled.
        let only_seq = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .all(|(i, _)| cols.get(i).and_then(|c| c.field) == Some(LedgerField::Seq));
        if only_seq {
            continue;
        }
        let (ledger_row, warnings) = map_row(&cols, row);
        items.push(Item {
            kind: SourceKind::LedgerRow,
            sheet: grid.name.clone(),
            row: Some(*number),
            content: PartContent::Ledger(ledger_row),
            warnings,
        });
    }
    SheetResult::Rows(items)
}

fn set_once(
    slot: &mut Option<String>,
    value: &str,
    header: &str,
    extra: &mut BTreeMap<String, String>,
) {
    if slot.is_none() {
        *slot = Some(value.to_string());
    } else {
        extra.insert(header.to_string(), value.to_string());
    }
}

fn map_row(cols: &[Column], row: &[Cell]) -> (LedgerRow, Vec<String>) {
    let mut r = LedgerRow::default();
    let mut warnings = Vec::new();
    for (i, cell) in row.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        let value = cell.text.trim();
        let (header, field) = match cols.get(i) {
            Some(c) => (
                if c.header.is_empty() {
                    format!("column {}", i + 1)
                } else {
                    c.header.clone()
                },
                c.field,
            ),
            None => (format!("column {}", i + 1), None),
        };
        use LedgerField::*;
        match field {
            Some(Seq) => {}
            Some(Ref) => set_once(&mut r.reference, value, &header, &mut r.extra),
            Some(Received) => match cell.date.or_else(|| parse_date(value)) {
                Some(d) if r.received.is_none() => r.received = Some(d),
                Some(d) => {
                    r.extra.insert(header, d.to_string());
                }
                None => {
                    warnings.push(format!("the date in column {header} could not be read"));
                    r.extra.insert(header, value.to_string());
                }
            },
            Some(Petitioner) => r.petitioners.extend(split_names(value)),
            Some(Accused) => r.accused.extend(split_names(value)),
            Some(Title) => r.titles.extend(split_names(value)),
            Some(PetitionerPhone) => r.sensitive.phones.extend(split_numbers(value)),
            Some(PetitionerId) => r.sensitive.id_numbers.extend(split_numbers(value)),
            Some(Town) => set_once(&mut r.town, value, &header, &mut r.extra),
            Some(Village) => set_once(&mut r.village, value, &header, &mut r.extra),
            Some(Category) => set_once(&mut r.category, value, &header, &mut r.extra),
            Some(Summary) => set_once(&mut r.summary, value, &header, &mut r.extra),
            Some(Text) => set_once(&mut r.text, value, &header, &mut r.extra),
            Some(Disposition) => set_once(&mut r.disposition, value, &header, &mut r.extra),
            Some(Result) => set_once(&mut r.result, value, &header, &mut r.extra),
            Some(Channel) => set_once(&mut r.channel, value, &header, &mut r.extra),
            Some(Forwarded) => {
                let shown = cell
                    .date
                    .or_else(|| parse_date(value))
                    .map_or_else(|| value.to_string(), |d| d.to_string());
                r.extra.insert(header, shown);
            }
            Some(PetitionerAddress) | None => {
                r.extra.insert(header, value.to_string());
            }
        }
    }
    (r, warnings)
}

/// Phone and ID cells may hold several numbers.
fn split_numbers(s: &str) -> Vec<String> {
    s.split(['\n', '\r', '、', '，', ',', ';', '；', '/', '／', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn columns() -> LedgerColumns {
        xinfang_config::Config::defaults()
            .expect("defaults")
            .ledger_columns
    }

    fn row(n: u32, cells: &[&str]) -> (u32, Vec<Cell>) {
        (n, cells.iter().map(|s| Cell::text(*s)).collect())
    }

    #[test]
    fn containment_prefers_the_longest_synonym() {
        let c = columns();
        assert_eq!(
            field_for(&c, &clean_header("被反映人\n职务")),
            Some(LedgerField::Title)
        );
        assert_eq!(
            field_for(&c, &clean_header("来信日期（年月日）")),
            Some(LedgerField::Received)
        );
        assert_eq!(field_for(&c, "村"), Some(LedgerField::Village));
        assert_eq!(field_for(&c, "村民小组长"), None);
    }

    /// probe2.xlsx: the date C5:C6 merged over two letters; a title merged
    /// across the sheet (A1:J1) and a merge over a blank row change nothing.
    #[test]
    fn a_cell_merged_down_belongs_to_every_row_it_covers() {
        let c = columns();
        let grid = Grid {
            name: None,
            rows: vec![
                row(1, &["补充台账（测试）"]),
                row(2, &["序号", "信访编号", "来信日期", "信访人", "被反映人", "所属乡镇"]),
                row(3, &["1", "XF2020-0201", "2020-08-03", "杨庄村部分群众", "葛长林", "石桥镇"]),
                row(4, &["2", "XF2020-0202", "", "包立民", "葛长青", ""]),
                row(5, &["", "", "", "", "", ""]),
            ],
            merged: vec![
                Merged { first_row: 1, first_col: 0, last_row: 1, last_col: 5 },
                Merged { first_row: 3, first_col: 2, last_row: 5, last_col: 2 },
                Merged { first_row: 3, first_col: 5, last_row: 4, last_col: 5 },
            ],
        };
        let SheetResult::Rows(items) = read_grid(&c, &grid) else {
            panic!("no header")
        };
        assert_eq!(items.len(), 2, "the blank row under the merge stays blank");
        let rows: Vec<&LedgerRow> = items
            .iter()
            .map(|i| match &i.content {
                PartContent::Ledger(r) => r,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(rows[1].received, NaiveDate::from_ymd_opt(2020, 8, 3));
        assert_eq!(rows[1].town.as_deref(), Some("石桥镇"));
        assert_eq!(rows[1].petitioners, ["包立民"]);
    }

    #[test]
    fn parent_carried_over_merged_cells() {
        let c = columns();
        let grid = Grid {
            name: None,
            merged: Vec::new(),
            rows: vec![
                row(1, &["台账"]),
                row(2, &["序号", "编号", "举报人情况", "", "", "被反映人", ""]),
                row(3, &["", "", "姓名", "电话", "身份证号", "姓名", "职务"]),
                row(
                    4,
                    &["1", "A1", "张三", "138", "1308", "王五\n赵六", "书记、主任"],
                ),
                row(5, &["2"]),
                row(6, &["", "", "", "", "", ""]),
                row(7, &["合  计", "1"]),
            ],
        };
        let SheetResult::Rows(items) = read_grid(&c, &grid) else {
            panic!("no header")
        };
        assert_eq!(items.len(), 1);
        let PartContent::Ledger(r) = &items[0].content else {
            panic!()
        };
        assert_eq!(items[0].row, Some(4));
        assert_eq!(r.reference.as_deref(), Some("A1"));
        assert_eq!(r.petitioners, vec!["张三"]);
        assert_eq!(r.sensitive.phones, vec!["138"]);
        assert_eq!(r.sensitive.id_numbers, vec!["1308"]);
        assert_eq!(r.accused, vec!["王五", "赵六"]);
        assert_eq!(r.titles, vec!["书记", "主任"]);
        assert!(r.extra.is_empty(), "{:?}", r.extra);
    }

    #[test]
    fn header_with_many_unknown_columns_and_a_stray_note() {
        let c = columns();
        let grid = Grid {
            name: None,
            merged: Vec::new(),
            rows: vec![
                row(
                    1,
                    &[
                        "2020年信访件办理情况",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "制表：办公室",
                    ],
                ),
                row(
                    2,
                    &[
                        "编号",
                        "信访人",
                        "承办单位",
                        "办理时限",
                        "是否办结",
                        "反馈时间",
                        "督办",
                    ],
                ),
                row(
                    3,
                    &["2020-7", "刘一", "县民政局", "30天", "是", "2020.3.1", "否"],
                ),
            ],
        };
        let SheetResult::Rows(items) = read_grid(&c, &grid) else {
            panic!("no header")
        };
        assert_eq!(items.len(), 1);
        let PartContent::Ledger(r) = &items[0].content else {
            panic!()
        };
        assert_eq!(items[0].row, Some(3));
        assert_eq!(r.reference.as_deref(), Some("2020-7"));
        assert_eq!(r.petitioners, vec!["刘一"]);
        assert_eq!(
            r.extra.get("承办单位").map(String::as_str),
            Some("县民政局")
        );
        assert_eq!(r.extra.len(), 5, "{:?}", r.extra);
    }

    #[test]
    fn sheet_without_header_is_reported_as_such() {
        let grid = Grid {
            name: Some("说明".into()),
            merged: Vec::new(),
            rows: vec![row(1, &["填表说明"]), row(2, &["日期写作2019年1月5日"])],
        };
        assert!(matches!(
            read_grid(&columns(), &grid),
            SheetResult::NoHeader
        ));
    }
}

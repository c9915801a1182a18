//! Web-page ledgers: a file named `.xls` that is an HTML table. Web systems
//! export "Excel" this way (Excel opens it), so it is read as the ledger it
//! shows rather than refused as text.
//!
//! A small, tolerant reader of `<tr>`/`<td>`/`<th>`: HTML is not XML
//! (unclosed `<td>`, `<br>`, `&nbsp;`), so this is a scanner over tags, not
//! an XML parse. It keeps what a spreadsheet program shows: cell text with
//! whitespace collapsed, `<br>` and block ends as line breaks, entities
//! decoded; `colspan` and `rowspan` place later cells where they appear and
//! become merged regions, so a date spanning two rows belongs to both.
//! Comments, `<script>` and `<style>` are skipped. Every table is one grid.

use super::ledger::{Cell, Grid, Merged};

/// Spans beyond these are not real ledgers; they are clamped so a hostile
/// `rowspan="4000000000"` cannot make work.
const MAX_ROWSPAN: u32 = 10_000;
const MAX_COLSPAN: u32 = 1_000;

/// Whether decoded text is an HTML page with a table (the first non-blank
/// character is `<` and a `<table` tag appears).
pub(super) fn is_html_table(text: &str) -> bool {
    let head = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    head.starts_with('<') && contains_ignore_case(text, "<table")
}

fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// One table being read.
#[derive(Default)]
struct TableState {
    rows: Vec<(u32, Vec<Cell>)>,
    merged: Vec<Merged>,
    /// The row being filled, if a `<tr>` is open.
    row: Option<Vec<Cell>>,
    /// The cell being filled: its text and spans.
    cell: Option<(String, u32, u32)>,
    /// Columns still covered by a rowspan from above: column → rows left.
    covered: Vec<(u32, u32)>,
}

impl TableState {
    fn open_row(&mut self) {
        self.close_row();
        self.row = Some(Vec::new());
    }

    fn open_cell(&mut self, colspan: u32, rowspan: u32) {
        self.close_cell();
        if self.row.is_none() {
            self.row = Some(Vec::new());
        }
        self.cell = Some((String::new(), colspan, rowspan));
    }

    fn text(&mut self, s: &str) {
        if let Some((t, _, _)) = self.cell.as_mut() {
            t.push_str(s);
        }
    }

    fn close_cell(&mut self) {
        let Some((text, colspan, rowspan)) = self.cell.take() else {
            return;
        };
        let row_number = self.rows.len() as u32 + 1;
        let Some(row) = self.row.as_mut() else {
            return;
        };
        // Skip the slots that cells spanning down from above occupy.
        while self
            .covered
            .iter()
            .any(|&(c, left)| left > 0 && c == row.len() as u32)
        {
            row.push(Cell::default());
        }
        let col = row.len() as u32;
        row.push(Cell::text(squeeze(&text)));
        for _ in 1..colspan {
            row.push(Cell::default());
        }
        if colspan > 1 || rowspan > 1 {
            self.merged.push(Merged {
                first_row: row_number,
                first_col: col,
                last_row: row_number + rowspan - 1,
                last_col: col + colspan - 1,
            });
        }
        if rowspan > 1 {
            for c in col..col + colspan {
                // This row counts as the first one; the rows below are covered.
                self.covered.push((c, rowspan));
            }
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(mut row) = self.row.take() {
            // Covered slots at the end of the row.
            while self
                .covered
                .iter()
                .any(|&(c, left)| left > 0 && c == row.len() as u32)
            {
                row.push(Cell::default());
            }
            for (_, left) in self.covered.iter_mut() {
                *left = left.saturating_sub(1);
            }
            self.covered.retain(|&(_, left)| left > 0);
            let number = self.rows.len() as u32 + 1;
            self.rows.push((number, row));
        }
    }
}

/// Reads every table of an HTML page into a grid.
pub(super) fn tables(html: &str) -> Vec<Grid> {
    let mut grids = Vec::new();
    let mut table: Option<TableState> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if let Some(t) = table.as_mut() {
                t.text(&decode_entities(rest));
            }
            break;
        };
        if lt > 0 {
            if let Some(t) = table.as_mut() {
                t.text(&decode_entities(&rest[..lt]));
            }
        }
        rest = &rest[lt..];
        // Comments and raw-text elements are skipped whole.
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !closing && (name == "script" || name == "style") {
            let end = format!("</{name}");
            rest = find_ignore_case(rest, &end).map_or("", |e| &rest[e..]);
            continue;
        }
        match (name.as_str(), closing) {
            ("table", false) => {
                if let Some(t) = table.take() {
                    grids.push(finish(t, grids.len()));
                }
                table = Some(TableState::default());
            }
            ("table", true) => {
                if let Some(t) = table.take() {
                    grids.push(finish(t, grids.len()));
                }
            }
            ("tr", false) => table.iter_mut().for_each(TableState::open_row),
            ("tr", true) => table.iter_mut().for_each(TableState::close_row),
            ("td" | "th", false) => {
                let colspan = span(body, "colspan", MAX_COLSPAN);
                let rowspan = span(body, "rowspan", MAX_ROWSPAN);
                if let Some(t) = table.as_mut() {
                    t.open_cell(colspan, rowspan);
                }
            }
            ("td" | "th", true) => table.iter_mut().for_each(TableState::close_cell),
            ("br", _) | ("p" | "div" | "li", true) => {
                if let Some(t) = table.as_mut() {
                    t.text("\n");
                }
            }
            _ => {}
        }
    }
    if let Some(t) = table.take() {
        grids.push(finish(t, grids.len()));
    }
    grids
}

fn finish(mut t: TableState, index: usize) -> Grid {
    t.close_row();
    Grid {
        name: Some(format!("table {}", index + 1)),
        rows: t.rows,
        merged: t.merged,
    }
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The value of a `colspan`/`rowspan` attribute, 1 when absent or unreadable.
fn span(tag: &str, attr: &str, max: u32) -> u32 {
    let Some(at) = find_ignore_case(tag, attr) else {
        return 1;
    };
    let value = tag[at + attr.len()..]
        .trim_start()
        .strip_prefix('=')
        .unwrap_or("")
        .trim_start()
        .trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u32>().map_or(1, |n| n.clamp(1, max))
}

/// Collapses whitespace runs to one space (as a browser shows them), keeping
/// the line breaks of `<br>` and block ends; trims each line.
fn squeeze(s: &str) -> String {
    s.split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes the entities web exports use: the XML five, `&nbsp;` and
/// numeric references. Unknown entities stay as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.replace('\u{a0}', " ");
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace('\u{a0}', " ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        g.rows
            .iter()
            .map(|(_, r)| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    #[test]
    fn tolerant_of_html_as_web_systems_write_it() {
        let html = r#"<HTML><head><style>td{color:red}</style><script>var a="<td>x</td>";</script></head>
<body><!-- <table><tr><td>no</td></tr></table> -->
<table border=1><TR><TH>序号<TH>信访人<TH>主要问题
<tr><td>1<td>张&nbsp;三&amp;李四<td>反映截留<br>补偿款&#x3002;
</table></body></HTML>"#;
        let grids = tables(html);
        assert_eq!(grids.len(), 1);
        assert_eq!(
            texts(&grids[0]),
            vec![
                vec!["序号", "信访人", "主要问题"],
                vec!["1", "张 三&李四", "反映截留\n补偿款。"],
            ]
        );
    }

    #[test]
    fn spans_place_cells_and_become_merged_regions() {
        let html = r#"<table><tr><td colspan="2">台账</td></tr>
<tr><td>1</td><td rowspan='2'>2020-07-30</td><td>甲</td></tr>
<tr><td>2</td><td>乙</td></tr></table>"#;
        let g = &tables(html)[0];
        assert_eq!(
            texts(g),
            vec![
                vec!["台账", ""],
                vec!["1", "2020-07-30", "甲"],
                vec!["2", "", "乙"],
            ]
        );
        assert_eq!(
            g.merged,
            vec![
                Merged { first_row: 1, first_col: 0, last_row: 1, last_col: 1 },
                Merged { first_row: 2, first_col: 1, last_row: 3, last_col: 1 },
            ]
        );
        // A hostile span is clamped, not looped over.
        let g = &tables(r#"<table><tr><td rowspan="4000000000" colspan="99999999">x</td></tr></table>"#)[0];
        assert_eq!(g.rows[0].1.len(), MAX_COLSPAN as usize);
    }

    #[test]
    fn only_pages_with_a_table_are_tables() {
        assert!(is_html_table("\u{feff}  <html><body><TABLE>"));
        assert!(!is_html_table("序号,信访人\n1,<table>"));
        assert!(!is_html_table("<html><body>没有表格</body></html>"));
    }
}

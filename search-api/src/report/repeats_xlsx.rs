//! One batch's repeat list as a workbook, for the clue-screening meeting
//! (`xinfang repeats --batch LABEL --xlsx FILE`): one row per letter of the
//! batch with its verdict (新件 / 重复件 / 重复件（有新问题）), the earlier
//! letters it repeats, why, what is new, and how the earlier letter was
//! disposed of. A new issue goes back to the meeting; a pure repeat is
//! answered with the earlier disposition — the list lets the clerk see which
//! is which at a glance, and filter by verdict.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use xinfang_index::repeats::RepeatLetter;
use xinfang_index::{BatchLetter, BatchView};

use super::ReportError;

/// Sheet name.
pub const SHEET: &str = "重复信访清单";
/// Column headers, in order.
pub const COLUMNS: [&str; 10] =
    ["信访编号", "收件日期", "信访人", "被反映人", "主要问题", "判定", "重复于", "匹配理由", "新问题内容", "前次处置"];
/// Column widths in characters, matching [`COLUMNS`].
const WIDTHS: [f64; 10] = [16.0, 12.0, 12.0, 22.0, 48.0, 16.0, 20.0, 40.0, 40.0, 12.0];
/// Row of the column headers (rows above: title and summary).
pub const HEADER_ROW: u32 = 2;
/// Longest 主要问题 cell cut from a letter's text when it has no title.
const PROBLEM_CHARS: usize = 120;

/// Verdict of a letter that repeats nothing earlier.
pub const NEW: &str = "新件";
/// Verdict of a repeat without a new issue.
pub const PURE: &str = "重复件";
/// Verdict of a repeat that brings a new issue.
pub const NEW_ISSUE: &str = "重复件（有新问题）";

/// The verdict of a letter from its repeat record.
pub fn verdict(repeat: Option<&RepeatLetter>) -> &'static str {
    match repeat {
        None => NEW,
        Some(r) if r.new_issue => NEW_ISSUE,
        Some(_) => PURE,
    }
}

/// The summary line: 本批 N 件，重复 M 件，其中有新问题 K 件.
pub fn summary_line(view: &BatchView) -> String {
    format!(
        "本批 {} 件，重复 {} 件，其中有新问题 {} 件",
        view.letters,
        view.pure_repeats + view.new_issue_repeats,
        view.new_issue_repeats
    )
}

/// The cells of one row, in [`COLUMNS`] order.
pub fn row_cells(row: &BatchLetter) -> [String; 10] {
    let l = &row.letter;
    let petitioners: Vec<&str> =
        l.petitioners.iter().map(|p| if p.anonymous { "匿名" } else { p.name.as_str() }).collect();
    let accused: Vec<String> = l
        .accused
        .iter()
        .map(|o| if o.title.trim().is_empty() { o.name.clone() } else { format!("{}（{}）", o.name, o.title) })
        .collect();
    let problem = problem_of(&l.title, &l.text);
    let r = row.repeat.as_ref();
    [
        l.reference.clone().unwrap_or_else(|| l.id.clone()),
        l.received.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        petitioners.join("、"),
        accused.join("、"),
        problem,
        verdict(r).to_string(),
        row.repeat_of_refs.join("、"),
        r.map(|r| r.reasons.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join("；")).unwrap_or_default(),
        r.map(|r| r.what_is_new.join("；")).unwrap_or_default(),
        r.and_then(|r| r.earlier_disposition.clone()).unwrap_or_default(),
    ]
}

/// The 主要问题 cell: the letter's title, unless it is only a salutation
/// (县纪委信访室：); then the start of the text after its salutation lines.
fn problem_of(title: &str, text: &str) -> String {
    let salutation = |s: &str| s.trim_end().ends_with('：') || s.trim_end().ends_with(':');
    let title = title.trim();
    if !title.is_empty() && !salutation(title) {
        return title.to_string();
    }
    let body: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !salutation(l)).collect();
    shorten(&body.join(" "), PROBLEM_CHARS)
}

/// The text on one line, cut to `max` characters.
fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut s: String = flat.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Writes the batch's repeat list: title, summary line, a frozen header row
/// with an autofilter, one wrapped row per letter.
pub fn write_repeats_xlsx(view: &BatchView, rows: &[BatchLetter], path: &Path) -> Result<(), ReportError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xDDE6F0)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let flagged = cell.clone().set_bold().set_font_color(0xC00000);
    ws.write_string_with_format(0, 0, format!("{} 批次重复信访清单", view.batch), &title)?;
    ws.write_string(1, 0, summary_line(view))?;
    for (c, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &head)?;
        ws.set_column_width(c as u16, width)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        for (c, value) in row_cells(row).iter().enumerate() {
            let fmt = if c == 5 && row.repeat.as_ref().is_some_and(|x| x.new_issue) { &flagged } else { &cell };
            ws.write_string_with_format(r, c as u16, value, fmt)?;
        }
    }
    let last = HEADER_ROW + rows.len() as u32;
    ws.autofilter(HEADER_ROW, 0, last, (COLUMNS.len() - 1) as u16)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    wb.save(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use calamine::{open_workbook, Reader, Xlsx};
    use xinfang_index::{Archive, IngestOptions};
    use xinfang_ingest::batch::{InputData, InputFile};

    use super::*;

    fn read_back(path: &Path) -> Vec<Vec<String>> {
        let mut wb: Xlsx<_> = open_workbook(path).expect("open xlsx");
        assert_eq!(wb.sheet_names(), vec![SHEET.to_string()]);
        let range = wb.worksheet_range(SHEET).expect("sheet");
        range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn file(rel: &str, text: &str) -> InputFile {
        InputFile { rel: rel.into(), data: InputData::Bytes(text.as_bytes().to_vec()) }
    }

    const FIRST: &str = "尊敬的县纪委领导：\n我是石桥镇柳河村村民张三。\n村党支部书记王建华把我家的低保取消了，却把低保名额给了他的侄子王小明，他侄子家有两层楼房和一辆小轿车。\n王建华还让我们在领取单上签字，说是上面补发的保障金，实际上一分钱都没拿到手。\n请求上级依纪依法处理。\n张三\n2019年1月5日";
    const AGAIN: &str = "县纪委信访室：\n我是石桥镇柳河村村民张三，这个问题我已经反映过好几次了，一直没有结果。\n王建华还让我们在领取单上签字，说是上面补发的保障金，实际上一分钱都没拿到手。\n村党支部书记王建华把我家的低保取消了，却把低保名额给了他的侄子王小明，他侄子家有两层楼房和一辆小轿车。\n恳请领导深入调查。\n张三\n2019年4月10日";
    const MORE: &str = "县纪委监委：\n我是石桥镇柳河村村民张三。\n村党支部书记王建华把我家的低保取消了，却把低保名额给了他的侄子王小明，他侄子家有两层楼房和一辆小轿车。\n今年三月王建华把村里的集体鱼塘私下承包给了他的连襟，承包费八万元没有入村集体账户。\n恳请领导深入调查。\n张三\n2019年5月12日";
    const OTHER: &str = "尊敬的县纪委领导：\n青龙镇清坝村村委会主任李四在修建村部的时候，把工程直接交给了自己的表哥，没有公开招标，工程款超出预算三十多万元。\n请领导重视。\n2019年5月20日";

    #[test]
    fn a_batch_list_reads_back_with_verdicts_and_summary() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Arc::new(xinfang_config::Config::defaults().expect("config"));
        let archive = Archive::open(&dir.path().join("data"), config).expect("open");
        let ingest = |files: Vec<InputFile>, batch: &str| {
            archive
                .ingest(files, vec![], vec![], &IngestOptions { batch: batch.into(), origin: None }, &|| {})
                .expect("ingest")
        };
        ingest(vec![file("2019/一月来信_20190105.txt", FIRST)], "2019Q1");
        ingest(
            vec![
                file("2019/四月来信_20190410.txt", AGAIN),
                file("2019/五月来信_20190512.txt", MORE),
                file("2019/五月来信_20190520.txt", OTHER),
            ],
            "2019Q2",
        );
        let rows = archive.batch_repeat_list("2019Q2").expect("list");
        let view = archive.batch_repeat_view("2019Q2").expect("view");
        assert_eq!(rows.len(), 3);
        let path = dir.path().join("repeats.xlsx");
        write_repeats_xlsx(&view, &rows, &path).expect("write");

        let cells = read_back(&path);
        assert_eq!(cells[0][0], "2019Q2 批次重复信访清单");
        assert_eq!(cells[1][0], summary_line(&view));
        assert_eq!(cells[HEADER_ROW as usize], COLUMNS.map(String::from).to_vec());
        let data = &cells[HEADER_ROW as usize + 1..];
        assert_eq!(data.len(), 3);
        assert!(data.iter().all(|r| r.len() == COLUMNS.len()));
        let verdicts: Vec<&str> = data.iter().map(|r| r[5].as_str()).collect();
        assert_eq!(verdicts, vec![PURE, NEW_ISSUE, NEW], "{data:?}");
        // The repeats point at the January letter, say why, and what is new.
        let first_ref = archive.batch_repeat_list("2019Q1").expect("q1")[0].letter.reference.clone();
        let first_ref = first_ref.unwrap_or_else(|| archive.batch_repeat_list("2019Q1").expect("q1")[0].letter.id.clone());
        assert_eq!(data[0][6], first_ref);
        assert!(data[0][7].contains("文本相似度") || data[0][7].contains("同一"), "{}", data[0][7]);
        assert!(data[0][8].is_empty());
        assert!(!data[1][8].is_empty(), "what is new: {:?}", data[1]);
        assert!(data[2][6].is_empty() && data[2][7].is_empty());
        assert_eq!(data[0][1], "2019-04-10");
        assert_eq!(cells[1][0], "本批 3 件，重复 2 件，其中有新问题 1 件");
    }

    #[test]
    fn verdicts_and_summary_words() {
        let view = BatchView {
            batch: "b".into(),
            letters: 89,
            new: 27,
            pure_repeats: 50,
            new_issue_repeats: 12,
            repeat_rate: 62.0 / 89.0,
            summary: "62 of 89".into(),
        };
        assert_eq!(summary_line(&view), "本批 89 件，重复 62 件，其中有新问题 12 件");
        assert_eq!(verdict(None), NEW);
        assert_eq!(shorten("一二三\n四五", 3), "一二三…");
        assert_eq!(problem_of("县纪委信访室：", "县纪委信访室：\n反映低保问题。"), "反映低保问题。");
        assert_eq!(problem_of("王建华截留低保金", "…"), "王建华截留低保金");
    }
}

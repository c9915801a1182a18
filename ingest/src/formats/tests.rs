//! Reads the fixtures in tests/fixtures/formats (made by its make.sh with
//! LibreOffice, qpdf and small generators) and checks their content.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;

use super::*;
use crate::record::LedgerRow;

fn columns() -> LedgerColumns {
    xinfang_config::Config::defaults()
        .expect("embedded defaults")
        .ledger_columns
}

/// Small caps so that the zip-bomb fixtures (2 MB inside) stay tiny.
fn limits() -> Limits {
    Limits {
        max_file_bytes: 50 << 20,
        max_decompressed_bytes: 1 << 20,
        max_text_chars: 1_000_000,
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../tests/fixtures/formats/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Result<FileContent, FormatError> {
    read_bytes(name, &fixture(name), &limits(), &columns())
}

fn document_text(content: &FileContent) -> (&str, &BTreeMap<String, String>) {
    assert_eq!(content.items.len(), 1);
    match &content.items[0].content {
        PartContent::Document { text, labels } => (text, labels),
        other => panic!("not a document: {other:?}"),
    }
}

fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(i) => from += i + part.len(),
            None => panic!("{part:?} missing or out of order in {text:?}"),
        }
    }
}

#[test]
fn libreoffice_pdf_reads_both_pages_in_order() {
    let content = read("letter.pdf").unwrap();
    assert_eq!(content.kind, FileKind::Pdf);
    let (text, labels) = document_text(&content);
    assert_in_order(
        text,
        &[
            "举报信\n尊敬的清河县纪委监委领导：\n",
            "现实名举报清坝村党支部书记王建华。2019年3月，",
            "把本应发给清坝村的27户村民的低保名额给了自己的亲属",
            "村民多次要求查看都被拒绝。\n",
            // page 2
            "此外，王建华还截留征地补偿款共计12万元，至今未发放给群众。\n请求组织调查处理。\n",
            "举报人：张三\n2019年5月6日",
        ],
    );
    assert_eq!(labels.get("举报人").map(String::as_str), Some("张三"));
    assert!(content.items[0].warnings.is_empty());
}

#[test]
fn pdf_fonts_with_predefined_cjk_cmaps_are_decoded() {
    let content = read("cmap_gbk.pdf").unwrap();
    assert_eq!(
        document_text(&content).0,
        "举报清坝村主任王建华\n截留补偿款12万元"
    );
    let content = read("cmap_big5.pdf").unwrap();
    assert_eq!(document_text(&content).0, "舉報林國華侵佔補償款");
    let content = read("cmap_ucs2.pdf").unwrap();
    assert_eq!(document_text(&content).0, "反映赵六违规发放补助");
}

#[test]
fn bad_pdfs_get_their_own_errors() {
    assert_eq!(
        read("encrypted.pdf").unwrap_err(),
        FormatError::Encrypted("PDF".into())
    );
    assert_eq!(
        read("image_only.pdf").unwrap_err(),
        FormatError::NoTextLayer
    );
    assert!(
        matches!(read("truncated.pdf").unwrap_err(), FormatError::Damaged { kind, .. } if kind == "PDF")
    );
    let err = read("identity_no_unicode.pdf").unwrap_err();
    assert!(
        matches!(err, FormatError::Damaged { ref detail, .. } if detail.contains("no Unicode mapping")),
        "{err:?}"
    );
    let err = read_bytes("letter.pdf", "举报信".as_bytes(), &limits(), &columns()).unwrap_err();
    assert!(
        matches!(err, FormatError::WrongFormat { ref ext, .. } if ext == "pdf"),
        "{err:?}"
    );
}

#[test]
fn docx_letter_keeps_paragraphs() {
    let content = read("letter.docx").unwrap();
    assert_eq!(content.kind, FileKind::Docx);
    assert_eq!(content.items[0].kind, SourceKind::Docx);
    let (text, _) = document_text(&content);
    assert!(
        text.starts_with("举报信\n尊敬的清河县纪委监委领导：\n我是清河县清坝镇清坝村村民张三"),
        "{text}"
    );
    assert_in_order(
        text,
        &[
            "清坝村的27户村民",
            "共计12万元",
            "举报人：张三\n2019年5月6日",
        ],
    );
}

#[test]
fn docx_visit_form_table_rows_become_lines_and_labels() {
    let content = read("visit_form.docx").unwrap();
    let (text, labels) = document_text(&content);
    assert_in_order(
        text,
        &[
            "来访登记表\n",
            "来访人：李四\n联系电话：13900002222\n",
            "来访日期：2019年4月2日\n",
            "被反映人：赵六\n",
            "接待人：刘干部",
        ],
    );
    let label = |k: &str| labels.get(k).map(String::as_str);
    assert_eq!(label("来访人"), Some("李四"));
    assert_eq!(label("联系电话"), Some("13900002222"));
    assert_eq!(label("来访日期"), Some("2019年4月2日"));
    assert_eq!(label("被反映人"), Some("赵六"));
    assert_eq!(
        label("反映问题"),
        Some("河口乡河口村修路款去向不明，村民多次反映无人答复。\n请求公开账目。")
    );
    assert_eq!(label("接待人"), Some("刘干部"));
}

#[test]
fn bad_docx_files_get_their_own_errors() {
    assert_eq!(
        read("encrypted.docx").unwrap_err(),
        FormatError::Encrypted("Word document".into())
    );
    assert_eq!(
        read("bomb.docx").unwrap_err(),
        FormatError::ZipBomb {
            kind: "Word document".into(),
            limit: 1 << 20
        }
    );
    // Under a larger cap the same file is read (and is blank).
    let big = Limits {
        max_decompressed_bytes: 4 << 20,
        ..limits()
    };
    let content = read_bytes("bomb.docx", &fixture("bomb.docx"), &big, &columns()).unwrap();
    assert!(document_text(&content).0.trim().is_empty());
    let err = read_bytes("a.docx", &fixture("ledger.xlsx"), &limits(), &columns()).unwrap_err();
    assert!(matches!(err, FormatError::WrongFormat { .. }), "{err:?}");
}

fn ledger_rows(content: &FileContent) -> Vec<(Option<&str>, u32, &LedgerRow)> {
    content
        .items
        .iter()
        .map(|item| {
            assert_eq!(item.kind, SourceKind::LedgerRow);
            match &item.content {
                PartContent::Ledger(row) => {
                    (item.sheet.as_deref(), item.row.expect("row number"), row)
                }
                other => panic!("not a ledger row: {other:?}"),
            }
        })
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The same ledger saved by LibreOffice as xlsx, xls and ods reads the same:
/// rows numbered as LibreOffice shows them, the instructions sheet, title,
/// unit, blank and footer rows skipped, dates of every cell type, split names.
#[test]
fn spreadsheet_ledgers_read_alike_in_every_format() {
    for name in ["ledger.xlsx", "ledger.xls", "ledger.ods"] {
        let content = read(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(content.kind, FileKind::Ledger);
        assert!(
            content.warnings.is_empty(),
            "{name}: {:?}",
            content.warnings
        );
        let rows = ledger_rows(&content);
        let places: Vec<(Option<&str>, u32)> = rows.iter().map(|(s, n, _)| (*s, *n)).collect();
        assert_eq!(
            places,
            vec![
                (Some("2019年1月"), 6),
                (Some("2019年1月"), 7),
                (Some("2019年1月"), 8),
                (Some("2019年1月"), 10),
                (Some("2019年2月"), 4),
                (Some("2019年2月"), 5),
            ],
            "{name}"
        );
        let refs: Vec<_> = rows
            .iter()
            .map(|(_, _, r)| r.reference.as_deref())
            .collect();
        assert_eq!(
            refs,
            [
                "QH-2019-001",
                "QH-2019-002",
                "QH-2019-003",
                "QH-2019-004",
                "QH-2019-005",
                "QH-2019-006"
            ]
            .map(Some),
            "{name}"
        );
        // Date cell, 2019年1月8日, the number 20190112, 2019.1.20, date cell, 2019/2/15.
        let dates: Vec<_> = rows.iter().map(|(_, _, r)| r.received).collect();
        assert_eq!(
            dates,
            vec![
                date(2019, 1, 5),
                date(2019, 1, 8),
                date(2019, 1, 12),
                date(2019, 1, 20),
                date(2019, 2, 3),
                date(2019, 2, 15)
            ],
            "{name}"
        );
        let first = rows[0].2;
        assert_eq!(first.petitioners, vec!["张三"]);
        assert_eq!(first.accused, vec!["王建华"]);
        assert_eq!(first.titles, vec!["清坝村党支部书记"]);
        assert_eq!(first.town.as_deref(), Some("清坝镇"));
        assert_eq!(first.category.as_deref(), Some("民生资金"));
        assert_eq!(first.summary.as_deref(), Some("优亲厚友办理低保"));
        assert_eq!(first.disposition.as_deref(), Some("移送线索"));
        // A phone number stored as a number keeps its digits.
        assert_eq!(first.sensitive.phones, vec!["13800001111"], "{name}");
        assert!(first.extra.is_empty(), "{name}: {:?}", first.extra);
        let second = rows[1].2;
        assert_eq!(second.petitioners, vec!["李四", "王五"]);
        assert_eq!(second.accused, vec!["赵六", "钱七"]);
        assert_eq!(second.titles, vec!["河口村村委会主任", "河口村会计"]);
        assert_eq!(rows[2].2.petitioners, vec!["匿名"]);
        let feb = rows[4].2;
        assert_eq!(feb.petitioners, vec!["吴十"]);
        assert_eq!(feb.sensitive.id_numbers, vec!["130822196503124517"]);
        assert_eq!(feb.titles, vec!["清河县水利局副局长"]);
        assert_eq!(feb.summary.as_deref(), Some("违规插手水利工程招标"));
        assert_eq!(
            feb.extra.get("备注").map(String::as_str),
            Some("已电话回访")
        );
        assert_eq!(rows[5].2.accused, vec!["冯某", "陈某"]);
        assert_eq!(rows[5].2.titles, vec!["清坝村主任", "清坝村文书"]);
    }
}

#[test]
fn gbk_csv_ledger() {
    let content = read("ledger_gbk.csv").unwrap();
    let rows = ledger_rows(&content);
    assert_eq!(
        rows.iter().map(|(s, n, _)| (*s, *n)).collect::<Vec<_>>(),
        vec![(None, 3), (None, 4)]
    );
    let (a, b) = (rows[0].2, rows[1].2);
    assert_eq!(a.reference.as_deref(), Some("QH-2019-101"));
    assert_eq!(a.received, date(2019, 3, 2));
    assert_eq!(b.received, date(2019, 3, 5));
    assert_eq!(b.petitioners, vec!["李四", "王五"]);
    assert_eq!(b.accused, vec!["赵六", "钱七"]);
    assert_eq!(b.titles, vec!["村主任", "村会计"]);
    assert_eq!(b.summary.as_deref(), Some("截留征地补偿款"));
}

#[test]
fn ledger_with_header_but_no_rows_warns() {
    let content = read("ledger_empty.csv").unwrap();
    assert!(content.items.is_empty());
    assert_eq!(content.warnings, vec!["ledger has a header but no rows"]);
}

#[test]
fn ledger_without_header_is_an_error() {
    let err = read_bytes(
        "notes.csv",
        "会议记录\n今天开会,讨论工作\n".as_bytes(),
        &limits(),
        &columns(),
    )
    .unwrap_err();
    assert!(matches!(err, FormatError::NoHeader(_)), "{err:?}");
}

#[test]
fn bad_spreadsheets_get_their_own_errors() {
    let err = read("text_as.xlsx").unwrap_err();
    assert_eq!(
        err,
        FormatError::WrongFormat {
            ext: "xlsx".into(),
            expected: ".xlsx spreadsheet".into(),
            found: "it is plain text".into()
        }
    );
    assert_eq!(
        read("bomb.xlsx").unwrap_err(),
        FormatError::ZipBomb {
            kind: "spreadsheet".into(),
            limit: 1 << 20
        }
    );
    let err = read_bytes("ledger.xls", &fixture("ledger.xlsx"), &limits(), &columns()).unwrap_err();
    assert!(
        matches!(err, FormatError::WrongFormat { ref ext, .. } if ext == "xls"),
        "{err:?}"
    );
    let mut cut = fixture("ledger.xlsx");
    cut.truncate(cut.len() / 2);
    assert!(matches!(
        read_bytes("c.xlsx", &cut, &limits(), &columns()).unwrap_err(),
        FormatError::Damaged { .. }
    ));
}

#[test]
fn text_files_in_every_encoding_with_labels() {
    let content = read("gbk.txt").unwrap();
    assert_eq!(content.kind, FileKind::Text);
    assert_eq!(content.items[0].kind, SourceKind::Txt);
    let (text, labels) = document_text(&content);
    assert!(text.starts_with("信访编号：QH-2019-010\n举报人：张三\n被举报人：李四\n"));
    let label = |k: &str| labels.get(k).map(String::as_str);
    assert_eq!(label("信访编号"), Some("QH-2019-010"));
    assert_eq!(label("举报人"), Some("张三"));
    assert_eq!(label("被举报人"), Some("李四"));
    assert_eq!(label("联系电话"), Some("13800001111"));
    assert_eq!(labels.len(), 4);

    let content = read("big5.txt").unwrap();
    let (text, labels) = document_text(&content);
    assert!(text.contains("本人舉報興隆縣某村村長林國華侵佔土地補償款，請求調查處理。"));
    assert_eq!(labels.get("被舉報人").map(String::as_str), Some("林國華"));

    for name in ["utf16le_bom.txt", "utf16le_nobom.txt"] {
        let content = read(name).unwrap();
        let (text, labels) = document_text(&content);
        assert_eq!(
            text, "举报人：王五\n\n反映河口乡河口村村委会主任赵六违规发放危房改造补助。\n",
            "{name}"
        );
        assert_eq!(labels.get("举报人").map(String::as_str), Some("王五"));
    }
}

#[test]
fn lossy_text_carries_a_warning() {
    let (gbk, _, _) = encoding_rs::GBK
        .encode("反映村干部截留补偿款的问题，请求调查。反映村干部截留补偿款的问题。");
    let mut bytes = gbk.into_owned();
    bytes.insert(8, 0xFF);
    let content = read_bytes("a.txt", &bytes, &limits(), &columns()).unwrap();
    let warnings = &content.items[0].warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("characters could not be decoded"),
        "{warnings:?}"
    );
}

#[test]
fn binary_txt_is_not_text() {
    let err = read_bytes(
        "scan.txt",
        &fixture("image_only.pdf")[..600],
        &limits(),
        &columns(),
    );
    // The PDF header is text, its compressed stream is not; either way no U+FFFD soup.
    if let Ok(content) = err {
        panic!("binary read as text: {:?}", content.items[0].warnings);
    }
    let mut bytes = b"hello".to_vec();
    bytes.extend([0, 0, 0, 1, 2, 3, 0xFF, 0xFE, 0, 7]);
    assert!(matches!(
        read_bytes("b.txt", &bytes, &limits(), &columns()),
        Err(FormatError::NotText(_))
    ));
}

#[test]
fn long_text_is_cut_to_the_configured_limit() {
    let line = "反映村干部截留补偿款".repeat(34_000); // 340 k chars, 1 MB
    let small = Limits {
        max_text_chars: 200_000,
        ..limits()
    };
    let content = read_bytes("big.txt", line.as_bytes(), &small, &columns()).unwrap();
    let (text, labels) = document_text(&content);
    assert_eq!(text.chars().count(), 200_000);
    assert!(labels.is_empty());
    assert_eq!(
        content.items[0].warnings,
        vec!["the text was cut at 200000 characters"]
    );
}

/// A 5 MB single line (the audit's 超长单行.txt) is no letter: rejected at
/// once with its size, instead of seconds of extraction and hundreds of MB.
#[test]
fn huge_single_line_text_is_rejected_quickly_with_its_size() {
    let line = "尊敬的县纪委领导：我是石桥镇杨庄村村民，反映村里的问题。".repeat(62_000); // 1.74 M chars, 5.2 MB
    let start = std::time::Instant::now();
    let err = read_bytes("超长单行.txt", line.as_bytes(), &limits(), &columns()).unwrap_err();
    assert_eq!(
        err,
        FormatError::TooMuchText {
            chars: 1_736_000,
            limit: MAX_LETTER_CHARS
        }
    );
    assert!(err.to_string().starts_with("the text is 1736000 characters long"), "{err}");
    assert!(
        start.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    // A compiled PDF of many letters (a few hundred thousand characters) is still read.
    let compiled = "反映村干部截留补偿款。".repeat(30_000); // 330 k chars
    assert!(read_bytes("合订本.txt", compiled.as_bytes(), &limits(), &columns()).is_ok());
}

#[test]
fn unsupported_empty_and_too_large() {
    assert_eq!(
        read_bytes("a.doc", b"x", &limits(), &columns()).unwrap_err(),
        FormatError::Unsupported("doc".into())
    );
    assert_eq!(
        read_bytes("noext", b"x", &limits(), &columns()).unwrap_err(),
        FormatError::Unsupported(String::new())
    );
    assert_eq!(
        read_bytes("a.txt", b"", &limits(), &columns()).unwrap_err(),
        FormatError::Empty
    );
    let tiny = Limits {
        max_file_bytes: 3,
        ..limits()
    };
    assert_eq!(
        read_bytes("A.TXT", b"abcd", &tiny, &columns()).unwrap_err(),
        FormatError::TooLarge { size: 4, limit: 3 }
    );
}

#[test]
fn pdf_with_only_an_owner_password_is_read() {
    let content = read("owner_only.pdf").unwrap();
    assert!(document_text(&content)
        .0
        .contains("把本应发给清坝村的27户村民的低保名额"));
}

/// A date and a town merged down over two letters (as in the audit's
/// probe2.xlsx, C5:C6) belong to both rows, in xlsx and xls alike.
#[test]
fn merged_cells_give_their_value_to_every_row() {
    for name in ["ledger_merged.xlsx", "ledger_merged.xls"] {
        let content = read(name).unwrap();
        let rows = ledger_rows(&content);
        let got: Vec<(Option<u32>, Option<NaiveDate>, Option<&str>)> = rows
            .iter()
            .map(|(_, n, r)| (Some(*n), r.received, r.town.as_deref()))
            .collect();
        let d = |day| NaiveDate::from_ymd_opt(2020, 9, day);
        assert_eq!(
            got,
            vec![
                (Some(3), d(3), Some("双河镇")),
                (Some(4), d(3), Some("双河镇")),
                (Some(5), d(7), Some("青龙镇")),
            ],
            "{name}"
        );
        // The cell is kept as written; the extractor reads the name out of it.
        assert_eq!(rows[0].2.petitioners, ["汪海燕等3人"], "{name}");
    }
}

/// A web system's "Excel" export: an HTML table in GBK named .xls (the
/// audit's 网上导出台账.xls was refused as "plain text"). Read as the ledger
/// it shows, the date spanning two rows included.
#[test]
fn an_html_table_named_xls_is_read_as_a_ledger() {
    let content = read("web_export.xls").unwrap();
    assert_eq!(content.kind, FileKind::Ledger);
    assert_eq!(
        content.warnings,
        vec!["read as a web page (HTML table) saved with a spreadsheet name"]
    );
    let rows = ledger_rows(&content);
    assert_eq!(rows.len(), 2);
    let (_, n, r) = rows[1];
    assert_eq!(n, 4);
    assert_eq!(r.reference.as_deref(), Some("XF2020-0902"));
    assert_eq!(r.received, NaiveDate::from_ymd_opt(2020, 7, 30));
    assert_eq!(r.accused, ["杜建军"]);
    assert_eq!(r.titles, ["金竹村村委会主任"]);
    assert_eq!(r.town.as_deref(), Some("双河镇"));
    assert_eq!(r.summary.as_deref(), Some("反映杜建军虚列误工补贴 & 私卖集体林木"));
    assert_eq!(rows[0].2.petitioners, ["包立新"]);
}

#[test]
fn other_text_named_xls_is_refused_with_what_it_is() {
    let xml = "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"><Worksheet/></Workbook>";
    let err = read_bytes("导出.xls", xml.as_bytes(), &limits(), &columns()).unwrap_err();
    assert!(
        err.to_string().contains("XML Spreadsheet 2003 file: open it in a spreadsheet program and save it as .xlsx"),
        "{err}"
    );
    let page = "<html><body>没有数据</body></html>";
    let err = read_bytes("导出.xls", page.as_bytes(), &limits(), &columns()).unwrap_err();
    assert!(err.to_string().contains("a web page without a table"), "{err}");
}

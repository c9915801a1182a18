//! The report as a workbook: sheets 汇总 (summary, monthly totals with a line
//! chart, alerts), 问题类别 (topics with a column chart), 乡镇村 (towns and
//! villages), 被反映人 (officials), and 重复信访 when repeats are supplied.

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{month_cn, MonthlyReport, ReportError};

/// Sheet names, in order (重复信访 only when the report has repeats).
pub const SHEETS: [&str; 4] = ["汇总", "问题类别", "乡镇村", "被反映人"];

fn header(ws: &mut Worksheet, row: u32, cols: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (c, name) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *name, bold)?;
    }
    Ok(())
}

/// Writes the report to an `.xlsx` file with native charts.
pub fn write_xlsx(r: &MonthlyReport, path: &Path) -> Result<(), ReportError> {
    workbook(r)?.save(path)?;
    Ok(())
}

/// The report as the bytes of an `.xlsx` file (for a download: no file is written).
pub fn xlsx_bytes(r: &MonthlyReport) -> Result<Vec<u8>, ReportError> {
    Ok(workbook(r)?.save_to_buffer()?)
}

fn workbook(r: &MonthlyReport) -> Result<Workbook, ReportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let pct = Format::new().set_num_format("0.0\"%\"");
    let title = format!("{}{}信访举报形势分析", r.county, month_cn(&r.month));

    // 汇总
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEETS[0])?;
        ws.set_column_width(0, 22)?;
        ws.set_column_width(1, 14)?;
        ws.write_string_with_format(0, 0, &title, &bold)?;
        let rows: [(&str, f64); 7] = [
            ("本月来信（件）", r.total as f64),
            ("上月来信（件）", r.previous_month.letters as f64),
            ("环比增减（件）", r.previous_month.change as f64),
            ("去年同月来信（件）", r.same_month_last_year.letters as f64),
            ("同比增减（件）", r.same_month_last_year.change as f64),
            ("上级转办（件）", r.forwarded as f64),
            ("本级受理（件）", r.local as f64),
        ];
        for (i, (k, v)) in rows.iter().enumerate() {
            ws.write_string(2 + i as u32, 0, *k)?;
            ws.write_number(2 + i as u32, 1, *v)?;
        }
        ws.write_string(9, 0, "来源未登记（件）")?;
        ws.write_number(9, 1, r.origin_unknown as f64)?;
        if let Some(p) = r.previous_month.change_pct {
            ws.write_string(10, 0, "环比增减（%）")?;
            ws.write_number_with_format(10, 1, p, &pct)?;
        }
        if let Some(p) = r.same_month_last_year.change_pct {
            ws.write_string(11, 0, "同比增减（%）")?;
            ws.write_number_with_format(11, 1, p, &pct)?;
        }

        // Monthly totals + line chart.
        let start = 13u32;
        header(ws, start, &["月份", "来信（件）"], &bold)?;
        for (i, v) in r.volume.iter().enumerate() {
            ws.write_string(start + 1 + i as u32, 0, &v.month)?;
            ws.write_number(start + 1 + i as u32, 1, v.letters as f64)?;
        }
        if !r.volume.is_empty() {
            let last = start + r.volume.len() as u32;
            let mut chart = Chart::new(ChartType::Line);
            chart.title().set_name("近12个月来信量");
            chart
                .add_series()
                .set_name("来信（件）")
                .set_categories((SHEETS[0], start + 1, 0, last, 0))
                .set_values((SHEETS[0], start + 1, 1, last, 1));
            chart.legend().set_hidden();
            ws.insert_chart(start, 3, &chart)?;
        }

        // Alerts.
        let at = start + r.volume.len() as u32 + 3;
        ws.write_string_with_format(at, 0, "预警提示", &bold)?;
        header(ws, at + 1, &["类型", "对象", "本月件数", "基准", "倍数"], &bold)?;
        if r.alerts.is_empty() {
            ws.write_string(at + 2, 0, "本月无预警")?;
        }
        for (i, a) in r.alerts.iter().enumerate() {
            let row = at + 2 + i as u32;
            ws.write_string(row, 0, if a.by == "town" { "乡镇" } else { "问题类别" })?;
            ws.write_string(row, 1, &a.key)?;
            ws.write_number(row, 2, a.count as f64)?;
            ws.write_number(row, 3, a.baseline)?;
            ws.write_number(row, 4, (a.ratio * 10.0).round() / 10.0)?;
        }
    }

    // 问题类别
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEETS[1])?;
        ws.set_column_width(0, 14)?;
        header(ws, 0, &["问题类别", "件数", "占比"], &bold)?;
        for (i, t) in r.topics.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_string(row, 0, &t.name)?;
            ws.write_number(row, 1, t.letters as f64)?;
            ws.write_number_with_format(row, 2, t.share, &pct)?;
        }
        if !r.topics.is_empty() {
            let last = r.topics.len() as u32;
            let mut chart = Chart::new(ChartType::Column);
            chart.title().set_name("问题类别分布");
            chart
                .add_series()
                .set_name("件数")
                .set_categories((SHEETS[1], 1, 0, last, 0))
                .set_values((SHEETS[1], 1, 1, last, 1));
            chart.legend().set_hidden();
            ws.insert_chart(1, 4, &chart)?;
        }
    }

    // 乡镇村
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEETS[2])?;
        ws.set_column_width(0, 12)?;
        ws.set_column_width(4, 12)?;
        ws.set_column_width(5, 12)?;
        header(ws, 0, &["乡镇", "件数", "占比"], &bold)?;
        for (i, t) in r.towns.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_string(row, 0, &t.name)?;
            ws.write_number(row, 1, t.letters as f64)?;
            ws.write_number_with_format(row, 2, t.share, &pct)?;
        }
        for (c, name) in ["村（社区）", "所属乡镇", "件数", "占比"].iter().enumerate() {
            ws.write_string_with_format(0, 4 + c as u16, *name, &bold)?;
        }
        for (i, v) in r.villages.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_string(row, 4, &v.name)?;
            ws.write_string(row, 5, v.town.as_deref().unwrap_or(""))?;
            ws.write_number(row, 6, v.letters as f64)?;
            ws.write_number_with_format(row, 7, v.share, &pct)?;
        }
    }

    // 被反映人
    {
        let ws = wb.add_worksheet();
        ws.set_name(SHEETS[3])?;
        ws.set_column_width(1, 14)?;
        header(ws, 0, &["序号", "被反映人", "件数"], &bold)?;
        for (i, o) in r.officials.iter().enumerate() {
            let row = 1 + i as u32;
            ws.write_number(row, 0, (i + 1) as f64)?;
            ws.write_string(row, 1, &o.name)?;
            ws.write_number(row, 2, o.letters as f64)?;
        }
    }

    if let Some(rep) = &r.repeats {
        let ws = wb.add_worksheet();
        ws.set_name("重复信访")?;
        ws.set_column_width(0, 24)?;
        let rows = [
            ("重复信访（件）", rep.repeat_letters),
            ("其中有新问题（件）", rep.new_issue_letters),
            ("其中没有新问题（件）", rep.pure_repeat_letters),
            ("涉及重复信访组", rep.groups),
        ];
        for (i, (k, v)) in rows.iter().enumerate() {
            ws.write_string(i as u32, 0, *k)?;
            ws.write_number(i as u32, 1, *v as f64)?;
        }
    }

    Ok(wb)
}

//! The report as one printable A4 page: inline CSS and SVG, no scripts, no
//! external assets, every text HTML-escaped.

use std::fmt::Write as _;

use super::{change_cn, month_cn, MonthlyReport, Share};

/// HTML-escapes text and attribute values (the snippets' escaper).
fn esc(s: &str) -> String {
    xinfang_index::escape_html(s)
}

const STYLE: &str = r#"
@page { size: A4; margin: 15mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #111;
       max-width: 180mm; margin: 0 auto; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
.sub { text-align: center; color: #444; margin-bottom: 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
p { text-indent: 2em; margin: 1mm 0; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 10pt; page-break-inside: avoid; }
th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.two { display: flex; gap: 6mm; }
.two > div { flex: 1; }
svg { display: block; margin: 2mm auto; page-break-inside: avoid; }
svg text { font-size: 9pt; font-family: sans-serif; }
.alert { color: #a00; }
.foot { margin-top: 8mm; font-size: 9pt; color: #555; border-top: 1px solid #aaa; padding-top: 2mm; }
@media print { .two { display: flex; } }
"#;

/// Horizontal bar chart of topic counts.
fn bar_chart(items: &[Share]) -> String {
    let items: Vec<&Share> = items.iter().collect();
    let max = items.iter().map(|s| s.letters).max().unwrap_or(0).max(1) as f64;
    let (label_w, bar_w, row_h, top) = (90.0, 470.0, 20.0, 6.0);
    let height = top * 2.0 + row_h * items.len() as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" viewBox="0 0 640 {height}" role="img" aria-label="问题类别分布">"#
    );
    for (i, item) in items.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = (item.letters as f64 / max * bar_w).max(if item.letters > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            s,
            r##"<text x="{lx}" y="{ty}" text-anchor="end">{name}</text><rect x="{bx}" y="{ry}" width="{w:.1}" height="{bh}" fill="#3b6ea8"/><text x="{vx:.1}" y="{ty}">{n}（{p:.1}%）</text>"##,
            lx = label_w - 4.0,
            ty = y + 14.0,
            name = esc(&item.name),
            bx = label_w,
            ry = y + 3.0,
            bh = row_h - 6.0,
            vx = label_w + w + 4.0,
            n = item.letters,
            p = item.share,
        );
    }
    s.push_str("</svg>");
    s
}

/// Line chart of monthly volume.
fn line_chart(points: &[(String, u64)]) -> String {
    let (w, h, left, right, top, bottom) = (640.0, 220.0, 40.0, 16.0, 16.0, 40.0);
    let max = points.iter().map(|p| p.1).max().unwrap_or(0).max(1) as f64;
    // A round axis maximum.
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0]
        .into_iter()
        .find(|s| max / s <= 5.0)
        .unwrap_or((max / 5.0).ceil());
    let ymax = (max / step).ceil() * step;
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let n = points.len().max(1);
    let x = |i: usize| left + if n == 1 { plot_w / 2.0 } else { plot_w * i as f64 / (n - 1) as f64 };
    let y = |v: u64| top + plot_h * (1.0 - v as f64 / ymax);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="近12个月来信量">"#
    );
    let mut v = 0.0;
    while v <= ymax + 1e-9 {
        let yy = top + plot_h * (1.0 - v / ymax);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{yy:.1}" x2="{x2}" y2="{yy:.1}" stroke="#ddd"/><text x="{tx}" y="{ty:.1}" text-anchor="end">{v}</text>"##,
            x2 = w - right,
            tx = left - 4.0,
            ty = yy + 4.0,
        );
        v += step;
    }
    let path: Vec<String> = points.iter().enumerate().map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.1))).collect();
    let _ = write!(s, r##"<polyline points="{}" fill="none" stroke="#3b6ea8" stroke-width="2"/>"##, path.join(" "));
    for (i, (label, count)) in points.iter().enumerate() {
        let _ = write!(
            s,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="3" fill="#3b6ea8"/><text x="{cx:.1}" y="{vy:.1}" text-anchor="middle">{count}</text><text x="{cx:.1}" y="{ly}" text-anchor="middle">{label}</text>"##,
            cx = x(i),
            cy = y(*count),
            vy = y(*count) - 6.0,
            ly = h - bottom + 16.0,
            label = esc(label.get(2..).unwrap_or(label)),
        );
    }
    s.push_str("</svg>");
    s
}

fn share_table(title: &str, rows: &[Share], with_town: bool) -> String {
    let mut s = format!("<table><thead><tr><th>{}</th>", esc(title));
    if with_town {
        s.push_str("<th>所属乡镇</th>");
    }
    s.push_str("<th>件数</th><th>占比</th></tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(s, r#"<tr><td colspan="{}">无</td></tr>"#, if with_town { 4 } else { 3 });
    }
    for r in rows {
        let _ = write!(s, "<tr><td>{}</td>", esc(&r.name));
        if with_town {
            let _ = write!(s, "<td>{}</td>", esc(r.town.as_deref().unwrap_or("")));
        }
        let _ = write!(s, r#"<td class="n">{}</td><td class="n">{:.1}%</td></tr>"#, r.letters, r.share);
    }
    s.push_str("</tbody></table>");
    s
}

/// Renders the report as a self-contained HTML page (A4, simplified Chinese).
pub fn render_html(r: &MonthlyReport) -> String {
    let title = format!("{}{}信访举报形势分析", r.county, month_cn(&r.month));
    let mut s = String::with_capacity(32 * 1024);
    let _ = write!(
        s,
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1><div class="sub">统计期间：{m}（按来信日期）</div>"#,
        t = esc(&title),
        m = esc(&month_cn(&r.month)),
    );

    // 一、总体情况
    let mut section = 1;
    let mut h2 = |s: &mut String, text: &str| {
        const NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        let _ = write!(s, "<h2>{}、{}</h2>", NUM.get(section - 1).copied().unwrap_or("十"), esc(text));
        section += 1;
    };
    h2(&mut s, "总体情况");
    let _ = write!(
        s,
        "<p>本月共受理信访举报{}件，环比（{}）{}，同比（{}）{}。其中上级转办{}件（{:.1}%），本级受理{}件（{:.1}%）",
        r.total,
        esc(&month_cn(&r.previous_month.month)),
        esc(&change_cn(&r.previous_month)),
        esc(&month_cn(&r.same_month_last_year.month)),
        esc(&change_cn(&r.same_month_last_year)),
        r.forwarded,
        super::pct(r.forwarded, r.total),
        r.local,
        super::pct(r.local, r.total),
    );
    if r.origin_unknown > 0 {
        let _ = write!(s, "，来源未登记{}件", r.origin_unknown);
    }
    s.push_str("。</p>");
    let hot: Vec<String> = r
        .topics
        .iter()
        .filter(|t| t.letters > 0)
        .take(3)
        .map(|t| format!("{}（{}件，{:.1}%）", esc(&t.name), t.letters, t.share))
        .collect();
    if !hot.is_empty() {
        let _ = write!(s, "<p>反映较多的问题是{}。</p>", hot.join("、"));
    }
    if let Some(t) = r.towns.first() {
        let _ = write!(s, "<p>来信最多的乡镇是{}（{}件）", esc(&t.name), t.letters);
        if let Some(v) = r.villages.first() {
            let _ = write!(s, "，来信最多的村是{}（{}件）", esc(&v.name), v.letters);
        }
        s.push_str("。</p>");
    }

    h2(&mut s, "问题类别分布");
    s.push_str(&bar_chart(&r.topics));
    s.push_str(&share_table("问题类别", &r.topics, false));

    h2(&mut s, "近12个月来信量");
    let points: Vec<(String, u64)> = r.volume.iter().map(|v| (v.month.clone(), v.letters)).collect();
    s.push_str(&line_chart(&points));

    h2(&mut s, "重点乡镇和村");
    s.push_str(r#"<div class="two"><div>"#);
    s.push_str(&share_table("乡镇", &r.towns, false));
    s.push_str("</div><div>");
    s.push_str(&share_table("村（社区）", &r.villages, true));
    s.push_str("</div></div>");

    h2(&mut s, "被反映较多的干部");
    s.push_str("<table><thead><tr><th>序号</th><th>被反映人</th><th>件数</th></tr></thead><tbody>");
    if r.officials.is_empty() {
        s.push_str(r#"<tr><td colspan="3">无</td></tr>"#);
    }
    for (i, o) in r.officials.iter().enumerate() {
        let _ = write!(s, r#"<tr><td class="n">{}</td><td>{}</td><td class="n">{}</td></tr>"#, i + 1, esc(&o.name), o.letters);
    }
    s.push_str("</tbody></table>");

    if let Some(rep) = &r.repeats {
        h2(&mut s, "重复信访和新问题");
        let _ = write!(
            s,
            "<p>本月重复信访{}件（涉及{}组），其中有新问题{}件，提交线索排查会研判；没有新问题{}件，按程序复查复核。</p>",
            rep.repeat_letters, rep.groups, rep.new_issue_letters, rep.pure_repeat_letters
        );
    }

    h2(&mut s, "预警提示");
    if r.alerts.is_empty() {
        s.push_str("<p>本月未发现明显激增的问题类别或乡镇。</p>");
    } else {
        s.push_str("<table><thead><tr><th>类型</th><th>对象</th><th>本月件数</th><th>基准</th><th>倍数</th></tr></thead><tbody>");
        for a in &r.alerts {
            let kind = if a.by == "town" { "乡镇" } else { "问题类别" };
            let _ = write!(
                s,
                r#"<tr class="alert"><td>{kind}</td><td>{}</td><td class="n">{}</td><td class="n">{:.1}</td><td class="n">{:.1}</td></tr>"#,
                esc(&a.key),
                a.count,
                a.baseline,
                a.ratio
            );
        }
        s.push_str("</tbody></table><p>以上对象本月来信量明显高于前几个月的中位数，建议关注并分析原因。</p>");
    }
    s.push_str(r#"<div class="foot">说明：件数按来信日期统计，一件信访件只计入一个主要问题类别；基准为此前各月来信量的中位数（至少为1）。本表由 xinfang 自动生成，不含信访人信息。</div></body></html>"#);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_draws() {
        assert_eq!(esc("<a&\"'>"), "&lt;a&amp;&quot;&#39;&gt;");
        let svg = line_chart(&[("2019-01".into(), 3), ("2019-02".into(), 0), ("2019-03".into(), 7)]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<circle").count(), 3);
        let bars = bar_chart(&[Share {
            name: "<低保>".into(),
            town: None,
            letters: 2,
            share: 50.0,
        }]);
        assert!(bars.contains("&lt;低保&gt;"));
    }
}

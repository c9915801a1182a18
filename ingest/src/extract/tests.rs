//! Extraction tests on letters written the ways petitioners write them.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use xinfang_config::Config;

use super::*;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| Extractor::new(&Config::defaults().expect("defaults")))
}

fn run(text: &str) -> Extraction {
    run_with(text, None)
}

fn run_with(text: &str, ledger: Option<&LedgerRow>) -> Extraction {
    let labels = BTreeMap::new();
    let cleaned = crate::text::clean(text);
    extractor().extract(&ExtractInput {
        text: &cleaned,
        labels: &labels,
        ledger,
    })
}

fn official(name: &str, title: &str, town: Option<&str>, village: Option<&str>) -> Official {
    Official {
        name: name.into(),
        title: title.into(),
        town: town.map(Into::into),
        village: village.map(Into::into),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn names(ps: &[MentionedPerson]) -> Vec<(&str, &str)> {
    ps.iter()
        .map(|p| (p.name.as_str(), p.role.as_str()))
        .collect()
}

const LETTER_LOW_INCOME: &str = "尊敬的县纪委领导：
我是石桥镇柳河村村民张三，现实名反映我村党支部书记王建华截留低保金的问题。
2018年以来，村支书王建华利用职务之便，将其妻子李秀英、儿子王小明纳入低保，而真正困难的老人却被取消了低保。王建华还伙同村委会主任兼会计李某某虚报低保户名单，冒领低保金共计3万余元。
我曾向镇长赵某反映，至今没有答复。由于王建华把持村务，村民敢怒不敢言，造成群众对党和政府的信任下降。
为此，我们强烈要求县纪委调查处理王建华的违纪问题，追回被截留的低保金。
联系电话：13812345678
此致
敬礼！
举报人：张三
2019年3月5日";

#[test]
fn low_income_letter_officials_relatives_and_the_official_reported_to() {
    let ex = run(LETTER_LOW_INCOME);
    assert_eq!(
        ex.accused,
        vec![
            official("王建华", "村党支部书记", Some("石桥镇"), Some("柳河村")),
            official(
                "李某某",
                "村委会主任兼村会计",
                Some("石桥镇"),
                Some("柳河村")
            ),
        ]
    );
    let m = names(&ex.mentioned);
    assert!(m.contains(&("李秀英", "亲属")), "{m:?}");
    assert!(m.contains(&("王小明", "亲属")), "{m:?}");
    assert!(m.contains(&("赵某", "受理人")), "{m:?}");
    assert_eq!(
        ex.mentioned
            .iter()
            .find(|p| p.name == "赵某")
            .map(|p| p.title.as_str()),
        Some("镇长")
    );
    assert_eq!(
        ex.petitioners,
        vec![Petitioner {
            name: "张三".into(),
            anonymous: false,
            town: Some("石桥镇".into()),
            village: Some("柳河村".into())
        }]
    );
    assert_eq!(ex.town.as_deref(), Some("石桥镇"));
    assert_eq!(ex.village.as_deref(), Some("柳河村"));
    assert_eq!(ex.received, date(2019, 3, 5));
    assert_eq!(ex.topics[0], "低保");
    assert_eq!(ex.title, "反映我村党支部书记王建华截留低保金的问题");
    assert_eq!(ex.sensitive.phones, vec!["13812345678".to_string()]);
    assert!(
        ex.fields
            .demand
            .starts_with("我们强烈要求县纪委调查处理王建华的违纪问题"),
        "{}",
        ex.fields.demand
    );
    assert!(
        ex.fields.why.contains("由于王建华把持村务"),
        "{}",
        ex.fields.why
    );
    assert!(
        ex.fields.result.contains("造成群众对党和政府的信任下降"),
        "{}",
        ex.fields.result
    );
    assert!(ex.fields.when.contains("2018年以来"), "{}", ex.fields.when);
    assert_eq!(ex.fields.where_, "石桥镇柳河村");
    assert!(
        ex.fields.what.contains("截留") || ex.fields.what.contains("冒领"),
        "{}",
        ex.fields.what
    );
    assert!(!ex.fields.what.contains("13812345678"));
    assert!(
        ex.fields.who.contains("张三") && ex.fields.who.contains("王建华"),
        "{}",
        ex.fields.who
    );
    assert_eq!(ex.disposition, None);
}

const LETTER_ELECTION_TRAD: &str = "尊敬的縣紀委領導：
我們是青龍鎮太平村的部分村民，現反映村委會主任劉某某在村兩委換屆選舉中拉票賄選的問題。
2020年底換屆期間，劉某某挨家挨戶送煙送酒，每票給200元，要求村民投他一票。選舉當天，鎮里派來的工作人員張某負責監票，對此視而不見。
懇請上級調查處理，還我們一個公平公正的選舉。
部分村民
2021年1月10日";

#[test]
fn traditional_letter_with_merged_village_alias_and_anonymous_writers() {
    let ex = run(LETTER_ELECTION_TRAD);
    assert_eq!(
        ex.accused,
        vec![official(
            "刘某某",
            "村委会主任",
            Some("青龙镇"),
            Some("和平村")
        )]
    );
    assert_eq!(names(&ex.mentioned), vec![("张某", "工作人员")]);
    assert_eq!(
        ex.petitioners,
        vec![Petitioner {
            name: "匿名".into(),
            anonymous: true,
            town: Some("青龙镇".into()),
            village: Some("和平村".into())
        }]
    );
    assert_eq!(
        (ex.town.as_deref(), ex.village.as_deref()),
        (Some("青龙镇"), Some("和平村"))
    );
    assert_eq!(ex.received, date(2021, 1, 10));
    assert_eq!(ex.topics[0], "换届选举");
    assert!(
        ex.fields.demand.starts_with("懇請上級調查處理"),
        "{}",
        ex.fields.demand
    );
    assert!(ex.title.starts_with("反映村委會主任劉某某"), "{}", ex.title);
}

#[test]
fn ledger_values_win_and_the_same_person_is_not_duplicated() {
    let row = LedgerRow {
        reference: Some("XF2019-0042".into()),
        received: date(2019, 4, 2),
        petitioners: vec!["李四".into()],
        accused: vec!["王建华".into()],
        titles: vec!["清河县石桥镇柳河村党支部书记".into()],
        town: Some("石桥".into()),
        category: Some("农村三资管理".into()),
        summary: Some("反映柳河村党支部书记王建华违规处置集体资产问题".into()),
        disposition: Some("转为问题线索".into()),
        ..LedgerRow::default()
    };
    let text = "县纪委：村支书王建华私自将村集体的鱼塘低价承包给亲戚，还把低保名额给了自己家人。该村书记在村民大会上说账目不用公开。镇纪委书记李某带队来村调查过一次，之后就没有下文。请求彻查。2019年3月28日";
    let ex = run_with(text, Some(&row));
    assert_eq!(
        ex.accused,
        vec![official(
            "王建华",
            "村党支部书记",
            Some("石桥镇"),
            Some("柳河村")
        )]
    );
    assert_eq!(names(&ex.mentioned), vec![("李某", "经办人")]);
    assert_eq!(
        ex.petitioners
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec!["李四"]
    );
    assert_eq!(
        ex.received,
        date(2019, 4, 2),
        "ledger date wins over the letter's date"
    );
    assert_eq!(
        ex.topics[0], "三资管理",
        "ledger category wins: {:?}",
        ex.topics
    );
    assert!(ex.topics.contains(&"低保".to_string()), "{:?}", ex.topics);
    assert_eq!(ex.disposition.as_deref(), Some("移送线索"));
    assert_eq!(ex.fields.disposition, "移送线索");
    assert_eq!(ex.title, "反映柳河村党支部书记王建华违规处置集体资产问题");
    assert_eq!(
        (ex.town.as_deref(), ex.village.as_deref()),
        (Some("石桥镇"), Some("柳河村"))
    );
}

#[test]
fn words_after_a_title_are_not_names() {
    let text = "我村村支书在村里一手遮天，书记说了算。村主任和会计也不敢吭声。该书记常年不在村里，村主任高度配合。村会计明知账目有问题却不报告，书记安排亲戚当了组长。村长期以来没有公开过账目。";
    let ex = run(text);
    assert!(ex.accused.is_empty(), "{:?}", ex.accused);
    assert!(ex.mentioned.is_empty(), "{:?}", ex.mentioned);
}

#[test]
fn name_before_title_in_parentheses_and_kin_after_kin_words() {
    let text = "反映白马镇红星村王建国书记和刘强（村委会主任）侵占集体土地的问题。王建国书记将村集体200亩机动地私自承包给其侄子王某，承包费去向不明。刘强主任对此知情不报。";
    let ex = run(text);
    assert_eq!(
        ex.accused,
        vec![
            official("王建国", "村党支部书记", Some("白马镇"), Some("红星村")),
            official("刘强", "村委会主任", Some("白马镇"), Some("红星村")),
        ]
    );
    assert_eq!(names(&ex.mentioned), vec![("王某", "亲属")]);
    assert_eq!(ex.topics[0], "三资管理");
}

#[test]
fn officials_reported_to_and_handlers_are_mentioned_not_accused() {
    let text = "尊敬的领导：我是南山乡松林村村民陈某某。2019年5月，我家房屋被鉴定为D级危房，村主任周某却将我的危房改造补助挪作他用。我曾找到乡长吴某某反映，吴某某答应调查，至今没有结果。乡里的经办人郑某只是登记了一下。请求上级督促落实危房改造补助。";
    let ex = run(text);
    assert_eq!(
        ex.accused,
        vec![official(
            "周某",
            "村委会主任",
            Some("南山乡"),
            Some("松林村")
        )]
    );
    let m = names(&ex.mentioned);
    assert!(m.contains(&("吴某某", "受理人")), "{m:?}");
    assert!(m.contains(&("郑某", "经办人")), "{m:?}");
    assert_eq!(ex.petitioners[0].name, "陈某某");
    assert_eq!(ex.petitioners[0].village.as_deref(), Some("松林村"));
    assert_eq!(ex.topics[0], "危房改造");
    assert_eq!(ex.received, None, "no date line at the end");
    assert!(
        ex.fields.demand.contains("请求上级督促落实危房改造补助"),
        "{}",
        ex.fields.demand
    );
}

#[test]
fn traditional_letter_with_town_official_and_chinese_numeral_date() {
    let text = "縣紀委：
雙河鎮金竹村黨支部書記楊某長期縱容其親屬在河道非法採砂，造成河水嚴重污染，下游農田被毀。鎮長孫某某多次到現場卻不聞不問。希望領導盡快查處。
一知情人
二〇二〇年六月十八日";
    let ex = run(text);
    assert_eq!(
        ex.accused,
        vec![
            official("杨某", "村党支部书记", Some("双河镇"), Some("金竹村")),
            official("孙某某", "镇长", Some("双河镇"), None)
        ]
    );
    assert!(ex.petitioners[0].anonymous);
    assert_eq!(ex.received, date(2020, 6, 18));
    assert_eq!(ex.topics[0], "生态环境");
    assert!(
        ex.fields.result.contains("造成河水嚴重污染"),
        "{}",
        ex.fields.result
    );
    assert!(
        ex.fields.demand.contains("希望領導盡快查處"),
        "{}",
        ex.fields.demand
    );
}

#[test]
fn signature_without_label_intro_masked_and_compound_surnames() {
    let text = "县纪委监委：
我叫李四，是长岭镇鹿角村村民。村委会主任欧阳明违规给村干部发放误工补贴和通讯补贴，每人每月800元。原村主任赵某在任时也是这样，村支书王XX对此默许。村会计张华借钱给亲戚开店，张华说这是村里同意的。
请上级查处违规发放津补贴的问题。
此致
敬礼
李四
2019年11月2日";
    let ex = run(text);
    assert_eq!(
        ex.accused,
        vec![
            official("欧阳明", "村委会主任", Some("长岭镇"), Some("鹿鸣村")),
            official("赵某", "原村委会主任", Some("长岭镇"), Some("鹿鸣村")),
            official("王XX", "村党支部书记", Some("长岭镇"), Some("鹿鸣村")),
            official("张华", "村会计", Some("长岭镇"), Some("鹿鸣村")),
        ]
    );
    assert_eq!(
        ex.petitioners,
        vec![Petitioner {
            name: "李四".into(),
            anonymous: false,
            town: Some("长岭镇".into()),
            village: Some("鹿鸣村".into())
        }]
    );
    assert_eq!(ex.received, date(2019, 11, 2));
    assert_eq!(ex.topics[0], "津补贴");
}

#[test]
fn town_officials_unknown_places_and_identifiers() {
    let text = "举报李庄镇王屯村党支部书记孙大伟和镇长张某。孙大伟在修建通村公路工程中偷工减料，虚报工程款。镇长张某收受包工头好处费。举报人身份证号：11010519491231002X，电话0371-6512345，手机139 0000 0000不算。";
    let ex = run(text);
    assert_eq!(
        ex.accused,
        vec![
            official("孙大伟", "村党支部书记", Some("李庄镇"), Some("王屯村")),
            official("张某", "镇长", Some("李庄镇"), None)
        ]
    );
    assert_eq!(
        ex.sensitive.id_numbers,
        vec!["11010519491231002X".to_string()]
    );
    assert_eq!(ex.sensitive.phones, vec!["0371-6512345".to_string()]);
    assert_eq!(ex.topics[0], "工程项目");
    assert!(!ex.title.contains("1101051949"), "{}", ex.title);
    assert!(ex.petitioners[0].anonymous);
}

#[test]
fn dispositions_map_synonyms() {
    for (s, want) in [
        ("即时回复", Some("即时答复")),
        ("即时答复", Some("即时答复")),
        ("限期办结", Some("限时办结")),
        ("限时办结（30日）", Some("限时办结")),
        ("转为问题线索", Some("移送线索")),
        ("移送问题线索", Some("移送线索")),
        ("存档备查", None),
        ("", None),
    ] {
        assert_eq!(fields::normalize_disposition(s).as_deref(), want, "{s}");
    }
}

#[test]
fn classify_scores_keywords_and_lets_a_ledger_category_win() {
    let e = extractor();
    assert_eq!(
        e.classify(
            "村支书在村两委换届选举前挨家挨户拉票，许诺当选后给好处。",
            "",
            None
        )[0],
        "换届选举"
    );
    assert_eq!(
        e.classify(
            "村支书违规发展其儿子为预备党员，未经支部大会讨论。",
            "",
            None
        )[0],
        "发展党员"
    );
    assert_eq!(
        e.classify(
            "村主任去年受到党内严重警告处分，处分期内仍然担任村主任，照常领取工资。",
            "",
            None
        )[0],
        "处分执行"
    );
    assert_eq!(
        e.classify(
            "镇干部上班时间打麻将，工作日中午公款吃喝，群众办事门难进脸难看。",
            "",
            None
        )[0],
        "作风问题"
    );
    assert_eq!(
        e.classify("修高速征地时村里截留了我们的青苗费和土地补偿款。", "", None)[0],
        "征地补偿"
    );
    assert_eq!(
        e.classify(
            "村干部把扶贫资金发给了非贫困户，建档立卡户反而没有。",
            "",
            None
        )[0],
        "扶贫"
    );
    assert_eq!(
        e.classify("今天天气很好。", "", None),
        vec!["其他".to_string()]
    );
    let t = e.classify(
        "村支书截留低保金，还把村集体鱼塘承包费装进自己腰包。",
        "",
        Some("生态环境保护"),
    );
    assert_eq!(t[0], "生态环境", "the ledger's category wins: {t:?}");
    assert!(t.contains(&"低保".to_string()), "{t:?}");
    assert_eq!(e.classify("", "", Some("农村危房改造问题"))[0], "危房改造");
}

#[test]
fn labels_parentheses_signature_places_and_empty_text() {
    let ex = run("被举报人：王建华，柳河村党支部书记。该村书记王建华长期霸占村集体鱼塘。");
    assert_eq!(
        ex.accused,
        vec![official(
            "王建华",
            "村党支部书记",
            Some("石桥镇"),
            Some("柳河村")
        )]
    );
    assert_eq!(
        ex.title, "该村书记王建华长期霸占村集体鱼塘",
        "a label line is not the title"
    );

    let ex = run("王建华（村党支部书记）违规发展党员。");
    assert_eq!(
        ex.accused,
        vec![official("王建华", "村党支部书记", None, None)]
    );
    assert!(
        ex.petitioners[0].anonymous,
        "a sentence starting with a name is no signature"
    );
    assert_eq!(ex.topics[0], "发展党员");

    let ex = run("尊敬的領導：\n我是白馬鎮三叉村村民，現反映本村村長黃某某侵吞集體資金的問題。\n三叉村村民 趙六\n2018.5.20");
    assert_eq!(
        ex.accused,
        vec![official(
            "黄某某",
            "村委会主任",
            Some("白马镇"),
            Some("三岔村")
        )]
    );
    assert_eq!(
        ex.petitioners,
        vec![Petitioner {
            name: "赵六".into(),
            anonymous: false,
            town: Some("白马镇".into()),
            village: Some("三岔村".into())
        }]
    );
    assert_eq!(ex.received, date(2018, 5, 20));
    assert_eq!(ex.title, "反映本村村長黃某某侵吞集體資金的問題");

    let ex = run("");
    assert_eq!(
        ex,
        Extraction {
            topics: vec!["其他".into()],
            ..Extraction::default()
        }
    );
}

#[test]
fn form_and_web_export_date_labels_give_the_received_date() {
    let ex = extractor();
    let mut labels = BTreeMap::new();
    labels.insert("举报时间".to_string(), "2019-05-23 09:50:24".to_string());
    let got = ex.extract(&ExtractInput { text: "举报内容：反映村会计挪用集体资金。", labels: &labels, ledger: None });
    assert_eq!(got.received, date(2019, 5, 23));
    let mut form = BTreeMap::new();
    form.insert("来访日期".to_string(), "2019 年 3 月 14 日".to_string());
    let got = ex.extract(&ExtractInput { text: "反映陈平主任在征地补偿中的问题。", labels: &form, ledger: None });
    assert_eq!(got.received, date(2019, 3, 14));
}

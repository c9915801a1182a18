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

fn accused_of(ex: &Extraction) -> Vec<(&str, &str)> {
    ex.accused
        .iter()
        .map(|o| (o.name.as_str(), o.title.as_str()))
        .collect()
}

fn writers(ex: &Extraction) -> Vec<&str> {
    ex.petitioners.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn names_before_a_bracketed_post_with_sex_and_age() {
    let ex = run("我要举报白马镇红星村的任德兴（男，47岁，村会计）、祁玉兰（女，55岁，六组组长）和吕长海（ 原村主任）三人，他们合伙虚报冒领。");
    assert_eq!(
        accused_of(&ex),
        [("任德兴", "村会计"), ("祁玉兰", "村民小组长"), ("吕长海", "原村委会主任")]
    );
}

#[test]
fn the_holder_after_a_post_held() {
    // 担任…的 name, a bracketed name after a title, 是/当 before a title.
    let ex = run("现反映担任村会计的鲍国庆、担任村长的邬大成两人挪用公款的问题。我村魏会计（魏长河）也截留了补助。他的表妹卞秀英是村文书，也私分了钱。车满仓当支书十几年，违规发展亲属入党。");
    assert_eq!(
        accused_of(&ex),
        [
            ("鲍国庆", "村会计"),
            ("邬大成", "村委会主任"),
            ("魏长河", "村会计"),
            ("卞秀英", "村文书"),
            ("车满仓", "村党支部书记")
        ]
    );
}

#[test]
fn an_address_form_is_not_followed_by_a_name() {
    // 邱村长连夜…, 罗站长都用…: the words after an address form are no names.
    let ex = run("反映柏树村村主任邱德宝的问题。听说要征地，邱村长连夜栽了树苗。逢年过节罗站长都用公款发购物卡。");
    let names: Vec<&str> = ex.accused.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["邱德宝"]);
}

#[test]
fn a_label_value_carries_its_post() {
    let ex = run("被举报人：褚文山，团结村村会计\n举报人：梁秀云\n主要问题：褚文山私自挪用集体资金。");
    assert_eq!(accused_of(&ex), [("褚文山", "村会计")]);
    assert_eq!(writers(&ex), ["梁秀云"]);
    assert_eq!(ex.village.as_deref(), Some("团结村"));
}

#[test]
fn given_names_ending_in_common_words() {
    // 年, 元, 才 and 里 end names when what follows cannot go on with them.
    let ex = run("现反映社区书记邵长年把门面房租给朋友、村主任马德元虚报工程款、田有才书记冒领补贴的问题。");
    let names: Vec<&str> = ex.accused.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["邵长年", "马德元", "田有才"]);
    // 年底 is a word: 王明 is the name.
    let ex = run("村会计王明年底把账本烧了，王明不让村民查账。");
    assert_eq!(accused_of(&ex), [("王明", "村会计")]);
}

#[test]
fn a_brother_with_a_longer_name_does_not_shorten_a_name() {
    let ex = run("反映三岔村村主任孙立军违规给他的弟弟孙立民办理危房改造补助。");
    assert_eq!(accused_of(&ex), [("孙立军", "村委会主任")]);
    assert_eq!(names(&ex.mentioned), [("孙立民", "亲属")]);
    // Masked names keep their mask.
    let ex = run("反映村会计张××套取补贴，张××的妻子也在村里挂名领工资。");
    assert_eq!(accused_of(&ex), [("张××", "村会计")]);
}

#[test]
fn officials_who_received_or_handled_the_matter_are_mentioned() {
    let ex = run("举报桃园村村支书耿大伟截留低保金。我们去乡里，接待我们的副乡长樊立新让我们回去等。当时负责登记的是民政所所长荆海波，表格是他填的。经办人是农经站站长闵志华。我把情况告诉了乡纪委书记于洪，至今没有答复。乡里的包村干部冀红也知道这事。");
    assert_eq!(accused_of(&ex), [("耿大伟", "村党支部书记")]);
    let mentioned: Vec<&str> = ex.mentioned.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(mentioned, ["樊立新", "荆海波", "闵志华", "于洪", "冀红"]);
}

#[test]
fn an_official_only_quoted_is_mentioned() {
    let ex = run("反映龙泉村会计庞志强私分租金的问题。村主任葛文亮说会计的事他不清楚。");
    assert_eq!(accused_of(&ex), [("庞志强", "村会计")]);
    assert_eq!(names(&ex.mentioned), [("葛文亮", "相关人")]);
    // Quoted, but the only official the letter names: the one it is about.
    let ex = run("我丈夫去世后，村支书蒲振东说帮我办低保，让我先交一千五百元“手续费”。");
    assert_eq!(accused_of(&ex), [("蒲振东", "村党支部书记")]);
}

#[test]
fn town_party_secretaries_by_the_town() {
    // 党委书记 in a 乡 is 乡党委书记; 镇委书记 is 镇党委书记.
    let ex = run("举报河口乡党委书记的秘书不说，我要举报党委书记喻国华公款吃喝。");
    assert_eq!(accused_of(&ex), [("喻国华", "乡党委书记")]);
    let ex = run("现反映担任镇委书记的蓟长青的问题，他在白马镇大搞形象工程，挪用专项资金。");
    assert_eq!(accused_of(&ex), [("蓟长青", "镇党委书记")]);
    let ex = run("反映城西社区居委会主任宓红、白马村党总支书记苍建国侵占集体资产。");
    assert_eq!(
        accused_of(&ex),
        [("宓红", "社区居委会主任"), ("苍建国", "村党支部书记")]
    );
}

#[test]
fn signatures_of_several_writers() {
    // Cleaning joins names signed side by side; 村民： and 等 and a phone on the line.
    let ex = run("县纪委：\n沙坝村会计赖德明做假账。\n此致\n敬礼\n孔祥林  邝翠英  欧阳春\n2021年3月1日");
    assert_eq!(writers(&ex), ["孔祥林", "邝翠英", "欧阳春"]);
    let ex = run("县纪委：\n沙坝村会计赖德明做假账。\n沙坝村村民：庞秀兰、蒲大海\n2021年3月1日");
    assert_eq!(writers(&ex), ["庞秀兰", "蒲大海"]);
    let ex = run("县纪委：\n沙坝村会计赖德明做假账。\n沙坝村村民 庞秀兰 等\n2021年3月1日");
    assert_eq!(writers(&ex), ["庞秀兰"]);
    let ex = run("县纪委：\n沙坝村会计赖德明做假账。\n庞秀兰  电话 13900001111\n2021年3月1日");
    assert_eq!(writers(&ex), ["庞秀兰"]);
    let ex = run("县纪委：\n沙坝村会计赖德明做假账。\n沙坝村老党员 庞秀兰、蒲大海\n2021年3月1日");
    assert_eq!(writers(&ex), ["庞秀兰", "蒲大海"]);
}

#[test]
fn a_self_introduction_as_someones_relative_is_not_a_signature() {
    let ex = run("被举报人：司徒建，松林村党支部书记。他把去世的方老四的名字报上去领补助。我是方老四的侄子，这事我最清楚。");
    assert_eq!(accused_of(&ex), [("司徒建", "村党支部书记")]);
    assert!(ex.petitioners.iter().all(|p| p.anonymous), "{:?}", ex.petitioners);
}

#[test]
fn writers_listed_in_the_introduction() {
    let ex = run("我们是清河县白马镇三叉村村民夏长林、付玉兰、廖文德，联名反映村会计魏长山做假账的问题。");
    assert_eq!(writers(&ex), ["夏长林", "付玉兰", "廖文德"]);
    assert_eq!(ex.village.as_deref(), Some("三岔村"));
}

#[test]
fn surnames_beyond_the_most_common() {
    let ex = run("尊敬的縣紀委領導：我是龍泉村村民蕭德勝，舉報本村村主任閻長江和村會計賴永福虛報工程量。");
    assert_eq!(writers(&ex), ["萧德胜"]);
    assert_eq!(
        accused_of(&ex),
        [("阎长江", "村委会主任"), ("赖永福", "村会计")]
    );
}

#[test]
fn some_villagers_of_a_town_are_no_village() {
    let ex = run("长岭镇部分村民反映：镇长芮志高违规审批宅基地。");
    assert_eq!((ex.town.as_deref(), ex.village.as_deref()), (Some("长岭镇"), None));
    assert_eq!(accused_of(&ex), [("芮志高", "镇长")]);
}

#[test]
fn a_word_and_a_third_character_make_a_name() {
    // 杨树 and 黎明 are words; 杨树林、 and 黎明远， are names.
    let ex = run("现反映村主任杨树林 、村会计黎明远，两人私分征地款。村会计明知账目有问题却不报告。");
    assert_eq!(
        accused_of(&ex),
        [("杨树林", "村委会主任"), ("黎明远", "村会计")]
    );
}

#[test]
fn a_half_width_full_stop_ends_the_clause_before_a_name() {
    // 向领导反映问题. 我要举报…: the 向 of the previous sentence is no report to.
    let ex = run("我们联名向领导反映问题. 我要举报崔保田(村主任). 崔村长把选票拿回了家.");
    assert_eq!(accused_of(&ex), [("崔保田", "村委会主任")]);
}

#[test]
fn zi_starts_a_given_name() {
    let ex = run("河口乡桃园村会计滕子明在村里开小卖部，村里的办公用品都在他店里买。");
    assert_eq!(accused_of(&ex), [("滕子明", "村会计")]);
}

#[test]
fn an_announced_matter_is_the_title_not_the_first_line_after_it() {
    let ex = run("尊敬的领导：\n反映人崔林，男，52岁，河口乡大营村村民，联系电话15803339329。现将徐天涛（村委会主任）的问题反映如下：村里的事情一直没有公开过，群众想了解情况也没有地方问。\n2016年我村实施村道硬化工程，工程没有公开招标。\n此致\n敬礼！\n反映人：崔林\n2019年5月9日");
    assert_eq!(ex.title, "反映徐天涛（村委会主任）的问题");
    // Nothing named before the cue: the sentence after it, as before.
    let ex = run("尊敬的领导：\n现将情况反映如下：村党支部书记王建华截留低保金，群众意见很大。\n此致\n敬礼！");
    assert!(ex.title.starts_with("反映如下"), "{}", ex.title);
}

/// Reads a fixture of tests/fixtures/formats the way a batch does (format
/// reader, then cleaning) and extracts it.
fn run_fixture(name: &str) -> Extraction {
    let path = format!("{}/../tests/fixtures/formats/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let config = Config::defaults().expect("defaults");
    let limits = crate::formats::Limits {
        max_file_bytes: 1 << 20,
        max_decompressed_bytes: 1 << 20,
        max_text_chars: 100_000,
    };
    let content = crate::formats::read_bytes(name, &bytes, &limits, &config.ledger_columns).expect("readable");
    let crate::record::PartContent::Document { text, labels } = &content.items[0].content else {
        panic!("not a document")
    };
    let cleaned = crate::text::clean(text);
    extractor().extract(&ExtractInput { text: &cleaned, labels, ledger: None })
}

#[test]
fn a_visit_form_fills_the_eight_ws_from_its_fields() {
    // 来访人 | 牛桂芝 | 性别 | 女 … 接待人 | 韩晓东 | 处理意见 | (blank)
    let ex = run_fixture("visit_form_full.docx");
    assert_eq!(writers(&ex), ["牛桂芝"]);
    assert_eq!(
        ex.accused,
        [official("谭继业", "村党支部书记", Some("南山乡"), Some("松林村"))]
    );
    assert_eq!(ex.received, date(2020, 9, 17));
    // The title is the matter, not the form read as one line.
    assert_eq!(ex.title, "松林村党支部书记谭继业在今年村两委换届选举中");
    let f = &ex.fields;
    assert!(f.what.starts_with("松林村党支部书记谭继业在今年村两委换届选举中，安排其侄子"), "{f:?}");
    assert!(f.what.ends_with("要求尽快查处。"), "{f:?}");
    assert_eq!(f.demand, "查处贿选问题，重新组织选举");
    assert!(f.when.starts_with("2020年9月17日"), "{f:?}");
    assert_eq!(f.disposition, "接待人：韩晓东");
    // Boilerplate is not allegation text.
    for field in [&f.what, &f.why, &f.result, &f.demand, &ex.title] {
        for boiler in ["接待", "来访人签字", "处理意见", "登记表", "性别"] {
            assert!(!field.contains(boiler), "{boiler} in {field}");
        }
    }
    assert_eq!(ex.topics.first().map(String::as_str), Some("换届选举"));
}

#[test]
fn every_writer_label_of_a_form_names_the_petitioner() {
    for label in ["来访人", "来访人姓名", "姓名", "反映人", "举报人姓名", "上访人"] {
        let mut labels = BTreeMap::new();
        labels.insert(label.to_string(), "孟凡英".to_string());
        labels.insert("来访人数".to_string(), "1人".to_string());
        labels.insert("被反映人".to_string(), "谭继业".to_string());
        labels.insert("职务".to_string(), "松林村党支部书记".to_string());
        labels.insert("反映问题".to_string(), "反映谭继业在换届选举中每户送二百元拉票。".to_string());
        labels.insert("处理意见".to_string(), "登记后转党风政风监督室办理".to_string());
        let text = format!(
            "来访登记表\n{label}：孟凡英\n来访人数：1人\n被反映人：谭继业\n职务：松林村党支部书记\n反映问题：反映谭继业在换届选举中每户送二百元拉票。\n处理意见：登记后转党风政风监督室办理"
        );
        let ex = extractor().extract(&ExtractInput { text: &text, labels: &labels, ledger: None });
        assert_eq!(writers(&ex), ["孟凡英"], "{label}");
        assert_eq!(accused_of(&ex), [("谭继业", "村党支部书记")], "{label}");
        assert_eq!(ex.title, "反映谭继业在换届选举中每户送二百元拉票", "{label}");
        assert_eq!(ex.fields.what, "反映谭继业在换届选举中每户送二百元拉票。", "{label}");
        assert_eq!(ex.fields.disposition, "处理意见：登记后转党风政风监督室办理", "{label}");
    }
}

const WEB_EXPORT: &str = "12381网络举报平台　举报件导出
举报编号：WB20200812003
举报时间：2020-08-12 10:23:45
举报人：匿名
联系电话：
被举报人：韦德明
职务：青龙镇龙泉村村委会主任
所属地区：清河县青龙镇
问题类别：征地补偿
举报内容：龙泉村村主任韦德明私自扣留修省道的征地补偿款，每亩扣了一千四百元，我们二组三组八十多亩地被扣了十多万元，一直不公开，也不开会说明。前段时间已经向市里反映过，到现在没有结果，请求县纪委查处。
";

#[test]
fn a_web_export_is_read_from_its_report_content() {
    let labels = crate::formats::top_labels(WEB_EXPORT);
    let cleaned = crate::text::clean(WEB_EXPORT);
    let ex = extractor().extract(&ExtractInput { text: &cleaned, labels: &labels, ledger: None });
    assert_eq!(ex.title, "龙泉村村主任韦德明私自扣留修省道的征地补偿款，每亩扣了一千四百元");
    assert!(ex.fields.what.starts_with("龙泉村村主任韦德明私自扣留修省道的征地补偿款"), "{:?}", ex.fields);
    assert!(ex.fields.what.ends_with("请求县纪委查处。"), "{:?}", ex.fields);
    // 到现在没有结果: the cue word alone is no consequence.
    assert_eq!(ex.fields.result, "");
    assert_eq!(ex.fields.demand, "请求县纪委查处");
    assert_eq!(ex.fields.when, "2020-08-12");
    assert_eq!(ex.received, date(2020, 8, 12));
    assert_eq!(accused_of(&ex), [("韦德明", "村委会主任")]);
    // The form's 问题类别 counts like a ledger's category.
    assert_eq!(ex.topics.first().map(String::as_str), Some("征地补偿"));
}

#[test]
fn a_subject_label_is_the_title() {
    let mut labels = BTreeMap::new();
    labels.insert("举报标题".to_string(), "龙泉村主任扣留征地补偿款".to_string());
    labels.insert("举报内容".to_string(), "龙泉村村主任韦德明私自扣留征地补偿款。".to_string());
    let ex = extractor().extract(&ExtractInput { text: "举报标题：龙泉村主任扣留征地补偿款\n举报内容：龙泉村村主任韦德明私自扣留征地补偿款。", labels: &labels, ledger: None });
    assert_eq!(ex.title, "龙泉村主任扣留征地补偿款");
}

#[test]
fn a_label_line_is_not_the_matter_of_a_letter() {
    // Without a content label the label lines must still not be 何事.
    let ex = run("被举报人：韦德明\n问题类别：征地补偿\n\n龙泉村村主任韦德明私自扣留征地补偿款，一直不公开。");
    assert_eq!(ex.fields.what, "龙泉村村主任韦德明私自扣留征地补偿款，一直不公开");
}

#[test]
fn a_salutation_is_never_the_title() {
    let ex = run("县纪委：\n我叫郑国栋，是石桥镇新华村七组的村民。关于新华村支书钱志刚把自己亲戚弄进低保的事情，我在今年6月底已经给市纪委写过信，到现在两个多月了，没有人来村里调查。恳请县纪委尽快核查，给群众一个说法。\n郑国栋\n2020年9月8日");
    assert_eq!(ex.title, "关于新华村支书钱志刚把自己亲戚弄进低保的事情");
    for salutation in ["县纪委：", "尊敬的县纪委领导：", "市纪委监委信访室：", "县纪委领导："] {
        let ex = run(&format!("{salutation}\n白马镇黄土岭村有一家养猪场，粪污直接排进小河。\n黄土岭村部分村民"));
        assert_eq!(ex.title, "白马镇黄土岭村有一家养猪场，粪污直接排进小河", "{salutation}");
    }
}

#[test]
fn a_cue_that_ends_its_clause_does_not_make_the_title() {
    // 向环保部门反映，都说整改: 反映 has no object here; the title is not "反映，都说整改…".
    let ex = run("县纪委：\n白马镇黄土岭村紧挨着小河的地方有一家养猪场，存栏两千多头，粪污直接排进小河，河水发黑发臭。村民多次向环保部门反映，都说整改，但一直没有整改到位。据了解，这个养猪场的实际股东之一就是我村村委会主任庞志勇。\n请求纪委调查庞志勇入股养猪场、包庇环境违法的问题。\n黄土岭村部分村民\n2020年8月18日");
    assert!(!ex.title.starts_with("反映，"), "{}", ex.title);
    assert!(!ex.title.contains("都说整改"), "{}", ex.title);
}

#[test]
fn the_letters_own_heading_is_its_title() {
    let ex = run("关于黄土岭村养猪场污染问题的反映\n县纪委：\n白马镇黄土岭村有一家养猪场，粪污直接排进小河。村民多次向环保部门反映，都说整改。\n黄土岭村部分村民");
    assert_eq!(ex.title, "关于黄土岭村养猪场污染问题的反映");
}

#[test]
fn a_ledger_row_without_text_happened_when_it_was_received() {
    let row = LedgerRow {
        received: date(2020, 7, 2),
        petitioners: vec!["郑国栋".into()],
        accused: vec!["钱志刚".into()],
        titles: vec!["石桥镇新华村党支部书记".into()],
        summary: Some("反映钱志刚在低保评定中优亲厚友".into()),
        ..LedgerRow::default()
    };
    let labels = BTreeMap::new();
    let ex = extractor().extract(&ExtractInput { text: "", labels: &labels, ledger: Some(&row) });
    assert_eq!(ex.fields.when, "2020年7月2日");
}

#[test]
fn a_counted_name_cell_gives_the_name() {
    for cell in ["汪海燕等3人", "汪海燕等三人", "汪海燕等", "汪海燕等群众"] {
        let row = LedgerRow {
            received: date(2020, 8, 10),
            petitioners: vec![cell.into()],
            accused: vec!["杜建军等2人".into()],
            titles: vec!["双河镇金竹村村委会主任".into()],
            summary: Some("反映杜建军虚列村干部误工补贴四万余元".into()),
            ..LedgerRow::default()
        };
        let labels = BTreeMap::new();
        let ex = extractor().extract(&ExtractInput { text: "", labels: &labels, ledger: Some(&row) });
        assert_eq!(writers(&ex), ["汪海燕"], "{cell}");
        assert_eq!(accused_of(&ex), [("杜建军", "村委会主任")], "{cell}");
    }
    // A form label too.
    let mut labels = BTreeMap::new();
    labels.insert("举报人".to_string(), "汪海燕等3人".to_string());
    let ex = extractor().extract(&ExtractInput { text: "举报人：汪海燕等3人\n反映村主任杜建军虚列误工补贴。", labels: &labels, ledger: None });
    assert_eq!(writers(&ex), ["汪海燕"]);
}

#[test]
fn a_forms_two_accused_take_their_titles_in_order() {
    // The sample's 来访登记表 2019.03.18 周某.docx.
    let mut labels = BTreeMap::new();
    labels.insert("来访人姓名".to_string(), "周庆平".to_string());
    labels.insert("被反映人".to_string(), "孙林、孙振勇".to_string());
    labels.insert("单位及职务".to_string(), "柏树村委会主任、柏树村党支部书记".to_string());
    labels.insert(
        "反映的主要问题".to_string(),
        "村长孙林以村集体管理费为名每亩扣留了5000元，我村书记孙振勇也从中拿了好处。".to_string(),
    );
    let text = "来访登记表\n来访人姓名：周庆平\n被反映人：孙林、孙振勇\n单位及职务：柏树村委会主任、柏树村党支部书记\n反映的主要问题：村长孙林以村集体管理费为名每亩扣留了5000元，我村书记孙振勇也从中拿了好处。";
    let ex = extractor().extract(&ExtractInput { text, labels: &labels, ledger: None });
    assert_eq!(accused_of(&ex), [("孙林", "村委会主任"), ("孙振勇", "村党支部书记")]);
    assert!(ex.accused.iter().all(|a| a.village.as_deref() == Some("柏树村")), "{:?}", ex.accused);
}

#[test]
fn a_sentence_about_earlier_complaints_is_never_the_title() {
    let ex = run("我是松林村的村民黄春娟，常年在外打工。这已经是我第2次反映这个问题了，希望这次能有个结果。现实名举报村支书赵文义的违纪问题。\n2018年精准识别时，村支书赵文义把家里有车有房的儿媳魏彩芬识别为贫困户。");
    assert_eq!(ex.title, "举报村支书赵文义的违纪问题");
}

#!/usr/bin/env python3
"""Generate xinfang's bundled sample intake (samples/intake, samples/damaged, samples/truth.json).

The letters are fiction about the fictional county 清河县 (see config/defaults/gazetteer.toml).
Everything is derived from one fixed seed, so two runs give the same letters; LibreOffice
makes the PDFs, .docx, .xlsx and .xls files, and their timestamps and document ids are
then pinned so that the bytes are stable too (see README.md).

Python 3.11 standard library only; needs `soffice` (LibreOffice), `qpdf` and `pdftoppm`.

    python3 samples/generate.py            # rewrite samples/intake, samples/damaged, samples/truth.json
    python3 samples/generate.py --check    # also decode every text file and pdftotext every PDF
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

SEED = 20190705
HERE = Path(__file__).resolve().parent
INTAKE = HERE / "intake"
DAMAGED = HERE / "damaged"
TRUTH = HERE / "truth.json"
ZIP_TIME = (2019, 7, 1, 0, 0, 0)
PDF_DATE = b"D:20190701000000Z'"
PREVIOUS_ENCRYPTED: bytes | None = None

# ---------------------------------------------------------------------------
# Places and people
# ---------------------------------------------------------------------------

COUNTY = "清河县"
GAZ = [
    ("石桥镇", ["柳河村", "东山村", "石桥社区", "杨庄村", "新华村", "王家湾村"]),
    ("青龙镇", ["清坝村", "龙泉村", "马家坪村", "和平村", "青龙社区"]),
    ("河口乡", ["河口村", "大营村", "沙坝村", "桃园村", "李家庄村"]),
    ("白马镇", ["白马村", "红星村", "三岔村", "高家堡村", "黄土岭村", "白马社区"]),
    ("双河镇", ["双河村", "金竹村", "团结村", "向阳村", "枫树湾村"]),
    ("南山乡", ["南山村", "松林村", "梨树村", "石门村"]),
    ("城关镇", ["城东社区", "城西社区", "北关村", "南关村", "十里铺村"]),
    ("长岭镇", ["长岭村", "柏树村", "新村村", "观音堂村", "鹿鸣村"]),
]
TOWN_OF = {v: t for t, vs in GAZ for v in vs}
# Old names of merged or renamed villages (gazetteer aliases): a few letters use them.
OLD_NAME = {"杨庄村": "前杨庄村", "和平村": "太平村", "三岔村": "三叉村", "鹿鸣村": "鹿角村"}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁任沈"
            "姚卢姜崔谭陆汪贾夏付方邹孟熊秦邱江薛雷侯史陶贺顾毛郝龚邵严武戴孔汤温康施牛葛")
MALE_1 = "建国志明德永春文新立学家世光成宏俊振长海庆天正继兆兴富贵远"
MALE_2 = "华军平强林生明伟勇刚峰辉福山荣才斌杰民东良波涛忠义祥发宝"
FEMALE_1 = "秀桂玉春红丽美淑翠金凤冬晓慧彩"
FEMALE_2 = "英兰芳华珍梅娟琴霞莲芬云萍燕敏"
STAFF = ["刘芳", "陈志刚", "赵丽娟", "孙卫东"]  # county petition-office staff (接待人, 填表人, 审核人)

# Canonical title -> surface aliases used in letters; short form for "王书记".
VILLAGE_TITLES = {
    "村党支部书记": (["村党支部书记", "村支书", "村书记", "党支部书记", "村党支部书记"], "书记"),
    "村委会主任": (["村委会主任", "村主任", "村委会主任", "村长"], "主任"),
    "村会计": (["村会计", "会计", "村会计"], "会计"),
    "村监委会主任": (["村监委会主任", "村务监督委员会主任"], "主任"),
    "村文书": (["村文书", "文书"], "文书"),
    "社区党支部书记": (["社区党支部书记", "社区书记"], "书记"),
    "社区居委会主任": (["社区居委会主任", "社区主任"], "主任"),
}
# How the ledger's 单位及职务 column writes a village title after the village name.
LEDGER_TITLE = {"村党支部书记": "党支部书记", "村委会主任": "村委会主任", "村会计": "村会计",
                "村监委会主任": "村监委会主任", "村文书": "村文书", "社区党支部书记": "社区党支部书记",
                "社区居委会主任": "社区居委会主任"}
TOWN_TITLES = {
    "镇长": (["镇长"], "镇长"), "乡长": (["乡长"], "乡长"),
    "镇党委书记": (["镇党委书记", "党委书记"], "书记"), "乡党委书记": (["乡党委书记", "党委书记"], "书记"),
    "副镇长": (["副镇长"], "副镇长"), "副乡长": (["副乡长"], "副乡长"),
    "镇纪委书记": (["镇纪委书记", "纪委书记"], "书记"), "乡纪委书记": (["乡纪委书记", "纪委书记"], "书记"),
    "农经站站长": (["农经站站长", "农经站长"], "站长"), "林业站站长": (["林业站站长", "林业站长"], "站长"),
    "财政所所长": (["财政所所长", "财政所长"], "所长"), "国土所所长": (["国土所所长", "国土所长"], "所长"),
    "民政办主任": (["民政办主任"], "主任"), "包村干部": (["包村干部"], "干部"),
}
ALL_TITLES = {**VILLAGE_TITLES, **TOWN_TITLES}


def is_community(village: str) -> bool:
    return village.endswith("社区")


def town_title(town: str, base: str) -> str:
    """镇长 / 乡长 etc. according to whether the town is a 镇 or a 乡."""
    if town.endswith("乡"):
        return base.replace("镇", "乡")
    return base


class People:
    """Every person in the sample, with unique names except the two planted collisions."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.officials: dict[tuple, str] = {}

    def name(self, female: bool | None = None, surname: str | None = None) -> str:
        rng = self.rng
        for _ in range(10000):
            fem = rng.random() < 0.4 if female is None else female
            s = surname or (rng.choice(SURNAMES[:12]) if rng.random() < 0.45 else rng.choice(SURNAMES))
            g1, g2 = (FEMALE_1, FEMALE_2) if fem else (MALE_1, MALE_2)
            given = rng.choice(g1) + rng.choice(g2) if rng.random() < 0.9 else rng.choice(g2)
            n = s + given
            if n in self.used or len(set(given)) < len(given):
                continue
            # No name may be a prefix of another (王华 / 王华明): a search for one would find both.
            if any(u.startswith(n) or n.startswith(u) for u in self.used):
                continue
            self.used.add(n)
            return n
        raise RuntimeError("name pool exhausted")

    def reserve(self, name: str) -> None:
        self.used.add(name)

    def official(self, town: str, village: str | None, title: str) -> dict:
        key = (town, village, title)
        if key not in self.officials:
            self.officials[key] = self.name(female=False)
        return {"name": self.officials[key], "title": title, "town": town, "village": village}

    def plant(self, town: str, village: str | None, title: str, name: str) -> None:
        self.officials[(town, village, title)] = name
        self.used.add(name)


# ---------------------------------------------------------------------------
# Topic texts. Keys in braces: A/a = first and later mention of the first accused,
# B/b of the second, v village, t town, P petitioner, plus each topic's parameters.
# ---------------------------------------------------------------------------

RELATIVES = ["侄子", "弟弟", "儿媳", "小舅子", "亲家", "堂兄", "妹夫", "外甥", "女婿", "表弟"]
RESTAURANTS = ["老街饭庄", "河畔农家乐", "福满楼酒家", "聚友饭店", "好再来餐馆", "鑫源酒楼"]
CITIES = ["广州", "东莞", "宁波", "苏州", "深圳", "福州"]


def money(n: int) -> str:
    return f"{n}"


def p_common(rng, people, L):
    old = L["received"].year == 2018
    y = rng.choice([2016, 2017]) if old else rng.choice([2016, 2017, 2017, 2018, 2018])
    rel = rng.choice(RELATIVES)
    return {
        "year": y, "year2": 2017 if old else min(y + 1, 2018), "m": rng.randint(1, 12), "m2": rng.randint(2, 11), "d": rng.randint(1, 28),
        "n": rng.randint(3, 9), "n2": rng.randint(2, 6), "hh": rng.randint(12, 48), "hh2": rng.randint(6, 30),
        "rel": rel, "rest": rng.choice(RESTAURANTS), "city": rng.choice(CITIES),
        "relname": people.name(surname=L["accused"][0]["name"][0] if rel in ("弟弟", "侄子", "堂兄") else None,
                               female=rel == "儿媳"),
    }


def p_dibao(rng, people, L):
    p = p_common(rng, people, L)
    p.update(amt=rng.randrange(230, 490, 10), kick=rng.randrange(50, 300, 50), poor=people.name())
    return p


def p_weifang(rng, people, L):
    p = p_common(rng, people, L)
    p.update(sub=rng.choice(["1.4万", "1.8万", "2.2万", "2.5万"]), fee=rng.randrange(800, 3200, 200), poor=people.name())
    return p


def p_fupin(rng, people, L):
    p = p_common(rng, people, L)
    v = L["village"] or "本"
    p.update(amt=rng.choice([3000, 4000, 5000]), total=rng.choice([20, 30, 45, 50, 60]),
             proj=rng.choice(["养牛", "养羊", "种植核桃", "光伏发电", "养殖土鸡", "种植花椒"]),
             coop=v[:-1] + rng.choice(["兴农", "富民", "丰收", "绿源"]) + "专业合作社",
             item=rng.choice(["鸡苗", "羊羔", "果树苗"]), bad=rng.choice(["一大半都是病的", "没几天就死了一半", "根本种不活"]),
             poor=people.name())
    return p


def p_sanzi(rng, people, L):
    p = p_common(rng, people, L)
    p.update(land=rng.randrange(60, 320, 10), amt=rng.choice(["3.6", "4.8", "6", "8.5", "12"]), years=rng.randint(3, 8),
             total=rng.choice(["6.8", "9.2", "12.6", "15", "21.4"]), trees=rng.randrange(300, 2000, 50),
             bills=rng.randrange(30, 130, 10), bamt=rng.choice([5, 8, 11, 16]), rent=rng.choice(["2.4", "3", "4.2", "5.6"]),
             boss=people.name(female=False))
    return p


def p_zhengdi(rng, people, L):
    p = p_common(rng, people, L)
    price = rng.choice([28000, 32000, 36000, 41000])
    deduct = rng.choice([3000, 4000, 5000, 6000])
    area = rng.randrange(80, 420, 10)
    p.update(proj=rng.choice(["G345国道改线", "清河县工业园区", "清河高铁站", "沙河水库", "县城污水处理厂"]),
             area=area, price=price, deduct=deduct, paid=price - deduct, total=f"{area * deduct / 10000:.1f}".rstrip("0").rstrip("."),
             extra=rng.choice([3, 4.5, 6, 8]), exmoney=rng.randrange(60000, 250000, 1000))
    return p


def p_huanbao(rng, people, L):
    p = p_common(rng, people, L)
    biz, harm = rng.choice([
        ("采砂场", "把河道挖得到处是深坑，河堤都被掏空了"),
        ("石料厂", "粉尘漫天，周围几百亩庄稼连年减产"),
        ("生猪养殖场", "粪污直接排进沟里，整个村子臭气熏天"),
        ("小造纸厂", "大量废水直接排进河里，河水又黑又臭"),
    ])
    p.update(biz=biz, harm=harm, boss=people.name(female=False), river=rng.choice(["清河", "柳溪", "沙河", "小清河"]),
             place=rng.choice(["河滩", "后山", "村东头", "老砖厂旧址"]))
    return p


def p_huanjie(rng, people, L):
    p = p_common(rng, people, L)
    vote = L["received"] - dt.timedelta(days=rng.randint(8, 40))
    p.update(money=rng.choice([100, 200, 300, 500]), meals=rng.randint(3, 8), extra=rng.randint(12, 60),
             rival=people.name(female=False), vm=vote.month, vd=vote.day)
    return p


def p_dangyuan(rng, people, L):
    p = p_common(rng, people, L)
    return p


def p_jinbutie(rng, people, L):
    p = p_common(rng, people, L)
    p.update(amt=rng.choice([300, 500, 600, 800, 1000]), people_n=rng.randint(6, 15), bonus=rng.choice([3000, 5000, 8000]),
             card=rng.choice([500, 1000, 2000]), fee=rng.choice([50, 80, 100]), total=rng.choice([18000, 26000, 34000]),
             fund=rng.choice(["专项工作经费", "退耕还林管护经费", "农机补贴工作经费", "防汛经费"]))
    return p


def p_gongcheng(rng, people, L):
    p = p_common(rng, people, L)
    p.update(length=rng.choice(["2.6", "3.5", "4.2", "5.8", "7"]), cost=rng.choice([86, 120, 158, 210, 265]),
             thick=rng.choice([12, 14, 15, 16]), extra=rng.choice([8.6, 12, 15.5, 23]))
    return p


def p_zuofeng(rng, people, L):
    p = p_common(rng, people, L)
    p.update(tables=rng.randrange(30, 90, 2), gift=rng.choice(["6", "8.5", "12", "15"]))
    return p


def p_chufen(rng, people, L):
    p = p_common(rng, people, L)
    p.update(punish=rng.choice(["党内严重警告", "撤销党内职务", "留党察看一年", "党内警告"]),
             reason=rng.choice(["违规发放低保金", "挪用集体资金", "酒后驾驶", "违规报销差旅费"]))
    return p


TOPICS = {
    "低保": dict(
        params=p_dibao, level="village", phrase="低保评定",
        facts=[
            "{A}利用评定低保的权力优亲厚友，把自己的{rel}{relname}等{n}户不符合条件的家庭评为低保户，每户每月领取低保金{amt}元。",
            "{relname}家在镇上有门面房，还买了小轿车，日子比村里大多数人都好，却从{year}年起一直享受低保。",
            "而村里真正困难的{poor}，老伴常年卧病在床，家里连像样的家具都没有，多次申请低保都被{a}以“名额满了”为由挡了回来。",
            "{year}年{m}月村里评议低保时，根本没有召开村民代表大会评议，名单也没有张榜公示，全是{a}一个人说了算。",
            "据我们了解，有{n2}户低保户的存折一直被{a}收在手里，每月代领低保金，每户每月要被扣掉{kick}元所谓的“管理费”。",
            "村里群众私下都说，这些都是“关系保”“人情保”，谁跟{a}关系好谁就能吃低保。",
            "{year2}年{m2}月民政办下来核查时，{a}提前通知这些人家把车开走、把家电藏起来，应付了检查。",
        ],
        new_facts=["最近我又了解到，{a}今年把刚结婚的{rel}也报成了低保户，这家人在县城买了商品房。",
                   "另外，{a}还把已经去世两年的村民继续报在低保名单上，低保金一直有人在领。"],
        summaries=["反映{T}{N}优亲厚友，将其{rel}等{n}户不符合条件的家庭纳入低保，真正困难群众多次申请未获批准。",
                   "反映{N}在低保评定中搞“关系保”“人情保”，低保名单未经评议公示，并扣留{n2}户低保户存折代领低保金。"],
        demands=["要求对全村低保户重新评议并张榜公示，把不符合条件的清退出去，追回违规领取的低保金。",
                 "请求把{poor}这样真正困难的家庭纳入低保，让低保政策落到实处。"],
        categories=["低保", "低保", "城乡低保", "低保问题"],
    ),
    "危房改造": dict(
        params=p_weifang, level="village", phrase="危房改造",
        facts=[
            "{year}年农村危房改造中，{A}把自己的{rel}{relname}家新建的两层砖混楼房也报成了危房，领取改造补助{sub}元。",
            "真正住着土坯危房的{poor}一家，房子墙体开裂、一下雨就漏，申请了三次都没有被列入改造名单。",
            "凡是列入改造名单的农户，都要先交给{a}{fee}元“跑路费”，不交钱的就报不上去，全村至少有{n}户交过这笔钱。",
            "有的农户根本没有动工，{a}找人拍几张别人家的照片就报上去验收，补助款照样发了下来。",
            "补助款打到农户一卡通以后，{a}又以“统一施工”为名把存折收走，每户只给了不到一半的钱。",
            "{year2}年上面来检查时，{a}临时让几户人家在旧房外墙刷了一层涂料，就算改造完成了。",
        ],
        new_facts=["今年{m3}月，{a}又把在外地买了房的{rel}报进了新一批危房改造名单。",
                   "我们还发现，去年有{n2}户的危房改造补助至今没有发到农户手里。"],
        summaries=["反映{T}{N}在{year}年危房改造中弄虚作假，将其{rel}家非危房报为危房领取补助，并向{n}户改造户每户收取“跑路费”{fee}元。",
                   "反映{N}在危房改造中优亲厚友、收取好处费，真正住危房的困难户多次申请未被列入改造名单。"],
        demands=["要求重新核查全村危房改造名单，退还群众被收取的费用，把补助真正用在住危房的困难户身上。"],
        categories=["危房改造", "农村危房改造", "危房改造", "住房保障"],
    ),
    "扶贫": dict(
        params=p_fupin, level="village", phrase="扶贫工作",
        facts=[
            "{year}年精准识别建档立卡贫困户时，{A}把家里有车有房的{rel}{relname}识别为贫困户，而{poor}这样真正的贫困家庭却没有纳入。",
            "上级拨给我村的产业扶贫资金{total}万元，说是用来发展{proj}，结果全部入股到了{relname}名下的{coop}，贫困户一分钱分红都没有见到。",
            "每户{amt}元的到户扶贫资金，{a}只发了一半，剩下的说是“统一管理”，至今去向不明。",
            "去年发放的扶贫{item}，{a}先挑好的分给了自家亲戚，贫困户领到的{bad}。",
            "贫困户帮扶手册上填的收入都是{a}编出来的，很多贫困户自己都不知道已经“被脱贫”了。",
            "{year2}年{m2}月迎接脱贫验收前，{a}挨家挨户交代，谁要是说了实话，以后什么补助都别想要。",
        ],
        new_facts=["现在{coop}已经关门，{a}说扶贫资金“亏完了”，可是合作社的牛羊都被拉到{relname}自己家里了。"],
        summaries=["反映{T}{N}在精准扶贫中优亲厚友，将其{rel}识别为贫困户，并将产业扶贫资金{total}万元入股其亲属开办的合作社。",
                   "反映{N}截留到户扶贫资金、虚填贫困户收入，扶贫物资优先分给亲属。"],
        demands=["请求查清扶贫资金的去向，把属于贫困户的钱一分不少地发到户里。",
                 "希望重新识别贫困户，让{poor}这样的困难家庭享受到扶贫政策。"],
        categories=["扶贫", "脱贫攻坚", "扶贫领域", "扶贫"],
    ),
    "三资管理": dict(
        params=p_sanzi, level="village", phrase="集体资产管理",
        facts=[
            "我村有{land}亩集体土地承包给外地老板{boss}，每年承包费{amt}万元，{years}年来从来没有在村务公开栏公布过，群众不知道钱去了哪里。",
            "{year}年{m}月，{A}私自把村集体林场的{trees}棵杨树卖掉，卖树款{total}万元没有进村集体账。",
            "村里的账目多年不公开，村民代表要求查账，{a}推说账本在镇农经站，就是不给看。",
            "听知情人说，村里有大量白条入账，光是{year}年就有{bills}多张白条，总金额超过{bamt}万元。",
            "村委会临街的门面房每年租金{rent}万元，这笔集体收入一直存在{a}个人的银行卡上。",
            "村里的集体资金还被{a}挪用去放贷，利息全进了个人腰包。",
        ],
        new_facts=["今年{m3}月，{a}又把村里的集体鱼塘私下承包给了自己的{rel}，承包费比市场价低了一大半。"],
        summaries=["反映{T}{N}长期不公开村级财务，私自出售集体林木得款{total}万元未入账，{land}亩集体土地承包费去向不明。",
                   "反映{N}挪用村集体资金、白条入账，集体门面房租金存入个人账户。"],
        demands=["要求对我村近{years}年的集体资产、资金、资源进行全面审计，账目向全体村民公开。",
                 "请求追回被侵占的集体资金，把卖树款和承包费全部收归村集体。"],
        categories=["三资管理", "三资两金", "村级财务", "集体资产"],
    ),
    "征地补偿": dict(
        params=p_zhengdi, level="village", phrase="征地补偿",
        facts=[
            "{year}年{proj}项目征用我村土地{area}亩，按照县里的标准每亩补偿{price}元，可发到农户手里每亩只有{paid}元。",
            "{A}以“村集体管理费”为名每亩扣留了{deduct}元，涉及{hh}户村民，总金额{total}万元。",
            "地里的青苗补偿费本该直接发给种地的农户，结果全被{a}领走了，我们去问，他说已经“抵了村里的欠款”。",
            "更让人气愤的是，{a}给自己的亲戚{relname}多报了{extra}亩地，多领补偿款{exmoney}元。",
            "征地补偿的分配方案从来没有经过村民代表大会讨论，也没有公示，我们连自己家被征了多少地都不清楚。",
            "{year2}年{m2}月，我们{hh2}户村民联名要求公开补偿款明细，{a}不但不公开，还扬言谁再闹就不给办任何手续。",
        ],
        new_facts=["最近我们才知道，{proj}项目的安置费也被{a}扣下了一部分，说是要“修村里的路”，可路到现在也没修。"],
        summaries=["反映{T}{N}在{proj}项目征地中截留土地补偿款，每亩扣留{deduct}元，并为亲属虚报征地面积多领补偿款。",
                   "反映{N}截留群众青苗补偿费，征地补偿分配方案未经村民代表大会讨论、未公示。"],
        demands=["要求公开征地补偿款的发放明细，把截留的补偿款如数退还给农户。"],
        categories=["征地补偿", "征地拆迁", "征地补偿", "土地征收"],
    ),
    "生态环境": dict(
        params=p_huanbao, level="village", phrase="环境保护",
        facts=[
            "从{year}年起，{boss}在我村{place}开办{biz}，没有任何环保手续，{harm}。",
            "{A}不但不制止，反而在{biz}入了干股，每年分红好几万元。",
            "村民多次到镇上反映，{biz}每次都是停几天又开工，明显有人通风报信。",
            "去年{m}月，{river}里的鱼大面积死亡，下游{hh}户村民的水井也被污染，吃水要到几里外去挑。",
            "{a}收了老板的好处，对外说这个厂是村里招商引资来的，谁也不许举报。",
            "环保部门来检查那天，{a}提前打电话通知老板停工，检查的人一走又开工了。",
        ],
        new_facts=["今年{m3}月，{boss}又在{place}扩建了厂房，{a}还帮他办了一个假的土地租赁合同。"],
        summaries=["反映{v}{biz}无环保手续非法生产造成严重污染，{T}{N}入干股并为其充当保护伞。",
                   "反映{v}{biz}污染问题多次反映未解决，{N}为老板通风报信、阻挠群众举报。"],
        demands=["要求依法关停{biz}，追究{a}的责任，恢复我村的生态环境。"],
        categories=["生态环境", "生态环境保护", "环境保护", "环保"],
    ),
    "换届选举": dict(
        params=p_huanjie, level="village", phrase="村两委换届选举",
        facts=[
            "在今年村两委换届选举中，{A}为了连任，让人挨家挨户拉票，每张选票给{money}元，还送米送油。",
            "{vm}月{vd}日投票那天，{a}的{rel}{relname}拿着一大把委托投票证替别人投票，有的被委托人根本不知情。",
            "选举前{a}在镇上的{rest}连续请村民代表吃了{meals}次饭，酒桌上明说“投我一票，以后有好处”。",
            "有{hh}名外出务工人员的选票，被人代填后统一投进了票箱，选举现场没有人监督。",
            "另一名候选人{rival}的资格被{a}找理由取消，理由是“不在村里居住”，可他一直住在村里。",
            "计票时流动票箱里的选票比发出去的还多{extra}张，我们当场提出异议，工作人员不予理睬。",
        ],
        new_facts=["选举结束后，{a}又以“误工补贴”为名给帮他拉票的人每人发了{money}元，钱是从村集体账上出的。"],
        summaries=["反映{T}{N}在村两委换届选举中贿选拉票，每票{money}元，并组织他人违规代填委托投票。",
                   "反映{N}在换届选举中请客拉票，流动票箱选票数多于发出数，候选人{rival}资格被无故取消。"],
        demands=["要求宣布这次选举结果无效，依法重新组织选举，严肃查处贿选行为。",
                 "请求恢复{rival}的候选人资格，对拉票贿选的人严肃处理。"],
        categories=["换届选举", "村级换届", "换届选举", "选举"],
    ),
    "发展党员": dict(
        params=p_dangyuan, level="village", phrase="发展党员",
        facts=[
            "{year}年{A}把自己的{rel}{relname}发展为预备党员，{relname}常年在{city}打工，从来没有参加过党组织活动，也没写过入党申请书。",
            "村里有好几名年轻人递交入党申请书好几年了，一直被{a}压着不上报，理由是“名额有限”。",
            "{relname}的入党材料都是事后补的，考察期、公示都没有，支部大会也是走过场。",
            "{year2}年{m2}月支部大会讨论接收预备党员时，到会党员不到一半，{a}却说全票通过。",
            "{relname}以前因为打架被派出所处理过，按规定根本不符合入党条件。",
        ],
        new_facts=["今年{a}又把另一个亲戚列为入党积极分子，连培养考察都没有搞。"],
        summaries=["反映{T}{N}违规发展其{rel}{relname}入党，未按程序培养考察，其他入党申请人长期被压不报。",
                   "反映{N}在发展党员中弄虚作假，入党材料事后补写，支部大会走过场。"],
        demands=["要求撤销{relname}的预备党员资格，严格按照程序发展党员。"],
        categories=["发展党员", "违规发展党员", "发展党员", "党员发展"],
    ),
    "津补贴": dict(
        params=p_jinbutie, level="town", phrase="发放津补贴",
        facts=[
            "{year}年以来，{A}以“加班补助”“下乡补贴”等名义，给单位{people_n}名工作人员每人每月多发{amt}元。",
            "这些钱是从{fund}里套出来的，账上做成了“办公用品”和“车辆维修费”。",
            "{year2}年年底，{a}又给职工每人发了{bonus}元“年终奖”，另外还有价值{card}元的购物卡。",
            "{fund}本来是用来给群众办实事的，现在被拿来发福利，很多该办的事反而没钱办。",
            "据知情人说，{a}自己每月还领一份“驻村补贴”，实际上他一天也没有驻过村。",
        ],
        new_facts=["今年春节前，{a}又用{fund}给每人发了{card}元的超市购物卡。"],
        summaries=["反映{T}{N}以加班补助、下乡补贴等名义滥发津补贴，人均每月多发{amt}元，并违规发放年终奖和购物卡。",
                   "反映{N}挪用{fund}违规发放津补贴和福利，账目做成办公用品和车辆维修费。"],
        demands=["要求清退违规发放的津补贴，对{a}严肃处理。"],
        categories=["津补贴", "滥发津补贴", "津补贴", "违规发放津补贴"],
    ),
    "工程项目": dict(
        params=p_gongcheng, level="village", phrase="工程建设",
        facts=[
            "{year}年我村实施{length}公里村道硬化工程，总投资{cost}万元，工程没有公开招标，直接给了{A}的{rel}{relname}。",
            "设计要求路面厚度20厘米，实际只有{thick}厘米左右，水泥标号也不够，修好不到半年就到处开裂。",
            "工程验收时{a}只带人看了一段好路，验收材料都是他一手操办的。",
            "工程完工后，{a}又以“追加工程量”为名多报了{extra}万元工程款。",
            "村里的饮水工程也是这样，管子埋得很浅，一到冬天就冻裂，群众至今吃不上自来水。",
            "我们问{a}工程的预算和决算，他说“这是上面的项目，你们管不着”。",
        ],
        new_facts=["今年{m3}月村里又上了一个河堤加固工程，还是由{relname}施工，同样没有招标。"],
        summaries=["反映{T}{N}将{length}公里村道硬化工程违规交由其{rel}施工，工程偷工减料，虚报工程款{extra}万元。",
                   "反映{N}插手村级工程项目，未经招标，道路路面厚度不足，验收走过场。"],
        demands=["要求对工程质量和资金使用进行审计，追究偷工减料和虚报工程款的责任。"],
        categories=["工程项目", "工程建设", "工程项目", "项目建设"],
    ),
    "作风问题": dict(
        params=p_zuofeng, level="either", phrase="工作作风",
        facts=[
            "{A}经常在工作日中午喝酒，{year}年{m}月{d}日还在镇上的{rest}喝得酩酊大醉，下午群众来办事找不到人。",
            "{a}把单位的公车当成私家车用，周末接送孩子、回老家都开公车。",
            "群众去找{a}办事，他态度恶劣，张口就骂，不送烟酒就不给办。",
            "{year2}年{m2}月{a}给儿子办婚礼，大操大办摆了{tables}桌酒席，下属和村民都要随礼，收受礼金{gift}万元。",
            "{a}经常和老板在办公室打牌赌博，一晚上输赢上千元。",
            "办个低保证明、宅基地手续，都要先请{a}吃饭，吃拿卡要成了习惯。",
        ],
        new_facts=["今年{m3}月{a}又酒后驾驶公车，在{rest}门口撞坏了别人的三轮车，事后用钱私了。"],
        summaries=["反映{T}{N}工作日饮酒、公车私用，为儿子操办婚宴{tables}桌收受礼金，群众办事吃拿卡要。",
                   "反映{N}工作作风粗暴，对群众态度恶劣，经常与老板打牌赌博。"],
        demands=["希望组织上管一管这样的干部，还群众一个风清气正的环境。",
                 "要求对{a}大操大办、收受礼金的问题进行调查。"],
        categories=["作风问题", "作风", "作风问题", "四风"],
    ),
    "处分执行": dict(
        params=p_chufen, level="either", phrase="执行处分决定",
        facts=[
            "{year}年{m}月，{A}因{reason}受到{punish}处分，这是县纪委通报过的。",
            "可是处分下来以后，{a}照常上班、照常主持工作，工资待遇一分没少。",
            "按规定，受处分的影响期内不能评先评优，可{a}{year2}年还被评为了“优秀党务工作者”。",
            "群众都说处分就是“走过场”，处分决定在单位和村里也从来没有宣布过。",
            "{a}自己在酒桌上说，处分就是一张纸，“该怎么干还怎么干”。",
        ],
        new_facts=["今年{m3}月，{a}不但没有收敛，又在{rest}用公款请客。"],
        summaries=["反映{T}{N}于{year}年受{punish}处分后仍照常主持工作，处分影响期内被评优，处分执行打折扣。",
                   "反映{N}受处分后待遇未受影响，处分决定未宣布，处分执行不到位。"],
        demands=["要求严格执行处分决定，对处分执行不到位的问题追究相关责任。"],
        categories=["处分执行", "处分执行不到位", "处分执行", "处分决定执行"],
    ),
}
TOPIC_WEIGHTS = {"低保": 10, "危房改造": 8, "扶贫": 10, "三资管理": 12, "征地补偿": 7, "生态环境": 7, "换届选举": 4,
                 "发展党员": 4, "津补贴": 5, "工程项目": 8, "作风问题": 8, "处分执行": 4}
SURGE_WEIGHT = 45  # 换届选举 in April-June 2019 (村两委换届)

# ---------------------------------------------------------------------------
# Letter parts shared by every topic
# ---------------------------------------------------------------------------

SALUTATIONS_LOCAL = ["尊敬的县纪委领导：", "尊敬的县纪委监委领导：", "清河县纪委监委：", "县纪委信访室的同志：",
                     "尊敬的领导：", "各位领导：你们好！", "尊敬的清河县纪委监委领导：", "县纪委领导：您好！"]
SALUTATIONS_FORWARDED = ["尊敬的市纪委领导：", "市纪委监委领导：", "尊敬的省纪委监委领导：", "尊敬的市纪委监委信访室：",
                         "尊敬的县纪委领导：", "尊敬的领导："]
INTRO_REAL = [
    "我是{tv}{vr}{P}，今年{age}岁。",
    "我叫{P}，家住{tv}{grp}组，是一名普通的农民。",
    "反映人{P}，{sex}，{age}岁，{tv}{vr}，联系电话{phone}。",
    "本人{P}，系{tv}{vr}，中共党员，党龄{py}年。",
    "我是{v}的{vr}{P}，常年在外打工，今年回家才知道村里的这些事情。",
    "我叫{P}，是{tv}的{vr}，退休前在乡中学教书。",
]
INTRO_ANON = [
    "我们是{tv}的部分{vr}，因为害怕打击报复，不敢署真名，请领导谅解。",
    "我是{v}的一名普通党员，出于对党和群众负责，特向领导反映以下问题。",
    "我们是{v}的群众，这封信是大家商量以后一起写的。",
    "反映人是{tv}的几位{vr}，怕被报复，暂不署名。",
]
INTRO_ANON_TOWN = [
    "我是{t}的一名干部，因为怕被穿小鞋，不敢署名。",
    "我们是{t}的几名普通职工，出于对组织负责，特向领导反映以下情况。",
]
PURPOSE = [
    "现实名举报{A}的违纪问题。",
    "现将{A}的问题反映如下：",
    "我要反映的是{A}在{phrase}中的问题。",
    "今天写信，是想向您反映{A}在{phrase}中的问题。",
    "特向领导反映{A}的问题，请领导调查处理。",
]
MENTION = [
    "{my}年{mm}月，我曾向{mt}{mn}当面反映过这个问题，{mn}说会让人调查，可是到现在也没有任何答复。",
    "我们也找过{mt}{mn}，他让我们等消息，一等就是大半年。",
    "去年我还给镇里打过电话，接电话的{mt}{mn}说这事不归他管，让我们找村里。",
    "这件事{mt}{mn}也知道，他说村里的事让村里自己解决。",
    "{my}年{mm}月{mt}{mn}到村里开会，我当面递过材料，后来就没有下文了。",
]
EXTRA = [
    "另外，{a}这几年在县城买了商品房，家里还新盖了三层小楼，凭他的收入根本不可能。",
    "我们多次要求{a}把有关情况向群众公开说明，他总是推说“上面有规定”，一拖再拖。",
    "有群众当面质问{a}，他说“有本事你们去告，告到哪里我都不怕”。",
    "这些情况村里很多人都知道，只要组织上派人下来走访，一问就清楚。",
]
NARRATIVE = [
    "为了弄清楚情况，{year2}年{m2}月我专门到村委会去找{a}，他不在；第二天我又去，他说正在开会，让我回家等通知，结果一等就是两个多月，什么通知也没有等到。",
    "后来我又托人去问，{a}让人捎话说：“这事已经定了，谁来问也没用，再问就是无理取闹。”我听了心里很不是滋味，我们老百姓问一问自己的事情，怎么就成了无理取闹？",
    "我们几家人凑在一起商量过好几次，大家都说这事不能就这么算了，可又怕写信以后被报复，所以一直拖到现在才鼓起勇气写这封信。",
    "我今年已经快七十岁了，身体也不好，本来不想再操这个心，可是看着村里这些事情越来越不像话，心里实在过不去，觉得有必要向组织上说一说。",
    "说句心里话，我们不是要跟谁过不去，只是希望国家的政策能真正落到实处，该给谁的给谁，该公开的公开，让老百姓心里有个明白账。",
    "村里也有人劝我们算了，说“胳膊拧不过大腿”，可我们相信党和政府，相信纪委一定会给我们主持公道。",
]
IMPACT_TOWN = [
    "{a}这样的作风，在干部群众中影响很坏。",
    "单位里的人都怕{a}打击报复，谁都不敢站出来说话。",
    "以上反映的情况句句属实，我们愿意配合组织调查。",
]
BACKGROUND = [
    "我村共有{hh2}个村民小组，一千多口人，青壮年大多外出打工，留在家里的多是老人和孩子。",
    "我们村地处偏远，群众收入主要靠种地和外出务工，日子本来就不宽裕。",
    "这几年国家的惠民政策越来越多，可到了我们村就变了样。",
    "村里的事情一直没有公开过，群众想了解情况也没有地方问。",
]
WHY_VILLAGE = [
    "{a}之所以敢这么做，是因为他在村里干了十几年，大小事情都是他一个人说了算，村委会其他人都不敢得罪他。",
    "{a}仗着自己有亲戚在县里工作，根本不把群众放在眼里。",
    "村里的党员大会、村民代表会议好几年没正经开过，村务监督委员会形同虚设，没有人能管得了{a}。",
]
WHY_TOWN = [
    "{a}在单位当了多年领导，单位的人都是他安排进来的，没有人敢提意见。",
    "{a}和镇上的主要领导关系很好，大家都说“告也没用”。",
]
IMPACT = [
    "{a}在村里一手遮天，群众敢怒不敢言。",
    "这些问题在当地影响很坏，群众意见很大。",
    "大家都怕{a}打击报复，谁都不敢站出来说话。",
    "我们实在没有办法了，才写了这封信。",
    "以上反映的情况句句属实，我们愿意配合组织调查。",
]
DEMANDS = [
    "恳请纪委监委派人实地调查，查清问题，依纪依法严肃处理。",
    "希望领导为我们老百姓做主。",
    "请求对{a}的问题进行核查，并给我一个书面答复。",
    "要求组织上调查清楚，给群众一个交代。",
    "如果调查属实，请求撤销{a}的职务。",
]
REPEAT_NOTE = [
    "这个问题我在{prev}已经反映过，至今没有结果，现再次反映。",
    "我{prev}就写信反映过，到现在也没有人来调查，只好再写一次。",
    "这已经是我第{k}次反映这个问题了，希望这次能有个结果。",
    "{prev}我反映过{a}的问题，后来村里说“已经处理了”，可实际上什么都没变。",
]
NEW_OFFICIAL = [
    "更严重的是，{B}也参与其中，帮着{a}做假账、打掩护。",
    "我后来才知道，{B}也从中拿了好处，所以一直替{a}说话。",
    "这次还要反映一个新情况：{B}和{a}串通一气，材料都是{b}经手的。",
]
CLOSINGS = ["此致\n敬礼！", "此致\n敬礼", "以上情况属实，如有不实，本人愿意承担责任。\n此致\n敬礼！"]


def cn_date(d: dt.date, style: int) -> str:
    if style == 0:
        return f"{d.year}年{d.month}月{d.day}日"
    if style == 1:
        return f"{d.year}.{d.month}.{d.day}"
    if style == 2:
        digits = "〇一二三四五六七八九"
        y = "".join(digits[int(c)] for c in str(d.year))

        def num(n):
            if n < 10:
                return digits[n]
            if n == 10:
                return "十"
            if n < 20:
                return "十" + digits[n - 10]
            return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")

        return f"{y}年{num(d.month)}月{num(d.day)}日"
    return d.isoformat()


def phone(rng) -> str:
    return rng.choice(["135", "136", "139", "150", "158", "187", "189", "133", "177"]) + "".join(
        str(rng.randint(0, 9)) for _ in range(8))


# ---------------------------------------------------------------------------
# The letter model
# ---------------------------------------------------------------------------


def surface(off: dict, rng: random.Random, home_village: str | None, former: bool = False) -> tuple[str, str]:
    """First and later mention of an official, in one of several surface forms."""
    name, title = off["name"], off["title"]
    aliases, short = ALL_TITLES[title]
    alias = rng.choice(aliases)
    pre = "原" if former else ""
    nice_short = short in ("书记", "主任", "镇长", "乡长", "站长", "所长")
    if off["village"]:
        v = off["village"]
        opts = [f"{pre}{alias}{name}", f"{name}（{pre}{alias}）", f"{pre}{after_place(v, alias)}{name}"]
        if not former:
            opts.append(f"该村{short}{name}" if v.endswith("村") else f"该社区{short}{name}")
            if nice_short:
                opts.append(f"{name}{short}")
            if home_village == v:
                opts.append(f"{after_place('我村', alias)}{name}" if v.endswith("村") else f"我们社区{alias}{name}")
    else:
        t = off["town"]
        opts = [f"{pre}{t}{alias}{name}", f"{pre}{alias}{name}", f"{name}（{t}{alias}）"]
        if not former and nice_short:
            opts.append(f"{name}{short}")
    first = rng.choice(opts)
    later = rng.choice([name, name, name[0] + short]) if nice_short else name
    return first, later


def ledger_title(off: dict, rng: random.Random) -> str:
    if off["village"]:
        return off["village"] + LEDGER_TITLE[off["title"]]
    gov = "人民政府" if off["title"] in ("镇长", "乡长", "副镇长", "副乡长") and rng.random() < 0.5 else ""
    return off["town"] + gov + off["title"]


def after_place(place: str, alias: str) -> str:
    """柳河村 + 村委会主任 -> 柳河村委会主任; 柳河村 + 村长 -> 柳河村村长; 我村 + 村支书 -> 我村支书."""
    if alias in ("村长", "村主任"):
        return place + alias
    if alias.startswith("村") and place.endswith("村"):
        return place + alias[1:]
    if alias.startswith("社区") and place.endswith("社区"):
        return place + alias[2:]
    return place + alias


class Letter(dict):
    """A letter's truth and what is needed to render it."""


def new_letter(key: str, **kw) -> Letter:
    L = Letter(key=key, ref=None, origin="local", batch="local", petitioners=[], accused=[], mentioned=[], town=None,
               village=None, topic=None, received=None, forwarded=None, disposition=None, script="simplified",
               encoding=None, fmt=None, sources=[], repeat_group=None, repeat_of=None, new_issue=False,
               new_issue_detail=None, noise=[], ledger=False, file=True, channel="letter", former=False,
               new_fact=None, new_official=None, joint=False)
    L.update(kw)
    return L


def compose(L: Letter, people: People) -> str:
    """The full text of a letter, varied by a per-letter random stream."""
    rng = random.Random(f"{SEED}/{L['key']}/text")
    topic = TOPICS[L["topic"]]
    p = L["params"]
    pet = L["petitioners"][0]
    acc = L["accused"]
    home = pet.get("village")
    A, a = surface(acc[0], rng, home, former=L.get("former", False))
    B = b = ""
    if len(acc) > 1:
        B, b = surface(acc[1], rng, home)
    v = L["village"] or ""
    t = L["town"] or ""
    if L.get("old_village_name"):
        v = OLD_NAME[L["village"]]
    vr = "居民" if is_community(v) else "村民"
    f = dict(p, A=A, a=a, B=B, b=b, v=v or t, tv=t + v, t=t, m3=max(1, L["received"].month - 1), phrase=topic["phrase"], vr=vr, P=pet["name"],
             age=L["age"], sex=L["sex"], phone=pet.get("phone", ""), py=rng.randint(5, 30), grp=rng.choice("一二三四五六七八"))
    out: list[str] = []
    if L.get("stamp_ref") and L["ref"]:
        out.append(f"信访编号：{L['ref']}")
    if rng.random() < 0.3:
        title = rng.choice(["举报信", "反映信", f"关于{A}{topic['phrase']}问题的反映", "实名举报信" if not pet["anonymous"] else "举报材料"])
        out.append(title)
    sal = SALUTATIONS_FORWARDED if L["origin"] == "forwarded" else SALUTATIONS_LOCAL
    out.append(L.get("salutation") or rng.choice(sal))
    if pet["anonymous"]:
        intro = rng.choice(INTRO_ANON_TOWN if not L["village"] else INTRO_ANON)
    elif L.get("joint"):
        names = "、".join(x["name"] for x in L["petitioners"])
        intro = f"我们是{t}{L['village'] or ''}的{vr}{names}等{len(L['petitioners'])}人，联名向领导反映问题。"
    else:
        intro = rng.choice(INTRO_REAL)
    purpose = rng.choice(PURPOSE[1:] if pet["anonymous"] else PURPOSE)
    if L.get("repeat_note"):
        f["prev"], f["k"] = L["repeat_note"]
        para1 = intro + rng.choice(REPEAT_NOTE) + purpose
    else:
        para1 = intro + purpose
    if L["village"] and rng.random() < 0.6:
        para1 += rng.choice(BACKGROUND)
    out.append(para1.format_map(f))
    # Facts: the first fact always introduces the accused with {A}; the rest are shuffled.
    facts = topic["facts"]
    order = L.get("fact_order")
    if order is None:
        first = [i for i, s in enumerate(facts) if "{A}" in s]
        rest = [i for i in range(len(facts)) if i not in first]
        rng.shuffle(rest)
        k = rng.randint(3, min(5, len(rest)))
        k = max(k, 4) if len(rest) >= 4 and rng.random() < 0.5 else k
        order = first[:1] + rest[:k]
    else:
        # A repeat keeps most facts but reorders, drops or adds one.
        order = list(order)
        ai = [i for i, s in enumerate(facts) if "{A}" in s][0]
        order = [ai] + [i for i in order if i != ai]
    # Keep the body of the complaint long enough for a real letter (300+ characters in all).
    unused = [i for i in range(len(facts)) if i not in order]
    rng.shuffle(unused)
    floor = 420 if L["fmt"] in ("online", "visit") else 240
    if rng.random() < 0.2:
        floor = 2000  # a long letter: every fact the topic has
    while unused and sum(len(facts[i]) for i in order) < floor:
        order.append(unused.pop())
    chosen = [facts[i] for i in order]
    fact_text = [s.format_map(f) for s in chosen]
    if rng.random() < (0.8 if floor == 2000 else 0.3):
        fact_text.extend(x.format_map(f) for x in rng.sample(EXTRA, k=2 if floor == 2000 else 1))
    narrative = ""
    if floor == 2000:
        narrative = "".join(x.format_map(f) for x in rng.sample(NARRATIVE, k=rng.randint(3, 5)))
    if L.get("new_fact"):
        fact_text.append(L["new_fact"].format_map(f))
    if len(acc) > 1:
        fact_text.append(rng.choice(NEW_OFFICIAL).format_map(f))
    style = rng.random()
    if style < 0.35 and len(fact_text) >= 3:
        nums = "一二三四五六七八九十"
        items = [f"{nums[i]}是{s}" for i, s in enumerate(fact_text)]
        if not out[-1].endswith("：") or "如下" not in out[-1][-6:]:
            out.append(rng.choice(["具体问题如下：", "主要有以下几个问题：", "具体情况如下："]))
        out.extend(items)
    elif style < 0.7:
        mid = rng.randint(1, len(fact_text) - 1)
        out.append("".join(fact_text[:mid]))
        out.append("".join(fact_text[mid:]))
    else:
        out.append("".join(fact_text))
    if narrative:
        out.append(narrative)
    tail = []
    for m in L["mentioned"]:
        if m.get("role") == "受理人":
            mf = dict(f, mt=m["title_surface"], mn=m["name"], my=m["year"], mm=m["month"])
            tail.append(rng.choice(MENTION).format_map(mf))
    if rng.random() < 0.6:
        tail.insert(0, rng.choice(WHY_VILLAGE if acc[0]["village"] else WHY_TOWN).format_map(f))
    if rng.random() < 0.7:
        tail.append(rng.choice(IMPACT if acc[0]["village"] else IMPACT_TOWN).format_map(f))
    if tail:
        out.append("".join(tail))
    dem = [s.format_map(f) for s in rng.sample(topic["demands"], k=len(topic["demands"]) if narrative else 1)]
    dem += [s.format_map(f) for s in rng.sample(DEMANDS, k=rng.randint(1, 2))]
    out.append("".join(dem))
    out.append(rng.choice(CLOSINGS))
    sig = []
    date_line = cn_date(L["letter_date"], rng.choice([0, 0, 0, 1, 2]))
    if pet["anonymous"]:
        sig.append(f"{v or t}部分{vr if L['village'] else '干部职工'}" if "部分" in pet["name"] or pet["name"] == "匿名" else pet["name"])
    elif L.get("joint"):
        sig.append("联名人：" + "、".join(x["name"] for x in L["petitioners"]))
        sig.append(f"联系电话：{pet['phone']}")
    else:
        sig.append(rng.choice(["举报人：", "反映人：", "", f"{v}{vr}："]) + pet["name"])
        sig.append(rng.choice(["联系电话：", "电话：", "手机："]) + pet["phone"])
    sig.append(date_line)
    out.append("\n".join(sig))
    return "\n".join(out) + "\n"


def summary_of(L: Letter, rng: random.Random) -> str:
    topic = TOPICS[L["topic"]]
    off = L["accused"][0]
    if off["village"]:
        T = off["village"] + LEDGER_TITLE[off["title"]]
    else:
        T = off["town"] + off["title"]
    f = dict(L["params"], v=L["village"] or L["town"], t=L["town"] or "", T=T, N=off["name"], a=off["name"])
    s = rng.choice(topic["summaries"]).format_map(f)
    if len(L["accused"]) > 1:
        s = s.rstrip("。") + f"；{L['accused'][1]['name']}参与其中。"
    return s


# ---------------------------------------------------------------------------
# Traditional script (Big5-encodable forms). Generated from OpenCC's STCharacters
# (Apache-2.0) for the characters this generator uses, keeping the first candidate
# that Big5 can encode; a few one-to-many choices are fixed by hand.
# ---------------------------------------------------------------------------

S2T_PAIRS = """
万萬与與专專业業东東两兩严嚴个個丰豐临臨为為丽麗举舉么麼义義乐樂习習乡鄉书書买買乱亂于於亏虧云雲产產亩畝亲親从從们們价價众眾优優会會伞傘伟偉传傳体體余餘偿償儿兒
党黨兰蘭关關兴興养養内內册冊写寫军軍农農冯馮决決况況冻凍净淨减減凑湊几幾凤鳳凭憑击擊刘劉刚剛别別劝勸办辦务務动動区區华華单單卖賣占佔卢盧卧臥卫衛却卻厂廠压壓厘釐
县縣参參双雙发發变變台臺叶葉号號后後吕呂听聽吴吳员員响響团團园園围圍国國场場坏壞坚堅坝壩墙牆壮壯处處备備复復够夠头頭奖獎孙孫学學宁寧宝寶实實审審宽寬对對导導将將
尘塵层層届屆属屬岁歲岭嶺布佈带帶帮幫干幹并並广廣庄莊庆慶库庫应應废廢开開异異张張弹彈强強归歸当當征徵态態总總恳懇恶惡惯慣愤憤愿願户戶托託执執扩擴扫掃扬揚护護报報
担擔拧擰拨撥挠撓挡擋换換据據摆擺敛斂数數断斷无無旧舊时時显顯晓曉暂暫机機权權条條来來杨楊杰傑极極枫楓标標栏欄树樹样樣档檔桥橋检檢楼樓气氣汤湯沟溝没沒浅淺涂塗涛濤
温溫湾灣满滿滥濫滩灘点點烟煙熏燻猪豬环環现現电電监監盖蓋着著码碼砖磚礼禮种種积積笔筆类類粪糞系係红紅级級纪紀纳納纸紙线線组組细細织織终終经經结結给給络絡统統继繼
续續维維绿綠编編缩縮网網罗羅职職联聯肃肅脱脫节節苏蘇荣榮莲蓮获獲营營蒋蔣虚虛补補见見观觀规規觉覺计計讨討让讓议議记記许許论論设設访訪证證评評识識诉訴话話该該误誤
说說请請谁誰调調谅諒谓謂谢謝谭譚负負财財责責账賬质質贫貧购購贴貼贵貴贷貸费費贺賀贾賈贿賄赁賃资資赌賭赢贏赵趙车車转轉轮輪轻輕轿轎辆輛辉輝输輸迁遷过過还還这這进進
远遠违違连連选選递遞邓鄧邹鄒郑鄭采採里裡钱錢铁鐵银銀铺鋪销銷镇鎮长長门門问問间間闹鬧阳陽际際陆陸陈陳随隨难難韩韓页頁项項顺順顾顧顿頓预預领領题題额額风風饭飯饮飲
馆館马馬驶駛驻駐驾駕骂罵验驗鱼魚鸡雞鸣鳴黄黃龄齡龙龍龚龔
"""
_PAIRS = "".join(S2T_PAIRS.split())
S2T = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}
S2T_PHRASES = {"只有": "只有", "一只": "一隻", "干股": "乾股", "里的": "裡的", "村里": "村裡", "家里": "家裡",
               "手里": "手裡", "哪里": "哪裡", "几里": "幾里", "河里": "河裡", "箱里": "箱裡", "公里": "公里",
               "后来": "後來", "以后": "以後", "前后": "前後", "答复": "答覆", "复查": "複查", "松林": "松林",
               "范围": "範圍", "发展": "發展", "头发": "頭髮", "面积": "面積", "表面": "表面", "台账": "臺賬",
               "联系": "聯繫", "关系": "關係", "系统": "系統", "系": "係", "干部": "幹部", "能干": "能幹", "怎么干": "怎麼幹",
               "干净": "乾淨", "标准": "標準", "〇": "零", "吃喝": "吃喝", "制止": "制止", "制度": "制度", "余": "餘"}


def to_traditional(text: str) -> str:
    out = []
    i = 0
    keys = sorted(S2T_PHRASES, key=len, reverse=True)
    while i < len(text):
        for k in keys:
            if text.startswith(k, i):
                out.append(S2T_PHRASES[k])
                i += len(k)
                break
        else:
            out.append(S2T.get(text[i], text[i]))
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------
# Planning the letters
# ---------------------------------------------------------------------------


def workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    d, out = start, []
    while d <= end:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


Q1_DAYS = workdays(dt.date(2019, 1, 3), dt.date(2019, 3, 29))
Q2_DAYS = workdays(dt.date(2019, 4, 1), dt.date(2019, 6, 28))
H1_DAYS = workdays(dt.date(2019, 1, 2), dt.date(2019, 6, 28))
Y2018_DAYS = workdays(dt.date(2018, 6, 1), dt.date(2018, 12, 28))


class Planner:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.people = People(random.Random(f"{SEED}/people"))
        self.letters: list[Letter] = []
        self.matters: set[tuple[str, str]] = set()
        self.n = 0
        for s in STAFF + ["彭德明", "蒋志强", "冯桂芳"]:
            self.people.reserve(s)
        # Planted collision: two officials called 王建华 in different villages.
        self.people.plant("石桥镇", "柳河村", "村党支部书记", "王建华")
        self.people.plant("白马镇", "红星村", "村会计", "王建华")

    def key(self) -> str:
        self.n += 1
        return f"L{self.n:03d}"

    def petitioner(self, village: str | None, town: str, anonymous: bool, name: str | None = None,
                   female: bool | None = None) -> dict:
        rng = self.rng
        if anonymous:
            return {"name": "匿名", "anonymous": True, "town": town, "village": village}
        fem = rng.random() < 0.35 if female is None else female
        nm = name or self.people.name(female=fem)
        return {"name": nm, "anonymous": False, "town": town, "village": village, "phone": phone(rng), "female": fem}

    def accused_for(self, topic: str, town: str, village: str | None, rng: random.Random) -> list[dict]:
        level = TOPICS[topic]["level"]
        if level == "either":
            level = "town" if rng.random() < 0.45 else "village"
        if level == "town" or village is None:
            pool = {"津补贴": ["农经站站长", "财政所所长", "林业站站长", "国土所所长", "民政办主任"],
                    "作风问题": ["镇长", "副镇长", "农经站站长", "国土所所长", "镇党委书记"],
                    "处分执行": ["林业站站长", "财政所所长", "副镇长", "民政办主任"]}.get(topic, ["副镇长"])
            title = town_title(town, rng.choice(pool))
            return [self.people.official(town, None, title)]
        comm = is_community(village)
        if topic == "三资管理":
            titles = ["村党支部书记", "村党支部书记", "村委会主任", "村会计"]
        elif topic in ("换届选举", "发展党员"):
            titles = ["村党支部书记", "村党支部书记", "村委会主任"]
        else:
            titles = ["村党支部书记", "村党支部书记", "村委会主任", "村委会主任", "村会计", "村监委会主任"]
        title = rng.choice(titles)
        if comm:
            title = {"村党支部书记": "社区党支部书记", "村委会主任": "社区居委会主任"}.get(title, "社区居委会主任")
        return [self.people.official(town, village, title)]

    def second_accused(self, first: dict, rng: random.Random) -> dict:
        town, village = first["town"], first["village"]
        if village:
            comm = is_community(village)
            opts = (["社区党支部书记", "社区居委会主任"] if comm else ["村党支部书记", "村委会主任", "村会计", "村文书"])
        else:
            opts = [town_title(town, x) for x in ["副镇长", "财政所所长", "民政办主任"]]
        opts = [o for o in opts if o != first["title"]]
        return self.people.official(town, village, rng.choice(opts))

    def mention(self, L: Letter, rng: random.Random) -> None:
        town = L["town"]
        title = rng.choice([town_title(town, "镇长"), town_title(town, "镇党委书记"), "包村干部", town_title(town, "镇纪委书记")])
        off = self.people.official(town, L["village"] if title == "包村干部" else None, title)
        if any(off["name"] == x["name"] for x in L["accused"]):
            return
        aliases = ALL_TITLES[title][0]
        base = L["received"] - dt.timedelta(days=rng.randint(60, 300))
        L["mentioned"].append({"name": off["name"], "title": title, "role": "受理人",
                               "title_surface": rng.choice(aliases) if title != "包村干部" else "包村干部",
                               "year": base.year, "month": base.month})

    def make(self, *, origin: str, batch: str, topic: str | None = None, village: str | None = None,
             town: str | None = None, received: dt.date | None = None, anonymous: bool | None = None,
             petitioner: dict | None = None, accused: list | None = None, ledger: bool = False, file: bool = True,
             **kw) -> Letter:
        rng = self.rng
        days = {"2019Q1": Q1_DAYS, "2019Q2": Q2_DAYS}.get(batch, H1_DAYS)
        received = received or rng.choice(days)
        key = self.key()
        fixed_topic, fixed_village, fixed_town = topic, village, town
        # A random letter must not accidentally be about the same matter (official + topic)
        # as another letter: only the planned repeat groups are repeats.
        for attempt in range(200):
            topic, village, town = fixed_topic, fixed_village, fixed_town
            if topic is None:
                w = dict(TOPIC_WEIGHTS)
                if received >= dt.date(2019, 4, 1):
                    w["换届选举"] = SURGE_WEIGHT
                topic = rng.choices(list(w), weights=list(w.values()))[0]
            if village is None and town is None:
                town, vs = rng.choice(GAZ)
                village = rng.choice(vs)
            town = town or TOWN_OF[village]
            lrng = random.Random(f"{SEED}/{key}/plan/{attempt}")
            if accused is not None:
                acc = accused
                break
            acc = self.accused_for(topic, town, village, lrng)
            if lrng.random() < 0.12:
                acc.append(self.second_accused(acc[0], lrng))
            if not any((a["name"], topic) in self.matters for a in acc):
                break
        else:
            raise RuntimeError("could not find a fresh matter")
        for a in acc:
            self.matters.add((a["name"], topic))
        letter_village = acc[0]["village"]
        if anonymous is None:
            anonymous = rng.random() < 0.25
        pet = petitioner or self.petitioner(village, town, anonymous)
        if letter_village is None:
            pet["village"] = None
        L = new_letter(key, origin=origin, batch=batch, topic=topic, town=town, village=letter_village,
                       received=received, ledger=ledger, file=file, accused=acc, petitioners=[pet])
        L["age"] = lrng.randint(38, 76)
        L["sex"] = "女" if pet.get("female") else "男"
        L["letter_date"] = received - dt.timedelta(days=lrng.randint(3, 12)) if origin == "forwarded" else received
        L["params"] = TOPICS[topic]["params"](random.Random(f"{SEED}/{key}/params"), self.people, L)
        if lrng.random() < 0.55:
            self.mention(L, lrng)
        L.update(kw)
        self.letters.append(L)
        return L

    def repeat(self, orig: Letter, *, origin: str, batch: str, received: dt.date, new_fact: bool = False,
               new_official: bool = False, **kw) -> Letter:
        """The same petitioner sending the same complaint again, reworded."""
        rng = random.Random(f"{SEED}/{orig['key']}/{received}/repeat")
        key = self.key()
        L = new_letter(key, origin=origin, batch=batch, topic=orig["topic"], town=orig["town"], village=orig["village"],
                       received=received, petitioners=[dict(p) for p in orig["petitioners"]],
                       accused=[dict(a) for a in orig["accused"]], params=dict(orig["params"]),
                       mentioned=[dict(m) for m in orig["mentioned"]], joint=orig.get("joint", False))
        L["age"], L["sex"] = orig["age"], orig["sex"]
        L["letter_date"] = received - dt.timedelta(days=rng.randint(3, 12)) if origin == "forwarded" else received
        facts = TOPICS[orig["topic"]]["facts"]
        base = list(range(len(facts)))
        rng.shuffle(base)
        L["fact_order"] = base[: rng.randint(3, len(base))]
        group = orig["repeat_group"]
        members = [x for x in self.letters if x["repeat_group"] == group]
        prev = max(members, key=lambda x: x["received"])
        L["repeat_note"] = (cn_date(prev["received"], 0) if rng.random() < 0.5 else f"{prev['received'].month}月份", len(members) + 1)
        L["repeat_group"] = group
        L["repeat_of"] = [m["key"] for m in sorted(members, key=lambda x: x["received"])]
        if new_fact:
            L["new_fact"] = TOPICS[orig["topic"]]["new_facts"][0]
            L["new_issue"] = True
            L["new_issue_detail"] = "new fact"
        if new_official:
            extra = self.second_accused(orig["accused"][0], rng)
            if any(extra["name"] == a["name"] for a in L["accused"]):
                extra = self.people.official(orig["town"], orig["village"], "村监委会主任" if orig["village"] and not is_community(orig["village"]) else town_title(orig["town"], "副镇长"))
            L["accused"].append(extra)
            self.matters.add((extra["name"], orig["topic"]))
            L["new_issue"] = True
            L["new_issue_detail"] = f"new official: {extra['name']} ({extra['title']})"
        L.update(kw)
        self.letters.append(L)
        return L


def plan() -> list[Letter]:
    P = Planner()
    rng = P.rng
    groups = 0

    def group(orig: Letter) -> Letter:
        nonlocal groups
        groups += 1
        orig["repeat_group"] = f"R{groups:02d}"
        return orig

    def d(s: str) -> dt.date:
        return dt.date.fromisoformat(s)

    def pet(village, female=None, name=None):
        return P.petitioner(village, TOWN_OF[village], False, name=name, female=female)

    liuhe_shuji = P.people.official("石桥镇", "柳河村", "村党支部书记")  # 王建华 of 柳河村
    hongxing_kuaiji = P.people.official("白马镇", "红星村", "村会计")  # 王建华 of 红星村

    # R01: 低保 in 柳河村 against 王建华 (村党支部书记): Q1 ledger+file, repeated in Q2 ledger.
    r01 = group(P.make(origin="forwarded", batch="2019Q1", topic="低保", village="柳河村", received=d("2019-01-21"),
                       petitioner=pet("柳河村", female=True), accused=[liuhe_shuji], ledger=True, fmt="pdf"))
    P.repeat(r01, origin="forwarded", batch="2019Q2", received=d("2019-05-13"), ledger=True, fmt="docx")
    # R02: 三资 in 龙泉村: 2018 local letter, Q1 ledger, then Big5 local letter with a new official.
    r02 = group(P.make(origin="local", batch="local", topic="三资管理", village="龙泉村", received=d("2018-09-17"),
                       petitioner=pet("龙泉村", female=False), fmt="txt", encoding="gbk",
                       accused=[P.people.official("青龙镇", "龙泉村", "村委会主任")]))
    P.repeat(r02, origin="forwarded", batch="2019Q1", received=d("2019-02-26"), ledger=True, fmt="txt", encoding="utf-8")
    P.repeat(r02, origin="local", batch="local", received=d("2019-05-20"), new_official=True, fmt="txt", encoding="big5",
             script="traditional")
    # R03: 危房改造 in 大营村: Q1 ledger → local GBK letter with a new fact.
    r03 = group(P.make(origin="forwarded", batch="2019Q1", topic="危房改造", village="大营村", received=d("2019-01-10"),
                       petitioner=pet("大营村"), ledger=True, fmt="pdf"))
    P.repeat(r03, origin="local", batch="local", received=d("2019-04-16"), new_fact=True, fmt="txt", encoding="gbk")
    # R04: 征地补偿 in 十里铺村: traditional (Big5) in 2018, simplified UTF-8 in 2019.
    r04 = group(P.make(origin="local", batch="local", topic="征地补偿", village="十里铺村", received=d("2018-11-05"),
                       petitioner=pet("十里铺村", female=False), fmt="txt", encoding="big5", script="traditional"))
    P.repeat(r04, origin="local", batch="local", received=d("2019-03-11"), fmt="txt", encoding="utf-8")
    # R05: 换届选举 in 清坝村: local letter in April, Q2 ledger in May with a new official.
    r05 = group(P.make(origin="local", batch="local", topic="换届选举", village="清坝村", received=d("2019-04-08"),
                       petitioner=pet("清坝村", female=False), fmt="txt", encoding="utf-8"))
    P.repeat(r05, origin="forwarded", batch="2019Q2", received=d("2019-05-06"), ledger=True, fmt="pdf", new_official=True)
    # R06: anonymous 部分村民 about 金竹村's 村委会主任, twice through the ledgers.
    jz = P.people.official("双河镇", "金竹村", "村委会主任")
    r06 = group(P.make(origin="forwarded", batch="2019Q1", topic="工程项目", village="金竹村", received=d("2019-02-12"),
                       anonymous=True, accused=[jz], ledger=True, fmt="txt", encoding="utf-8"))
    P.repeat(r06, origin="forwarded", batch="2019Q2", received=d("2019-04-22"), ledger=True, fmt="txt", encoding="gbk")
    # R07: visit (来访登记表) in February, online report in May with a new fact.
    r07 = group(P.make(origin="local", batch="local", topic="扶贫", village="松林村", received=d("2019-02-19"),
                       petitioner=pet("松林村", female=True), fmt="visit", channel="visit"))
    P.repeat(r07, origin="local", batch="local", received=d("2019-05-09"), new_fact=True, fmt="online", channel="online",
             encoding="utf-8")
    # R08: Q2 ledger → local UTF-16 letter three weeks later.
    r08 = group(P.make(origin="forwarded", batch="2019Q2", topic="生态环境", village="枫树湾村", received=d("2019-04-11"),
                       petitioner=pet("枫树湾村", female=False), ledger=True, fmt="docx"))
    P.repeat(r08, origin="local", batch="local", received=d("2019-05-30"), fmt="txt", encoding="utf-16le")
    # R09: a frequent petitioner (重点信访人): 2018, Q1, Q2, local; one with a new issue.
    r09 = group(P.make(origin="local", batch="local", topic="三资管理", village="北关村", received=d("2018-07-23"),
                       petitioner=pet("北关村", female=False), fmt="txt", encoding="gbk"))
    P.repeat(r09, origin="forwarded", batch="2019Q1", received=d("2019-01-28"), ledger=True, fmt="pdf")
    P.repeat(r09, origin="forwarded", batch="2019Q2", received=d("2019-04-29"), ledger=True, fmt="txt", encoding="utf-8",
             new_fact=True)
    P.repeat(r09, origin="local", batch="local", received=d("2019-06-17"), fmt="txt", encoding="big5", script="traditional")
    # R10: Q1 ledger PDF → OCR'd scan of a re-sent letter.
    r10 = group(P.make(origin="forwarded", batch="2019Q1", topic="发展党员", village="观音堂村", received=d("2019-03-04"),
                       petitioner=pet("观音堂村"), ledger=True, fmt="pdf"))
    P.repeat(r10, origin="local", batch="local", received=d("2019-04-25"), fmt="txt", encoding="gbk", noise=["ocr"])
    # R11: local GBK → local PDF.
    r11 = group(P.make(origin="local", batch="local", topic="危房改造", village="黄土岭村", received=d("2019-01-15"),
                       petitioner=pet("黄土岭村", female=True), fmt="txt", encoding="gbk"))
    P.repeat(r11, origin="local", batch="local", received=d("2019-03-27"), fmt="pdf")
    # R12: 作风问题 against a town official: Q1 → Q2 with a new fact.
    r12 = group(P.make(origin="forwarded", batch="2019Q1", topic="作风问题", town="南山乡", village=None,
                       received=d("2019-02-20"), petitioner=pet("梨树村"), ledger=True, fmt="docx",
                       accused=[P.people.official("南山乡", None, "乡长")]))
    P.repeat(r12, origin="forwarded", batch="2019Q2", received=d("2019-06-03"), ledger=True, fmt="pdf", new_fact=True)
    # R13: joint letter (联名) about 低保 in 桃园村: 2018 local, Q1 ledger, local 2019 online.
    t_p = [pet("桃园村", female=False), pet("桃园村", female=True), pet("桃园村", female=False)]
    r13 = group(P.make(origin="local", batch="local", topic="低保", village="桃园村", received=d("2018-10-09"),
                       petitioner=t_p[0], fmt="txt", encoding="utf-8", joint=True))
    r13["petitioners"] = t_p
    P.repeat(r13, origin="forwarded", batch="2019Q1", received=d("2019-01-17"), ledger=True, fmt="txt", encoding="gbk")
    P.repeat(r13, origin="local", batch="local", received=d("2019-04-03"), fmt="txt", encoding="utf-16le", new_official=True)
    # R14: 处分执行 in 双河村: Q1 ledger only (no file) → local PDF.
    r14 = group(P.make(origin="forwarded", batch="2019Q1", topic="处分执行", village="双河村", received=d("2019-03-14"),
                       petitioner=pet("双河村", female=False), ledger=True, file=False,
                       accused=[P.people.official("双河镇", "双河村", "村党支部书记")]))
    P.repeat(r14, origin="local", batch="local", received=d("2019-05-15"), fmt="pdf", script="traditional")
    # R15: 换届选举 in 三岔村, written with the old name 三叉村 the second time.
    r15 = group(P.make(origin="local", batch="local", topic="换届选举", village="三岔村", received=d("2019-04-12"),
                       petitioner=pet("三岔村", female=False), fmt="online", channel="online", encoding="utf-8"))
    P.repeat(r15, origin="forwarded", batch="2019Q2", received=d("2019-06-10"), ledger=True, fmt="txt", encoding="utf-8",
             old_village_name=True)
    # R16: 王建华 of 红星村 (the other 王建华): 2018 Big5 letter, repeated in Q2.
    r16 = group(P.make(origin="local", batch="local", topic="三资管理", village="红星村", received=d("2018-12-03"),
                       petitioner=pet("红星村", female=True), accused=[hongxing_kuaiji], fmt="txt", encoding="big5",
                       script="traditional"))
    P.repeat(r16, origin="forwarded", batch="2019Q2", received=d("2019-04-17"), ledger=True, fmt="docx")

    # Decoys: 柳河村 letters by other petitioners about other officials; the same-name petitioners.
    P.make(origin="forwarded", batch="2019Q1", topic="三资管理", village="柳河村", received=d("2019-02-14"),
           accused=[P.people.official("石桥镇", "柳河村", "村会计")], ledger=True, fmt="txt", encoding="utf-8", decoy="same village, other official")
    P.make(origin="local", batch="local", topic="低保", village="柳河村", received=d("2019-03-19"),
           accused=[P.people.official("石桥镇", "柳河村", "村委会主任")], anonymous=False, fmt="txt", encoding="gbk",
           decoy="same village and topic, other official")
    P.make(origin="local", batch="local", topic="工程项目", village="红星村", received=d("2019-05-22"),
           accused=[hongxing_kuaiji], fmt="docx", decoy="the other 王建华")
    P.people.reserve("张秀英")
    P.make(origin="forwarded", batch="2019Q1", topic="征地补偿", village="沙坝村", received=d("2019-03-07"),
           petitioner=pet("沙坝村", female=True, name="张秀英"), ledger=True, fmt="txt", encoding="utf-8",
           decoy="same petitioner name, other village")
    P.make(origin="local", batch="local", topic="危房改造", village="柏树村", received=d("2019-04-18"),
           petitioner=pet("柏树村", female=True, name="张秀英"), fmt="txt", encoding="gbk",
           decoy="same petitioner name, other village")

    # Fill up to the target counts.
    def count(pred):
        return sum(1 for x in P.letters if pred(x))

    for batch, target in (("2019Q1", 97), ("2019Q2", 104)):
        while count(lambda x: x["batch"] == batch) < target:
            P.make(origin="forwarded", batch=batch, ledger=True, file=rng.random() < 0.86)
    while count(lambda x: x["batch"] == "local" and x["received"].year == 2019) < 92:
        P.make(origin="local", batch="local")
    while count(lambda x: x["batch"] == "local" and x["received"].year == 2018) < 8:
        P.make(origin="local", batch="local", received=rng.choice(Y2018_DAYS))
    return P.letters


# ---------------------------------------------------------------------------
# Formats and file names
# ---------------------------------------------------------------------------


def assign_refs(letters: list[Letter]) -> None:
    n = 0
    for batch in ("2019Q1", "2019Q2"):
        rows = sorted((x for x in letters if x["batch"] == batch), key=lambda x: (x["received"], x["key"]))
        for L in rows:
            n += 1
            L["ref"] = f"XF2019-{n:04d}"
            L["forwarded"] = L["received"] + dt.timedelta(days=random.Random(f"{SEED}/{L['key']}/fw").randint(2, 12))
            if L["forwarded"] > (dt.date(2019, 3, 29) if batch == "2019Q1" else dt.date(2019, 6, 28)):
                L["forwarded"] = dt.date(2019, 3, 29) if batch == "2019Q1" else dt.date(2019, 6, 28)
            L["disposition"] = random.Random(f"{SEED}/{L['key']}/disp").choices(
                ["即时答复", "限时办结", "移送线索"], weights=[3, 5, 2])[0]
            if L["repeat_of"] and not L["new_issue"]:
                L["disposition"] = "限时办结"


def assign_formats(letters: list[Letter]) -> None:
    rng = random.Random(f"{SEED}/formats")
    for batch, pdfs, docxs in (("2019Q1", 24, 12), ("2019Q2", 20, 14)):
        free = [x for x in letters if x["batch"] == batch and x["file"] and x.get("fmt") is None]
        rng.shuffle(free)
        tokens = ["pdf"] * pdfs + ["docx"] * docxs
        tokens += ["txt"] * (len(free) - len(tokens))
        for L, tok in zip(free, tokens):
            L["fmt"] = tok
    local = [x for x in letters if x["batch"] == "local" and x.get("fmt") is None]
    rng.shuffle(local)
    # Visitors give their names: visit forms go to real-name letters.
    for L in [x for x in local if not x["petitioners"][0]["anonymous"]][:8]:
        L["fmt"], L["channel"] = "visit", "visit"
    local = [x for x in local if x.get("fmt") is None]
    plan_ = (["online"] * 11 + ["pdf"] * 4 + ["docx"] * 2 + ["ocr"] * 9)
    plan_ += ["txt"] * (len(local) - len(plan_))
    for L, tok in zip(local, plan_):
        if tok == "ocr":
            L["fmt"], L["noise"] = "txt", ["ocr"]
        elif tok == "online":
            L["fmt"], L["channel"] = "online", "online"
        else:
            L["fmt"] = tok
    # Encodings of plain-text letters.
    enc_local = ["utf-8-bom"] * 3 + ["utf-16le"] * 5 + ["big5"] * 8 + ["gbk"] * 14
    txts = [x for x in letters if x["batch"] == "local" and x["fmt"] in ("txt",) and x.get("encoding") is None]
    rng.shuffle(txts)
    for i, L in enumerate(txts):
        L["encoding"] = enc_local[i] if i < len(enc_local) else "utf-8"
        if L["encoding"] == "big5":
            L["script"] = "traditional"
    for L in letters:
        if L["fmt"] == "online" and L.get("encoding") is None:
            L["encoding"] = rng.choice(["utf-8", "utf-8", "gbk"])
        if L["fmt"] == "txt" and L.get("encoding") is None:
            L["encoding"] = rng.choice(["utf-8"] * 4 + ["gbk"])
        if L["fmt"] in ("pdf", "docx", "visit"):
            L["encoding"] = None
    # A few traditional PDFs / docx in the local folder (Big5 text is always traditional).
    for L in [x for x in letters if x["batch"] == "local" and x["fmt"] in ("pdf", "visit") and not x["repeat_group"]][:2]:
        L["script"] = "traditional"
    # Stamps with the reference number inside forwarded letter files.
    for L in letters:
        if L["ref"] and L["file"] and random.Random(f"{SEED}/{L['key']}/stamp").random() < 0.2:
            L["stamp_ref"] = True


def file_names(letters: list[Letter]) -> None:
    used: set[str] = set()
    rng = random.Random(f"{SEED}/names")

    def claim(path: str) -> str:
        base, ext = path.rsplit(".", 1)
        p, i = path, 2
        while p.lower() in used:
            p = f"{base}（{i}）.{ext}"
            i += 1
        used.add(p.lower())
        return p

    spaced = 0
    for L in sorted(letters, key=lambda x: (x["batch"], x["received"], x["key"])):
        if not L["file"]:
            continue
        ext = {"pdf": "pdf", "docx": "docx", "txt": "txt", "visit": "docx", "online": "txt"}[L["fmt"]]
        pet = L["petitioners"][0]
        who = "匿名" if pet["anonymous"] else pet["name"][0] + "某"
        if L["ref"]:
            r = rng.random()
            ref = L["ref"]
            stem, folder = ref, ""
            if ext == "pdf" and r < 0.3:
                folder = "来信扫描件/"
            elif ext == "docx" and r < 0.35:
                stem = f"{ref} {who}反映"
            elif ext == "txt" and pet["anonymous"] and r < 0.5:
                stem = f"{ref} 匿名信"
            elif ext == "txt" and r < 0.12:
                stem = f"{ref}（{L['village'] or L['town']}）"
            elif spaced < 2 and ext in ("docx", "txt") and r < 0.5:
                spaced += 1
                stem = f"{ref} 关于 {L['village'] or L['town']} {L['topic']}问题的反映"
            if ext in ("txt", "pdf") and rng.random() < 0.08:
                ext = ext.upper()
            L["path"] = claim(f"{L['batch']}/{folder}{stem}.{ext}")
            continue
        day = L["received"]
        if L["received"].year == 2018:
            L["path"] = claim(f"local/2018年来信/{day:%Y%m%d}_{who}.{ext}")
        elif L["fmt"] == "online":
            L["path"] = claim(f"local/网络举报/网络举报_{day:%Y%m%d}_{rng.randint(80000, 175959):06d}.txt")
        elif L["fmt"] == "visit":
            L["path"] = claim(f"local/来访登记/来访登记表 {day:%Y.%m.%d} {who}.docx")
        elif "ocr" in L["noise"]:
            L["path"] = claim(f"local/扫描件识别/扫描_{day:%m%d}_{rng.randint(1, 99):02d}.txt")
        else:
            style = rng.random()
            if style < 0.4:
                name = f"{day:%Y-%m-%d} {who}来信.{ext}"
            elif style < 0.7:
                name = f"来信_{day:%Y%m%d}_{rng.randint(1, 9):02d}.{ext}"
            else:
                name = f"{L['village'] or L['town']}{who}反映材料.{ext}"
            if ext == "txt" and rng.random() < 0.06:
                name = name[:-3] + "TXT"
            L["path"] = claim(f"local/来信/{day:%Y-%m}/{name}")


# ---------------------------------------------------------------------------
# Rendering text variants
# ---------------------------------------------------------------------------

FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def ocr_noise(text: str, rng: random.Random) -> str:
    """Hard line breaks inside sentences, page markers, stray spaces, full-width digits."""
    text = text.translate(FW_DIGITS)
    out_lines: list[str] = []
    for para in text.split("\n"):
        while len(para) > 0:
            w = rng.randint(17, 26)
            out_lines.append(para[:w])
            para = para[w:]
        if not para and not out_lines:
            out_lines.append("")
    noisy = []
    page = 1
    for i, line in enumerate(out_lines):
        if rng.random() < 0.18 and len(line) > 4:
            j = rng.randint(1, len(line) - 1)
            line = line[:j] + " " + line[j:]
        if rng.random() < 0.08 and len(line) > 6:
            line = " ".join(line[:4]) + line[4:]
        noisy.append(line)
        if i > 0 and i % 22 == 0 and i < len(out_lines) - 3:
            page += 1
            noisy.append(rng.choice([f"第 {page} 页", f"- {page} -", f"第{page}页 共3页"]))
    return "\n".join(noisy) + "\n"



DATE_LINE = re.compile(r"^(\d{4}[年.]\d{1,2}[月.]\d{1,2}日?|[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$")
SKIP_PREFIXES = ("此致", "敬礼", "举报人", "反映人：", "联系电话", "电话", "手机", "联名人", "信访编号", "以上情况属实", "具体问题如下",
                 "主要有以下几个问题", "具体情况如下")


def body_lines(text: str) -> list[str]:
    """The complaint itself: no title, salutation, closing, signature or date line."""
    lines = [x for x in text.split("\n") if x]
    sal = set(SALUTATIONS_LOCAL + SALUTATIONS_FORWARDED)
    out = []
    for i, x in enumerate(lines):
        if x in sal or DATE_LINE.match(x) or x.startswith(SKIP_PREFIXES):
            continue
        if i <= 1 and len(x) < 40 and not x.endswith("。"):
            continue  # a title line
        if x.endswith("：" ) and len(x) < 16:
            continue  # a signature label such as 柳河村村民：张三 is handled below
        if i >= len(lines) - 4 and len(x) < 16 and "。" not in x:
            continue  # the signature
        out.append(x)
    return out


def online_export(L: Letter, body: str, rng: random.Random) -> str:
    """A 12381 web-report export: labelled fields at the top, the body below."""
    pet = L["petitioners"][0]
    off = L["accused"][0]
    t = dt.datetime.combine(L["received"], dt.time(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)))
    # The body of a web report has no salutation, closing or signature.
    core = body_lines(body)
    head = [
        "清河县纪委监委 12381 网络举报 受理单",
        f"举报时间：{t:%Y-%m-%d %H:%M:%S}",
        f"举报人：{'匿名' if pet['anonymous'] else pet['name']}",
        f"联系电话：{pet.get('phone') or '（未填写）'}",
        f"举报人住址：{COUNTY}{L['town']}{L['village'] or ''}",
        f"被举报人：{'、'.join(a['name'] for a in L['accused'])}",
        f"被举报人单位：{off['town']}{off['village'] or ''}",
        f"被举报人职务：{'、'.join(a['title'] for a in L['accused'])}",
        f"问题类别：{L['topic']}",
        "举报内容：",
    ]
    return "\n".join(head + core) + "\n"


def render_texts(letters: list[Letter], people: People | None = None) -> None:
    for L in letters:
        if not L["file"]:
            continue
        rng = random.Random(f"{SEED}/{L['key']}/render")
        body = compose(L, people)
        if L["fmt"] == "online":
            body = online_export(L, body, rng)
        if "ocr" in L["noise"]:
            body = ocr_noise(body, rng)
        if L["script"] == "traditional" and L["fmt"] != "visit":
            body = to_traditional(body)
        L["text"] = body


# ---------------------------------------------------------------------------
# Writers: ODF flat files, LibreOffice conversion, pinning bytes
# ---------------------------------------------------------------------------

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def fodt(paragraphs: list[tuple[str, str]], traditional: bool, tables: str = "") -> str:
    """A flat ODT; paragraphs are (style, text) with style in Title/Body/Plain/Right."""
    font = "Noto Serif CJK TC" if traditional else "Noto Serif CJK SC"
    lang = 'style:language-asian="zh" style:country-asian="TW"' if traditional else 'style:language-asian="zh" style:country-asian="CN"'
    body = []
    for style, text in paragraphs:
        if style == "TABLE":
            body.append(tables)
            continue
        body.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><meta:generator>xinfang samples</meta:generator><meta:creation-date>2019-07-01T00:00:00</meta:creation-date><dc:date>2019-07-01T00:00:00</dc:date></office:meta>
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="150%"/><style:text-properties style:font-name="{font}" fo:font-size="12pt" style:font-name-asian="{font}" style:font-size-asian="12pt" {lang}/></style:default-style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.85cm"/></style:style>
<style:style style:name="Plain" style:family="paragraph"/>
<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/></style:page-layout>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="15.6cm" table:align="center"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


def letter_paragraphs(text: str) -> list[tuple[str, str]]:
    paras = []
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        if i == 0 and len(line) < 24 and not line.endswith("：") and not line.startswith("信访编号"):
            paras.append(("Title", line))
        elif line.endswith("：") or line in ("此致", "敬礼", "敬礼！") or line.startswith("信访编号"):
            paras.append(("Plain", line))
        elif i >= len(lines) - 4 and len(line) < 30:
            paras.append(("Right", line))
        else:
            paras.append(("Body", line))
    return paras


def visit_form(L: Letter, body: str) -> tuple[str, str]:
    """来访登记表 as a table (plus the plain text the truth keeps)."""
    pet = L["petitioners"][0]
    off = L["accused"][0]
    rng = random.Random(f"{SEED}/{L['key']}/visit")
    core = body_lines(body)
    demand = core[-1]
    problem = "".join(core[:-1]).replace("今天写信，是想向您反映", "今天来访，是想反映").replace("才写了这封信", "才来县纪委反映")
    problem = problem.replace("写这封信", "来反映")
    staff = STAFF[rng.randint(0, 1)]
    L["mentioned"].append({"name": staff, "title": "信访室工作人员", "role": "接待人"})
    advice = {"即时答复": "当场答复", "限时办结": "转乡镇限时办结", "移送线索": "移送线索排查会"}[rng.choice(["即时答复", "限时办结", "移送线索"])]
    rows = [
        [("来访日期", 1), (cn_date(L["received"], 0), 1), ("接待人", 1), (staff, 1)],
        [("来访人姓名", 1), (pet["name"], 1), ("性别", 1), (L["sex"], 1)],
        [("联系电话", 1), (pet["phone"], 1), ("来访人数", 1), ("1人", 1)],
        [("住址", 1), (f"{COUNTY}{L['town']}{L['village'] or ''}", 3)],
        [("被反映人", 1), ("、".join(a["name"] for a in L["accused"]), 1), ("单位及职务", 1),
         ("、".join((a["village"] or a["town"]) + a["title"].removeprefix("村") if a["village"] else a["town"] + a["title"] for a in L["accused"]), 1)],
        [("反映的主要问题", 1), (problem, 3)],
        [("诉求", 1), (demand, 3)],
        [("处理意见", 1), (advice, 3)],
    ]
    x = ['<table:table table:name="来访登记" table:style-name="Tbl"><table:table-column table:number-columns-repeated="4"/>']
    for row in rows:
        x.append("<table:table-row>")
        for text, span in row:
            attrs = f' table:number-columns-spanned="{span}"' if span > 1 else ""
            x.append(f'<table:table-cell table:style-name="Cell" office:value-type="string"{attrs}><text:p text:style-name="Plain">{escape(text)}</text:p></table:table-cell>')
            x.extend(["<table:covered-table-cell/>"] * (span - 1))
        x.append("</table:table-row>")
    x.append("</table:table>")
    title = "清河县纪委监委来访登记表"
    plain = title + "\n" + "\n".join("\t".join(t for t, _ in row) for row in rows) + "\n"
    return "".join(x), plain, title


def soffice(args: list[str], files: list[Path], outdir: Path) -> None:
    if not files:
        return
    profile = outdir.parent / "lo-profile"
    for i in range(0, len(files), 60):
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args,
               "--outdir", str(outdir), *map(str, files[i:i + 60])]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for f in files:
        ext = args[args.index("--convert-to") + 1].split(":")[0]
        if not (outdir / (f.stem + "." + ext)).exists():
            raise RuntimeError(f"LibreOffice did not convert {f.name} to {ext}")


def pin_pdf(data: bytes) -> bytes:
    """Replace LibreOffice's creation date, document id and checksum (same lengths, so offsets stay)."""
    data = re.sub(rb"/CreationDate\(D:[^)]*\)", lambda m: b"/CreationDate(" + PDF_DATE.ljust(len(m.group(0)) - 15)[: len(m.group(0)) - 15] + b")", data)
    volatile = rb"/ID \[[^\]]*\]|/DocChecksum /[0-9A-Fa-f]+"
    digest = hashlib.md5(re.sub(volatile, b"", data)).hexdigest().upper().encode()
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]+", lambda m: b"/DocChecksum /" + (digest * 4)[: len(m.group(0)) - 14], data)

    def ids(m):
        inner = m.group(0)
        return re.sub(rb"<[0-9A-Fa-f]+>", lambda h: b"<" + (digest * 4)[: len(h.group(0)) - 2] + b">", inner)

    return re.sub(rb"/ID \[[^\]]*\]", ids, data)


def pin_zip(data: bytes) -> bytes:
    """Re-pack a zip (docx, xlsx) with fixed timestamps and fixed dates in its metadata."""
    import io

    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in ("docProps/core.xml", "meta.xml"):
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2019-07-01T00:00:00Z", content)
                content = re.sub(rb"<meta:editing-duration>[^<]*</meta:editing-duration>", b"", content)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = info.compress_type
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content, compresslevel=6 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    return buf.getvalue()


def write_text(path: Path, text: str, encoding: str, crlf: bool) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    if encoding == "utf-8":
        data = text.encode("utf-8")
    elif encoding == "utf-8-bom":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif encoding == "gbk":
        data = text.encode("gbk")
    elif encoding == "big5":
        data = text.encode("big5")
    elif encoding == "utf-16le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        raise ValueError(encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------------------
# Ledgers (flat ODS → xlsx / xls by LibreOffice)
# ---------------------------------------------------------------------------


def cell(value, kind: str = "s", span: int = 1, vspan: int = 1, style: str | None = None) -> str:
    attrs = ""
    if span > 1 or vspan > 1:
        attrs += f' table:number-columns-spanned="{span}" table:number-rows-spanned="{vspan}"'
    if style:
        attrs += f' table:style-name="{style}"'
    if value is None or value == "":
        c = f"<table:table-cell{attrs}/>"
    elif kind == "date":
        c = f'<table:table-cell{attrs} office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>'
    elif kind == "n":
        c = f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    else:
        paras = "".join(f"<text:p>{escape(p)}</text:p>" for p in str(value).split("\n"))
        c = f'<table:table-cell{attrs} office:value-type="string">{paras}</table:table-cell>'
    return c + "<table:covered-table-cell/>" * (span - 1)


def fods(sheets: list[tuple[str, list[int], list[str]]]) -> str:
    """sheets: (name, column widths in mm, rows as XML strings)."""
    tables = []
    for name, widths, rows in sheets:
        cols = "".join(f'<table:table-column table:style-name="co{w}"/>' for w in widths)
        tables.append(f'<table:table table:name="{escape(name)}">{cols}' + "".join(rows) + "</table:table>")
    widths = sorted({w for _, ws, _ in sheets for w in ws})
    colstyles = "".join(f'<style:style style:name="co{w}" style:family="table-column"><style:table-column-properties style:column-width="{w}mm"/></style:style>' for w in widths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><meta:generator>xinfang samples</meta:generator><meta:creation-date>2019-07-01T00:00:00</meta:creation-date></office:meta>
<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
<style:style style:name="ceT" style:family="table-cell" style:parent-style-name="Default"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-size-asian="14pt" style:font-weight-asian="bold"/></style:style>
<style:style style:name="ceH" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="ceW" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:wrap-option="wrap"/></style:style>
{colstyles}
</office:automatic-styles>
<office:body><office:spreadsheet>
{chr(10).join(tables)}
</office:spreadsheet></office:body></office:document>
"""


def row(cells: list[str]) -> str:
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


def date_cell(d: dt.date, rng: random.Random) -> tuple[str, str]:
    """A date as a real date cell or as one of the strings clerks type."""
    r = rng.random()
    if r < 0.62:
        return cell(d, "date", style="ce1"), d.isoformat()
    s = rng.choice([f"{d.year}.{d.month}.{d.day}", f"{d.year}年{d.month}月{d.day}日", f"{d:%Y%m%d}", f"{d.year}/{d.month}/{d.day}"])
    return cell(s), s


def town_as_written(L: Letter, rng: random.Random) -> str:
    t = L["town"]
    r = rng.random()
    if r < 0.15:
        return COUNTY + t
    if r < 0.3:
        return t[:-1]
    return t


def petitioner_cell(L: Letter, rng: random.Random) -> str:
    pet = L["petitioners"]
    if pet[0]["anonymous"]:
        return rng.choice(["匿名", "匿名", f"{L['village'] or L['town']}部分群众" if L["village"] else "匿名"])
    if len(pet) > 1:
        return f"{pet[0]['name']}等{len(pet)}人"
    return pet[0]["name"]


def accused_cells(L: Letter, rng: random.Random) -> tuple[str, str]:
    sep = rng.choice(["、", "\n"])
    names = sep.join(a["name"] for a in L["accused"])
    titles = sep.join(ledger_title(a, rng) for a in L["accused"])
    return names, titles


def build_ledgers(letters: list[Letter], work: Path) -> list[tuple[Path, str]]:
    out = []
    # 2019Q1: one sheet, a title row, a 填报 line, one header row, footers. → .xlsx
    rng = random.Random(f"{SEED}/ledger/Q1")
    q1 = sorted((x for x in letters if x["batch"] == "2019Q1"), key=lambda x: x["ref"])
    header = ["序号", "信访编号", "来信日期", "转办日期", "信访人", "被反映人", "单位及职务", "所属乡镇", "所属村", "问题类别", "主要问题", "处置方式"]
    rows = [row([cell("清河县纪委监委信访举报件登记台账（2019年第一季度）", span=len(header), style="ceT")]),
            row([cell("填报单位：清河县纪委监委信访室", span=6), cell("填报日期：2019年4月3日", span=6)]),
            row([cell(h, style="ceH") for h in header])]
    sheet = "2019年第一季度"
    for i, L in enumerate(q1, 1):
        lr = random.Random(f"{SEED}/{L['key']}/ledger")
        rc, _ = date_cell(L["received"], lr)
        fc, _ = date_cell(L["forwarded"], lr)
        names, titles = accused_cells(L, lr)
        L["summary"] = summary_of(L, lr)
        L["category"] = lr.choice(TOPICS[L["topic"]]["categories"][:2])
        rows.append(row([cell(i, "n"), cell(L["ref"]), rc, fc, cell(petitioner_cell(L, lr)), cell(names, style="ceW"),
                         cell(titles, style="ceW"), cell(town_as_written(L, lr)), cell(OLD_NAME[L["village"]] if L.get("old_village_name") else (L["village"] or "")),
                         cell(L["category"]), cell(L["summary"], style="ceW"), cell(L["disposition"])]))
        L["sources"].insert(0, {"path": "2019Q1/清河县纪委监委信访举报件登记台账（2019年第一季度）.xlsx", "kind": "ledger_row",
                                "sheet": sheet, "row": len(rows)})
    rows.append(row([cell(f"合计：{len(q1)}件", span=len(header))]))
    rows.append(row([cell("填表人：刘芳", span=4), cell(""), cell("审核人：陈志刚", span=4)]))
    src = work / "ledger-q1" / "清河县纪委监委信访举报件登记台账（2019年第一季度）.fods"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(fods([(sheet, [10, 26, 24, 24, 18, 20, 34, 18, 18, 18, 70, 18], rows)]), encoding="utf-8")
    out.append((src, "xlsx"))

    # 2019Q2: 填表说明 sheet first, then two monthly data sheets with a two-row merged header. → .xls
    q2 = sorted((x for x in letters if x["batch"] == "2019Q2"), key=lambda x: x["ref"])
    name = "2019年第二季度上级转办信访件台账"
    notes = ["填表说明",
             "1. 本台账登记上级纪委监委转办的信访举报件，按来信日期顺序编号，编号格式为XF2019-0001。",
             "2. 信访人要求保密的，姓名栏填写“匿名”，联系电话不填。",
             "3. 被反映人有多人的，姓名之间用顿号分隔，单位及职务按相同顺序填写。",
             "4. 处置方式填写即时答复、限时办结或移送线索。",
             "5. 4月、5月的信访件登记在“4-5月”工作表，6月的登记在“6月”工作表。"]
    sheets = [("填表说明", [160], [row([cell(t, style="ceT" if i == 0 else "ceW")]) for i, t in enumerate(notes)])]
    top = ["序号", "信访编号", "来信日期", ("信访人", ["姓名", "联系电话"]), ("被反映人", ["姓名", "单位及职务"]), "所属乡镇",
           "所属村", "问题类型", "反映的主要问题", "转办日期", "处置方式"]
    ncols = sum(len(h[1]) if isinstance(h, tuple) else 1 for h in top)
    for sheet, months in (("4-5月", (4, 5)), ("6月", (6,))):
        part = [x for x in q2 if x["received"].month in months]
        h1, h2 = [], []
        for h in top:
            if isinstance(h, tuple):
                h1.append(cell(h[0], span=len(h[1]), style="ceH"))
                h2.extend(cell(c, style="ceH") for c in h[1])
            else:
                h1.append(cell(h, vspan=2, style="ceH"))
                h2.append("<table:covered-table-cell/>")
        title = f"清河县纪委监委上级转办信访件登记台账（2019年{'4-5' if len(months) == 2 else '6'}月）"
        rows = [row([cell(title, span=ncols, style="ceT")]), row(h1), row(h2)]
        for i, L in enumerate(part, 1):
            lr = random.Random(f"{SEED}/{L['key']}/ledger")
            rc, _ = date_cell(L["received"], lr)
            fc, _ = date_cell(L["forwarded"], lr)
            names, titles = accused_cells(L, lr)
            L["summary"] = summary_of(L, lr)
            L["category"] = lr.choice(TOPICS[L["topic"]]["categories"])
            pet = L["petitioners"][0]
            rows.append(row([cell(i, "n"), cell(L["ref"]), rc, cell(petitioner_cell(L, lr)),
                             cell("" if pet["anonymous"] else pet["phone"]), cell(names, style="ceW"), cell(titles, style="ceW"),
                             cell(town_as_written(L, lr)),
                             cell(OLD_NAME[L["village"]] if L.get("old_village_name") else (L["village"] or "")),
                             cell(L["category"]), cell(L["summary"], style="ceW"), fc, cell(L["disposition"])]))
            L["sources"].insert(0, {"path": f"2019Q2/{name}.xls", "kind": "ledger_row", "sheet": sheet, "row": len(rows)})
        rows.append(row([cell(f"合计：{len(part)}件", span=ncols)]))
        rows.append(row([cell("填表人：赵丽娟", span=5), cell("审核人：陈志刚", span=5)]))
        sheets.append((sheet, [10, 26, 24, 16, 28, 18, 34, 18, 18, 18, 70, 24, 18], rows))
    src = work / "ledger-q2" / f"{name}.fods"
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_text(fods(sheets), encoding="utf-8")
    out.append((src, "xls"))
    return out


# ---------------------------------------------------------------------------
# Damaged files
# ---------------------------------------------------------------------------


def image_pdf(pgm: bytes) -> bytes:
    """A one-page PDF holding a grey image and no text (a scan without OCR)."""
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    if not m:
        raise RuntimeError("unexpected pdftoppm output")
    w, h = int(m.group(1)), int(m.group(2))
    pixels = pgm[m.end():]
    img = zlib.compress(pixels, 9)
    content = f"q 595 0 0 842 0 0 cm /Im0 Do Q".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(img)} >>\nstream\n".encode() + img + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def zip_bomb(path: Path) -> None:
    """A .docx whose word/document.xml inflates to ~200 MB of zeros (~200 KB on disk)."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>').encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels)):
            zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
        zi = zipfile.ZipInfo("word/document.xml", date_time=ZIP_TIME)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.file_size = 200 * 1024 * 1024 + len(head) + len(tail)
        with z.open(zi, "w", force_zip64=True) as f:
            f.write(head)
            chunk = b"0" * (1024 * 1024)
            for _ in range(200):
                f.write(chunk)
            f.write(tail)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="decode every text file and pdftotext every PDF afterwards")
    args = ap.parse_args()
    for tool in ("soffice", "qpdf", "pdftoppm"):
        if not shutil.which(tool):
            print(f"{tool} not found: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk qpdf poppler-utils",
                  file=sys.stderr)
            return 1

    letters = plan()
    assign_refs(letters)
    assign_formats(letters)
    file_names(letters)
    render_texts(letters)

    global PREVIOUS_ENCRYPTED
    old_enc = DAMAGED / "加密的来信.pdf"
    PREVIOUS_ENCRYPTED = old_enc.read_bytes() if old_enc.exists() else None
    for d in (INTAKE, DAMAGED):
        if d.exists():
            shutil.rmtree(d)
    INTAKE.mkdir(parents=True)
    DAMAGED.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="xinfang-samples-") as tmp:
        work = Path(tmp)
        jobs: dict[tuple, list[tuple[Path, Path]]] = {}  # (args) -> [(source, final path)]

        def job(args: tuple, src: Path, final: Path) -> None:
            jobs.setdefault(args, []).append((src, final))

        for L in letters:
            if not L["file"]:
                continue
            final = INTAKE / L["path"]
            final.parent.mkdir(parents=True, exist_ok=True)
            kind = final.suffix.lower().lstrip(".")
            src_stem = f"{L['key']}"
            trad = L["script"] == "traditional"
            if L["fmt"] == "visit":
                table, plain, title = visit_form(L, L["text"] if not trad else L["text"])
                if trad:
                    table, plain, title = to_traditional(table), to_traditional(plain), to_traditional(title)
                L["text"] = plain
                src = work / "fodt" / f"{src_stem}.fodt"
                src.parent.mkdir(parents=True, exist_ok=True)
                src.write_text(fodt([("Title", title), ("TABLE", "")], trad, tables=table), encoding="utf-8")
                job(("--convert-to", "docx:MS Word 2007 XML"), src, final)
            elif kind == "txt":
                write_text(final, L["text"], L["encoding"], crlf=L["encoding"] in ("gbk", "utf-16le", "big5"))
            elif kind == "pdf":
                via_txt = random.Random(f"{SEED}/{L['key']}/via").random() < 0.4 and not trad
                if via_txt:
                    src = work / "txt" / f"{src_stem}.txt"
                    src.parent.mkdir(parents=True, exist_ok=True)
                    src.write_text(L["text"], encoding="utf-8")
                    job(("--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf"), src, final)
                else:
                    src = work / "fodt" / f"{src_stem}.fodt"
                    src.parent.mkdir(parents=True, exist_ok=True)
                    src.write_text(fodt(letter_paragraphs(L["text"]), trad), encoding="utf-8")
                    job(("--convert-to", "pdf:writer_pdf_Export"), src, final)
            elif kind == "docx":
                src = work / "fodt" / f"{src_stem}.fodt"
                src.parent.mkdir(parents=True, exist_ok=True)
                src.write_text(fodt(letter_paragraphs(L["text"]), trad), encoding="utf-8")
                job(("--convert-to", "docx:MS Word 2007 XML"), src, final)
            kind_name = {"txt": "txt", "pdf": "pdf", "docx": "docx"}[kind]
            L["sources"].append({"path": L["path"], "kind": kind_name})

        for src, ext in build_ledgers(letters, work):
            final = INTAKE / ("2019Q1" if ext == "xlsx" else "2019Q2") / (src.stem + "." + ext)
            job(("--convert-to", "xlsx:Calc MS Excel 2007 XML" if ext == "xlsx" else "xls:MS Excel 97"), src, final)

        # Damaged: sources first.
        dmg = work / "damaged"
        dmg.mkdir()
        sample_text = damaged_letter_text()
        (dmg / "cut.txt").write_text(sample_text, encoding="utf-8")
        job(("--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf"), dmg / "cut.txt", dmg / "cut-out.pdf")
        empty_ledger = fods([("Sheet1", [10, 26, 24, 18, 20, 34, 70], [
            row([cell("清河县纪委监委信访举报件登记台账（2019年7月）", span=7, style="ceT")]),
            row([cell(h, style="ceH") for h in ["序号", "信访编号", "来信日期", "信访人", "被反映人", "单位及职务", "主要问题"]])])])
        (dmg / "空台账.fods").write_text(empty_ledger, encoding="utf-8")
        job(("--convert-to", "xlsx:Calc MS Excel 2007 XML"), dmg / "空台账.fods", DAMAGED / "空台账.xlsx")

        for args_, pairs in jobs.items():
            outdir = work / ("out-" + hashlib.md5(repr(args_).encode()).hexdigest()[:8])
            outdir.mkdir()
            soffice(list(args_), [s for s, _ in pairs], outdir)
            ext = args_[args_.index("--convert-to") + 1].split(":")[0]
            for s, final in pairs:
                data = (outdir / (s.stem + "." + ext)).read_bytes()
                data = pin_pdf(data) if ext == "pdf" else data if ext == "xls" else pin_zip(data)
                final.parent.mkdir(parents=True, exist_ok=True)
                final.write_bytes(data)

        make_damaged(work, dmg)

    truth = build_truth(letters)
    TRUTH.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{truth['counts']['letters']} letters, {truth['counts']['files']} letter files, "
          f"{truth['counts']['repeat_letters']} repeats in {truth['counts']['repeat_groups']} groups")
    if args.check:
        return check(truth, {L["key"]: L.get("text", "") for L in letters})
    return 0


def damaged_letter_text() -> str:
    return ("尊敬的县纪委领导：\n我是城关镇南关村村民冯桂芳，现反映南关村村委会主任的问题。" * 1
            + "2018年村里修建文化广场，工程款共计46万元，没有公开招标，账目也没有公布。" * 3
            + "\n请求组织上派人调查。\n此致\n敬礼！\n冯桂芳\n2019年6月20日\n") * 6


def make_damaged(work: Path, dmg: Path) -> None:
    (DAMAGED / "空文件.txt").write_bytes(b"")
    pdf = (dmg / "cut-out.pdf").read_bytes()
    pdf = pin_pdf(pdf)
    (DAMAGED / "来信（传输中断）.pdf").write_bytes(pdf[: len(pdf) // 2])
    (dmg / "whole.pdf").write_bytes(pdf)
    enc = DAMAGED / "加密的来信.pdf"
    subprocess.run(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", "user", "owner", "256", "--",
                    str(dmg / "whole.pdf"), str(enc)], check=True)
    # qpdf draws a random AES-256 file key: keep the previous file when it holds the same document.
    if PREVIOUS_ENCRYPTED is not None:
        (dmg / "old.pdf").write_bytes(PREVIOUS_ENCRYPTED)
        plain = []
        for f in ("old.pdf", "加密的来信.pdf"):
            src = dmg / f if f == "old.pdf" else enc
            subprocess.run(["qpdf", "--password=owner", "--decrypt", "--static-id", str(src), str(dmg / f"dec-{len(plain)}.pdf")], check=True)
            plain.append((dmg / f"dec-{len(plain)}.pdf").read_bytes())
        if plain[0] == plain[1]:
            enc.write_bytes(PREVIOUS_ENCRYPTED)
    subprocess.run(["pdftoppm", "-gray", "-r", "60", "-f", "1", "-l", "1", str(dmg / "whole.pdf"), str(dmg / "scan")], check=True)
    pgm = sorted(dmg.glob("scan*.pgm"))[0].read_bytes()
    (DAMAGED / "扫描件（无文字层）.pdf").write_bytes(image_pdf(pgm))
    (DAMAGED / "台账（其实是文本）.xlsx").write_text(
        "序号,信访编号,来信日期,信访人,被反映人\n1,XF2019-9001,2019-07-02,匿名,某某\n", encoding="utf-8")
    zip_bomb(DAMAGED / "来信（压缩炸弹）.docx")
    rng = random.Random(f"{SEED}/binary")
    data = bytearray(rng.getrandbits(8) for _ in range(4096))
    for i in range(0, len(data), 7):
        data[i] = 0
    (DAMAGED / "乱码文件.txt").write_bytes(bytes(data))
    ok = ("尊敬的县纪委领导：\n我是长岭镇新村村村民彭德明，今年63岁。我要反映的是新村村村委会主任蒋志强在农村危房改造中的问题。"
          "2018年5月，蒋志强把他弟弟家新盖的砖房报成危房，领取改造补助2.2万元，而我家的土坯房墙体开裂，申请两次都没有批。"
          "我曾向镇长反映过，至今没有答复。请求县纪委派人调查，把补助用在真正困难的人家。\n此致\n敬礼！\n反映人：彭德明\n"
          "联系电话：13907264418\n2019年6月24日\n")
    (DAMAGED / "正常 来信 样例.txt").write_text(ok, encoding="utf-8")


DAMAGED_TRUTH = [
    {"path": "空文件.txt", "expect": "error", "kind": "empty_file"},
    {"path": "来信（传输中断）.pdf", "expect": "error", "kind": "truncated_pdf"},
    {"path": "加密的来信.pdf", "expect": "error", "kind": "encrypted_pdf", "user_password": "user", "owner_password": "owner"},
    {"path": "扫描件（无文字层）.pdf", "expect": "error", "kind": "no_text_layer"},
    {"path": "台账（其实是文本）.xlsx", "expect": "error", "kind": "not_a_spreadsheet"},
    {"path": "来信（压缩炸弹）.docx", "expect": "error", "kind": "zip_bomb", "decompressed_bytes": 200 * 1024 * 1024},
    {"path": "乱码文件.txt", "expect": "error", "kind": "binary_file"},
    {"path": "空台账.xlsx", "expect": "warning", "kind": "empty_ledger", "sheet": "Sheet1", "header_row": 2},
    {"path": "正常 来信 样例.txt", "expect": "ok", "kind": "ok",
     "letter": {"petitioners": [{"name": "彭德明", "anonymous": False}],
                "accused": [{"name": "蒋志强", "title": "村委会主任", "town": "长岭镇", "village": "新村村"}],
                "town": "长岭镇", "village": "新村村", "topic": "危房改造", "received": "2019-06-24",
                "script": "simplified", "encoding": "utf-8"}},
]


def build_truth(letters: list[Letter]) -> dict:
    out = []
    for L in sorted(letters, key=lambda x: (x["batch"], x["received"], x["key"])):
        pets = []
        for p in L["petitioners"]:
            e = {"name": p["name"], "anonymous": p["anonymous"], "town": p.get("town"), "village": p.get("village")}
            if not p["anonymous"]:
                e["phone"] = p["phone"]
            pets.append(e)
        enc = L["encoding"] if L["file"] and L["fmt"] in ("txt", "online") else None
        out.append({
            "key": L["key"], "ref": L["ref"], "origin": L["origin"], "batch": L["batch"],
            "sources": L["sources"],
            "channel": L["channel"],
            "petitioners": pets,
            "accused": [{"name": a["name"], "title": a["title"], "town": a["town"], "village": a["village"]} for a in L["accused"]],
            # Only what a reader can find: a ledger row alone names nobody but petitioner and accused.
            "mentioned": [{"name": m["name"], "title": m["title"], "role": m["role"]} for m in L["mentioned"]] if L["file"] else [],
            "town": L["town"], "village": L["village"], "village_as_written": OLD_NAME[L["village"]] if L.get("old_village_name") else L["village"],
            "topic": L["topic"], "ledger_category": L.get("category"),
            "received": L["received"].isoformat(), "forwarded": L["forwarded"].isoformat() if L["forwarded"] else None,
            "letter_date": L["letter_date"].isoformat() if L["file"] else None,
            "disposition": L["disposition"], "summary": L.get("summary"),
            "script": L["script"] if L["file"] else "simplified", "encoding": enc,
            "noise": L["noise"],
            "repeat_group": L["repeat_group"], "repeat_of": L["repeat_of"] or [], "new_issue": L["new_issue"],
            "new_issue_detail": L["new_issue_detail"], "decoy": L.get("decoy"),
            "text_chars": len(L["text"]) if L.get("text") else 0,
        })
    groups: dict[str, list] = {}
    for e in out:
        if e["repeat_group"]:
            groups.setdefault(e["repeat_group"], []).append(e)
    n_files = sum(1 for e in out for s in e["sources"] if s["kind"] != "ledger_row")
    counts = {
        "letters": len(out),
        "by_batch": {b: sum(1 for e in out if e["batch"] == b) for b in ("2019Q1", "2019Q2", "local")},
        "by_origin": {o: sum(1 for e in out if e["origin"] == o) for o in ("forwarded", "local")},
        "ledger_rows": sum(1 for e in out for s in e["sources"] if s["kind"] == "ledger_row"),
        "ledger_rows_with_file": sum(1 for e in out if e["ref"] and len(e["sources"]) > 1),
        "files": n_files,
        "by_kind": {k: sum(1 for e in out for s in e["sources"] if s["kind"] == k) for k in ("ledger_row", "txt", "pdf", "docx")},
        "by_encoding": {k: sum(1 for e in out if e["encoding"] == k) for k in ("utf-8", "utf-8-bom", "gbk", "big5", "utf-16le")},
        "by_script": {k: sum(1 for e in out if e["script"] == k) for k in ("simplified", "traditional")},
        "by_topic": {k: sum(1 for e in out if e["topic"] == k) for k in TOPICS},
        "by_month": {},
        "repeat_groups": len(groups),
        "repeat_letters": sum(1 for e in out if e["repeat_of"]),
        "new_issue_letters": sum(1 for e in out if e["new_issue"]),
        "anonymous_letters": sum(1 for e in out if e["petitioners"][0]["anonymous"]),
    }
    for e in out:
        m = e["received"][:7]
        counts["by_month"][m] = counts["by_month"].get(m, 0) + 1
    counts["by_month"] = dict(sorted(counts["by_month"].items()))
    huanjie = {}
    for e in out:
        if e["topic"] == "换届选举":
            m = e["received"][:7]
            huanjie[m] = huanjie.get(m, 0) + 1
    return {
        "about": "Ground truth for samples/intake (paths relative to samples/intake/) and samples/damaged "
                 "(paths relative to samples/damaged/). Generated by samples/generate.py; do not edit by hand.",
        "seed": SEED,
        "ledgers": [
            {"path": "2019Q1/清河县纪委监委信访举报件登记台账（2019年第一季度）.xlsx", "sheets": [
                {"name": "2019年第一季度", "title_row": 1, "header_rows": [3], "first_data_row": 4,
                 "rows": counts["by_batch"]["2019Q1"]}]},
            {"path": "2019Q2/2019年第二季度上级转办信访件台账.xls", "sheets": [
                {"name": "填表说明", "data": False},
                {"name": "4-5月", "title_row": 1, "header_rows": [2, 3], "first_data_row": 4,
                 "rows": sum(1 for e in out if e["batch"] == "2019Q2" and e["received"][5:7] in ("04", "05"))},
                {"name": "6月", "title_row": 1, "header_rows": [2, 3], "first_data_row": 4,
                 "rows": sum(1 for e in out if e["batch"] == "2019Q2" and e["received"][5:7] == "06")}]},
        ],
        "counts": counts,
        "surge": {"topic": "换届选举", "by_month": dict(sorted(huanjie.items()))},
        "repeat_groups": [
            {"id": g, "letters": [e["key"] for e in sorted(v, key=lambda x: x["received"])],
             "petitioners": sorted({p["name"] for e in v for p in e["petitioners"]}),
             "accused": sorted({a["name"] for e in v for a in e["accused"]}),
             "first": min(e["received"] for e in v), "last": max(e["received"] for e in v),
             "new_issue_letters": [e["key"] for e in v if e["new_issue"]]}
            for g, v in sorted(groups.items())],
        "same_name": {
            "officials": [{"name": "王建华", "town": "石桥镇", "village": "柳河村", "title": "村党支部书记"},
                          {"name": "王建华", "town": "白马镇", "village": "红星村", "title": "村会计"}],
            "petitioners": [{"name": "张秀英", "town": "河口乡", "village": "沙坝村"},
                            {"name": "张秀英", "town": "长岭镇", "village": "柏树村"}],
        },
        "letters": out,
        "damaged": DAMAGED_TRUTH,
    }


def check(truth: dict, texts: dict[str, str]) -> int:
    """Every text file decodes to the letter's text; every PDF carries it as text (pdftotext)."""
    bad = 0
    codec = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "gbk": "gbk", "big5": "big5", "utf-16le": "utf-16"}
    squeeze = lambda t: re.sub(r"\s+", "", t)
    n = {"txt": 0, "pdf": 0, "docx": 0}
    for e in truth["letters"]:
        for s in e["sources"]:
            if s["kind"] == "ledger_row":
                continue
            p = INTAKE / s["path"]
            want = squeeze(texts[e["key"]])
            if s["kind"] == "txt":
                got = squeeze(p.read_bytes().decode(codec[e["encoding"]]))
            elif s["kind"] == "pdf":
                got = squeeze(subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout)
            else:
                with zipfile.ZipFile(p) as z:
                    xml = z.read("word/document.xml").decode("utf-8")
                got = squeeze(re.sub(r"<[^>]+>", "", xml))
                want = squeeze(escape(texts[e["key"]]).replace("&amp;", "&"))
                if e["channel"] == "visit":
                    want = squeeze(texts[e["key"]])
            n[s["kind"]] += 1
            if got != want:
                print(f"{s['path']}: text differs", file=sys.stderr)
                bad += 1
    print(f"check: {n['txt']} text files, {n['pdf']} PDFs, {n['docx']} docx: " + ("ok" if not bad else f"{bad} problems"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Letters for repeats.jsonl: one matter told several times, plus decoys."""

import datetime as dt
import random

from common import (
    relative_name,
    TOWN_OFFICIALS, VILLAGE_OFFICIALS, VILLAGE_TOWN, Person, cn_date, ocr_noise, phone, place_phrase,
    to_trad,
)
from fragments import CLOSINGS, DEMANDS, SALUTATIONS, TOPIC_FRAGMENTS
from names import OTHERS, PETITIONERS

TOPICS = [t for t in TOPIC_FRAGMENTS if t != "其他"]


class Fact:
    """One allegation: a topic fragment bound to one official, relatives fixed once for the matter."""

    def __init__(self, fid, topic, frag, who, rel):
        self.fid = fid
        self.topic = topic
        self.text = frag[0].replace("{R}", rel) if rel else frag[0]
        self.summary = frag[1]
        self.who = who


class Matter:
    def __init__(self, rng, gid, village, accused, petitioner, topic, n_facts, used_fids):
        self.gid = gid
        self.village = village
        self.town = VILLAGE_TOWN[village]
        self.accused = accused
        self.petitioner = petitioner
        self.topic = topic
        self.rng = rng
        self.extras = []
        self.facts = [self.new_fact(topic, accused[i % len(accused)], used_fids) for i in range(n_facts)]

    def new_fact(self, topic, who, used_fids):
        rng = self.rng
        choices = [(i, f) for i, f in enumerate(TOPIC_FRAGMENTS[topic]) if (topic, i) not in used_fids]
        i, f = rng.choice(choices)
        used_fids.add((topic, i))
        rel = relative_name(f[0], who.name, OTHERS, rng) if "{R}" in f[0] else None
        return Fact((topic, i), topic, f, who, rel)


def render_full(rng, m, facts, prior_dates, trad=False, noise=False, pet_override=None, today=None):
    petitioner = pet_override or m.petitioner
    place = place_phrase(m.town, m.village, rng, rng.choice(["full", "county", "village", None]))
    if m.village in place and rng.random() < 0.5:
        place_given = True
    else:
        place_given = False
    parts = []
    sal = rng.choice(SALUTATIONS)
    if petitioner != "匿名":
        parts.append(rng.choice([f"我是{place}村民{petitioner}。", f"我叫{petitioner}，是{place}的村民。",
                                 f"本人{petitioner}，住{place}。"]))
    else:
        parts.append(rng.choice([f"我们是{place}的部分村民。", f"我是{place}的群众，因怕报复不留姓名。",
                                 f"现反映{place}的问题。"]))
    if prior_dates:
        d = prior_dates[-1]
        parts.append(rng.choice([
            f"{d.year}年{d.month}月我就向县纪委写信反映过，到现在也没见人来调查，只好再次反映。",
            "这个问题我已经反映过好几次了，一直没有结果。",
            "{}{}月份反映的问题至今没有答复，现再次反映。".format(
                "今年" if today and today.year == d.year else ("去年" if today and today.year == d.year + 1 else f"{d.year}年"),
                d.month),
            "这是第{}次反映了。".format("二三四五"[min(len(prior_dates) - 1, 3)]),
            "之前反映的问题没人管，他现在更加嚣张了。",
        ]))
    whos = []
    for f in facts:
        if f.who not in whos:
            whos.append(f.who)
    firsts = {w.name: w.first(rng, village_named=True, allow_place=True) for w in whos}
    if len(whos) == 1:
        parts.append(rng.choice(["我要反映{X}的问题。", "现举报{X}。", "{X}的问题如下：", "反映的是{X}。"]).format(
            X=firsts[whos[0].name]))
    else:
        parts.append("我要反映{}的问题。".format("和".join(firsts[w.name] for w in whos)))
    numbered = rng.random() < 0.4
    for i, f in enumerate(facts):
        x = f.who.short(rng) if (i == 0 or len(whos) > 1 or rng.random() < 0.5) else "他"
        t = f.text.replace("{x}", x)
        if numbered:
            parts.append("一二三四五"[i] + "、" + t)
        else:
            parts.append(("" if i == 0 else rng.choice(["还有，", "另外，", "", "更严重的是，"])) + t)
    parts.append(rng.choice(DEMANDS))
    text = "\n".join(x for x in [sal, "\n".join(parts), rng.choice(CLOSINGS)] if x)
    if petitioner != "匿名":
        text += "\n" + rng.choice([petitioner, f"{petitioner}\n电话：{phone(rng)}", f"举报人：{petitioner}"])
    else:
        text += "\n" + rng.choice(["部分村民", "知情人", "匿名群众", ""])
    if trad:
        text = to_trad(text)
    if noise:
        text = ocr_noise(text, rng)
    return text.strip()


def render_ledger(rng, m, facts, pet_override=None, trad=False):
    """A 主要问题 line as a forwarded ledger carries it: 60-150 characters."""
    whos = []
    for f in facts:
        if f.who not in whos:
            whos.append(f.who)
    place = m.town + m.village
    who_txt = "、".join(f"{w.title}{w.name}" for w in whos)
    sums = "、".join(f.summary for f in facts)
    petitioner = pet_override or m.petitioner
    lead = rng.choice(["反映", "信访人反映", "来信反映", "群众反映", "举报"])
    if petitioner != "匿名" and rng.random() < 0.4:
        lead = f"{petitioner}{rng.choice(['反映', '来信反映', '再次反映'])}"
    pre = rng.choice(["", "", "主要问题：", "【主要问题】"])
    text = f"{pre}{lead}{place}{who_txt}{sums}等问题。"
    pads = ["信访人称曾多次向镇村反映未果，要求查处并退还相关款项。",
            "信访人要求上级调查处理，给群众一个交代，并公开处理结果。",
            "此前已有同类反映，信访人对处理结果不满意，要求重新调查。",
            "要求县纪委派人核实，追究相关人员责任。",
            "信访人表示镇里调查时未找其本人核实，对答复不认可。"]
    while len(text) < 60:
        text += pads.pop(rng.randrange(len(pads)))
    # labels are computed from `facts`, so the summary must keep them all
    assert len(text) <= 150, text
    if trad:
        text = to_trad(text)
    return text

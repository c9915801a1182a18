"""Letters for topics.jsonl."""

import random

from common import relative_name, TOWN_OFFICIALS, VILLAGE_OFFICIALS, VILLAGE_TOWN, Person, mask, place_phrase
from fragments import CLOSINGS, DEMANDS, SALUTATIONS, TOPIC_FRAGMENTS
from names import OTHERS, PETITIONERS

LABELS = ["低保", "危房改造", "扶贫", "三资管理", "征地补偿", "生态环境", "换届选举", "发展党员", "津补贴",
          "工程项目", "作风问题", "处分执行", "其他"]

# Town-level matters sit better with town officials.
TOWN_LEVEL = {"津补贴": 0.6, "作风问题": 0.35, "处分执行": 0.2, "生态环境": 0.3}

OTHER_OPENERS = [
    "我是{place}的村民{p}，有个事情想请领导帮忙。",
    "我叫{p}，住在{place}，家里遇到了难处，不知道该找谁，只好给纪委写信。",
    "领导，我是{place}的一个普通老百姓，{p}。",
    "我是{place}人，这个事情拖了很久了。",
]

ANON_OPENERS = [
    "我们是{place}的部分群众，现反映以下问题。",
    "我是{place}的村民，不方便留名。",
    "现匿名反映{place}的一些情况。",
    "{place}的老百姓有话要说。",
]

REAL_OPENERS = [
    "我是{place}村民{p}，",
    "本人{p}，家住{place}，",
    "我叫{p}，是{place}的党员，",
]

SECOND_CONNECTORS = ["另外还有一件事，", "还有，", "顺便再反映一个问题：", "除此之外，", "再一个，"]


def _other_name(rng, used):
    n = rng.choice([o for o in OTHERS if o not in used])
    used.add(n)
    return n


def _fill(text, x, rng, used, accused_name=None):
    if "{R}" in text:
        n = relative_name(text, accused_name, OTHERS, rng, exclude=used)
        used.add(n)
        text = text.replace("{R}", n)
    return text.replace("{x}", x)


def make_letter(rng, topic, secondary_topic=None):
    villages = [v for v in VILLAGE_OFFICIALS if not v.endswith("社区")]
    v = rng.choice(villages)
    t = VILLAGE_TOWN[v]
    used = set()
    town_level = rng.random() < TOWN_LEVEL.get(topic, 0.05)
    if town_level:
        title = rng.choice([k for k in TOWN_OFFICIALS[t] if k not in ("镇党委书记", "乡党委书记")])
        acc = Person(TOWN_OFFICIALS[t][title], title, t)
        place = place_phrase(t, None, rng)
    else:
        title = rng.choice(list(VILLAGE_OFFICIALS[v]))
        acc = Person(VILLAGE_OFFICIALS[v][title], title, t, v)
        place = place_phrase(t, v, rng)
    if rng.random() < 0.2:
        acc.name = mask(acc.name, rng)
    used.add(acc.name)
    sal = rng.choice(SALUTATIONS)
    anon = rng.random() < 0.45
    p = rng.choice(PETITIONERS)
    used.add(p)
    k = rng.choice([1, 2]) if topic == "其他" else rng.choice([1, 2, 2, 3])
    frs = rng.sample(TOPIC_FRAGMENTS[topic], k)
    uses_x = any("{x}" in f[0] for f in frs)
    parts = []
    if topic == "其他":
        op = rng.choice(OTHER_OPENERS if not anon else ANON_OPENERS)
        parts.append(op.format(place=place, p=p))
    else:
        if anon:
            parts.append(rng.choice(ANON_OPENERS).format(place=place))
        else:
            parts.append(rng.choice(REAL_OPENERS).format(place=place, p=p) + rng.choice(
                ["现反映一些情况。", "有几件事要向领导反映。", "实在看不下去了，写信反映。"]))
        if uses_x or rng.random() < 0.5:
            parts.append(rng.choice(["问题出在{X}身上。", "主要是{X}的问题。", "我们反映的是{X}。", "{X}干的事，大家都有意见。"])
                         .format(X=acc.first(rng, village_named=True)))
    sec_labels = []
    for i, f in enumerate(frs):
        x = acc.short(rng) if i == 0 or rng.random() < 0.5 else "他"
        parts.append(_fill(f[0], x, rng, used, acc.name))
        sec_labels += [s for s in f[2] if s != topic]
    if secondary_topic:
        f2 = rng.choice(TOPIC_FRAGMENTS[secondary_topic])
        parts.append(rng.choice(SECOND_CONNECTORS) + _fill(f2[0], acc.short(rng), rng, used, acc.name))
        sec_labels.append(secondary_topic)
    if topic == "其他":
        parts.append(rng.choice(["希望有关部门帮忙解决。", "请领导帮帮我们。", "我不知道这事该不该找纪委，但实在没有办法了。",
                                 "求领导给指条路。"]))
    else:
        parts.append(rng.choice(DEMANDS))
    sep = rng.choice(["", "\n"])
    text = "\n".join(x for x in [sal, sep.join(parts), rng.choice(CLOSINGS)] if x)
    if not anon:
        text += "\n" + p
    seen = []
    for s in sec_labels:
        if s not in seen:
            seen.append(s)
    return text, seen

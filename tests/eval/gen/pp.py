"""Letters for people_places.jsonl: hand-written fragments combined, labels kept alongside."""

import random

from common import (
    relative_name,
    ALIASES_OF, TOWN_OFFICIALS, VILLAGE_OFFICIALS, VILLAGE_TOWN, Person, cn_date, id_number, is_masked,
    mask, phone, place_phrase, surname, title_surface, town_short,
)
from fragments import (
    ALREADY_RAISED, BARE_TITLE_SENTENCES, CLOSINGS, DEMANDS, SALUTATIONS, TOPIC_FRAGMENTS, WITNESSES,
)
from names import OTHERS, PETITIONERS

GROUPS = "一二三四五六七八"
ORDINALS = ["一", "二", "三", "四"]


class Ctx:
    """Collects the labels while a letter is written."""

    def __init__(self, rng, used):
        self.rng = rng
        self.mentioned = []
        self.used = set(used)

    def other(self, text="", accused_name=None):
        """A relative or villager not otherwise in the letter."""
        n = relative_name(text, accused_name, OTHERS, self.rng, exclude=self.used)
        self.used.add(n)
        self.mentioned.append(n)
        return n


def fill(frag, x, ctx, accused_name=None):
    text = frag
    if "{R}" in text:
        r = ctx.other(text, accused_name)
        text = text.replace("{R}", r)
    return text.replace("{x}", x)


def pick_fragments(rng, k):
    topics = [t for t in TOPIC_FRAGMENTS if t != "其他"]
    main = rng.choice(topics)
    frs = rng.sample(TOPIC_FRAGMENTS[main], k=min(k, 2))
    while len(frs) < k:
        t = rng.choice(topics)
        f = rng.choice(TOPIC_FRAGMENTS[t])
        if f not in frs:
            frs.append(f)
    return [f[0] for f in frs]


def petitioner_part(rng, kind, place, names):
    """Returns (intro sentence, signature block, petitioner labels)."""
    g_ = rng.choice(GROUPS)
    date = cn_date(rng.choice([2019, 2020, 2021, 2022, 2023]), rng.randint(1, 12), rng.randint(1, 28), rng)
    g = g_ if any(place.endswith(s) for s in ("村", "社区")) else ""
    g = g + "组" if g else ""
    if kind == "real":
        p = names[0]
        style = rng.randint(0, 6)
        tel = phone(rng)
        if style == 0:
            intro = f"我是{place}村民{p}，现向领导反映一些情况。"
            sig = rng.choice([f"{p}\n{date}", f"反映人：{p}\n电话：{tel}\n{date}"])
        elif style == 1:
            intro = f"我叫{p}，家住{place}{g}。"
            sig = f"{p}\n联系电话：{tel}\n{date}"
        elif style == 2:
            intro = f"举报人：{p}，{place}人，联系电话{tel}。"
            sig = date
        elif style == 3:
            sex = rng.choice(["男", "女"])
            intro = f"本人{p}，{sex}，{rng.randint(45, 78)}岁，{place}{g}村民，身份证号码：{id_number(rng)}。"
            sig = f"实名举报人：{p}\n{date}"
        elif style == 4:
            intro = f"我是{place}的老党员{p}，入党四十多年了，实在看不下去才写这封信。"
            sig = f"{p}\n{date}"
        elif style == 5:
            intro = f"我是{place}{g}的村民，叫{p}。"
            sig = f"{place}村民 {p} 敬上\n{date}"
        else:
            intro = f"我们{place}最近出了一些事，我不得不向领导反映。"
            sig = f"举报人：{p}（身份证号：{id_number(rng)}）\n手机：{tel}\n{date}"
        return intro, sig, [{"name": p, "anonymous": False}]
    if kind == "multi":
        joined = "、".join(names)
        intro = rng.choice([f"我们是{place}村民{joined}，联名向领导反映问题。",
                            f"我们{place}的{joined}等{'两三'[len(names) - 2]}户村民，现联名反映如下问题。"])
        sig = rng.choice([f"联名人：{' '.join(names)}\n{date}", f"反映人：{joined}\n联系电话：{phone(rng)}\n{date}"])
        return intro, sig, [{"name": n, "anonymous": False} for n in names]
    # anonymous
    style = rng.randint(0, 5)
    if style == 0:
        intro, sig = f"我们是{place}的部分村民。", f"{place}部分村民\n{date}"
    elif style == 1:
        intro, sig = f"我是一名知情人，对{place}的情况比较了解。", f"知情人\n{date}"
    elif style == 2:
        intro, sig = f"我是{place}的一个普通群众，怕被打击报复，不敢署名。", date
    elif style == 3:
        intro, sig = f"我们{place}的群众早就对这些事意见很大。", rng.choice(["匿名举报人", "一群老党员", "知情群众"]) + "\n" + date
    elif style == 4:
        intro, sig = f"我是{place}的村民，因为怕报复，这封信就不写名字了。", date
    else:
        intro, sig = f"现匿名反映{place}的问题。", "匿名\n" + date
    return intro, sig, [{"name": "匿名", "anonymous": True}]


def accused_intro(rng, xs, place_given, place):
    """One sentence introducing the accused; xs are first-mention strings."""
    lead = "" if place_given else place + "的"
    if len(xs) == 1:
        x = xs[0]
        return rng.choice([
            f"现反映{lead}{x}的问题。",
            f"我要举报{lead}{x}。",
            f"{lead}{x}在任期间违规违纪问题很多，群众意见很大。",
            f"现将{lead}{x}的问题反映如下：",
            f"{lead}{x}利用手中的权力，干了不少坑害老百姓的事。",
            f"我们反映的是{lead}{x}，此人在村里一手遮天。",
        ])
    if len(xs) == 2:
        return rng.choice([
            f"现反映{lead}{xs[0]}和{xs[1]}的问题。",
            f"{lead}{xs[0]}与{xs[1]}相互勾结，欺上瞒下，具体问题如下：",
            f"我要举报{lead}{xs[0]}、{xs[1]}两人。",
        ])
    return rng.choice([
        f"现反映{lead}{xs[0]}、{xs[1]}、{xs[2]}三人的问题。",
        f"{lead}{xs[0]}伙同{xs[1]}、{xs[2]}，把村里当成了自己家的，问题如下：",
    ])


def body(rng, accused, ctx, k):
    frs = pick_fragments(rng, k)
    parts = []
    style = rng.choice(["plain", "plain", "num", "yishi", "arabic"])
    for i, f in enumerate(frs):
        who = accused[i % len(accused)]
        if len(accused) == 1 and i > 0 and rng.random() < 0.45:
            x = rng.choice(["他", "此人", "该人"]) if who.title not in ("村会计",) else "他"
        else:
            x = who.short(rng)
        text = fill(f, x, ctx, who.name)
        if style == "num":
            parts.append(f"{ORDINALS[i]}、{text}")
        elif style == "yishi":
            parts.append(f"{ORDINALS[i]}是{text}")
        elif style == "arabic":
            parts.append(f"{i + 1}.{text}")
        else:
            conn = "" if i == 0 else rng.choice(["另外，", "还有，", "更让人气愤的是，", "", "再有，", "不光这样，"])
            parts.append(conn + text)
    sep = "\n" if style != "plain" or rng.random() < 0.4 else ""
    return sep.join(parts)


def mention_official(rng, town, accused, ctx):
    names_accused = {a.name for a in accused}
    choices = [(t, n) for t, n in TOWN_OFFICIALS[town].items() if n not in names_accused]
    t, n = rng.choice(choices)
    if rng.random() < 0.35:
        n = mask(n, rng)
    if n in ctx.used:
        return ""
    ctx.used.add(n)
    ctx.mentioned.append(n)
    mt = title_surface(t, rng)
    return rng.choice(ALREADY_RAISED).replace("{M}", n).replace("{mt}", mt)


def witness(rng, ctx):
    s = rng.choice(WITNESSES)
    s = s.replace("{W2}", "\0")
    s = s.replace("{W}", ctx.other())
    if "\0" in s:
        s = s.replace("\0", ctx.other())
    return s


def make_letter(rng, cfg):
    """cfg: village, town, accused (list of Person), pet_kind, flags."""
    town, village = cfg["town"], cfg["village"]
    accused = cfg["accused"]
    place = place_phrase(town, village, rng, cfg.get("place_mode"))
    used = {a.name for a in accused}
    pet_names = []
    if cfg["pet_kind"] == "real":
        pet_names = [rng.choice([p for p in PETITIONERS if p not in used])]
    elif cfg["pet_kind"] == "multi":
        pet_names = rng.sample([p for p in PETITIONERS if p not in used], k=rng.choice([2, 2, 3]))
    used |= set(pet_names)
    ctx = Ctx(rng, used)

    sal = rng.choice(SALUTATIONS)
    has_intro = rng.random() < 0.85 or any(not a.title.startswith("村") for a in accused)
    intro, sig, pet_labels = petitioner_part(rng, cfg["pet_kind"], place, pet_names)
    if not has_intro and cfg["pet_kind"] == "real":
        intro = ""
        sig = f"举报人：{pet_names[0]}\n{cn_date(2022, rng.randint(1, 12), rng.randint(1, 28), rng)}"
    place_given = bool(intro) and place in intro
    xs = [a.first(rng, village_named=place_given, allow_place=village is not None and village in place) for a in accused]
    if village and not place_given and any(village in x for x in xs):
        place_given = True
    acc_intro = accused_intro(rng, xs, place_given, place)
    parts = [intro, acc_intro, body(rng, accused, ctx, cfg.get("k", rng.choice([2, 2, 3])))]
    if cfg.get("bare"):
        titles = [a.title for a in accused if a.title in BARE_TITLE_SENTENCES]
        if titles:
            parts.append(rng.choice(BARE_TITLE_SENTENCES[titles[0]]))
    if cfg.get("mention"):
        parts.append(mention_official(rng, town, accused, ctx))
    if cfg.get("witness"):
        parts.append(witness(rng, ctx))
    parts.append(rng.choice(DEMANDS))
    text = "\n".join(p for p in [sal, "".join(parts[:2]) if rng.random() < 0.6 else "\n".join(parts[:2])] + parts[2:] if p)
    closing = rng.choice(CLOSINGS)
    text = text + ("\n" + closing if closing else "") + "\n" + sig
    labels = {
        "petitioners": pet_labels,
        "accused": [a.label() for a in accused],
        "mentioned": ctx.mentioned,
        "town": town,
        "village": village,
    }
    return text, labels


def plan(rng, n):
    """Draws n letter configurations that cover the cases the brief asks for."""
    cfgs = []
    # 社区 have 社区 titles; the hand-written letters cover them.
    villages = [v for v in VILLAGE_OFFICIALS if not v.endswith("社区")]
    for i in range(n):
        v = villages[i % len(villages)]
        t = VILLAGE_TOWN[v]
        roll = rng.random()
        cfg = {"town": t, "village": v}
        posts = list(VILLAGE_OFFICIALS[v])
        if roll < 0.12:
            # town official, town-wide matter, no village
            cfg["village"] = None
            tt = rng.choice([k for k in TOWN_OFFICIALS[t] if k not in ("镇党委书记", "乡党委书记")])
            accused = [Person(TOWN_OFFICIALS[t][tt], tt, t)]
        elif roll < 0.24:
            # town official about this village, maybe with a village official
            tt = rng.choice([k for k in TOWN_OFFICIALS[t]])
            accused = [Person(TOWN_OFFICIALS[t][tt], tt, t)]
            if rng.random() < 0.5:
                p = rng.choice(posts)
                accused.insert(0, Person(VILLAGE_OFFICIALS[v][p], p, t, v))
        else:
            k = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
            k = min(k, len(posts))
            ps = rng.sample(posts, k)
            accused = [Person(VILLAGE_OFFICIALS[v][p], p, t, v) for p in ps]
            if rng.random() < 0.06 and accused[0].title in ("村委会主任", "村党支部书记") and len(accused) == 1:
                accused[0].also = ["村会计"]
            elif rng.random() < 0.07:
                accused[-1].former = True
        for a in accused:
            if rng.random() < 0.2:
                a.name = mask(a.name, rng)
        # two masked names with the same surname would be one label for two people
        seen = set()
        for a in accused:
            if a.name in seen:
                a.name = a.name + "某" if not a.name.endswith("某某") else a.name[:-2] + "XX"
            seen.add(a.name)
        cfg["accused"] = accused
        if cfg["village"] in ALIASES_OF and rng.random() < 0.6:
            cfg["place_mode"] = rng.choice(["alias", "alias_full"])
        cfg["pet_kind"] = rng.choices(["real", "multi", "anon"], weights=[52, 8, 40])[0]
        cfg["mention"] = rng.random() < 0.35
        cfg["witness"] = rng.random() < 0.25
        cfg["bare"] = rng.random() < 0.18
        cfgs.append(cfg)
    return cfgs

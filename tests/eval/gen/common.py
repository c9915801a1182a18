"""Shared helpers for building the evaluation sets: gazetteer, names, titles, noise."""

import random
import re
import tomllib
from pathlib import Path

import opencc

from names import TOWN_OFFICIALS, VILLAGE_OFFICIALS, STATION_UNITS, OFFICE_UNITS

ROOT = Path(__file__).resolve().parents[3]
GAZETTEER = ROOT / "config" / "defaults" / "gazetteer.toml"

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")


def to_trad(text: str) -> str:
    return _S2T.convert(text)


def to_simp(text: str) -> str:
    return _T2S.convert(text)


def load_gazetteer():
    data = tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))
    village_town = {}
    aliases = {}
    towns = []
    for t in data["town"]:
        towns.append(t["name"])
        for v in t["villages"]:
            village_town[v["name"]] = t["name"]
            for a in v.get("aliases", []):
                aliases[a] = v["name"]
    return towns, village_town, aliases


TOWNS, VILLAGE_TOWN, ALIASES = load_gazetteer()
VILLAGES = list(VILLAGE_TOWN)
ALIASES_OF = {}
for _a, _v in ALIASES.items():
    ALIASES_OF.setdefault(_v, []).append(_a)

for _v in VILLAGE_OFFICIALS:
    assert _v in VILLAGE_TOWN, _v
for _t in TOWN_OFFICIALS:
    assert _t in TOWNS, _t


def town_short(town: str) -> str:
    return town[:-1] if town[-1] in "镇乡" else town


DOUBLE_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "令狐", "皇甫")


def surname(name: str) -> str:
    return name[:2] if name.startswith(DOUBLE_SURNAMES) else name[0]


def is_masked(name: str) -> bool:
    return bool(re.search(r"某|X|×", name))


def mask(name: str, rng: random.Random) -> str:
    return surname(name) + rng.choice(["某", "某某", "某某", "XX", "××", "某"])


# Surface forms a letter may use for each canonical title.
TITLE_SURFACES = {
    "村党支部书记": ["村支书", "村书记", "支部书记", "村党支部书记", "党支部书记", "村支部书记", "村支书"],
    "村委会主任": ["村主任", "村长", "村委会主任", "村委主任", "村主任"],
    "村会计": ["村会计", "会计", "村会计"],
    "村监委会主任": ["村监委会主任", "村务监督委员会主任"],
    "村民小组长": ["村民小组长", "{n}组组长", "组长"],
    "镇长": ["镇长"],
    "乡长": ["乡长"],
    "副镇长": ["副镇长"],
    "副乡长": ["副乡长"],
    "镇党委书记": ["镇党委书记", "镇委书记", "党委书记"],
    "乡党委书记": ["乡党委书记", "党委书记"],
    "站长": ["{unit}站长"],
    "所长": ["{unit}所长"],
}

# How the short reference after the first mention is formed (王书记, 李主任 ...).
SHORT_SUFFIX = {
    "村党支部书记": ["书记", "支书"],
    "村委会主任": ["主任", "村长"],
    "村会计": ["会计"],
    "村监委会主任": ["主任"],
    "村民小组长": ["组长"],
    "镇长": ["镇长"],
    "乡长": ["乡长"],
    "副镇长": ["副镇长", "镇长"],
    "副乡长": ["副乡长", "乡长"],
    "镇党委书记": ["书记"],
    "乡党委书记": ["书记"],
    "站长": ["站长"],
    "所长": ["所长"],
}

NUMS = "一二三四五六七八九"


def _drop_cun(ts):
    """After a village name, 村支书 reads 柳河村支书; 村委会主任 and 村长 keep their 村 (柳河村村委会主任)."""
    if ts in ("村支书", "村书记", "村党支部书记", "村支部书记", "村会计", "村主任"):
        return ts[1:]
    return ts


def title_surface(title: str, rng: random.Random) -> str:
    s = rng.choice(TITLE_SURFACES[title])
    return s.format(n=rng.choice(NUMS[:7]), unit=rng.choice(STATION_UNITS if title == "站长" else OFFICE_UNITS))


class Person:
    """An accused official as the letter writes them."""

    def __init__(self, name, title, town, village=None, former=False, also=None):
        self.name = name
        self.title = title
        self.town = town
        self.village = village
        self.former = former
        self.also = also or []

    def label(self):
        d = {"name": self.name, "title": self.title}
        if self.former:
            d["former"] = True
        if self.also:
            d["other_titles"] = list(self.also)
        return d

    def short(self, rng):
        if is_masked(self.name):
            return self.name
        return surname(self.name) + rng.choice(SHORT_SUFFIX[self.title])

    def first(self, rng, village_named: bool, form=None, allow_place=True):
        """First mention: one of the many ways letters introduce an official."""
        n = self.name
        ts = title_surface(self.title, rng)
        level_village = self.title.startswith("村")
        if self.also:
            # 村委会主任兼会计李某某
            return rng.choice([f"{ts}兼会计{n}", f"{ts}兼村会计{n}"])
        if self.former:
            return rng.choice([f"原{ts}{n}", f"{n}（原{self.title}）", f"前任{ts}{n}", f"已经卸任的原{ts}{n}"])
        forms = ["plain", "plain", "paren", "own", "appos", "post"]
        if level_village and allow_place:
            forms += ["place", "place"]
            if village_named:
                forms += ["gai", "wocun"]
        else:
            forms += ["town"]
        if self.title in ("村党支部书记", "村委会主任", "村会计", "镇长", "乡长", "镇党委书记", "乡党委书记") and not is_masked(n):
            forms += ["after"]
        f = form or rng.choice(forms)
        if f == "plain":
            return f"{ts}{n}"
        if f == "paren":
            return rng.choice([f"{n}（{self.title}）", f"{n}({ts})"])
        if f == "own":
            return f"担任{ts}的{n}"
        if f == "appos":
            return f"现任{ts}{n}"
        if f == "post":
            return f"{n}（{rng.choice(['男', '男', '女'])}，{rng.randint(42, 63)}岁，{ts}）"
        if f == "place":
            v = self.village
            return f"{v}{_drop_cun(ts)}{n}"
        if f == "gai":
            return rng.choice(["该村", "本村", "我们村的"]) + _drop_cun(ts) + n
        if f == "wocun":
            return "我村" + _drop_cun(ts) + n
        if f == "town":
            return f"{self.town}{ts}{n}"
        if f == "after":
            suf = {"村党支部书记": "书记", "村委会主任": "主任", "村会计": "会计", "镇长": "镇长",
                   "乡长": "乡长", "镇党委书记": "书记", "乡党委书记": "书记"}[self.title]
            return f"{n}{suf}"
        raise ValueError(f)


def village_official(village, title):
    return Person(VILLAGE_OFFICIALS[village][title], title, VILLAGE_TOWN[village], village)


def town_official(town, title):
    return Person(TOWN_OFFICIALS[town][title], title, town, None)


def place_phrase(town, village, rng, mode=None):
    """How a letter names the place: full, with county prefix, without 镇/乡, village only, old alias."""
    if village is None:
        m = mode or rng.choice(["town", "county", "short"])
        return {"town": town, "county": "清河县" + town, "short": town_short(town)}[m]
    modes = ["full", "full", "county", "village"]
    if not village.startswith(town_short(town)):
        modes.append("short")
    if village in ALIASES_OF:
        modes += ["alias", "alias_full"]
    m = mode or rng.choice(modes)
    if m == "full":
        return town + village
    if m == "county":
        return rng.choice(["清河县", "清河"]) + town + village
    if m == "short":
        return town_short(town) + village
    if m == "village":
        return village
    if m == "alias":
        return rng.choice(ALIASES_OF[village])
    if m == "alias_full":
        return town + rng.choice(ALIASES_OF[village])
    raise ValueError(m)


def phone(rng):
    return "1" + rng.choice(["38", "39", "51", "58", "87", "35", "36", "59", "80", "33"]) + "".join(
        str(rng.randint(0, 9)) for _ in range(8))


def id_number(rng):
    body = "5227" + rng.choice(["23", "24", "31", "01"]) + str(rng.randint(1950, 1988)) + \
        f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + f"{rng.randint(0, 999):03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(body, w)) % 11
    return body + "10X98765432"[s]


CN_DIGITS = "〇一二三四五六七八九"


def cn_date(y, m, d, rng):
    style = rng.choice(["ymd", "ymd", "dot", "cn", "dash"])
    if style == "ymd":
        return f"{y}年{m}月{d}日"
    if style == "dot":
        return f"{y}.{m}.{d}"
    if style == "dash":
        return f"{y}-{m:02d}-{d:02d}"
    def num(k):
        if k < 10:
            return CN_DIGITS[k]
        if k == 10:
            return "十"
        if k < 20:
            return "十" + CN_DIGITS[k % 10]
        return CN_DIGITS[k // 10] + "十" + (CN_DIGITS[k % 10] if k % 10 else "")
    return "".join(CN_DIGITS[int(c)] for c in str(y)) + "年" + num(m) + "月" + num(d) + "日"


def ocr_noise(text, rng, strength=1.0):
    """Stray spaces, hard line breaks every column width, half-width punctuation, as OCR output shows."""
    out = []
    col = 0
    width = rng.randint(18, 32)
    for ch in text:
        if ch == "\n":
            out.append(ch)
            col = 0
            continue
        out.append(ch)
        col += 1
        if rng.random() < 0.035 * strength:
            out.append(rng.choice([" ", " ", "  ", "\u3000"]))
        if col >= width and rng.random() < 0.9:
            out.append("\n")
            col = 0
    s = "".join(out)
    if rng.random() < 0.5:
        s = s.replace("，", ",").replace("：", ":")
    if rng.random() < 0.3:
        s = s.replace("。", ". ")
    return s


def squash(text):
    """What a checker compares names against: simplified, without whitespace."""
    return re.sub(r"\s+", "", to_simp(text))


KIN_SAME_SURNAME = ("弟弟", "儿子", "女儿", "兄弟", "侄子", "哥哥", "堂弟")


def relative_name(text, accused_name, pool, rng, exclude=()):
    """A name for {R}: a son, brother or nephew carries the accused's surname; in-laws do not."""
    before = text.split("{R}")[0][-4:]
    if accused_name and any(k in before for k in KIN_SAME_SURNAME) and not accused_name.startswith(("欧阳", "司马", "上官", "诸葛")):
        sur = surname(accused_name)
        for _ in range(50):
            n = sur + surname_rest(rng.choice(pool))
            if n not in exclude and n != accused_name and not is_masked(n):
                return n
    return rng.choice([n for n in pool if n not in exclude])


def surname_rest(name):
    return name[len(surname(name)):]

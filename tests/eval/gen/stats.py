"""Validates the three JSONL files and prints the counts the README quotes."""

import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ALIASES, VILLAGE_TOWN, squash, to_simp  # noqa: E402

EVAL = Path(__file__).resolve().parents[1]
TAXONOMY = ["低保", "危房改造", "扶贫", "三资管理", "征地补偿", "生态环境", "换届选举", "发展党员", "津补贴",
            "工程项目", "作风问题", "处分执行", "其他"]


def load(name):
    rows = []
    with open(EVAL / name, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            rows.append(json.loads(line))  # raises on invalid JSON
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), name
    return rows


def is_trad(text):
    return to_simp(text) != text


def is_ocr(text):
    return bool(re.search(r"[^\s\n] [^\s\n]|\u3000", text)) and "," in text or bool(re.search(r"\S[ \u3000]\S", text))


def people_places():
    rows = load("people_places.jsonl")
    c = collections.Counter()
    titles = collections.Counter()
    for r in rows:
        assert set(r) == {"id", "text", "petitioners", "accused", "mentioned", "town", "village"}, r["id"]
        t = r["text"]
        assert 120 <= len(t) <= 600, r["id"]
        assert r["village"] is None or VILLAGE_TOWN[r["village"]] == r["town"], r["id"]
        c["letters"] += 1
        c["traditional script"] += is_trad(t)
        c["spaces inside a line (OCR noise or signature layout)"] += bool(re.search(r"\S[ \u3000]+\S", t))
        c["anonymous petitioner"] += any(p["anonymous"] for p in r["petitioners"])
        c["several real-name petitioners"] += sum(not p["anonymous"] for p in r["petitioners"]) > 1
        c[f"{len(r['accused'])} accused"] += 1
        c["masked accused name (某/XX/××)"] += any(re.search("某|X|×", a["name"]) for a in r["accused"])
        c["two-character surname accused"] += any(a["name"][:2] in ("欧阳", "司马", "上官", "诸葛") for a in r["accused"])
        c["former official (former: true)"] += any(a.get("former") for a in r["accused"])
        c["concurrent post (other_titles)"] += any(a.get("other_titles") for a in r["accused"])
        c["with mentioned people"] += bool(r["mentioned"])
        c["village null"] += r["village"] is None
        c["town and village null"] += r["town"] is None
        s = squash(t)
        c["village written by an old alias"] += any(a in s for a in ALIASES) and (r["village"] or "") not in s.replace(
            "杨庄村", "杨庄村" if "前杨庄村" not in s and "后杨庄村" not in s else "")
        c["county prefix 清河"] += "清河" in s
        c["phone number"] += bool(re.search(r"1[3-9]\d{9}", s))
        c["ID number"] += bool(re.search(r"\d{17}[\dX]", s))
        for a in r["accused"]:
            titles[a["title"]] += 1
    return rows, c, titles


def topics():
    rows = load("topics.jsonl")
    c = collections.Counter()
    sec = collections.Counter()
    for r in rows:
        assert set(r) == {"id", "text", "topic", "secondary"}, r["id"]
        assert r["topic"] in TAXONOMY and all(s in TAXONOMY and s != r["topic"] for s in r["secondary"]), r["id"]
        c[r["topic"]] += 1
        for s in r["secondary"]:
            sec[s] += 1
    assert all(c[t] >= 12 for t in TAXONOMY), c
    return rows, c, sec


def repeats():
    rows = load("repeats.jsonl")
    groups = collections.defaultdict(list)
    for r in rows:
        assert set(r) == {"id", "group", "date", "text", "petitioner", "accused", "village", "new_issue"}, r["id"]
        groups[r["group"]].append(r)
    c = collections.Counter()
    for g, rs in groups.items():
        rs.sort(key=lambda r: r["date"])
        assert not rs[0]["new_issue"], g
        c["groups"] += 1
        c["groups with repeats"] += len(rs) > 1
        c["singleton groups (decoys)"] += len(rs) == 1
        c["letters"] += len(rs)
        c["repeat letters"] += len(rs) - 1
        c["repeat letters with new_issue"] += sum(r["new_issue"] for r in rs)
        c["ledger-style summaries (<=150 chars, single line)"] += sum(len(r["text"]) <= 150 and "\n" not in r["text"] for r in rs)
        c["traditional script"] += sum(is_trad(r["text"]) for r in rs)
        c["anonymous letters"] += sum(r["petitioner"] == "匿名" for r in rs)
    return rows, c


if __name__ == "__main__":
    _, c, titles = people_places()
    print("## people_places.jsonl")
    for k, v in c.items():
        print(f"- {k}: {v}")
    print("- accused titles: " + ", ".join(f"{k} {v}" for k, v in titles.most_common()))
    _, c, sec = topics()
    print("\n## topics.jsonl")
    print(f"- letters: {sum(c.values())}; with secondary topics: {sum(sec.values())} labels")
    for t in TAXONOMY:
        print(f"- {t}: {c[t]} main, {sec[t]} secondary")
    _, c = repeats()
    print("\n## repeats.jsonl")
    for k, v in c.items():
        print(f"- {k}: {v}")

"""Builds tests/eval/{people_places,topics,repeats}.jsonl from the hand-written fragments.

Run: python3 tests/eval/gen/build_evalsets.py   (needs `pip install opencc` for script conversion)
The output is deterministic (fixed seeds); the JSONL files are committed, this script documents how.
"""

import datetime as dt
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pp  # noqa: E402
import rp  # noqa: E402
import tp  # noqa: E402
from common import (  # noqa: E402
    TOWN_OFFICIALS, VILLAGE_OFFICIALS, VILLAGE_TOWN, Person, ocr_noise, squash, to_trad,
)
from fragments import SALUTATIONS, CLOSINGS, TOPIC_FRAGMENTS  # noqa: E402
from hand_pp import HAND_PP  # noqa: E402
from hand_rp import HAND_RP  # noqa: E402
from hand_tp import HAND_TP  # noqa: E402
from names import OTHERS, PETITIONERS  # noqa: E402

OUT = Path(__file__).resolve().parents[1]


def write(name, rows):
    with open(OUT / name, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- people_places

def build_people_places():
    rng = random.Random(20240601)
    rows = []
    for cfg in pp.plan(rng, 150):
        for _ in range(20):
            text, labels = pp.make_letter(rng, cfg)
            if 120 <= len(text) <= 600:
                break
        else:
            continue
        rows.append({"text": text, **labels})
    # script and noise on the generated letters: about 15% traditional, 12% OCR noise
    for r in rows:
        x = rng.random()
        if x < 0.15:
            r["text"] = to_trad(r["text"])
        if rng.random() < 0.12:
            r["text"] = ocr_noise(r["text"], rng)
    for h in HAND_PP:
        rows.append({"text": h["text"], "petitioners": h["petitioners"], "accused": h["accused"],
                     "mentioned": h["mentioned"], "town": h["town"], "village": h["village"]})
    rng.shuffle(rows)
    out = []
    for i, r in enumerate(rows, 1):
        out.append({"id": f"pp-{i:03d}", **r})
    return out


# ---------------------------------------------------------------- topics

def build_topics():
    rng = random.Random(20240602)
    rows = []
    per_label = 16
    for label in tp.LABELS:
        for j in range(per_label):
            sec = None
            if label != "其他" and rng.random() < 0.3:
                sec = rng.choice([t for t in tp.LABELS if t not in (label, "其他")])
            text, secondary = tp.make_letter(rng, label, sec)
            rows.append({"text": text, "topic": label, "secondary": secondary})
    for text, label, sec in HAND_TP:
        sal = rng.choice(SALUTATIONS)
        clo = rng.choice(CLOSINGS)
        full = "\n".join(x for x in [sal, text, clo] if x)
        rows.append({"text": full, "topic": label, "secondary": sec})
    for r in rows:
        if rng.random() < 0.15:
            r["text"] = to_trad(r["text"])
        if rng.random() < 0.1:
            r["text"] = ocr_noise(r["text"], rng)
    rng.shuffle(rows)
    return [{"id": f"tp-{i:03d}", **r} for i, r in enumerate(rows, 1)]


# ---------------------------------------------------------------- repeats

def _date(rng):
    return dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 4 * 365))


def _extra_fact(rng, m, used_fids):
    """A new allegation: a new official, a new concrete fact, or a new topic."""
    kind = rng.choice(["official", "fact", "topic"])
    if kind == "official":
        names = {a.name for a in m.accused}
        others = [t for t, n in VILLAGE_OFFICIALS[m.village].items() if n not in names]
        if others:
            t = rng.choice(others)
            who = Person(VILLAGE_OFFICIALS[m.village][t], t, m.town, m.village)
            return m.new_fact(rng.choice([m.topic] + rp.TOPICS), who, used_fids)
        kind = "fact"
    if kind == "fact":
        return m.new_fact(m.topic, rng.choice(m.accused), used_fids)
    return m.new_fact(rng.choice([t for t in rp.TOPICS if t != m.topic]), rng.choice(m.accused), used_fids)


def _topics_of(matters, name, village):
    """Topics already alleged against this official, so a decoy is clearly another matter."""
    out = set()
    for m in matters:
        if m.village != village:
            continue
        for f in m.facts + m.extras:
            if f.who.name == name:
                out.add(f.topic)
    return out


def _fresh_topic(rng, matters, names, village, exclude=()):
    banned = set(exclude)
    for n in names:
        banned |= _topics_of(matters, n, village)
    return rng.choice([t for t in rp.TOPICS if t not in banned])


def build_group(rng, m, n_letters, new_issue_at, variants, pet_changes):
    rows = []
    known = set()
    current = list(m.facts)
    d = _date(rng)
    prior = []
    used_fids = {f.fid for f in current}
    for j in range(n_letters):
        if j == 0:
            facts = list(current)
        else:
            d = d + dt.timedelta(days=rng.randint(25, 260))
            facts = list(current)
            rng.shuffle(facts)
            if len(facts) > 2 and rng.random() < 0.4:
                facts.pop()
            if j in new_issue_at:
                extra = _extra_fact(rng, m, used_fids)
                current.append(extra)
                facts.append(extra)
                m.extras.append(extra)
        kind = variants[j]
        pet = pet_changes.get(j)
        if kind == "ledger":
            text = rp.render_ledger(rng, m, facts, pet_override=pet, trad=rng.random() < 0.15)
        else:
            text = rp.render_full(rng, m, facts, prior, trad=(kind == "trad"), noise=(kind == "ocr"),
                                  pet_override=pet, today=d)
        keys = {f.fid for f in facts} | {f.who.name for f in facts}
        new_issue = j > 0 and not keys <= known
        known |= keys
        prior.append(d)
        accused = []
        for f in facts:
            if f.who.name not in accused:
                accused.append(f.who.name)
        rows.append({"group": m.gid, "date": d.isoformat(), "text": text, "petitioner": pet or m.petitioner,
                     "accused": accused, "village": m.village, "new_issue": new_issue})
    return rows


def build_repeats():
    rng = random.Random(20240603)
    villages = [v for v in VILLAGE_OFFICIALS if not v.endswith("社区")]
    rows = []
    gid = 0
    matters = []
    pets = list(PETITIONERS)
    rng.shuffle(pets)
    kinds_cycle = ["full", "ledger", "trad", "ocr", "full", "ledger", "full", "trad"]
    for g in range(44):
        gid += 1
        v = villages[g % len(villages)]
        posts = list(VILLAGE_OFFICIALS[v])
        k = 1 if rng.random() < 0.75 else 2
        accused = [Person(VILLAGE_OFFICIALS[v][p], p, VILLAGE_TOWN[v], v) for p in rng.sample(posts, k)]
        pet = pets[g % len(pets)] if rng.random() < 0.65 else "匿名"
        topic = rp.TOPICS[g % len(rp.TOPICS)]
        if any(topic in _topics_of(matters, a.name, v) for a in accused):
            topic = _fresh_topic(rng, matters, [a.name for a in accused], v)
        m = rp.Matter(rng, f"g{gid:02d}", v, accused, pet, topic, rng.choice([2, 2, 3]), set())
        n = rng.choice([2, 2, 3, 3, 4])
        variants = ["full"] + [kinds_cycle[(g + j) % len(kinds_cycle)] for j in range(1, n)]
        if g % 3 == 0:
            variants[0] = "ledger" if g % 2 else "full"
        new_at = {j for j in range(1, n) if rng.random() < 0.3}
        pet_changes = {}
        if n > 2 and rng.random() < 0.15:
            pet_changes[n - 1] = "匿名"
        elif rng.random() < 0.1:
            pet_changes[1] = rng.choice([p for p in PETITIONERS if p != pet])
        rows += build_group(rng, m, n, new_at, variants, pet_changes)
        matters.append(m)
    # decoys, one letter each
    decoys = []
    for i, m in enumerate(matters[:24]):
        gid += 1
        g = f"g{gid:02d}"
        kind = i % 4
        if kind == 0:
            # another petitioner, same village, a different official and matter
            others = [t for t, n in VILLAGE_OFFICIALS[m.village].items() if n not in {a.name for a in m.accused}]
            if not others:
                kind = 1
            else:
                t = rng.choice(others)
                acc = [Person(VILLAGE_OFFICIALS[m.village][t], t, m.town, m.village)]
                topic = _fresh_topic(rng, matters + decoys, [acc[0].name], m.village, {m.topic})
                d = rp.Matter(rng, g, m.village, acc, rng.choice(PETITIONERS), topic, 2,
                              {f.fid for f in m.facts})
        if kind == 1:
            # the same official, an unrelated matter, someone else writes
            topic = _fresh_topic(rng, matters + decoys, [m.accused[0].name], m.village, {m.topic})
            d = rp.Matter(rng, g, m.village, [m.accused[0]],
                          rng.choice([p for p in PETITIONERS if p != m.petitioner] + ["匿名"]), topic, 2,
                          {f.fid for f in m.facts})
        if kind == 2:
            # two anonymous letters about different matters in the same village
            acc = [m.accused[0]]
            topic = _fresh_topic(rng, matters + decoys, [acc[0].name], m.village, {m.topic})
            d = rp.Matter(rng, g, m.village, acc, "匿名", topic, 2, {f.fid for f in m.facts})
        if kind == 3:
            # a neighbouring village of the same town: another official, the same kind of problem
            v2 = rng.choice([v for v in villages if VILLAGE_TOWN[v] == m.town and v != m.village])
            t = rng.choice([t for t, n in VILLAGE_OFFICIALS[v2].items() if m.topic not in
                            _topics_of(matters + decoys, n, v2)] or list(VILLAGE_OFFICIALS[v2]))
            d = rp.Matter(rng, g, v2, [Person(VILLAGE_OFFICIALS[v2][t], t, VILLAGE_TOWN[v2], v2)],
                          rng.choice(PETITIONERS), m.topic, 2, {f.fid for f in m.facts})
        decoys.append(d)
    # two people named 王建华: 柳河村 secretary and 龙泉村 accountant, different matters
    for v, t in [("柳河村", "村党支部书记"), ("龙泉村", "村会计")]:
        gid += 1
        topic = _fresh_topic(rng, matters + decoys, ["王建华"], v)
        decoys.append(rp.Matter(rng, f"g{gid:02d}", v, [Person(VILLAGE_OFFICIALS[v][t], t, VILLAGE_TOWN[v], v)],
                                rng.choice(PETITIONERS + ["匿名"]), topic, 2, set()))
    for d in decoys:
        kind = rng.choice(["full", "full", "ledger", "trad", "ocr"])
        rows += build_group(rng, d, 1, set(), [kind], {})
    for letters in HAND_RP:
        gid += 1
        for h in letters:
            rows.append({"group": f"g{gid:02d}", **{k: h[k] for k in ("date", "text", "petitioner", "accused",
                                                                       "village", "new_issue")}})
    rows.sort(key=lambda r: (r["date"], r["group"]))
    return [{"id": f"rp-{i:03d}", **r} for i, r in enumerate(rows, 1)]


# ---------------------------------------------------------------- checks

def check_people_places(rows):
    for r in rows:
        s = squash(r["text"])
        assert 120 <= len(r["text"]) <= 600, (r["id"], len(r["text"]))
        names = [p["name"] for p in r["petitioners"] if not p["anonymous"]] + [a["name"] for a in r["accused"]] + \
            r["mentioned"]
        for n in names:
            assert n in s, (r["id"], n)
        acc = {a["name"] for a in r["accused"]}
        assert not acc & set(r["mentioned"]), r["id"]
        if r["village"]:
            assert VILLAGE_TOWN.get(r["village"]) == r["town"], r["id"]


def check_repeats(rows):
    groups = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
        for n in r["accused"]:
            assert n in squash(r["text"]), (r["id"], n)
    for g, rs in groups.items():
        rs.sort(key=lambda r: r["date"])
        assert not rs[0]["new_issue"], g


def main():
    ppr = build_people_places()
    check_people_places(ppr)
    write("people_places.jsonl", ppr)
    tpr = build_topics()
    write("topics.jsonl", tpr)
    rpr = build_repeats()
    check_repeats(rpr)
    write("repeats.jsonl", rpr)
    print(len(ppr), len(tpr), len(rpr))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Summarizes a calibration of gene-ab (benchmarks/ab/calibrate.sh) as Markdown tables.

Usage: summarize.py OUT [THRESHOLD_PCT]   (default threshold: the one the comparisons ran with)
Reads OUT/json/{identical,planted-P,verify-P}-*.json and OUT/spins.txt.
"""
import glob, json, os, sys
out = sys.argv[1]
spins = dict(zip((3, 5, 10), open(f"{out}/spins.txt").read().split()))
def load(prefix):
    files = sorted(glob.glob(f"{out}/json/{prefix}-*.json"), key=lambda p: int(p.rsplit("-", 1)[1][:-5]))
    return [json.load(open(f)) for f in files]
def regressed(r, t):
    return [i["name"] for i in r["inputs"] if i["ratio"]["low"] > 1 + t / 100]
first = load("identical")[0]
default = float(sys.argv[2]) if len(sys.argv) > 2 else first["threshold_pct"]
commit = (first["base"]["commit"] or "?")
ident = load("identical")
print(f"Calibration of `gene-ab` at {commit[:12]}: every comparison with the defaults (at most "
      f"{first['rounds_asked']} rounds or 60 s of rounds), threshold {default}% for the verdicts.\n")
print("| comparisons | count | false regressions at 2% | at 5% | at 10% | slowest comparison |")
print("|---|--:|--:|--:|--:|--:|")
ident = load("identical")
fr = {t: sum(1 for r in ident if regressed(r, t)) for t in (2, 5, 10)}
print(f"| identical builds | {len(ident)} | {fr[2]} | {fr[5]} | {fr[10]} | "
      f"{max(r['wall_seconds'] for r in ident):.0f} s |")
worst = max(((i["ratio"]["low"] - 1) * 100, i["name"]) for r in ident for i in r["inputs"])
print(f"\nHighest lower end of an interval among the identical comparisons: {worst[0]:+.1f}% "
      f"({worst[1]}); any threshold above it calls no false regression on these runs. "
      f"False improvements at {default}%: "
      f"{sum(1 for r in ident for i in r['inputs'] if i['ratio']['high'] < 1 - default / 100)}. "
      f"Rounds per comparison: {min(r['rounds'] for r in ident)} to {max(r['rounds'] for r in ident)} "
      f"(at most {ident[0].get('rounds_asked', '?')} rounds or 60 s of rounds).\n")
long_rounds = json.load(open(f"{out}/json/verify-5.json"))["rounds"]
print(f"| planted slowdown | spins per 1k tokens | measured ({long_rounds} rounds): "
      + ", ".join(i["name"] for i in first["inputs"])
      + f" | comparisons | found at {default}% | inputs flagged (of all) | slowest comparison |")
print("|---|--:|---|--:|--:|--:|--:|")
for p in (3, 5, 10):
    v = json.load(open(f"{out}/json/verify-{p}.json"))
    measured = ", ".join(f"{(i['ratio']['median'] - 1) * 100:+.1f}%" for i in v["inputs"])
    runs = load(f"planted-{p}")
    found = sum(1 for r in runs if regressed(r, default))
    flagged = sum(len(regressed(r, default)) for r in runs)
    total = sum(len(r["inputs"]) for r in runs)
    slowest = max(r["wall_seconds"] for r in runs)
    print(f"| {p}% | {spins[p]} | {measured} | {len(runs)} | {found} of {len(runs)} | "
          f"{flagged} of {total} | {slowest:.0f} s |")
print()
print("Per comparison, median change (95% CI) per input:\n")
for name in ["identical"] + [f"planted-{p}" for p in (3, 5, 10)]:
    for k, r in enumerate(load(name), 1):
        cells = "; ".join(
            f"{i['name']} {(i['ratio']['median'] - 1) * 100:+.1f}% "
            f"[{(i['ratio']['low'] - 1) * 100:+.1f}, {(i['ratio']['high'] - 1) * 100:+.1f}]"
            for i in r["inputs"])
        print(f"- {name}-{k} ({r['wall_seconds']:.0f} s): {cells}")

#!/usr/bin/env python3
"""Runs part 06's sections with their CPU profile (the default on a machine
without a GPU) over several seeds and prints the band each lands in: the
numbers that the sections' pages state and that their checks
(tests/chapters/<section>.cpp, the `cpu` bands) guard.

    python3 bench/cpu_profile_bands.py                      # every section, seeds 0-2
    python3 bench/cpu_profile_bands.py --sections resnet --seeds 0 1
    python3 bench/cpu_profile_bands.py --from-saved         # reprint, run nothing
    python3 bench/cpu_profile_bands.py --from-book          # take seed 0 from the
                                                            # last scripts/book.sh

Writes data/reference/d2l/cpu_profile/<section>.json (per-seed finals, the
wall time and commit of each run, the CPU), adding to the seeds saved there by
earlier calls. Needs a Release build in build/. The book build runs every
section once with its default seed (0): --from-book records those runs instead
of repeating them.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

from compare_with_mxnet import run_chapter  # runs build/chapters/<name> --seed S
from run import cpu_model

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAVED = os.path.join(ROOT, "data", "reference", "d2l", "cpu_profile")
SECTIONS = ["alexnet", "vgg", "nin", "googlenet", "resnet", "densenet"]
KEYS = ["first_loss", "final_loss", "final_train_acc", "final_test_acc", "wall_seconds"]


def finals(results, commit):
    row = {k: results[k] for k in KEYS if k in results}
    row["commit"] = commit
    row["first_loss"] = results["loss"][0]
    row["best_test_acc"] = max(results["test_acc"])
    row["profile"] = results["profile"]
    return row


def book_run(name):
    """The book build's run of a section (its default seed, 0)."""
    with open(os.path.join(ROOT, "build", "book", "runs", name, "results.json")) as f:
        results = json.load(f)
    results["wall_seconds"] = results["seconds"]
    return results


def span(rows, key, fmt="{:.3f}"):
    vals = [r[key] for r in rows]
    return f"{fmt.format(min(vals))} to {fmt.format(max(vals))}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", nargs="+", default=SECTIONS, choices=SECTIONS)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "cpu_profile_runs"))
    parser.add_argument("--from-saved", action="store_true")
    parser.add_argument("--from-book", action="store_true",
                        help="record build/book/runs/<section>/results.json as seed 0")
    args = parser.parse_args()

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    print(f"CPU: {cpu_model()}; commit {commit}", file=sys.stderr)
    table = []
    for name in args.sections:
        path = os.path.join(SAVED, name + ".json")
        if args.from_saved:
            with open(path) as f:
                rows = list(json.load(f)["seeds"].values())
        else:
            # Seeds run before (by an earlier call) are kept; these are added.
            seeds = {}
            if os.path.exists(path):
                with open(path) as f:
                    seeds = json.load(f)["seeds"]
            for seed in [0] if args.from_book else args.seeds:
                print(f"{name} seed {seed} ...", file=sys.stderr, flush=True)
                seeds[str(seed)] = finals(book_run(name) if args.from_book
                                          else run_chapter(name, seed, args.out), commit)
                print(f"  {seeds[str(seed)]}", file=sys.stderr, flush=True)
                os.makedirs(SAVED, exist_ok=True)
                record = {"section": name, "commit": commit, "cpu": cpu_model(),
                          "date": datetime.date.today().isoformat(),
                          "command": "python3 bench/cpu_profile_bands.py",
                          "seeds": dict(sorted(seeds.items()))}
                with open(path + ".tmp", "w") as f:
                    json.dump(record, f, indent=1)
                os.replace(path + ".tmp", path)  # after every run: a crash keeps the rest
            rows = list(seeds.values())
        table.append([name, str(len(rows)), span(rows, "first_loss"), span(rows, "final_loss"),
                      span(rows, "final_train_acc"), span(rows, "final_test_acc"),
                      span(rows, "best_test_acc"), span(rows, "wall_seconds", "{:.0f}")])
    print("| section | seeds | first-epoch loss | final loss | final train acc | "
          "final test acc | best test acc | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

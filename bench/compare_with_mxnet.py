#!/usr/bin/env python3
"""Runs our training chapters at the book's full settings over several seeds
and compares their final numbers with the MXNet 1.9.1 reference
(data/reference/mxnet-1.9.1/, made by bench/mxnet_reference/).

    python3 bench/compare_with_mxnet.py                 # every section, seeds 0-4
    python3 bench/compare_with_mxnet.py --sections mlp_scratch --seeds 0 1

Writes data/reference/d2l/<section>.json (our per-seed finals, the CPU, the
commit) and prints one Markdown table, ours next to MXNet's min-max over its
seeds. Needs a Release build in build/ (scripts/test.sh makes one).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import time

from run import cpu_model  # bench/run.py: the CPU line every benchmark prints

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MXNET = os.path.join(ROOT, "data", "reference", "mxnet-1.9.1")
OURS = os.path.join(ROOT, "data", "reference", "d2l")

# section -> [(variant label, our results.json prefix, MXNet variant or None)]
CLASSIFIERS = {
    "softmax_regression_scratch": [("-", "", None)],
    "softmax_regression_gluon": [("-", "", None)],
    "mlp_scratch": [("-", "", None)],
    "mlp_gluon": [("-", "", None)],
    "dropout": [("scratch", "scratch_", "scratch"), ("gluon", "gluon_", "gluon")],
    "lenet": [("sigmoid, lr 0.9", "", "sigmoid_lr0.9"), ("relu, lr 0.1", "relu_", "relu_lr0.1")],
    "batch_norm": [("scratch", "scratch_", "scratch"), ("gluon", "gluon_", "gluon")],
}
WEIGHT_DECAY = [("scratch_lambda_0", "scratch_lambda0_"), ("scratch_lambda_3", "scratch_lambda3_"),
                ("gluon_wd_0", "gluon_wd0_"), ("gluon_wd_3", "gluon_wd3_")]
LINREG = ["linear_regression_scratch", "linear_regression_gluon"]
ALL = LINREG + list(CLASSIFIERS)[:5] + ["weight_decay", "lenet", "batch_norm"]


def run_chapter(name, seed, out_root):
    out = os.path.join(out_root, name, f"seed{seed}")
    exe = os.path.join(ROOT, "build", "chapters", name)
    start = time.time()
    subprocess.run([exe, "--seed", str(seed), "--out", out], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "results.json")) as f:
        results = json.load(f)
    results["wall_seconds"] = time.time() - start
    return results


def mxnet_summary(name, variant):
    path = os.path.join(MXNET, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        ref = json.load(f)
    if variant is not None:
        ref = ref.get("variants", {}).get(variant)
    return ref and ref["summary"]


def span(values, fmt):
    return f"{fmt.format(min(values))} to {fmt.format(max(values))}"


def ref_span(summary, key, fmt):
    if not summary or key not in summary:
        return "n/a"
    return f"{fmt.format(summary[key]['min'])} to {fmt.format(summary[key]['max'])}"


def rows_for(name, per_seed):
    rows = []
    if name in CLASSIFIERS:
        for label, prefix, variant in CLASSIFIERS[name]:
            ref = mxnet_summary(name, variant)
            test = [r[prefix + "final_test_acc"] for r in per_seed]
            loss = [r[prefix + "final_loss"] for r in per_seed]
            rows.append([name, label, ref_span(ref, "final_test_acc", "{:.3f}"),
                         span(test, "{:.3f}"), ref_span(ref, "final_train_loss", "{:.3f}"),
                         span(loss, "{:.3f}")])
    elif name == "weight_decay":
        for variant, prefix in WEIGHT_DECAY:
            ref = mxnet_summary(name, variant)
            norm = [r[prefix + "w_norm"] for r in per_seed]
            rows.append([name, variant + " (norm of w)", ref_span(ref, "w_norm", "{:.3f}"),
                         span(norm, "{:.3f}"), "", ""])
    else:
        ref = mxnet_summary(name, None)
        loss = [r["final_loss"] for r in per_seed]
        rows.append([name, "- (loss)", ref_span(ref, "final_train_loss", "{:.2e}"),
                     span(loss, "{:.2e}"), "", ""])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", nargs="+", default=ALL, choices=ALL)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--out", default=os.path.join(ROOT, "build", "mxnet_compare"),
                        help="where the chapter runs write (default build/mxnet_compare)")
    parser.add_argument("--no-write", action="store_true",
                        help="do not update data/reference/d2l/")
    parser.add_argument("--from-saved", action="store_true",
                        help="run nothing: print the table from data/reference/d2l/")
    args = parser.parse_args()

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    print(f"CPU: {cpu_model()}; commit {commit}; seeds {args.seeds}", file=sys.stderr)
    table = []
    for name in args.sections:
        if args.from_saved:
            with open(os.path.join(OURS, name + ".json")) as f:
                per_seed = list(json.load(f)["seeds"].values())
            table += rows_for(name, per_seed)
            continue
        per_seed = []
        for seed in args.seeds:
            print(f"{name} seed {seed} ...", file=sys.stderr, flush=True)
            per_seed.append(run_chapter(name, seed, args.out))
        rows = rows_for(name, per_seed)
        table += rows
        if not args.no_write:
            os.makedirs(OURS, exist_ok=True)
            keep = [{k: v for k, v in r.items() if not isinstance(v, (list, dict))}
                    for r in per_seed]
            record = {"section": name, "commit": commit, "cpu": cpu_model(),
                      "date": datetime.date.today().isoformat(),
                      "command": "python3 bench/compare_with_mxnet.py",
                      "seeds": {str(s): r for s, r in zip(args.seeds, keep)},
                      "table_rows": rows}
            tmp = os.path.join(OURS, name + ".json.tmp")
            with open(tmp, "w") as f:
                json.dump(record, f, indent=1)
            os.replace(tmp, os.path.join(OURS, name + ".json"))
    print("| section | variant | MXNet 1.9.1 (its seeds) | ours "
          f"({len(args.seeds)} seeds) | MXNet train loss | our train loss |")
    print("|---|---|---|---|---|---|")
    for row in table:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

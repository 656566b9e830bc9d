#!/usr/bin/python3
"""Runs d2l's train_bench and the PyTorch peer alternately (ours, torch, ours,
torch, ...) in the same environment and prints a markdown table.

    /usr/bin/python3 bench/run.py [--build-dir build] [--threads 2] [--rounds 2]
                                  [--epochs 4] [--workloads softmax,mlp,conv,lenet]

Each run prints the median seconds per epoch after a warm-up epoch; the table
shows the median over the rounds. OPENBLAS_CORETYPE is left as it is and
reported, with the single-precision GEMM rate that bench/gemm_rate measures.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_json(cmd):
    """Runs cmd from the repository root; returns its last line as JSON."""
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    line = out.stdout.strip().splitlines()[-1]
    print(line, file=sys.stderr, flush=True)
    return json.loads(line)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--num-train", type=int, default=0)
    parser.add_argument("--workloads", default="softmax,mlp,conv,lenet")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the interpreter with torch (Debian's python3-torch)")
    args = parser.parse_args()

    bench_dir = os.path.join(os.path.abspath(args.build_dir), "bench")
    common = ["--epochs", str(args.epochs), "--threads", str(args.threads),
              "--num-train", str(args.num_train)]
    ours_cmd = [os.path.join(bench_dir, "train_bench")]
    torch_cmd = [args.python, os.path.join(HERE, "peer_torch.py")]

    gemm = run_json([os.path.join(bench_dir, "gemm_rate"),
                     "--threads", str(args.threads)])

    results = {}
    for workload in args.workloads.split(","):
        runs = {"ours": [], "torch": []}
        for _ in range(args.rounds):
            flags = ["--workload", workload] + common
            runs["ours"].append(run_json(ours_cmd + flags))
            runs["torch"].append(run_json(torch_cmd + flags))
        results[workload] = runs

    def med(runs, key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(values) if values else float("nan")

    torch_version = next(iter(results.values()))["torch"][0].get("torch_version", "?")
    print()
    print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; threads: {args.threads}; "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}; "
          f"OpenBLAS core: {gemm['openblas_corename']}; torch {torch_version}")
    print(f"sgemm 1024x1024x1024, {gemm['threads']} threads: OpenBLAS "
          f"{gemm['gflops']:.1f} GFLOP/s median ({gemm['best_gflops']:.1f} best), "
          f"d2l {gemm['d2l_gflops']:.1f} ({gemm['d2l_best_gflops']:.1f} best)")
    print(f"{args.rounds} rounds of {args.epochs} epochs each (median of epochs "
          f"after the first per run; median over rounds)")
    print()
    print("| workload | ours s/epoch | torch s/epoch | speedup (torch/ours) "
          "| ours ex/s | torch ex/s | ours peak MB | torch peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for workload, runs in results.items():
        ours_s = med(runs["ours"], "seconds_per_epoch")
        torch_s = med(runs["torch"], "seconds_per_epoch")
        print(f"| {workload} | {ours_s:.3f} | {torch_s:.3f} | {torch_s / ours_s:.2f}x "
              f"| {med(runs['ours'], 'examples_per_s'):,.0f} "
              f"| {med(runs['torch'], 'examples_per_s'):,.0f} "
              f"| {med(runs['ours'], 'peak_rss_mb'):.0f} "
              f"| {med(runs['torch'], 'peak_rss_mb'):.0f} |")
    print()
    print("| workload | ours final loss | torch final loss "
          "| ours RSS at load MB | torch RSS at load MB "
          "| ours train peak MB | torch train peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for workload, runs in results.items():
        print(f"| {workload} | {med(runs['ours'], 'final_loss'):.4f} "
              f"| {med(runs['torch'], 'final_loss'):.4f} "
              f"| {med(runs['ours'], 'load_peak_rss_mb'):.0f} "
              f"| {med(runs['torch'], 'load_peak_rss_mb'):.0f} "
              f"| {med(runs['ours'], 'train_peak_rss_mb'):.0f} "
              f"| {med(runs['torch'], 'train_peak_rss_mb'):.0f} |")


if __name__ == "__main__":
    main()

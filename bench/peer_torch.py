#!/usr/bin/python3
"""The PyTorch peer of train_bench.cpp: the same workloads, written as the
PyTorch edition of the book writes them, and the same JSON line.

    /usr/bin/python3 bench/peer_torch.py --workload softmax|mlp|conv|lenet --epochs N \
        --threads T

Needs Debian's python3-torch (scripts/bench.sh installs it). Reads the same
gzip IDX files as d2l's FashionMNIST.
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import time

import numpy as np
import torch
from torch import nn

DATA_DIRS = [
    os.environ.get("D2L_DATA", ""),
    os.path.join(os.environ.get("D2L_DATA", ""), "fashion-mnist"),
    "data/fashion-mnist",
    "data",
    "/usr/share/datasets/fashion-mnist",
]


def read_idx(name):
    """The array stored in an IDX file (gzip or not) found in DATA_DIRS."""
    for folder in DATA_DIRS:
        for candidate in (os.path.join(folder, name + ".gz"), os.path.join(folder, name)):
            if folder and os.path.isfile(candidate):
                opener = gzip.open if candidate.endswith(".gz") else open
                with opener(candidate, "rb") as f:
                    raw = f.read()
                ndim = raw[3]
                dims = np.frombuffer(raw, dtype=">u4", count=ndim, offset=4)
                data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
                return data.reshape(tuple(int(d) for d in dims))
    raise FileNotFoundError(f"{name}(.gz) not found in {DATA_DIRS}")


def peak_rss_mb():
    """Peak resident memory of the whole process, loading included."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def reset_peak_rss():
    """Starts a new high-water mark (Linux: VmHWM); False where not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def vm_hwm_mb():
    """VmHWM from /proc/self/status: the peak since reset_peak_rss()."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workload", choices=["softmax", "mlp", "conv", "lenet"],
                        default="mlp")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--num-train", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    # The whole training set in memory as float32 in [0, 1]: (n, 1, 28, 28).
    images = read_idx("train-images-idx3-ubyte")
    labels = read_idx("train-labels-idx1-ubyte")
    n = len(images) if args.num_train <= 0 else min(len(images), args.num_train)
    X = torch.from_numpy(images[:n].astype(np.float32) / 255).reshape(n, 1, 28, 28)
    y = torch.from_numpy(labels[:n].astype(np.int64))

    lr = {"softmax": 0.1, "mlp": 0.5, "conv": 0.9, "lenet": 0.9}[args.workload]
    if args.workload == "softmax":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    elif args.workload == "mlp":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                            nn.Linear(256, 10))
    elif args.workload == "conv":
        # LeNet's first layer alone before a dense output layer.
        net = nn.Sequential(nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
                            nn.Flatten(), nn.Linear(6 * 28 * 28, 10))
    else:  # LeNet as the book's chapter 5 builds it (sigmoid, max pooling)
        net = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
            nn.MaxPool2d(kernel_size=2, stride=2), nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
            nn.Linear(120, 84), nn.Sigmoid(),
            nn.Linear(84, 10))

    def init_weights(m):
        if args.workload in ("softmax", "mlp"):
            if type(m) == nn.Linear:
                nn.init.normal_(m.weight, std=0.01)
                nn.init.zeros_(m.bias)
        elif type(m) in (nn.Linear, nn.Conv2d):
            nn.init.xavier_uniform_(m.weight)  # MXNet's Xavier(): uniform, avg
            nn.init.zeros_(m.bias)

    net.apply(init_weights)
    loss = nn.CrossEntropyLoss()
    trainer = torch.optim.SGD(net.parameters(), lr=lr)

    batch_size = 256
    load_peak_mb = peak_rss_mb()
    reset = reset_peak_rss()
    seconds = []
    final_loss = 0.0
    for _ in range(args.epochs):
        start = time.perf_counter()
        loss_sum, seen = 0.0, 0
        perm = torch.randperm(n)
        for i in range(0, n, batch_size):
            idx = perm[i:i + batch_size]
            Xb, yb = X[idx], y[idx]
            l = loss(net(Xb), yb)
            trainer.zero_grad()
            l.backward()
            trainer.step()
            loss_sum += l.item() * len(idx)
            seen += len(idx)
        seconds.append(time.perf_counter() - start)
        final_loss = loss_sum / seen

    epoch_seconds = [round(s, 6) for s in seconds]  # the warm-up included
    if len(seconds) > 1:
        seconds = seconds[1:]  # the warm-up epoch
    per_epoch = statistics.median(seconds)
    print(json.dumps({
        "workload": args.workload, "impl": "torch", "epochs": args.epochs,
        "threads": args.threads, "num_train": n,
        "seconds_per_epoch": round(per_epoch, 6),
        "examples_per_s": round(n / per_epoch, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_peak_rss_mb": round(load_peak_mb, 1),
        "train_peak_rss_mb": round(vm_hwm_mb(), 1) if reset else None,
        "final_loss": round(final_loss, 6),
        "epoch_seconds": epoch_seconds, "torch_version": torch.__version__,
    }))


if __name__ == "__main__":
    main()

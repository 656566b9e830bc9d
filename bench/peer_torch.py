#!/usr/bin/python3
"""The PyTorch peer of train_bench.cpp: the same workloads, written as the
PyTorch edition of the book writes them, and the same JSON line.

    /usr/bin/python3 bench/peer_torch.py \
        --workload softmax|mlp|conv|lenet|resnet18|alexnet --epochs N --threads T

--threads 0 leaves torch's own default (one intra-op thread per core). Needs
Debian's python3-torch (scripts/bench.sh installs it). Reads the same gzip IDX
files as d2l's FashionMNIST. resnet18 (96x96) and alexnet (224x224) resize
each batch as d2l's DataLoader does (bilinear, half-pixel centers, no
antialiasing: F.interpolate(..., align_corners=False)) and train on the first
512 and 384 examples unless --num-train says otherwise. The JSON line also
says which kernels torch used (CPU capability, oneDNN, jemalloc).
"""
import argparse
import os
import re
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from peer_common import peak_rss_mb, read_idx, report, reset_peak_rss

class Residual(nn.Module):
    """d2l::book::Residual (the book's Gluon Residual): two 3x3 convolutions
    with batch normalization, an optional 1x1 shortcut with the same stride."""

    def __init__(self, in_channels, channels, use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, 3, stride=strides, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv3 = (nn.Conv2d(in_channels, channels, 1, stride=strides)
                      if use_1x1conv else None)
        # MXNet's momentum 0.9 (weight of the old running value) is torch's 0.1.
        self.bn1 = nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)
        self.bn2 = nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        return F.relu(Y + (self.conv3(X) if self.conv3 is not None else X))


def resnet18(num_classes):
    """d2l::book::resnet18: the book's ResNet-18 for 1-channel images."""
    layers = [nn.Conv2d(1, 64, 7, stride=2, padding=3),
              nn.BatchNorm2d(64, eps=1e-5, momentum=0.1), nn.ReLU(),
              nn.MaxPool2d(3, stride=2, padding=1)]
    in_channels = 64
    for i, channels in enumerate([64, 128, 256, 512]):
        for j in range(2):
            if j == 0 and i > 0:
                layers.append(Residual(in_channels, channels, True, 2))
            else:
                layers.append(Residual(in_channels, channels))
            in_channels = channels
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, num_classes)]
    return nn.Sequential(*layers)


def alexnet():
    """The MXNet book's AlexNet for 1x224x224 images."""
    return nn.Sequential(
        nn.Conv2d(1, 96, 11, stride=4), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
        nn.Linear(256 * 5 * 5, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10))


def kernels():
    """What torch runs on: its CPU capability, oneDNN, BLAS, jemalloc."""
    config = torch.__config__.show()
    capability = next((line.split(":", 1)[1].strip() for line in config.splitlines()
                       if "CPU capability usage" in line), "?")
    with open("/proc/self/maps") as f:
        jemalloc = "jemalloc" in f.read()
    blas = re.search(r"BLAS_INFO=([^,\s]+)", config)
    return {"cpu_capability": capability,
            "mkldnn": bool(torch.backends.mkldnn.is_available()),
            "blas": blas.group(1) if blas else "?", "jemalloc": jemalloc,
            "intra_op_threads": torch.get_num_threads()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workload", choices=["softmax", "mlp", "conv", "lenet", "resnet18", "alexnet"],
                        default="mlp")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--num-train", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                        help="cuda: the network and each batch on the first GPU")
    args = parser.parse_args()
    device = torch.device(args.device)

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    # The whole training set in memory as float32 in [0, 1]: (n, 1, 28, 28).
    images = read_idx("train-images-idx3-ubyte")
    labels = read_idx("train-labels-idx1-ubyte")
    num_train = args.num_train
    if num_train <= 0:  # the big networks: a few batches per epoch
        num_train = {"resnet18": 512, "alexnet": 384}.get(args.workload, 0)
    n = len(images) if num_train <= 0 else min(len(images), num_train)
    X = torch.from_numpy(images[:n].astype(np.float32) / 255).reshape(n, 1, 28, 28)
    y = torch.from_numpy(labels[:n].astype(np.int64))

    lr = {"softmax": 0.1, "mlp": 0.5, "conv": 0.9, "lenet": 0.9, "resnet18": 0.05,
          "alexnet": 0.01}[args.workload]
    image_size = {"resnet18": 96, "alexnet": 224}.get(args.workload, 0)
    if args.workload == "resnet18":
        net = resnet18(10)
    elif args.workload == "alexnet":
        net = alexnet()
    elif args.workload == "softmax":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    elif args.workload == "mlp":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                            nn.Linear(256, 10))
    elif args.workload == "conv":
        # LeNet's first layer alone before a dense output layer.
        net = nn.Sequential(nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
                            nn.Flatten(), nn.Linear(6 * 28 * 28, 10))
    elif args.workload == "lenet":  # LeNet as the book's chapter 5 builds it (sigmoid, max pooling)
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
    net.to(device)
    loss = nn.CrossEntropyLoss()
    trainer = torch.optim.SGD(net.parameters(), lr=lr)

    batch_size = 128 if args.workload == "alexnet" else 256
    load_peak_mb = peak_rss_mb()
    reset = reset_peak_rss()
    seconds, step_seconds = [], []  # steps after the first epoch
    final_loss = 0.0
    for epoch in range(args.epochs):
        start = time.perf_counter()
        loss_sum, seen = 0.0, 0
        perm = torch.randperm(n)
        step_start = time.perf_counter()
        for i in range(0, n, batch_size):
            idx = perm[i:i + batch_size]
            Xb, yb = X[idx].to(device), y[idx].to(device)
            if image_size:  # as d2l's transforms::Resize, per batch
                Xb = F.interpolate(Xb, size=(image_size, image_size), mode="bilinear",
                                   align_corners=False)
            l = loss(net(Xb), yb)
            trainer.zero_grad()
            l.backward()
            trainer.step()
            loss_sum += l.item() * len(idx)
            seen += len(idx)
            now = time.perf_counter()
            if epoch > 0 or args.epochs == 1:
                step_seconds.append(now - step_start)
            step_start = now
        seconds.append(time.perf_counter() - start)
        final_loss = loss_sum / seen

    report(args, "torch", n, seconds, step_seconds, final_loss, load_peak_mb, reset,
           batch_size,
        torch_version=torch.__version__, device=args.device,
        kernels=kernels() if args.device == "cpu" else
        f"cuDNN {torch.backends.cudnn.version()} on {torch.cuda.get_device_name(0)}",
        env={k: os.environ[k] for k in ("ATEN_CPU_CAPABILITY", "LD_PRELOAD")
             if k in os.environ})

if __name__ == "__main__":
    main()

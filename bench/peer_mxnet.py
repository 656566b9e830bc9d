#!/usr/bin/env python3
"""The MXNet 1.9.1 peer of train_bench.cpp: the same workloads, written as the
MXNet edition of the book writes them (Gluon), and the same JSON line.

    /work/venv-mxnet/bin/python bench/peer_mxnet.py \
        --workload softmax|mlp|conv|lenet|resnet18|alexnet --epochs N --threads T \
        [--imperative]

MXNet is the system the book was written for; this is a speed peer only
(bench/mxnet_reference/setup.sh makes the venv; nothing in the library or its
tests uses it). By default the network is hybridized with static memory
(`hybridize(static_alloc=True, static_shape=True)`), MXNet's fastest mode;
`--imperative` keeps the book's imperative code. --threads T sets
OMP_NUM_THREADS before MXNet loads (its OpenMP and oneDNN kernels read it
then). Batches index a shuffled permutation of the in-memory training set;
resnet18 (96x96) and alexnet (224x224) resize each batch with
`nd.contrib.BilinearResize2D` (half-pixel centers where this MXNet has the
option) and train on the first 512 and 384 examples unless --num-train says
otherwise.
"""
import argparse
import os
import sys
import time

from peer_common import peak_rss_mb, read_idx, report, reset_peak_rss


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workload", default="mlp",
                        choices=["softmax", "mlp", "conv", "lenet", "resnet18", "alexnet"])
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--num-train", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--imperative", action="store_true",
                        help="do not hybridize (the book's imperative code)")
    return parser.parse_args()


ARGS = parse_args()
if ARGS.threads > 0:  # before MXNet loads: its OpenMP runtime reads it once
    os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)

import mxnet as mx  # noqa: E402
import numpy as np  # noqa: E402
from mxnet import autograd, gluon, init, nd  # noqa: E402
from mxnet.gluon import nn  # noqa: E402


class Residual(nn.HybridBlock):
    """The book's Residual (d2l::book::Residual)."""

    def __init__(self, num_channels, use_1x1conv=False, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = nn.Conv2D(num_channels, kernel_size=3, padding=1, strides=strides)
        self.conv2 = nn.Conv2D(num_channels, kernel_size=3, padding=1)
        self.conv3 = (nn.Conv2D(num_channels, kernel_size=1, strides=strides)
                      if use_1x1conv else None)
        self.bn1 = nn.BatchNorm()
        self.bn2 = nn.BatchNorm()

    def hybrid_forward(self, F, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3:
            X = self.conv3(X)
        return F.relu(Y + X)


def resnet18(num_classes):
    """The book's ResNet-18 for 1-channel images (d2l::book::resnet18)."""
    net = nn.HybridSequential()
    net.add(nn.Conv2D(64, kernel_size=7, strides=2, padding=3), nn.BatchNorm(),
            nn.Activation("relu"), nn.MaxPool2D(pool_size=3, strides=2, padding=1))
    for i, channels in enumerate([64, 128, 256, 512]):
        for j in range(2):
            if j == 0 and i > 0:
                net.add(Residual(channels, use_1x1conv=True, strides=2))
            else:
                net.add(Residual(channels))
    net.add(nn.GlobalAvgPool2D(), nn.Dense(num_classes))
    return net


def network(workload):
    net = nn.HybridSequential()
    if workload == "resnet18":
        return resnet18(10)
    if workload == "alexnet":  # the MXNet book's AlexNet
        net.add(nn.Conv2D(96, kernel_size=11, strides=4, activation="relu"),
                nn.MaxPool2D(pool_size=3, strides=2),
                nn.Conv2D(256, kernel_size=5, padding=2, activation="relu"),
                nn.MaxPool2D(pool_size=3, strides=2),
                nn.Conv2D(384, kernel_size=3, padding=1, activation="relu"),
                nn.Conv2D(384, kernel_size=3, padding=1, activation="relu"),
                nn.Conv2D(256, kernel_size=3, padding=1, activation="relu"),
                nn.MaxPool2D(pool_size=3, strides=2),
                nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
                nn.Dense(4096, activation="relu"), nn.Dropout(0.5),
                nn.Dense(10))
    elif workload == "softmax":
        net.add(nn.Dense(10))
    elif workload == "mlp":
        net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    elif workload == "conv":  # LeNet's first layer alone before a dense output layer
        net.add(nn.Conv2D(6, kernel_size=5, padding=2, activation="sigmoid"), nn.Dense(10))
    elif workload == "lenet":  # as train_bench's: sigmoid, max pooling, padding 2
        net.add(nn.Conv2D(6, kernel_size=5, padding=2, activation="sigmoid"),
                nn.MaxPool2D(pool_size=2, strides=2),
                nn.Conv2D(16, kernel_size=5, activation="sigmoid"),
                nn.MaxPool2D(pool_size=2, strides=2),
                nn.Dense(120, activation="sigmoid"), nn.Dense(84, activation="sigmoid"),
                nn.Dense(10))
    return net


def resize(X, size):
    """Bilinear resize of an (N, C, H, W) batch, half-pixel centers."""
    try:
        return nd.contrib.BilinearResize2D(X, height=size, width=size, align_corners=False)
    except (TypeError, mx.base.MXNetError):  # an MXNet without the option
        return nd.contrib.BilinearResize2D(X, height=size, width=size)


def kernels():
    """What MXNet runs on: oneDNN, its BLAS, OpenMP threads."""
    features = mx.runtime.Features()
    blas = [name for name in ("BLAS_OPEN", "BLAS_MKL", "BLAS_ATLAS", "BLAS_APPLE")
            if features.is_enabled(name)]
    return {"mkldnn": features.is_enabled("MKLDNN"), "blas": ",".join(blas) or "?",
            "openmp": features.is_enabled("OPENMP"),
            "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "(unset)"),
            "hybridized": not ARGS.imperative}


def main():
    args = ARGS
    mx.random.seed(args.seed)
    np.random.seed(args.seed)
    images = read_idx("train-images-idx3-ubyte")
    labels = read_idx("train-labels-idx1-ubyte")
    num_train = args.num_train
    if num_train <= 0:  # the big networks: a few batches per epoch
        num_train = {"resnet18": 512, "alexnet": 384}.get(args.workload, 0)
    n = len(images) if num_train <= 0 else min(len(images), num_train)
    X = nd.array(images[:n].astype(np.float32) / 255).reshape((n, 1, 28, 28))
    y = nd.array(labels[:n].astype(np.float32))

    lr = {"softmax": 0.1, "mlp": 0.5, "conv": 0.9, "lenet": 0.9, "resnet18": 0.05,
          "alexnet": 0.01}[args.workload]
    image_size = {"resnet18": 96, "alexnet": 224}.get(args.workload, 0)
    net = network(args.workload)
    net.initialize(init.Normal(sigma=0.01) if args.workload in ("softmax", "mlp")
                   else init.Xavier())
    if not args.imperative:
        net.hybridize(static_alloc=True, static_shape=True)
    loss = gluon.loss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})

    batch_size = 128 if args.workload == "alexnet" else 256
    load_peak_mb = peak_rss_mb()
    reset = reset_peak_rss()
    seconds, step_seconds = [], []  # steps after the first epoch
    final_loss = 0.0
    for epoch in range(args.epochs):
        start = time.perf_counter()
        loss_sum, seen = 0.0, 0
        perm = nd.array(np.random.permutation(n).astype(np.float32))
        step_start = time.perf_counter()
        for i in range(0, n, batch_size):
            idx = perm[i:i + batch_size]
            Xb, yb = nd.take(X, idx), nd.take(y, idx)
            if image_size:  # as d2l's transforms::Resize, per batch
                Xb = resize(Xb, image_size)
            with autograd.record():
                l = loss(net(Xb), yb)
            l.backward()
            trainer.step(Xb.shape[0])
            loss_sum += l.sum().asscalar()  # a host read per batch, as the book
            seen += Xb.shape[0]
            now = time.perf_counter()
            if epoch > 0 or args.epochs == 1:
                step_seconds.append(now - step_start)
            step_start = now
        seconds.append(time.perf_counter() - start)
        final_loss = loss_sum / seen

    report(args, "mxnet", n, seconds, step_seconds, final_loss, load_peak_mb, reset,
           batch_size,
        mxnet_version=mx.__version__, kernels=kernels(),
        env={k: os.environ[k] for k in ("OMP_NUM_THREADS",) if k in os.environ},
        python=sys.version.split()[0])

if __name__ == "__main__":
    main()

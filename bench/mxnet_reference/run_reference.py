#!/usr/bin/env python3
"""MXNet 1.9.1 reference numbers for the book's training sections.

Runs the training code of the MXNet edition of the book (d2lzh, the 1.x book)
as that edition writes it -- same initialisation, same loss, the same update
rule (`sgd(params, lr, batch_size)` / `trainer.step(batch_size)`, which divides
by batch_size even for the last, smaller batch), the same DataLoader shuffling
(train shuffled, test not), the same evaluate_accuracy -- for several seeds, and
writes one JSON file per section to data/reference/mxnet-1.9.1/.

MXNet is a reference only: nothing in the library or its tests imports it.

    bash bench/mxnet_reference/setup.sh          # venv at /work/venv-mxnet
    OMP_NUM_THREADS=1 /work/venv-mxnet/bin/python bench/mxnet_reference/run_reference.py
    ... --sections lenet --seeds 0 1             # a subset (merged into the files)
    ... --epochs 1 --out /tmp/x                  # a quick look (never committed)

Fashion-MNIST: gluon's FashionMNIST downloads and checks the SHA-1 of the
upstream .gz files; there is no network here, and Debian's
dataset-fashion-mnist holds recompressed files (other checksums), so
`FashionMNIST` below is gluon's own class with only `_get_data` changed to read
those files, with the same parsing code (uint8 images (N, 28, 28, 1) in an
NDArray, int32 labels in a NumPy array) and used through
`transform_first(ToTensor())` exactly as d2lzh.load_data_fashion_mnist does.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import random
import struct
import sys
import time

import numpy as np
import mxnet as mx
from mxnet import autograd, gluon, init, nd
from mxnet.gluon import data as gdata, loss as gloss, nn

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from run import cpu_model  # noqa: E402  bench/run.py: the CPU line every benchmark prints

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_OUT = os.path.join(REPO, "data", "reference", "mxnet-1.9.1")
FASHION_DIRS = [
    os.environ.get("D2L_DATA", ""),
    os.path.join(os.environ.get("D2L_DATA", ""), "fashion-mnist"),
    "/usr/share/datasets/fashion-mnist",
]

# The DataLoader workers: d2lzh uses num_workers=4 on Linux. The workers only
# run the (deterministic) ToTensor transform; the order of the batches comes
# from the sampler in the main process, so the numbers do not depend on it.
# 0 keeps the run on one core (the machine's other core builds C++).
NUM_WORKERS = int(os.environ.get("MXNET_REF_WORKERS", "0"))


# ---------------------------------------------------------------------------
# d2lzh pieces, as the 1.x book writes them
# ---------------------------------------------------------------------------

def find_fashion_dir():
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    for folder in FASHION_DIRS:
        if folder and all(os.path.isfile(os.path.join(folder, n)) for n in names):
            return folder
    sys.exit("Fashion-MNIST not found: apt-get install dataset-fashion-mnist "
             "(or set D2L_DATA to a folder with the four IDX .gz files)")


class FashionMNIST(gdata.vision.FashionMNIST):
    """gluon.data.vision.FashionMNIST reading local files instead of downloading."""

    def _get_data(self):
        if self._train:
            data, label = self._train_data, self._train_label
        else:
            data, label = self._test_data, self._test_label
        data_file = os.path.join(self._root, data[0])
        label_file = os.path.join(self._root, label[0])
        # The same parsing as MNIST._get_data in mxnet 1.9.1.
        with gzip.open(label_file, "rb") as fin:
            struct.unpack(">II", fin.read(8))
            label = np.frombuffer(fin.read(), dtype=np.uint8).astype(np.int32)
        with gzip.open(data_file, "rb") as fin:
            struct.unpack(">IIII", fin.read(16))
            data = np.frombuffer(fin.read(), dtype=np.uint8)
            data = data.reshape(len(label), 28, 28, 1)
        self._data = nd.array(data, dtype=data.dtype)
        self._label = label


def load_data_fashion_mnist(batch_size, resize=None):
    root = find_fashion_dir()
    transformer = []
    if resize:
        transformer += [gdata.vision.transforms.Resize(resize)]
    transformer += [gdata.vision.transforms.ToTensor()]
    transformer = gdata.vision.transforms.Compose(transformer)
    mnist_train = FashionMNIST(root=root, train=True)
    mnist_test = FashionMNIST(root=root, train=False)
    assert len(mnist_train) == 60000 and len(mnist_test) == 10000
    train_iter = gdata.DataLoader(mnist_train.transform_first(transformer),
                                  batch_size, shuffle=True, num_workers=NUM_WORKERS)
    test_iter = gdata.DataLoader(mnist_test.transform_first(transformer),
                                 batch_size, shuffle=False, num_workers=NUM_WORKERS)
    return train_iter, test_iter


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    indices = list(range(num_examples))
    random.shuffle(indices)  # the examples are read in random order
    for i in range(0, num_examples, batch_size):
        j = nd.array(indices[i: min(i + batch_size, num_examples)])
        yield features.take(j), labels.take(j)


def linreg(X, w, b):
    return nd.dot(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    for param in params:
        param[:] = param - lr * param.grad / batch_size


def evaluate_accuracy(data_iter, net):
    """Chapter 3's evaluate_accuracy."""
    acc_sum, n = 0.0, 0
    for X, y in data_iter:
        y = y.astype("float32")
        acc_sum += (net(X).argmax(axis=1) == y).sum().asscalar()
        n += y.size
    return acc_sum / n


def train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
              params=None, lr=None, trainer=None, log=print):
    epochs = []
    for epoch in range(num_epochs):
        start = time.time()
        train_l_sum, train_acc_sum, n = 0.0, 0.0, 0
        for X, y in train_iter:
            with autograd.record():
                y_hat = net(X)
                l = loss(y_hat, y).sum()
            l.backward()
            if trainer is None:
                sgd(params, lr, batch_size)
            else:
                trainer.step(batch_size)
            y = y.astype("float32")
            train_l_sum += l.asscalar()
            train_acc_sum += (y_hat.argmax(axis=1) == y).sum().asscalar()
            n += y.size
        train_seconds = time.time() - start
        test_acc = evaluate_accuracy(test_iter, net)
        rec = dict(epoch=epoch + 1, train_loss=train_l_sum / n,
                   train_acc=train_acc_sum / n, test_acc=test_acc,
                   seconds=time.time() - start, train_seconds=train_seconds)
        epochs.append(rec)
        log("epoch %d, loss %.4f, train acc %.3f, test acc %.3f, time %.1f sec"
            % (rec["epoch"], rec["train_loss"], rec["train_acc"], rec["test_acc"],
               rec["seconds"]))
    return epochs


def evaluate_accuracy_ch5(data_iter, net, ctx):
    """Chapter 5's evaluate_accuracy (accumulates on the device)."""
    acc_sum, n = nd.array([0], ctx=ctx), 0
    for X, y in data_iter:
        X, y = X.as_in_context(ctx), y.as_in_context(ctx).astype("float32")
        acc_sum += (net(X).argmax(axis=1) == y).sum()
        n += y.size
    return acc_sum.asscalar() / n


def train_ch5(net, train_iter, test_iter, batch_size, trainer, ctx, num_epochs,
              log=print):
    log("training on %s" % ctx)
    loss = gloss.SoftmaxCrossEntropyLoss()
    epochs = []
    for epoch in range(num_epochs):
        train_l_sum, train_acc_sum, n, start = 0.0, 0.0, 0, time.time()
        for X, y in train_iter:
            X, y = X.as_in_context(ctx), y.as_in_context(ctx)
            with autograd.record():
                y_hat = net(X)
                l = loss(y_hat, y).sum()
            l.backward()
            trainer.step(batch_size)
            y = y.astype("float32")
            train_l_sum += l.asscalar()
            train_acc_sum += (y_hat.argmax(axis=1) == y).sum().asscalar()
            n += y.size
        train_seconds = time.time() - start
        test_acc = evaluate_accuracy_ch5(test_iter, net, ctx)
        rec = dict(epoch=epoch + 1, train_loss=train_l_sum / n,
                   train_acc=train_acc_sum / n, test_acc=test_acc,
                   seconds=time.time() - start, train_seconds=train_seconds)
        epochs.append(rec)
        log("epoch %d, loss %.4f, train acc %.3f, test acc %.3f, time %.1f sec"
            % (rec["epoch"], rec["train_loss"], rec["train_acc"], rec["test_acc"],
               rec["seconds"]))
    return epochs


# ---------------------------------------------------------------------------
# Sections. Each returns {variant: {"settings": ..., "result": ...}} for one
# seed; the seed is set just before the section's code runs.
# ---------------------------------------------------------------------------

def synthetic_linear_data():
    num_inputs, num_examples = 2, 1000
    true_w, true_b = [2, -3.4], 4.2
    features = nd.random.normal(scale=1, shape=(num_examples, num_inputs))
    labels = true_w[0] * features[:, 0] + true_w[1] * features[:, 1] + true_b
    labels += nd.random.normal(scale=0.01, shape=labels.shape)
    return features, labels, true_w, true_b


LINREG_SETTINGS = dict(num_examples=1000, true_w=[2, -3.4], true_b=4.2, noise=0.01,
                       batch_size=10, lr=0.03, num_epochs=3)


def sec_linear_regression_scratch(num_epochs, log):
    features, labels, true_w, true_b = synthetic_linear_data()
    num_inputs = 2
    w = nd.random.normal(scale=0.01, shape=(num_inputs, 1))
    b = nd.zeros(shape=(1,))
    w.attach_grad()
    b.attach_grad()
    lr, batch_size = 0.03, 10
    net, loss = linreg, squared_loss
    epochs = []
    for epoch in range(num_epochs):
        start = time.time()
        for X, y in data_iter(batch_size, features, labels):
            with autograd.record():
                l = loss(net(X, w, b), y)  # l has shape (batch_size, 1)
            l.backward()  # summed: the gradient of l.sum()
            sgd([w, b], lr, batch_size)
        train_l = loss(net(features, w, b), labels)
        rec = dict(epoch=epoch + 1, train_loss=float(train_l.mean().asscalar()),
                   seconds=time.time() - start)
        epochs.append(rec)
        log("epoch %d, loss %f" % (rec["epoch"], rec["train_loss"]))
    wl = w.asnumpy().reshape(-1).tolist()
    bl = float(b.asscalar())
    log("w %s b %f" % (wl, bl))
    return {"": dict(settings=dict(LINREG_SETTINGS, init="w ~ normal(0, 0.01), b = 0",
                                   loss="squared_loss", update="sgd(params, lr, batch_size)",
                                   shuffle="random.shuffle (Python)"),
                     result=dict(epochs=epochs, w=wl, b=bl,
                                 w_error=[true_w[0] - wl[0], true_w[1] - wl[1]],
                                 b_error=true_b - bl))}


def sec_linear_regression_gluon(num_epochs, log):
    features, labels, true_w, true_b = synthetic_linear_data()
    batch_size = 10
    dataset = gdata.ArrayDataset(features, labels)
    diter = gdata.DataLoader(dataset, batch_size, shuffle=True)
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    loss = gloss.L2Loss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.03})
    epochs = []
    for epoch in range(1, num_epochs + 1):
        start = time.time()
        for X, y in diter:
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(batch_size)
        l = loss(net(features), labels)
        rec = dict(epoch=epoch, train_loss=float(l.mean().asscalar()),
                   seconds=time.time() - start)
        epochs.append(rec)
        log("epoch %d, loss: %f" % (epoch, rec["train_loss"]))
    dense = net[0]
    wl = dense.weight.data().asnumpy().reshape(-1).tolist()
    bl = float(dense.bias.data().asscalar())
    log("w %s b %f" % (wl, bl))
    return {"": dict(settings=dict(LINREG_SETTINGS, init="init.Normal(sigma=0.01) (bias zero)",
                                   loss="gloss.L2Loss", update="trainer.step(batch_size), sgd",
                                   shuffle="DataLoader(shuffle=True)"),
                     result=dict(epochs=epochs, w=wl, b=bl,
                                 w_error=[true_w[0] - wl[0], true_w[1] - wl[1]],
                                 b_error=true_b - bl))}


FASHION = dict(data="Fashion-MNIST (Debian dataset-fashion-mnist), ToTensor, 60000 train / 10000 test",
               batch_size=256, shuffle="train shuffled (DataLoader shuffle=True), test not",
               train_loss="sum of the per-example loss over the epoch / examples (as train_ch3/train_ch5 print)",
               train_acc="over the epoch, while training (as train_ch3 prints)",
               update_divisor="batch_size (256) for every batch, the last one of 96 examples included")


def sec_softmax_regression_scratch(num_epochs, log):
    batch_size = 256
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    num_inputs, num_outputs = 784, 10
    W = nd.random.normal(scale=0.01, shape=(num_inputs, num_outputs))
    b = nd.zeros(num_outputs)
    W.attach_grad()
    b.attach_grad()

    def softmax(X):
        X_exp = X.exp()
        partition = X_exp.sum(axis=1, keepdims=True)
        return X_exp / partition

    def net(X):
        return softmax(nd.dot(X.reshape((-1, num_inputs)), W) + b)

    def cross_entropy(y_hat, y):
        return -nd.pick(y_hat, y).log()

    lr = 0.1
    epochs = train_ch3(net, train_iter, test_iter, cross_entropy, num_epochs,
                       batch_size, [W, b], lr, log=log)
    return {"": dict(settings=dict(FASHION, lr=lr, num_epochs=5, model="softmax(XW + b)",
                                   init="W ~ normal(0, 0.01), b = 0",
                                   loss="-log(pick(softmax, y)) (naive)",
                                   update="sgd(params, lr, batch_size)"),
                     result=dict(epochs=epochs))}


def sec_softmax_regression_gluon(num_epochs, log):
    batch_size = 256
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    net = nn.Sequential()
    net.add(nn.Dense(10))
    net.initialize(init.Normal(sigma=0.01))
    loss = gloss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.1})
    epochs = train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
                       None, None, trainer, log=log)
    return {"": dict(settings=dict(FASHION, lr=0.1, num_epochs=5, model="Dense(10)",
                                   init="init.Normal(sigma=0.01) (bias zero)",
                                   loss="gloss.SoftmaxCrossEntropyLoss",
                                   update="trainer.step(batch_size), sgd"),
                     result=dict(epochs=epochs))}


def sec_mlp_scratch(num_epochs, log):
    batch_size = 256
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    num_inputs, num_outputs, num_hiddens = 784, 10, 256
    W1 = nd.random.normal(scale=0.01, shape=(num_inputs, num_hiddens))
    b1 = nd.zeros(num_hiddens)
    W2 = nd.random.normal(scale=0.01, shape=(num_hiddens, num_outputs))
    b2 = nd.zeros(num_outputs)
    params = [W1, b1, W2, b2]
    for param in params:
        param.attach_grad()

    def relu(X):
        return nd.maximum(X, 0)

    def net(X):
        X = X.reshape((-1, num_inputs))
        H = relu(nd.dot(X, W1) + b1)
        return nd.dot(H, W2) + b2

    loss = gloss.SoftmaxCrossEntropyLoss()
    lr = 0.5
    epochs = train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
                       params, lr, log=log)
    return {"": dict(settings=dict(FASHION, lr=lr, num_epochs=5, model="784-256-10, ReLU",
                                   init="W ~ normal(0, 0.01), b = 0",
                                   loss="gloss.SoftmaxCrossEntropyLoss",
                                   update="sgd(params, lr, batch_size)"),
                     result=dict(epochs=epochs))}


def sec_mlp_gluon(num_epochs, log):
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"), nn.Dense(10))
    net.initialize(init.Normal(sigma=0.01))
    batch_size = 256
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    loss = gloss.SoftmaxCrossEntropyLoss()
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": 0.5})
    epochs = train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
                       None, None, trainer, log=log)
    return {"": dict(settings=dict(FASHION, lr=0.5, num_epochs=5,
                                   model="Dense(256, relu), Dense(10)",
                                   init="init.Normal(sigma=0.01) (bias zero; deferred init)",
                                   loss="gloss.SoftmaxCrossEntropyLoss",
                                   update="trainer.step(batch_size), sgd"),
                     result=dict(epochs=epochs))}


def sec_weight_decay(num_epochs, log):
    """Section 3.12: the data is made once; the four fits follow in the book's order."""
    n_train, n_test, num_inputs = 20, 100, 200
    true_w, true_b = nd.ones((num_inputs, 1)) * 0.01, 0.05
    features = nd.random.normal(shape=(n_train + n_test, num_inputs))
    labels = nd.dot(features, true_w) + true_b
    labels += nd.random.normal(scale=0.01, shape=labels.shape)
    train_features, test_features = features[:n_train, :], features[n_train:, :]
    train_labels, test_labels = labels[:n_train], labels[n_train:]

    def init_params():
        w = nd.random.normal(scale=1, shape=(num_inputs, 1))
        b = nd.zeros(shape=(1,))
        w.attach_grad()
        b.attach_grad()
        return [w, b]

    def l2_penalty(w):
        return (w ** 2).sum() / 2

    batch_size, lr = 1, 0.003
    net, loss = linreg, squared_loss
    train_iter = gdata.DataLoader(gdata.ArrayDataset(train_features, train_labels),
                                  batch_size, shuffle=True)
    base = dict(n_train=n_train, n_test=n_test, num_inputs=num_inputs, true_w=0.01,
                true_b=0.05, noise=0.01, batch_size=batch_size, lr=lr, num_epochs=100,
                loss="squared_loss; train/test loss = its mean over the whole set after each epoch",
                shuffle="DataLoader(shuffle=True)",
                data="made once per seed, shared by the four fits, which run in this order")

    def fit_and_plot(lambd):
        w, b = init_params()
        epochs = []
        for epoch in range(num_epochs):
            start = time.time()
            for X, y in train_iter:
                with autograd.record():
                    # add the L2 norm penalty term
                    l = loss(net(X, w, b), y) + lambd * l2_penalty(w)
                l.backward()
                sgd([w, b], lr, batch_size)
            epochs.append(dict(
                epoch=epoch + 1,
                train_loss=float(loss(net(train_features, w, b), train_labels).mean().asscalar()),
                test_loss=float(loss(net(test_features, w, b), test_labels).mean().asscalar()),
                seconds=time.time() - start))
        norm = float(w.norm().asscalar())
        log("scratch lambda=%g: L2 norm of w: %f, train %g, test %g"
            % (lambd, norm, epochs[-1]["train_loss"], epochs[-1]["test_loss"]))
        return dict(epochs=epochs, w_norm=norm)

    def fit_and_plot_gluon(wd):
        net = nn.Sequential()
        net.add(nn.Dense(1))
        net.initialize(init.Normal(sigma=1))
        # decay the weight parameters; weight names end in "weight"
        trainer_w = gluon.Trainer(net.collect_params(".*weight"), "sgd",
                                  {"learning_rate": lr, "wd": wd})
        # do not decay the bias parameters; bias names end in "bias"
        trainer_b = gluon.Trainer(net.collect_params(".*bias"), "sgd",
                                  {"learning_rate": lr})
        epochs = []
        for epoch in range(num_epochs):
            start = time.time()
            for X, y in train_iter:
                with autograd.record():
                    l = loss(net(X), y)
                l.backward()
                # call step on both Trainers to update the weight and the bias
                trainer_w.step(batch_size)
                trainer_b.step(batch_size)
            epochs.append(dict(
                epoch=epoch + 1,
                train_loss=float(loss(net(train_features), train_labels).mean().asscalar()),
                test_loss=float(loss(net(test_features), test_labels).mean().asscalar()),
                seconds=time.time() - start))
        norm = float(net[0].weight.data().norm().asscalar())
        log("gluon wd=%g: L2 norm of w: %f, train %g, test %g"
            % (wd, norm, epochs[-1]["train_loss"], epochs[-1]["test_loss"]))
        return dict(epochs=epochs, w_norm=norm)

    out = {}
    for lambd in (0, 3):
        out["scratch_lambda_%d" % lambd] = dict(
            settings=dict(base, lambd=lambd, init="w ~ normal(0, 1), b = 0",
                          penalty="lambd * (w**2).sum() / 2 added to each example's loss",
                          update="sgd([w, b], lr, batch_size)"),
            result=fit_and_plot(lambd))
    for wd in (0, 3):
        out["gluon_wd_%d" % wd] = dict(
            settings=dict(base, wd=wd, init="init.Normal(sigma=1) (bias zero)",
                          model="Dense(1)",
                          update="two Trainers, sgd: weight with wd, bias without; step(batch_size)"),
            result=fit_and_plot_gluon(wd))
    return out


def dropout_scratch(num_epochs, log):
    def dropout(X, drop_prob):
        assert 0 <= drop_prob <= 1
        keep_prob = 1 - drop_prob
        # in this case all elements are dropped
        if keep_prob == 0:
            return X.zeros_like()
        mask = nd.random.uniform(0, 1, X.shape) < keep_prob
        return mask * X / keep_prob

    num_inputs, num_outputs, num_hiddens1, num_hiddens2 = 784, 10, 256, 256
    W1 = nd.random.normal(scale=0.01, shape=(num_inputs, num_hiddens1))
    b1 = nd.zeros(num_hiddens1)
    W2 = nd.random.normal(scale=0.01, shape=(num_hiddens1, num_hiddens2))
    b2 = nd.zeros(num_hiddens2)
    W3 = nd.random.normal(scale=0.01, shape=(num_hiddens2, num_outputs))
    b3 = nd.zeros(num_outputs)
    params = [W1, b1, W2, b2, W3, b3]
    for param in params:
        param.attach_grad()
    drop_prob1, drop_prob2 = 0.2, 0.5

    def net(X):
        X = X.reshape((-1, num_inputs))
        H1 = (nd.dot(X, W1) + b1).relu()
        if autograd.is_training():  # use dropout only when training the model
            H1 = dropout(H1, drop_prob1)  # add a dropout layer after the first fully connected layer
        H2 = (nd.dot(H1, W2) + b2).relu()
        if autograd.is_training():
            H2 = dropout(H2, drop_prob2)  # add a dropout layer after the second fully connected layer
        return nd.dot(H2, W3) + b3

    lr, batch_size = 0.5, 256
    loss = gloss.SoftmaxCrossEntropyLoss()
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    epochs = train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
                       params, lr, log=log)
    return dict(settings=dict(FASHION, lr=lr, num_epochs=5,
                              model="784-256-256-10, ReLU, dropout 0.2 after the first hidden layer, 0.5 after the second",
                              dropout="mask = uniform(0,1) < keep; mask * X / keep; only when autograd.is_training()",
                              init="W ~ normal(0, 0.01), b = 0",
                              loss="gloss.SoftmaxCrossEntropyLoss",
                              update="sgd(params, lr, batch_size)"),
                result=dict(epochs=epochs))


def dropout_gluon(num_epochs, log):
    drop_prob1, drop_prob2 = 0.2, 0.5
    lr, batch_size = 0.5, 256
    loss = gloss.SoftmaxCrossEntropyLoss()
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    net = nn.Sequential()
    net.add(nn.Dense(256, activation="relu"),
            nn.Dropout(drop_prob1),  # add a dropout layer after the first fully connected layer
            nn.Dense(256, activation="relu"),
            nn.Dropout(drop_prob2),  # add a dropout layer after the second fully connected layer
            nn.Dense(10))
    net.initialize(init.Normal(sigma=0.01))
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    epochs = train_ch3(net, train_iter, test_iter, loss, num_epochs, batch_size,
                       None, None, trainer, log=log)
    return dict(settings=dict(FASHION, lr=lr, num_epochs=5,
                              model="Dense(256, relu), Dropout(0.2), Dense(256, relu), Dropout(0.5), Dense(10)",
                              init="init.Normal(sigma=0.01) (bias zero)",
                              loss="gloss.SoftmaxCrossEntropyLoss",
                              update="trainer.step(batch_size), sgd"),
                result=dict(epochs=epochs))


def lenet(activation, lr, num_epochs, log):
    net = nn.Sequential()
    net.add(nn.Conv2D(channels=6, kernel_size=5, activation=activation),
            nn.MaxPool2D(pool_size=2, strides=2),
            nn.Conv2D(channels=16, kernel_size=5, activation=activation),
            nn.MaxPool2D(pool_size=2, strides=2),
            # Dense flattens (batch, channel, height, width) to (batch, c*h*w)
            nn.Dense(120, activation=activation),
            nn.Dense(84, activation=activation),
            nn.Dense(10))
    batch_size = 256
    train_iter, test_iter = load_data_fashion_mnist(batch_size=batch_size)
    ctx = mx.cpu()
    net.initialize(force_reinit=True, ctx=ctx, init=init.Xavier())
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    epochs = train_ch5(net, train_iter, test_iter, batch_size, trainer, ctx,
                       num_epochs, log=log)
    return dict(settings=dict(FASHION, lr=lr, num_epochs=5, ctx=str(ctx),
                              model=("Conv2D(6, 5, %s), MaxPool2D(2, 2), Conv2D(16, 5, %s), "
                                     "MaxPool2D(2, 2), Dense(120, %s), Dense(84, %s), Dense(10)"
                                     % ((activation,) * 4)),
                              init="init.Xavier() (uniform, magnitude 3, avg fan; bias zero)",
                              loss="gloss.SoftmaxCrossEntropyLoss",
                              update="trainer.step(batch_size), sgd",
                              loop="train_ch5 (seconds = one epoch of training + the test evaluation)"),
                result=dict(epochs=epochs))


# Section 5.10 (d2lzh): batch normalization, from scratch and with Gluon.

def batch_norm(X, gamma, beta, moving_mean, moving_var, eps=1e-5, momentum=0.9):
    # autograd tells whether this is training or prediction
    if not autograd.is_training():
        # prediction: use the moving mean and variance passed in
        X_hat = (X - moving_mean) / nd.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:
            # fully connected layer: mean and variance over the feature dimension
            mean = X.mean(axis=0)
            var = ((X - mean) ** 2).mean(axis=0)
        else:
            # 2-D convolution: mean and variance per channel (axis=1), keeping
            # X's shape so that broadcasting works below
            mean = X.mean(axis=(0, 2, 3), keepdims=True)
            var = ((X - mean) ** 2).mean(axis=(0, 2, 3), keepdims=True)
        # training: standardize with the current mean and variance
        X_hat = (X - mean) / nd.sqrt(var + eps)
        # update the moving mean and variance
        moving_mean = momentum * moving_mean + (1.0 - momentum) * mean
        moving_var = momentum * moving_var + (1.0 - momentum) * var
    Y = gamma * X_hat + beta  # scale and shift
    return Y, moving_mean, moving_var


class BatchNorm(nn.Block):
    def __init__(self, num_features, num_dims, **kwargs):
        super(BatchNorm, self).__init__(**kwargs)
        if num_dims == 2:
            shape = (1, num_features)
        else:
            shape = (1, num_features, 1, 1)
        # scale and shift take part in the gradient and the update: 1 and 0
        self.gamma = self.params.get("gamma", shape=shape, init=init.One())
        self.beta = self.params.get("beta", shape=shape, init=init.Zero())
        # not part of the gradient or the update; zeros in main memory (as d2lzh)
        self.moving_mean = nd.zeros(shape)
        self.moving_var = nd.zeros(shape)

    def forward(self, X):
        # copy moving_mean and moving_var to X's device if it is not main memory
        if self.moving_mean.context != X.context:
            self.moving_mean = self.moving_mean.copyto(X.context)
            self.moving_var = self.moving_var.copyto(X.context)
        # keep the updated moving_mean and moving_var
        Y, self.moving_mean, self.moving_var = batch_norm(
            X, self.gamma.data(), self.beta.data(), self.moving_mean,
            self.moving_var, eps=1e-5, momentum=0.9)
        return Y


def batch_norm_lenet(variant, num_epochs, log):
    if variant == "scratch":
        def bn(num_features, num_dims):
            return BatchNorm(num_features, num_dims=num_dims)
        bn_desc = "BatchNorm(c, num_dims) (from scratch)"
        bn_rule = ("from scratch: training mean/var over axis 0 (2-D) or axes (0, 2, 3) keepdims (4-D), "
                   "eps 1e-5; moving = 0.9 * moving + 0.1 * batch, moving_mean and moving_var start at 0 "
                   "(d2lzh); prediction uses the moving statistics")
    else:
        def bn(num_features, num_dims):
            return nn.BatchNorm()
        bn_desc = "nn.BatchNorm()"
        bn_rule = ("gluon nn.BatchNorm defaults: momentum 0.9, epsilon 1e-5, gamma ones, beta zeros, "
                   "running_mean zeros, running_var ones")
    net = nn.Sequential()
    net.add(nn.Conv2D(6, kernel_size=5),
            bn(6, 4),
            nn.Activation("sigmoid"),
            nn.MaxPool2D(pool_size=2, strides=2),
            nn.Conv2D(16, kernel_size=5),
            bn(16, 4),
            nn.Activation("sigmoid"),
            nn.MaxPool2D(pool_size=2, strides=2),
            nn.Dense(120),
            bn(120, 2),
            nn.Activation("sigmoid"),
            nn.Dense(84),
            bn(84, 2),
            nn.Activation("sigmoid"),
            nn.Dense(10))
    lr, batch_size, ctx = 1.0, 256, mx.cpu()
    net.initialize(ctx=ctx, init=init.Xavier())
    trainer = gluon.Trainer(net.collect_params(), "sgd", {"learning_rate": lr})
    train_iter, test_iter = load_data_fashion_mnist(batch_size)
    epochs = train_ch5(net, train_iter, test_iter, batch_size, trainer, ctx,
                       num_epochs, log=log)
    gamma = net[1].gamma.data().reshape((-1,)).asnumpy().tolist()
    beta = net[1].beta.data().reshape((-1,)).asnumpy().tolist()
    log("first BatchNorm gamma %s beta %s" % (["%.4f" % g for g in gamma],
                                               ["%.4f" % b for b in beta]))
    return dict(settings=dict(FASHION, lr=lr, num_epochs=5, ctx=str(ctx),
                              model=("Conv2D(6, 5), BN, sigmoid, MaxPool2D(2, 2), Conv2D(16, 5), BN, "
                                     "sigmoid, MaxPool2D(2, 2), Dense(120), BN, sigmoid, Dense(84), BN, "
                                     "sigmoid, Dense(10); BN = " + bn_desc),
                              batch_norm=bn_rule,
                              init="init.Xavier() (uniform, magnitude 3, avg fan; bias zero; BN gamma 1, beta 0)",
                              loss="gloss.SoftmaxCrossEntropyLoss",
                              update="trainer.step(batch_size), sgd",
                              loop="train_ch5 (seconds = one epoch of training + the test evaluation)",
                              recorded="first BatchNorm layer (net[1]) final gamma and beta, reshaped to (-1,)"),
                result=dict(epochs=epochs, bn1_gamma=gamma, bn1_beta=beta))


# section -> list of (variant, function(num_epochs, log) -> dict(settings, result))
# A variant name "" means the section has no variants. The seed is set before
# each variant (weight_decay's four fits share one seed and one data set, as in
# the book, so they are one entry that returns all four).
SECTIONS = {
    "linear_regression_scratch": [("", lambda e, log: sec_linear_regression_scratch(e, log)[""])],
    "linear_regression_gluon": [("", lambda e, log: sec_linear_regression_gluon(e, log)[""])],
    "softmax_regression_scratch": [("", lambda e, log: sec_softmax_regression_scratch(e, log)[""])],
    "softmax_regression_gluon": [("", lambda e, log: sec_softmax_regression_gluon(e, log)[""])],
    "mlp_scratch": [("", lambda e, log: sec_mlp_scratch(e, log)[""])],
    "mlp_gluon": [("", lambda e, log: sec_mlp_gluon(e, log)[""])],
    "weight_decay": [("*", sec_weight_decay)],
    "dropout": [("scratch", dropout_scratch), ("gluon", dropout_gluon)],
    "lenet": [("sigmoid_lr0.9", lambda e, log: lenet("sigmoid", 0.9, e, log)),
              ("relu_lr0.1", lambda e, log: lenet("relu", 0.1, e, log))],
    "batch_norm": [("scratch", lambda e, log: batch_norm_lenet("scratch", e, log)),
                   ("gluon", lambda e, log: batch_norm_lenet("gluon", e, log))],
}
DEFAULT_EPOCHS = {"linear_regression_scratch": 3, "linear_regression_gluon": 3,
                  "weight_decay": 100}  # the others: 5


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def stats(values):
    return dict(min=min(values), max=max(values), mean=sum(values) / len(values))


def summarize(seeds):
    """Summary over seeds of one variant's results."""
    finals = [r["epochs"][-1] for r in seeds.values()]
    s = dict(num_seeds=len(finals))
    for key in ("train_loss", "test_loss", "train_acc", "test_acc"):
        if key in finals[0]:
            s["final_" + key] = stats([f[key] for f in finals])
    for key in ("w_norm", "b"):
        if key in next(iter(seeds.values())):
            s[key] = stats([r[key] for r in seeds.values()])
    if "w" in next(iter(seeds.values())):
        s["w"] = [stats([r["w"][i] for r in seeds.values()]) for i in range(2)]
    secs = [e["seconds"] for r in seeds.values() for e in r["epochs"]]
    s["seconds_per_epoch"] = stats(secs)
    return s


def write_section(out_dir, section, variants, num_epochs_override):
    """variants: {variant: {"settings":..., "seeds": {seed: result}}}; merges
    with a file already there (same settings) so a subset of seeds can be rerun."""
    path = os.path.join(out_dir, section + ".json")
    old = None
    if os.path.isfile(path):
        with open(path) as f:
            old = json.load(f)
    doc = dict(
        section=section,
        mxnet=mx.__version__, numpy=np.__version__, python=platform.python_version(),
        cpu=cpu_model(), omp_num_threads=os.environ.get("OMP_NUM_THREADS"),
        dataloader_num_workers=NUM_WORKERS,
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        command=" ".join(["run_reference.py"] + sys.argv[1:]),
        seeding="before each variant and seed: random.seed(s); np.random.seed(s); mx.random.seed(s)",
        epochs_override=num_epochs_override,
    )
    flat = list(variants.keys()) == [""]
    old_variants = {}
    if old is not None:
        old_variants = {"": old} if "seeds" in old else old.get("variants", {})
    merged = {}
    for name, v in variants.items():
        seeds = {}
        ov = old_variants.get(name)
        if ov is not None and ov.get("settings") == v["settings"]:
            seeds.update(ov["seeds"])
        seeds.update({str(k): r for k, r in v["seeds"].items()})
        seeds = {k: seeds[k] for k in sorted(seeds, key=int)}
        merged[name] = dict(settings=v["settings"], seeds=seeds, summary=summarize(seeds))
    if flat:
        doc.update(merged[""])
    else:
        # keep variants of the old file that were not rerun
        for name, ov in old_variants.items():
            merged.setdefault(name, ov)
        doc["variants"] = merged
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sections", nargs="+", default=list(SECTIONS), choices=list(SECTIONS))
    p.add_argument("--variants", nargs="+", default=None,
                   help="only these variants (dropout, batch_norm: scratch gluon; lenet: sigmoid_lr0.9 relu_lr0.1)")
    p.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3])
    p.add_argument("--epochs", type=int, default=None,
                   help="override the book's epoch count (not for the committed data)")
    p.add_argument("--out", default=None,
                   help="output folder (default data/reference/mxnet-1.9.1; "
                        "with --epochs, /tmp/mxnet_reference_quick)")
    args = p.parse_args()
    out_dir = args.out or ("/tmp/mxnet_reference_quick" if args.epochs else DEFAULT_OUT)
    if args.epochs and os.path.abspath(out_dir) == os.path.abspath(DEFAULT_OUT):
        sys.exit("--epochs: give --out elsewhere; the committed data are full runs")
    os.makedirs(out_dir, exist_ok=True)
    print("mxnet %s numpy %s python %s, OMP_NUM_THREADS=%s, cpu %s"
          % (mx.__version__, np.__version__, platform.python_version(),
             os.environ.get("OMP_NUM_THREADS"), cpu_model()), flush=True)

    for section in args.sections:
        num_epochs = args.epochs or DEFAULT_EPOCHS.get(section, 5)
        variants = {}
        t0 = time.time()
        for variant, fn in SECTIONS[section]:
            if args.variants and variant not in ("", "*") and variant not in args.variants:
                continue
            for seed in args.seeds:
                random.seed(seed)
                np.random.seed(seed)
                mx.random.seed(seed)
                tag = "%s%s seed %d" % (section, "/" + variant if variant not in ("", "*") else "", seed)

                def log(msg, tag=tag):
                    print("[%s] %s" % (tag, msg), flush=True)

                res = fn(num_epochs, log)
                if variant == "*":  # returns all its variants at once
                    for name, v in res.items():
                        variants.setdefault(name, dict(settings=v["settings"], seeds={}))
                        variants[name]["seeds"][seed] = v["result"]
                else:
                    variants.setdefault(variant, dict(settings=res["settings"], seeds={}))
                    variants[variant]["seeds"][seed] = res["result"]
                # written after every seed (merged with the file), so that a run
                # stopped part way leaves a valid file with the seeds done
                path = write_section(out_dir, section, variants, args.epochs)
                print("wrote %s (seed %d)" % (path, seed), flush=True)
        if variants:
            path = write_section(out_dir, section, variants, args.epochs)
            print("wrote %s (%.0f s)" % (path, time.time() - t0), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the NumPy fixtures that tests/unit/serialize_test.cpp reads, and
shows that NumPy reads the files our library writes.

    python3 scripts/make_fixtures.py            # (re)writes data/fixtures/
    python3 scripts/make_fixtures.py FILE...    # prints what np.load sees in FILE

The committed fixtures were made with NumPy 1.24.2 (Debian 12's python3-numpy).
The values are written out below, so the C++ test states them too.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "fixtures")


def make():
    os.makedirs(OUT, exist_ok=True)
    x = np.arange(6, dtype=np.float32).reshape(2, 3) / 4  # 0, .25, ... 1.25
    np.save(os.path.join(OUT, "numpy_single.npy"), x)
    # A dict with float32, float64, int64 and bool arrays, and a 0-d scalar.
    np.savez(os.path.join(OUT, "numpy_dict.npz"),
             weight=x,
             bias=np.array([-1.5, 2.0, 1e-3], dtype=np.float64),
             counts=np.array([[1, 2], [3, 4]], dtype=np.int64),
             mask=np.array([True, False, True]),
             scalar=np.float32(7.5))
    # A list: np.savez names positional arrays arr_0, arr_1, ...
    np.savez(os.path.join(OUT, "numpy_list.npz"),
             np.ones(3, dtype=np.float32), np.zeros((1, 2), dtype=np.float32))
    # Deflated entries.
    np.savez_compressed(os.path.join(OUT, "numpy_compressed.npz"), x=x)
    print("numpy", np.__version__, "wrote", sorted(os.listdir(OUT)))


def show(path):
    data = np.load(path)
    if isinstance(data, np.ndarray):
        print(path, "(npy):", data.dtype, data.shape)
        print(data)
        return
    print(path, "(npz):", list(data.keys()))
    for key in data.keys():
        print(" ", key, data[key].dtype, data[key].shape, data[key].ravel()[:6])


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for p in sys.argv[1:]:
            show(p)
    else:
        make()

"""Writes the fuzz targets' seed corpus (fuzz/corpus/<target>/): small valid
files of each kind, so that fuzzing starts from inputs that reach deep into the
readers. Standard library only. Run: python3 fuzz/make_corpus.py"""
import gzip
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "data", "fixtures")


def put(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy(shape, values):
    """A little-endian float32 .npy (format 1.0)."""
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % (
        "".join(f"{d}, " for d in shape) if len(shape) == 1 else ", ".join(map(str, shape)))
    header = header.encode("latin1")
    pad = 64 - (10 + len(header) + 1) % 64
    header += b" " * pad + b"\n"
    return (b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header +
            struct.pack(f"<{len(values)}f", *values))


def npz(members, compress=False):
    import io
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# IDX: three 2x3 images and their labels, plain and gzip.
images = struct.pack(">IIII", 2051, 3, 2, 3) + bytes(range(18))
labels = struct.pack(">II", 2049, 3) + bytes([7, 0, 9])
put("idx", "images", images)
put("idx", "images.gz", gzip.compress(images))
put("idx", "labels", labels)
put("idx", "labels.gz", gzip.compress(labels))

# .npy: numpy's own file and ours.
with open(os.path.join(FIXTURES, "numpy_single.npy"), "rb") as f:
    put("npy", "numpy_single.npy", f.read())
put("npy", "matrix.npy", npy((2, 3), [0, 1, 2, 3, 4, 5]))
put("npy", "vector.npy", npy((4,), [1, 2, 3, 4]))

# .npz: numpy's files (stored, deflated, a dict) and a small one of ours.
for name in ("numpy_list.npz", "numpy_compressed.npz", "numpy_dict.npz"):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        put("npz", name, f.read())
put("npz", "two.npz", npz({"arr_0.npy": npy((2,), [1, 2]), "arr_1.npy": npy((1,), [3])}))

# Parameters of the fuzz_params network: Dense(3, relu) then Dense(2), 4 inputs.
params = {"0.weight.npy": npy((3, 4), [0.1] * 12), "0.bias.npy": npy((3,), [0] * 3),
          "1.weight.npy": npy((2, 3), [0.2] * 6), "1.bias.npy": npy((2,), [0] * 2)}
put("params", "net.npz", npz(params))
put("params", "net_deflated.npz", npz(params, compress=True))

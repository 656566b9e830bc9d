"""What the Python peers (peer_torch.py, peer_mxnet.py) share: reading the
Fashion-MNIST IDX files and measuring the process's peak memory."""
import gzip
import json
import os
import resource
import statistics

import numpy as np

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


def report(args, impl, n, seconds, step_seconds, final_loss, load_peak_mb, reset,
           batch_size, **extra):
    """Prints the JSON line that bench/run.py reads: the median epoch after the
    first (a warm-up), the median step after the first epoch, peak memory."""
    epoch_seconds = [round(s, 6) for s in seconds]  # the warm-up included
    if len(seconds) > 1:
        seconds = seconds[1:]  # the warm-up epoch
    per_epoch = statistics.median(seconds)
    print(json.dumps({
        "workload": args.workload, "impl": impl, "epochs": args.epochs,
        "threads": args.threads, "num_train": n,
        "seconds_per_epoch": round(per_epoch, 6),
        "examples_per_s": round(n / per_epoch, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "load_peak_rss_mb": round(load_peak_mb, 1),
        "train_peak_rss_mb": round(vm_hwm_mb(), 1) if reset else None,
        "final_loss": round(final_loss, 6),
        "epoch_seconds": epoch_seconds,
        "batch_size": batch_size,
        "median_step_seconds": (round(statistics.median(step_seconds), 6)
                                if step_seconds else None),
        **extra,
    }))

#!/bin/bash
# Creates a Python venv with MXNet 1.9.1 (the reference for the book's numbers),
# at $MXNET_VENV or /work/venv-mxnet. MXNet is a reference only: nothing in the
# library or its tests uses it.
set -euo pipefail
VENV="${MXNET_VENV:-/work/venv-mxnet}"

# MXNet's wheel links libgomp/libquadmath/libgfortran-style runtimes; Fashion-MNIST
# comes from Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).
need=()
python3 -c 'import venv' 2>/dev/null || need+=(python3-venv)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
ldconfig -p | grep -q libgomp.so.1 || need+=(libgomp1)
ldconfig -p | grep -q libquadmath.so.0 || need+=(libquadmath0)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update && apt-get install -y "${need[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --upgrade pip >/dev/null
"$VENV/bin/pip" install "mxnet==1.9.1" "numpy<1.24"
"$VENV/bin/python" -c 'import mxnet, numpy, sys; print("mxnet", mxnet.__version__, "numpy", numpy.__version__, "python", sys.version.split()[0])'

"""Runs chapters with bad flags and a broken data folder: each run must end with
a message that names the problem and a status of 1 or 2, never an abort (134).

    python3 bad_runs.py BUILD/chapters
"""
import os
import subprocess
import sys
import tempfile
import unittest

CHAPTERS = sys.argv.pop(1) if len(sys.argv) > 1 else "build/chapters"


def run(name, *args, env=None):
    full_env = dict(os.environ, **(env or {}))
    with tempfile.TemporaryDirectory() as out:
        argv = [os.path.join(CHAPTERS, name), *args]
        if "--out" not in args:
            argv += ["--out", out]
        done = subprocess.run(argv, capture_output=True, text=True, env=full_env,
                              timeout=300)
    return done.returncode, done.stdout + done.stderr


class BadFlags(unittest.TestCase):
    def refused(self, args, message, status=2):
        code, text = run("ndarray", *args)
        self.assertEqual(code, status, text)
        self.assertIn(message, text)
        self.assertNotIn("terminate called", text)

    def test_counts_that_no_run_can_use(self):
        self.refused(["--epochs", "-1"], "--epochs -1: give 1 or more")
        self.refused(["--batch-size", "0"], "--batch-size 0: give 1 or more")
        self.refused(["--num-train", "-1"], "--num-train -1: give 0 (the whole set)")
        self.refused(["--num-test", "-5"], "--num-test -5: give 0 (the whole set)")
        self.refused(["--resize", "-3"], "--resize -3: give 0 (keep the size)")

    def test_a_learning_rate_that_is_not_a_number(self):
        self.refused(["--lr", "nan"], "--lr nan: give a finite number")
        code, text = run("ndarray", "--lr", "abc")
        self.assertNotIn(code, (0, 134), text)
        self.assertIn("--lr", text)

    def test_a_device_that_does_not_exist(self):
        self.refused(["--device", "tpu"], "--device: expected cpu, gpu or gpu:N, got 'tpu'")
        self.refused(["--device", "gpu:99999999999"], "expected cpu, gpu or gpu:N")

    def test_an_output_folder_that_cannot_be_written(self):
        self.refused(["--out", "/proc/d2l-no-such-folder"], "cannot write there")


class BrokenData(unittest.TestCase):
    def test_a_corrupt_data_file_ends_the_run_with_its_message(self):
        with tempfile.TemporaryDirectory() as data:
            for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
                with open(os.path.join(data, name), "wb") as f:
                    f.write(b"not an IDX file")
            code, text = run("fashion_mnist", "--quick", env={"D2L_DATA": data})
        self.assertEqual(code, 1, text)
        self.assertIn("the run stopped in section", text)
        self.assertIn(os.path.join(data, "train-images-idx3-ubyte"), text)  # the file
        self.assertIn("magic number", text)  # what is wrong with it
        self.assertNotIn("terminate called", text)


if __name__ == "__main__":
    unittest.main()

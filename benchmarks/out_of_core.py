"""Claim 10: training on an X several times larger than the memory its worker may use.

X is written to a temporary folder chunk by chunk (``dask.array.to_npy_stack``:
one ``.npy`` file per chunk of columns), never whole in memory, and read back
with ``dask.array.from_npy_stack``, which memory-maps each file when a task
needs its chunk. A ``distributed`` LocalCluster with one worker process, two
threads and a memory limit of LIMIT trains on it for a few iterations; the
worker's resident memory (RSS, file pages it has mapped included) is sampled
every few milliseconds from outside. The operating system may keep the files in
its page cache: that memory belongs to no process, and is given back when
programs need it.
"""

import os
import shutil
import tempfile
import threading
import time

import numpy as np

import logreg_helpers as lh

from .report import Claim, table

LIMIT = 1 << 30  # the worker's memory limit, bytes
CHUNK = 1 << 16  # columns per chunk (52 MB at n_x = 100)
N_X, CHUNKS = 100, 80  # X of 4.2 GB
ITERATIONS = 3
SEED = 10


class PeakRSS:
    """The largest resident memory a process reaches while the ``with`` block runs."""

    def __init__(self, pid, interval=0.005):
        import psutil

        self.process, self.interval, self.peak = psutil.Process(pid), interval, 0
        self._stop = threading.Event()

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(self.interval)

    def __enter__(self):
        self.start = self.process.memory_info().rss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)
        return False


def write_problem(folder, n_x, chunk, chunks):
    """X and Y as one .npy file per chunk of columns, made chunk by chunk; (X, Y) read back."""
    import dask
    import dask.array as da

    def make_X(block_id=None):
        return np.random.default_rng([SEED, block_id[1]]).standard_normal((n_x, chunk))

    shape = ((n_x,), (chunk,) * chunks)
    w_true = np.random.default_rng(SEED).standard_normal((n_x, 1)) / np.sqrt(n_x)
    with dask.config.set(scheduler="threads"):
        da.to_npy_stack(os.path.join(folder, "X"), da.map_blocks(make_X, chunks=shape,
                                                                  dtype=float), axis=1)
        X = da.from_npy_stack(os.path.join(folder, "X"))  # memory-mapped, chunk by chunk

        def make_u(block_id=None):
            return np.random.default_rng([SEED + 1, block_id[1]]).random((1, chunk))

        u = da.map_blocks(make_u, chunks=((1,), shape[1]), dtype=float)
        Y = (u < lh.sigmoid(w_true.T @ X)).astype(float)  # labels drawn from a true model
        da.to_npy_stack(os.path.join(folder, "Y"), Y, axis=1)
    return X, da.from_npy_stack(os.path.join(folder, "Y"))


def run(quick, machine_line):
    from distributed import Client, LocalCluster

    n_x, chunk, chunks = (20, 4096, 8) if quick else (N_X, CHUNK, CHUNKS)
    folder = tempfile.mkdtemp(prefix="logreg-out-of-core-")
    try:
        start = time.perf_counter()
        X, Y = write_problem(folder, n_x, chunk, chunks)
        written = time.perf_counter() - start
        on_disk = sum(os.path.getsize(os.path.join(folder, "X", f))
                      for f in os.listdir(os.path.join(folder, "X")))
        with LocalCluster(n_workers=1, threads_per_worker=2, memory_limit=LIMIT,
                          processes=True, dashboard_address=":0") as cluster, \
                Client(cluster) as client:
            client.run(__import__, "logreg_helpers")  # at rest: the worker has imported us
            (pid,) = client.run(os.getpid).values()
            with PeakRSS(pid) as memory:
                start = time.perf_counter()
                result = lh.train(X, Y, alpha=1.0, iterations=ITERATIONS)
                trained = time.perf_counter() - start
            restarted = list(client.run(os.getpid).values()) != [pid]  # killed for its memory
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    passes = ITERATIONS + 1
    per_pass = trained / passes
    bounded = memory.peak <= LIMIT and not restarted
    falls = bool(np.all(np.diff(result.costs) < 0)) and result.cost < result.costs[-1]
    rows = [
        ("X on disk", f"{on_disk / 1e9:.2f} GB", f"({n_x}, {chunk * chunks:,}) in "
         f"{chunks} files of {n_x * chunk * 8 / 1e6:.1f} MB, written in {written:.1f} s"),
        ("the worker's memory limit", f"{LIMIT / 2**30:.2f} GiB",
         f"X is {on_disk / LIMIT:.1f} times the limit"),
        ("the worker's RSS before training", f"{memory.start / 1e6:.0f} MB", ""),
        ("the worker's RSS at its peak", f"{memory.peak / 1e6:.0f} MB",
         f"{memory.peak / LIMIT:.0%} of the limit; {(memory.peak - memory.start) / 1e6:.0f} MB "
         f"more than before, {(memory.peak - memory.start) / (n_x * chunk * 8):.1f} chunks"),
        (f"{ITERATIONS} iterations ({passes} passes over X)", f"{trained:.1f} s",
         f"{per_pass:.2f} s per pass: {on_disk / 1e9 / per_pass:.2f} GB/s"),
        ("costs", ", ".join(f"{J:.4f}" for J in result.costs) + f" → {result.cost:.4f}",
         "falling at every step" if falls else "NOT falling at every step"),
    ]
    details = "\n".join([
        table(("", "measured", "note"), rows),
        "",
        machine_line,
        "",
        "One step reads each chunk once: its file is mapped, `chunk_sums` reads it, the",
        "mapping is dropped. Two threads hold at most a few chunks at a time, so the worker's",
        "memory stays near its size at rest plus a few chunks, whatever the size of X. The",
        "speed is that of reading the files: from the page cache when they are still there",
        "(just written, and this machine has room), from the disk otherwise.",
    ])
    return Claim(
        name="out of core",
        how=f"`train` for {ITERATIONS} iterations on an X of {on_disk / 1e9:.2f} GB memory-mapped "
        f"from .npy files, one dask worker process with a {LIMIT / 2**30:.0f} GiB memory limit; "
        "its peak RSS sampled every 5 ms",
        measured=f"peak RSS {memory.peak / 1e6:.0f} MB ({memory.peak / LIMIT:.0%} of the limit) "
        f"for X {on_disk / LIMIT:.1f} times the limit; {on_disk / 1e9 / per_pass:.2f} GB/s",
        target="X at least 3 times the limit, peak RSS under the limit, the cost falling",
        met=None if quick else bounded and falls and on_disk >= 3 * LIMIT,
        details=details,
        note="quick mode" if quick else "",
    )

"""Claim 9: on a dask array, one step streams X at a good part of numpy's speed.

One step of ``train`` on a dask array is one pass over the chunks of X
(``chunked.cost_and_gradients``): ``chunk_sums`` on every chunk, then dask's
tree sum. Its speed is given in bytes of X per second, against three others
on the same X, held in memory, timed in alternation in one run:

* one read of X, ``w.T @ X``: the most any pass over X can stream on this machine;
* numpy's step, the cache-blocked kernel ``blocked.cost_and_gradients``;
* the same dask step through an in-process ``distributed`` client (scheduler and
  worker threads in this process): what a cluster adds to each step, in the
  least it can cost.

The dask array cuts X into chunks of CHUNK columns, made once and kept in
memory (``persist``), as a cluster keeps them on its workers. The ratio to numpy is the
price of scheduling on data that would fit in memory anyway; dask pays off
when X does not (claim 10).
"""

import warnings

import dask
import dask.array as da
import numpy as np

import logreg_helpers as lh
from logreg_helpers import chunked
from logreg_helpers.blocked import cost_and_gradients

from .report import Claim, table
from .timing import interleaved, ratio

CHUNK = 1 << 16  # columns per chunk: 52 MB at n_x = 100
TARGET = 0.5  # dask (threads) at least half numpy's bytes per second

READ = "one read of X: `w.T @ X`"
NUMPY = "numpy: one step (`blocked.cost_and_gradients`)"
THREADS = "dask, threads: one step (`chunked.cost_and_gradients`)"
CLIENT = "dask, in-process `distributed` client: one step"


def run(quick, machine_line):
    from distributed import Client

    n_x, m = (100, 40_000) if quick else (100, 1_000_000)
    chunk = 4096 if quick else CHUNK
    rounds = 3 if quick else 7
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_x, m))
    w = rng.standard_normal((n_x, 1)) / np.sqrt(n_x)
    b = 0.1
    Y = (rng.random((1, m)) < lh.sigmoid(w.T @ X + b)).astype(float)
    # the chunks made once and kept in memory (from_array copies each chunk it hands out)
    X_dask = da.from_array(X, chunks=(n_x, chunk)).persist(scheduler="threads")
    Y_dask = da.from_array(Y, chunks=(1, chunk)).persist(scheduler="threads")

    J, dw, db = cost_and_gradients(w, b, X, Y)
    J_dask, dw_dask, db_dask = chunked.cost_and_gradients(w, b, X_dask, Y_dask)
    assert abs(J_dask - J) <= 1e-12 * J and np.allclose(dw_dask, dw, rtol=1e-10, atol=1e-14), (
        "dask's step does not give numpy's numbers")

    def threads():
        with dask.config.set(scheduler="threads"):
            return chunked.cost_and_gradients(w, b, X_dask, Y_dask)

    with Client(processes=False, n_workers=1, threads_per_worker=lh_threads(),
                dashboard_address=":0", set_as_default=False) as client:
        with warnings.catch_warnings():  # the chunks go to the worker once, in this process
            warnings.filterwarnings("ignore", "Sending large graph")
            on_client_data = [client.persist(X_dask), client.persist(Y_dask)]

        def on_client():
            with dask.config.set(scheduler=client.get):
                return chunked.cost_and_gradients(w, b, *on_client_data)

        t = interleaved({READ: lambda: w.T @ X,
                         NUMPY: lambda: cost_and_gradients(w, b, X, Y),
                         THREADS: threads,
                         CLIENT: on_client}, rounds, min_seconds=0.02)
        on_client_data.clear()  # released before the client closes

    gb = X.nbytes / 1e9
    rows = [(name, f"{t[name].best * 1e3:.1f} ms", f"{gb / t[name].best:.2f} GB/s",
             f"{t[READ].best / t[name].best:.2f}", f"{t[NUMPY].best / t[name].best:.2f}")
            for name in t]
    threads_vs_numpy = 1 / ratio(t, THREADS, NUMPY)[0]
    client_vs_numpy = 1 / ratio(t, CLIENT, NUMPY)[0]
    details = "\n".join([
        f"n_x = {n_x}, m = {m:,}: X holds {gb:.2f} GB in memory, in {X_dask.numblocks[1]} "
        f"chunks of {chunk:,} columns ({n_x * chunk * 8 / 1e6:.0f} MB each) for dask. "
        f"{rounds} rounds in alternation; best of each.",
        "",
        table(("what", "time per pass (best)", "bytes of X per second",
               "fraction of one read of X", "fraction of numpy's step"), rows),
        "",
        machine_line,
        "",
        "Every step must read X once; one BLAS read of X is the ceiling. numpy's step reads it",
        "once too, in cache-sized blocks. Dask runs the same blocked kernel on each chunk, on",
        "a thread of its pool, then adds the chunks' n_x + 2 sums in a tree: what it loses is",
        "the scheduling of a few tasks per chunk, and the chunks that run side by side",
        "competing for the memory bus. The distributed client adds the round trips of a",
        "scheduler (here in the same process, so no data is sent anywhere).",
    ])
    return Claim(
        name="dask streams X",
        how=f"bytes of X per second in one step at n_x = {n_x}, m = {m:,} (chunks of "
        f"{chunk:,} columns), dask against numpy's step and one read of X, in one run",
        measured=f"dask {gb / t[THREADS].best:.2f} GB/s on threads "
        f"({threads_vs_numpy:.2f} of numpy's {gb / t[NUMPY].best:.2f} GB/s, "
        f"{t[READ].best / t[THREADS].best:.2f} of one read of X), "
        f"{client_vs_numpy:.2f} of numpy's through a distributed client",
        target=f"dask on threads at least {TARGET} of numpy's bytes per second",
        met=None if quick else threads_vs_numpy >= TARGET,
        details=details,
        note="quick mode" if quick else "",
    )


def lh_threads():
    """As many worker threads as dask's own thread pool uses: one per core."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1

"""chunked.py: the sums over chunks equal the one-pass numpy kernel, and on dask each step
reads every chunk of X once, with a graph of a few tasks per chunk.

The oracle for the sums is scikit-learn's own loss and gradient (as in
test_vectorized.py), multiplied back by m; dask runs on its default threads and
on an in-process ``distributed`` client, which the tests start themselves.
"""

import threading

import array_api_strict as xps
import dask
import dask.array as da
import numpy as np
import pytest
from distributed import Client, get_task_stream
from test_vectorized import random_problem, sklearn_cost_and_gradient

import logreg_helpers as lh
from logreg_helpers import chunked
from logreg_helpers.blocked import BLOCK, sums


@pytest.fixture
def client():
    """An in-process dask cluster: a scheduler and one worker with two threads, no setup."""
    with Client(processes=False, n_workers=1, threads_per_worker=2,
                dashboard_address=":0") as c:
        yield c


def columns(a, width):
    return [a[:, i : i + width] for i in range(0, a.shape[1], width)]


def test_the_chunks_sums_add_up_to_the_gradient_of_all_examples():
    w, b, X, Y = random_problem(4, 3 * BLOCK + 5, seed=1)
    m = X.shape[1]
    parts = [chunked.chunk_sums(w, b, Xc, Yc) for Xc, Yc in zip(columns(X, 5000),
                                                              columns(Y, 5000))]
    total_loss = sum(p[0] for p in parts)
    XdZ = sum(p[1] for p in parts)
    total_dZ = sum(p[2] for p in parts)
    J_ref, dw_ref, db_ref = sklearn_cost_and_gradient(w, b, X, Y)
    assert total_loss / m == pytest.approx(J_ref, rel=1e-12)
    np.testing.assert_allclose(XdZ / m, dw_ref, rtol=1e-12, atol=1e-15)
    assert total_dZ / m == pytest.approx(db_ref, rel=1e-12, abs=1e-15)


def test_a_numpy_chunk_runs_the_blocked_kernel_and_another_library_the_same_formulas():
    w, b, X, Y = random_problem(3, 700, seed=2, scale=3.0)
    ours = chunked.chunk_sums(w, b, X, Y)
    assert ours[0] == sums(w, b, X, Y)[0]  # the very same pass
    strict = chunked.chunk_sums(xps.asarray(w), b, xps.asarray(X), xps.asarray(Y))
    assert isinstance(strict[1], type(xps.asarray(w)))  # dw stays in its library
    assert float(strict[0]) == pytest.approx(ours[0], rel=1e-13)
    np.testing.assert_allclose(np.asarray(strict[1]), ours[1], rtol=1e-12, atol=1e-13)
    assert float(strict[2]) == pytest.approx(ours[2], rel=1e-12, abs=1e-13)


@pytest.mark.parametrize("chunks", [(5, 1000), (2, 999), (5, BLOCK)])
def test_partial_sums_on_dask_equal_the_numpy_sums(chunks):
    w, b, X, Y = random_problem(5, 4321, seed=3)
    X_dask = da.from_array(X, chunks=chunks)  # rows in two chunks when chunks[0] < 5
    Y_dask = da.from_array(Y, chunks=(1, 1500))  # cut unlike X: aligned first
    total = chunked.partial_sums(w, b, X_dask, Y_dask).compute()
    J, XdZ, total_dZ = sums(w, b, X, Y)
    assert total.shape == (5 + 2,)
    assert total[0] == pytest.approx(J, rel=1e-12)
    np.testing.assert_allclose(total[1:-1], XdZ.ravel(), rtol=1e-12, atol=1e-12)
    assert total[-1] == pytest.approx(total_dZ, rel=1e-12, abs=1e-12)


def test_one_step_is_a_few_tasks_per_chunk():
    w, b, X, Y = random_problem(3, 10_000, seed=4)
    for n_chunks in (10, 40):
        width = X.shape[1] // n_chunks
        X_dask = da.from_array(X, chunks=(3, width))
        Y_dask = da.from_array(Y, chunks=(1, width))
        graph = dict(chunked.partial_sums(w, b, X_dask, Y_dask).__dask_graph__())
        ours = [k for k in graph if str(k[0] if isinstance(k, tuple) else k).startswith(
            "chunk_sums_column")]
        assert len(ours) == n_chunks  # one chunk_sums task per chunk
        # loading X and Y (2 per chunk), chunk_sums and dask's sum (2 per chunk), and the tree
        assert len(graph) <= 4 * n_chunks + n_chunks // 2 + 2


class CountingLoader:
    """Makes X chunk by chunk, as a file reader would, and counts the chunks it hands out."""

    def __init__(self, X):
        self.X, self.loads, self.lock = X, 0, threading.Lock()

    def __call__(self, block_info=None):
        start, stop = block_info[None]["array-location"][1]
        with self.lock:
            self.loads += 1
        return self.X[:, start:stop]

    def dask_array(self, width):
        n_x, m = self.X.shape
        return da.map_blocks(self, dtype=float, chunks=((n_x,), tuple(
            min(width, m - s) for s in range(0, m, width))))


def test_train_reads_each_chunk_of_X_once_per_step():
    w, b, X, Y = random_problem(3, 6000, seed=5, scale=0.1)
    loader = CountingLoader(X)
    X_dask = loader.dask_array(1000)
    iterations = 4
    result = lh.train(X_dask, da.from_array(Y, chunks=(1, 1000)), 0.5, iterations)
    # one pass for each cost and gradient: before the first step and after each step;
    # the labels are checked on Y alone, NaN and inf in X by the first pass
    assert loader.loads == 6 * (iterations + 1)
    reference = lh.train(X, Y, 0.5, iterations)
    np.testing.assert_allclose(result.w.compute(), reference.w, rtol=1e-12)


def test_gradients_and_train_on_a_distributed_client_equal_numpy(client):
    w, b, X, Y = random_problem(4, 5000, seed=6, scale=0.3)
    X_dask = da.from_array(X, chunks=(4, 1024)).persist()
    Y_dask = da.from_array(Y, chunks=(1, 1024)).persist()
    J, dw, db = lh.gradients(w, b, X_dask, Y_dask)
    J_ref, dw_ref, db_ref = lh.gradients(w, b, X, Y)
    assert J == pytest.approx(J_ref, rel=1e-12) and db == pytest.approx(db_ref, rel=1e-12)
    np.testing.assert_allclose(dw.compute(), dw_ref, rtol=1e-12)
    with get_task_stream(client) as stream:
        result = lh.train(X_dask, Y_dask, 1.0, 15, w=w, b=b)
    reference = lh.train(X, Y, 1.0, 15, w=w, b=b)
    np.testing.assert_allclose(result.w.compute(), reference.w, rtol=1e-12)
    assert result.b == pytest.approx(reference.b, rel=1e-12)
    np.testing.assert_allclose(result.costs, reference.costs, rtol=1e-12)
    # the client's worker ran the passes: at least one task per chunk of X in each of the 16
    assert len(stream.data) >= 5 * 16
    del X_dask, Y_dask  # release the chunks before the client closes


def test_cost_and_gradients_asks_the_scheduler_once():
    w, b, X, Y = random_problem(3, 3000, seed=7)
    X_dask, Y_dask = da.from_array(X, chunks=(3, 500)), da.from_array(Y, chunks=(1, 500))
    calls = []
    real_get = dask.threaded.get

    def counting_get(*args, **kwargs):
        calls.append(1)
        return real_get(*args, **kwargs)

    with dask.config.set(scheduler=counting_get):
        J, dw, db = chunked.cost_and_gradients(w, b, X_dask, Y_dask)
    assert len(calls) == 1
    assert isinstance(dw, np.ndarray) and isinstance(J, float) and isinstance(db, float)
    J_ref, dw_ref, db_ref = lh.gradients(w, b, X, Y)
    assert J == pytest.approx(J_ref, rel=1e-12)
    np.testing.assert_allclose(dw, dw_ref, rtol=1e-12)


def test_aligned_cuts_Y_like_X_and_keeps_every_row_of_X_in_one_chunk():
    X = da.zeros((6, 100), chunks=(2, 30))
    Y = da.zeros((1, 100), chunks=(1, 25))
    X2, Y2 = chunked.aligned(X, Y)
    assert X2.chunks == ((6,), (30, 30, 30, 10))
    assert Y2.chunks == ((1,), (30, 30, 30, 10))

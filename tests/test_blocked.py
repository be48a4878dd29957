"""blocked.py: the cache-blocked kernel gives the formulas' numbers, block edges included."""

import os
import signal
import tracemalloc

import numpy as np
import pytest

import logreg_helpers as lh
from logreg_helpers import blocked
from logreg_helpers.blocked import (
    BLOCK,
    BLOCKS_PER_THREAD,
    ONE_BLAS_THREAD_AT,
    SPLIT_AT,
    cost_and_gradients,
    gradients_without_cost,
)

# One block, exactly one block, a block and one column, several blocks and a remainder,
# one block of enough numbers to keep the BLAS to one thread, and X large enough to be
# split between threads (where the BLAS has more than one).
THREADED = (SPLIT_AT // (2 * BLOCKS_PER_THREAD * BLOCK) + 1, 2 * BLOCKS_PER_THREAD * BLOCK + 17)
SHAPES = [(1, 1), (4, 37), (3, BLOCK), (3, BLOCK + 1), (2, 3 * BLOCK + 17),
          (ONE_BLAS_THREAD_AT // 1000 + 1, 1000), THREADED]


def random_problem(n_x, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    return rng.normal(size=(n_x, 1)), float(rng.normal()), X, Y


@pytest.mark.parametrize("n_x, m", SHAPES)
def test_kernel_equals_the_lectures_formulas(n_x, m):
    w, b, X, Y = random_problem(n_x, m, seed=n_x + m)
    Z = w.T @ X + b
    A = 1 / (1 + np.exp(-Z))  # the textbook σ: Z stays moderate here, so it is accurate
    J_ref = np.mean(np.maximum(Z, 0) - Y * Z + np.log1p(np.exp(-np.abs(Z))))
    dw_ref, db_ref = X @ (A - Y).T / m, np.mean(A - Y)
    J, dw, db = cost_and_gradients(w, b, X, Y)
    assert type(J) is float and type(db) is float and dw.shape == (n_x, 1)
    assert J == pytest.approx(J_ref, rel=1e-12)
    np.testing.assert_allclose(dw, dw_ref, rtol=1e-11, atol=1e-15)
    assert db == pytest.approx(db_ref, rel=1e-11, abs=1e-15)


@pytest.mark.parametrize("n_x, m", SHAPES)
def test_gradients_without_cost_are_the_same_gradients(n_x, m):
    w, b, X, Y = random_problem(n_x, m, seed=3 * m)
    _, dw, db = cost_and_gradients(w, b, X, Y)
    dw_alone, db_alone = gradients_without_cost(w, b, X, Y)
    np.testing.assert_array_equal(dw_alone, dw)
    assert db_alone == db and type(db_alone) is float


def test_kernel_is_exact_where_sigma_saturates():
    # z = ±800: the textbook σ and loss give 0, 1, inf; the kernel keeps the exact values
    w, b = np.array([[1.0]]), 0.0
    X, Y = np.array([[800.0, -800.0, 800.0]]), np.array([[1.0, 1.0, 0.0]])
    J, dw, db = cost_and_gradients(w, b, X, Y)
    assert J == pytest.approx((0.0 + 800.0 + 800.0) / 3, rel=1e-15)
    # dZ = A - Y = (0, -1, 1)
    assert dw[0, 0] == pytest.approx((0 * 800 + -1 * -800 + 1 * 800) / 3, rel=1e-15)
    assert db == pytest.approx(0.0, abs=1e-300)


def test_kernel_modifies_none_of_its_arguments():
    w, b, X, Y = random_problem(3, BLOCK + 5, seed=1)
    for a in (w, X, Y):
        a.flags.writeable = False  # any write in place would raise
    cost_and_gradients(w, b, X, Y)
    gradients_without_cost(w, b, X, Y)


def test_kernel_allocates_no_copy_of_X():
    n_x, m = 200, 50_000
    w, b, X, Y = random_problem(n_x, m, seed=5)
    lh.gradients(w, b, X, Y)  # the public path, checks included; warms up caches and imports
    tracemalloc.start()
    lh.gradients(w, b, X, Y)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < X.nbytes / 20, f"peak {peak / 1e6:.1f} MB for X of {X.nbytes / 1e6:.0f} MB"
    assert peak < 5 * 8 * m  # fewer than five float vectors of length m


def test_threaded_pass_gives_the_same_result_every_time_and_restores_the_blas():
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    w, b, X, Y = random_problem(*THREADED, seed=8)
    assert blocked._Threads.get().splits(X) or blocked._Threads.get().count == 1
    first = cost_and_gradients(w, b, X, Y)
    for _ in range(3):
        J, dw, db = cost_and_gradients(w, b, X, Y)
        assert J == first[0] and db == first[2]
        np.testing.assert_array_equal(dw, first[1])
    assert blas_threads() == before  # kept to one thread during the pass only


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_forked_child_runs_the_threaded_pass_too():
    """multiprocessing forks its workers on Linux: the parent's pool has no threads there."""
    w, b, X, Y = random_problem(*THREADED, seed=9)
    assert blocked._Threads.get().splits(X) or blocked._Threads.get().count == 1
    J, dw, db = cost_and_gradients(w, b, X, Y)  # the pool now exists in this process
    pid = os.fork()
    if pid == 0:  # the child: the same numbers, or exit 1; killed by the alarm if it hangs
        signal.alarm(20)
        got = cost_and_gradients(w, b, X, Y)
        os._exit(0 if got[0] == J and got[2] == db and np.array_equal(got[1], dw) else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


# Which way a pass goes depends only on X's shape and on how many threads the BLAS has, as
# the module's docstring says. The spies below record the way taken, and the number of
# threads the BLAS had while each block was computed.


def blas_threads():
    from threadpoolctl import threadpool_info

    return min((pool["num_threads"] for pool in threadpool_info()
                if pool["user_api"] == "blas"), default=1)


def threads_with(count):
    """A _Threads that believes the BLAS has ``count`` threads (splits() reads only that)."""
    threads = blocked._Threads.__new__(blocked._Threads)
    threads.count = count
    return threads


@pytest.fixture
def spy(monkeypatch):
    """Records each _block call's BLAS threads, and whether _part and the threads ran."""
    seen = {"blocks": [], "parts": 0, "split": 0}
    block, part, run = blocked._block, blocked._part, blocked._Threads.run

    def spy_block(*args):
        seen["blocks"].append(blas_threads())
        return block(*args)

    def spy_part(*args):
        seen["parts"] += 1
        return part(*args)

    def spy_run(self, *args):
        seen["split"] += 1
        return run(self, *args)

    monkeypatch.setattr(blocked, "_block", spy_block)
    monkeypatch.setattr(blocked, "_part", spy_part)
    monkeypatch.setattr(blocked._Threads, "run", spy_run)
    return seen


@pytest.mark.parametrize("n_x, m, alone", [
    (1, BLOCK, True),  # exactly one block, few numbers: one call, nothing around it
    (ONE_BLAS_THREAD_AT // BLOCK // 2, BLOCK, True),  # half the numbers that need one thread
    (ONE_BLAS_THREAD_AT // BLOCK, BLOCK, False),  # exactly that many: the BLAS kept to one
    (16, ONE_BLAS_THREAD_AT // 16, False),  # as many numbers in fewer columns than rows allow
    (1, BLOCK + 1, False),  # few numbers, but more columns than one block
])
def test_a_small_X_is_one_block_alone_and_a_larger_one_keeps_the_blas_to_one_thread(
        spy, n_x, m, alone):
    w, b, X, Y = random_problem(n_x, m, seed=m)
    cost_and_gradients(w, b, X, Y)
    assert spy["parts"] == (0 if alone else 1) and spy["split"] == 0
    assert len(spy["blocks"]) == -(-m // BLOCK)  # blocks of at most BLOCK columns
    if not alone:
        assert spy["blocks"] == [1] * len(spy["blocks"])


def test_the_threads_split_X_from_SPLIT_AT_numbers_and_enough_blocks_per_thread():
    many = 2 * BLOCKS_PER_THREAD * BLOCK  # columns: enough blocks for two threads
    shape = np.broadcast_to(0.0, (SPLIT_AT // many, many))  # exactly SPLIT_AT numbers
    assert threads_with(2).splits(shape)
    assert not threads_with(1).splits(shape)  # one BLAS thread: nothing to split between
    assert not threads_with(2).splits(np.broadcast_to(0.0, (SPLIT_AT // many - 1, many)))
    assert not threads_with(2).splits(np.broadcast_to(0.0, (SPLIT_AT // 4096, 4096)))
    assert not threads_with(2).splits(np.broadcast_to(0.0, (SPLIT_AT // (many - 1) + 1,
                                                             many - 1)))
    assert not threads_with(2).splits(np.broadcast_to(0.0, (1, 10)))


@pytest.mark.parametrize("limit", [1, 2])
def test_there_are_as_many_threads_as_the_blas_has(limit):
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=limit, user_api="blas"):
        have = blas_threads()
        threads = blocked._Threads()
    assert threads.count == have
    if have == 1:
        assert threads.pool is None  # this thread does all the work
    else:
        assert threads.pool._max_workers == have - 1  # and this thread is the last one
        threads.pool.shutdown()


def test_where_no_blas_is_found_there_is_one_thread(monkeypatch):
    """threadpoolctl finds no BLAS it knows: one thread, no pool."""
    from threadpoolctl import ThreadpoolController

    class Nothing:
        lib_controllers = []

    monkeypatch.setattr(ThreadpoolController, "select", lambda self, **kwargs: Nothing())
    threads = blocked._Threads()
    assert threads.count == 1 and threads.pool is None


def test_the_split_pass_keeps_the_blas_to_one_thread_in_every_part(spy):
    w, b, X, Y = random_problem(*THREADED, seed=10)
    threads = blocked._Threads.get()
    cost_and_gradients(w, b, X, Y)
    assert spy["split"] == (1 if threads.count > 1 else 0)
    assert len(spy["blocks"]) >= THREADED[1] // BLOCK
    assert spy["blocks"] == [1] * len(spy["blocks"])
    assert blas_threads() == threads.count  # and gives the BLAS its threads back


def test_after_forget_the_next_pass_makes_new_threads_that_work():
    """What a forked child does (os.register_at_fork): its parent's pool has no threads."""
    w, b, X, Y = random_problem(*THREADED, seed=11)
    J, dw, db = cost_and_gradients(w, b, X, Y)
    old = blocked._Threads.get()
    blocked._Threads.forget()
    again = cost_and_gradients(w, b, X, Y)
    assert blocked._Threads.get() is not old
    if old.pool is not None:
        old.pool.shutdown()
    assert again[0] == J and again[2] == db and np.array_equal(again[1], dw)

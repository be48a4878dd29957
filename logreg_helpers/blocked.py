"""The fast path: the cost and its gradient in one cache-blocked pass over X.

:func:`logreg_helpers.gradients` and :func:`logreg_helpers.train` run on this
kernel. It computes the same numbers as the lecture's formulas in
``vectorized.py`` (the tests check that), one block Xb of at most ``BLOCK``
columns at a time:

    Z  = wᵀXb + b
    E  = exp(-|Z|)                       in (0, 1]; shared by the loss and σ
    losses = max(Z, 0) - Y Z + log1p(E)  the loss of each example, from the logits
    A  = max(E, [Z ≥ 0]) / (1 + E)       σ(Z): 1/(1+E) where Z ≥ 0, E/(1+E) elsewhere
    dZ = A - Y
    J += Σ losses,  dw += Xb dZᵀ,  db += Σ dZ      (each divided by m at the end)

Why blocks: every intermediate is a vector of one block's length, small enough
to stay in the cache, instead of half a dozen vectors of length m streamed
through memory; and each block of X is read by ``w.T @ Xb`` and again, while it
is still cached, by ``Xb @ dZ.T``. The in-place operators (``+=``, ``out=``)
save a temporary each. ``max(E, [Z ≥ 0])`` picks 1 or E without ``np.where``
(E ≤ 1) and gives the same numbers as ``numerics.sigmoid``. The sums over
blocks equal the sums over all columns up to rounding.

Why threads, and the BLAS kept to one: the element-wise work on a block (the
exponential above all, and the logarithm of the cost) runs on one core. Where
numpy's exponential has no wide vector instructions (AVX2 processors, unlike
AVX-512 ones) it costs as much as reading the block from memory. And a BLAS
product on one block wakes the BLAS's own threads for a few hundred
microseconds of work: on a busy machine each wake-up waits for a core. So

* a large X (``SPLIT_AT`` numbers or more, in many blocks) is split into one
  contiguous part of columns per BLAS thread; each part is run by a thread of
  its own, through its blocks, with the BLAS kept to one thread, and the parts'
  sums are added. Every core then reads X once and does the element-wise work
  of its own part (numpy and the BLAS release the interpreter's lock while they
  compute);
* a smaller X of more than a few blocks' numbers is run block after block, the
  BLAS kept to one thread;
* a small X, one block of fewer than ``ONE_BLAS_THREAD_AT`` numbers (``train``
  on the course's data calls the kernel once per step), is one block with
  nothing else around it: the BLAS does not start threads for so little.

Which way is taken depends only on X's shape and the number of BLAS threads,
so a result does not change from one call to the next.

The functions here take inputs that are already checked (float arrays of the
lecture's shapes, b a float) and check nothing themselves. NaN or inf in X,
or a wᵀX + b beyond the floating-point range, come out as non-finite results
(with numpy's warnings unless the caller silences them).

``sums`` gives the three sums before the division by m: ``chunked.py`` runs it
on each chunk of a dask array and adds the chunks' sums. It stays on one thread:
there Dask already runs one chunk per core.
"""

import os

import numpy as np

# Columns per block. 8,192 columns keep a block's vectors (64 KB each) in the L2
# cache and spread numpy's fixed cost per call over many columns; at n_x = 100 a
# block of X (6.5 MB) stays in the cache between its two BLAS products.
BLOCK = 8192
# X is split between threads from SPLIT_AT numbers (8 MB) and this many blocks per
# thread on: below, the threads' start costs more than it saves.
BLOCKS_PER_THREAD = 4
SPLIT_AT = 1 << 20
# From this many numbers on, the BLAS is kept to one thread (about 7 µs per call).
ONE_BLAS_THREAD_AT = 1 << 16
_sum = np.add.reduce


def _block(w, b, Xb, Yb, with_cost):
    """One block's sums: (Σ losses or 0.0, Xb dZᵀ, Σ dZ).

    ``np.add.reduce`` sums as ``.sum()`` does with less overhead per call, which counts
    where a block is small (``train`` on m = 200 calls this a thousand times). The
    products stay ``@``: ``np.dot`` would copy a block that is a view into X.
    """
    Z = w.T @ Xb
    Z += b
    E = np.abs(Z)
    np.exp(np.negative(E, out=E), out=E)  # E = exp(-|Z|)
    loss = 0.0
    if with_cost:
        losses = np.maximum(Z, 0.0)
        losses -= Yb * Z
        losses += np.log1p(E)
        loss = _sum(losses, axis=None)
    A = np.maximum(E, Z >= 0)  # the numerator of σ(Z): 1 where Z >= 0, else E
    E += 1.0  # the denominator, 1 + E, in place
    A /= E  # A = σ(Z)
    dZ = A  # A is not needed again: its buffer becomes dZ
    dZ -= Yb  # dZ = A - Y
    return loss, Xb @ dZ.T, _sum(dZ, axis=None)


def _part(w, b, X, Y, with_cost, start, stop):
    """The sums over the columns start:stop, block by block."""
    loss, dw, db = 0.0, np.zeros((X.shape[0], 1)), 0.0
    for first in range(start, stop, BLOCK):
        last = min(first + BLOCK, stop)
        block_loss, block_dw, block_db = _block(w, b, X[:, first:last], Y[:, first:last],
                                                with_cost)
        loss += block_loss
        dw += block_dw
        db += block_db
    return loss, dw, db


class _Threads:
    """The BLAS's threads, a pool of as many of our own, and a way to keep the BLAS to one.

    Made on the first call that is not small: threadpoolctl (installed with
    scikit-learn) takes a few milliseconds to find the BLAS numpy uses.
    """

    _made = None

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import ThreadpoolController

        self.controller = ThreadpoolController()
        blas = self.controller.select(user_api="blas").lib_controllers
        self.count = max(1, min((c.num_threads for c in blas), default=1))
        self.pool = ThreadPoolExecutor(self.count - 1) if self.count > 1 else None

    @classmethod
    def get(cls):
        if cls._made is None:
            cls._made = cls()
        return cls._made

    def one_blas_thread(self):
        return self.controller.limit(limits=1, user_api="blas")

    @classmethod
    def forget(cls):
        """In a forked child: the parent's pool has no threads there, so make a new one."""
        cls._made = None

    def splits(self, X):
        """Whether X is large enough to be split between threads."""
        n_x, m = X.shape
        return self.count > 1 and n_x * m >= SPLIT_AT and m >= 2 * BLOCKS_PER_THREAD * BLOCK

    def run(self, w, b, X, Y, with_cost):
        """The sums over all of X, one contiguous part of the columns per thread."""
        m = X.shape[1]
        edges = [m * i // self.count for i in range(self.count + 1)]
        with self.one_blas_thread():
            others = [self.pool.submit(_part, w, b, X, Y, with_cost, edges[i], edges[i + 1])
                      for i in range(1, self.count)]
            parts = [_part(w, b, X, Y, with_cost, edges[0], edges[1])]
            parts += [other.result() for other in others]
        loss, dw, db = (sum(values) for values in zip(*parts))
        return loss, dw, db


if hasattr(os, "register_at_fork"):  # multiprocessing forks its workers on Linux
    os.register_at_fork(after_in_child=_Threads.forget)


def _blocked_pass(w, b, X, Y, with_cost):
    n_x, m = X.shape
    if m <= BLOCK and n_x * m < ONE_BLAS_THREAD_AT:  # every microsecond is a call here
        loss, dw, db = _block(w, b, X, Y, with_cost)
    elif (threads := _Threads.get()).splits(X):
        loss, dw, db = threads.run(w, b, X, Y, with_cost)
    else:
        with threads.one_blas_thread():
            loss, dw, db = _part(w, b, X, Y, with_cost, 0, m)
    return loss, dw, db


def cost_and_gradients(w, b, X, Y):
    """(J, dw, db) in one blocked pass over X, without any n_x-by-m temporary.

    Parameters
    ----------
    w : ndarray of float, shape (n_x, 1)
    b : float
    X : ndarray of float, shape (n_x, m)
    Y : ndarray of float, shape (1, m), 0 or 1

    Returns
    -------
    J : float
    dw : ndarray, shape (n_x, 1)
    db : float
    """
    m = X.shape[1]
    J, dw, db = _blocked_pass(w, b, X, Y, with_cost=True)
    return float(J / m), dw / m, float(db / m)


def gradients_without_cost(w, b, X, Y):
    """(dw, db) alone: the same pass as :func:`cost_and_gradients` with the loss left out.

    The benchmarks time it to show what the loss adds to a step.
    """
    m = X.shape[1]
    _, dw, db = _blocked_pass(w, b, X, Y, with_cost=False)
    return dw / m, float(db / m)


def sums(w, b, X, Y):
    """(Σ L, X dZᵀ, Σ dZ): the sums of :func:`cost_and_gradients`, before dividing by m.

    Sums, not means, add up across chunks of examples: the sums of two chunks
    are the sums of the two together.

    Returns
    -------
    total_loss : float
    XdZ : ndarray, shape (n_x, 1)
    total_dZ : float
    """
    total_loss, XdZ, total_dZ = _part(w, b, X, Y, True, 0, X.shape[1])
    return float(total_loss), XdZ, float(total_dZ)

"""The gradient as a sum over chunks of examples: one pass over X, on any array library.

The cost and its gradient are sums over the examples, divided by m. Cut the m
columns of X into chunks X_c (with their labels Y_c) and each sum splits into
one partial sum per chunk:

    J  = (1/m) Σ_c Σ L(a, y)      dw = (1/m) Σ_c X_c dZ_cᵀ      db = (1/m) Σ_c Σ dZ_c

``chunk_sums`` computes the three partial sums of one chunk in one pass over
it (the "map"); adding them up is the "reduce". Chu et al. call this the
summation form ("Map-Reduce for Machine Learning on Multicore", NIPS 2006): it
lets the chunks live on different cores, machines or devices.

On a dask array, ``partial_sums`` lays out one step as a dask graph:
``map_blocks`` runs ``chunk_sums`` on every chunk, wherever dask keeps or loads
it, and packs its sums into one column [Σ L; X_c dZ_cᵀ; Σ dZ_c]; dask's ``sum``
then adds the columns in a tree. Each chunk of X is read once per step, and
the graph has a few tasks per chunk, whatever m. The same code runs on the
threads of this machine or on a cluster: dask's scheduler decides, and
``cost_and_gradients`` only asks it for n_x + 2 numbers.

On a numpy chunk, ``chunk_sums`` is the cache-blocked pass of ``blocked.py``.
On an array of another library that follows the Python array API standard
(array-api-strict, CuPy, PyTorch, ...) it is the same formulas, written with
that library's functions (``xp``), and the whole array is one chunk.

The functions here take inputs that are already checked, like ``blocked.py``.
"""

import numpy as np

from .blocked import sums
from .validation import array_namespace, compute, is_lazy


def chunk_sums(w, b, Xc, Yc):
    """(Σ L, X_c dZ_cᵀ, Σ dZ_c) over the examples of one chunk: sums, not means.

    Parameters
    ----------
    w : array, shape (n_x, 1)
    b : float
    Xc : array, shape (n_x, m_c)
        Some columns of X, in any array library.
    Yc : array, shape (1, m_c)
        Their labels, in the library of Xc.

    Returns
    -------
    total_loss : float, or a 0-d array of Xc's library
    XdZ : array of Xc's library, shape (n_x, 1)
    total_dZ : float, or a 0-d array of Xc's library
    """
    if isinstance(Xc, np.ndarray):
        return sums(w, b, Xc, Yc)  # the cache-blocked numpy pass
    xp = array_namespace(Xc=Xc)
    Z = w.T @ Xc + b  # Z = wᵀX + b
    E = xp.exp(-xp.abs(Z))  # E = exp(-|Z|), shared by the loss and σ
    losses = xp.maximum(Z, 0.0) - Yc * Z + xp.log1p(E)  # L from the logits
    A = xp.where(Z >= 0, 1.0, E) / (1.0 + E)  # A = σ(Z)
    dZ = A - Yc  # dZ = A - Y
    return xp.sum(losses), Xc @ dZ.T, xp.sum(dZ)


def chunk_sums_column(Xc, Yc, w, b):
    """chunk_sums of one dask chunk as one column [Σ L; X_c dZ_cᵀ; Σ dZ_c], for dask to add."""
    with np.errstate(all="ignore"):  # a NaN or inf shows in the sums; the caller says where
        total_loss, XdZ, total_dZ = chunk_sums(w, b, Xc, Yc)
    return np.concatenate([[[total_loss]], XdZ, [[total_dZ]]])


def aligned(X, Y):
    """X and Y of dask cut alike: all rows of X in each chunk, Y's columns cut as X's."""
    if X.numblocks[0] > 1:
        X = X.rechunk({0: -1})
    if Y.chunks[1] != X.chunks[1]:
        Y = Y.rechunk({0: -1, 1: X.chunks[1]})
    return X, Y


def partial_sums(w, b, X, Y):
    """One step's graph on dask arrays: the vector [Σ L; X dZᵀ; Σ dZ] of length n_x + 2, lazy.

    ``w`` is a small numpy array (or a dask one, computed first); X and Y are
    dask arrays. Nothing runs until the result is computed; then each chunk of
    X is read once.
    """
    if is_lazy(w):
        w = np.asarray(compute(w)[0])
    X, Y = aligned(X, Y)
    n_x, chunks = X.shape[0], X.numblocks[1]
    columns = X.map_blocks(chunk_sums_column, Y, w=np.asarray(w), b=float(b), dtype=X.dtype,
                           chunks=((n_x + 2,), (1,) * chunks))
    return columns.sum(axis=1)  # dask adds the chunks' columns in a tree


def cost_and_gradients(w, b, X, Y):
    """(J, dw, db) by the sum over chunks, for arrays of any library but numpy.

    On dask: one pass over X, computed by dask's scheduler (threads, processes
    or a cluster); ``dw`` comes back as a numpy array. On another library:
    ``chunk_sums`` over the whole array, ``dw`` in that library.
    Numpy arrays take ``blocked.cost_and_gradients`` instead, the fast path.

    Returns
    -------
    J : float
    dw : array, shape (n_x, 1)
    db : float
    """
    m = X.shape[1]
    if is_lazy(X):
        total = np.asarray(compute(partial_sums(w, b, X, Y))[0])
        return float(total[0] / m), total[1:-1].reshape(-1, 1) / m, float(total[-1] / m)
    total_loss, XdZ, total_dZ = chunk_sums(w, b, X, Y)
    return float(total_loss) / m, XdZ / m, float(total_dZ) / m

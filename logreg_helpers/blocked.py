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

The functions here take inputs that are already checked (float arrays of the
lecture's shapes, b a float) and check nothing themselves. NaN or inf in X,
or a wᵀX + b beyond the floating-point range, come out as non-finite results
(with numpy's warnings unless the caller silences them).
"""

import numpy as np

# Columns per block. 8,192 columns keep a block's vectors (64 KB each) in the L2
# cache and spread numpy's fixed cost per call over many columns; at n_x = 100 a
# block of X (6.5 MB) stays in the L3 cache between its two BLAS products and is
# big enough for OpenBLAS to use every core (below about half a million entries it
# runs a matrix-vector product on one thread).
BLOCK = 8192


def _blocked_pass(w, b, X, Y, with_cost):
    n_x, m = X.shape
    total_loss = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for start in range(0, m, BLOCK):
        Xb = X[:, start : start + BLOCK]
        Yb = Y[:, start : start + BLOCK]
        Z = w.T @ Xb
        Z += b
        E = np.abs(Z)
        np.exp(np.negative(E, out=E), out=E)  # E = exp(-|Z|)
        if with_cost:
            losses = np.maximum(Z, 0.0)
            losses -= Yb * Z
            losses += np.log1p(E)
            total_loss += losses.sum()
        A = np.maximum(E, Z >= 0)  # the numerator of σ(Z): 1 where Z >= 0, else E
        E += 1.0  # the denominator, 1 + E, in place
        A /= E  # A = σ(Z)
        dZ = A  # A is not needed again: its buffer becomes dZ
        dZ -= Yb  # dZ = A - Y
        dw += Xb @ dZ.T
        db += dZ.sum()
    return total_loss / m, dw / m, db / m


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
    J, dw, db = _blocked_pass(w, b, X, Y, with_cost=True)
    return float(J), dw, float(db)


def gradients_without_cost(w, b, X, Y):
    """(dw, db) alone: the same pass as :func:`cost_and_gradients` with the loss left out.

    The benchmarks time it to show what the loss adds to a step.
    """
    _, dw, db = _blocked_pass(w, b, X, Y, with_cost=False)
    return dw, float(db)

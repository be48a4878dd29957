"""Numerically sound building blocks: sigmoid, the loss from logits, the largest safe step.

The textbook formulas overflow or lose all their digits once ``z`` is large:

* ``1 / (1 + np.exp(-z))`` overflows (with a warning) for ``z < -709``;
* ``-(y log a + (1 - y) log(1 - a))`` returns ``nan`` or ``inf`` as soon as
  ``a`` rounds to exactly 1 or 0: 1 for ``z > 37`` (``1 + exp(-z)`` rounds
  to 1), 0 only far out, below about ``z = -709``.

The forms below are algebraically equal and exact for every finite ``z``. Both
start from ``e = exp(-|z|)``, which lies in (0, 1] and never overflows.
"""

import numpy as np

from .validation import as_float_array, check_finite, check_labels, check_X


def _scalar_or_array(result):
    """Plain Python float for a scalar input, an ndarray otherwise."""
    return float(result) if result.ndim == 0 else result


def _sigmoid_from_exp(z, e):
    # sigma(z) = 1 / (1 + exp(-z))        when z >= 0 (then e = exp(-z))
    #          = exp(z) / (1 + exp(z))    when z < 0  (then e = exp(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def _loss_from_exp(z, y, e):
    # L = -(y log a + (1 - y) log(1 - a)) with a = sigma(z), rewritten without a:
    # L = max(z, 0) - y z + log(1 + exp(-|z|))
    return np.maximum(z, 0.0) - y * z + np.log1p(e)


def _check_one_label_per_logit(z_shape, y_shape):
    try:
        shape = np.broadcast_shapes(z_shape, y_shape)
    except ValueError:
        shape = None
    if shape not in (z_shape, y_shape):  # neither is a single value repeated for the other
        pairs = "they do not fit together" if shape is None else (
            f"together they would broadcast to {shape}, a loss for every pair")
        raise ValueError(
            f"z has shape {z_shape} and y has shape {y_shape}: {pairs}. "
            "Give them the same shape, one label per logit."
        )


def sigmoid(z):
    """a = σ(z) = 1 / (1 + exp(-z)), elementwise.

    Parameters
    ----------
    z : float or array_like
        Any finite values.

    Returns
    -------
    float or ndarray
        Same shape as ``z``; a Python float when ``z`` is a scalar. Exact to
        rounding for every finite ``z`` and never warns: ``sigmoid(-1000)``
        is 0.0 and ``sigmoid(1000)`` is 1.0, the nearest doubles.
    """
    z = as_float_array(z, "z")
    return _scalar_or_array(_sigmoid_from_exp(z, np.exp(-np.abs(z))))


def loss(z, y):
    """L(a, y) = -(y log a + (1 - y) log(1 - a)) with a = σ(z), from the logit z.

    Computed as ``max(z, 0) - y z + log1p(exp(-|z|))``, which is the same
    number but stays exact where ``a`` rounds to 0 or 1.

    Parameters
    ----------
    z : float or array_like
        Logits, any finite values.
    y : float or array_like
        Labels 0 or 1: one per logit (the shape of ``z``), or a single label for all.

    Returns
    -------
    float or ndarray
        The loss of each example; a Python float for scalar inputs.
    """
    z = as_float_array(z, "z")
    y = check_labels(y, "y")
    if np.ndim(y) and z.shape != y.shape:
        _check_one_label_per_logit(z.shape, y.shape)
    return _scalar_or_array(_loss_from_exp(z, y, np.exp(-np.abs(z))))


def naive_sigmoid(z):
    """σ(z) = 1 / (1 + exp(-z)) as written on the board. Overflows for z < -709."""
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def naive_loss(a, y):
    """L(a, y) = -(y log a + (1 - y) log(1 - a)) as written on the board.

    Returns nan or inf when ``a`` is exactly 0 or 1. Kept so the notebooks can
    show what goes wrong; the helpers never use it.
    """
    a = np.asarray(a, dtype=float)
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def largest_safe_alpha(X):
    """2 / β, the largest learning rate the theory guarantees to converge.

    β, the curvature bound, is λmax(Xₐ Xₐᵀ) / (4m): no second derivative of J
    in any direction exceeds it. Xₐ is X with a row of ones appended (the ones
    multiply b) and 1/4 is the largest value of σ'(z) = a(1 - a). Any alpha
    below 2/β makes the cost fall at every step; above it the cost may
    zig-zag or blow up, depending on the data.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)

    Returns
    -------
    float
    """
    X = check_X(X)
    check_finite(X)
    n_x, m = X.shape
    row_sums = X.sum(axis=1)
    XaXaT = np.empty((n_x + 1, n_x + 1))  # [[X Xᵀ, X 1], [1ᵀ Xᵀ, m]] without copying X
    XaXaT[:n_x, :n_x] = X @ X.T
    XaXaT[:n_x, n_x] = XaXaT[n_x, :n_x] = row_sums
    XaXaT[n_x, n_x] = m
    beta = np.linalg.eigvalsh(XaXaT)[-1] / (4 * m)  # β, the curvature bound
    return float(2 / beta)

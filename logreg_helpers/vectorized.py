"""The vectorized form: all m examples at once, with no loop over examples.

Shapes (the lecture's convention): X is (n_x, m), one example per column;
Y is (1, m); w is (n_x, 1); b is a float; Z, A and dZ are (1, m).

    Z  = wᵀX + b          forward
    A  = σ(Z)
    J  = (1/m) Σ L(a, y)  cost
    dZ = A - Y            backward
    dw = X dZᵀ / m
    db = mean(dZ)
    w := w - α dw         update
    b := b - α db
"""

import warnings
from dataclasses import dataclass

import numpy as np

from .numerics import loss, loss_and_dz, sigmoid
from .validation import (
    check_alpha,
    check_b,
    check_finite,
    check_iterations,
    check_w,
    check_X,
    check_X_w,
    check_X_Y,
    check_Y,
    explain_nonfinite,
)


class DivergenceWarning(UserWarning):
    """Gradient descent stopped because the cost rose: the learning rate is too large."""


def forward(w, b, X):
    """Z = wᵀX + b and A = σ(Z).

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)

    Returns
    -------
    Z, A : ndarray, shape (1, m)
    """
    X, w = check_X_w(X, w)
    b = check_b(b)
    Z = w.T @ X + b
    if not np.isfinite(Z).all():  # cheaper than scanning X; NaN and inf in X show up here
        explain_nonfinite(X)
    A = sigmoid(Z)
    return Z, A


def cost(Z, Y):
    """J = (1/m) Σ L(a, y), computed from the logits Z (never from A).

    Parameters
    ----------
    Z : ndarray, shape (1, m)
        The logits wᵀX + b.
    Y : ndarray, shape (1, m)
        Labels 0 or 1.

    Returns
    -------
    float
        Exact for any finite Z, even where σ(Z) rounds to 0 or 1.
    """
    Z = check_X(Z, "Z")
    Y = check_Y(Y, Z.shape[1])
    explain_nonfinite(Z, "Z")
    return float(np.mean(loss(Z, Y)))


def backward(X, A, Y):
    """dZ = A - Y, dw = X dZᵀ / m and db = mean(dZ).

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    A : ndarray, shape (1, m)
    Y : ndarray, shape (1, m)

    Returns
    -------
    dw : ndarray, shape (n_x, 1)
    db : float
    """
    X, Y = check_X_Y(X, Y)
    A = check_X(A, "A")
    if A.shape != Y.shape:
        raise ValueError(f"A should have the shape of Y, {Y.shape}, but it has shape {A.shape}.")
    m = X.shape[1]
    dZ = A - Y
    dw = X @ dZ.T / m
    db = float(np.mean(dZ))
    return dw, db


def update(w, b, dw, db, alpha):
    """One gradient-descent step: w - α dw and b - α db, as new values.

    Returns
    -------
    w : ndarray, shape (n_x, 1)
    b : float
    """
    w = check_w(w, np.shape(w)[0] if np.ndim(w) else 0)
    dw = check_w(dw, w.shape[0], "dw")
    alpha = check_alpha(alpha)
    return w - alpha * dw, check_b(b) - alpha * check_b(db, "db")


# Columns per block in _gradients. 4,096 columns keep the (1, block) temporaries
# in the L2 cache and each X block is read once by each of the two BLAS calls.
BLOCK = 4096


def _gradients(w, b, X, Y):
    """The vectorized gradients on checked inputs, X processed in blocks of columns.

    The same formulas as forward, cost and backward (Z = wᵀX + b, L from the
    logits, dZ = A - Y, dw = X dZᵀ / m, db = mean(dZ)), fused so that the loss
    and A share one exp, and blocked so that no temporary is larger than
    BLOCK columns: for large m this keeps every (1, m)-sized intermediate in
    cache instead of streaming it through memory half a dozen times. The sums
    over blocks are the sums over all columns; the tests check the result
    equal to the formula path.
    """
    n_x, m = X.shape
    total_loss = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for start in range(0, m, BLOCK):
        Xb = X[:, start : start + BLOCK]
        Z = w.T @ Xb + b
        L, dZ = loss_and_dz(Z, Y[:, start : start + BLOCK])
        total_loss += L.sum()
        dw += Xb @ dZ.T
        db += dZ.sum()
    return float(total_loss / m), dw / m, float(db / m)


def gradients(w, b, X, Y):
    """The cost and its gradient, vectorized: (J, dw, db).

    Same numbers as ``cost(forward(...)[0], Y)`` and ``backward(X, A, Y)``,
    computed without any n_x-by-m temporary (see ``_gradients``).

    Returns
    -------
    J : float
    dw : ndarray, shape (n_x, 1)
    db : float
    """
    X, w = check_X_w(X, w)
    X, Y = check_X_Y(X, Y)
    b = check_b(b)
    with np.errstate(all="ignore"):  # NaN or inf in X is reported below, in words
        J, dw, db = _gradients(w, b, X, Y)
    if not (np.isfinite(J) and np.isfinite(dw).all()):
        explain_nonfinite(X)
        raise ValueError(
            "The cost overflowed although X is finite: w and b are so large that wᵀX + b "
            "is beyond the range of floating-point numbers. Start from smaller weights."
        )
    return J, dw, db


@dataclass(frozen=True)
class TrainResult:
    """What ``train`` returns.

    Attributes
    ----------
    w : ndarray, shape (n_x, 1)
        The weights after the last accepted step.
    b : float
    costs : ndarray, shape (steps + 1,) or (steps,)
        ``costs[i]`` is J before update i. When the run diverged, the last
        entry is the cost that rose and made it stop.
    cost : float
        J at the returned w and b.
    diverged : bool
    message : str
        A sentence on how the run ended, for printing.
    """

    w: np.ndarray
    b: float
    costs: np.ndarray
    cost: float
    diverged: bool
    message: str



def train(X, Y, alpha, iterations, w=None, b=0.0):
    """Gradient descent: repeat ``iterations`` times w := w - α dw, b := b - α db.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    alpha : float
        The learning rate, > 0.
    iterations : int
        How many steps, >= 0.
    w : ndarray, shape (n_x, 1), optional
        Where to start; zeros when omitted.
    b : float

    Returns
    -------
    TrainResult
        With ``.w``, ``.b``, ``.costs`` (costs[i] is J before update i),
        ``.diverged`` and ``.message``.

    Notes
    -----
    A good learning rate never makes the cost rise above where it started.
    If it does (or becomes non-finite), the run has diverged: ``train``
    stops, keeps the parameters from before that step, and issues a
    ``DivergenceWarning`` instead of raising, so a notebook or a widget
    carries on.
    """
    X = check_X(X)
    if w is None:
        w = np.zeros((X.shape[0], 1))
    X, w = check_X_w(X, w)
    X, Y = check_X_Y(X, Y)
    b = check_b(b)
    alpha = check_alpha(alpha)
    iterations = check_iterations(iterations)

    check_finite(X)

    costs = []
    w_prev, b_prev = w, b
    # A far too large alpha can overflow wᵀX or α dw; that is caught below and explained in words.
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(iterations):
            J, dw, db = _gradients(w, b, X, Y)
            costs.append(J if np.isfinite(J) else float("inf"))  # wᵀX overflowed: J blew up
            if costs[-1] > costs[0] * (1 + 1e-9) + 1e-12:
                return _diverged(i, costs, alpha, w_prev, b_prev)
            w_prev, b_prev = w, b
            w, b = w - alpha * dw, b - alpha * db
            if not (np.isfinite(w).all() and np.isfinite(b)):  # the step itself overflowed
                costs.append(float("inf"))
                return _diverged(i + 1, costs, alpha, w_prev, b_prev)
    J = float(np.mean(loss(w.T @ X + b, Y)))
    message = f"Finished {iterations} iterations with alpha = {alpha:g}: J = {J:.6f}."
    return TrainResult(w, b, np.array(costs), J, False, message)


def _diverged(i, costs, alpha, w, b):
    """Stop a diverging run: warn in words and return the last good parameters."""
    message = (
        f"Diverged at iteration {i}: the cost rose from {costs[0]:.4g} to {costs[-1]:.4g}. "
        f"The learning rate alpha = {alpha:g} is too large; try a smaller one. "
        f"Returning the parameters from iteration {i - 1}."
    )
    # warn_explicit names the function, not a file path that differs between machines
    warnings.warn_explicit(message, DivergenceWarning, filename="logreg_helpers.train", lineno=i)
    return TrainResult(w, b, np.array(costs), costs[-2], True, message)


def predict(w, b, X):
    """ŷ = 1 where σ(wᵀX + b) > 0.5, else 0, i.e. where wᵀX + b > 0.

    Returns
    -------
    ndarray of int, shape (1, m)
    """
    Z, _ = forward(w, b, X)
    return (Z > 0).astype(int)

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

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .numerics import loss, sigmoid
from .validation import (
    check_alpha,
    check_b,
    check_finite,
    check_iterations,
    check_threshold,
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


# Columns per block in _gradients. 8,192 columns keep a block's vectors (64 KB
# each) in the L2 cache and spread numpy's fixed cost per call over many
# columns; at n_x = 100 a block of X (6.5 MB) stays in the L3 cache between its
# two BLAS products and is big enough for OpenBLAS to use every core (below
# about half a million entries it runs a matrix-vector product on one thread).
BLOCK = 8192


def _gradients(w, b, X, Y, with_cost=True):
    """The vectorized gradients on checked inputs, X processed in blocks of columns.

    The formulas of forward, cost and backward, one block Xb of at most
    BLOCK columns at a time:

        Z  = wᵀXb + b
        E  = exp(-|Z|)                       in (0, 1]; shared by L and σ
        L  = max(Z, 0) - Y Z + log1p(E)      the loss from the logits
        A  = max(E, [Z ≥ 0]) / (1 + E)       σ(Z): 1/(1+E) where Z ≥ 0, E/(1+E) elsewhere
        dZ = A - Y
        J += Σ L,  dw += Xb dZᵀ,  db += Σ dZ      (each divided by m at the end)

    Why blocks: every intermediate is a vector of one block's length, small
    enough to stay in the cache, instead of half a dozen vectors of length m
    streamed through memory; and each block of X is read by ``w.T @ Xb`` and
    again, while it is still cached, by ``Xb @ dZ.T``. The in-place operators
    (``+=``, ``out=``) save a temporary each. ``max(E, [Z ≥ 0])`` picks 1 or
    E without ``np.where`` (E ≤ 1) and gives the same numbers as the sigmoid
    in ``numerics``. The sums over blocks equal the sums over all columns up
    to rounding; the tests check the result equal to the formula path.

    ``with_cost=False`` skips the loss and returns None for J: the benchmarks
    time the gradient alone with it.
    """
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
            L = np.maximum(Z, 0.0)
            L -= Yb * Z
            L += np.log1p(E)
            total_loss += L.sum()
        dZ = np.maximum(E, Z >= 0)  # the numerator of σ(Z): 1 where Z >= 0, else E
        E += 1.0
        dZ /= E  # now A = σ(Z)
        dZ -= Yb  # now dZ = A - Y
        dw += Xb @ dZ.T
        db += dZ.sum()
    J = float(total_loss / m) if with_cost else None
    return J, dw / m, float(db / m)


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
    """What ``train`` returns; it unpacks as ``w, b, costs = train(...)``.

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

    def __iter__(self):
        """w, b, costs: the three values the lecture's training function returns."""
        return iter((self.w, self.b, self.costs))


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
        ``.cost``, ``.diverged`` and ``.message``. It unpacks as
        ``w, b, costs = train(X, Y, alpha, iterations)``.

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


def predict(w, b, X, threshold=0.5):
    """ŷ = 1 where σ(wᵀX + b) > threshold, else 0.

    Computed as wᵀX + b > log(t / (1 - t)), the same condition without rounding
    σ near 0 or 1; for the default t = 1/2 that is wᵀX + b > 0.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    threshold : float
        A probability strictly between 0 and 1.

    Returns
    -------
    ndarray of int, shape (1, m)
        0 or 1 for each example.
    """
    threshold = check_threshold(threshold)
    Z, _ = forward(w, b, X)
    return (Z > math.log(threshold / (1 - threshold))).astype(int)

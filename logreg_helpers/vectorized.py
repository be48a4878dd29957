"""The vectorized form: all m examples at once, with no loop over examples.

Shapes (the lecture's convention): X is (n_x, m), one example per column;
Y is (1, m); w is (n_x, 1); b is a float; Z, A and dZ are (1, m).

    forward                      backward (the same rules, differentiated)
    Z = wᵀX + b                  dw = X dZᵀ / m,  db = mean(dZ)
    A = σ(Z)                     dZ = A - Y    (dL/dA times σ'(Z) = A(1 - A))
    J = (1/m) Σ L(a, y)          (J is where the backward pass starts)

    update:  w := w - α dw,  b := b - α db

``gradients`` computes J, dw and db together; it runs the cache-blocked kernel
of ``blocked.py``, which gives the same numbers with less memory traffic.
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .blocked import cost_and_gradients
from .numerics import loss, sigmoid
from .validation import (
    check_alpha,
    check_b,
    check_finite,
    check_inputs,
    check_iterations,
    check_row,
    check_threshold,
    check_w,
    check_Y,
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
    X, w, _ = check_inputs(X, w)
    b = check_b(b)
    Z = w.T @ X + b  # Z = wᵀX + b      backward: dw = X dZᵀ / m, db = mean(dZ)
    check_finite(X, result=Z)  # a NaN or inf in X shows up in Z
    A = sigmoid(Z)  # A = σ(Z)          backward: dZ = A - Y, with the loss below
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
    Z = check_row(Z, "Z")
    Y = check_Y(Y, Z.shape[1])
    check_finite(Z, "Z")
    return float(np.mean(loss(Z, Y)))  # J = (1/m) Σ L(a, y)


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
    X, _, Y = check_inputs(X, Y=Y)
    m = X.shape[1]
    A = check_row(A, "A", m)
    check_finite(A, "A")
    dZ = A - Y  # dL/dZ = dL/dA · σ'(Z) = (-Y/A + (1 - Y)/(1 - A)) · A(1 - A) = A - Y
    dw = X @ dZ.T / m  # dJ/dw: Z = wᵀX + b has ∂z/∂w = x, averaged over the examples
    check_finite(X, result=dw)  # a NaN or inf in X shows up in dw
    db = float(np.mean(dZ))  # dJ/db: ∂z/∂b = 1
    return dw, db


def update(w, b, dw, db, alpha):
    """One gradient-descent step: w - α dw and b - α db, as new values.

    Returns
    -------
    w : ndarray, shape (n_x, 1)
    b : float
    """
    w = check_w(w)
    dw = check_w(dw, w.shape[0], "dw")
    b, db = check_b(b), check_b(db, "db")
    alpha = check_alpha(alpha)
    return w - alpha * dw, b - alpha * db  # w := w - α dw,  b := b - α db


def gradients(w, b, X, Y):
    """The cost and its gradient, vectorized: (J, dw, db).

    The same numbers as ``cost(forward(w, b, X)[0], Y)`` and ``backward(X, A, Y)``,
    computed in one cache-blocked pass over X (see ``blocked.py``).

    Returns
    -------
    J : float
    dw : ndarray, shape (n_x, 1)
    db : float
    """
    X, w, Y = check_inputs(X, w, Y)
    b = check_b(b)
    with np.errstate(all="ignore"):  # NaN or inf in X is reported below, in words
        J, dw, db = cost_and_gradients(w, b, X, Y)
    if not (np.isfinite(J) and np.isfinite(dw).all()):
        check_finite(X, result=dw)  # a NaN or inf in X shows up in dw: say where
        raise ValueError(_OVERFLOW)  # X is finite: wᵀX + b overflowed
    return J, dw, db


_OVERFLOW = (
    "The cost overflowed although X is finite: w and b are so large that wᵀX + b "
    "is beyond the range of floating-point numbers. Start from smaller weights."
)


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
    path : ndarray, shape (steps + 1, n_x + 1), or None
        Only from ``train(..., keep_path=True)``: row i holds w (as a row)
        and then b after i accepted steps, so its last row is the returned
        w and b. The playground slides along it instead of training again.
    """

    w: np.ndarray
    b: float
    costs: np.ndarray
    cost: float
    diverged: bool
    message: str
    path: np.ndarray | None = None

    def __iter__(self):
        """w, b, costs: the three values the lecture's training function returns."""
        return iter((self.w, self.b, self.costs))


def train(X, Y, alpha, iterations, w=None, b=0.0, keep_path=False):
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
    keep_path : bool
        Also return w and b after every step, as ``.path``.

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
    X, w, Y = check_inputs(X, w, Y)
    if w is None:
        w = np.zeros((X.shape[0], 1))
    b = check_b(b)
    alpha = check_alpha(alpha)
    iterations = check_iterations(iterations)
    check_finite(X)

    # A far too large alpha can overflow wᵀX or α dw; that is caught below and explained in words.
    with np.errstate(over="ignore", invalid="ignore"):
        J, dw, db = cost_and_gradients(w, b, X, Y)
        if not np.isfinite(J):
            raise ValueError(_OVERFLOW)
        costs = []
        path = [(w, b)] if keep_path else None
        for i in range(iterations):
            costs.append(J)  # J before update i
            w_next, b_next = w - alpha * dw, b - alpha * db  # w := w - α dw,  b := b - α db
            if not (np.isfinite(w_next).all() and np.isfinite(b_next)):  # the step overflowed
                costs.append(float("inf"))
                return _diverged(i + 1, costs, alpha, w, b, path)
            J, dw, db = cost_and_gradients(w_next, b_next, X, Y)
            if not J <= costs[0] * (1 + 1e-9) + 1e-12:  # rose above the start (or overflowed)
                costs.append(J if np.isfinite(J) else float("inf"))
                return _diverged(i + 1, costs, alpha, w, b, path)
            w, b = w_next, b_next
            if path is not None:
                path.append((w, b))
    message = f"Finished {iterations} iterations with alpha = {alpha:g}: J = {J:.6f}."
    return TrainResult(w, b, np.array(costs), J, False, message, _as_rows(path))


def _as_rows(path):
    """[(w, b), ...] as an array with one row [w..., b] per step; None stays None."""
    if path is None:
        return None
    ws, bs = zip(*path)
    return np.vstack([np.hstack(ws), bs]).T


def _diverged(i, costs, alpha, w, b, path=None):
    """Stop a diverging run: warn in words and return the last good parameters."""
    message = (
        f"Diverged at iteration {i}: the cost rose from {costs[0]:.4g} to {costs[-1]:.4g}. "
        f"The learning rate alpha = {alpha:g} is too large; try a smaller one. "
        f"Returning the parameters from iteration {i - 1}."
    )
    # warn_explicit names the function, not a file path that differs between machines
    warnings.warn_explicit(message, DivergenceWarning, filename="logreg_helpers.train", lineno=i)
    return TrainResult(w, b, np.array(costs), costs[-2], True, message, _as_rows(path))


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

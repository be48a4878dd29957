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

Every function also takes arrays of another library that follows the Python
array API standard: a dask array (on this machine or a cluster), CuPy or
PyTorch (on a GPU), array-api-strict (which checks the standard). The formulas
are the same lines; ``xp`` stands for the arrays' library, and the results come
back in it. J and db are Python floats in every library. On numpy arrays,
``gradients`` and ``train`` run the cache-blocked kernel as before; on the
others, the pass over the chunks of ``chunked.py``.
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np

from . import chunked
from .blocked import cost_and_gradients
from .numerics import loss, sigmoid
from .validation import (
    array_namespace,
    check_alpha,
    check_b,
    check_finite,
    check_inputs,
    check_iterations,
    check_row,
    check_threshold,
    check_w,
    check_Y,
    compute,
    is_lazy,
    is_other_array,
    same_namespace,
)


def _one_namespace(**arrays):
    """(xp, arrays): xp is None for numpy arrays (returned as given), else all move into xp."""
    if not any(is_other_array(a) for a in arrays.values()):
        return None, list(arrays.values())
    xp = array_namespace(**arrays)
    return xp, same_namespace(xp, **arrays)


def _kernel(X):
    """The pass that computes (J, dw, db) for X's library."""
    if isinstance(X, np.ndarray):
        return cost_and_gradients  # numpy: the cache-blocked kernel, the fast path
    return chunked.cost_and_gradients  # dask, or any array-API library


def _all_finite(a):
    if isinstance(a, np.ndarray):
        return bool(np.isfinite(a).all())
    xp = array_namespace(a=a)
    return bool(compute(xp.all(xp.isfinite(a)))[0])


def _in(xp, a):
    """``a`` in the caller's library xp: dask's passes compute small results as numpy."""
    return a if xp is None or not isinstance(a, np.ndarray) else xp.asarray(a)


class DivergenceWarning(UserWarning):
    """Gradient descent stopped because the cost rose: the learning rate is too large."""


def forward(w, b, X):
    """Z = wᵀX + b and A = σ(Z).

    Parameters
    ----------
    w : array, shape (n_x, 1)
    b : float
    X : array, shape (n_x, m)

    Returns
    -------
    Z, A : array, shape (1, m)
    """
    X, w, _ = check_inputs(X, w)
    b = check_b(b)
    Z = w.T @ X + b  # Z = wᵀX + b      backward: dw = X dZᵀ / m, db = mean(dZ)
    check_finite(X, result=Z)  # a NaN or inf in X shows up in Z (on dask: one pass)
    A = sigmoid(Z)  # A = σ(Z)          backward: dZ = A - Y, with the loss below
    return Z, A


def cost(Z, Y):
    """J = (1/m) Σ L(a, y), computed from the logits Z (never from A).

    Parameters
    ----------
    Z : array, shape (1, m)
        The logits wᵀX + b.
    Y : array, shape (1, m)
        Labels 0 or 1.

    Returns
    -------
    float
        Exact for any finite Z, even where σ(Z) rounds to 0 or 1.
    """
    xp, (Z, Y) = _one_namespace(Z=Z, Y=Y)
    Z = check_row(Z, "Z")
    Y = check_Y(Y, Z.shape[1])
    check_finite(Z, "Z")
    return float((xp or np).mean(loss(Z, Y)))  # J = (1/m) Σ L(a, y)


def backward(X, A, Y):
    """dZ = A - Y, dw = X dZᵀ / m and db = mean(dZ).

    Parameters
    ----------
    X : array, shape (n_x, m)
    A : array, shape (1, m)
    Y : array, shape (1, m)

    Returns
    -------
    dw : array, shape (n_x, 1)
    db : float
    """
    xp, (X, A, Y) = _one_namespace(X=X, A=A, Y=Y)
    X, _, Y = check_inputs(X, Y=Y)
    m = X.shape[1]
    A = check_row(A, "A", m)
    check_finite(A, "A")
    dZ = A - Y  # dL/dZ = dL/dA · σ'(Z) = (-Y/A + (1 - Y)/(1 - A)) · A(1 - A) = A - Y
    dw = X @ dZ.T / m  # dJ/dw: Z = wᵀX + b has ∂z/∂w = x, averaged over the examples
    db = (xp or np).mean(dZ)  # dJ/db: ∂z/∂b = 1
    dw, db = compute(dw, db)  # on dask, both in one pass over X
    check_finite(X, result=dw)  # a NaN or inf in X shows up in dw
    return _in(xp, dw), float(db)


def update(w, b, dw, db, alpha):
    """One gradient-descent step: w - α dw and b - α db, as new values.

    Returns
    -------
    w : array, shape (n_x, 1)
    b : float
    """
    _, (w, dw) = _one_namespace(w=w, dw=dw)
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
    dw : array, shape (n_x, 1)
    db : float
    """
    X, w, Y = check_inputs(X, w, Y)
    b = check_b(b)
    with np.errstate(all="ignore"):  # NaN or inf in X is reported below, in words
        J, dw, db = _kernel(X)(w, b, X, Y)
    if not (math.isfinite(J) and _all_finite(dw)):
        check_finite(X, result=dw)  # a NaN or inf in X shows up in dw: say where
        raise ValueError(_OVERFLOW)  # X is finite: wᵀX + b overflowed
    return J, (dw if isinstance(X, np.ndarray) else _in(array_namespace(X=X), dw)), db


_OVERFLOW = (
    "The cost overflowed although X is finite: w and b are so large that wᵀX + b "
    "is beyond the range of floating-point numbers. Start from smaller weights."
)


@dataclass(frozen=True)
class TrainResult:
    """What ``train`` returns; it unpacks as ``w, b, costs = train(...)``.

    Attributes
    ----------
    w : array, shape (n_x, 1)
        The weights after the last accepted step, in the library of X.
    b : float
    costs : ndarray, shape (steps + 1,) or (steps,)
        ``costs[i]`` is J before update i. When the run diverged, the last
        entry is the cost that rose and made it stop.
    cost : float
        J at the returned w and b.
    diverged : bool
    message : str
        A sentence on how the run ended, for printing.
    path : array, shape (steps + 1, n_x + 1), or None
        Only from ``train(..., keep_path=True)``: row i holds w (as a row)
        and then b after i accepted steps, so its last row is the returned
        w and b. The playground slides along it instead of training again.
        A numpy array for numpy and dask inputs (dask's w is small and kept in
        numpy during the run), else an array of X's library, on its device.
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
    X : array, shape (n_x, m)
    Y : array, shape (1, m)
    alpha : float
        The learning rate, > 0.
    iterations : int
        How many steps, >= 0.
    w : array, shape (n_x, 1), optional
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
    xp = array_namespace(X=X) if is_other_array(X) else None
    if w is None:
        w = np.zeros((X.shape[0], 1)) if xp is None or is_lazy(X) else xp.zeros_like(X[:, :1])
    b = check_b(b)
    alpha = check_alpha(alpha)
    iterations = check_iterations(iterations)
    if xp is None:
        check_finite(X)  # other libraries: the first pass below tells
    elif is_lazy(X):  # dask: w stays a numpy array here; Y, one row, in memory once
        X, Y = chunked.aligned(X, Y)
        Y, w = Y.persist(), np.asarray(compute(w)[0])
    kernel = _kernel(X)

    # A far too large alpha can overflow wᵀX or α dw; that is caught below and explained in words.
    with np.errstate(over="ignore", invalid="ignore"):
        J, dw, db = kernel(w, b, X, Y)
        if not (math.isfinite(J) and _all_finite(dw)):
            check_finite(X, result=dw)  # a NaN or inf in X shows up in dw: say where
            raise ValueError(_OVERFLOW)
        costs = []
        path = [(w, b)] if keep_path else None
        for i in range(iterations):
            costs.append(J)  # J before update i
            w_next, b_next = w - alpha * dw, b - alpha * db  # w := w - α dw,  b := b - α db
            if not (_all_finite(w_next) and math.isfinite(b_next)):  # the step overflowed
                costs.append(float("inf"))
                return _diverged(i + 1, costs, alpha, _in(xp, w), b, path)
            J, dw, db = kernel(w_next, b_next, X, Y)
            if not J <= costs[0] * (1 + 1e-9) + 1e-12:  # rose above the start (or overflowed)
                costs.append(J if math.isfinite(J) else float("inf"))
                return _diverged(i + 1, costs, alpha, _in(xp, w), b, path)
            w, b = w_next, b_next
            if path is not None:
                path.append((w, b))
    message = f"Finished {iterations} iterations with alpha = {alpha:g}: J = {J:.6f}."
    return TrainResult(_in(xp, w), b, np.array(costs), J, False, message, _as_rows(path))


def _as_rows(path):
    """[(w, b), ...] as an array with one row [w..., b] per step, in w's library (or None)."""
    if path is None:
        return None
    ws, bs = zip(*path)
    if isinstance(ws[0], np.ndarray):
        return np.vstack([np.hstack(ws), bs]).T
    xp = array_namespace(w=ws[0])  # another library: the rows stay in it, on w's device
    W = xp.reshape(xp.stack(ws), (len(ws), -1))
    B = xp.reshape(xp.asarray(bs, dtype=W.dtype, device=W.device), (-1, 1))
    return xp.concat((W, B), axis=1)


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
    w : array, shape (n_x, 1)
    b : float
    X : array, shape (n_x, m)
    threshold : float
        A probability strictly between 0 and 1.

    Returns
    -------
    array of int, shape (1, m)
        0 or 1 for each example.
    """
    threshold = check_threshold(threshold)
    Z, _ = forward(w, b, X)
    y_hat = Z > math.log(threshold / (1 - threshold))
    if isinstance(y_hat, np.ndarray):
        return y_hat.astype(int)
    xp = array_namespace(Z=Z)
    return xp.astype(y_hat, xp.int64)

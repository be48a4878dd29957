"""Input checks whose error messages teach.

Every public function of ``logreg_helpers`` passes its arguments through these
checks first. A check either returns a clean value (a float array of the right
shape, a Python float, a Python int) or raises ``ValueError``/``TypeError`` with
a message that names what it got, what it wanted, and usually how to fix it.

None of them copies a large array that is already a float array, and none of
them modifies its argument.
"""

import math
import numbers

import numpy as np


def _shape(a):
    return getattr(a, "shape", None) or f"a {type(a).__name__}"


def as_float_array(a, name):
    """Return ``a`` as a float64 ndarray (no copy if it already is one)."""
    if isinstance(a, (str, bytes)) or a is None:
        raise TypeError(f"{name} should be a numpy array of numbers, but it is {a!r}.")
    arr = np.asarray(a)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == bool
    ):
        raise TypeError(
            f"{name} should hold numbers, but its dtype is {arr.dtype}. "
            f"Convert it first, for example with np.asarray({name}, dtype=float)."
        )
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} holds complex numbers; logistic regression needs real ones.")
    return arr.astype(np.float64, copy=False)


def check_X(X, name="X"):
    """X: the inputs, shape (n_x, m), one example per column (also used for Z)."""
    X = as_float_array(X, name)
    if X.ndim != 2:
        hint = f" For a single row, use {name}.reshape(1, -1)." if X.ndim == 1 else ""
        raise ValueError(
            f"{name} should be a 2-D array with one example per column, "
            f"but it has shape {X.shape}.{hint}"
        )
    if X.shape[1] == 0:
        raise ValueError(f"{name} has no examples (m = 0): there is nothing to learn from.")
    return X


def explain_nonfinite(X, name="X"):
    """Raise a teaching error if X holds NaN or inf; return quietly otherwise.

    It scans X elementwise, so the fast paths call it only once a cheaper sign
    (a non-finite sum or result) says something is wrong.
    """
    bad = ~np.isfinite(X)
    if bad.any():
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"{name} holds {int(bad.sum())} value(s) that are NaN or infinite; the first is "
            f"{name}[{row}, {col}] = {X[row, col]}. Gradient descent cannot learn from "
            "missing or infinite values: drop those examples or fill them in first."
        )


def check_finite(X, name="X"):
    """Raise a teaching error if X holds NaN or inf, with one pass and no copy."""
    if not np.isfinite(X.sum()):
        explain_nonfinite(X, name)


def check_w(w, n_x, name="w"):
    """w: the weights, shape (n_x, 1); also used for dw."""
    w = as_float_array(w, name)
    if w.shape != (n_x, 1):
        hint = ""
        if w.shape == (n_x,):
            hint = f" It is a rank-1 array; make it a column with {name}.reshape(-1, 1)."
        elif w.shape == (1, n_x):
            hint = f" It is a row; make it a column with {name}.T."
        raise ValueError(
            f"{name} should have shape (n_x, 1) = ({n_x}, 1), one weight per row of X, "
            f"but it has shape {w.shape}.{hint}"
        )
    if not np.isfinite(w).all():
        raise ValueError(
            f"{name} holds NaN or infinite values; start from finite weights, e.g. zeros."
        )
    return w


def check_b(b, name="b"):
    """b: the bias, a single real number (also used for db). Returned as a Python float."""
    if isinstance(b, (bool, str, bytes)):
        raise TypeError(f"{name} should be a number, but it is {b!r}.")
    if isinstance(b, numbers.Real):
        value = float(b)
    else:
        arr = np.asarray(b)
        if arr.dtype == object or not np.issubdtype(arr.dtype, np.number) or arr.size != 1:
            raise TypeError(
                f"{name} should be a single number (a float), but it has shape {_shape(b)}. "
                "The bias is shared by all examples; numpy broadcasts it for you."
            )
        value = float(arr.reshape(()))
    if not math.isfinite(value):
        raise ValueError(f"{name} should be a finite number, but it is {value}.")
    return value


def check_X_w(X, w):
    """Check X and w together; spot an X that was passed transposed."""
    X = check_X(X)
    w_shape = np.shape(w)
    n_x = w_shape[0] if len(w_shape) >= 1 else None
    if n_x is not None and X.shape[0] != n_x and X.shape[1] == n_x:
        raise ValueError(
            f"X has shape {X.shape} but w has {n_x} rows: X looks transposed. "
            f"Put one example per column, so that X has shape (n_x, m) = "
            f"({n_x}, {X.shape[0]}); X.T does that."
        )
    return X, check_w(w, X.shape[0])


def check_Y(Y, m):
    """Y: the labels, shape (1, m), every entry 0 or 1."""
    Y = as_float_array(Y, "Y")
    if Y.shape != (1, m):
        if Y.shape in ((m,), (m, 1)):
            how = "Y.reshape(1, -1)"
            what = "a rank-1 array" if Y.ndim == 1 else "a column"
            raise ValueError(
                f"Y has shape {Y.shape}, {what}, but the labels go in a row of shape "
                f"(1, m) = (1, {m}), one label under each column of X. Use {how}. "
                f"(Mixing the two shapes would broadcast to ({m}, {m}) and give wrong numbers.)"
            )
        raise ValueError(
            f"Y should have shape (1, m) = (1, {m}), one label per column of X, "
            f"but it has shape {Y.shape}."
        )
    labels_ok = (Y == 0) | (Y == 1)
    if not labels_ok.all():
        bad = np.unique(Y[~labels_ok])
        shown = ", ".join(f"{v:g}" for v in bad[:5]) + (", ..." if bad.size > 5 else "")
        raise ValueError(
            f"Y should hold only the labels 0 and 1, but it also holds {shown}. "
            "Logistic regression predicts one of two classes: map your classes to 0 and 1 first."
        )
    return Y


def check_X_Y(X, Y):
    """Check a training set; spot an X that was passed transposed."""
    X = check_X(X)
    y_shape = np.shape(Y)
    # the number of labels, whichever way round Y was given (check_Y judges the shape)
    m = max(y_shape) if len(y_shape) in (1, 2) else None
    if m is not None and X.shape[1] != m:
        if X.shape[0] == m:
            raise ValueError(
                f"X has shape {X.shape} and Y has {m} labels: X looks transposed. "
                f"Put one example per column, so that X has shape (n_x, m) = "
                f"({X.shape[1]}, {m}); X.T does that."
            )
        raise ValueError(
            f"X has {X.shape[1]} examples (columns) but Y has {m} labels; "
            "every example needs exactly one label."
        )
    return X, check_Y(Y, X.shape[1])


def check_alpha(alpha):
    """alpha: the learning rate, a finite number > 0. Returned as a Python float."""
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real):
        raise TypeError(
            f"The learning rate alpha should be a number such as 0.1, but it is {alpha!r}."
        )
    alpha = float(alpha)
    if not (math.isfinite(alpha) and alpha > 0):
        raise ValueError(
            f"The learning rate alpha should be a finite number greater than 0, but it is {alpha}. "
            "Gradient descent steps *against* the gradient by alpha times its size: "
            "try a value such as 0.1."
        )
    return alpha


def check_threshold(threshold):
    """threshold: the probability above which predict says 1, strictly between 0 and 1."""
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
        raise TypeError(
            f"The threshold should be a probability such as 0.5, but it is {threshold!r}."
        )
    threshold = float(threshold)
    if not 0 < threshold < 1:
        raise ValueError(
            f"The threshold should be a probability strictly between 0 and 1, but it is "
            f"{threshold}. predict says 1 where σ(z) is above it, and σ(z) lies between 0 "
            "and 1: try 0.5."
        )
    return threshold


def check_iterations(iterations):
    """iterations: how many gradient steps, a whole number >= 0. Returned as int."""
    if isinstance(iterations, bool) or not isinstance(iterations, numbers.Real):
        raise TypeError(
            f"iterations should be a whole number such as 1000, but it is {iterations!r}."
        )
    if not math.isfinite(iterations) or iterations != int(iterations):
        raise ValueError(
            f"iterations should be a whole number of steps, but it is {iterations}. "
            "You cannot take part of a gradient step."
        )
    if iterations < 0:
        raise ValueError(f"iterations should be 0 or more, but it is {iterations}.")
    return int(iterations)

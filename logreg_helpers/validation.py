"""Input checks whose error messages teach.

Every public function of ``logreg_helpers`` checks each argument once, at its
start, with the checker named for the argument's role:

    check_X         the inputs X, shape (n_x, m), one example per column
    check_Y         the labels Y, shape (1, m), 0 or 1 (check_labels: 0 or 1, any shape)
    check_w         the weights w, or their gradient dw, shape (n_x, 1)
    check_column    any other column with one value per row of X (a mean, a std)
    check_b         the bias b, or its gradient db: one number
    check_number    any other single number (one feature x1, one weight w1)
    check_row       one value per example, such as Z or A: shape (1, m)
    check_inputs    X with the w and Y that go with it: the shapes agree, X is not transposed
    check_alpha, check_iterations, check_threshold
    check_finite    NaN and inf in an array: the one way they are found and reported

A check either returns a clean value (a float array of the right shape, a
Python float, a Python int) or raises ``ValueError``/``TypeError`` with a
message that names what it got, what it wanted, and usually how to fix it.
None of them copies an array that is already a float array, and none of them
modifies its argument.
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
    if isinstance(a, np.ma.MaskedArray):
        raise TypeError(
            f"{name} is a masked array. Its mask would be ignored: the values hidden under it "
            "would count as data. Drop the masked entries first, or fill them in, for example "
            f"with {name}.filled(value)."
        )
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


_REMEDY = {  # what to do about a NaN or inf, by the name of the array that holds it
    "X": "Gradient descent cannot learn from missing or infinite values: "
    "drop those examples or fill them in first.",
    "w": "Start from finite weights, for example zeros.",
    "dw": "dw = X dZᵀ / m: look for the NaN or inf in X, w or b.",
    "Z": "Z = wᵀX + b: look for the NaN or inf in X, w or b.",
    "A": "A = σ(Z): look for the NaN or inf in Z.",
}


_SMALL = 4096  # entries; an array this small is checked entry by entry


def check_finite(a, name="X", result=None):
    """Raise the teaching error if the array ``a`` holds NaN or inf; return quietly otherwise.

    Found cheaply: a NaN or inf in ``a`` makes any sum of its entries
    non-finite, since NaN and inf survive every product and sum (even 0 · inf
    is NaN). So a large ``a`` is checked through ``a.sum()`` (one pass, no
    copy), or, when the caller has already computed ``result`` from every entry
    of ``a`` (Z = wᵀX + b, dw = X dZᵀ / m), through that. Only when it is not
    finite is ``a`` scanned, to say where. A sum that overflows although every
    entry is finite passes.
    """
    if result is None:
        if a.size <= _SMALL:
            result = a  # checked directly: quicker than silencing overflow in a sum
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                result = a.sum()
    if np.isfinite(result).all():
        return
    bad = ~np.isfinite(a)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        where = ", ".join(map(str, first))
        remedy = _REMEDY.get(name, "Remove or replace them first.")
        raise ValueError(
            f"{name} holds {int(bad.sum())} value(s) that are NaN or infinite; the first is "
            f"{name}[{where}] = {a[first]}. {remedy}"
        )


def check_X(X, name="X"):
    """X: the inputs, shape (n_x, m), one example per column."""
    X = as_float_array(X, name)
    if X.ndim != 2:
        hint = f" For a single row, use {name}.reshape(1, -1)." if X.ndim == 1 else ""
        raise ValueError(
            f"{name} should be a 2-D array with one example per column, "
            f"but it has shape {X.shape}.{hint}"
        )
    if X.shape[1] == 0:
        raise ValueError(f"{name} has no examples (m = 0): there is nothing to learn from.")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no features (n_x = 0): there is nothing to learn from.")
    return X


def check_row(a, name, m=None):
    """A value per example, such as Z or A: shape (1, m)."""
    a = as_float_array(a, name)
    want = "(1, m)" if m is None else f"(1, m) = (1, {m})"
    if a.ndim != 2 or a.shape[0] != 1 or a.shape[1] == 0 or (m is not None and a.shape[1] != m):
        hint = f" It is a rank-1 array; make it a row with {name}.reshape(1, -1)." if (
            a.ndim == 1) else ""
        raise ValueError(
            f"{name} should have the shape of Y, {want}: one value per example, "
            f"but it has shape {a.shape}.{hint}"
        )
    return a


def check_column(a, n_x, name, what="one value per row of X"):
    """A column with one value per row of X, shape (n_x, 1); finite. n_x=None: any length."""
    a = as_float_array(a, name)
    if n_x is None and a.ndim == 2 and a.shape[1] == 1 and a.shape[0] > 0:
        n_x = a.shape[0]
    if a.shape != (n_x, 1):
        hint = ""
        want = "(n_x, 1)" if n_x is None else f"(n_x, 1) = ({n_x}, 1)"
        if a.ndim == 1:
            hint = f" It is a rank-1 array; make it a column with {name}.reshape(-1, 1)."
        elif a.ndim == 2 and a.shape[0] == 1 and (n_x is None or a.shape[1] == n_x):
            hint = f" It is a row; make it a column with {name}.T."
        raise ValueError(
            f"{name} should have shape {want}, {what}, but it has shape {a.shape}.{hint}"
        )
    check_finite(a, name)
    return a


def check_w(w, n_x=None, name="w"):
    """w: the weights, shape (n_x, 1), one per row of X; also used for dw."""
    return check_column(w, n_x, name, "one weight per row of X")


def check_number(value, name, hint=""):
    """One finite real number, returned as a Python float."""
    if isinstance(value, (bool, str, bytes)) or value is None:
        raise TypeError(f"{name} should be a number, but it is {value!r}.")
    if isinstance(value, numbers.Real):
        value = float(value)
    else:
        arr = as_float_array(value, name)
        if arr.size != 1:
            raise TypeError(
                f"{name} should be a single number (a float), but it has shape "
                f"{_shape(value)}.{hint}"
            )
        value = float(arr.reshape(()))
    if not math.isfinite(value):
        raise ValueError(f"{name} should be a finite number, but it is {value}.")
    return value


def check_b(b, name="b"):
    """b: the bias, one number shared by all examples; also used for db. A Python float."""
    return check_number(
        b, name, " The bias is shared by all examples; numpy broadcasts it for you."
    )


def check_labels(y, name="y"):
    """Labels, any shape, every entry 0 or 1: a float array, or a Python float for a number."""
    if isinstance(y, numbers.Real) and y in (0, 1):  # one label, as the loop passes it: fast
        return float(y)
    arr = as_float_array(y, name)
    labels_ok = (arr == 0) | (arr == 1)
    if not labels_ok.all():
        if arr.ndim == 0:
            raise ValueError(f"The label {name} should be 0 or 1, but it is {y!r}.")
        bad = np.unique(arr[~labels_ok])
        shown = ", ".join(f"{v:g}" for v in bad[:5]) + (", ..." if bad.size > 5 else "")
        raise ValueError(
            f"{name} should hold only the labels 0 and 1, but it also holds {shown}. "
            "Logistic regression predicts one of two classes: map your classes to 0 and 1 first."
        )
    return arr


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
    return check_labels(Y, "Y")


def check_inputs(X, w=None, Y=None):
    """X, and the weights w and labels Y that go with it (either may be None), checked once.

    Returns ``(X, w, Y)``, each checked (None stays None). Spots an X that was
    passed transposed, and labels that do not match the examples.
    """
    X = check_X(X)
    n_x, m = X.shape
    if w is not None:
        w_shape = np.shape(w)
        w_rows = w_shape[0] if len(w_shape) >= 1 else None
        if w_rows is not None and n_x != w_rows and m == w_rows:
            raise ValueError(
                f"X has shape {X.shape} but w has {w_rows} rows: X looks transposed. "
                f"Put one example per column, so that X has shape (n_x, m) = "
                f"({w_rows}, {n_x}); X.T does that."
            )
        w = check_w(w, n_x)
    if Y is not None:
        y_shape = np.shape(Y)
        # the number of labels, whichever way round Y was given (check_Y judges the shape)
        labels = max(y_shape) if len(y_shape) in (1, 2) else None
        if labels is not None and m != labels:
            if n_x == labels:
                raise ValueError(
                    f"X has shape {X.shape} and Y has {labels} labels: X looks transposed. "
                    f"Put one example per column, so that X has shape (n_x, m) = "
                    f"({m}, {labels}); X.T does that."
                )
            raise ValueError(
                f"X has {m} examples (columns) but Y has {labels} labels; "
                "every example needs exactly one label."
            )
        Y = check_Y(Y, m)
    return X, w, Y


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

"""Gradient checking: compare a gradient with finite differences of the function itself.

    ∂f/∂θ ≈ (f(θ + ε) - f(θ - ε)) / (2ε)      for each entry θ of each parameter

The centred difference uses only values of f, never a derivative formula, so it
is an independent check of one. Its error has two parts:

* truncation, about ε² |f'''| / 6, which shrinks with ε;
* rounding, about ε_mach |f| / ε (ε_mach ≈ 2.2e-16), which grows as ε shrinks.

Their sum is smallest near ε = (3 ε_mach)^(1/3) ≈ 1e-5. The default ``eps = 1e-6``
sits a little below that optimum, on the rounding side. For a cost of order 1, like
the cross-entropy on standardized data, rounding then contributes about 1e-10
and truncation less, so a correct gradient gives a relative difference of about
1e-10 to 1e-9, while a bug gives 1e-3 or more. The smaller step leaves room for
data that are not standardized: f''' grows with the cube of the features' size.
On the 30 raw breast-cancer measurements (some in the thousands) a correct
gradient checks to about 1e-5 with ε = 1e-5 but 1e-7 with ε = 1e-6. Far smaller
steps (1e-10) would let rounding blur the line instead.
"""

import math
import numbers

import numpy as np

from . import vectorized
from .validation import as_float_array, check_b, check_finite, check_inputs, check_w


def _check_eps(eps):
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 < eps < np.inf:
        raise ValueError(
            f"eps, the finite-difference step, should be a small positive number such as "
            f"1e-6, but it is {eps!r}."
        )
    return float(eps)


def _value(f, args):
    """f(*args) as a Python float, or a teaching error if f does not return one number."""
    value = f(*args)
    if isinstance(value, tuple):
        raise TypeError(
            f"f should return one number, the value to differentiate, but it returned a "
            f"tuple of {len(value)} values. If it returns (J, dw, db), pass a function that "
            "keeps J only, for example lambda w, b: gradients(w, b, X, Y)[0]."
        )
    if np.size(value) != 1:
        raise TypeError(
            f"f should return one number, the value to differentiate, but it returned "
            f"something of shape {np.shape(value)}."
        )
    return float(np.reshape(value, ()))


def numerical_gradient(f, *params, eps=1e-6):
    """Centred finite differences of a scalar function f(*params), one gradient per parameter.

    ∂f/∂θ ≈ (f(θ + ε) - f(θ - ε)) / (2ε) for every entry θ of every parameter.

    Parameters
    ----------
    f : callable
        ``f(*params) -> float``, for example the cost ``J(w, b)``.
    *params : float or ndarray
        The point where the gradient is taken; any number of them.
    eps : float
        The step ε (see the module's notes for why 1e-6).

    Returns
    -------
    tuple
        One gradient per parameter, in order: a Python float for a number, an
        ndarray of the parameter's shape for an array.

    Notes
    -----
    The parameters are never modified: each evaluation gets a fresh copy with one
    entry moved by ±ε. It costs 2 evaluations of f per entry, so it is for
    checking small problems, never for training.

    Examples
    --------
    >>> dw, db = numerical_gradient(lambda w, b: cost(forward(w, b, X)[0], Y), w, b)
    """
    if not callable(f):
        raise TypeError(
            "numerical_gradient takes the function first, then the point: "
            f"numerical_gradient(f, w, b) with f(w, b) returning a number. Its first "
            f"argument is a {type(f).__name__}, not a function."
        )
    if not params:
        raise TypeError("numerical_gradient needs at least one parameter to differentiate by.")
    eps = _check_eps(eps)
    point = []
    for k, p in enumerate(params):
        if isinstance(p, numbers.Real) and not isinstance(p, bool):
            point.append(float(p))
        else:
            point.append(as_float_array(p, f"parameter {k + 1}"))

    grads = []
    for k, p in enumerate(point):
        def f_at(t, k=k):  # f with parameter k replaced by t
            return _value(f, point[:k] + [t] + point[k + 1 :])

        if isinstance(p, float):
            grads.append((f_at(p + eps) - f_at(p - eps)) / (2 * eps))
            continue
        g = np.empty(p.shape)
        for i in np.ndindex(p.shape):
            up, down = p.copy(), p.copy()
            up[i] += eps
            down[i] -= eps
            g[i] = (f_at(up) - f_at(down)) / (2 * eps)
        grads.append(g)
    return tuple(grads)


def _flat(values, name):
    if isinstance(values, (numbers.Real, np.ndarray)):
        values = (values,)
    return [as_float_array(v, name).ravel() for v in values], [np.shape(v) for v in values]


def relative_difference(grads, grads_num):
    """‖g - g_num‖ / (‖g‖ + ‖g_num‖), each side flattened and stacked into one vector.

    Parameters
    ----------
    grads, grads_num : sequence of float or ndarray
        The gradient to check and its finite-difference estimate, with the same
        structure, for example ``(dw, db)`` and ``(dw_num, db_num)``.

    Returns
    -------
    float
        0.0 when both are zero. About 1e-9 for a correct gradient checked with
        the default ``eps``; above about 1e-3 the gradient has a bug.
    """
    g, shapes = _flat(grads, "grads")
    g_num, shapes_num = _flat(grads_num, "grads_num")
    if shapes != shapes_num:
        raise ValueError(
            f"The two gradients should have the same parts with the same shapes, but grads has "
            f"shapes {shapes} and grads_num has {shapes_num}."
        )
    g = np.concatenate(g) if g else np.zeros(0)
    g_num = np.concatenate(g_num) if g_num else np.zeros(0)
    # in units of the largest entry, so that g - g_num cannot overflow; math.hypot, unlike
    # np.linalg.norm, does not square entries below 1e-154 to 0
    scale = max(np.abs(g).max(initial=0.0), np.abs(g_num).max(initial=0.0))
    if scale == 0:
        return 0.0
    g, g_num = g / scale, g_num / scale
    return math.hypot(*(g - g_num)) / (math.hypot(*g) + math.hypot(*g_num))


def gradient_check(w, b, X, Y, gradient_fn=None, eps=1e-6):
    """Relative difference between a logistic-regression gradient and finite differences of J.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    gradient_fn : callable, optional
        The function to check, ``gradient_fn(w, b, X, Y) -> (J, dw, db)``; by
        default the vectorized :func:`logreg_helpers.gradients`. Pass your own
        to test it.
    eps : float
        Step of the centred finite differences.

    Returns
    -------
    float
        ‖g - g_num‖ / (‖g‖ + ‖g_num‖) for g = (dw, db). About 1e-9 for a
        correct gradient; above about 1e-3 it has a bug.
    """
    X, w, Y = check_inputs(X, w, Y)
    b = check_b(b)
    check_finite(X)
    if gradient_fn is None:
        gradient_fn = vectorized.gradients
    result = gradient_fn(w, b, X, Y)
    if not (isinstance(result, tuple) and len(result) == 3):
        got = f"{len(result)} values" if isinstance(result, tuple) else type(result).__name__
        raise TypeError(f"gradient_fn should return (J, dw, db), but it returned {got}.")
    _, dw, db = result
    dw, db = check_w(dw, w.shape[0], "dw"), check_b(db, "db")

    def J(w, b):  # the cost alone: forward, then the mean loss
        return vectorized.cost(vectorized.forward(w, b, X)[0], Y)

    return relative_difference((dw, db), numerical_gradient(J, w, b, eps=eps))

"""The lecture's for-loop: one pass over the m examples, one example at a time.

This is the version to read first and the version to run last: it gives the
same numbers as :func:`logreg_helpers.gradients` but is about a hundred times
slower, because Python handles each example (and each feature) separately.
"""

import numpy as np

from .numerics import loss, sigmoid
from .validation import check_b, check_finite, check_inputs


def gradients_loop(w, b, X, Y):
    """(J, dw, db) from explicit loops over examples i and features j.

    For each example i:  z = wᵀx⁽ⁱ⁾ + b,  a = σ(z),  J += L(a, y⁽ⁱ⁾),
    dz = a - y⁽ⁱ⁾,  dw_j += x_j⁽ⁱ⁾ dz for every feature j,  db += dz.
    Then J, dw and db are divided by m.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)

    Returns
    -------
    J : float
    dw : ndarray, shape (n_x, 1)
    db : float
    """
    X, w, Y = check_inputs(X, w, Y)
    b = check_b(b)
    check_finite(X)
    n_x, m = X.shape

    J = 0.0
    dw = np.zeros((n_x, 1))  # note the double parentheses: the shape is one argument
    db = 0.0
    for i in range(m):
        x, y = X[:, i], float(Y[0, i])
        z = float(np.dot(w[:, 0], x)) + b
        a = sigmoid(z)
        J += loss(z, y)  # the stable form of -(y log a + (1 - y) log(1 - a))
        dz = a - y  # assigned, not accumulated: each example has its own dz
        for j in range(n_x):
            dw[j, 0] += x[j] * dz
        db += dz
    return J / m, dw / m, db / m

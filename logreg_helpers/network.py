"""A network with one hidden layer: logistic regression on top of n_h tanh units.

Shapes: X is (n_x, m), one example per column; Y is (1, m); W1 is (n_h, n_x),
b1 is (n_h, 1), W2 is (1, n_h), b2 is a float.

    Z1 = W1 X + b1          A1 = tanh(Z1)         hidden layer, (n_h, m)
    Z2 = W2 A1 + b2         A2 = σ(Z2)            output, (1, m): logistic regression on A1
    J  = (1/m) Σ L(a2, y)                         computed from Z2, exact for any finite Z2

Backward, right to left, one chain-rule step per line:

    dZ2 = A2 − Y                                  the output is logistic regression: dz = a − y
    dW2 = dZ2 A1ᵀ / m       db2 = mean(dZ2)       as dw = X dZᵀ / m, with A1 in place of X
    dA1 = W2ᵀ dZ2                                 Z2 depends on A1 through W2
    dZ1 = dA1 * (1 − A1²)                         tanh'(z) = 1 − tanh(z)², elementwise
    dW1 = dZ1 Xᵀ / m        db1 = mean of dZ1 over the examples, (n_h, 1)
"""

import warnings
from dataclasses import dataclass

import numpy as np

from .numerics import loss, sigmoid
from .validation import (
    as_float_array,
    check_alpha,
    check_b,
    check_finite,
    check_inputs,
    check_iterations,
    check_X,
)
from .vectorized import DivergenceWarning


@dataclass(frozen=True)
class Network:
    """The parameters of a one-hidden-layer network (or their gradients, dW1 ... db2).

    Attributes
    ----------
    W1 : ndarray, shape (n_h, n_x)
    b1 : ndarray, shape (n_h, 1)
    W2 : ndarray, shape (1, n_h)
    b2 : float
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: float


def _check_network(net, n_x):
    """A Network whose shapes fit n_x features, as float arrays (never modified)."""
    if not isinstance(net, Network):
        raise TypeError(f"net should be a Network, such as init_network(n_x, n_h), not {net!r}.")
    W1, b1, W2 = (as_float_array(p, name) for p, name in
                  ((net.W1, "W1"), (net.b1, "b1"), (net.W2, "W2")))
    n_h = W1.shape[0] if W1.ndim == 2 else None
    wanted = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (1, n_h)}
    for name, p in zip(wanted, (W1, b1, W2)):
        if n_h is None or p.shape != wanted[name]:
            raise ValueError(
                f"{name} should have shape {wanted[name] if n_h else '(n_h, n_x)'} "
                f"(n_h hidden units, n_x = {n_x} features), but it has shape {p.shape}."
            )
    return Network(W1, b1, W2, check_b(net.b2, "b2"))


def init_network(n_x, n_h, seed=0):
    """Random weights (seeded), zero biases.

    The weights must differ: if every hidden unit started the same, every unit would
    get the same gradient and they would stay copies of one another for ever.
    Their scale 1/√n_x keeps W1 X of order 1, where tanh is not yet flat.
    """
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) / np.sqrt(n_x)
    W2 = rng.standard_normal((1, n_h)) / np.sqrt(n_h)
    return Network(W1, np.zeros((n_h, 1)), W2, 0.0)


def network_forward(net, X):
    """Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = σ(Z2).

    Returns
    -------
    Z1, A1 : ndarray, shape (n_h, m)
    Z2, A2 : ndarray, shape (1, m)
    """
    X = check_X(X)
    return _forward(_check_network(net, X.shape[0]), X)


def _forward(net, X):
    Z1 = net.W1 @ X + net.b1
    A1 = np.tanh(Z1)
    Z2 = net.W2 @ A1 + net.b2
    return Z1, A1, Z2, sigmoid(Z2)


def network_backward(net, X, Y, A1, A2):
    """The gradients dW1, db1, dW2, db2 by the chain rule (see the module's docstring).

    Returns
    -------
    Network
        Holding dW1, db1, dW2, db2, each the shape of its parameter.
    """
    X, _, Y = check_inputs(X, Y=Y)
    net = _check_network(net, X.shape[0])
    for name, A, shape in (("A1", A1, (net.W1.shape[0], X.shape[1])), ("A2", A2, Y.shape)):
        if np.shape(A) != shape:
            raise ValueError(f"{name} should have shape {shape}, as network_forward returns "
                             f"it, but it has shape {np.shape(A)}.")
    return _backward(net, X, Y, A1, A2)


def _backward(net, X, Y, A1, A2):
    m = X.shape[1]
    dZ2 = A2 - Y  # (1, m)
    dW2 = dZ2 @ A1.T / m  # (1, n_h)
    db2 = float(dZ2.sum() / m)
    dA1 = net.W2.T @ dZ2  # (n_h, m)
    dZ1 = dA1 * (1 - A1**2)  # (n_h, m)
    dW1 = dZ1 @ X.T / m  # (n_h, n_x)
    db1 = dZ1.sum(axis=1, keepdims=True) / m  # (n_h, 1)
    return Network(dW1, db1, dW2, db2)


def network_gradients(net, X, Y):
    """The cost J and its gradients: (J, Network of dW1, db1, dW2, db2)."""
    X, _, Y = check_inputs(X, Y=Y)
    return _gradients(_check_network(net, X.shape[0]), X, Y)


def _gradients(net, X, Y):
    _, A1, Z2, A2 = _forward(net, X)
    return float(loss(Z2, Y).sum() / X.shape[1]), _backward(net, X, Y, A1, A2)


def predict_network(net, X):
    """ŷ = 1 where the network's probability A2 > 0.5, i.e. where Z2 > 0; shape (1, m)."""
    return (network_forward(net, X)[2] > 0).astype(int)


@dataclass(frozen=True)
class NetworkResult:
    """What ``train_network`` returns: like ``TrainResult``, with ``net`` for ``w`` and ``b``."""

    net: Network
    costs: np.ndarray
    cost: float
    diverged: bool
    message: str


def update_network(net, grads, alpha):
    """One gradient-descent step on every parameter, P := P − α dP, as a new Network.

    ``net`` and ``grads`` come from this module (``network_gradients``); only alpha is checked.
    """
    alpha = check_alpha(alpha)
    pairs = zip((net.W1, net.b1, net.W2, net.b2), (grads.W1, grads.b1, grads.W2, grads.b2))
    return Network(*(p - alpha * dp for p, dp in pairs))


def train_network(X, Y, n_h, alpha, iterations, seed=0):
    """Gradient descent from ``init_network(n_x, n_h, seed)``, ``iterations`` steps.

    Returns
    -------
    NetworkResult
        ``costs[i]`` is J before update i. If the cost rises above where it started, or
        stops being finite, the run stops with a ``DivergenceWarning`` and returns the
        parameters from before that step, as ``train`` does.
    """
    X, _, Y = check_inputs(X, Y=Y)
    check_finite(X)
    alpha, iterations = check_alpha(alpha), check_iterations(iterations)
    net = previous = init_network(X.shape[0], n_h, seed)
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):  # a divergence is explained in words
        for i in range(iterations):
            J, grads = _gradients(net, X, Y)
            costs.append(J if np.isfinite(J) else float("inf"))
            if costs[-1] > costs[0] * (1 + 1e-9) + 1e-12:
                return _diverged(i, costs, alpha, previous)
            previous, net = net, update_network(net, grads, alpha)
            if not all(np.isfinite(p).all() for p in (net.W1, net.b1, net.W2, net.b2)):
                costs.append(float("inf"))  # the step itself overflowed
                return _diverged(i + 1, costs, alpha, previous)
    J = _gradients(net, X, Y)[0]
    message = f"Finished {iterations} iterations with alpha = {alpha:g}: J = {J:.6f}."
    return NetworkResult(net, np.array(costs), J, False, message)


def _diverged(i, costs, alpha, net):
    """Stop a diverging run: warn in words and return the last good parameters."""
    message = (
        f"Diverged at iteration {i}: the cost rose from {costs[0]:.4g} to {costs[-1]:.4g}. "
        f"The learning rate alpha = {alpha:g} is too large; try a smaller one. "
        f"Returning the parameters from iteration {i - 1}."
    )
    warnings.warn_explicit(message, DivergenceWarning, filename="logreg_helpers.train_network",
                           lineno=i)
    return NetworkResult(net, np.array(costs), costs[-2], True, message)

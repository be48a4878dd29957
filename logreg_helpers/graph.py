"""One training example as a computation graph, on plain named numbers.

    x1, w1 ─┐
    x2, w2 ─┼─> z = w1 x1 + w2 x2 + b ─> a = σ(z) ─> L(a, y)
    b ──────┘

Forward, left to right: z, a, L. Backward, right to left, by the chain rule:

    da  = dL/da = -y/a + (1 - y)/(1 - a)
    dz  = dL/dz = da · a(1 - a) = a - y
    dwj = dL/dwj = xj · dz
    db  = dL/db  = dz

Everything generalises from two features to n: pass tuples of any length.

:class:`ComputationGraph` describes any such graph neutrally, as named nodes
(formula, value, gradient) and edges labelled with their local derivatives;
``ExampleGraph.computation_graph()`` gives this example's, and
:func:`logreg_helpers.plots.draw_graph` draws any of them.
"""

import math
from dataclasses import dataclass

from .numerics import loss, sigmoid
from .validation import check_alpha, check_b, check_labels, check_number


@dataclass(frozen=True)
class Node:
    """One box of a computation graph: a named number and how it was computed."""

    name: str  # "w1", "z", "a", "L"
    formula: str = ""  # "" for a leaf; e.g. "z = w1·x1 + w2·x2 + b"
    value: float = 0.0
    grad: float | None = None  # dL/d(name); None when not computed


@dataclass(frozen=True)
class Edge:
    """One arrow of a computation graph: ``child`` is computed from ``parent``."""

    parent: str  # name of the input node
    child: str  # name of the node computed from it
    local: str = ""  # local derivative as text, e.g. "∂z/∂w1 = x1"


@dataclass(frozen=True)
class ComputationGraph:
    """Nodes and the edges between them, as drawn by ``plots.draw_graph``."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def number_text(value):
    """A value as a graph shows it: 4 significant digits, with a true minus sign."""
    return f"{value:.4g}".replace("-", "\u2212")


@dataclass(frozen=True)
class ExampleGraph:
    """The values at every node of one example's graph, forward and backward.

    ``x`` and ``w`` are tuples (x1, x2, ...) and (w1, w2, ...); ``dw`` is the
    tuple (dw1, dw2, ...). All other fields are Python floats.
    """

    x: tuple
    w: tuple
    b: float
    y: int
    z: float
    a: float
    L: float
    da: float
    dz: float
    dw: tuple
    db: float

    def update(self, alpha):
        """One gradient-descent step on this example: wj - α dwj and b - α db.

        Returns the graph at the new parameters, so ``g.update(0.5).L`` is the
        loss after the step.
        """
        alpha = check_alpha(alpha)
        w = tuple(wj - alpha * dwj for wj, dwj in zip(self.w, self.dw))
        return example_graph(self.x, w, self.b - alpha * self.db, self.y)

    def computation_graph(self):
        """This example's graph as a :class:`ComputationGraph`.

        Nodes x1, w1, x2, w2, ..., b, z, a, L with their values; the gradient
        dL/d(node) of every node except the features, whose gradients
        gradient descent does not need. Each edge carries its local derivative,
        with its value where no node shows it: ``∂z/∂w1 = x1``,
        ``∂a/∂z = a(1 − a) = 0.1966``.
        """
        n = len(self.x)
        leaves, edges = [], []
        for j, (xj, wj, dwj) in enumerate(zip(self.x, self.w, self.dw), start=1):
            leaves += [Node(f"x{j}", value=xj), Node(f"w{j}", value=wj, grad=dwj)]
            edges += [Edge(f"x{j}", "z", f"∂z/∂x{j} = w{j}"),  # z = ... + wj xj + ...
                      Edge(f"w{j}", "z", f"∂z/∂w{j} = x{j}")]
        leaves.append(Node("b", value=self.b, grad=self.db))
        edges.append(Edge("b", "z", "∂z/∂b = 1"))

        terms = [f"w{j}·x{j}" for j in range(1, n + 1)]
        if n > 3:
            terms = [terms[0], "…", terms[-1]]
        z = Node("z", f"z = {' + '.join(terms)} + b", self.z, self.dz)
        a = Node("a", "a = σ(z)", self.a, self.da)
        edges.append(Edge("z", "a", f"∂a/∂z = a(1 − a) = {number_text(self.a * (1 - self.a))}"))
        # L = -(y log a + (1 - y) log(1 - a)) keeps one term for a given y, and so does dL/da
        if self.y == 1:
            L = Node("L", "L = −log a  (y = 1)", self.L, 1.0)
            edges.append(Edge("a", "L", f"∂L/∂a = −1/a = {number_text(self.da)}"))
        else:
            L = Node("L", "L = −log(1 − a)  (y = 0)", self.L, 1.0)
            edges.append(Edge("a", "L", f"∂L/∂a = 1/(1 − a) = {number_text(self.da)}"))
        return ComputationGraph(nodes=(*leaves, z, a, L), edges=tuple(edges))

    def __str__(self):
        def row(names, values):
            return "   ".join(f"{n} = {v: .4f}" for n, v in zip(names, values))

        n = range(1, len(self.x) + 1)
        return "\n".join(
            [
                "inputs    " + row([f"x{j}" for j in n], self.x) + f"   y = {self.y}",
                "params    " + row([f"w{j}" for j in n], self.w) + "   " + row(["b"], [self.b]),
                "forward   " + row(["z", "a", "L"], [self.z, self.a, self.L]),
                "backward  " + row(["da", "dz"], [self.da, self.dz]),
                "          " + row([f"dw{j}" for j in n] + ["db"], [*self.dw, self.db]),
            ]
        )


def _as_floats(values, name):
    values = (values,) if isinstance(values, (int, float)) else tuple(values)
    return tuple(check_number(v, name) for v in values)


def example_graph(x, w, b, y):
    """Forward and backward pass through one example's computation graph.

    Parameters
    ----------
    x : sequence of float
        The features (x1, x2, ...) of one example.
    w : sequence of float
        The weights (w1, w2, ...), one per feature.
    b : float
    y : 0 or 1
        The label.

    Returns
    -------
    ExampleGraph
    """
    x, w, b = _as_floats(x, "x"), _as_floats(w, "w"), check_b(b)
    if len(x) != len(w):
        raise ValueError(
            f"Each feature needs its own weight, but x has {len(x)} values and w has {len(w)}."
        )
    y = int(check_labels(check_number(y, "y"), "y"))

    z = sum(wj * xj for wj, xj in zip(w, x)) + b  # z = w1 x1 + w2 x2 + ... + b
    a = sigmoid(z)  # a = σ(z)
    L = loss(z, y)  # L = -(y log a + (1 - y) log(1 - a)), from z so it stays exact

    # da = -y/a + (1 - y)/(1 - a), written with exp so it stays exact when a rounds to 0 or 1:
    # for y = 1 it is -1/a = -(1 + e^-z); for y = 0 it is 1/(1 - a) = 1 + e^z.
    exponent = -z if y == 1 else z
    da = (-1 if y == 1 else 1) * (1 + (math.exp(exponent) if exponent < 709 else math.inf))
    dz = a - y  # = da * a * (1 - a), the chain rule simplified
    dw = tuple(xj * dz for xj in x)  # dwj = xj dz
    db = dz
    return ExampleGraph(x, w, b, y, z, a, L, da, dz, dw, db)


def one_example(x, w, b, y):
    """Forward and backward pass for one example, as six numbers.

    The reference for the exercise of the same name: z = wᵀx + b, a = σ(z),
    L = loss(a, y), dz = a - y, dw = x dz, db = dz.

    Parameters
    ----------
    x, w : sequence of float
        The features and the weights, one per feature.
    b : float
    y : 0 or 1

    Returns
    -------
    tuple
        ``(z, a, L, dz, dw, db)``: floats, except ``dw``, a tuple of floats
        (dw1, dw2, ...).
    """
    g = example_graph(x, w, b, y)
    return g.z, g.a, g.L, g.dz, g.dw, g.db

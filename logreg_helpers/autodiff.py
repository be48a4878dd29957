"""Automatic differentiation on scalars: the computation graph, recorded and differentiated.

Every operation on a ``Value`` returns a new ``Value`` that remembers its parents and,
written right beside the forward rule, the local derivative d(result)/d(parent).
``L.backward()`` then visits the recorded graph from L back to the inputs (reverse
topological order) and applies the chain rule on every edge:

    parent.grad += local derivative · child.grad

That one line is all of backpropagation. A value used twice gets both contributions.
"""

import itertools
import math
import numbers

from .graph import ComputationGraph, Edge, Node
from .graph import number_text as _num  # 4 significant digits, a true minus sign
from .numerics import loss, sigmoid


class Value:
    """One number in a computation graph; after ``backward()``, ``grad`` = d(root)/d(it).

    ``Value(0.5, "w1")`` names a value so that its graph reads like yours. Unnamed
    values that you create, and numbers you mix in, are constants: they appear inside
    the formulas of :meth:`graph`, not as nodes of their own.
    """

    __array_ufunc__ = None  # `array * Value` is refused here, with an explanation

    def __init__(self, data, name="", _parents=(), _op=""):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            shape = getattr(data, "shape", None)
            raise TypeError(
                f"A Value holds one real number, but it got "
                f"{f'an array of shape {shape}' if shape else repr(data)}. The engine works on "
                "scalars: make one Value per number, and add the losses of many examples into "
                "one cost J before you call J.backward()."
            )
        if not math.isfinite(data):
            what = f"{_op.format(**_fill(_parents))} gave {data}" if _parents else f"got {data}"
            raise ValueError(f"A Value must hold a finite number, but {what}. Look for an input "
                             "that is NaN or infinite, or an exp or a power that is too large.")
        self.data, self.name, self.grad = float(data), name, None  # grad: None until backward
        self._parents = _parents  # ((parent, local derivative, its rule as text), ...)
        self._op = _op  # how this value is written from its parents, e.g. "{A}·{B}"

    def named(self, name):
        """Give this value a name for its graph, and return it: ``(w1 * x1).named("p")``."""
        self.name = name
        return self

    def __repr__(self):
        grad = "" if self.grad is None else f", grad = {_num(self.grad)}"
        return f"Value({self.name + ' = ' if self.name else ''}{_num(self.data)}{grad})"

    # -------------------------------------------- each operation: forward rule, local derivatives
    def __add__(self, other):  # self + other
        other = _value(other)
        return _make(self.data + other.data, "{a} + {b}", (self, 1.0, "1"), (other, 1.0, "1"))

    def __sub__(self, other):  # self − other
        other = _value(other)
        return _make(self.data - other.data, "{a} − {B}", (self, 1.0, "1"), (other, -1.0, "−1"))

    def __mul__(self, other):  # self · other
        other = _value(other)
        return _make(self.data * other.data, "{A}·{B}",
                     (self, other.data, "{b}"), (other, self.data, "{a}"))

    def __truediv__(self, other):  # self / other
        other = _value(other)
        if other.data == 0:
            raise ZeroDivisionError(f"{_short(self)} / {_short(other)}: you cannot divide by 0.")
        return _make(self.data / other.data, "{A}/{B}", (self, 1 / other.data, "1/{B}"),
                     (other, -self.data / other.data**2, "−{A}/{B}²"))

    def __neg__(self):  # −self
        return _make(-self.data, "−{A}", (self, -1.0, "−1"))

    def __pow__(self, k):  # self^k, for a constant number k
        if isinstance(k, (Value, bool)) or not isinstance(k, numbers.Real):
            raise TypeError(f"x ** k needs a constant number k, but k is {k!r}. For a power "
                            "whose exponent is itself a Value, write (k * x.log()).exp().")
        x = self.data
        if (x < 0 and k != int(k)) or (x == 0 and k < 1):
            raise ValueError(f"{_short(self)} ** {k:g}: a fractional power, or one below 1, "
                             "needs a base x > 0; elsewhere it or its slope is not a real number.")
        try:
            data, local = x**k, k * x ** (k - 1)
        except OverflowError:  # beyond the largest float: Value() explains
            data = local = math.inf
        return _make(data, "{A}^" + f"{k:g}", (self, local, f"{k:g}·{{A}}^{k - 1:g}"))

    def exp(self):  # e^self
        try:
            data = math.exp(self.data)
        except OverflowError:  # beyond the largest float: Value() explains
            data = math.inf
        return _make(data, "exp({a})", (self, data, "{o}"))  # (e^x)' = e^x

    def log(self):  # natural log of self
        if self.data <= 0:
            raise ValueError(
                f"log({_short(self)}): the log is defined only for positive numbers, but this "
                f"one is {self.data}. If it is a = σ(z) that rounded to exactly 0 or 1, compute "
                "the loss from the logit instead: z.loss(y) stays finite for every z."
            )
        return _make(math.log(self.data), "log({a})", (self, 1 / self.data, "1/{A}"))

    def sigmoid(self):  # a = σ(self), by the module's stable sigmoid
        a = sigmoid(self.data)
        return _make(a, "σ({a})", (self, a * (1 - a), "{O}(1 − {O})"))  # σ' = a(1 − a)

    def tanh(self):  # t = tanh(self)
        t = math.tanh(self.data)
        return _make(t, "tanh({a})", (self, 1 - t * t, "1 − {O}²"))  # tanh' = 1 − t²

    def loss(self, y):  # L(σ(self), y) from the logit, by the module's stable loss
        if y not in (0, 1):
            raise ValueError(f"The label y should be 0 or 1, but it is {y!r}.")
        return _make(loss(self.data, y), f"L(σ({{a}}), {y:g})",
                     (self, sigmoid(self.data) - y, f"σ({{a}}) − {y:g}"))  # dL/dz = a − y

    def __radd__(self, other): return _value(other) + self  # other + self

    def __rsub__(self, other): return _value(other) - self  # other − self

    def __rmul__(self, other): return _value(other) * self  # other · self

    def __rtruediv__(self, other): return _value(other) / self  # other / self

    def __rpow__(self, base):  # base ** self
        raise TypeError(f"{base!r} ** {_short(self)}: the engine takes powers with a constant "
                        "exponent only. Write base ** x as (x * math.log(base)).exp().")

    # ------------------------------------------------------------------------ the backward pass
    def backward(self):
        """Set ``grad`` of every value this one was computed from to d(self)/d(value)."""
        order = self._topological_order()
        for v in order:
            v.grad = 0.0  # start afresh, so calling backward() twice gives the same answer
        self.grad = 1.0  # d(self)/d(self)
        for child in reversed(order):  # every child before its parents: its grad is complete
            for parent, local, _ in child._parents:
                parent.grad += local * child.grad  # the chain rule

    def _topological_order(self):
        """Every value this one depends on, each after its parents (no recursion, so any size)."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            v, parents_done = stack.pop()
            if parents_done:
                order.append(v)
            elif v not in seen:
                seen.add(v)
                stack.append((v, True))
                stack.extend((p, False) for p, _, _ in reversed(v._parents) if p not in seen)
        return order

    def graph(self):
        """The recorded graph as a ComputationGraph, for ``plots.draw_graph``.

        Nodes carry their name, formula, value and gradient (None before ``backward()``);
        each edge its local derivative, for example ``∂a/∂z = a(1 − a) = 0.1966``.
        Unnamed results are called v1, v2, ...; a formula writes them out when short.
        """
        names, labels, taken, nodes, edges = {}, {}, set(), [], []
        fresh = itertools.count(1)
        for v in self._topological_order():
            if not v._parents and not v.name:
                labels[v] = _num(v.data)  # a constant: shown inside its children's formulas
                continue
            fill = _fill(v._parents, labels)
            expr = v._op.format(**fill) if v._parents else ""
            name = v.name or f"v{next(fresh)}"
            while name in taken:
                name += "′"  # a prime keeps two values with the same name apart
            names[v] = name
            taken.add(name)
            labels[v] = expr if not v.name and len(expr) <= 14 else name
            fill.update(o=labels[v], O=_wrap(labels[v]))
            nodes.append(Node(name, f"{name} = {expr}" if expr else "", v.data, v.grad))
            for parent, local, rule in v._parents:
                if parent in names:
                    rule, value = rule.format(**fill), _num(local)
                    text = rule if rule == value else f"{rule} = {value}"
                    edges.append(Edge(names[parent], name, f"∂{name}/∂{names[parent]} = {text}"))
        return ComputationGraph(tuple(nodes), tuple(edges))


def _make(data, op, *parents):
    """The result of one operation: its value, how to write it, and (parent, local, rule)s."""
    return Value(data, _parents=parents, _op=op)


def _value(x):
    """A number mixed into the graph becomes a constant: a Value with no name."""
    return x if isinstance(x, Value) else Value(x)


def _short(v):
    return v.name or _num(v.data)


def _wrap(label):
    """The label in brackets if it is a sum, a difference or a negative: (1 − a), not log(a)."""
    depth, compound = 0, label.startswith("−")
    for char in label:
        depth += (char == "(") - (char == ")")
        compound |= char == " " and depth == 0
    return f"({label})" if compound else label


def _fill(parents, labels=None):
    """What the text templates fill in: {a}, {b} the parents; {A}, {B} bracketed if compound."""
    plain = [labels[p] if labels else _short(p) for p, _, _ in parents]
    return dict(zip("ab", plain)) | dict(zip("AB", map(_wrap, plain)))

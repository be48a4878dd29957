"""graph.py: one example's forward and backward values, checked by finite differences."""

import math
import re
from decimal import Decimal, localcontext

import numpy as np
import pytest

import logreg_helpers as lh
from logreg_helpers.graph import number_text

CASES = [((1.5, -0.5), (0.8, 0.4), -0.2, 1), ((2.0, 1.0), (-1.0, 3.0), 0.5, 0),
         ((0.3,), (2.0,), 0.0, 1), ((1.0, 2.0, -3.0, 0.5), (0.1, -0.2, 0.3, 0.4), 1.0, 0)]


def central(f, t, eps=1e-6):
    return (f(t + eps) - f(t - eps)) / (2 * eps)


@pytest.mark.parametrize("x, w, b, y", CASES)
def test_every_derivative_matches_a_finite_difference(x, w, b, y):
    g = lh.example_graph(x, w, b, y)

    def L_of(w_, b_):
        return lh.example_graph(x, w_, b_, y).L

    assert g.z == pytest.approx(sum(wj * xj for wj, xj in zip(w, x)) + b, rel=1e-15)
    assert g.a == pytest.approx(1 / (1 + np.exp(-g.z)), rel=1e-15)
    assert g.L == pytest.approx(-(y * np.log(g.a) + (1 - y) * np.log(1 - g.a)), rel=1e-12)
    naive_L = lambda a: -(y * np.log(a) + (1 - y) * np.log(1 - a))  # noqa: E731
    assert g.da == pytest.approx(central(naive_L, g.a, 1e-7), rel=1e-6)
    assert g.dz == pytest.approx(central(lambda z: lh.loss(z, y), g.z), rel=1e-7, abs=1e-9)
    assert g.dz == pytest.approx(g.da * g.a * (1 - g.a), rel=1e-12)  # the chain rule
    for j in range(len(x)):
        def L_wj(t, j=j):
            return L_of(w[:j] + (t,) + w[j + 1:], b)
        assert g.dw[j] == pytest.approx(central(L_wj, w[j]), rel=1e-7, abs=1e-9)
    assert g.db == pytest.approx(central(lambda t: L_of(w, t), b), rel=1e-7, abs=1e-9)


def test_graph_agrees_with_the_vectorized_form_for_m_equal_1():
    x, w, b, y = CASES[3]
    X, w_col = np.array(x).reshape(-1, 1), np.array(w).reshape(-1, 1)
    J, dw, db = lh.gradients(w_col, b, X, np.array([[y]]))
    g = lh.example_graph(x, w, b, y)
    assert g.L == pytest.approx(J, rel=1e-15)
    np.testing.assert_allclose(g.dw, dw.ravel(), rtol=1e-15)
    assert g.db == pytest.approx(db, rel=1e-15)


def test_one_update_lowers_the_loss():
    g = lh.example_graph((1.5, -0.5), (0.8, 0.4), -0.2, 0)
    after = g.update(0.5)
    assert after.w == pytest.approx((0.8 - 0.5 * g.dw[0], 0.4 - 0.5 * g.dw[1]))
    assert after.b == pytest.approx(-0.2 - 0.5 * g.db)
    assert after.L < g.L


def test_saturated_example_stays_finite():
    g = lh.example_graph((100.0, 100.0), (5.0, 5.0), 0.0, 1)  # z = 1000
    assert g.a == 1.0 and g.L == 0.0 and g.dz == 0.0 and g.da == -1.0
    g = lh.example_graph((100.0, 100.0), (5.0, 5.0), 0.0, 0)
    assert g.L == 1000.0 and g.dz == 1.0


@pytest.mark.parametrize("x, w, b, y", CASES)
def test_printout_shows_each_value_beside_its_name(x, w, b, y):
    text = str(lh.example_graph(x, w, b, y))
    rows = text.split("\n")
    assert [row[:10].strip() for row in rows] == ["inputs", "params", "forward", "backward", ""]
    printed = re.findall(r"(\w+) = +(-?\d+(?:\.\d+)?)", text)
    # the oracle: the lecture's formulas, written out here
    n = range(1, len(x) + 1)
    z = sum(wj * xj for wj, xj in zip(w, x)) + b
    a = 1 / (1 + math.exp(-z))
    dz = a - y
    expected = [*((f"x{j}", v) for j, v in zip(n, x)), ("y", y),
                *((f"w{j}", v) for j, v in zip(n, w)), ("b", b),
                ("z", z), ("a", a), ("L", -math.log(a) if y == 1 else -math.log(1 - a)),
                ("da", -1 / a if y == 1 else 1 / (1 - a)), ("dz", dz),
                *((f"dw{j}", xj * dz) for j, xj in zip(n, x)), ("db", dz)]
    assert [name for name, _ in printed] == [name for name, _ in expected]
    for (name, shown), (_, value) in zip(printed, expected):
        assert shown == (str(value) if name == "y" else f"{value:.4f}"), name


def _exact_da(z, y):
    """dL/da = -1/a = -(1 + e^-z) for y = 1 and 1/(1 - a) = 1 + e^z for y = 0, in decimals."""
    with localcontext() as ctx:
        ctx.prec = 40
        e = (-Decimal(z) if y == 1 else Decimal(z)).exp()
        return float(-(1 + e) if y == 1 else 1 + e)  # beyond the largest float: ±inf


@pytest.mark.parametrize("z", [-800.0, -709.9, -709.5, -705.0, -40.0, 3.0, 40.0, 705.0, 709.5,
                               709.78, 709.9, 800.0])
@pytest.mark.parametrize("y", [0, 1])
def test_da_is_exact_up_to_the_largest_float_then_infinite(z, y):
    # where a rounds to 0 or 1, da comes from e^z; it is finite while e^|z| is (|z| < 709.78)
    g = lh.example_graph((1.0,), (z,), 0.0, y)
    assert g.da == pytest.approx(_exact_da(z, y), rel=1e-15)
    assert math.isfinite(g.da) == math.isfinite(_exact_da(z, y))


@pytest.mark.parametrize(
    "args, message",
    [(((1.0, 2.0), (1.0,), 0.0, 1), "x has 2 values and w has 1"),
     (((1.0,), (1.0,), 0.0, 2), "y should be 0 or 1"),
     (((1.0,), (float("nan"),), 0.0, 1), "finite")],
)
def test_bad_input_is_explained(args, message):
    with pytest.raises(ValueError, match=message):
        lh.example_graph(*args)


@pytest.mark.parametrize("args, error, message", [
    (((float("nan"),), (1.0,), 0.0, 1), ValueError, "x should be a finite number, but it is nan."),
    (((np.array([1.0, 2.0]),), (1.0,), 0.0, 1), TypeError,
     "x should be a single number (a float), but it has shape (2,)."),
    (((1.0,), ("a",), 0.0, 1), TypeError, "w should be a number, but it is 'a'."),
    (((1.0,), (1.0,), 0.0, "1"), TypeError, "y should be a number, but it is '1'."),
    (((1.0,), (1.0,), 0.0, 2), ValueError, "The label y should be 0 or 1, but it is 2."),
])
def test_bad_input_is_named_in_full(args, error, message):
    with pytest.raises(error) as caught:
        lh.example_graph(*args)
    assert str(caught.value) == message


def test_one_feature_may_be_a_plain_number():
    g = lh.example_graph(1.5, 2, 0.5, 1)
    assert (g.x, g.w, g.dw) == ((1.5,), (2.0,), (1.5 * g.dz,))
    assert g.z == 3.5 and g == lh.example_graph((1.5,), (2.0,), 0.5, 1)


# ---------------------------------------------------------------- the neutral description

def _forward_rules(x, y):
    """The example's forward rules, written out here as the oracle: node name -> f(values)."""
    n = len(x)
    return {
        "z": lambda v: sum(v[f"w{j}"] * v[f"x{j}"] for j in range(1, n + 1)) + v["b"],
        "a": lambda v: 1 / (1 + np.exp(-v["z"])),
        "L": lambda v: -(y * np.log(v["a"]) + (1 - y) * np.log(1 - v["a"])),
    }


def _number(text, values):
    """What a label's last '=' says: a number (true minus signs included) or a node's value."""
    last = text.split(" = ")[-1]
    return values[last] if last in values else float(last.replace("\u2212", "-"))


@pytest.mark.parametrize("x, w, b, y", CASES)
def test_computation_graph_values_grads_and_local_derivatives(x, w, b, y):
    graph = lh.example_graph(x, w, b, y).computation_graph()
    assert isinstance(graph, lh.ComputationGraph)
    n = len(x)
    names = [node.name for node in graph.nodes]
    assert names == [v for j in range(1, n + 1) for v in (f"x{j}", f"w{j}")] + ["b", "z", "a", "L"]
    expected_edges = {(f"{v}{j}", "z") for j in range(1, n + 1) for v in "xw"}
    assert {(e.parent, e.child) for e in graph.edges} == expected_edges | {
        ("b", "z"), ("z", "a"), ("a", "L")}
    node = {nd.name: nd for nd in graph.nodes}
    rules = _forward_rules(x, y)
    leaves = {name: nd.value for name, nd in node.items() if name not in rules}
    assert leaves == {**{f"x{j}": xj for j, xj in enumerate(x, 1)},
                      **{f"w{j}": wj for j, wj in enumerate(w, 1)}, "b": b}

    def forward(values, fixed=None):
        """Every node's value from the leaves; ``fixed`` pins one computed node."""
        v = dict(values)
        for name, rule in rules.items():
            v[name] = fixed[1] if fixed and fixed[0] == name else rule(v)
        return v

    values = forward(leaves)
    for name in rules:
        assert node[name].value == pytest.approx(values[name], rel=1e-12), name
        assert node[name].formula.startswith(f"{name} = ")
    assert all(node[f"x{j}"].grad is None for j in range(1, n + 1))
    assert node["L"].grad == 1.0

    h = 1e-6
    for name, nd in node.items():  # dL/d(node), by nudging the node and running forward
        if nd.grad is None or name == "L":
            continue
        if name in rules:
            up, down = (forward(leaves, (name, nd.value + s))["L"] for s in (h, -h))
        else:
            up, down = (forward({**leaves, name: nd.value + s})["L"] for s in (h, -h))
        assert nd.grad == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-9), name
    for edge in graph.edges:  # the number on each edge: ∂child/∂parent, nudging the parent
        up, down = (rules[edge.child]({**values, edge.parent: values[edge.parent] + s})
                    for s in (h, -h))
        assert edge.local.startswith(f"∂{edge.child}/∂{edge.parent} = ")
        local = _number(edge.local, values)
        assert local == pytest.approx((up - down) / (2 * h), rel=6e-4, abs=1e-4), edge
    assert "a(1 − a)" in next(e.local for e in graph.edges if (e.parent, e.child) == ("z", "a"))


@pytest.mark.parametrize("n, formula", [
    (1, "z = w1·x1 + b"), (2, "z = w1·x1 + w2·x2 + b"), (3, "z = w1·x1 + w2·x2 + w3·x3 + b"),
    (4, "z = w1·x1 + … + w4·x4 + b"), (7, "z = w1·x1 + … + w7·x7 + b")])
@pytest.mark.parametrize("y", [0, 1])
def test_computation_graph_writes_its_formulas_and_every_gradient(n, formula, y):
    x, w = tuple(np.linspace(-1, 2, n)), tuple(np.linspace(0.5, -0.5, n))
    g = lh.example_graph(x, w, 0.25, y)
    graph = g.computation_graph()
    node = {nd.name: nd for nd in graph.nodes}
    assert node["z"].formula == formula
    assert node["a"].formula == "a = σ(z)"
    local = {(e.parent, e.child): e.local for e in graph.edges}
    a, da = number_text(g.a * (1 - g.a)), number_text(g.da)
    assert local[("z", "a")] == f"∂a/∂z = a(1 − a) = {a}"
    if y == 1:  # L = −(y log a + (1 − y) log(1 − a)) keeps the term of the label
        assert node["L"].formula == "L = −log a  (y = 1)"
        assert local[("a", "L")] == f"∂L/∂a = −1/a = {da}"
    else:
        assert node["L"].formula == "L = −log(1 − a)  (y = 0)"
        assert local[("a", "L")] == f"∂L/∂a = 1/(1 − a) = {da}"
    # dL/d(node) for every node but the inputs x: what gradient descent and the figure need
    grads = {name: nd.grad for name, nd in node.items()}
    assert grads == {**{f"x{j}": None for j in range(1, n + 1)},
                     **{f"w{j}": x[j - 1] * g.dz for j in range(1, n + 1)},
                     "b": g.dz, "z": g.dz, "a": g.da, "L": 1.0}
    assert grads["a"] == pytest.approx(-1 / g.a if y == 1 else 1 / (1 - g.a), rel=1e-12)
    assert grads["z"] == pytest.approx(g.a - y, rel=1e-15)


def test_number_text_gives_four_digits_and_a_true_minus_sign():
    assert [number_text(v) for v in (-0.5, 0.2139, -1234.5, 1e-7, 0.0)] == [
        "\u22120.5", "0.2139", "\u22121234", "1e\u221207", "0"]


def test_nodes_and_edges_have_the_agreed_defaults():
    assert lh.Node("x1") == lh.Node("x1", "", 0.0, None)
    assert lh.Edge("x1", "z").local == ""
    with pytest.raises(AttributeError):
        lh.Node("x1").value = 2.0  # frozen: a graph is a record of one computation


@pytest.mark.parametrize("x, w, b, y", CASES)
def test_one_example_matches_the_vectorized_formulas(x, w, b, y):
    z, a, L, dz, dw, db = lh.one_example(x, w, b, y)
    X, W = np.array(x).reshape(-1, 1), np.array(w).reshape(-1, 1)
    J, dW, dB = lh.gradients(W, b, X, np.array([[y]]))
    assert z == pytest.approx((W.T @ X).item() + b, rel=1e-15)
    assert a == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-15)
    assert L == pytest.approx(J, rel=1e-15)
    assert dz == pytest.approx(a - y, rel=1e-15)
    assert isinstance(dw, tuple) and all(isinstance(v, float) for v in dw)
    np.testing.assert_allclose(dw, dW.ravel(), rtol=1e-15)
    assert db == pytest.approx(dB, rel=1e-15)

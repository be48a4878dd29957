"""graph.py: one example's forward and backward values, checked by finite differences."""

import numpy as np
import pytest

import logreg_helpers as lh

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


def test_printout_names_every_value():
    text = str(lh.example_graph((1.5, -0.5), (0.8, 0.4), -0.2, 1))
    for name in ("x1", "x2", "w1", "w2", "b", "z", "a", "L", "da", "dz", "dw1", "dw2", "db"):
        assert f"{name} =" in text


@pytest.mark.parametrize(
    "args, message",
    [(((1.0, 2.0), (1.0,), 0.0, 1), "x has 2 values and w has 1"),
     (((1.0,), (1.0,), 0.0, 2), "y should be 0 or 1"),
     (((1.0,), (float("nan"),), 0.0, 1), "finite")],
)
def test_bad_input_is_explained(args, message):
    with pytest.raises(ValueError, match=message):
        lh.example_graph(*args)


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

"""autodiff.py: the engine against finite differences, HIPS autograd and the hand-derived graph.

None of these oracles shares code with the engine's backward pass: finite differences
use only function values, autograd is an independent reverse-mode library, and
``example_graph`` holds the derivatives as notebook 01 derives them by hand.
"""

import math
import sys

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import logreg_helpers as lh
from logreg_helpers.autodiff import Value

# ---------------------------------------------------------------- random expressions
# An expression is a tree of tuples, evaluated by one interpreter over three libraries:
# the engine, autograd, and plain floats (for finite differences). Logs, divisions and
# fractional powers act on u² + c, so every expression is defined for any input.

UNARY = ["neg", "exp", "log", "sigmoid", "tanh", "square", "cube"]
BINARY = ["add", "sub", "mul", "div"]

def uses_a_variable(tree):
    return tree[0] == "var" or any(isinstance(t, tuple) and uses_a_variable(t) for t in tree[1:])


leaves = st.one_of(
    st.tuples(st.just("var"), st.integers(0, 2)),
    st.tuples(st.just("const"), st.floats(-3, 3)),  # a plain number, mixed in on either side
)
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(BINARY), inner, inner),
        st.tuples(st.sampled_from(UNARY), inner),
        st.tuples(st.just("pow"), inner, st.sampled_from([-1.5, -1.0, 0.5, 2.5])),
    ),
    max_leaves=10,
).map(lambda tree: tree if uses_a_variable(tree) else ("mul", tree, ("var", 0)))
inputs = st.lists(st.floats(-2, 2), min_size=3, max_size=3)


def engine_call(u, method):
    return getattr(u if isinstance(u, Value) else Value(u), method)()


ENGINE = dict(exp=lambda u: engine_call(u, "exp"), log=lambda u: engine_call(u, "log"),
              tanh=lambda u: engine_call(u, "tanh"), sigmoid=lambda u: engine_call(u, "sigmoid"))
# autograd's own primitives; its sigmoid by another formula, σ(u) = (1 + tanh(u/2)) / 2
AUTOGRAD = dict(exp=anp.exp, log=anp.log, tanh=anp.tanh,
                sigmoid=lambda u: 0.5 * (1 + anp.tanh(u / 2)))


def evaluate(tree, xs, lib):
    kind, *args = tree
    if kind == "var":
        return xs[args[0]]
    if kind == "const":
        return args[0]
    u = evaluate(args[0], xs, lib)
    if kind in BINARY:
        v = evaluate(args[1], xs, lib)
        return {"add": lambda: u + v, "sub": lambda: u - v, "mul": lambda: u * v,
                "div": lambda: u / (v * v + 0.5)}[kind]()
    if kind == "pow":
        return (u * u + 0.5) ** args[1]
    return {"neg": lambda: -u, "square": lambda: u**2, "cube": lambda: u**3,
            "log": lambda: lib["log"](u * u + 0.5)}.get(kind, lambda: lib[kind](u))()


def engine_gradient(tree, point):
    xs = [Value(x, f"x{i}") for i, x in enumerate(point)]
    try:
        out = evaluate(tree, xs, ENGINE)
    except ValueError:  # an exp beyond the largest float: the engine says so in words
        assume(False)
    out.backward()
    return out.data, [0.0 if x.grad is None else x.grad for x in xs]  # None: not in the graph


@given(expressions, inputs)
def test_random_expressions_match_autograd(tree, point):
    value, grads = engine_gradient(tree, point)
    assume(abs(value) < 1e6 and max(map(abs, grads)) < 1e6)  # where both stay well scaled
    f = lambda v: evaluate(tree, [v[0], v[1], v[2]], AUTOGRAD)  # noqa: E731
    expected = autograd.grad(f)(np.array(point))
    assert value == pytest.approx(float(f(np.array(point))), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grads, expected, rtol=1e-10, atol=1e-12)


@given(expressions, inputs)
def test_random_expressions_match_finite_differences(tree, point):
    value, grads = engine_gradient(tree, point)
    assume(abs(value) < 1e3 and max(map(abs, grads)) < 1e3)

    def f(x0, x1, x2):
        return float(evaluate(tree, [x0, x1, x2], AUTOGRAD))  # autograd.numpy on plain floats

    numeric = lh.numerical_gradient(f, *point)
    # centred differences with eps = 1e-6 carry a rounding error of about 1e-10 |f| / eps
    np.testing.assert_allclose(grads, numeric, rtol=1e-5, atol=1e-6 * (1 + abs(value)))


# ---------------------------------------------------------------- logistic regression, one example

examples = st.integers(1, 3).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(-2, 2), min_size=n, max_size=n),
        st.lists(st.floats(-1, 1), min_size=n, max_size=n),
        st.floats(-1, 1),
        st.sampled_from([0, 1]),
    )
)


def logistic_graph(x, w, b, y, fused=False):
    xs = [Value(v, f"x{j}") for j, v in enumerate(x, start=1)]
    ws = [Value(v, f"w{j}") for j, v in enumerate(w, start=1)]
    b = Value(b, "b")
    products = [wj * xj for wj, xj in zip(ws, xs)]
    z = (sum(products[1:], products[0]) + b).named("z")  # w1·x1 + w2·x2 + b, no "0 +" first
    if fused:
        return xs, ws, b, z, None, z.loss(y).named("L")
    a = z.sigmoid().named("a")
    L = (-(y * a.log() + (1 - y) * (1 - a).log())).named("L")
    return xs, ws, b, z, a, L


def close(got, want, rel=1e-12):
    return math.isclose(got, want, rel_tol=rel, abs_tol=0.0)


@given(examples)
def test_logistic_regression_graph_matches_example_graph(example):
    x, w, b, y = example  # |z| <= 7, where 1 - a keeps 12 digits and so does da
    g = lh.example_graph(x, w, b, y)
    xs, ws, b_, z, a, L = logistic_graph(x, w, b, y)
    L.backward()
    assert close(z.data, g.z) and close(a.data, g.a) and close(L.data, g.L)
    assert close(a.grad, g.da) and close(z.grad, g.dz) and close(b_.grad, g.db)
    assert all(close(wj.grad, dwj) for wj, dwj in zip(ws, g.dw))


@given(examples)
def test_the_fused_loss_gives_the_same_gradients(example):
    g = lh.example_graph(*example)
    _, ws, b, z, _, L = logistic_graph(*example, fused=True)
    L.backward()
    assert close(L.data, g.L) and close(z.grad, g.dz, 1e-15) and close(b.grad, g.db, 1e-15)
    assert all(close(wj.grad, dwj, 1e-15) for wj, dwj in zip(ws, g.dw))


def test_the_running_example_of_notebook_01():
    _, (w1, w2), b, z, a, L = logistic_graph((1.0, 2.0), (0.5, -1.0), 0.5, 1)
    L.backward()
    assert a.grad == pytest.approx(-(1 + math.e), rel=1e-15)  # da = -1/a = -(1 + e^1)
    assert z.grad == pytest.approx(1 / (1 + math.e) - 1, rel=1e-15)  # dz = a - y
    assert (w1.grad, w2.grad, b.grad) == pytest.approx((z.grad, 2 * z.grad, z.grad), rel=1e-15)


# ---------------------------------------------------------------- the mechanics of backward


def test_a_value_used_twice_gets_both_contributions():
    x = Value(3.0, "x")
    (x * x).backward()
    assert x.grad == 6.0  # d(x²)/dx = 2x
    (x + x + x).backward()
    assert x.grad == 3.0
    y = x * 2.0
    (y * y.exp() + y).backward()  # y feeds two products and a sum: dy = e^y(1 + y) + 1
    assert x.grad == pytest.approx(2 * (math.exp(6) * 7 + 1), rel=1e-14)


def test_numbers_mix_in_on_either_side():
    x = Value(2.0, "x")
    cases = [(3 + x, 1), (x + 3, 1), (3 - x, -1), (x - 3, 1), (3 * x, 3), (x * 3, 3),
             (3 / x, -3 / 4), (x / 4, 1 / 4), (-x, -1), (x**3, 12), (x**0.5, 0.5 / math.sqrt(2))]
    for out, slope in cases:
        out.backward()
        assert x.grad == pytest.approx(slope, rel=1e-15)


def test_backward_twice_gives_the_same_gradients():
    x = Value(0.5, "x")
    out = (x * x).tanh() + x.sigmoid()
    out.backward()
    first = x.grad
    out.backward()
    assert x.grad == first


def test_grad_is_none_until_backward_and_one_at_the_root():
    x = Value(0.5, "x")
    out = x.exp()
    assert x.grad is None and out.grad is None
    out.backward()
    assert out.grad == 1.0 and x.grad == pytest.approx(math.exp(0.5), rel=1e-15)


def test_a_long_chain_needs_no_recursion():
    xs = [Value(float(i), f"x{i}") for i in range(3 * sys.getrecursionlimit())]
    total = sum(x * x for x in xs)  # one chain of additions, deeper than Python's recursion limit
    total.backward()
    assert [x.grad for x in xs[:4]] == [0.0, 2.0, 4.0, 6.0]


def test_arguments_are_never_modified():
    x, y = Value(1.5, "x"), Value(-0.5, "y")
    (x * y + x.exp()).backward()
    assert (x.data, y.data, x.name, y.name) == (1.5, -0.5, "x", "y")


# ---------------------------------------------------------------- numerically sound


@pytest.mark.parametrize("z", [-1000.0, -40.0, 40.0, 1000.0])
def test_sigmoid_tanh_and_loss_stay_finite_for_large_z(z):
    v = Value(z, "z")
    a = v.sigmoid()
    a.backward()
    assert a.data == lh.sigmoid(z) and math.isfinite(v.grad) and 0.0 <= v.grad < 1e-17
    t = v.tanh()
    t.backward()
    assert abs(t.data) == 1.0 and v.grad == 0.0
    for y in (0, 1):
        L = v.loss(y)
        L.backward()
        assert L.data == lh.loss(z, y)  # the module's stable loss, exact for every finite z
        assert v.grad == lh.sigmoid(z) - y  # dL/dz = a - y, finite
        assert L.data == pytest.approx(max(z, 0) - y * z, abs=1e-17)  # log1p(e^-|z|) vanishes


def test_exp_is_finite_up_to_the_largest_float_then_explains():
    x = Value(709.0, "x")
    x.exp().backward()
    assert x.grad == math.exp(709.0)
    with pytest.raises(ValueError, match=r"exp\(x\) gave inf.*too large"):
        Value(710.0, "x").exp()


# ---------------------------------------------------------------- errors in a teacher's voice


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: Value(np.ones(3)), TypeError, r"one real number.*array of shape \(3,\).*J"),
        (lambda: Value([1.0, 2.0]), TypeError, r"one real number, but it got \[1.0, 2.0\]"),
        (lambda: Value("3"), TypeError, "one real number"),
        (lambda: Value(True), TypeError, "one real number"),
        (lambda: Value(float("nan")), ValueError, "finite number, but got nan"),
        (lambda: Value(math.inf), ValueError, "finite number, but got inf"),
        (lambda: Value(0.0, "a").log(), ValueError, r"log\(a\).*positive.*z.loss\(y\)"),
        (lambda: Value(-2.0, "u").log(), ValueError, r"positive numbers, but this one is -2.0"),
        (lambda: Value(2.0) ** Value(3.0, "k"), TypeError, r"constant number k.*\.exp\(\)"),
        (lambda: 2 ** Value(3.0, "x"), TypeError, r"2 \*\* x.*constant exponent"),
        (lambda: Value(-8.0, "u") ** 0.5, ValueError, r"u \*\* 0.5.*base x > 0"),
        (lambda: Value(0.0, "u") ** -1, ValueError, r"u \*\* -1.*base x > 0"),
        (lambda: Value(1.0, "p") / Value(0.0, "q"), ZeroDivisionError, r"p / q.*divide by 0"),
        (lambda: 1.0 / Value(0.0, "q"), ZeroDivisionError, r"1 / q"),
        (lambda: Value(1e200, "x") ** 2, ValueError, r"x\^2 gave inf"),
        (lambda: Value(1e300, "x") * 1e10, ValueError, r"x·1e\+10 gave inf"),
        (lambda: Value(1.0, "z").loss(2), ValueError, "label y should be 0 or 1, but it is 2"),
        (lambda: np.ones(2) * Value(1.0), TypeError, "one real number.*array of shape"),
    ],
)
def test_bad_use_is_explained(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_log_of_a_saturated_sigmoid_points_to_the_stable_loss():
    a = Value(40.0, "z").sigmoid().named("a")  # a rounds to exactly 1.0
    with pytest.raises(ValueError, match=r"log\(1 − a\).*this one is 0.0.*z.loss\(y\)"):
        (1 - a).named("1 − a").log()


def test_numpy_scalars_are_numbers():
    assert (Value(np.float64(2.0)) * np.float64(3.0)).data == 6.0
    assert (np.float64(3.0) - Value(np.float64(2.0))).data == 1.0


# ---------------------------------------------------------------- the recorded graph


def test_graph_of_the_running_example():
    *_, L = logistic_graph((1.0, 2.0), (0.5, -1.0), 0.5, 1)
    before = L.graph()
    assert all(node.grad is None for node in before.nodes)
    L.backward()
    graph = L.graph()
    nodes = {node.name: node for node in graph.nodes}
    assert list(nodes)[:5] == ["w1", "x1", "v1", "w2", "x2"]  # in the order of the formula
    assert {"x1", "x2", "w1", "w2", "b", "z", "a", "L"} <= set(nodes)
    assert nodes["z"].formula == "z = w1·x1 + w2·x2 + b" and nodes["a"].formula == "a = σ(z)"
    assert nodes["v1"].formula == "v1 = w1·x1" and nodes["x1"].formula == ""  # x1 is an input
    assert nodes["L"].value == pytest.approx(lh.loss(-1.0, 1), rel=1e-15)
    assert nodes["a"].grad == pytest.approx(-(1 + math.e), rel=1e-15)
    assert nodes["L"].grad == 1.0
    edges = {(e.parent, e.child): e.local for e in graph.edges}
    assert edges[("z", "a")] == "∂a/∂z = a(1 − a) = 0.1966"
    log_a = next(n.name for n in graph.nodes if n.formula.endswith(" = log(a)"))
    assert edges[("a", log_a)] == f"∂{log_a}/∂a = 1/a = 3.718"
    assert edges[("w1", "v1")] == "∂v1/∂w1 = x1 = 1"
    assert edges[("b", "z")] == "∂z/∂b = 1"
    # plain numbers are constants: written into formulas, never nodes of their own
    assert not {"1", "0"} & set(nodes) and any(n.formula.endswith("= 1 − a") for n in graph.nodes)
    # every edge joins two nodes, and parents come before children
    order = [node.name for node in graph.nodes]
    assert all(order.index(e.parent) < order.index(e.child) for e in graph.edges)
    assert len(set(order)) == len(order)


def test_graph_writes_long_formulas_by_name_and_keeps_equal_names_apart():
    x = Value(1.0, "x")
    long = (x.exp() + x.tanh()) * x.sigmoid()  # "exp(x) + tanh(x)" is too long to write out
    twin = Value(2.0, "x")
    out = (long + twin).named("out")
    nodes = {node.name: node for node in out.graph().nodes}
    assert nodes["v3"].formula == "v3 = exp(x) + tanh(x)"
    assert nodes["v5"].formula == "v5 = v3·σ(x)"
    assert nodes["x"].value == 1.0 and nodes["x′"].value == 2.0  # two values named x, apart
    assert nodes["out"].formula == "out = v3·σ(x) + x′"  # v5 is short enough to write out


def test_repr_shows_name_value_and_gradient_once_known():
    x = Value(0.5, "x")
    assert repr(x) == "Value(x = 0.5)" and repr(Value(-0.5)) == "Value(−0.5)"
    y = (x * x).exp()
    y.backward()
    assert repr(x) == "Value(x = 0.5, grad = 1.284)"  # d exp(x²)/dx = 2x exp(x²)
    assert repr(y) == "Value(1.284, grad = 1)"


def test_graph_brackets_a_compound_operand_and_only_that():
    a, b, c = Value(0.3, "a"), Value(2.0, "b"), Value(1.5, "c")
    out = ((1 - a) * b + (-c) * a + (a + b).log() * c - (a - b)).named("out")
    formulas = {node.name: node.formula for node in out.graph().nodes}
    assert formulas["v2"] == "v2 = (1 − a)·b"  # a difference, bracketed in a product
    assert formulas["v4"] == "v4 = (−c)·a"  # a negative, bracketed
    assert formulas["v8"] == "v8 = log(a + b)·c"  # a sum inside a call is not compound
    assert formulas["out"] == "out = v9 − (a − b)"
    after_a_call = ((a.log() + b) * c).named("p")  # the space after log(a) is outside brackets
    assert after_a_call.graph().nodes[-1].formula == "p = (log(a) + b)·c"
    edges = {edge.local for edge in out.graph().edges}
    assert {"∂v7/∂v6 = 1/(a + b) = 0.4348", "∂v4/∂a = −c = −1.5",
            "∂v8/∂c = log(a + b) = 0.8329", "∂v2/∂b = 1 − a = 0.7"} <= edges


def test_graph_writes_out_results_of_up_to_14_characters():
    a, c = Value(1.0, "a"), Value(2.0, "c")
    short = (a + Value(1.0, "b" * 10)) * c  # "a + bbbbbbbbbb" has 14 characters
    longer = (a + Value(1.0, "b" * 11)) * c
    assert short.named("out").graph().nodes[-1].formula == "out = (a + bbbbbbbbbb)·c"
    assert longer.named("out").graph().nodes[-1].formula == "out = v1·c"


def test_graph_shows_the_value_a_local_derivative_refers_to():
    x = Value(1.0, "x")
    e = x.exp().named("e")
    s = (x * 3.0).sigmoid().named("s")
    locals_ = {edge.local for edge in (e + s).graph().edges}
    assert "∂e/∂x = e = 2.718" in locals_  # (e^x)' = e^x: the node's own value
    assert "∂s/∂v1 = s(1 − s) = 0.04518" in locals_  # σ' = a(1 − a), with a = s


# s = a + b and d = a − b are unnamed, so each formula writes them out, bracketed where needed.
# The numbers (a = 0.5, b = 2, s = 2.5, d = −1.5) are the local derivatives, worked by hand.
@pytest.mark.parametrize("make, formula, locals_", [
    (lambda s, d: s + d, "a + b + a − b", ["1", "1"]),
    (lambda s, d: s - d, "a + b − (a − b)", ["1", "−1"]),
    (lambda s, d: s * d, "(a + b)·(a − b)", ["a − b = −1.5", "a + b = 2.5"]),
    (lambda s, d: s / d, "(a + b)/(a − b)", ["1/(a − b) = −0.6667", "−(a + b)/(a − b)² = −1.111"]),
    (lambda s, d: -d, "−(a − b)", ["−1"]),
    (lambda s, d: s**3, "(a + b)^3", ["3·(a + b)^2 = 18.75"]),
    (lambda s, d: d.exp(), "exp(a − b)", ["out = 0.2231"]),
    (lambda s, d: s.log(), "log(a + b)", ["1/(a + b) = 0.4"]),
    (lambda s, d: d.sigmoid(), "σ(a − b)", ["out(1 − out) = 0.1491"]),
    (lambda s, d: d.tanh(), "tanh(a − b)", ["1 − out² = 0.1807"]),
    (lambda s, d: d.loss(1), "L(σ(a − b), 1)", ["σ(a − b) − 1 = −0.8176"]),
], ids=["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "sigmoid", "tanh", "loss"])
def test_each_operation_writes_its_formula_and_local_derivatives(make, formula, locals_):
    a, b = Value(0.5, "a"), Value(2.0, "b")
    out = make(a + b, a - b).named("out")
    graph = out.graph()
    assert graph.nodes[-1].formula == f"out = {formula}"
    into_out = [edge.local for edge in graph.edges if edge.child == "out"]
    parents = [edge.parent for edge in graph.edges if edge.child == "out"]
    assert into_out == [f"∂out/∂{p} = {rule}" for p, rule in zip(parents, locals_)]


def test_powers_at_the_edge_of_their_domain():
    for x, k, value, slope in ((0.0, 1.5, 0.0, 0.0), (0.0, 1, 0.0, 1.0), (0.0, 2, 0.0, 0.0),
                               (0.25, 0.5, 0.5, 1.0), (-2.0, 3, -8.0, 12.0)):
        v = Value(x, "x")
        out = v**k
        out.backward()
        assert (out.data, v.grad) == (value, slope), (x, k)
    for k in (True, "2", None):
        with pytest.raises(TypeError, match=r"^x \*\* k needs a constant number k, but k is "):
            Value(2.0, "x") ** k


def test_exp_is_finite_wherever_the_result_is_a_float():
    x = Value(709.78, "x")  # e^709.78 = 1.797e308, just below the largest float
    y = x.exp()
    y.backward()
    assert y.data == math.exp(709.78) and x.grad == y.data
    with pytest.raises(ValueError, match=r"exp\(x\) gave inf"):
        Value(709.79, "x").exp()  # e^709.79 is beyond it


@pytest.mark.parametrize("make, error, message", [
    (lambda: Value([1.0]), TypeError,
     "A Value holds one real number, but it got [1.0]. The engine works on scalars: make one "
     "Value per number, and add the losses of many examples into one cost J before you call "
     "J.backward()."),
    (lambda: Value(float("nan"), "x"), ValueError,
     "A Value must hold a finite number, but got nan. Look for an input that is NaN or "
     "infinite, or an exp or a power that is too large."),
    (lambda: Value(1e300, "x") * Value(1e300, "y"), ValueError,
     "A Value must hold a finite number, but x·y gave inf. Look for an input that is NaN or "
     "infinite, or an exp or a power that is too large."),
    (lambda: Value(0.0, "a").log(), ValueError,
     "log(a): the log is defined only for positive numbers, but this one is 0.0. If it is "
     "a = σ(z) that rounded to exactly 0 or 1, compute the loss from the logit instead: "
     "z.loss(y) stays finite for every z."),
    (lambda: Value(2.0) ** Value(3.0, "k"), TypeError,
     "x ** k needs a constant number k, but k is Value(k = 3). For a power whose exponent is "
     "itself a Value, write (k * x.log()).exp()."),
    (lambda: 2 ** Value(3.0, "x"), TypeError,
     "2 ** x: the engine takes powers with a constant exponent only. Write base ** x as "
     "(x * math.log(base)).exp()."),
    (lambda: Value(-8.0, "u") ** 0.5, ValueError,
     "u ** 0.5: a fractional power, or one below 1, needs a base x > 0; elsewhere it or its "
     "slope is not a real number."),
])
def test_errors_in_full(make, error, message):
    with pytest.raises(error) as caught:
        make()
    assert str(caught.value) == message

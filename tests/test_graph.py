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

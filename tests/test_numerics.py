"""numerics.py against independent oracles: 60-digit decimal arithmetic and linear algebra."""

import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest
from conftest import curvature_bound, hessian, tight_problem

import logreg_helpers as lh

EXTREME_Z = [-1000.0, -745.0, -744.0, -709.5, -40.0, -37.0, -1.0, -1e-12, 0.0,
             1e-12, 1.0, 37.0, 40.0, 709.5, 745.0, 1000.0]


def exact_sigmoid(z):
    """σ(z) in 60-digit decimal arithmetic, rounded once to a double."""
    with localcontext() as ctx:
        ctx.prec = 60
        return float(1 / (1 + (-Decimal(z)).exp()))


def exact_loss(z, y):
    """L = log(1 + e^-z) for y = 1 and log(1 + e^z) for y = 0, in 60-digit decimals."""
    with localcontext() as ctx:
        ctx.prec = 60
        t = -Decimal(z) if y == 1 else Decimal(z)
        return float((1 + t.exp()).ln())


@pytest.mark.parametrize("z", EXTREME_Z)
def test_sigmoid_is_exact_and_silent(z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = lh.sigmoid(z)
    assert isinstance(got, float)
    assert got == pytest.approx(exact_sigmoid(z), rel=4e-16, abs=1e-320)


def test_sigmoid_keeps_shape_and_leaves_input_alone():
    z = np.array([[-1000.0, 0.0, 745.0]])
    z.flags.writeable = False
    a = lh.sigmoid(z)
    assert a.shape == (1, 3)
    np.testing.assert_array_equal(a, [[0.0, 0.5, 1.0]])


@pytest.mark.parametrize("y", [0, 1])
@pytest.mark.parametrize("z", EXTREME_Z)
def test_loss_is_exact_and_silent_where_naive_form_fails(z, y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = lh.loss(z, y)
    assert np.isfinite(got)
    assert got == pytest.approx(exact_loss(z, y), rel=4e-16, abs=1e-300)


def test_naive_loss_really_fails_where_ours_does_not():
    z = np.array([40.0, -40.0, 800.0])
    y = np.array([0.0, 1.0, 0.0])
    with np.errstate(all="ignore"):
        naive = lh.naive_loss(lh.naive_sigmoid(z), y)
    assert not np.isfinite(naive).all()
    ours = lh.loss(z, y)
    np.testing.assert_allclose(ours, [exact_loss(v, t) for v, t in zip(z, y)], rtol=1e-15)


@pytest.mark.parametrize("z", [-10.0, -2.0, -0.5, 0.0, 0.5, 2.0, 10.0])
def test_the_board_formulas_are_right_where_they_do_not_overflow(z):
    a = lh.naive_sigmoid(z)
    assert a == pytest.approx(exact_sigmoid(z), rel=1e-14)
    for y in (0, 1):
        assert lh.naive_loss(a, y) == pytest.approx(exact_loss(z, y), rel=1e-9)
    assert lh.naive_loss([a, a], np.array([0.0, 1.0])).tolist() == pytest.approx(
        [exact_loss(z, 0), exact_loss(z, 1)], rel=1e-9)  # lists and arrays alike


def test_labels_that_repeat_along_a_length_one_axis_are_one_per_logit():
    z = np.array([[-2.0, 0.5, 3.0]])
    expected = [exact_loss(-2.0, 0), exact_loss(0.5, 1), exact_loss(3.0, 1)]
    np.testing.assert_allclose(lh.loss(z, np.array([0.0, 1.0, 1.0])), [expected], rtol=1e-15)
    np.testing.assert_allclose(lh.loss(z[0], np.array([1.0])),  # one label for all three
                               [exact_loss(v, 1) for v in z[0]], rtol=1e-15)


def test_a_label_per_logit_is_explained_in_full():
    with pytest.raises(ValueError) as error:
        lh.loss(np.zeros((1, 5)), np.zeros((5, 1)))
    assert str(error.value) == (
        "z has shape (1, 5) and y has shape (5, 1): together they would broadcast to (5, 5), "
        "a loss for every pair. Give them the same shape, one label per logit.")


def test_naive_sigmoid_warns_on_overflow():
    with pytest.warns(RuntimeWarning, match="overflow"):
        lh.naive_sigmoid(-1000.0)


# ---------------------------------------------------------------- the largest safe step
# The oracle is the Hessian of J itself (finite differences of the gradient, see conftest),
# never the formula λmax(Xₐ Xₐᵀ) / (4m) that the module uses.

def _off_centre():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(3, 60)) * [[0.5], [2.0], [1.0]] + [[4.0], [-1.0], [0.0]]
    return X, (rng.random((1, 60)) < 0.3) * 1.0


DATASETS = {
    "toy": lambda: lh.toy_data(m=100, seed=6),
    "one feature": lambda: (np.linspace(-1, 3, 25)[None], (np.arange(25) % 3 == 0)[None] * 1.0),
    "off-centre, unequal scales": _off_centre,
    "raw breast cancer": lambda: lh.breast_cancer(("mean smoothness", "mean symmetry"))[:2],
    "tight": tight_problem,
}


@pytest.mark.parametrize("name", DATASETS)
def test_two_over_beta_is_two_over_the_curvature_at_the_origin(name):
    X, Y = DATASETS[name]()
    beta, _, _ = curvature_bound(X, Y)
    assert lh.largest_safe_alpha(X) == pytest.approx(2 / beta, rel=1e-7)


@pytest.mark.parametrize("name", ["toy", "off-centre, unequal scales"])
def test_no_curvature_anywhere_exceeds_beta(name):
    X, Y = DATASETS[name]()
    beta = 2 / lh.largest_safe_alpha(X)
    rng = np.random.default_rng(4)
    for _ in range(5):
        w, b = rng.normal(size=(X.shape[0], 1)), float(rng.normal())
        top = np.linalg.eigvalsh(hessian(X, Y, w, b))[-1]
        assert 0 < top <= beta * (1 + 1e-7)
        assert top < 0.99 * beta  # away from the origin σ' < 1/4: strictly flatter


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("name", DATASETS)
def test_the_cost_falls_at_every_step_below_two_over_beta(name, fraction):
    # The descent lemma: for alpha < 2/β, every step lowers J, from any start.
    X, Y = DATASETS[name]()
    alpha = fraction * lh.largest_safe_alpha(X)
    rng = np.random.default_rng(5)
    for w0, b0 in ((None, 0.0), (rng.normal(size=(X.shape[0], 1)), float(rng.normal()))):
        result = lh.train(X, Y, alpha, 100, w=w0, b=b0)
        assert not result.diverged
        costs = np.append(result.costs, result.cost)
        assert np.all(np.diff(costs) <= 1e-15 * costs[:-1])


def test_the_bound_is_tight_just_above_two_over_beta_the_cost_rises():
    # At the optimum of the tight problem the curvature along the top eigenvector v is β
    # itself. A step of alpha from ε v lands at (1 - alpha β) ε v: nearer the optimum
    # for alpha just below 2/β, farther (with a higher cost) just above it.
    X, Y = tight_problem()
    beta, v_w, v_b = curvature_bound(X, Y)
    safe = lh.largest_safe_alpha(X)
    below = lh.train(X, Y, 0.99 * safe, 50, w=1e-2 * v_w, b=1e-2 * v_b)
    assert not below.diverged
    assert np.all(np.diff(np.append(below.costs, below.cost)) < 0)
    with pytest.warns(lh.DivergenceWarning):
        above = lh.train(X, Y, 1.01 * safe, 50, w=1e-2 * v_w, b=1e-2 * v_b)
    assert above.diverged and above.costs.size == 2 and above.costs[1] > above.costs[0]

"""numerics.py against independent oracles: 60-digit decimal arithmetic and linear algebra."""

import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest

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


def test_naive_sigmoid_warns_on_overflow():
    with pytest.warns(RuntimeWarning, match="overflow"):
        lh.naive_sigmoid(-1000.0)


def test_largest_safe_alpha_matches_its_definition():
    X, _ = lh.toy_data(m=40, seed=5)
    Xa = np.vstack([X, np.ones((1, X.shape[1]))])
    beta = np.linalg.eigvalsh(Xa @ Xa.T).max() / (4 * X.shape[1])
    assert lh.largest_safe_alpha(X) == pytest.approx(2 / beta, rel=1e-12)


def test_largest_safe_alpha_really_is_safe():
    # Below 2/β the cost must fall at every step (the descent lemma).
    X, Y = lh.toy_data(m=100, seed=6)
    result = lh.train(X, Y, 0.99 * lh.largest_safe_alpha(X), 200)
    assert not result.diverged
    assert np.all(np.diff(result.costs) <= 1e-15)

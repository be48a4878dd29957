"""gradcheck.py: finite differences against functions whose gradients are known in closed form."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import logreg_helpers as lh


def test_numerical_gradient_of_any_number_of_parameters_matches_the_calculus():
    # f(a, B, c) = a² ΣB + sin(c) B[0, 1]:  ∂f/∂a = 2a ΣB,  ∂f/∂B = a² + sin(c) [j = (0, 1)],
    # ∂f/∂c = cos(c) B[0, 1]
    a, B, c = 1.5, np.array([[0.5, -2.0, 1.0], [3.0, 0.25, -1.0]]), 0.7

    def f(a, B, c):
        return a**2 * B.sum() + math.sin(c) * B[0, 1]

    da, dB, dc = lh.numerical_gradient(f, a, B, c)
    assert type(da) is float and type(dc) is float
    assert dB.shape == B.shape
    dB_exact = np.full(B.shape, a**2)
    dB_exact[0, 1] += math.sin(c)
    assert da == pytest.approx(2 * a * B.sum(), rel=1e-9)
    np.testing.assert_allclose(dB, dB_exact, rtol=1e-9)
    assert dc == pytest.approx(math.cos(c) * B[0, 1], rel=1e-9)


def test_numerical_gradient_never_modifies_its_parameters():
    w = np.array([[0.2], [-0.4]])
    w.flags.writeable = False  # a write in place would raise
    seen = []

    def f(w, b):
        seen.append(w)
        return float((w**2).sum() + b)

    dw, db = lh.numerical_gradient(f, w, 3.0)
    np.testing.assert_array_equal(w, [[0.2], [-0.4]])
    np.testing.assert_allclose(dw, 2 * w, rtol=1e-9)
    assert db == pytest.approx(1.0, rel=1e-9)
    # every evaluation got its own array: none was changed after f had seen it
    moved = [x for x in seen if not np.array_equal(x, w)]
    assert len(moved) == 4 and len({id(x) for x in moved}) == 4


@pytest.mark.parametrize("eps", [1e-1, 1e-2, 1e-3])
def test_numerical_gradient_is_centred(eps):
    # ((x + ε)³ - (x - ε)³) / (2ε) = 3x² + ε² exactly; a one-sided difference would be off by 3xε
    got = lh.numerical_gradient(lambda x: x**3, 1.0, eps=eps)[0]
    assert got == pytest.approx(3 + eps**2, rel=1e-9)


def test_numerical_gradient_explains_a_wrong_call():
    X, Y = lh.toy_data(m=10)
    w = np.zeros((2, 1))
    with pytest.raises(TypeError, match=r"function first.*numerical_gradient\(f, w, b\)"):
        lh.numerical_gradient(w, 0.0, X, Y)
    with pytest.raises(TypeError, match=r"tuple of 3 values.*\[0\]"):
        lh.numerical_gradient(lambda w, b: lh.gradients(w, b, X, Y), w, 0.0)
    with pytest.raises(TypeError, match=r"one number.*shape \(1, 10\)"):
        lh.numerical_gradient(lambda w, b: lh.forward(w, b, X)[0], w, 0.0)
    with pytest.raises(ValueError, match="positive number such as 1e-6"):
        lh.numerical_gradient(lambda b: b, 0.0, eps=0)
    with pytest.raises(TypeError, match="at least one parameter"):
        lh.numerical_gradient(lambda: 1.0)


@pytest.mark.parametrize("call, error, message", [
    (lambda: lh.numerical_gradient(lambda a, b: a, 0.0, "a"), TypeError,
     "parameter 2 should be a numpy array of numbers, but it is 'a'."),
    (lambda: lh.numerical_gradient(lambda a: a, 0.0, eps=True), ValueError,
     "eps, the finite-difference step, should be a small positive number such as 1e-6, but it "
     "is True."),
    (lambda: lh.numerical_gradient(lambda a: a, 0.0, eps="1e-6"), ValueError,
     "eps, the finite-difference step, should be a small positive number such as 1e-6, but it "
     "is '1e-6'."),
    (lambda: lh.numerical_gradient(lambda a: a, 0.0, eps=float("inf")), ValueError,
     "eps, the finite-difference step, should be a small positive number such as 1e-6, but it "
     "is inf."),
    (lambda: lh.numerical_gradient(0.0, 1.0), TypeError,
     "numerical_gradient takes the function first, then the point: numerical_gradient(f, w, b) "
     "with f(w, b) returning a number. Its first argument is a float, not a function."),
    (lambda: lh.numerical_gradient(lambda: 1.0), TypeError,
     "numerical_gradient needs at least one parameter to differentiate by."),
    (lambda: lh.numerical_gradient(lambda a: (a, a, a), 0.0), TypeError,
     "f should return one number, the value to differentiate, but it returned a tuple of 3 "
     "values. If it returns (J, dw, db), pass a function that keeps J only, for example "
     "lambda w, b: gradients(w, b, X, Y)[0]."),
])
def test_numerical_gradient_errors_in_full(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value) == message


def test_a_function_may_return_its_number_in_a_one_element_array():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "conversion of an array with ndim > 0" warning
        (da,) = lh.numerical_gradient(lambda a: np.array([[a**2]]), 1.5)
    assert da == pytest.approx(3.0, rel=1e-9)


def test_relative_difference_is_symmetric_and_scaled_by_both_norms():
    # g = 2, g_num = 1: |2 - 1| / (2 + 1) = 1/3, whichever side is the estimate
    assert lh.relative_difference([2.0], [1.0]) == pytest.approx(1 / 3, rel=1e-15)
    assert lh.relative_difference([1.0], [2.0]) == pytest.approx(1 / 3, rel=1e-15)
    # parts are flattened and stacked: (dw, db) = ((3, 0), 4) against zero gives 5 / 5
    assert lh.relative_difference((np.array([[3.0], [0.0]]), 4.0),
                                  (np.zeros((2, 1)), 0.0)) == pytest.approx(1.0, rel=1e-15)
    # orthogonal unit vectors: √2 / 2
    assert lh.relative_difference((np.array([1.0, 0.0]),),
                                  (np.array([0.0, 1.0]),)) == pytest.approx(np.sqrt(0.5))


parts = st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=6)


@given(parts, parts, st.floats(1e-3, 1e3))
def test_relative_difference_is_the_distance_over_the_sum_of_the_lengths(g, h, scale):
    n = min(len(g), len(h))
    g, h = g[:n], h[:n]
    grads, grads_num = (np.array(g[:-1]), g[-1]), (np.array(h[:-1]), h[-1])  # like (dw, db)
    # the oracle, in plain Python: |g - h| / (|g| + |h|), lengths by math.hypot (no underflow)
    both = math.hypot(*g) + math.hypot(*h)
    expected = math.hypot(*(a - b for a, b in zip(g, h))) / both if both else 0.0
    got = lh.relative_difference(grads, grads_num)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-300)
    assert 0.0 <= got <= 1.0 + 1e-15
    assert lh.relative_difference(grads_num, grads) == pytest.approx(got, rel=1e-12)
    scaled = lh.relative_difference((scale * grads[0], scale * grads[1]),
                                    (scale * grads_num[0], scale * grads_num[1]))
    assert scaled == pytest.approx(got, rel=1e-9, abs=1e-300)  # a relative measure: no units


@pytest.mark.parametrize("unit", [1e-300, 1e-160, 1.0, 1e150, 1e300])
def test_relative_difference_has_no_units(unit):
    # tiny or huge gradients compare as their order-1 copies do: nothing squares to 0 or inf
    g, g_num = (np.array([[3.0], [0.0]]), -1.0), (np.array([[1.0], [-1.0]]), 1.0)
    expected = math.sqrt(4 + 1 + 4) / (math.sqrt(10) + math.sqrt(3))
    scaled = ((unit * g[0], unit * g[1]), (unit * g_num[0], unit * g_num[1]))
    assert lh.relative_difference(*scaled) == pytest.approx(expected, rel=1e-14)
    assert lh.relative_difference(unit * g[0], 0 * g[0]) == 1.0  # against zero: all wrong


@pytest.mark.parametrize("k", [0.5, 2.0, 3.0, 10.0])
def test_relative_difference_of_parallel_gradients_of_unequal_length(k):
    # g = k g_num: |g - g_num| / (|g| + |g_num|) = |k - 1| / (k + 1), whichever side is longer
    g = np.array([[1.0], [-2.0]])
    want = abs(k - 1) / (k + 1)
    assert lh.relative_difference((k * g, 2 * k), (g, 2.0)) == pytest.approx(want, rel=1e-14)
    assert lh.relative_difference((g, 2.0), (k * g, 2 * k)) == pytest.approx(want, rel=1e-14)
    assert lh.relative_difference((g, 2.0), (-g, -2.0)) == 1.0  # opposite: as wrong as can be
    assert lh.relative_difference(k * g, g) == pytest.approx(want, rel=1e-14)  # one array alone
    assert lh.relative_difference(2 * k, 2.0) == pytest.approx(want, rel=1e-14)  # one number


def test_relative_difference_of_zero_gradients_is_zero():
    assert lh.relative_difference((np.zeros((2, 1)), 0.0), (np.zeros((2, 1)), 0.0)) == 0.0
    assert lh.relative_difference((), ()) == 0.0  # no parameters at all: nothing differs


def test_relative_difference_refuses_parts_of_different_shapes():
    with pytest.raises(ValueError, match=r"same shapes.*\(2,\).*\(2, 1\)"):
        lh.relative_difference((np.zeros(2), 0.0), (np.zeros((2, 1)), 0.0))


def test_gradient_check_passes_the_true_gradient_and_fails_a_wrong_one():
    X, Y = lh.toy_data(m=50, seed=3)
    w, b = np.array([[0.4], [-0.7]]), 0.3
    assert lh.gradient_check(w, b, X, Y) < 1e-8

    def db_not_divided_by_m(w, b, X, Y):
        J, dw, db = lh.gradients(w, b, X, Y)
        return J, dw, db * X.shape[1]

    def dw_twice(w, b, X, Y):
        J, dw, db = lh.gradients(w, b, X, Y)
        return J, 2 * dw, db

    assert lh.gradient_check(w, b, X, Y, gradient_fn=db_not_divided_by_m) > 1e-2
    assert lh.gradient_check(w, b, X, Y, gradient_fn=dw_twice) > 1e-2
    assert lh.gradient_check(w, b, X, Y, gradient_fn=lh.gradients_loop) < 1e-8


def test_gradient_check_explains_a_gradient_of_the_wrong_form():
    X, Y = lh.toy_data(m=20, seed=1)
    w = np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"dw should have shape .*\(2, 1\).*rank-1"):
        lh.gradient_check(w, 0.0, X, Y, lambda w, b, X, Y: (0.0, np.zeros(2), 0.0))
    with pytest.raises(TypeError, match=r"gradient_fn should return \(J, dw, db\).*2 values"):
        lh.gradient_check(w, 0.0, X, Y, lambda w, b, X, Y: lh.gradients(w, b, X, Y)[1:])
    with pytest.raises(TypeError, match=r"^gradient_fn should return \(J, dw, db\), but it "
                                        r"returned list\.$"):
        lh.gradient_check(w, 0.0, X, Y, lambda w, b, X, Y: list(lh.gradients(w, b, X, Y)))
    with pytest.raises(ValueError, match=r"^db should be a finite number, but it is inf\.$"):
        lh.gradient_check(w, 0.0, X, Y, lambda w, b, X, Y: (0.0, w, float("inf")))


def test_gradient_check_uses_the_step_it_is_given():
    # the truncation error of centred differences grows as eps²: a large eps shows it
    X, Y = lh.toy_data(m=50, seed=3)
    w, b = np.array([[0.4], [-0.7]]), 0.3
    small, large = (lh.gradient_check(w, b, X, Y, eps=eps) for eps in (1e-5, 0.5))
    assert small < 1e-9 < 1e-4 < large

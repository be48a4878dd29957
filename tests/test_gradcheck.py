"""gradcheck.py: finite differences against functions whose gradients are known in closed form."""

import math

import numpy as np
import pytest

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


def test_relative_difference_of_zero_gradients_is_zero():
    assert lh.relative_difference((np.zeros((2, 1)), 0.0), (np.zeros((2, 1)), 0.0)) == 0.0


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

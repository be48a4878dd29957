"""loop.py: the lecture's for-loop gives the vectorized numbers."""

import math

import numpy as np
import pytest
from conftest import problems
from hypothesis import given

import logreg_helpers as lh


@given(problems(max_n_x=5, max_m=25, w_bound=10, x_bound=20))
def test_loop_equals_vectorized(problem):
    w, b, (X, Y) = problem
    J, dw, db = lh.gradients_loop(w, b, X, Y)
    J_vec, dw_vec, db_vec = lh.gradients(w, b, X, Y)
    assert J == pytest.approx(J_vec, rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(dw, dw_vec, rtol=1e-10, atol=1e-12)
    assert db == pytest.approx(db_vec, rel=1e-10, abs=1e-12)


def test_loop_returns_plain_floats_and_a_column():
    # two examples worked by hand: z = (1.5, -1), so J = (log(1 + e^-1.5) + log(1 + e^-1)) / 2
    X, Y = np.array([[1.0, -2.0], [0.0, 1.0]]), np.array([[1.0, 0.0]])
    w, b = np.array([[1.0], [0.5]]), 0.5
    J, dw, db = lh.gradients_loop(w, b, X, Y)
    assert type(J) is float and type(db) is float
    assert dw.shape == (2, 1)
    a1, a2 = 1 / (1 + math.exp(-1.5)), 1 / (1 + math.exp(1.0))
    L1, L2 = math.log1p(math.exp(-1.5)), math.log1p(math.exp(-1.0))  # y = 1, then y = 0
    assert J == pytest.approx((L1 + L2) / 2, rel=1e-15)
    np.testing.assert_allclose(dw, [[((a1 - 1) * 1.0 + a2 * -2.0) / 2], [a2 * 1.0 / 2]], rtol=1e-15)
    assert db == pytest.approx(((a1 - 1) + a2) / 2, rel=1e-15)

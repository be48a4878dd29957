"""loop.py: the lecture's for-loop gives the vectorized numbers."""

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
    X, Y = lh.toy_data(m=20)
    J, dw, db = lh.gradients_loop(np.zeros((2, 1)), 0.0, X, Y)
    assert type(J) is float and type(db) is float
    assert dw.shape == (2, 1)
    assert J == pytest.approx(np.log(2), rel=1e-15)  # w = 0, b = 0: a = 1/2 for every example

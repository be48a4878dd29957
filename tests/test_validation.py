"""validation.py: every kind of bad input gets an error that names what it got and what it wanted."""

import numpy as np
import pytest

import logreg_helpers as lh

X, Y = lh.toy_data(m=30, seed=0)  # X (2, 30), Y (1, 30)
W = np.zeros((2, 1))


@pytest.mark.parametrize(
    "call, error, message",
    [
        # X given as (m, n_x)
        (lambda: lh.forward(W, 0.0, X.T), ValueError, r"X has shape \(30, 2\).*transposed.*\(2, 30\)"),
        (lambda: lh.train(X.T, Y, 0.1, 10), ValueError, r"X looks transposed.*X\.T"),
        (lambda: lh.gradients(W, 0.0, X.T, Y), ValueError, r"X looks transposed"),
        # w of the wrong length or shape
        (lambda: lh.forward(np.zeros((3, 1)), 0.0, X), ValueError, r"w should have shape .*\(2, 1\).*\(3, 1\)"),
        (lambda: lh.forward(np.zeros(2), 0.0, X), ValueError, r"rank-1 array.*w\.reshape\(-1, 1\)"),
        (lambda: lh.forward(np.zeros((1, 2)), 0.0, X), ValueError, r"It is a row.*w\.T"),
        # Y as (m,) or (m, 1): an error, never a silent (m, m) broadcast
        (lambda: lh.gradients(W, 0.0, X, Y.ravel()), ValueError, r"Y has shape \(30,\), a rank-1 array.*\(1, 30\).*reshape"),
        (lambda: lh.gradients(W, 0.0, X, Y.T), ValueError, r"Y has shape \(30, 1\), a column.*\(1, 30\)"),
        (lambda: lh.train(X, Y.ravel(), 0.1, 5), ValueError, r"\(30, 30\)"),
        (lambda: lh.gradients_loop(W, 0.0, X, Y.T), ValueError, r"Y has shape \(30, 1\)"),
        (lambda: lh.cost(np.zeros((1, 30)), Y.T), ValueError, r"Y has shape \(30, 1\)"),
        # Y and X with different m
        (lambda: lh.gradients(W, 0.0, X, Y[:, :20]), ValueError, r"X has 30 examples .* Y has 20 labels"),
        # labels other than 0 and 1
        (lambda: lh.train(X, 2 * Y - 1, 0.1, 5), ValueError, r"only the labels 0 and 1.*-1"),
        (lambda: lh.gradients(W, 0.0, X, Y + 0.5), ValueError, r"also holds 0\.5, 1\.5"),
        # NaN or inf in X
        (lambda: lh.train(np.where(np.arange(30) == 7, np.nan, X), Y, 0.1, 5), ValueError, r"NaN or infinite.*X\[0, 7\] = nan"),
        (lambda: lh.gradients(W, 0.0, np.where(np.arange(30) == 3, np.inf, X), Y), ValueError, r"X\[0, 3\] = inf"),
        (lambda: lh.forward(W, 0.0, np.where(np.arange(30) == 4, np.nan, X)), ValueError, r"X\[0, 4\] = nan"),
        (lambda: lh.gradients_loop(W, 0.0, np.where(np.arange(30) == 5, -np.inf, X), Y), ValueError, r"X\[0, 5\] = -inf"),
        # alpha
        (lambda: lh.train(X, Y, 0, 10), ValueError, r"alpha should be a finite number greater than 0, but it is 0"),
        (lambda: lh.train(X, Y, -0.1, 10), ValueError, r"but it is -0\.1"),
        (lambda: lh.train(X, Y, float("nan"), 10), ValueError, r"but it is nan"),
        (lambda: lh.train(X, Y, float("inf"), 10), ValueError, r"but it is inf"),
        (lambda: lh.train(X, Y, "0.1", 10), TypeError, r"alpha should be a number such as 0\.1, but it is '0\.1'"),
        (lambda: lh.update(W, 0.0, W, 0.0, -1), ValueError, r"greater than 0"),
        # iterations
        (lambda: lh.train(X, Y, 0.1, -5), ValueError, r"iterations should be 0 or more, but it is -5"),
        (lambda: lh.train(X, Y, 0.1, 10.5), ValueError, r"whole number of steps, but it is 10\.5"),
        (lambda: lh.train(X, Y, 0.1, "100"), TypeError, r"whole number such as 1000, but it is '100'"),
        (lambda: lh.train(X, Y, 0.1, None), TypeError, r"but it is None"),
        (lambda: lh.train(X, Y, 0.1, float("inf")), ValueError, r"whole number of steps, but it is inf"),
        # threshold of predict
        (lambda: lh.predict(W, 0.0, X, threshold=1.0), ValueError, r"threshold should be a probability strictly between 0 and 1, but it is 1\.0"),
        (lambda: lh.predict(W, 0.0, X, threshold=0), ValueError, r"strictly between 0 and 1, but it is 0\.0"),
        (lambda: lh.predict(W, 0.0, X, threshold=float("nan")), ValueError, r"but it is nan"),
        (lambda: lh.predict(W, 0.0, X, threshold="0.5"), TypeError, r"probability such as 0\.5, but it is '0\.5'"),
        # b and other types
        (lambda: lh.forward(W, np.zeros((1, 30)), X), TypeError, r"b should be a single number.*\(1, 30\)"),
        (lambda: lh.forward(W, float("nan"), X), ValueError, r"b should be a finite number"),
        (lambda: lh.forward(W, 0.0, [["a", "b"]]), TypeError, r"X should hold numbers.*dtype"),
        (lambda: lh.forward(W, 0.0, X[0]), ValueError, r"X should be a 2-D array.*\(30,\).*reshape\(1, -1\)"),
        (lambda: lh.forward(W, 0.0, np.zeros((2, 0))), ValueError, r"no examples"),
        (lambda: lh.backward(X, np.zeros((1, 29)), Y), ValueError, r"A should have the shape of Y"),
        (lambda: lh.cost(np.array([[np.nan] * 30]), Y), ValueError, r"Z holds 30 value\(s\) that are NaN"),
    ],
)
def test_bad_input_gets_a_teaching_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_whole_number_floats_and_numpy_integers_are_accepted_as_iterations():
    assert lh.train(X, Y, 0.1, 1e2).costs.size == 100
    assert lh.train(X, Y, np.float32(0.1), np.int64(3)).costs.size == 3


def test_integer_and_boolean_arrays_are_accepted_as_data():
    X_int = np.array([[1, 2, 3, 4], [0, 1, 0, 1]])
    Y_bool = np.array([[False, True, False, True]])
    J, dw, db = lh.gradients(np.zeros((2, 1)), 0, X_int, Y_bool)
    assert J == pytest.approx(np.log(2))

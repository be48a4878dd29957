"""validation.py: every kind of bad input gets an error that names what it got and what it wanted."""

import numpy as np
import pytest

import logreg_helpers as lh

X, Y = lh.toy_data(m=30, seed=0)  # X (2, 30), Y (1, 30)
w0 = np.zeros((2, 1))


@pytest.mark.parametrize(
    "call, error, message",
    [
        # X given as (m, n_x)
        (lambda: lh.forward(w0, 0.0, X.T), ValueError, r"X has shape \(30, 2\).*transposed.*\(2, 30\)"),
        (lambda: lh.train(X.T, Y, 0.1, 10), ValueError, r"X looks transposed.*X\.T"),
        (lambda: lh.gradients(w0, 0.0, X.T, Y), ValueError, r"X looks transposed"),
        # w of the wrong length or shape
        (lambda: lh.forward(np.zeros((3, 1)), 0.0, X), ValueError, r"w should have shape .*\(2, 1\).*\(3, 1\)"),
        (lambda: lh.forward(np.zeros(2), 0.0, X), ValueError, r"rank-1 array.*w\.reshape\(-1, 1\)"),
        (lambda: lh.forward(np.zeros((1, 2)), 0.0, X), ValueError, r"It is a row.*w\.T"),
        # Y as (m,) or (m, 1): an error, never a silent (m, m) broadcast
        (lambda: lh.gradients(w0, 0.0, X, Y.ravel()), ValueError, r"Y has shape \(30,\), a rank-1 array.*\(1, 30\).*reshape"),
        (lambda: lh.gradients(w0, 0.0, X, Y.T), ValueError, r"Y has shape \(30, 1\), a column.*\(1, 30\)"),
        (lambda: lh.train(X, Y.ravel(), 0.1, 5), ValueError, r"\(30, 30\)"),
        (lambda: lh.gradients_loop(w0, 0.0, X, Y.T), ValueError, r"Y has shape \(30, 1\)"),
        (lambda: lh.cost(np.zeros((1, 30)), Y.T), ValueError, r"Y has shape \(30, 1\)"),
        # Y and X with different m
        (lambda: lh.gradients(w0, 0.0, X, Y[:, :20]), ValueError, r"X has 30 examples .* Y has 20 labels"),
        # labels other than 0 and 1
        (lambda: lh.train(X, 2 * Y - 1, 0.1, 5), ValueError, r"only the labels 0 and 1.*-1"),
        (lambda: lh.gradients(w0, 0.0, X, Y + 0.5), ValueError, r"also holds 0\.5, 1\.5"),
        # NaN or inf in X
        (lambda: lh.train(np.where(np.arange(30) == 7, np.nan, X), Y, 0.1, 5), ValueError, r"NaN or infinite.*X\[0, 7\] = nan"),
        (lambda: lh.gradients(w0, 0.0, np.where(np.arange(30) == 3, np.inf, X), Y), ValueError, r"X\[0, 3\] = inf"),
        (lambda: lh.forward(w0, 0.0, np.where(np.arange(30) == 4, np.nan, X)), ValueError, r"X\[0, 4\] = nan"),
        (lambda: lh.gradients_loop(w0, 0.0, np.where(np.arange(30) == 5, -np.inf, X), Y), ValueError, r"X\[0, 5\] = -inf"),
        # a starting point so large that wᵀX + b overflows
        (lambda: lh.train(X, Y, 0.1, 5, w=np.full((2, 1), 1e308)), ValueError, r"cost overflowed although X is finite"),
        (lambda: lh.gradients(np.full((2, 1), 1e308), 0.0, X, Y), ValueError, r"cost overflowed although X is finite"),
        # alpha
        (lambda: lh.train(X, Y, 0, 10), ValueError, r"alpha should be a finite number greater than 0, but it is 0"),
        (lambda: lh.train(X, Y, -0.1, 10), ValueError, r"but it is -0\.1"),
        (lambda: lh.train(X, Y, float("nan"), 10), ValueError, r"but it is nan"),
        (lambda: lh.train(X, Y, float("inf"), 10), ValueError, r"but it is inf"),
        (lambda: lh.train(X, Y, "0.1", 10), TypeError, r"alpha should be a number such as 0\.1, but it is '0\.1'"),
        (lambda: lh.update(w0, 0.0, w0, 0.0, -1), ValueError, r"greater than 0"),
        # iterations
        (lambda: lh.train(X, Y, 0.1, -5), ValueError, r"iterations should be 0 or more, but it is -5"),
        (lambda: lh.train(X, Y, 0.1, 10.5), ValueError, r"whole number of steps, but it is 10\.5"),
        (lambda: lh.train(X, Y, 0.1, "100"), TypeError, r"whole number such as 1000, but it is '100'"),
        (lambda: lh.train(X, Y, 0.1, None), TypeError, r"but it is None"),
        (lambda: lh.train(X, Y, 0.1, float("inf")), ValueError, r"whole number of steps, but it is inf"),
        # threshold of predict
        (lambda: lh.predict(w0, 0.0, X, threshold=1.0), ValueError, r"threshold should be a probability strictly between 0 and 1, but it is 1\.0"),
        (lambda: lh.predict(w0, 0.0, X, threshold=0), ValueError, r"strictly between 0 and 1, but it is 0\.0"),
        (lambda: lh.predict(w0, 0.0, X, threshold=float("nan")), ValueError, r"but it is nan"),
        (lambda: lh.predict(w0, 0.0, X, threshold="0.5"), TypeError, r"probability such as 0\.5, but it is '0\.5'"),
        # b and other types
        (lambda: lh.forward(w0, np.zeros((1, 30)), X), TypeError, r"b should be a single number.*\(1, 30\)"),
        (lambda: lh.forward(w0, float("nan"), X), ValueError, r"b should be a finite number"),
        (lambda: lh.forward(w0, 0.0, [["a", "b"]]), TypeError, r"X should hold numbers.*dtype"),
        (lambda: lh.forward(w0, 0.0, X[0]), ValueError, r"X should be a 2-D array.*\(30,\).*reshape\(1, -1\)"),
        (lambda: lh.forward(w0, 0.0, np.zeros((2, 0))), ValueError, r"no examples"),
        (lambda: lh.backward(X, np.zeros((1, 29)), Y), ValueError, r"A should have the shape of Y"),
        (lambda: lh.cost(np.array([[np.nan] * 30]), Y), ValueError, r"Z holds 30 value\(s\) that are NaN"),
        (lambda: lh.cost(np.zeros((2, 30)), Y), ValueError, r"Z should have the shape of Y, \(1, m\).*\(2, 30\)"),
        (lambda: lh.backward(X, np.full(30, 0.5), Y), ValueError, r"A should have the shape of Y.*rank-1.*A\.reshape\(1, -1\)"),
        # NaN or inf anywhere else: the same message, with what to do about it
        (lambda: lh.forward(np.array([[0.0], [np.nan]]), 0.0, X), ValueError, r"w holds 1 value\(s\) that are NaN.*w\[1, 0\] = nan\. Start from finite weights"),
        (lambda: lh.update(w0, 0.0, np.array([[np.inf], [0.0]]), 0.0, 0.1), ValueError, r"dw\[0, 0\] = inf\. dw = X dZᵀ / m"),
        (lambda: lh.backward(np.where(np.arange(30) == 2, np.nan, X), np.full((1, 30), 0.5), Y), ValueError, r"X\[0, 2\] = nan"),
        (lambda: lh.backward(X, np.full((1, 30), np.nan), Y), ValueError, r"A\[0, 0\] = nan"),
        (lambda: lh.largest_safe_alpha(np.where(np.arange(30) == 6, np.inf, X)), ValueError, r"X\[0, 6\] = inf"),
        (lambda: lh.standardize(np.where(np.arange(30) == 1, np.nan, X)), ValueError, r"X\[0, 1\] = nan"),
        # a masked array: its mask would be ignored, so it is refused
        (lambda: lh.train(np.ma.masked_greater(X, 2.0), Y, 0.1, 5), TypeError, r"X is a masked array.*X\.filled\(value\)"),
        (lambda: lh.gradients(w0, 0.0, X, np.ma.masked_equal(Y, 1)), TypeError, r"Y is a masked array"),
        (lambda: lh.forward(w0, 0.0, np.ma.array(X)), TypeError, r"X is a masked array"),
        # the loss of one example: a label, and one label per logit
        (lambda: lh.loss(0.3, 2), ValueError, r"The label y should be 0 or 1, but it is 2"),
        (lambda: lh.loss(np.zeros(3), np.array([0.0, 1.0, 2.0])), ValueError, r"y should hold only the labels 0 and 1, but it also holds 2"),
        (lambda: lh.loss(np.zeros((1, 5)), np.zeros((5, 1))), ValueError, r"would broadcast to \(5, 5\), a loss for every pair"),
        (lambda: lh.loss(np.zeros(3), np.zeros(4)), ValueError, r"\(3,\) and y has shape \(4,\): they do not fit together"),
        # standardize with statistics that cannot scale
        (lambda: lh.standardize(X, std=np.array([[1.0], [0.0]])), ValueError, r"std\[1, 0\] = 0\.0"),
        (lambda: lh.standardize(X, mean=np.zeros(2)), ValueError, r"mean should have shape \(n_x, 1\) = \(2, 1\), one mean per row of X.*rank-1"),
    ],
)
def test_bad_input_gets_a_teaching_error(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_each_public_call_checks_X_once(monkeypatch):
    from logreg_helpers import validation

    calls = []
    check_X = validation.check_X
    monkeypatch.setattr(validation, "check_X", lambda *a: calls.append(1) or check_X(*a))
    for call in (lambda: lh.train(X, Y, 0.1, 3), lambda: lh.gradients(w0, 0.0, X, Y),
                 lambda: lh.gradients_loop(w0, 0.0, X, Y), lambda: lh.forward(w0, 0.0, X),
                 lambda: lh.backward(X, np.full((1, 30), 0.5), Y)):
        calls.clear()
        call()
        assert len(calls) == 1


def test_whole_number_floats_and_numpy_integers_are_accepted_as_iterations():
    assert lh.train(X, Y, 0.1, 1e2).costs.size == 100
    assert lh.train(X, Y, np.float32(0.1), np.int64(3)).costs.size == 3


def test_integer_and_boolean_arrays_are_accepted_as_data():
    X_int = np.array([[1, 2, 3, 4], [0, 1, 0, 1]])
    Y_bool = np.array([[False, True, False, True]])
    J, dw, db = lh.gradients(np.zeros((2, 1)), 0, X_int, Y_bool)
    assert J == pytest.approx(np.log(2))

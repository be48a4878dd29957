"""validation.py: every kind of bad input gets an error that names what it got and what it wanted."""

import warnings

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
        (lambda: lh.forward(np.zeros((0, 1)), 0.0, np.zeros((0, 30))), ValueError, r"X has no features \(n_x = 0\): there is nothing to learn from"),
        (lambda: lh.forward(w0, 0.0, X + 1j), TypeError, r"X holds complex numbers; logistic regression needs real ones"),
        (lambda: lh.cost(None, Y), TypeError, r"Z should be a numpy array of numbers, but it is None"),
        (lambda: lh.forward(w0, "0.5", X), TypeError, r"b should be a number, but it is '0\.5'"),
        (lambda: lh.forward(w0, None, X), TypeError, r"b should be a number, but it is None"),
        (lambda: lh.forward(w0, True, X), TypeError, r"b should be a number, but it is True"),
        (lambda: lh.forward(w0, [0.1, 0.2], X), TypeError, r"^b should be a single number \(a float\), but it has shape a list\. The bias is shared by all examples; numpy broadcasts it for you\.$"),
        (lambda: lh.gradients(w0, 0.0, X, np.vstack([Y, Y])), ValueError, r"Y should have shape \(1, m\) = \(1, 30\), one label per column of X, but it has shape \(2, 30\)"),
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


# Each message in full, once: the wording is what a student reads, so a change to it is a change
# a test should notice. (The table above checks that each bad input is caught by the right check.)
@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: lh.forward(w0, 0.0, X.T), ValueError,
         'X has shape (30, 2) but w has 2 rows: X looks transposed. Put one example per column, so that X has shape (n_x, m) = (2, 30); X.T does that.'),
        # w given as a rank-1 array of n_x weights: its length still tells a transposed X
        (lambda: lh.forward(w0.ravel(), 0.0, X.T), ValueError,
         'X has shape (30, 2) but w has 2 rows: X looks transposed. Put one example per column, so that X has shape (n_x, m) = (2, 30); X.T does that.'),
        (lambda: lh.train(X.T, Y, 0.1, 1), ValueError,
         'X has shape (30, 2) and Y has 30 labels: X looks transposed. Put one example per column, so that X has shape (n_x, m) = (2, 30); X.T does that.'),
        (lambda: lh.gradients(w0, 0.0, X, Y[:, :20]), ValueError,
         'X has 30 examples (columns) but Y has 20 labels; every example needs exactly one label.'),
        (lambda: lh.gradients(w0, 0.0, X, Y.ravel()), ValueError,
         'Y has shape (30,), a rank-1 array, but the labels go in a row of shape (1, m) = (1, 30), one label under each column of X. Use Y.reshape(1, -1). (Mixing the two shapes would broadcast to (30, 30) and give wrong numbers.)'),
        (lambda: lh.gradients(w0, 0.0, X, Y.T), ValueError,
         'Y has shape (30, 1), a column, but the labels go in a row of shape (1, m) = (1, 30), one label under each column of X. Use Y.reshape(1, -1). (Mixing the two shapes would broadcast to (30, 30) and give wrong numbers.)'),
        (lambda: lh.train(X, 2 * Y - 1, 0.1, 5), ValueError,
         'Y should hold only the labels 0 and 1, but it also holds -1. Logistic regression predicts one of two classes: map your classes to 0 and 1 first.'),
        (lambda: lh.train(X, np.arange(30.0).reshape(1, -1), 0.1, 5), ValueError,
         'Y should hold only the labels 0 and 1, but it also holds 2, 3, 4, 5, 6, .... Logistic regression predicts one of two classes: map your classes to 0 and 1 first.'),
        (lambda: lh.loss(0.3, 2), ValueError,
         'The label y should be 0 or 1, but it is 2.'),
        (lambda: lh.forward(np.zeros(2), 0.0, X), ValueError,
         'w should have shape (n_x, 1) = (2, 1), one weight per row of X, but it has shape (2,). It is a rank-1 array; make it a column with w.reshape(-1, 1).'),
        (lambda: lh.forward(np.zeros((1, 2)), 0.0, X), ValueError,
         'w should have shape (n_x, 1) = (2, 1), one weight per row of X, but it has shape (1, 2). It is a row; make it a column with w.T.'),
        (lambda: lh.forward(np.zeros((3, 1)), 0.0, X), ValueError,
         'w should have shape (n_x, 1) = (2, 1), one weight per row of X, but it has shape (3, 1).'),
        (lambda: lh.forward(np.array([[0.0], [np.nan]]), 0.0, X), ValueError,
         'w holds 1 value(s) that are NaN or infinite; the first is w[1, 0] = nan. Start from finite weights, for example zeros.'),
        (lambda: lh.train(np.where(np.arange(30) == 7, np.nan, X), Y, 0.1, 5), ValueError,
         'X holds 2 value(s) that are NaN or infinite; the first is X[0, 7] = nan. Gradient descent cannot learn from missing or infinite values: drop those examples or fill them in first.'),
        (lambda: lh.forward(w0, 0.0, X[0]), ValueError,
         'X should be a 2-D array with one example per column, but it has shape (30,). For a single row, use X.reshape(1, -1).'),
        (lambda: lh.forward(w0, 0.0, X[None]), ValueError,
         'X should be a 2-D array with one example per column, but it has shape (1, 2, 30).'),
        (lambda: lh.forward(w0, 0.0, "X"), TypeError,
         "X should be a numpy array of numbers, but it is 'X'."),
        (lambda: lh.forward(w0, 0.0, np.ma.array(X)), TypeError,
         'X is a masked array. Its mask would be ignored: the values hidden under it would count as data. Drop the masked entries first, or fill them in, for example with X.filled(value).'),
        (lambda: lh.backward(X, np.full(30, 0.5), Y), ValueError,
         'A should have the shape of Y, (1, m) = (1, 30): one value per example, but it has shape (30,). It is a rank-1 array; make it a row with A.reshape(1, -1).'),
        (lambda: lh.cost(np.zeros((2, 30)), Y), ValueError,
         'Z should have the shape of Y, (1, m): one value per example, but it has shape (2, 30).'),
        (lambda: lh.cost(np.array([["a"] * 30]), Y), TypeError,
         'Z should hold numbers, but its dtype is <U1. Convert it first, for example with np.asarray(Z, dtype=float).'),
        (lambda: lh.cost(np.array([[np.nan] * 30]), Y), ValueError,
         'Z holds 30 value(s) that are NaN or infinite; the first is Z[0, 0] = nan. Z = wᵀX + b: look for the NaN or inf in X, w or b.'),
        (lambda: lh.train(X, Y, "0.1", 10), TypeError,
         "The learning rate alpha should be a number such as 0.1, but it is '0.1'."),
        (lambda: lh.train(X, Y, True, 10), TypeError,
         'The learning rate alpha should be a number such as 0.1, but it is True.'),
        (lambda: lh.train(X, Y, 0, 10), ValueError,
         'The learning rate alpha should be a finite number greater than 0, but it is 0.0. Gradient descent steps *against* the gradient by alpha times its size: try a value such as 0.1.'),
        (lambda: lh.train(X, Y, 0.1, "100"), TypeError,
         "iterations should be a whole number such as 1000, but it is '100'."),
        (lambda: lh.train(X, Y, 0.1, 10.5), ValueError,
         'iterations should be a whole number of steps, but it is 10.5. You cannot take part of a gradient step.'),
        (lambda: lh.train(X, Y, 0.1, -5), ValueError,
         'iterations should be 0 or more, but it is -5.'),
        (lambda: lh.predict(w0, 0.0, X, threshold="0.5"), TypeError,
         "The threshold should be a probability such as 0.5, but it is '0.5'."),
        (lambda: lh.predict(w0, 0.0, X, threshold=1.0), ValueError,
         'The threshold should be a probability strictly between 0 and 1, but it is 1.0. predict says 1 where σ(z) is above it, and σ(z) lies between 0 and 1: try 0.5.'),
        (lambda: lh.forward(w0, float("inf"), X), ValueError,
         'b should be a finite number, but it is inf.'),
        (lambda: lh.forward(w0, np.zeros((1, 30)), X), TypeError,
         'b should be a single number (a float), but it has shape (1, 30). The bias is shared by all examples; numpy broadcasts it for you.'),
        (lambda: lh.standardize(X, mean=np.zeros(2)), ValueError,
         'mean should have shape (n_x, 1) = (2, 1), one mean per row of X, but it has shape (2,). It is a rank-1 array; make it a column with mean.reshape(-1, 1).'),
        (lambda: lh.standardize(X, std=np.ones((1, 2))), ValueError,
         'std should have shape (n_x, 1) = (2, 1), one standard deviation per row of X, but it has shape (1, 2). It is a row; make it a column with std.T.'),
        (lambda: lh.relative_difference(("a",), (1.0,)), TypeError,
         "grads should be a numpy array of numbers, but it is 'a'."),
        (lambda: lh.relative_difference((1.0,), ("a",)), TypeError,
         "grads_num should be a numpy array of numbers, but it is 'a'."),
        (lambda: lh.update(np.zeros(2), 0.0, np.zeros(2), 0.0, 0.1), ValueError,
         'w should have shape (n_x, 1), one weight per row of X, but it has shape (2,). It is a rank-1 array; make it a column with w.reshape(-1, 1).'),
        (lambda: lh.update(np.zeros((1, 2)), 0.0, np.zeros((1, 2)), 0.0, 0.1), ValueError,
         'w should have shape (n_x, 1), one weight per row of X, but it has shape (1, 2). It is a row; make it a column with w.T.'),
        (lambda: lh.update(np.zeros((0, 1)), 0.0, np.zeros((0, 1)), 0.0, 0.1), ValueError,
         'w should have shape (n_x, 1), one weight per row of X, but it has shape (0, 1).'),
        (lambda: lh.update(np.zeros((2, 2)), 0.0, np.zeros((2, 2)), 0.0, 0.1), ValueError,
         'w should have shape (n_x, 1), one weight per row of X, but it has shape (2, 2).'),
        (lambda: lh.forward(0.5, 0.0, X), ValueError,
         'w should have shape (n_x, 1) = (2, 1), one weight per row of X, but it has shape ().'),
        (lambda: lh.gradients(w0, 0.0, X, Y.ravel()[:20]), ValueError,
         'X has 30 examples (columns) but Y has 20 labels; every example needs exactly one label.'),
        (lambda: lh.gradients(w0, 0.0, X, 1.0), ValueError,
         'Y should have shape (1, m) = (1, 30), one label per column of X, but it has shape ().'),
        (lambda: lh.sigmoid("a"), TypeError,
         "z should be a numpy array of numbers, but it is 'a'."),
        (lambda: lh.loss("a", 1), TypeError,
         "z should be a numpy array of numbers, but it is 'a'."),
        (lambda: lh.loss(0.0, np.array(["a"])), TypeError,
         'y should hold numbers, but its dtype is <U1. Convert it first, for example with np.asarray(y, dtype=float).'),
        (lambda: lh.standardize(X, mean=np.array([["a"], ["b"]])), TypeError,
         'mean should hold numbers, but its dtype is <U1. Convert it first, for example with np.asarray(mean, dtype=float).'),
        (lambda: lh.standardize(X, mean=np.array([[np.nan], [0.0]])), ValueError,
         'mean holds 1 value(s) that are NaN or infinite; the first is mean[0, 0] = nan. Remove or replace them first.'),
        (lambda: lh.forward(w0, np.array(["a"]), X), TypeError,
         'b should hold numbers, but its dtype is <U1. Convert it first, for example with np.asarray(b, dtype=float).'),
        (lambda: lh.gradients(w0, 0.0, X, (np.arange(30) % 7.0)[None]), ValueError,
         'Y should hold only the labels 0 and 1, but it also holds 2, 3, 4, 5, 6. Logistic regression predicts one of two classes: map your classes to 0 and 1 first.'),
        (lambda: lh.gradients(w0, 0.0, X, (np.arange(30) % 8.0)[None]), ValueError,
         'Y should hold only the labels 0 and 1, but it also holds 2, 3, 4, 5, 6, .... Logistic regression predicts one of two classes: map your classes to 0 and 1 first.'),
    ],
)
def test_every_message_in_full(call, error, message):
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value) == message


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


def test_a_bias_given_as_a_one_element_array_is_one_number():
    for b in (np.float32(0.25), np.array(0.25), np.array([[0.25]]), np.int64(1) / 4):
        Z, _ = lh.forward(w0 + 1, b, X)
        np.testing.assert_array_equal(Z, X.sum(axis=0, keepdims=True) + 0.25)
    _, _, db = lh.gradients(w0, np.array([0.25]), X, Y)
    assert type(db) is float


def test_a_sum_that_overflows_is_not_mistaken_for_an_inf():
    from logreg_helpers.validation import check_finite

    big = np.full((1, 5000), 1e308)  # every entry finite; their sum is not
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_finite(big) is None
        assert check_finite(big[:, :10]) is None  # a small array, checked entry by entry
    big[0, 4321] = np.inf
    with pytest.raises(ValueError, match=r"X holds 1 value\(s\) that are NaN or infinite; the first is X\[0, 4321\] = inf"):
        check_finite(big)
    big[0, 10] = -np.inf  # inf - inf is NaN: still an error in words, not a RuntimeWarning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"X holds 2 value\(s\) that are NaN or infinite; the first is X\[0, 10\] = -inf"):
            check_finite(big)


def test_integer_and_boolean_arrays_are_accepted_as_data():
    X_int = np.array([[1, 2, 3, 4], [0, 1, 0, 1]])
    Y_bool = np.array([[False, True, False, True]])
    w = np.array([[0.5], [-1]])  # an integer-valued w is fine too
    J, dw, db = lh.gradients(w, 1, X_int, Y_bool)
    J_ref, dw_ref, db_ref = lh.gradients(w.astype(float), 1.0, X_int * 1.0, Y_bool * 1.0)
    assert (J, db) == (J_ref, db_ref) and np.array_equal(dw, dw_ref)
    # z = wᵀx + b = (1.5, 1, 2.5, 2): L = log(1 + e^z) where y = 0, log(1 + e^-z) where y = 1
    assert J == pytest.approx(np.mean(np.log1p(np.exp([1.5, -1.0, 2.5, -2.0]))), rel=1e-15)

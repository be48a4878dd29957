"""vectorized.py against independent oracles: scikit-learn's loss and fit, finite differences."""

import math
import warnings

import numpy as np
import pytest
from conftest import curvature_bound, problems, tight_problem
from hypothesis import given
from sklearn._loss.loss import HalfBinomialLoss
from sklearn.linear_model import LogisticRegression
from sklearn.linear_model._linear_loss import LinearModelLoss

import logreg_helpers as lh
from logreg_helpers.blocked import BLOCK


def sklearn_cost_and_gradient(w, b, X, Y):
    """scikit-learn's own mean binomial loss and its gradient: an independent implementation."""
    model = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
    J, g = model.loss_gradient(np.append(w.ravel(), b), np.ascontiguousarray(X.T), Y.ravel())
    return J, g[:-1].reshape(-1, 1), g[-1]


def random_problem(n_x, m, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    w = rng.normal(scale=scale, size=(n_x, 1))
    return w, float(rng.normal()), X, Y


SHAPES = [(1, 1), (1, 7), (2, 1), (2, 200), (5, 3), (30, 569), (3, BLOCK + 17)]


@pytest.mark.parametrize("n_x, m", SHAPES)
def test_gradients_agree_with_scikit_learn(n_x, m):
    w, b, X, Y = random_problem(n_x, m, seed=n_x * 1000 + m)
    J, dw, db = lh.gradients(w, b, X, Y)
    J_ref, dw_ref, db_ref = sklearn_cost_and_gradient(w, b, X, Y)
    assert isinstance(J, float) and isinstance(db, float)
    assert dw.shape == (n_x, 1)
    assert J == pytest.approx(J_ref, rel=1e-12)
    np.testing.assert_allclose(dw, dw_ref, rtol=1e-12, atol=1e-15)
    assert db == pytest.approx(db_ref, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("n_x, m", SHAPES)
def test_gradients_equal_the_formula_path(n_x, m):
    w, b, X, Y = random_problem(n_x, m, seed=7 + m)
    Z, A = lh.forward(w, b, X)
    dw, db = lh.backward(X, A, Y)
    J, dw_blocked, db_blocked = lh.gradients(w, b, X, Y)
    assert J == pytest.approx(lh.cost(Z, Y), rel=1e-12)
    np.testing.assert_allclose(dw_blocked, dw, rtol=1e-12, atol=1e-15)
    assert db_blocked == pytest.approx(db, rel=1e-12, abs=1e-15)


@given(problems(max_n_x=4, max_m=12, w_bound=3, x_bound=4))
def test_gradient_equals_finite_differences(problem):
    w, b, (X, Y) = problem
    _, dw, db = lh.gradients(w, b, X, Y)
    dw_num, db_num = lh.numerical_gradient(lambda w, b: lh.cost(lh.forward(w, b, X)[0], Y), w, b)
    # absolute tolerance: the gradient may be exactly zero, where a relative one means nothing
    np.testing.assert_allclose(dw, dw_num, rtol=1e-6, atol=1e-8)
    assert db == pytest.approx(db_num, rel=1e-6, abs=1e-8)


def test_forward_shapes_and_values():
    w, b = np.array([[1.0], [-2.0]]), 0.5
    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])
    Z, A = lh.forward(w, b, X)
    np.testing.assert_array_equal(Z, [[1.5, -1.5, 0.5]])  # w1 x1 + w2 x2 + b, column by column
    np.testing.assert_allclose(A, 1 / (1 + np.exp(-Z)), rtol=1e-15)


def test_cost_from_logits_stays_exact_where_the_naive_cost_breaks():
    Z = np.array([[50.0, -50.0, 800.0]])
    Y = np.array([[0.0, 1.0, 1.0]])
    with np.errstate(all="ignore"):
        naive = np.mean(lh.naive_loss(lh.naive_sigmoid(Z), Y))
    assert not np.isfinite(naive)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        J = lh.cost(Z, Y)
    assert J == pytest.approx((50 + np.log1p(np.exp(-50)) + 50 + np.log1p(np.exp(-50))
                               + np.log1p(np.exp(-800))) / 3, rel=1e-15)


def test_update_takes_one_step_against_the_gradient_and_returns_new_values():
    w, dw = np.array([[1.0], [2.0]]), np.array([[0.5], [-1.0]])
    w.flags.writeable = False
    dw.flags.writeable = False
    w_new, b_new = lh.update(w, 0.25, dw, 0.5, alpha=0.1)
    np.testing.assert_allclose(w_new, [[0.95], [2.1]])
    assert b_new == pytest.approx(0.2)
    assert isinstance(b_new, float)
    np.testing.assert_array_equal(w, [[1.0], [2.0]])


def test_train_reaches_scikit_learns_solution_on_real_data():
    X, Y, _ = lh.breast_cancer(("mean radius", "mean texture"))  # not separable
    X, _, _ = lh.standardize(X)
    ref = LogisticRegression(C=np.inf, solver="newton-cg", tol=1e-14, max_iter=1000)
    ref.fit(X.T, Y.ravel())
    result = lh.train(X, Y, alpha=5.0, iterations=2000)
    assert not result.diverged
    np.testing.assert_allclose(result.w.ravel(), ref.coef_.ravel(), rtol=0, atol=1e-6)
    assert result.b == pytest.approx(ref.intercept_[0], abs=1e-6)
    Z_ref = ref.decision_function(X.T).reshape(1, -1)
    assert result.cost == pytest.approx(lh.cost(Z_ref, Y), abs=1e-10)


def test_train_records_the_cost_before_each_update():
    X, Y = lh.toy_data(m=60, seed=2)
    result = lh.train(X, Y, alpha=0.3, iterations=5)
    w, b = np.zeros((2, 1)), 0.0
    for i in range(5):
        J, dw, db = lh.gradients(w, b, X, Y)
        assert result.costs[i] == pytest.approx(J, rel=1e-15)
        w, b = lh.update(w, b, dw, db, 0.3)
    np.testing.assert_allclose(result.w, w, rtol=1e-15)
    assert result.cost == pytest.approx(lh.gradients(w, b, X, Y)[0], rel=1e-15)


def test_a_finished_run_says_so():
    X, Y = lh.toy_data(m=60, seed=2)
    result = lh.train(X, Y, 0.25, 30)
    assert result.diverged is False
    assert result.message == f"Finished 30 iterations with alpha = 0.25: J = {result.cost:.6f}."


def test_zero_iterations_return_the_start():
    X, Y = lh.toy_data(m=10)
    w0 = np.array([[0.1], [0.2]])
    result = lh.train(X, Y, 0.1, 0, w=w0, b=0.3)
    np.testing.assert_array_equal(result.w, w0)
    assert result.b == 0.3 and result.costs.size == 0 and not result.diverged


@pytest.mark.parametrize("alpha", [50.0, 1e6, 1e308])
def test_diverging_run_stops_warns_and_returns_finite_parameters(alpha):
    X, Y = lh.toy_data(m=100, seed=1)
    with pytest.warns(lh.DivergenceWarning, match="learning rate alpha = .* is too large"):
        result = lh.train(X, Y, alpha, 1000)
    assert result.diverged
    assert "Diverged" in result.message
    assert np.isfinite(result.w).all() and np.isfinite(result.b) and np.isfinite(result.cost)
    assert result.costs.size < 1000
    assert result.costs[-1] > result.costs[0]  # the cost that rose is the last one recorded
    assert result.cost == result.costs[-2]
    # the parameters returned are the last good ones, and .cost is their cost
    assert result.cost == pytest.approx(lh.gradients(result.w, result.b, X, Y)[0], rel=1e-15)


def test_the_divergence_warning_says_what_happened_in_numbers():
    # a start from which a few steps go well before one overshoots: the numbers differ
    X, Y = lh.toy_data(m=100, seed=1)
    with pytest.warns(lh.DivergenceWarning) as record:
        result = lh.train(X, Y, 59.0, 1000, w=np.array([[6.6], [2.2]]), b=-4.2)
    i = result.costs.size - 1  # the iteration whose step made the cost rise
    costs = result.costs
    assert i >= 3 and len({f"{c:.4g}" for c in costs}) == costs.size
    assert result.message == (
        f"Diverged at iteration {i}: the cost rose from {costs[0]:.4g} to {costs[-1]:.4g}. "
        "The learning rate alpha = 59 is too large; try a smaller one. "
        f"Returning the parameters from iteration {i - 1}.")
    assert len(record) == 1 and str(record[0].message) == result.message
    # named by the function, not by a file path that differs between machines
    assert (record[0].filename, record[0].lineno) == ("logreg_helpers.train", i)


def test_update_checks_the_gradient_against_the_weights():
    w_new, b_new = lh.update(np.ones((1, 1)), 0.0, np.ones((1, 1)), 1.0, 0.5)  # one feature
    assert w_new.tolist() == [[0.5]] and b_new == -0.5
    w = np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"dw should have shape \(n_x, 1\) = \(2, 1\)"):
        lh.update(w, 0.0, np.zeros((3, 1)), 0.0, 0.1)
    with pytest.raises(ValueError, match=r"^db should be a finite number, but it is nan\.$"):
        lh.update(w, 0.0, w, float("nan"), 0.1)
    with pytest.raises(TypeError, match=r"^db should be a single number"):
        lh.update(w, 0.0, w, np.zeros(2), 0.1)


def test_a_rise_on_the_very_last_step_is_caught():
    X, Y = lh.toy_data(m=100, seed=1)
    with pytest.warns(lh.DivergenceWarning, match="Diverged at iteration 1"):
        result = lh.train(X, Y, 50.0, 1)
    assert result.diverged and result.costs.size == 2
    assert result.costs[1] > result.costs[0] == result.cost
    np.testing.assert_array_equal(result.w, np.zeros((2, 1)))


def test_a_good_learning_rate_does_not_trigger_the_divergence_check():
    X, Y = lh.toy_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = lh.train(X, Y, alpha=1.0, iterations=3000)
        # warm start at the optimum: the cost stays flat to rounding and must not count as a rise
        again = lh.train(X, Y, alpha=1.0, iterations=100, w=result.w, b=result.b)
    assert not result.diverged and not again.diverged


def test_predict_thresholds_at_one_half():
    w, b = np.array([[1.0]]), -1.0
    X = np.array([[0.0, 0.999, 1.0, 1.001, 3.0]])  # z = x - 1: σ(z) = 1/2 exactly at x = 1
    y_hat = lh.predict(w, b, X)
    assert y_hat.dtype != np.bool_ and np.issubdtype(y_hat.dtype, np.integer)
    assert y_hat.tolist() == [[0, 0, 0, 1, 1]]  # exactly 1/2 is not above 1/2
    assert y_hat.sum() == 2 and (1 - y_hat).tolist() == [[1, 1, 1, 0, 0]]  # arithmetic as on 0/1


def test_predictions_are_integers_that_count_and_compare_with_labels():
    # what a notebook does with them: count the 1s, compare with Y, take an accuracy
    X, Y = lh.toy_data(m=80, seed=4)
    w, b = np.array([[0.5], [1.5]]), -0.25
    y_hat = lh.predict(w, b, X)
    assert y_hat.shape == (1, 80) and y_hat.dtype.kind == "i"
    assert set(np.unique(y_hat)) == {0, 1}
    z = [float(w[0, 0] * x1 + w[1, 0] * x2 + b) for x1, x2 in X.T]
    assert y_hat[0].tolist() == [int(zi > 0) for zi in z]
    assert int(y_hat.sum()) == sum(zi > 0 for zi in z)
    assert (y_hat - Y).min() >= -1 and (y_hat - Y).max() <= 1  # booleans cannot subtract
    assert np.mean(y_hat == Y) == np.mean([int(zi > 0) == y for zi, y in zip(z, Y[0])])


def test_a_step_that_overflows_is_caught():
    # Large inputs and an absurd alpha: alpha dw is beyond the largest float on the first step.
    X, Y = lh.toy_data(m=100, seed=1)
    X = X * 1e3
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow warning from numpy either
        with pytest.warns(lh.DivergenceWarning, match="Diverged at iteration 1"):
            result = lh.train(X, Y, 1e308, 10, keep_path=True)
    assert result.diverged
    np.testing.assert_array_equal(result.w, np.zeros((2, 1)))  # the start: no step was good
    assert result.b == 0.0 and np.isfinite(result.cost)
    assert result.costs.tolist() == [result.cost, np.inf]
    assert result.cost == lh.gradients(result.w, result.b, X, Y)[0]
    assert result.path.tolist() == [[0.0, 0.0, 0.0]]  # the path kept: the start alone


@pytest.mark.parametrize("alpha, iterations", [(50.0, 1000), (5e3, 10), (1e308, 5)])
def test_a_diverged_run_returns_parameters_whose_cost_is_its_cost(alpha, iterations):
    X, Y = lh.toy_data(m=50, seed=8)
    w0 = np.array([[0.3], [-0.2]])
    with pytest.warns(lh.DivergenceWarning):
        result = lh.train(X, Y, alpha, iterations, w=w0, b=0.1)
    assert result.diverged and result.message.startswith("Diverged at iteration")
    J, _, _ = lh.gradients(result.w, result.b, X, Y)
    assert result.cost == J == result.costs[-2]
    assert result.costs[-1] > result.costs[0]
    # the returned parameters are those of the last good step: replay the run up to there
    w, b = w0, 0.1
    for _ in range(result.costs.size - 2):
        _, dw, db = lh.gradients(w, b, X, Y)
        w, b = lh.update(w, b, dw, db, alpha)
    np.testing.assert_array_equal(result.w, w)
    assert result.b == b


def test_the_divergence_check_tolerates_rounding_but_not_a_real_rise():
    # From ε v, v the top eigenvector of the tight problem, a step just above 2/β makes the
    # cost rise by about 2 β ε² (alpha β / 2 - 1): as little or as much as we choose. Rounding
    # moves J by about 1e-15 of itself; the check lets J rise by up to about 1e-9 of itself.
    X, Y = tight_problem()
    beta, v_w, v_b = curvature_bound(X, Y)
    alpha = 1.01 * 2 / beta
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tiny = lh.train(X, Y, alpha, 1, w=2e-5 * v_w, b=2e-5 * v_b)
    rise = (tiny.cost - tiny.costs[0]) / tiny.costs[0]
    assert 1e-13 < rise < 1e-10  # a rise of rounding's order: not a divergence
    assert not tiny.diverged
    with pytest.warns(lh.DivergenceWarning):
        small = lh.train(X, Y, alpha, 1, w=3e-3 * v_w, b=3e-3 * v_b)
    assert small.diverged
    assert 1e-8 < (small.costs[1] - small.costs[0]) / small.costs[0] < 1e-6


@pytest.mark.parametrize("scale", [1e150, 1e300, 1e308])
def test_gradients_are_exact_or_raise_never_nan(scale):
    # At these weights |z| is huge, so σ(z) is exactly 0 or 1 and L = max(z, 0) - y z exactly.
    X, Y = lh.toy_data(m=30, seed=2)
    w = np.array([[1.0], [-1.0]]) * scale
    z = [scale * float(x1) - scale * float(x2) for x1, x2 in X.T]  # Python floats: inf, no warning
    if not all(map(math.isfinite, z)):
        with pytest.raises(ValueError, match="overflowed although X is finite"):
            lh.gradients(w, 0.0, X, Y)
        return
    J, dw, db = lh.gradients(w, 0.0, X, Y)
    dz = [float(zi > 0) - y for zi, y in zip(z, Y[0])]
    assert J == pytest.approx(sum(max(zi, 0) - y * zi for zi, y in zip(z, Y[0])) / 30, rel=1e-14)
    np.testing.assert_allclose(dw.ravel(), X @ dz / 30, rtol=1e-14)
    assert db == pytest.approx(sum(dz) / 30, rel=1e-14)


@pytest.mark.parametrize("threshold", [0.05, 0.2, 0.5, 0.8, 0.99])
def test_predict_says_1_where_the_probability_exceeds_the_threshold(threshold):
    w, b, X, _ = random_problem(3, 400, seed=21, scale=5.0)
    probability = 1 / (1 + np.exp(-(w.T @ X + b)))  # the textbook sigmoid, as an oracle
    y_hat = lh.predict(w, b, X, threshold=threshold)
    assert y_hat.shape == (1, 400)
    assert y_hat.dtype.kind == "i"  # integers 0 and 1, not booleans
    np.testing.assert_array_equal(y_hat, (probability > threshold).astype(int))
    assert 0 < y_hat.sum() < 400  # the data put examples on both sides


def test_train_unpacks_like_the_lectures_training_function():
    X, Y = lh.toy_data(m=60, seed=2)
    result = lh.train(X, Y, 0.3, 5)
    w, b, costs = lh.train(X, Y, 0.3, 5)
    np.testing.assert_array_equal(w, result.w)
    assert b == result.b
    np.testing.assert_array_equal(costs, result.costs)
    assert costs.shape == (5,)


def test_no_function_modifies_its_arguments():
    w, b, X, Y = random_problem(3, 50, seed=11)
    for a in (w, X, Y):
        a.flags.writeable = False  # any in-place write would raise
    copies = [w.copy(), X.copy(), Y.copy()]
    Z, A = lh.forward(w, b, X)
    lh.cost(Z, Y)
    lh.backward(X, A, Y)
    lh.gradients(w, b, X, Y)
    lh.gradients_loop(w, b, X, Y)
    lh.gradient_check(w, b, X, Y)
    lh.train(X, Y, 0.1, 5, w=w, b=b)
    lh.predict(w, b, X)
    for a, c in zip((w, X, Y), copies):
        np.testing.assert_array_equal(a, c)


def test_import_does_not_load_plotting_or_widgets():
    import subprocess
    import sys

    code = ("import sys, logreg_helpers; "
            "print(sorted(k for k in ('matplotlib', 'ipywidgets', 'sklearn') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_train_keeps_its_path_when_asked():
    X, Y = lh.toy_data()
    run = lh.train(X, Y, 0.5, 30, keep_path=True)
    assert lh.train(X, Y, 0.5, 30).path is None
    assert run.path.shape == (31, 3)
    for k in (0, 1, 17, 30):  # row k: the w and b that k steps reach
        shorter = lh.train(X, Y, 0.5, k)
        np.testing.assert_array_equal(run.path[k], [*shorter.w.ravel(), shorter.b])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lh.DivergenceWarning)
        diverged = lh.train(X, Y, 50.0, 30, keep_path=True)
    assert diverged.diverged and diverged.path.shape == (1, 3)  # no step was kept
    np.testing.assert_array_equal(diverged.path[-1], [*diverged.w.ravel(), diverged.b])

"""network.py: the vectorized backward pass against the engine and against finite differences."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.datasets import make_moons

import logreg_helpers as lh
from logreg_helpers.autodiff import Value


def floats(bound):
    return st.floats(-bound, bound)


# (net, X, Y): n_x features, n_h hidden units, m examples, all small
problems = st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 5)).flatmap(
    lambda s: st.tuples(
        st.builds(
            lh.Network,
            arrays(float, (s[1], s[0]), elements=floats(2)),
            arrays(float, (s[1], 1), elements=floats(2)),
            arrays(float, (1, s[1]), elements=floats(2)),
            floats(2),
        ),
        arrays(float, (s[0], s[2]), elements=floats(2)),
        arrays(float, (1, s[2]), elements=st.sampled_from([0.0, 1.0])),
    )
)


def engine_cost_and_gradients(net, X, Y):
    """The same network on Values, one example at a time, differentiated by the engine."""
    W1 = [[Value(v) for v in row] for row in net.W1]
    b1 = [Value(v) for v in net.b1[:, 0]]
    W2 = [Value(v) for v in net.W2[0]]
    b2 = Value(net.b2)
    n_h, (n_x, m) = len(b1), X.shape
    losses = []
    for k in range(m):
        a1 = [(sum(W1[i][j] * X[j, k] for j in range(n_x)) + b1[i]).tanh() for i in range(n_h)]
        z2 = sum(W2[i] * a1[i] for i in range(n_h)) + b2
        losses.append(z2.loss(Y[0, k]))
    J = sum(losses) / m
    J.backward()
    return J.data, lh.Network(np.array([[v.grad for v in row] for row in W1]),
                              np.array([[v.grad] for v in b1]), np.array([[v.grad for v in W2]]),
                              b2.grad)


def parts(net):
    return net.W1, net.b1, net.W2, net.b2


@given(problems)
def test_backward_matches_the_engine(problem):
    net, X, Y = problem
    J, grads = lh.network_gradients(net, X, Y)
    J_engine, grads_engine = engine_cost_and_gradients(net, X, Y)
    assert J == pytest.approx(J_engine, rel=1e-12)
    for got, want in zip(parts(grads), parts(grads_engine)):
        assert np.shape(got) == np.shape(want)
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-14)


@given(problems)
def test_backward_matches_finite_differences(problem):
    net, X, Y = problem

    def J(W1, b1, W2, b2):
        return lh.network_gradients(lh.Network(W1, b1, W2, b2), X, Y)[0]

    _, grads = lh.network_gradients(net, X, Y)
    numeric = lh.numerical_gradient(J, *parts(net))
    assert lh.relative_difference(parts(grads), numeric) < 1e-7 or np.allclose(
        np.concatenate([np.ravel(g) for g in parts(grads)]),
        np.concatenate([np.ravel(g) for g in numeric]), rtol=0, atol=1e-9)  # all near 0


@given(problems)
def test_forward_matches_the_formulas_one_example_at_a_time(problem):
    net, X, Y = problem
    Z1, A1, Z2, A2 = lh.network_forward(net, X)
    for k in range(X.shape[1]):
        for i in range(net.W1.shape[0]):
            z1 = sum(net.W1[i, j] * X[j, k] for j in range(X.shape[0])) + net.b1[i, 0]
            assert Z1[i, k] == pytest.approx(z1, rel=1e-12, abs=1e-12)
            assert A1[i, k] == pytest.approx(math.tanh(z1), rel=1e-12, abs=1e-12)
        z2 = sum(net.W2[0, i] * A1[i, k] for i in range(net.W1.shape[0])) + net.b2
        assert Z2[0, k] == pytest.approx(z2, rel=1e-12, abs=1e-12)
        assert A2[0, k] == pytest.approx(1 / (1 + math.exp(-z2)), rel=1e-12)
    y_hat = lh.predict_network(net, X)
    assert y_hat.dtype.kind == "i" and y_hat.tolist() == (Z2 > 0).astype(int).tolist()


def moons():
    X, y = make_moons(200, noise=0.2, random_state=0)
    return X.T, y.reshape(1, -1).astype(float)


def test_training_bends_the_boundary_where_a_line_cannot():
    X, Y = moons()
    line = lh.train(X, Y, alpha=1.0, iterations=2000)
    line_accuracy = (lh.predict(line.w, line.b, X) == Y).mean()
    result = lh.train_network(X, Y, n_h=4, alpha=1.0, iterations=3000, seed=0)
    accuracy = (lh.predict_network(result.net, X) == Y).mean()
    assert not result.diverged and result.costs.shape == (3000,)
    assert result.cost < line.cost / 3 and accuracy > line_accuracy + 0.1
    assert result.cost == pytest.approx(lh.network_gradients(result.net, X, Y)[0], rel=1e-15)
    assert np.all(np.diff(result.costs) <= 1e-12)  # a small enough alpha never raises the cost
    again = lh.train_network(X, Y, n_h=4, alpha=1.0, iterations=3000, seed=0)
    assert np.array_equal(again.costs, result.costs)  # seeded: the same run twice


def test_a_too_large_alpha_stops_with_a_warning_and_keeps_the_last_good_parameters():
    X, Y = moons()
    with pytest.warns(lh.DivergenceWarning, match="too large; try a smaller one"):
        result = lh.train_network(X, Y, n_h=4, alpha=1e4, iterations=100)
    assert result.diverged and result.costs[-1] > result.costs[0]
    assert all(np.isfinite(p).all() for p in parts(result.net))
    assert result.cost == pytest.approx(lh.network_gradients(result.net, X, Y)[0], rel=1e-12)


@pytest.mark.parametrize("alpha", [1e308, 1e307])
def test_a_step_that_overflows_is_caught(alpha):
    # far-off data make a gradient entry near 3: a step of 1e308 times it is beyond any float;
    # one of 1e307 is not, and the cost after it is huge but finite
    X, Y = moons()
    X = 4 * X + 5
    start = lh.init_network(2, 2, seed=2)
    J, grads = lh.network_gradients(start, X, Y)
    assert max(np.abs(p).max() for p in parts(grads)) > 2
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no overflow warning from numpy either
        with pytest.warns(lh.DivergenceWarning) as record:
            result = lh.train_network(X, Y, n_h=2, alpha=alpha, iterations=10, seed=2)
    assert result.diverged
    assert str(record[0].message).startswith("Diverged at iteration 1: the cost rose from ")
    assert all(np.array_equal(p, q) for p, q in zip(parts(result.net), parts(start)))
    assert result.costs[0] == J == result.cost and result.costs.size == 2
    assert result.costs[1] == np.inf if alpha == 1e308 else 1e300 < result.costs[1] < np.inf


def test_a_cost_that_comes_out_nan_stops_the_run_too():
    # after this step W2 A1 overflows to +inf for some examples: their loss is inf - inf = NaN
    X, Y = moons()
    net = lh.init_network(2, 4, seed=8)
    _, grads = lh.network_gradients(net, X, Y)
    with np.errstate(all="ignore"):
        after = lh.update_network(net, grads, 1.7e308)
        assert all(np.isfinite(p).all() for p in parts(after))  # the step itself is finite
        assert np.isnan(lh.network_gradients(after, X, Y)[0])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # numpy's "invalid value" stays inside
        with pytest.warns(lh.DivergenceWarning, match="Diverged at iteration 1: .* to inf"):
            result = lh.train_network(X, Y, n_h=4, alpha=1.7e308, iterations=10, seed=8)
    assert result.diverged and result.costs[-1] == np.inf
    assert result.cost == result.costs[0] and np.isfinite(result.cost)


def test_a_modest_rise_stops_the_run_and_is_reported_in_numbers():
    X, Y = moons()
    with pytest.warns(lh.DivergenceWarning) as record:
        result = lh.train_network(X, Y, n_h=4, alpha=5.0, iterations=300, seed=1)
    costs, i = result.costs, result.costs.size - 1
    assert result.diverged is True and i >= 3
    assert costs[0] < costs[-1] < 1.5 * costs[0]  # a rise of less than half: still a divergence
    assert len({f"{c:.4g}" for c in costs}) == costs.size  # the numbers below tell them apart
    assert result.message == (
        f"Diverged at iteration {i}: the cost rose from {costs[0]:.4g} to {costs[-1]:.4g}. "
        "The learning rate alpha = 5 is too large; try a smaller one. "
        f"Returning the parameters from iteration {i - 1}.")
    assert len(record) == 1 and str(record[0].message) == result.message
    assert (record[0].filename, record[0].lineno) == ("logreg_helpers.train_network", i)
    assert result.cost == costs[-2] == lh.network_gradients(result.net, X, Y)[0]


def test_a_finished_run_says_so_and_starts_from_the_default_seed():
    X, Y = moons()
    result = lh.train_network(X, Y, n_h=3, alpha=0.5, iterations=20)
    assert result.diverged is False
    assert result.message == f"Finished 20 iterations with alpha = 0.5: J = {result.cost:.6f}."
    J0, _ = lh.network_gradients(lh.init_network(2, 3, seed=0), X, Y)
    assert result.costs[0] == J0 and result.costs.shape == (20,)


def test_network_backward_takes_the_forward_pass_and_gives_the_gradients():
    X, Y = moons()
    net = lh.init_network(2, 3, seed=5)
    _, A1, _, A2 = lh.network_forward(net, X)
    grads = lh.network_backward(net, X, Y, A1, A2)
    _, expected = lh.network_gradients(net, X, Y)
    for got, want in zip(parts(grads), parts(expected)):
        np.testing.assert_array_equal(got, want)


def test_init_scales_the_weights_by_one_over_the_square_root_of_the_fan_in():
    net = lh.init_network(n_x=400, n_h=300)
    assert net.W1.std() == pytest.approx(1 / np.sqrt(400), rel=0.02)  # 120,000 draws
    assert net.W2.std() == pytest.approx(1 / np.sqrt(300), rel=0.2)  # 300 draws
    assert not net.b1.any() and net.b2 == 0.0
    default, seed_0 = lh.init_network(2, 5), lh.init_network(2, 5, seed=0)
    assert all(np.array_equal(p, q) for p, q in zip(parts(default), parts(seed_0)))


def test_init_is_seeded_and_breaks_the_symmetry():
    net = lh.init_network(n_x=2, n_h=5, seed=3)
    assert [np.shape(p) for p in parts(net)] == [(5, 2), (5, 1), (1, 5), ()]
    assert all(np.array_equal(p, q) for p, q in zip(parts(net), parts(lh.init_network(2, 5, 3))))
    assert len({tuple(row) for row in net.W1}) == 5  # no two hidden units start alike
    assert not np.array_equal(net.W1, lh.init_network(2, 5, seed=4).W1)


def test_large_weights_give_a_finite_cost_without_warnings():
    X, Y = moons()
    net = lh.init_network(2, 4)
    net = lh.Network(net.W1 * 1e3, net.b1, net.W2 * 1e3, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        J, grads = lh.network_gradients(net, X, Y)
    assert math.isfinite(J) and all(np.isfinite(p).all() for p in parts(grads))


def test_arguments_are_never_modified():
    X, Y = moons()
    net = lh.init_network(2, 3)
    for a in (X, Y, net.W1, net.b1, net.W2):
        a.flags.writeable = False  # a write in place would raise
    _, grads = lh.network_gradients(net, X, Y)
    lh.update_network(net, grads, 0.5)


def test_update_steps_against_the_gradient():
    X, Y = moons()
    net = lh.init_network(2, 3)
    J, grads = lh.network_gradients(net, X, Y)
    new = lh.update_network(net, grads, 0.5)
    for p, dp, q in zip(parts(net), parts(grads), parts(new)):
        np.testing.assert_array_equal(q, p - 0.5 * dp)
    assert lh.network_gradients(new, X, Y)[0] < J


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda X, Y, net: lh.network_forward(net, X.T), ValueError,
         r"W1 should have shape \(3, 200\).*n_x = 200.*\(3, 2\)"),
        (lambda X, Y, net: lh.network_forward(lh.Network(net.W1, net.b1, net.W2.T, 0.0), X),
         ValueError, r"^W2 should have shape \(1, 3\) \(n_h hidden units, n_x = 2 features\), "
                     r"but it has shape \(3, 1\)\.$"),
        (lambda X, Y, net: lh.network_forward(lh.Network(net.W1.ravel(), net.b1, net.W2, 0.0), X),
         ValueError, r"^W1 should have shape \(n_h, n_x\) \(n_h hidden units, n_x = 2 features\), "
                     r"but it has shape \(6,\)\.$"),
        (lambda X, Y, net: lh.network_forward(
            lh.Network(net.W1.astype(str), net.b1, net.W2, 0.0), X),
         TypeError, r"^W1 should hold numbers"),
        (lambda X, Y, net: lh.network_forward(
            lh.Network(net.W1, net.b1.astype(str), net.W2, 0.0), X),
         TypeError, r"^b1 should hold numbers"),
        (lambda X, Y, net: lh.network_forward(
            lh.Network(net.W1, net.b1, net.W2.astype(str), 0.0), X),
         TypeError, r"^W2 should hold numbers"),
        (lambda X, Y, net: lh.network_forward((net.W1, net.b1), X), TypeError,
         "should be a Network, such as init_network"),
        (lambda X, Y, net: lh.network_forward(lh.Network(net.W1, net.b1.ravel(), net.W2, 0.0), X),
         ValueError, r"b1 should have shape \(3, 1\).*it has shape \(3,\)"),
        (lambda X, Y, net: lh.network_forward(lh.Network(net.W1, net.b1, net.W2, np.nan), X),
         ValueError, "b2 should be a finite number"),
        (lambda X, Y, net: lh.network_backward(net, X, Y, np.zeros((3, 200)), np.zeros(200)),
         ValueError, r"A2 should have shape \(1, 200\).*\(200,\)"),
        (lambda X, Y, net: lh.network_backward(net, X, Y, np.zeros((200, 3)), np.zeros((1, 200))),
         ValueError, r"A1 should have shape \(3, 200\), as network_forward returns it, but it "
                     r"has shape \(200, 3\)"),
        (lambda X, Y, net: lh.network_gradients(net, X, Y.ravel()), ValueError,
         "rank-1 array"),
        (lambda X, Y, net: lh.train_network(X, Y, 3, alpha=-1, iterations=10), ValueError,
         "alpha should be a finite number greater than 0"),
    ],
)
def test_bad_input_is_explained(call, error, message):
    X, Y = moons()
    with pytest.raises(error, match=message):
        call(X, Y, lh.init_network(2, 3))

"""Shared settings, strategies and oracles.

Hypothesis runs the same examples on every run, without deadlines, and
``problems`` draws whole training problems (w, b, (X, Y)) in the lecture's shapes.
``hessian`` is the oracle for the curvature bound β: it never sees Xₐ Xₐᵀ.
"""

import os
import re
import sys

import numpy as np
import pytest
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import logreg_helpers as lh

settings.register_profile("project", derandomize=True, deadline=None, max_examples=150)
# make mutation: the same examples; a failure is enough, so no time is spent shrinking it
settings.register_profile("mutation", derandomize=True, deadline=None, max_examples=150,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "project"))


def selectable_id(text):
    """``text`` as a test id that pytest can select again, even in a process that collected it.

    make mutation selects the tests of each mutant by id; one it cannot select makes
    the whole run of that mutant a usage error, which mutmut would count as a kill. A "/"
    splits an id, and pytest escapes a non-ASCII character of an explicit id once more
    each time it collects (so a second collection escapes the escape).
    """
    return re.sub(r"\s*/\s*", " over ", text).encode("ascii", "ignore").decode()


def pytest_make_parametrize_id(config, val, argname):
    """A test's id never holds "/": pytest could not select it by that id."""
    if isinstance(val, str) and "/" in val:
        return selectable_id(val)
    return None


def pytest_collection_modifyitems(config, items):
    """Refuse ids that pytest could not select again (explicit ids escape the hook above)."""
    unselectable = [item.nodeid for item in items
                    if any(part in item.nodeid.partition("[")[2] for part in ("/", "::"))]
    if unselectable:
        raise pytest.UsageError("These test ids cannot be selected by id; write their "
                                "parameters' ids without / or ::\n" + "\n".join(unselectable))


@pytest.fixture(autouse=True)
def _a_fresh_cell_for_each_test():
    """Each test runs as a new notebook cell: no "not done yet" note printed in it yet.

    The exercises print that note once per cell; a test run in the same process after
    another (as make mutation runs them) must not find it already printed.
    """
    exercises = sys.modules.get("logreg_helpers.exercises")
    if exercises is not None:
        exercises._noted.clear()


def problems(max_n_x, max_m, w_bound, x_bound):
    """w (n_x, 1) and b in [-w_bound, w_bound], X (n_x, m) in [-x_bound, x_bound], Y of 0/1."""
    return st.integers(1, max_n_x).flatmap(
        lambda n_x: st.tuples(
            arrays(float, (n_x, 1), elements=st.floats(-w_bound, w_bound)),
            st.floats(-w_bound, w_bound),
            st.integers(1, max_m).flatmap(
                lambda m: st.tuples(
                    arrays(float, (n_x, m), elements=st.floats(-x_bound, x_bound)),
                    arrays(float, (1, m), elements=st.sampled_from([0.0, 1.0])),
                )
            ),
        )
    )


def hessian(X, Y, w=None, b=0.0, h=1e-4):
    """The Hessian of J(w, b) by centred differences of the gradient (dw, db).

    One row and column per weight, then b. At w = 0, b = 0 every z is 0, where
    σ'(z) = a(1 - a) takes its largest value 1/4, so there the curvature of J is
    the largest it is anywhere: its top eigenvalue is the curvature bound β.
    J has no third derivative at that point (σ' is even), so the differences
    are exact to about h² = 1e-8.
    """
    n_x = X.shape[0]
    theta = np.zeros(n_x + 1) if w is None else np.append(np.ravel(w), b)

    def gradient(t):
        _, dw, db = lh.gradients(t[:-1].reshape(-1, 1), float(t[-1]), X, Y)
        return np.append(dw.ravel(), db)

    H = np.empty((n_x + 1, n_x + 1))
    for k in range(n_x + 1):
        step = np.zeros(n_x + 1)
        step[k] = h
        H[:, k] = (gradient(theta + step) - gradient(theta - step)) / (2 * h)
    return (H + H.T) / 2


def curvature_bound(X, Y):
    """β: the top eigenvalue of the Hessian at the origin, and its eigenvector (v_w, v_b)."""
    values, vectors = np.linalg.eigh(hessian(X, Y))
    return values[-1], vectors[:-1, -1].reshape(-1, 1), float(vectors[-1, -1])


def tight_problem(seed=0, m=40):
    """Data whose optimum is w = 0, b = 0 exactly: every point twice, once with each label.

    There the Hessian is the bound itself, so 2/β is exactly where gradient descent
    starts to overshoot along the top eigenvector: a tight case for the step-size bound.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(2, m)) + [[1.5], [-0.5]]  # off-centre, so b couples with w
    return np.hstack([X, X]), np.repeat([[0.0, 1.0]], m, axis=1)

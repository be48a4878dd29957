"""Shared settings and strategies.

Hypothesis runs the same examples on every run, without deadlines, and
``problems`` draws whole training problems (w, b, (X, Y)) in the lecture's shapes.
"""

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

settings.register_profile("project", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("project")


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

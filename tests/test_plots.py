"""plots.py: figures draw what they claim, and updating a boundary moves it."""

import re

import matplotlib

matplotlib.use("agg")  # this test draws off-screen; notebooks use the inline/ipympl backends

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import logreg_helpers as lh  # noqa: E402
from logreg_helpers import plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_graph_shows_forward_and_backward_values():
    g = lh.example_graph((1.5, -0.5), (0.8, 0.4), -0.2, 1)
    ax = plots.draw_graph(g)
    texts = " ".join(t.get_text() for t in ax.texts).replace("\u2212", "-")  # typographic minus
    shown = [float(v) for v in re.findall(r"= (-?\d+\.?\d*(?:e-?\d+)?)", texts)]
    for value in (g.z, g.a, g.L, g.dz, g.da, *g.dw, g.db):
        assert any(abs(v - value) <= 1e-3 * abs(value) for v in shown), value
    ax_forward = plots.draw_graph(g, backward=False)
    assert "dz" not in " ".join(t.get_text() for t in ax_forward.texts)


def test_decision_boundary_line_is_where_z_is_zero():
    X, Y = lh.toy_data()
    w, b = np.array([[1.0], [2.0]]), 0.5
    boundary = plots.plot_decision_boundary(w, b, X, Y)
    xs, ys = boundary.line.get_data()
    z_on_line = w[0, 0] * np.asarray(xs) + w[1, 0] * np.asarray(ys) + b
    np.testing.assert_allclose(z_on_line, 0, atol=1e-12)
    image_before = boundary.image.get_array().copy()
    boundary.set(np.array([[-3.0], [0.1]]), 0.0)  # nearly vertical: solved for x1 instead
    xs, ys = boundary.line.get_data()
    np.testing.assert_allclose(-3.0 * np.asarray(xs) + 0.1 * np.asarray(ys), 0, atol=1e-12)
    assert not np.allclose(boundary.image.get_array(), image_before)


def test_cost_curve_plots_every_cost():
    costs = lh.train(*lh.toy_data(), 0.5, 50).costs
    line = plots.plot_costs(costs)
    np.testing.assert_array_equal(line.get_ydata(), costs)


def test_style_is_readable_on_a_projector():
    assert plt.rcParams["font.size"] >= 12
    assert plt.rcParams["xtick.labelsize"] >= 12

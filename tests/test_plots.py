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


def test_image_grid_draws_each_column_as_its_picture():
    X = np.random.default_rng(0).uniform(0, 16, (64, 5))
    titles = ["a", "b", "c", "d", "e"]
    fig, axes = plots.show_images(X, titles=titles, ncols=3)
    assert axes.shape == (2, 3)
    for k, ax in enumerate(axes.flat[:5]):
        (image,) = ax.get_images()
        np.testing.assert_array_equal(image.get_array(), X[:, k].reshape(8, 8))
        assert ax.get_title() == titles[k]
        assert image.get_clim() == (0, X.max())  # one grey scale for every panel
        assert image.get_cmap().name == "gray_r"  # ink dark on white
        assert ax.title.get_fontsize() >= 12
    assert not axes.flat[5].axison and not axes.flat[5].get_images()  # the spare panel is empty


def test_weight_picture_is_centred_on_zero_with_orange_towards_1():
    w = np.linspace(-0.5, 2.0, 64).reshape(64, 1)  # lopsided: the scale must still be symmetric
    fig, axes = plots.show_weights(w, titles=["w"])
    (image,) = axes[0, 0].get_images()
    np.testing.assert_array_equal(image.get_array(), w.reshape(8, 8))
    assert image.get_clim() == (-2.0, 2.0)
    r0, g0, b0, _ = image.to_rgba(0.0)
    assert min(r0, g0, b0) > 0.9  # a weight of 0 is (nearly) white
    r1, _, b1, _ = image.to_rgba(2.0)
    assert r1 > b1  # positive: orange, towards y = 1
    r_, _, b_, _ = image.to_rgba(-2.0)
    assert b_ > r_  # negative: purple, towards y = 0
    assert image.colorbar is not None
    ticks = image.colorbar.ax.get_yticklabels()
    assert "towards" in ticks[-1].get_text() and "y = 1" in ticks[-1].get_text()


def test_many_weight_pictures_share_one_scale_and_zero_weights_draw():
    W = np.zeros((64, 10))
    W[5, 3] = -4.0
    W[10, 7] = 1.0
    fig, axes = plots.show_weights(W, ncols=5)
    assert axes.shape == (2, 5)
    assert {ax.get_images()[0].get_clim() for ax in axes.flat} == {(-4.0, 4.0)}
    fig, axes = plots.show_weights(np.zeros((64, 1)))  # w at the start of training
    assert axes[0, 0].get_images()[0].get_clim() == (-1.0, 1.0)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.zeros(64), r"shape \(64,\).*X.reshape\(-1, 1\)"),
        (np.zeros((60, 3)), "columns have 60 values, which is not a square number"),
        (np.zeros((3, 64)), r"Did you pass X.T\?"),
    ],
)
def test_image_grid_explains_wrong_shapes(X, message):
    with pytest.raises(ValueError, match=message):
        plots.show_images(X)


def test_titles_must_match_the_pictures():
    with pytest.raises(ValueError, match="Got 2 titles for 3 weight vectors"):
        plots.show_weights(np.ones((64, 3)), titles=["a", "b"])


def test_a_capped_weight_scale_says_so_with_a_pointed_colour_bar():
    w = np.zeros((64, 1))
    w[0, 0], w[1, 0] = 3.0, -0.5
    fig, axes = plots.show_weights(w, limit=2.0)
    image = axes[0, 0].get_images()[0]
    assert image.get_clim() == (-2.0, 2.0)
    assert image.colorbar.extend == "max"  # only the positive side is cut off
    fig, axes = plots.show_weights(w)
    assert axes[0, 0].get_images()[0].colorbar.extend == "neither"

"""Kernel-side tests of logreg_helpers.widgets: values, messages and no build-up."""

import tracemalloc
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import curvature_bound

import logreg_helpers as lh
from logreg_helpers import widgets

PNG = b"\x89PNG\r\n\x1a\n"


# ---------------------------------------------------------------- graph explorer


def test_graph_explorer_follows_its_sliders():
    g = widgets.graph_explorer(x=(1.5, -0.5), w=(0.8, 0.4), b=-0.2, y=1)
    first = g.view.image.value
    assert bytes(first).startswith(PNG)
    assert g.graph == lh.example_graph((1.5, -0.5), (0.8, 0.4), -0.2, 1)

    g.sliders["w1"].value = 2.0
    g.y.value = 0
    assert g.graph == lh.example_graph((1.5, -0.5), (2.0, 0.4), -0.2, 0)
    assert g.view.image.value != first
    assert "L=" in repr(g) and "y=0" in repr(g)


def test_graph_explorer_repr_is_short_and_stable():
    text = repr(widgets.graph_explorer())
    assert text == "<GraphExplorer: x=(1.5, -0.5), w=(0.8, 0.4), b=-0.2, y=1: L=0.3711>"


# ---------------------------------------------------------------- playground


@pytest.fixture(scope="module")
def playground():
    return widgets.Playground(alpha=0.01, iterations=300)


def test_playground_shows_what_train_returns(playground):
    p = playground
    p.dataset.value = p.dataset.options[0]
    p.alpha.value, p.iterations.value = 0.1, 400
    X, Y = lh.toy_data()
    expected = lh.train(X, Y, 0.1, 400)
    np.testing.assert_allclose(p.result.w, expected.w)
    assert p.result.cost == pytest.approx(expected.cost)
    assert f"J = {expected.cost:.6f}" in p.status.value
    assert f"{2 / curvature_bound(X, Y)[0]:.3g}" in p.safe.value  # 2/β from J's own curvature
    assert bytes(p.view.image.value).startswith(PNG)


def test_playground_moves_change_the_plot_and_the_cost(playground):
    p = playground
    p.alpha.value, p.iterations.value = 0.01, 300
    before = (p.view.image.value, p.status.value)
    p.alpha.value = 0.02
    after_alpha = (p.view.image.value, p.status.value)
    p.iterations.value = 301
    after_iterations = (p.view.image.value, p.status.value)
    for one, other in ((before, after_alpha), (after_alpha, after_iterations),
                       (before, after_iterations)):
        assert one[0] != other[0] and one[1] != other[1]  # the picture and the words


def test_diverging_run_shows_a_message_not_a_traceback(playground):
    p = playground
    p.iterations.value = 1000
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        p.alpha.value = 50.0
    assert not caught, [str(w.message) for w in caught]
    assert p.result.diverged
    assert "Diverged" in p.status.value and "too large" in p.status.value
    assert "Traceback" not in p.status.value
    assert "ABOVE" in p.safe.value
    assert bytes(p.view.image.value).startswith(PNG)
    assert p.rise_text.get_text().startswith("diverged")
    p.alpha.value = 0.1  # back to a good run: the message goes away
    assert "Diverged" not in p.status.value and p.rise_text.get_text() == ""


def test_step_button_adds_one_iteration(playground):
    p = playground
    p.iterations.value = 10
    p.step.click()
    assert p.iterations.value == 11
    assert "11 iterations" in p.ax_cost.title.get_text()


def test_dataset_switch_uses_the_standardised_real_data(playground):
    p = playground
    p.dataset.value = p.dataset.options[1]
    X, Y, _ = lh.breast_cancer()
    Xs, _, _ = lh.standardize(X)
    assert p.X.shape == Xs.shape and np.allclose(p.X, Xs)
    assert f"{2 / curvature_bound(Xs, Y)[0]:.3g}" in p.safe.value
    expected = lh.train(Xs, Y, p.alpha.value, p.iterations.value)
    assert p.result.cost == pytest.approx(expected.cost)
    p.dataset.value = p.dataset.options[0]


def test_zero_iterations_draws_the_starting_point(playground):
    p = playground
    p.iterations.value = 0
    assert p.result.cost == pytest.approx(np.log(2))
    assert "J = 0.693147" in p.status.value
    p.iterations.value = 300


def test_axis_end_is_a_round_number():
    assert [widgets._axis_end(n) for n in (0, 10, 11, 21, 51, 101, 999, 1000, 2000)] == [
        10, 10, 20, 50, 100, 200, 1000, 1000, 2000,
    ]


def test_no_figure_or_memory_build_up_after_hundreds_of_moves(playground):
    p = playground
    figures = plt.get_fignums()
    # A random walk, as a hand on the sliders makes, over the whole alpha range
    # (diverging runs included) and a few hundred iterations.
    rng = np.random.default_rng(3)
    exponents = np.clip(-1 + np.cumsum(rng.normal(0, 0.3, size=300)), -4, 2)
    counts = np.clip(100 + np.cumsum(rng.integers(-15, 16, size=300)), 0, 400)
    diverged = []

    def move(i):
        if i % 2:
            p.alpha.value = 10.0 ** exponents[i]
        else:
            p.iterations.value = int(counts[i])
        diverged.append(p.result.diverged)

    for i in range(200):
        move(i)
    assert plt.get_fignums() == figures
    assert len(p.view.figure.axes) == 2
    assert len(p.ax_cost.lines) == 3 and len(p.ax_data.images) == 1

    tracemalloc.start()
    try:
        for i in range(200, 220):  # let every cache settle under tracing
            move(i)
        start, _ = tracemalloc.get_traced_memory()
        for i in range(220, 300):
            move(i)
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert plt.get_fignums() == figures
    assert 10 < sum(diverged) < 290, "the walk should cross into divergence and back"
    # What remains is matplotlib's bounded caches of text sizes and glyphs filling
    # with new titles (about 100 kB here); a leaked figure or image would be megabytes.
    print(f"traced memory change over 80 moves: {(end - start) / 1e3:+.0f} kB")
    assert end - start < 500_000, f"memory grew by {(end - start) / 1e6:.2f} MB in 80 moves"

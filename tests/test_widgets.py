"""logreg_helpers.widgets: one run without widgets, the wiring, the messages, no build-up."""

import html
import tracemalloc
import warnings

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from conftest import curvature_bound

import logreg_helpers as lh
from logreg_helpers import plots, widgets

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


# ---------------------------------------------------------------- one run, no widgets


@pytest.fixture
def no_widgets(monkeypatch):
    """Any widget made while this fixture is active fails the test."""
    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a {type(self).__name__} widget was made")
    monkeypatch.setattr(ipywidgets.Widget, "__init__", refuse)


def test_run_describes_a_good_run_in_numbers_and_words(no_widgets):
    X, Y = lh.toy_data()
    run = widgets.PlaygroundRun.train(X, Y, 0.1, 400)
    expected = lh.train(X, Y, 0.1, 400)
    np.testing.assert_array_equal(run.w, expected.w)
    assert (run.b, run.cost, run.diverged, run.message) == (expected.b, expected.cost, False, "")
    safe = lh.largest_safe_alpha(X)
    assert run.safe_alpha == safe
    iterations, costs = run.curve  # J before each of the 400 steps, then after the last
    np.testing.assert_array_equal(iterations, np.arange(401))
    np.testing.assert_array_equal(costs, [*expected.costs, expected.cost])
    assert [len(part) for part in run.rise] == [0, 0] and run.rise_note == run.shown_note == ""
    assert run.axis_end == 500
    assert f"2/β = {safe:.3g}" in run.safe_line
    assert f"α = {0.1 / safe:.2g} × 2/β, below" in run.safe_line
    w1, w2 = np.ravel(expected.w)
    assert run.status_lines == [f"w = [{w1:.4f}, {w2:.4f}]   b = {expected.b:.4f}   "
                                f"J = {expected.cost:.6f}"]
    assert run.summary == f"alpha = 0.1, 400 iterations, J = {expected.cost:.6f}"


def test_run_describes_a_diverging_run_without_a_warning(no_widgets):
    X, Y = lh.toy_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a DivergenceWarning would fail here
        run = widgets.PlaygroundRun.train(X, Y, 50.0, 1000)
    assert run.diverged and run.message.startswith("Diverged at iteration")
    costs = run.result.costs  # the last cost is the one that rose
    assert costs[-1] > costs[0]
    np.testing.assert_array_equal(run.curve[1], costs[:-1])
    np.testing.assert_array_equal(run.rise[0], [len(costs) - 2, len(costs) - 1])
    np.testing.assert_array_equal(run.rise[1], costs[-2:])
    assert run.rise_note == (f"diverged: at iteration {len(costs) - 1}\n"
                             f"the cost rose to {costs[-1]:.3g}")
    assert run.shown_note.endswith(f"from iteration {len(costs) - 2}")
    assert f"α = {50 / run.safe_alpha:.2g} × 2/β, ABOVE" in run.safe_line
    assert run.status_lines[0] == run.message and run.status_lines[1].startswith("Shown: w = [")
    assert run.summary == "alpha = 50, 1000 iterations, diverged"


# ---------------------------------------------------------------- the playground widget


@pytest.fixture(scope="module")
def playground():
    return widgets.Playground(alpha=0.01, iterations=300)


def test_playground_shows_what_its_run_describes(playground):
    p = playground
    p.dataset.value = p.dataset.options[0]
    p.alpha.value, p.iterations.value = 0.1, 400
    X, Y = lh.toy_data()
    expected = widgets.PlaygroundRun.train(X, Y, 0.1, 400)
    np.testing.assert_allclose(p.run.w, expected.w)
    assert p.run.cost == pytest.approx(expected.cost)
    assert expected.params_line in p.status.value and "J = " in p.status.value
    assert html.escape(expected.safe_line) in p.safe.value
    np.testing.assert_array_equal(p.cost_curve.line.get_ydata(), expected.curve[1])
    xs, ys = p.boundary.line.get_data()
    w1, w2 = np.ravel(expected.w)
    np.testing.assert_allclose(w1 * np.asarray(xs) + w2 * np.asarray(ys) + expected.b, 0,
                               atol=1e-9)
    assert (p.run.alpha, p.run.iterations) == (0.1, 400)
    assert p.boundary.colorbar.ax.get_ylabel() == "σ(z) = P(y = 1 | x)"

    trained = lh.train(X, Y, 0.1, 400)
    np.testing.assert_allclose(p.run.w, trained.w)
    assert p.run.cost == pytest.approx(trained.cost)
    assert f"J = {trained.cost:.6f}" in p.status.value
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
    assert p.run.diverged
    assert "Diverged" in p.status.value and "too large" in p.status.value
    assert "Traceback" not in p.status.value
    assert "ABOVE" in p.safe.value and "× 2/β" in p.safe.value
    assert bytes(p.view.image.value).startswith(PNG)
    assert p.cost_curve.note.get_text().startswith("diverged")
    assert p.shown_note.get_text().startswith("α too large")
    p.alpha.value = 0.1  # back to a good run: the message goes away
    assert "Diverged" not in p.status.value and p.cost_curve.note.get_text() == ""
    assert p.shown_note.get_text() == ""


def test_overflow_raised_by_numpy_is_said_in_words(playground, monkeypatch):
    p = playground
    p.alpha.value, p.iterations.value = 0.1, 300
    shown = p.view.image.value

    def overflow(cls, *args, **kwargs):  # what np.seterr(over="raise") makes a diverging run do
        raise FloatingPointError("overflow encountered in exp")

    monkeypatch.setattr(widgets.PlaygroundRun, "train", classmethod(overflow))
    p.alpha.value = 20.0
    assert "Could not train: overflow encountered in exp" in p.status.value
    assert p.view.image.value == shown  # the last good picture stays


@pytest.mark.parametrize("bug", [KeyError("w"), TypeError("unsupported operand"),
                                 ZeroDivisionError("float division by zero")])
def test_a_bug_surfaces_instead_of_becoming_a_message(playground, monkeypatch, bug):
    p = playground
    p.alpha.value = 0.1
    status = p.status.value

    def buggy(*args, **kwargs):
        raise bug

    monkeypatch.setattr(p.cost_curve, "set", buggy)
    with pytest.raises(type(bug)):
        p.alpha.value = 0.2
    assert p.status.value == status
    monkeypatch.undo()
    monkeypatch.setattr(widgets.PlaygroundRun, "train", classmethod(buggy))
    with pytest.raises(type(bug)):
        p.alpha.value = 0.3  # a new alpha trains, whatever ran before


def test_step_button_adds_one_iteration(playground):
    p = playground
    p.iterations.value = 10
    p.step.click()
    assert p.iterations.value == 11 and p.run.iterations == 11
    assert len(p.cost_curve.line.get_xdata()) == 12  # J before each of 11 steps, and after


def test_dataset_switch_uses_the_standardised_real_data(playground):
    p = playground
    p.dataset.value = p.dataset.options[1]
    X, Y, _ = lh.breast_cancer()
    Xs, _, _ = lh.standardize(X)
    assert p.X.shape == Xs.shape and np.allclose(p.X, Xs)
    assert f"{2 / curvature_bound(Xs, Y)[0]:.3g}" in p.safe.value
    expected = lh.train(Xs, Y, p.alpha.value, p.iterations.value)
    assert p.run.cost == pytest.approx(expected.cost)
    legend = [t.get_text() for t in p.ax_data.get_legend().get_texts()]
    assert legend == ["σ(z) = 0.5", "benign (y = 0)", "malignant (y = 1)"]
    assert len(p.view.figure.axes) == 3  # the colour bar was redrawn, not added
    p.dataset.value = p.dataset.options[0]


def test_zero_iterations_draws_the_starting_point(playground):
    p = playground
    p.iterations.value = 0
    assert p.run.cost == pytest.approx(np.log(2))
    assert "J = 0.693147" in p.status.value
    p.iterations.value = 300


def test_playground_repr_is_short(playground):
    p = playground
    p.alpha.value, p.iterations.value = 0.01, 500
    assert repr(p) == (f"<Playground: alpha = 0.01, 500 iterations, J = {p.run.cost:.6f} "
                       "(run the notebook to play)>")


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
        diverged.append(p.run.diverged)

    for i in range(200):
        move(i)
    assert plt.get_fignums() == figures
    assert len(p.view.figure.axes) == 3
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


# ---------------------------------------------------------------- one run seen at every length


@pytest.mark.parametrize("alpha", [0.1, 10.0, 50.0])  # calm, fast, diverging at once
def test_a_run_seen_after_fewer_iterations_is_the_run_trained_that_far(no_widgets, alpha):
    X, Y = lh.toy_data()
    long = widgets.PlaygroundRun.train(X, Y, alpha, 7, until=300)
    assert long.iterations == 7
    for k in [0, 1, 2, 7, 150, 299, 300]:
        seen = long.at(k)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", lh.DivergenceWarning)
            expected = lh.train(X, Y, alpha, k)
        np.testing.assert_array_equal(seen.w, expected.w)  # the same steps, bit for bit
        assert (seen.b, seen.cost, seen.diverged) == (expected.b, expected.cost, expected.diverged)
        np.testing.assert_array_equal(seen.costs, expected.costs)
        assert seen.message == (expected.message if expected.diverged else "")
        assert seen.curve[1][-1] == (expected.costs[-2] if expected.diverged else expected.cost)
    if long.diverged:
        assert long.trained == float("inf") and long.at(2000).diverged
    else:
        assert long.trained == 300
        with pytest.raises(ValueError, match="trained for 300 iterations"):
            long.at(301)


def test_iteration_moves_train_only_past_the_end_of_the_run(playground, monkeypatch):
    p = playground
    p.dataset.value = p.dataset.options[0]
    p.alpha.value, p.iterations.value = 0.05, 200
    calls = []
    real_train = widgets.train

    def counting(*args, **kwargs):
        calls.append(args[3])  # iterations asked for
        return real_train(*args, **kwargs)

    monkeypatch.setattr(widgets, "train", counting)
    p.alpha.value = 0.06  # a new alpha: trained to the iterations shown
    assert calls == [200]
    p.iterations.value = 120  # shorter: the same run, sliced
    p.iterations.value = 200
    assert calls == [200]
    p.iterations.value = 201  # past its end: trained once to the slider's end
    assert calls == [200, p.iterations.max]
    p.iterations.value = 1500
    assert calls == [200, p.iterations.max]
    X, Y = lh.toy_data()
    assert p.run.cost == real_train(X, Y, 0.06, 1500).cost


# ---------------------------------------------------------------- the PNG, the text sizes


def test_png_holds_the_figure_pixels_exactly():
    import io

    import PIL.Image

    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    decoded = np.asarray(PIL.Image.open(io.BytesIO(widgets._png(rgba))))
    np.testing.assert_array_equal(decoded, rgba)
    p = widgets.Playground(iterations=50)
    shown = np.asarray(PIL.Image.open(io.BytesIO(p.view.image.value)))
    np.testing.assert_array_equal(shown, np.asarray(p.view.figure.canvas.buffer_rgba()))
    assert (shown[..., 3] == 255).all()  # opaque


def _smallest_text_on_a_1024_screen(figure):
    """The smallest text of a drawn figure, in pixels, when the figure is 990 pixels across."""
    from matplotlib.text import Text

    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    scale = 990 / (figure.get_figwidth() * figure.dpi)
    return min(t.get_fontsize() * figure.dpi / 72 * scale for t in texts), len(texts)


def test_explorer_text_stays_readable_on_a_projector(playground):
    p = playground
    p.alpha.value, p.iterations.value = 50.0, 300  # diverged: its notes show too
    for figure in (p.view.figure, widgets.graph_explorer().view.figure):
        figure.canvas.draw()  # makes the tick labels
        smallest, count = _smallest_text_on_a_1024_screen(figure)
        assert count > 10 and smallest >= 18, (smallest, count)
    p.alpha.value = 0.1


# ---------------------------------------------------------------- the graph, in place


def test_graph_explorer_writes_the_numbers_a_new_drawing_would(monkeypatch):
    g = widgets.graph_explorer(x=(1.0, 2.0), w=(0.5, -1.0), b=0.5, y=1)
    first = g.drawing
    g.sliders["w1"].value = 0.7  # numbers of the same length: written in place
    assert g.drawing is first

    def fresh_strings():
        fig = plt.figure(figsize=g.view.figure.get_size_inches())
        try:
            fresh = plots.GraphDrawing(widgets._compact(g.graph.computation_graph()),
                                       fig.add_axes((0, 0, 1, 1)), title=False,
                                       fontsize=widgets.GRAPH_FONT, live=True)
            return [t.get_text() for t in fresh.texts]
        finally:
            plt.close(fig)

    assert [t.get_text() for t in g.drawing.texts] == fresh_strings()
    assert "w1 = 0.7" in [t.get_text() for t in g.drawing.texts]
    for name in ("x1", "w1", "x2", "w2"):  # z = 18.5: numbers like −9.237e−09, longer
        g.sliders[name].value = 3.0
    assert g.drawing is not first  # laid out anew for them
    assert [t.get_text() for t in g.drawing.texts] == fresh_strings()
    assert any("e−09" in t.get_text() for t in g.drawing.texts)
    laid_out = g.drawing
    for value in (2.9, 2.8, 3.0):  # numbers no longer than those: in place
        g.sliders["w1"].value = value
    assert g.drawing is laid_out
    g.y.value = 0  # the loss's formula changes: laid out anew, with the new formula
    assert g.drawing is not laid_out
    assert "L = −log(1 − a)" in [t.get_text() for t in g.drawing.texts]
    assert [t.get_text() for t in g.drawing.texts] == fresh_strings()

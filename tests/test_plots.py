"""plots.py: figures draw what they claim, readably, and updating a boundary moves it."""


import matplotlib

matplotlib.use("agg")  # this test draws off-screen; notebooks use the inline/ipympl backends

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

import logreg_helpers as lh  # noqa: E402
from logreg_helpers import plots  # noqa: E402
from logreg_helpers.graph import number_text  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# ---------------------------------------------------------------- computation graphs

EXAMPLE = lh.example_graph((1.0, 2.0), (0.5, -1.0), 0.5, 1)  # notebook 01's running example


def two_hidden_units():
    """A graph that ExampleGraph cannot make: two sigmoid units feeding a third, then a loss."""
    Node, Edge = lh.Node, lh.Edge
    nodes, edges = [Node("x1", value=1.0), Node("x2", value=2.0)], []
    for k in (1, 2):
        for j in (1, 2):
            nodes.append(Node(f"w{k}{j}", value=0.1 * k - 0.2 * j, grad=0.01 * (k + j)))
            edges += [Edge(f"x{j}", f"z{k}", f"∂z{k}/∂x{j} = w{k}{j}"),
                      Edge(f"w{k}{j}", f"z{k}", f"∂z{k}/∂w{k}{j} = x{j}")]
        nodes += [Node(f"b{k}", value=0.0, grad=0.02 * k),
                  Node(f"z{k}", f"z{k} = w{k}1·x1 + w{k}2·x2 + b{k}", 0.3 * k, 0.02 * k),
                  Node(f"a{k}", f"a{k} = σ(z{k})", 0.5 + 0.1 * k, 0.1 * k),
                  Node(f"v{k}", value=(-1) ** k, grad=-0.3 * k)]
        edges += [Edge(f"b{k}", f"z{k}", f"∂z{k}/∂b{k} = 1"),
                  Edge(f"z{k}", f"a{k}", f"∂a{k}/∂z{k} = a{k}(1 − a{k})"),
                  Edge(f"a{k}", "z", f"∂z/∂a{k} = v{k}"), Edge(f"v{k}", "z", f"∂z/∂v{k} = a{k}")]
    nodes += [Node("c", value=0.2, grad=-0.5), Node("z", "z = v1·a1 + v2·a2 + c", 0.1, -0.5),
              Node("a", "a = σ(z)", 0.52, -1.9), Node("L", "L = −log a  (y = 1)", 0.65, 1.0)]
    edges += [Edge("c", "z", "∂z/∂c = 1"), Edge("z", "a", "∂a/∂z = a(1 − a)"),
              Edge("a", "L", "∂L/∂a = −1/a")]
    return lh.ComputationGraph(tuple(nodes), tuple(edges))


def drawn(graph, backward=True):
    """Draw a graph; return its Axes, its node boxes by name, and the renderer."""
    ax = plots.draw_graph(graph, backward=backward)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    patches = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    boxes = {}
    for text in ax.texts:  # a node's first text starts with its name: "w1 = 0.5", "z = w1·x1…"
        x, y = text.get_position()
        inside = [p for p in patches if p.get_x() < x < p.get_x() + p.get_width()
                  and p.get_y() < y <= p.get_y() + p.get_height()]
        if inside and text.get_color() == "black":
            boxes[text.get_text().split(" = ")[0]] = inside[0]
    return ax, boxes, renderer


def centre(box):
    return box.get_x() + box.get_width() / 2, box.get_y() + box.get_height() / 2


def texts_in(box, ax):
    """The texts whose anchor lies inside a node's box, top to bottom."""
    inside = [t for t in ax.texts
              if box.get_x() < t.get_position()[0] < box.get_x() + box.get_width()
              and box.get_y() < t.get_position()[1] <= box.get_y() + box.get_height()]
    return sorted(inside, key=lambda t: -t.get_position()[1])


def test_example_graph_shows_each_value_and_gradient_in_its_own_box():
    ax, boxes, _ = drawn(EXAMPLE)
    graph = EXAMPLE.computation_graph()
    assert set(boxes) == {node.name for node in graph.nodes}
    for node in graph.nodes:  # read box by box, never "some number somewhere in the figure"
        shown = [t.get_text() for t in texts_in(boxes[node.name], ax)]
        value = number_text(node.value)
        first = f"{node.formula}\n= {value}" if node.formula else f"{node.name} = {value}"
        # the gradient dL/d(node), in vermilion, except for the inputs x (none) and L (it is 1)
        grad = [] if node.grad is None or node.name == "L" else [
            f"d{node.name} = {number_text(node.grad)}"]
        # by name and box: db and dz are the same number (z = ... + b); only that tells them apart
        assert shown == [first, *grad], node.name
        colours = [t.get_color() for t in texts_in(boxes[node.name], ax)]
        assert colours == ["black", *(plots.VERMILION for _ in grad)], node.name
    g = EXAMPLE
    assert plots.draw_graph(g) is not ax  # each call makes its own figure...
    size = plots.graph_size(g)
    assert tuple(ax.figure.get_size_inches()) == pytest.approx(size)  # ...this size,
    assert size[0] >= 12 and all(float(2 * v).is_integer() for v in size)  # in half inches

    forward, boxes, _ = drawn(g, backward=False)
    assert not [t for t in forward.texts if t.get_color() != "black"]  # no gradients, no labels
    dashed = [p for p in forward.patches if isinstance(p, FancyArrowPatch)
              and p.get_linestyle() != "-"]
    assert not dashed and len(forward.patches) == len(boxes) + len(g.computation_graph().edges)


def test_backward_arrows_carry_their_local_derivatives():
    graph = EXAMPLE.computation_graph()
    ax, boxes, _ = drawn(graph)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    dashed = [p for p in arrows if p.get_linestyle() != "-"]
    # every edge but x1 -> z and x2 -> z (no gradient for the features) runs back
    assert len(arrows) - len(dashed) == len(graph.edges) and len(dashed) == len(graph.edges) - 2
    labels = {t.get_text().replace("\n", " "): t for t in ax.texts
              if t.get_color() == plots.VERMILION and t.get_text().startswith("∂")}
    assert set(labels) == {e.local for e in graph.edges if not e.parent.startswith("x")}
    # The a(1 - a) step sits between the boxes of z and a, right under the arrow from a to z.
    step = next(t for text, t in labels.items() if "a(1 − a)" in text)
    x, y = step.get_position()
    z_box, a_box = boxes["z"], boxes["a"]
    assert z_box.get_x() + z_box.get_width() < x < a_box.get_x()
    assert abs(y - centre(a_box)[1]) < a_box.get_height() / 2


@pytest.mark.parametrize("graph", [EXAMPLE, lh.example_graph((1, 2, -1.5), (0.5, -1, 0.2), 0.5, 0),
                                   two_hidden_units()], ids=["example", "three features", "hidden"])
def test_layout_by_depth_leaves_left_loss_right_columns_even(graph):
    ax, boxes, _ = drawn(graph)
    graph = graph.computation_graph() if hasattr(graph, "computation_graph") else graph
    assert set(boxes) == {node.name for node in graph.nodes}
    xs = {name: centre(box)[0] for name, box in boxes.items()}
    for edge in graph.edges:  # every arrow points right, from one column into the next
        assert xs[edge.parent] < xs[edge.child]
    computed = {e.child for e in graph.edges}
    for name in computed:  # a computed node sits one column right of its deepest input
        deepest = max(xs[e.parent] for e in graph.edges if e.child == name)
        assert not [x for x in set(xs.values()) if deepest < x < xs[name]]
    assert xs["L"] == max(xs.values())
    assert min(t.get_fontsize() for t in ax.texts) >= 12  # readable on a projector
    for x in set(xs.values()):  # each column spread evenly
        ys = sorted(centre(box)[1] for name, box in boxes.items() if xs[name] == x)
        np.testing.assert_allclose(np.diff(ys), np.diff(ys)[0] if len(ys) > 1 else [], rtol=1e-9)


@pytest.mark.parametrize("backward", [True, False])
@pytest.mark.parametrize("graph", [EXAMPLE, two_hidden_units()], ids=["example", "hidden"])
def test_no_arrow_runs_through_a_text_or_a_box_and_no_texts_overlap(graph, backward):
    ax, boxes, renderer = drawn(graph, backward)
    texts = [t.get_window_extent(renderer).padded(-1) for t in ax.texts if t.get_text()]
    for i, a in enumerate(texts):  # stacked texts may touch, never overlap
        for b in texts[i + 1:]:
            assert not a.overlaps(b), (a, b)
    points = []  # points along every arrow, its head included, in pixels
    for arrow in (p for p in ax.patches if isinstance(p, FancyArrowPatch)):
        for polygon in arrow.get_path().to_polygons(arrow.get_transform(), closed_only=False):
            t = np.linspace(0, 1, 40)[:, None, None]
            points.append((polygon[:-1] + t * (polygon[1:] - polygon[:-1])).reshape(-1, 2))
    x, y = np.concatenate(points).T
    inner = [box.get_window_extent(renderer).padded(-3) for box in boxes.values()]
    for what, extents in (("text", texts), ("box", inner)):
        for e in extents:
            inside = (e.x0 < x) & (x < e.x1) & (e.y0 < y) & (y < e.y1)
            assert not inside.any(), f"an arrow crosses a {what} at {e}"


def test_graph_drawn_into_a_given_axes_fills_it():
    fig = plt.figure(figsize=plots.graph_size(EXAMPLE))
    ax = fig.add_axes((0, 0, 1, 1))
    assert plots.draw_graph(EXAMPLE, ax=ax) is ax
    assert plots.draw_graph(EXAMPLE.computation_graph(), ax=ax) is ax  # cleared, drawn again
    assert len(ax.texts) == len(plots.draw_graph(EXAMPLE).texts)


@pytest.mark.parametrize(
    "graph, message",
    [(lh.ComputationGraph((lh.Node("x"),), (lh.Edge("x", "y"),)), "'y', which is not a node"),
     (lh.ComputationGraph((lh.Node("x"), lh.Node("x")), ()), "its own name"),
     (lh.ComputationGraph((lh.Node("p", "p = q"), lh.Node("q", "q = p")),
                          (lh.Edge("p", "q"), lh.Edge("q", "p"))), "no cycles.*p, q")],
)
def test_bad_graph_is_explained(graph, message):
    with pytest.raises(ValueError, match=message):
        plots.draw_graph(graph)


def test_draw_graph_names_what_it_got_when_it_is_not_a_graph():
    with pytest.raises(TypeError, match="ComputationGraph.*got tuple"):
        plots.draw_graph(((1.0, 2.0), (0.5, -1.0), 0.5, 1))


# ---------------------------------------------------------------- decision boundaries


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


def test_shading_has_a_labelled_scale_and_the_classes_their_names():
    X, Y = lh.toy_data()
    w, b = np.array([[1.0], [2.0]]), 0.5
    boundary = plots.plot_decision_boundary(w, b, X, Y, labels=("benign", "malignant"))
    bar = boundary.colorbar
    assert bar.mappable is boundary.image and bar.ax.get_ylabel() == "σ(z) = P(y = 1 | x)"
    assert (bar.vmin, bar.vmax) == (0, 1)
    # the shading at a point is σ(z) there: its colour is the colour bar's at that value
    x1, x2 = X[:, 0]
    row, col = [np.abs(np.linspace(*lim, 80) - v).argmin()
                for lim, v in ((boundary.extent[2:], x2), (boundary.extent[:2], x1))]
    shade = boundary.image.get_array()[row, col]
    z = w[0, 0] * np.linspace(*boundary.extent[:2], 80)[col] + w[1, 0] * np.linspace(
        *boundary.extent[2:], 80)[row] + b
    assert shade == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-12)
    legend = [t.get_text() for t in boundary.ax.get_legend().get_texts()]
    assert legend == ["σ(z) = 0.5", "benign (y = 0)", "malignant (y = 1)"]
    no_bar = plots.plot_decision_boundary(w, b, X, Y, colorbar=False)
    assert no_bar.colorbar is None and len(no_bar.ax.figure.axes) == 1


def test_scatter_classes_draws_each_class_with_its_label():
    X, Y = lh.toy_data()
    _, ax = plots.new_figure()
    points = plots.scatter_classes(X, Y, ax, names=("radius", "texture"))
    for y, collection in enumerate(points):
        np.testing.assert_array_equal(collection.get_offsets(), X[:, Y[0] == y].T)
        assert collection.get_label() == f"y = {y}"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("radius", "texture")
    named = plots.scatter_classes(X, Y, ax, labels=("benign", "malignant"))
    assert [c.get_label() for c in named] == ["benign (y = 0)", "malignant (y = 1)"]


def _contrast(c1, c2):
    """The WCAG contrast ratio of two colours (1 to 21; 3 is the least for graphics)."""
    def luminance(c):
        rgb = np.asarray(matplotlib.colors.to_rgb(c))
        linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        return linear @ [0.2126, 0.7152, 0.0722]
    hi, lo = sorted([luminance(c1), luminance(c2)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_points_stand_out_on_every_shade():
    _, ax = plots.new_figure()
    X, Y = lh.toy_data()
    shades = plots.PROBABILITY_CMAP(np.linspace(0, 1, 21))
    for collection in plots.scatter_classes(X, Y, ax):
        edge = collection.get_edgecolor()[0]
        assert min(_contrast(edge, shade) for shade in shades) >= 7  # dark outline, light shade
    # the blue class sits on the σ ≈ 0 side; its fill also stands out there by itself
    assert _contrast(plots.BLUE, shades[0]) >= 3
    # the shading is light everywhere (no dark purple under the points)
    assert min(_contrast("white", shade) for shade in shades) < 1.5


def test_cost_curve_plots_every_cost():
    costs = lh.train(*lh.toy_data(), 0.5, 50).costs
    line = plots.plot_costs(costs)
    np.testing.assert_array_equal(line.get_ydata(), costs)


def test_cost_curve_updates_in_place_and_marks_the_rise():
    _, ax = plots.new_figure()
    curve = plots.CostCurve(ax, start=np.log(2), start_label="J at the start, log 2")
    assert curve.artists == [curve.line, curve.rise, curve.note]
    costs = lh.train(*lh.toy_data(), 0.5, 30).costs
    curve.set(np.arange(len(costs)), costs)
    np.testing.assert_array_equal(curve.line.get_ydata(), costs)
    assert len(curve.rise.get_xdata()) == 0 and curve.note.get_text() == ""
    curve.set([0, 1], [0.69, 0.7], rise=([1, 2], [0.7, 3.0]), note="diverged")
    np.testing.assert_array_equal(curve.rise.get_ydata(), [0.7, 3.0])
    assert curve.note.get_text() == "diverged" and len(ax.lines) == 3  # no new artists
    assert [t.get_text() for t in ax.texts] == ["diverged", "J at the start, log 2"]


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


def test_a_live_graph_drawing_looks_the_same_and_changes_only_its_numbers():
    def pixels(live, graph=EXAMPLE):
        fig = plt.figure(figsize=plots.graph_size(graph))
        drawing = plots.GraphDrawing(graph, fig.add_axes((0, 0, 1, 1)), live=live)
        fig.canvas.draw()
        return drawing, np.asarray(fig.canvas.buffer_rgba()).astype(int)

    whole, notebook = pixels(False)
    lines, live = pixels(True)
    assert len(lines.texts) > len(whole.texts)  # one Text per line
    assert all("\n" not in t.get_text() for t in lines.texts)
    # the same picture, up to sub-pixel rounding of where a line starts
    assert np.abs(notebook - live).max() <= 32
    assert (np.abs(notebook - live).max(axis=2) > 0).mean() < 0.01
    numbers = [t.get_text() for t in lines.numbers]
    assert "= −1" in numbers and "dw1 = −0.7311" in numbers and "x1 = 1" in numbers
    assert not any("σ" in n or "∂" in n for n in numbers)  # formulas and labels stay put

    lines, _ = pixels(True, lh.example_graph((1.0, 2.0), (0.5, -1.0), 0.6, 1))  # z = −0.9
    moved = lh.example_graph((1.0, 2.0), (0.5, -1.0), 0.3, 1)  # z = −1.2: no longer numbers
    assert lines.update(moved)
    shown = [t.get_text() for t in lines.texts]
    assert "b = 0.3" in shown and "= −1.2" in shown
    assert f"dw1 = {number_text(moved.dw[0])}" in shown
    other_label = lh.example_graph((1.0, 2.0), (0.5, -1.0), 0.5, 0)  # L's formula changes
    assert not lines.update(other_label)
    assert not lines.update(lh.example_graph((1.0, 2.0, 3.0), (0.7, -1.0, 1.0), 0.5, 1))
    far = lh.example_graph((3.0, 3.0), (3.0, 3.0), 3.0, 1)  # numbers like 9.237e−09: longer
    assert not lines.update(far)
    assert [t.get_text() for t in lines.texts] == shown  # a refused update changes nothing

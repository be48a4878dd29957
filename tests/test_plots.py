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
    assert tuple(ax.figure.get_size_inches()) == pytest.approx(plots.graph_size(g))  # ...this size

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


def test_cost_curve_plots_every_cost():
    costs = lh.train(*lh.toy_data(), 0.5, 50).costs
    line = plots.plot_costs(costs)
    np.testing.assert_array_equal(line.get_ydata(), costs)


def test_style_is_readable_on_a_projector():
    assert plt.rcParams["font.size"] >= 12
    assert plt.rcParams["xtick.labelsize"] >= 12

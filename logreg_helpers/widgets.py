"""Interactive explorers built from ipywidgets: the computation graph and the alpha playground.

* :func:`graph_explorer`: sliders for x1, x2, w1, w2, b and a toggle for y that
  redraw one example's computation graph (notebook 01).
* :class:`Playground`: the learning rate alpha on a log scale, the number of
  iterations, a play control, the data set; the cost curve, the decision
  boundary and the current w, b and J update together (notebook 04).

The playground is split by duty. :class:`PlaygroundRun` describes one run
without any widget: the data, alpha and the number of iterations in; the
costs, w, b, the sentences to show and the divergence message out. The
figure parts, :class:`~logreg_helpers.plots.CostCurve` beside
:class:`~logreg_helpers.plots.DecisionBoundary`, live in ``plots``.
:class:`Playground` only wires them to the controls.

Both explorers draw with matplotlib's Agg renderer into ONE figure that is
never replaced: a change updates the figure's artists, renders it, and sends
the PNG to an ``ipywidgets.Image``. This works the same under any notebook
backend (inline, ipympl), in Voilà, and needs no ``plt.figure`` bookkeeping,
so hundreds of moves leave no figures behind. Each explorer has a
synchronous ``refresh()`` that does the whole update, for tests and timing.

Both are made for a projector as much as for a laptop: their figures use
:data:`~logreg_helpers.plots.EXPLORER_STYLE`, whose text stays at least 18
pixels high on a screen 1,024 pixels across.

What a move costs, and how it is kept small (``make bench`` measures it):

* Training. A run is trained once with its path of (w, b), so a move of the
  iteration slider (or the play button) within it only slices the run.
* Drawing. What does not change (axes, ticks, labels, legend, colour bar,
  boxes and arrows) is rendered once into a background; a move pastes it and
  draws only the changing artists over it (blitting). Text is the dearest
  thing matplotlib draws, so no text changes at every move unless it must.
* Encoding. :func:`_png` writes the PNG without row filters at zlib level 1:
  a third of the time Pillow's encoder takes, for a smaller file.
"""

import html
import math
import struct
import warnings
import zlib
from dataclasses import dataclass, replace

import ipywidgets
import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import plots
from .data import breast_cancer, standardize, toy_data
from .graph import ComputationGraph, example_graph, number_text
from .numerics import largest_safe_alpha
from .vectorized import DivergenceWarning, TrainResult, train

__all__ = ["GraphExplorer", "Playground", "PlaygroundRun", "graph_explorer"]


def _png(rgba):
    """PNG bytes of an (height, width, 4) uint8 image, as matplotlib's Agg renders it.

    Written here with zlib rather than with Pillow, which tries five row
    filters on every row of the image: for a plot of flat colours that takes
    three times as long and makes a larger file than no filter at zlib's
    fastest level, and a slider waits for it at every move. The rows keep
    Agg's RGBA layout: dropping the (opaque) alpha would cost a slow strided
    copy and save little.
    """
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + 4 * width), np.uint8)
    rows[:, 0] = 0  # each row: its filter type (none), then its pixels
    rows[:, 1:] = rgba.reshape(height, 4 * width)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(memoryview(rows), 1)) + chunk(b"IEND", b""))


class _FigureImage:
    """A matplotlib Figure outside pyplot, shown as an ``ipywidgets.Image``.

    ``push()`` renders the figure with Agg and replaces the image's bytes.
    """

    def __init__(self, width, height, dpi=None):
        self.figure = Figure(figsize=(width, height), dpi=dpi or plots.STYLE["figure.dpi"])
        FigureCanvasAgg(self.figure)  # attaches itself as figure.canvas
        self.image = ipywidgets.Image(
            format="png", layout=ipywidgets.Layout(max_width="100%", height="auto"))
        self.image.add_class("logreg-figure")
        self._background = None  # (key, pixels) of what does not change

    def png(self, draw=True):
        """The figure as PNG bytes: rendered now, or as last drawn when ``draw=False``."""
        canvas = self.figure.canvas
        if draw:
            canvas.draw()
        return _png(np.asarray(canvas.buffer_rgba()))

    def push(self, draw=True):
        self.image.value = self.png(draw)

    def blit(self, key, artists):
        """Render the figure: the background for ``key`` (drawn anew when the key
        changes; ``artists`` must be animated, so it leaves them out), then ``artists``."""
        figure, canvas = self.figure, self.figure.canvas
        if self._background is None or self._background[0] != key:
            with matplotlib.rc_context(plots.EXPLORER_STYLE):  # ticks are made while drawing
                canvas.draw()
            self._background = (key, canvas.copy_from_bbox(figure.bbox))
        canvas.restore_region(self._background[1])
        for artist in artists:
            figure.draw_artist(artist)

    def forget_background(self):
        self._background = None


class _Explorer(ipywidgets.VBox):
    """A VBox whose plain-text form (what a notebook stores beside the widget) is short."""

    _summary = ""

    def __repr__(self):
        return f"<{type(self).__name__}: {self._summary}>"


# ---------------------------------------------------------------- notebook 01

GRAPH_FONT = 20  # points: the explorer's graph is wider than the notebook's, its text larger


def _compact(graph):
    """The same graph with its long formulas and local derivatives on two or three lines.

    Narrower, so that the explorer's text can be larger on the same screen:
    ``z = w1·x1 + w2·x2 + b`` breaks before its middle ``+``, ``L = −log a  (y = 1)``
    before its label, ``∂a/∂z = a(1 − a) = 0.1966`` before each ``=`` but the first.
    """
    nodes = []
    for node in graph.nodes:
        formula = node.formula
        if formula and " + " in formula:
            terms = formula.split(" + ")
            half = len(terms) // 2
            formula = " + ".join(terms[:half]) + "\n+ " + " + ".join(terms[half:])
        elif formula and "  (" in formula:
            formula = formula.replace("  (", "\n(")
        nodes.append(replace(node, formula=formula))
    edges = []
    for edge in graph.edges:
        local = edge.local
        if local and local.count(" = ") > 1:
            local = local.replace(" = ", "\n= ")
        edges.append(replace(edge, local=local))
    return ComputationGraph(nodes=tuple(nodes), edges=tuple(edges))


def _widest(graph, before=None):
    """The same graph with numbers as wide as the explorer shows, to size its boxes.

    Each number is the widest of: the number itself; a usual number of its sign (the
    sliders give x, w and b one decimal, 2.9 at the widest; every other number has four
    significant digits, 0.1234); and the same number in ``before``, the graph the boxes
    were last sized for. Boxes sized so take the usual numbers, and only grow: a move
    rewrites the numbers, and the graph is laid out again only when a number is longer
    than any before it (a small probability, an exponent where σ saturates).
    """
    def widest(*values):
        return max(values, key=lambda v: -1 if v is None else len(number_text(v)))

    def wide(value, was, leaf):
        if value is None:
            return None
        return widest(value, math.copysign(2.9 if leaf else 0.1234, value), was)

    leaves = {edge.parent for edge in graph.edges} - {edge.child for edge in graph.edges}
    old = {node.name: node for node in before.nodes} if before is not None else {}
    nodes = []
    for node in graph.nodes:
        was = old.get(node.name)
        nodes.append(replace(
            node, value=wide(node.value, was and was.value, node.name in leaves),
            grad=wide(node.grad, was and was.grad, False)))
    old_edges = list(before.edges) if before is not None else [None] * len(graph.edges)
    edges = []
    for edge, was in zip(graph.edges, old_edges):
        # "∂a/∂z = a(1 − a) = 0.1966" ends with a number; "∂z/∂b = 1" does not
        formula, _, value = (edge.local or "").rpartition(" = ")
        if " = " in formula:
            values = [value, number_text(-0.1234)]
            if was is not None and was.local:
                values.append(was.local.rpartition(" = ")[2])
            edge = replace(edge, local=f"{formula} = {max(values, key=len)}")
        edges.append(edge)
    return ComputationGraph(nodes=tuple(nodes), edges=tuple(edges))


class GraphExplorer(_Explorer):
    """One example's computation graph under sliders; made by :func:`graph_explorer`.

    The graph is laid out once; a move writes the new numbers into its boxes
    and labels (:meth:`~logreg_helpers.plots.GraphDrawing.update`). It is laid
    out again only when a number needs more room than its box has.
    """

    def __init__(self, x=(1.5, -0.5), w=(0.8, 0.4), b=-0.2, y=1):
        def slider(name, value):
            return ipywidgets.FloatSlider(
                value=value, min=-3.0, max=3.0, step=0.1, description=name,
                readout_format=".1f", continuous_update=True,
                style={"description_width": "2.5em"}, layout=ipywidgets.Layout(width="95%"),
            )

        (x1, x2), (w1, w2) = x, w
        self.sliders = {
            "x1": slider("x1", x1), "x2": slider("x2", x2),
            "w1": slider("w1", w1), "w2": slider("w2", w2), "b": slider("b", b),
        }
        self.y = ipywidgets.ToggleButtons(
            options=[0, 1], value=int(y), description="y",
            style={"description_width": "2.5em", "button_width": "4em"})
        # One size for every slider position: the larger of the graph's sizes with
        # either label and the widest usual numbers.
        sizes = [plots.graph_size(_compact(_widest(example_graph(x, w, b, label)
                                                   .computation_graph())),
                                  title=False, fontsize=GRAPH_FONT) for label in (0, 1)]
        self.view = _FigureImage(*np.max(sizes, axis=0))
        self.ax = self.view.figure.add_axes((0, 0, 1, 1))
        self.drawing = None
        self.caption = ipywidgets.HTML(
            '<div class="logreg-caption">Grey arrows: the forward pass. Dashed red arrows: the '
            "backward pass, each with its local derivative. In red, d<i>v</i> stands for "
            "dL/d<i>v</i>.</div>")
        s = self.sliders
        column = ipywidgets.Layout(width="33%")
        columns = ipywidgets.HBox([
            ipywidgets.VBox([s["x1"], s["x2"]], layout=column),
            ipywidgets.VBox([s["w1"], s["w2"]], layout=column),
            ipywidgets.VBox([s["b"], self.y], layout=column),
        ])
        super().__init__([columns, self.view.image, self.caption])
        self.add_class("logreg-graph")
        for control in [*s.values(), self.y]:
            control.observe(self._on_change, names="value")
        self.refresh()

    @property
    def graph(self):
        """The :class:`~logreg_helpers.ExampleGraph` at the current slider values."""
        s = {k: v.value for k, v in self.sliders.items()}
        return example_graph((s["x1"], s["x2"]), (s["w1"], s["w2"]), s["b"], self.y.value)

    def _on_change(self, change):
        self.refresh()

    @staticmethod
    def _shown(example):
        return _compact(example.computation_graph())

    def _sized(self, example):
        """The graph to lay out: this one's with numbers no narrower than before (_widest)."""
        self._sizing = _widest(example.computation_graph(), getattr(self, "_sizing", None))
        return _compact(self._sizing)

    def refresh(self):
        """Recompute the graph at the current values and redraw it."""
        g = self.graph
        shown = self._shown(g)
        if self.drawing is None or not self.drawing.update(shown):
            # laid out for the widest numbers so far, then these shown
            sized = self._sized(g)
            self.drawing = plots.GraphDrawing(sized, self.ax, title=False, fontsize=GRAPH_FONT,
                                              live=True)
            self.drawing.update(shown)
            for text in self.drawing.numbers:
                text.set_animated(True)
            self.view.forget_background()
        self.view.blit("graph", self.drawing.numbers)
        self.view.push(draw=False)
        self._summary = f"x={g.x}, w={g.w}, b={g.b:.1f}, y={g.y}: L={g.L:.4f}"


def graph_explorer(x=(1.5, -0.5), w=(0.8, 0.4), b=-0.2, y=1):
    """Sliders for x1, x2, w1, w2, b and a toggle for y over one example's graph.

    Every change recomputes the forward values (z, a, L) and the backward
    values (da, dz, dw1, dw2, db) and redraws the graph with them.

    Parameters
    ----------
    x, w : pair of float
        Where the sliders start (each slider spans -3 to 3).
    b : float
    y : 0 or 1

    Returns
    -------
    GraphExplorer
        An ipywidgets box: make it the last expression of a cell to show it.
    """
    return GraphExplorer(x, w, b, y)


# ---------------------------------------------------------------- notebook 04: one run


def _axis_end(n):
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least n."""
    end = 10
    while end < n:
        end = end * 5 // 2 if str(end)[0] == "2" else end * 2
    return end


@dataclass(frozen=True)
class PlaygroundRun:
    """One setting of the playground and what it shows, with no widget involved.

    ``PlaygroundRun.train(X, Y, alpha, iterations)`` trains from w = 0, b = 0;
    the properties give the numbers to draw and the sentences to show, the
    same as ``train(X, Y, alpha, iterations)`` would. The curvature bound β
    of the data sets the largest safe step, 2/β
    (:func:`~logreg_helpers.largest_safe_alpha`).

    A run can be trained further than it shows (``until``); then :meth:`at`
    shows it after fewer iterations without training again. A run that
    diverged covers every number of iterations: it stops at the same step.

    Attributes
    ----------
    alpha : float
    iterations : int
        How many iterations are shown.
    safe_alpha : float
        2/β for the data.
    result : TrainResult
        The run as trained, with its path (``iterations`` or more steps).
    """

    alpha: float
    iterations: int
    safe_alpha: float
    result: TrainResult

    @classmethod
    def train(cls, X, Y, alpha, iterations, safe_alpha=None, until=None):
        """Train from zeros; a diverging run says so in ``.message``, never as a warning.

        ``safe_alpha`` (2/β for X) is computed when omitted. ``until`` (at
        least ``iterations``) trains that far, so that :meth:`at` can show any
        number of iterations up to it.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # said in .message instead
            result = train(X, Y, alpha, max(iterations, until or 0), keep_path=True)
        if safe_alpha is None:
            safe_alpha = largest_safe_alpha(X)
        return cls(alpha, iterations, safe_alpha, result)

    @property
    def trained(self):
        """The largest number of iterations :meth:`at` can show (no limit once diverged)."""
        return float("inf") if self.result.diverged else len(self.result.path) - 1

    def at(self, iterations):
        """The same run shown after ``iterations`` iterations, without training."""
        if not 0 <= iterations <= self.trained:
            raise ValueError(f"This run was trained for {self.trained} iterations, so it "
                             f"cannot show {iterations}; train it again instead.")
        return replace(self, iterations=iterations)

    # -- the numbers

    @property
    def _steps(self):
        """How many steps were taken to reach the w and b shown."""
        return min(self.iterations, len(self.result.path) - 1)

    @property
    def diverged(self):
        """True when the run stopped before ``iterations`` because the cost rose."""
        return self.result.diverged and self.iterations >= len(self.result.path)

    @property
    def w(self):
        """The weights shown: after the last step, or the last good ones when diverged."""
        return self.result.path[self._steps, :-1].reshape(-1, 1)

    @property
    def b(self):
        return float(self.result.path[self._steps, -1])

    @property
    def costs(self):
        """J before each step; when diverged, with the cost that rose last."""
        return self.result.costs if self.diverged else self.result.costs[:self.iterations]

    @property
    def cost(self):
        """J at the w and b shown."""
        costs = self.result.costs
        return float(costs[self._steps]) if self._steps < len(costs) else self.result.cost

    @property
    def curve(self):
        """(iterations, costs) for the cost curve: J before each step, then J after the last.

        When the run diverged: up to the last good step (the rise is :attr:`rise`).
        """
        costs = self.costs
        if self.diverged:
            return np.arange(len(costs) - 1), costs[:-1]
        return np.arange(len(costs) + 1), np.append(costs, self.cost)

    @property
    def rise(self):
        """(iterations, costs) of the step where the cost rose; empty unless diverged."""
        costs = self.costs
        if self.diverged:
            return np.arange(len(costs) - 2, len(costs)), costs[-2:]
        return np.array([]), np.array([])

    @property
    def axis_end(self):
        """Where the iteration axis ends: a round number at or past the curve's end."""
        return _axis_end(len(self.costs) if self.diverged else self.iterations)

    # -- the words

    @property
    def message(self):
        """How the run diverged, in a sentence; empty when it did not."""
        return self.result.message if self.diverged else ""

    @property
    def rise_note(self):
        """Beside the cost curve: where the cost rose; empty unless diverged."""
        if not self.diverged:
            return ""
        costs = self.costs
        return f"diverged: at iteration {len(costs) - 1}\nthe cost rose to {costs[-1]:.3g}"

    @property
    def shown_note(self):
        """On the data: which parameters the boundary shows; empty unless diverged."""
        if not self.diverged:
            return ""
        return f"α too large: showing w, b\nfrom iteration {len(self.costs) - 2}"

    @property
    def safe_line(self):
        """α measured in steps of 2/β: below it the cost falls at every step."""
        ratio = self.alpha / self.safe_alpha
        side = "below" if ratio <= 1 else "ABOVE"
        return (f"2/β = {self.safe_alpha:.3g} for these data: any α below it makes the cost "
                f"fall. Now α = {ratio:.2g} × 2/β, {side}.")

    @property
    def params_line(self):
        w = ", ".join(f"{wj:.4f}" for wj in np.ravel(self.w))
        return f"w = [{w}]   b = {self.b:.4f}   J = {self.cost:.6f}"

    @property
    def status_lines(self):
        """The lines under the figure: w, b and J, after the divergence message if any."""
        if self.diverged:
            return [self.message, f"Shown: {self.params_line}"]
        return [self.params_line]

    @property
    def summary(self):
        state = "diverged" if self.diverged else f"J = {self.cost:.6f}"
        return f"alpha = {self.alpha:.3g}, {self.iterations} iterations, {state}"


# ---------------------------------------------------------------- notebook 04: the widget


def _toy():
    X, Y = toy_data()
    return X, Y, ("x1", "x2"), None


def _breast_cancer():
    X, Y, names = breast_cancer()
    X, _, _ = standardize(X)
    return X, Y, tuple(f"{n} (std.)" for n in names), ("benign", "malignant")


class Playground(_Explorer):
    """Gradient descent under your hands: learning rate, iterations, data set.

    A change of α (or of the data) trains a new :class:`PlaygroundRun` from
    w = 0, b = 0; a change of the iterations shows the same run longer or
    shorter, and trains it further only the first time it goes past where
    it was trained. The cost curve and the decision boundary are drawn from
    that one run into one figure, so they always show the same moment; the
    text under it gives w, b and J, or, when the run diverged, says so in
    plain words (no traceback, and the plot keeps the last good parameters).

    Parameters
    ----------
    alpha : float
        Starting learning rate; the slider spans 1e-4 to 1e2 on a log scale,
        far past the point where both data sets diverge.
    iterations : int
        Starting number of iterations (0 to ``max_iterations``).
    dataset : str, optional
        A key of ``Playground.datasets``; the toy data when omitted.
    max_iterations : int

    Notes
    -----
    Both sliders use ``continuous_update=True``: a refresh takes tens of
    milliseconds, and the widget front end sends at most one change at a
    time while the kernel is busy (it keeps only the newest value), so
    dragging feels live without a backlog. The play button moves the
    iteration slider in the browser; each frame is one refresh.

    The background (axes, ticks, labels, legend, colour bar) is rendered
    again only when the data set or the end of the iteration axis (10, 20,
    50, 100, ...) changes. The figure's layout is computed once per data set
    and then frozen.
    """

    # name -> a function that loads (X, Y, feature names, class names). The real data
    # are loaded when first chosen: scikit-learn takes a second to import.
    datasets = {"toy data (m = 200)": _toy, "breast cancer (m = 569)": _breast_cancer}
    _loaded = {}

    def __init__(self, alpha=0.01, iterations=500, dataset=None, max_iterations=2000):
        names = list(self.datasets)
        label = {"description_width": "5.5em"}
        self.dataset = ipywidgets.Dropdown(
            options=names, value=dataset or names[0], description="data",
            style={"description_width": "2.5em"}, layout=ipywidgets.Layout(width="auto"))
        self.alpha = ipywidgets.FloatLogSlider(
            value=alpha, base=10, min=-4, max=2, step=0.05, description="α",
            readout_format=".3g", continuous_update=True, style=label,
            layout=ipywidgets.Layout(width="55%"),
        )
        self.safe = ipywidgets.HTML(layout=ipywidgets.Layout(width="45%"))
        self.iterations = ipywidgets.IntSlider(
            value=iterations, min=0, max=max_iterations, step=1, description="iterations",
            continuous_update=True, style=label, layout=ipywidgets.Layout(width="55%"),
        )
        self.play = ipywidgets.Play(value=iterations, min=0, max=max_iterations, step=20,
                                    interval=150, tooltip="animate the iterations")
        ipywidgets.jslink((self.play, "value"), (self.iterations, "value"))
        self.step = ipywidgets.Button(description="one step", icon="step-forward",
                                      tooltip="one more iteration",
                                      layout=ipywidgets.Layout(width="auto", flex="0 0 auto"))
        self.step.on_click(self._on_step)
        self.status = ipywidgets.HTML()
        self.view = _FigureImage(12.5, 4.75)
        with matplotlib.rc_context(plots.EXPLORER_STYLE):
            self.ax_cost, self.ax_data, self.ax_scale = self.view.figure.subplots(
                1, 3, width_ratios=[1, 1, 0.05])
        self.run = None
        self._set_data()
        super().__init__([
            ipywidgets.HBox([self.alpha, self.safe]),
            ipywidgets.HBox([self.iterations, self.play, self.step, self.dataset]),
            self.view.image,
            self.status,
        ])
        self.add_class("logreg-playground")
        self.alpha.observe(self._on_change, names="value")
        self.iterations.observe(self._on_change, names="value")
        self.dataset.observe(self._on_dataset, names="value")
        self.refresh()

    # -- the figure

    @classmethod
    def _data(cls, name):
        if name not in cls._loaded:
            cls._loaded[name] = cls.datasets[name]()
        return cls._loaded[name]

    def _set_data(self):
        """Build the figure parts for the chosen data set and lay the figure out once."""
        self.X, self.Y, names, classes = self._data(self.dataset.value)
        self.safe_alpha = largest_safe_alpha(self.X)
        self.run = None
        with matplotlib.rc_context(plots.EXPLORER_STYLE):
            self.ax_cost.clear()
            self.cost_curve = plots.CostCurve(self.ax_cost, start=np.log(2),
                                              start_label="J at the start, log 2")
            self.ax_cost.set_title("the cost J of the run", pad=34)

            ax = self.ax_data
            ax.clear()
            self.boundary = plots.DecisionBoundary(self.X, ax, cax=self.ax_scale, resolution=160,
                                                   interpolation="nearest")
            plots.scatter_classes(self.X, self.Y, ax, names, classes)
            self.shown_note = ax.text(0.5, 0.06, "", transform=ax.transAxes, ha="center",
                                      va="bottom", color=plots.VERMILION,
                                      bbox=dict(facecolor="white", edgecolor=plots.VERMILION))
            # The legend sits in one row between the panel and its title, off the shading,
            # so it stays in the background. It may be wider than the panel (the real data's
            # class names are long): left out of the layout, it does not squeeze the panel.
            ax.set_title("the data and the decision boundary", pad=34)
            legend = ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3,
                               frameon=False, columnspacing=0.8, handlelength=1.2,
                               handletextpad=0.3, borderaxespad=0.1)
            legend.set_in_layout(False)

            fig = self.view.figure
            fig.set_layout_engine("constrained", w_pad=0.04, h_pad=0.04)
            fig.get_layout_engine().execute(fig)  # once, then frozen: it measures every label
            fig.set_layout_engine("none")
        # What changes at each refresh, in drawing order. On the data panel the
        # points, spines and note lie over the shading, so they are redrawn too.
        on_top = [*ax.collections, *ax.spines.values(), self.shown_note]
        self._dynamic = [*self.cost_curve.artists, *self.boundary.artists, *on_top]
        for artist in self._dynamic:
            artist.set_animated(True)
        self.view.forget_background()

    def _draw(self, x_end):
        """Render: the background for this data set and axis end, the changing artists over it."""
        self.ax_cost.set_xlim(0, x_end)  # drawn in the background, which is new when it changes
        self.view.blit((self.dataset.value, x_end), self._dynamic)

    # -- events

    def _on_change(self, change):
        self.refresh()

    def _on_dataset(self, change):
        self._set_data()
        self.refresh()

    def _on_step(self, button):
        self.iterations.value = min(self.iterations.value + 1, self.iterations.max)

    # -- the update

    def _next_run(self):
        """The run for the current settings: the one shown, seen longer or shorter, or a new one."""
        alpha, k, run = self.alpha.value, self.iterations.value, self.run
        if run is not None and run.alpha == alpha and k <= run.trained:
            return run.at(k)
        # The same alpha further than trained: train to the slider's end once, so that
        # playing on or dragging further needs no more training.
        until = self.iterations.max if run is not None and run.alpha == alpha else k
        return PlaygroundRun.train(self.X, self.Y, alpha, k, self.safe_alpha, until=until)

    def refresh(self):
        """Show the run for the current settings in every view (synchronous).

        A diverging run is shown, not raised. Where numpy or Python are set to
        raise on overflow (``np.seterr``), a diverging run raises instead, and
        that is said in words too; any other error is a bug and propagates.
        """
        try:
            run = self._next_run()
        except (FloatingPointError, OverflowError) as error:  # what an overflow can raise
            self.status.value = _box(f"Could not train: {html.escape(str(error))}. The steps "
                                     "grew too large; try a smaller α.", warning=True)
            return
        self.cost_curve.set(*run.curve, rise=run.rise, note=run.rise_note)
        self.boundary.set(run.w, run.b)
        self.shown_note.set_text(run.shown_note)
        self._draw(run.axis_end)
        self.view.push(draw=False)
        self.run = run

        self.safe.value = _box(html.escape(run.safe_line), warning=run.alpha > run.safe_alpha,
                               monospace=False)
        self.status.value = _box("<br>".join(html.escape(line) for line in run.status_lines),
                                 warning=run.diverged)
        self._summary = f"{run.summary} (run the notebook to play)"


def _box(content, warning=False, monospace=True):
    """HTML for text under or beside the controls (class logreg-status or logreg-safe)."""
    colour = plots.VERMILION if warning else "inherit"
    kind, font = ("status", "font-family: monospace; ") if monospace else ("safe", "")
    return (f'<div class="logreg-{kind}" style="{font}font-size: 1.1em; line-height: 1.4; '
            f'color: {colour}; white-space: pre-wrap">{content}</div>')

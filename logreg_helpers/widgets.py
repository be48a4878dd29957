"""Interactive explorers built from ipywidgets: the computation graph and the alpha playground.

* :func:`graph_explorer`: sliders for x1, x2, w1, w2, b and a toggle for y that
  redraw one example's computation graph (notebook 01).
* :class:`Playground`: the learning rate alpha on a log scale, the number of
  iterations, a play control, the data set; the cost curve, the decision
  boundary and the current w, b and J update together (notebook 04).

Both draw with matplotlib's Agg renderer into ONE figure that is never
replaced: a change updates the figure's artists, renders it, and sends the
PNG to an ``ipywidgets.Image``. This works the same under any notebook
backend (inline, ipympl), in Voilà, and needs no ``plt.figure`` bookkeeping,
so hundreds of moves leave no figures behind. Each explorer has a
synchronous ``refresh()`` that does the whole update, for tests and timing.
"""

import html
import io
import warnings

import ipywidgets as W
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from . import plots
from .data import breast_cancer, standardize, toy_data
from .graph import example_graph
from .numerics import largest_safe_alpha
from .vectorized import DivergenceWarning, train

__all__ = ["Playground", "graph_explorer"]


class _FigureImage:
    """A matplotlib Figure outside pyplot, shown as an ``ipywidgets.Image``.

    ``push()`` renders the figure with Agg and replaces the image's bytes.
    PNG level 1 compresses a plot about as well as the default level 6 in
    half the time; the figure is opaque, so the alpha channel is dropped.
    """

    def __init__(self, width, height, dpi=None):
        self.figure = Figure(figsize=(width, height), dpi=dpi or plots.STYLE["figure.dpi"])
        FigureCanvasAgg(self.figure)  # attaches itself as figure.canvas
        self.image = W.Image(format="png", layout=W.Layout(max_width="100%", height="auto"))

    def png(self, draw=True):
        """The figure as PNG bytes: rendered now, or as last drawn when ``draw=False``."""
        canvas = self.figure.canvas
        if draw:
            canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
        buffer = io.BytesIO()
        PIL.Image.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def push(self, draw=True):
        self.image.value = self.png(draw)


class _Explorer(W.VBox):
    """A VBox whose plain-text form (what a notebook stores beside the widget) is short."""

    _summary = ""

    def __repr__(self):
        return f"<{type(self).__name__}: {self._summary}>"


# ---------------------------------------------------------------- notebook 01


class GraphExplorer(_Explorer):
    """One example's computation graph under sliders; made by :func:`graph_explorer`."""

    def __init__(self, x=(1.5, -0.5), w=(0.8, 0.4), b=-0.2, y=1):
        def slider(name, value):
            return W.FloatSlider(
                value=value, min=-3.0, max=3.0, step=0.1, description=name,
                readout_format=".1f", continuous_update=True,
                style={"description_width": "2.5em"}, layout=W.Layout(width="95%"),
            )

        (x1, x2), (w1, w2) = x, w
        self.sliders = {
            "x1": slider("x1", x1), "x2": slider("x2", x2),
            "w1": slider("w1", w1), "w2": slider("w2", w2), "b": slider("b", b),
        }
        self.y = W.ToggleButtons(options=[0, 1], value=int(y), description="y",
                                 style={"description_width": "2.5em", "button_width": "4em"})
        # One size for every slider position: the graph's size with either label, and
        # a little room for longer numbers.
        sizes = [plots.graph_size(example_graph(x, w, b, label)) for label in (0, 1)]
        self.view = _FigureImage(max(s[0] for s in sizes) + 0.4, max(s[1] for s in sizes))
        self.ax = self.view.figure.add_axes((0, 0, 1, 1))
        s = self.sliders
        columns = W.HBox([
            W.VBox([s["x1"], s["x2"]], layout=W.Layout(width="33%")),
            W.VBox([s["w1"], s["w2"]], layout=W.Layout(width="33%")),
            W.VBox([s["b"], self.y], layout=W.Layout(width="33%")),
        ])
        super().__init__([columns, self.view.image])
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

    def refresh(self):
        """Recompute the graph at the current values and redraw it."""
        g = self.graph
        plots.draw_graph(g, ax=self.ax)
        self.view.push()
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


# ---------------------------------------------------------------- notebook 04


def _datasets():
    """The data sets of the playground: name -> (X, Y, feature names, class names)."""
    X, Y = toy_data()
    X_bc, Y_bc, names = breast_cancer()
    X_bc, _, _ = standardize(X_bc)
    return {
        "toy data (m = 200)": (X, Y, ("x1", "x2"), None),
        "breast cancer (m = 569, standardised)": (
            X_bc, Y_bc, tuple(f"{n} (std.)" for n in names), ("benign", "malignant")),
    }


def _axis_end(n):
    """The smallest of 10, 20, 50, 100, 200, 500, ... that is at least n."""
    end = 10
    while end < n:
        end = end * 5 // 2 if str(end)[0] == "2" else end * 2
    return end


class Playground(_Explorer):
    """Gradient descent under your hands: learning rate, iterations, data set.

    Every change retrains from w = 0, b = 0 with :func:`logreg_helpers.train`
    and redraws the cost curve and the decision boundary in one figure; the
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

    Redrawing is incremental (blitting): the axes, ticks, labels, legend and
    colour bar are rendered once into a background, and a refresh pastes that
    background and draws only what lies on or over the changing parts (the
    cost curve, the shading and boundary line, the points over them). The
    background is rendered again only when the data set or the end of the
    iteration axis (10, 20, 50, 100, ...) changes. The figure's layout is
    computed once and then frozen.
    """

    datasets = None  # filled on first use: loading the real data set needs scikit-learn

    def __init__(self, alpha=0.01, iterations=500, dataset=None, max_iterations=2000):
        if Playground.datasets is None:
            Playground.datasets = _datasets()
        names = list(self.datasets)
        label = {"description_width": "6em"}
        self.dataset = W.Dropdown(options=names, value=dataset or names[0], description="data",
                                  style=label, layout=W.Layout(width="auto"))
        self.alpha = W.FloatLogSlider(
            value=alpha, base=10, min=-4, max=2, step=0.05, description="α",
            readout_format=".3g", continuous_update=True, style=label,
            layout=W.Layout(width="55%"),
        )
        self.safe = W.HTML(layout=W.Layout(width="45%"))
        self.iterations = W.IntSlider(
            value=iterations, min=0, max=max_iterations, step=1, description="iterations",
            continuous_update=True, style=label, layout=W.Layout(width="55%"),
        )
        self.play = W.Play(value=iterations, min=0, max=max_iterations, step=20, interval=150,
                           tooltip="animate the iterations")
        W.jslink((self.play, "value"), (self.iterations, "value"))
        self.step = W.Button(description="one step", icon="step-forward",
                             tooltip="one more iteration", layout=W.Layout(width="auto"))
        self.step.on_click(self._on_step)
        self.status = W.HTML()
        self.view = _FigureImage(12, 4.5)
        self.ax_cost, self.ax_data, self.ax_scale = self.view.figure.subplots(
            1, 3, width_ratios=[1, 1, 0.05])
        self.result = None
        self._background = None  # (key, pixels) of the static part of the figure
        self._set_data()
        super().__init__([
            W.HBox([self.dataset]),
            W.HBox([self.alpha, self.safe]),
            W.HBox([self.iterations, self.play, self.step]),
            self.view.image,
            self.status,
        ])
        self.alpha.observe(self._on_change, names="value")
        self.iterations.observe(self._on_change, names="value")
        self.dataset.observe(self._on_dataset, names="value")
        self.refresh()

    # -- the figure

    def _set_data(self):
        """Build both panels for the chosen data set and lay the figure out once."""
        self.X, self.Y, names, classes = self.datasets[self.dataset.value]
        self.safe_alpha = largest_safe_alpha(self.X)
        ax = self.ax_cost
        ax.clear()
        (self.cost_line,) = ax.plot([], [], lw=2.5, color=plots.BLUE)
        (self.cost_rise,) = ax.plot([], [], lw=2.5, color=plots.VERMILION, marker="o")
        self.rise_text = ax.text(0.5, 0.45, "", transform=ax.transAxes, ha="center",
                                 va="center", color=plots.VERMILION, fontsize=14)
        ax.axhline(np.log(2), color=plots.GREY, lw=1, ls=":")
        ax.text(0.97, np.log(2), "J at the start, log 2", transform=ax.get_yaxis_transform(),
                ha="right", va="bottom", color=plots.GREY, fontsize=12)
        ax.set_xlabel("iteration")
        ax.set_ylabel("cost J")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(0, 0.8)
        ax.set_title("cost J, α = 0.01, 1000 iterations")  # typical length, for the layout

        ax = self.ax_data
        ax.clear()
        self.boundary = plots.DecisionBoundary(self.X, ax, cax=self.ax_scale)
        plots.scatter_classes(self.X, self.Y, ax, names, classes)
        self.data_text = ax.text(0.5, 0.08, "", transform=ax.transAxes, ha="center",
                                 va="bottom", color=plots.VERMILION, fontsize=14,
                                 bbox=dict(facecolor="white", edgecolor=plots.VERMILION))
        # The legend sits above the panel, off the shading, so it stays in the background.
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False,
                  title="the data and the decision boundary", title_fontsize=14,
                  columnspacing=1.0, handletextpad=0.4)

        fig = self.view.figure
        fig.set_layout_engine("constrained")  # once, then frozen: it measures every label
        fig.canvas.draw()
        fig.set_layout_engine("none")
        # What changes at each refresh, in drawing order. On the data panel the
        # points, spines and message lie over the shading, so they are redrawn too.
        on_top = [*ax.collections, *ax.spines.values(), self.data_text]
        self._dynamic = [self.cost_line, self.cost_rise, self.rise_text, self.ax_cost.title,
                         self.boundary.image, self.boundary.line, *on_top]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._background = None

    def _draw(self, x_end):
        """Render: the cached background, then the changing artists over it."""
        fig = self.view.figure
        canvas = fig.canvas
        key = (self.dataset.value, x_end)
        if self._background is None or self._background[0] != key:
            self.ax_cost.set_xlim(0, x_end)
            canvas.draw()  # animated artists are left out of a full draw
            self._background = (key, canvas.copy_from_bbox(fig.bbox))
        canvas.restore_region(self._background[1])
        for artist in self._dynamic:
            fig.draw_artist(artist)

    # -- events

    def _on_change(self, change):
        self.refresh()

    def _on_dataset(self, change):
        self._set_data()
        self.refresh()

    def _on_step(self, button):
        self.iterations.value = min(self.iterations.value + 1, self.iterations.max)

    # -- the update

    def train(self):
        """Train from zeros with the current settings; never prints a warning.

        Returns
        -------
        TrainResult
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # shown as .message instead
            return train(self.X, self.Y, self.alpha.value, self.iterations.value)

    def refresh(self):
        """Retrain with the current settings and redraw every view (synchronous)."""
        alpha, n = self.alpha.value, self.iterations.value
        try:
            self.result = r = self.train()
        except Exception as error:  # a sentence beats a traceback in a classroom
            self.status.value = _box(f"Could not train: {html.escape(str(error))}", warning=True)
            return
        costs = r.costs
        if r.diverged:  # costs[-1] is the cost that rose; draw that step in vermilion
            self.cost_line.set_data(np.arange(len(costs) - 1), costs[:-1])
            self.cost_rise.set_data([len(costs) - 2, len(costs) - 1], costs[-2:])
            self.rise_text.set_text(
                f"diverged: at iteration {len(costs) - 1}\nthe cost rose to {costs[-1]:.3g}"
            )
            self.data_text.set_text(f"α too large: showing w, b\nfrom iteration {len(costs) - 2}")
            x_end = _axis_end(len(costs))
        else:  # J before each update, then J after the last one
            self.cost_line.set_data(np.arange(len(costs) + 1), np.append(costs, r.cost))
            self.cost_rise.set_data([], [])
            self.rise_text.set_text("")
            self.data_text.set_text("")
            x_end = _axis_end(n)
        self.ax_cost.title.set_text(f"cost J, α = {alpha:.3g}, {n} iterations")
        self.boundary.set(r.w, r.b)
        self._draw(x_end)
        self.view.push(draw=False)

        ratio = alpha / self.safe_alpha
        self.safe.value = _box(
            f"2/L = <b>{self.safe_alpha:.3g}</b> for these data: any α below it makes the cost "
            f"fall. Now α = <b>{ratio:.2g} × 2/L</b>, {'below' if ratio <= 1 else 'ABOVE'}. "
            "Cross it and watch!",
            warning=ratio > 1, monospace=False,
        )
        w = ", ".join(f"{wj:.4f}" for wj in np.ravel(r.w))
        params = f"w = [{w}]   b = {r.b:.4f}   J = {r.cost:.6f}"
        if r.diverged:
            self.status.value = _box(f"{html.escape(r.message)}<br>Shown: {params}", warning=True)
        else:
            self.status.value = _box(params)
        state = "diverged" if r.diverged else f"J = {r.cost:.6f}"
        self._summary = f"alpha = {alpha:.3g}, {n} iterations, {state} (run the notebook to play)"


def _box(content, warning=False, monospace=True):
    """HTML for text under or beside the controls (class logreg-status or logreg-safe)."""
    colour = plots.VERMILION if warning else "inherit"
    kind, font = ("status", "font-family: monospace; ") if monospace else ("safe", "")
    return (f'<div class="logreg-{kind}" style="{font}font-size: 1.1em; line-height: 1.4; '
            f'color: {colour}; white-space: pre-wrap">{content}</div>')

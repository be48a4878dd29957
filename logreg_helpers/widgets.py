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
"""

import html
import io
import warnings
from dataclasses import dataclass

import ipywidgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import plots
from .data import breast_cancer, standardize, toy_data
from .graph import example_graph
from .numerics import largest_safe_alpha
from .vectorized import DivergenceWarning, TrainResult, train

__all__ = ["Playground", "PlaygroundRun", "graph_explorer"]


class _FigureImage:
    """A matplotlib Figure outside pyplot, shown as an ``ipywidgets.Image``.

    ``push()`` renders the figure with Agg and replaces the image's bytes.
    PNG level 1 compresses a plot about as well as the default level 6 in
    half the time; the figure is opaque, so the alpha channel is dropped.
    """

    def __init__(self, width, height, dpi=None):
        self.figure = Figure(figsize=(width, height), dpi=dpi or plots.STYLE["figure.dpi"])
        FigureCanvasAgg(self.figure)  # attaches itself as figure.canvas
        self.image = ipywidgets.Image(
            format="png", layout=ipywidgets.Layout(max_width="100%", height="auto"))

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


class _Explorer(ipywidgets.VBox):
    """A VBox whose plain-text form (what a notebook stores beside the widget) is short."""

    _summary = ""

    def __repr__(self):
        return f"<{type(self).__name__}: {self._summary}>"


# ---------------------------------------------------------------- notebook 01


class GraphExplorer(_Explorer):
    """One example's computation graph under sliders; made by :func:`graph_explorer`."""

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
        # either label (other numbers change it by less than its half-inch rounding).
        sizes = [plots.graph_size(example_graph(x, w, b, label)) for label in (0, 1)]
        self.view = _FigureImage(*np.max(sizes, axis=0))
        self.ax = self.view.figure.add_axes((0, 0, 1, 1))
        s = self.sliders
        column = ipywidgets.Layout(width="33%")
        columns = ipywidgets.HBox([
            ipywidgets.VBox([s["x1"], s["x2"]], layout=column),
            ipywidgets.VBox([s["w1"], s["w2"]], layout=column),
            ipywidgets.VBox([s["b"], self.y], layout=column),
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
    the properties give the numbers to draw and the sentences to show. The
    curvature bound β of the data sets the largest safe step, 2/β
    (:func:`~logreg_helpers.largest_safe_alpha`).

    Attributes
    ----------
    alpha : float
    iterations : int
    safe_alpha : float
        2/β for the data.
    result : TrainResult
    """

    alpha: float
    iterations: int
    safe_alpha: float
    result: TrainResult

    @classmethod
    def train(cls, X, Y, alpha, iterations, safe_alpha=None):
        """Train from zeros; a diverging run says so in ``.message``, never as a warning.

        ``safe_alpha`` (2/β for X) is computed when omitted.
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # said in .message instead
            result = train(X, Y, alpha, iterations)
        if safe_alpha is None:
            safe_alpha = largest_safe_alpha(X)
        return cls(alpha, iterations, safe_alpha, result)

    # -- the numbers

    @property
    def w(self):
        """The weights shown: after the last step, or the last good ones when diverged."""
        return self.result.w

    @property
    def b(self):
        return self.result.b

    @property
    def cost(self):
        """J at the w and b shown."""
        return self.result.cost

    @property
    def diverged(self):
        return self.result.diverged

    @property
    def curve(self):
        """(iterations, costs) for the cost curve: J before each step, then J after the last.

        When the run diverged: up to the last good step (the rise is :attr:`rise`).
        """
        costs = self.result.costs
        if self.diverged:
            return np.arange(len(costs) - 1), costs[:-1]
        return np.arange(len(costs) + 1), np.append(costs, self.cost)

    @property
    def rise(self):
        """(iterations, costs) of the step where the cost rose; empty unless diverged."""
        costs = self.result.costs
        if self.diverged:
            return np.arange(len(costs) - 2, len(costs)), costs[-2:]
        return np.array([]), np.array([])

    @property
    def axis_end(self):
        """Where the iteration axis ends: a round number at or past the curve's end."""
        return _axis_end(len(self.result.costs) if self.diverged else self.iterations)

    # -- the words

    @property
    def message(self):
        """How the run diverged, in a sentence; empty when it did not."""
        return self.result.message if self.diverged else ""

    @property
    def title(self):
        return f"cost J, α = {self.alpha:.3g}, {self.iterations} iterations"

    @property
    def rise_note(self):
        """Beside the cost curve: where the cost rose; empty unless diverged."""
        if not self.diverged:
            return ""
        costs = self.result.costs
        return f"diverged: at iteration {len(costs) - 1}\nthe cost rose to {costs[-1]:.3g}"

    @property
    def shown_note(self):
        """On the data: which parameters the boundary shows; empty unless diverged."""
        if not self.diverged:
            return ""
        return f"α too large: showing w, b\nfrom iteration {len(self.result.costs) - 2}"

    @property
    def safe_line(self):
        """α measured in steps of 2/β: below it the cost falls at every step."""
        ratio = self.alpha / self.safe_alpha
        side = "below" if ratio <= 1 else "ABOVE"
        return (f"2/β = {self.safe_alpha:.3g} for these data: any α below it makes the cost "
                f"fall. Now α = {ratio:.2g} × 2/β, {side}. Cross it and watch!")

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


class Playground(_Explorer):
    """Gradient descent under your hands: learning rate, iterations, data set.

    Every change retrains from w = 0, b = 0 (a :class:`PlaygroundRun`) and
    redraws the cost curve and the decision boundary in one figure; the text
    under it gives w, b and J, or, when the run diverged, says so in plain
    words (no traceback, and the plot keeps the last good parameters).

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
    colour bar are rendered once into a background, and a refresh pastes
    that background and draws only what lies on or over the changing parts
    (the cost curve, the shading and boundary line, the points over them).
    The background is rendered again only when the data set or the end of
    the iteration axis (10, 20, 50, 100, ...) changes. The figure's layout
    is computed once per data set and then frozen.
    """

    datasets = None  # filled on first use: loading the real data set needs scikit-learn

    def __init__(self, alpha=0.01, iterations=500, dataset=None, max_iterations=2000):
        if Playground.datasets is None:
            Playground.datasets = _datasets()
        names = list(self.datasets)
        label = {"description_width": "6em"}
        self.dataset = ipywidgets.Dropdown(
            options=names, value=dataset or names[0], description="data", style=label,
            layout=ipywidgets.Layout(width="auto"))
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
                                      layout=ipywidgets.Layout(width="auto"))
        self.step.on_click(self._on_step)
        self.status = ipywidgets.HTML()
        self.view = _FigureImage(12, 4.5)
        self.ax_cost, self.ax_data, self.ax_scale = self.view.figure.subplots(
            1, 3, width_ratios=[1, 1, 0.05])
        self.run = None
        self._background = None  # (key, pixels) of the static part of the figure
        self._set_data()
        super().__init__([
            ipywidgets.HBox([self.dataset]),
            ipywidgets.HBox([self.alpha, self.safe]),
            ipywidgets.HBox([self.iterations, self.play, self.step]),
            self.view.image,
            self.status,
        ])
        self.alpha.observe(self._on_change, names="value")
        self.iterations.observe(self._on_change, names="value")
        self.dataset.observe(self._on_dataset, names="value")
        self.refresh()

    @property
    def result(self):
        """The :class:`~logreg_helpers.TrainResult` of the run shown."""
        return self.run.result

    # -- the figure

    def _set_data(self):
        """Build the figure parts for the chosen data set and lay the figure out once."""
        self.X, self.Y, names, classes = self.datasets[self.dataset.value]
        self.safe_alpha = largest_safe_alpha(self.X)
        self.ax_cost.clear()
        self.cost_curve = plots.CostCurve(self.ax_cost, start=np.log(2),
                                          start_label="J at the start, log 2")
        self.ax_cost.set_title("cost J, α = 0.01, 1000 iterations")  # typical, for the layout

        ax = self.ax_data
        ax.clear()
        self.boundary = plots.DecisionBoundary(self.X, ax, cax=self.ax_scale)
        plots.scatter_classes(self.X, self.Y, ax, names, classes)
        self.shown_note = ax.text(0.5, 0.08, "", transform=ax.transAxes, ha="center",
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
        # points, spines and note lie over the shading, so they are redrawn too.
        on_top = [*ax.collections, *ax.spines.values(), self.shown_note]
        self._dynamic = [*self.cost_curve.artists, *self.boundary.artists, *on_top]
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

    def refresh(self):
        """Retrain with the current settings and redraw every view (synchronous).

        A diverging run is shown, not raised. Where numpy or Python are set to
        raise on overflow (``np.seterr``), a diverging run raises instead, and
        that is said in words too; any other error is a bug and propagates.
        """
        try:
            run = PlaygroundRun.train(self.X, self.Y, self.alpha.value, self.iterations.value,
                                      self.safe_alpha)
        except (FloatingPointError, OverflowError) as error:  # what an overflow can raise
            self.status.value = _box(f"Could not train: {html.escape(str(error))}. The steps "
                                     "grew too large; try a smaller α.", warning=True)
            return
        self.run = run
        self.cost_curve.set(*run.curve, rise=run.rise, note=run.rise_note, title=run.title)
        self.boundary.set(run.w, run.b)
        self.shown_note.set_text(run.shown_note)
        self._draw(run.axis_end)
        self.view.push(draw=False)

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

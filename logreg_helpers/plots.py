"""Figures for the notebooks: the computation graph, cost curves, decision boundaries.

Importing this module applies :data:`STYLE` (large fonts for a projector); every figure uses a
colour-blind-safe palette (Okabe and Ito); the two classes also differ in
marker shape, so they stay apart in grey-scale too.

Functions that draw into an existing Axes return the artists they made, so
the widgets can update them in place instead of drawing a new figure.
"""

import matplotlib.pyplot as plt
import numpy as np

from .numerics import sigmoid

# Okabe-Ito colours
BLUE, ORANGE, GREEN, VERMILION, PURPLE, GREY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#666666",
)
CLASS_STYLE = {
    0: dict(color=BLUE, marker="o", label="y = 0"),
    1: dict(color=ORANGE, marker="^", label="y = 1"),
}
STYLE = {
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "figure.dpi": 80,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


plt.rcParams.update(STYLE)  # importing this module sets the classroom style


def new_figure(ncols=1, width=6.0, height=4.5):
    """A figure with ``ncols`` Axes side by side."""
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), layout="constrained")
    return fig, axes


# ---------------------------------------------------------------- computation graph


def _node(ax, xy, text, color, width=0.17, height=0.12):
    x, y = xy
    box = plt.Rectangle(
        (x - width / 2, y - height / 2), width, height,
        facecolor="white", edgecolor=color, linewidth=2,
    )
    ax.add_patch(box)
    ax.text(x, y, text, ha="center", va="center", fontsize=12)


def _arrow(ax, start, end, color=GREY):
    ax.annotate(
        "", xy=end, xytext=start,
        arrowprops=dict(arrowstyle="-|>", color=color, lw=1.5, shrinkA=0, shrinkB=0),
    )


def draw_graph(g, ax=None, backward=True):
    """Draw one example's computation graph with its values.

    Parameters
    ----------
    g : ExampleGraph
        From :func:`logreg_helpers.example_graph`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted. The Axes is cleared first.
    backward : bool
        Also write the backward values (da, dz, dwj, db) in vermilion.

    Returns
    -------
    matplotlib Axes
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 1.6 + 1.1 * (len(g.x) + 1)), layout="constrained")
    ax.clear()
    ax.set_axis_off()
    n = len(g.x)
    rows = np.linspace(0.9, 0.1, n + 1) if n else np.array([0.5])
    z_xy, a_xy, L_xy = (0.45, 0.5), (0.68, 0.5), (0.9, 0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.08, 1.05)

    inputs = [
        (f"x{j} = {xj:.3g}\nw{j} = {wj:.3g}", f"dw{j} = {dwj:.3g}")
        for j, (xj, wj, dwj) in enumerate(zip(g.x, g.w, g.dw), start=1)
    ] + [(f"b = {g.b:.3g}", f"db = {g.db:.3g}")]
    for (label, grad), y in zip(inputs, rows):
        _node(ax, (0.1, y), label, BLUE)
        _arrow(ax, (0.185, y), (z_xy[0] - 0.1, z_xy[1]))
        if backward:
            ax.text(0.1, y - 0.085, grad, ha="center", va="top", color=VERMILION, fontsize=12)

    terms = " + ".join(f"w{j}x{j}" for j in range(1, n + 1))
    _node(ax, z_xy, f"z = {terms} + b\n= {g.z:.4g}", GREEN, width=0.2 if n < 3 else 0.26)
    _node(ax, a_xy, f"a = σ(z)\n= {g.a:.4g}", GREEN)
    _node(ax, L_xy, f"L(a, y), y = {g.y}\n= {g.L:.4g}", PURPLE, width=0.19)
    _arrow(ax, (z_xy[0] + 0.1, 0.5), (a_xy[0] - 0.085, 0.5))
    _arrow(ax, (a_xy[0] + 0.085, 0.5), (L_xy[0] - 0.095, 0.5))
    if backward:
        ax.text(z_xy[0], 0.37, f"dz = a − y = {g.dz:.4g}", ha="center", va="top",
                color=VERMILION, fontsize=12)
        ax.text(a_xy[0], 0.37, f"da = {g.da:.4g}", ha="center", va="top",
                color=VERMILION, fontsize=12)
        ax.text(0.5, -0.05, "forward values in black, backward values (derivatives of L) in red",
                ha="center", va="bottom", color=GREY, fontsize=11)
    return ax


# ---------------------------------------------------------------- cost curves


def plot_costs(costs, ax=None, label=None, **kwargs):
    """The cost J against the iteration number.

    Returns
    -------
    matplotlib Line2D
    """
    if ax is None:
        _, ax = new_figure()
    (line,) = ax.plot(np.arange(len(costs)), costs, label=label, lw=2, **kwargs)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    return line


# ---------------------------------------------------------------- decision boundaries


def scatter_classes(X, Y, ax, names=("x1", "x2")):
    """The two classes of a two-feature data set, in colour and marker shape."""
    for label, style in CLASS_STYLE.items():
        mask = Y[0] == label
        ax.scatter(X[0, mask], X[1, mask], s=30, alpha=0.8, edgecolor="white",
                   linewidth=0.5, **style)
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])


class DecisionBoundary:
    """The probability σ(w1 x1 + w2 x2 + b) as shading and the line where it is 0.5.

    Create it once over the data, then call :meth:`set` with new parameters:
    it updates its artists in place, which is much cheaper than drawing a new
    figure and is what the widgets do.
    """

    def __init__(self, X, ax, resolution=80, margin=0.5):
        lo = X.min(axis=1) - margin
        hi = X.max(axis=1) + margin
        self.ax = ax
        self.extent = (lo[0], hi[0], lo[1], hi[1])
        g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                             np.linspace(lo[1], hi[1], resolution))
        self.grid = np.vstack([g1.ravel(), g2.ravel()])  # (2, resolution²): one point per column
        self.shape = g1.shape
        self.image = ax.imshow(
            np.full(self.shape, 0.5), origin="lower", extent=self.extent, aspect="auto",
            cmap="PuOr_r", vmin=0, vmax=1, alpha=0.35, interpolation="bilinear",
        )
        (self.line,) = ax.plot([], [], color="black", lw=2.5, label="σ(z) = 0.5")
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])

    def set(self, w, b):
        """Show the boundary of the weights w (shape (2, 1)) and the bias b."""
        w1, w2 = np.ravel(w)
        self.image.set_data(sigmoid(w1 * self.grid[0] + w2 * self.grid[1] + b).reshape(self.shape))
        x_lo, x_hi, y_lo, y_hi = self.extent
        if abs(w2) >= abs(w1) and w2 != 0:  # the line w1 x1 + w2 x2 + b = 0, solved for x2
            xs = np.array([x_lo, x_hi])
            ys = -(w1 * xs + b) / w2
        elif w1 != 0:  # ... or for x1 when it is closer to vertical
            ys = np.array([y_lo, y_hi])
            xs = -(w2 * ys + b) / w1
        else:
            xs = ys = []
        self.line.set_data(xs, ys)


def plot_decision_boundary(w, b, X, Y, ax=None, names=("x1", "x2"), title=None):
    """The data and the decision boundary of (w, b) over it.

    Returns
    -------
    DecisionBoundary
    """
    if ax is None:
        _, ax = new_figure()
    boundary = DecisionBoundary(X, ax)
    boundary.set(w, b)
    scatter_classes(X, Y, ax, names)
    ax.legend(loc="upper left", framealpha=0.9)
    if title:
        ax.set_title(title)
    return boundary

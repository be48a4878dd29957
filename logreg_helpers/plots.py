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


def _num(v):
    """A value for the graph: 4 significant digits, with a true minus sign."""
    return f"{v:.4g}".replace("-", "\u2212")


def _node(ax, xy, text, color, fontsize=13):
    """A box that fits its text; arrows attach to the box's edge (its bbox patch)."""
    return ax.text(
        *xy, text, ha="center", va="center", fontsize=fontsize, zorder=3,
        bbox=dict(boxstyle="round,pad=0.45", facecolor="white", edgecolor=color, linewidth=2),
    )


def _arrow(ax, source, target, color=GREY, backward=False):
    """An arrow between two nodes: solid for the forward pass, dashed and curved for backward."""
    ax.annotate(
        "", xy=target.get_position(), xytext=source.get_position(), zorder=2,
        arrowprops=dict(
            arrowstyle="-|>", color=color, lw=2 if backward else 1.6,
            linestyle="--" if backward else "-", mutation_scale=16,
            connectionstyle="arc3,rad=0.25" if backward else "arc3",
            patchA=source.get_bbox_patch(), patchB=target.get_bbox_patch(),
            shrinkA=3, shrinkB=3,
        ),
    )


def draw_graph(g, ax=None, backward=True):
    """Draw one example's computation graph with its values.

    Forward: x, w, b -> z = wᵀx + b -> a = σ(z) -> L(a, y), values in black.
    Backward: da, dz, dwj = xj dz and db = dz, in vermilion, with dashed
    arrows running from L back to the parameters.

    Parameters
    ----------
    g : ExampleGraph
        From :func:`logreg_helpers.example_graph`; any number of features.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when omitted. The Axes is cleared first.
    backward : bool
        Also draw the backward pass. With False only the forward values show.

    Returns
    -------
    matplotlib Axes
    """
    n = len(g.x)
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 2.2 + 1.05 * (n + 1)), layout="constrained")
    ax.clear()
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    top, bottom = 0.86, 0.14
    rows = np.linspace(top, bottom, n + 1)  # one row per input node, b last
    mid = 0.5

    inputs = [
        _node(ax, (0.11, y), f"x{j} = {_num(xj)}\nw{j} = {_num(wj)}", BLUE)
        for j, (xj, wj, y) in enumerate(zip(g.x, g.w, rows), start=1)
    ] + [_node(ax, (0.11, rows[-1]), f"b = {_num(g.b)}", BLUE)]
    terms = " + ".join(f"w{j}x{j}" for j in range(1, n + 1)) if n <= 3 else "wᵀx"
    z = _node(ax, (0.42, mid), f"z = {terms} + b\n= {_num(g.z)}", GREEN)
    a = _node(ax, (0.66, mid), f"a = σ(z)\n= {_num(g.a)}", GREEN)
    L = _node(ax, (0.89, mid), f"L(a, y)\n= {_num(g.L)}", PURPLE)
    y = _node(ax, (0.89, top), f"y = {g.y}", BLUE)
    for node in inputs:
        _arrow(ax, node, z)
    _arrow(ax, z, a)
    _arrow(ax, a, L)
    _arrow(ax, y, L)

    if not backward:
        ax.set_title("Forward pass: values flow from the inputs to the loss", loc="left")
        return ax

    ax.set_title(
        "Backward pass: derivatives of L flow from the loss back to w and b (dashed, red)",
        loc="left",
    )
    red = dict(ha="center", va="top", color=VERMILION, fontsize=13, zorder=3)
    _arrow(ax, L, a, VERMILION, backward=True)
    _arrow(ax, a, z, VERMILION, backward=True)
    for node in inputs:
        _arrow(ax, z, node, VERMILION, backward=True)
    for j, (node, dwj) in enumerate(zip(inputs, g.dw), start=1):
        ax.text(0.11, node.get_position()[1] - 0.085, f"dw{j} = x{j}·dz = {_num(dwj)}", **red)
    ax.text(0.11, rows[-1] - 0.065, f"db = dz = {_num(g.db)}", **red)
    ax.text(0.42, mid - 0.17, f"dz = a − y\n= {_num(g.dz)}", **red)
    ax.text(0.66, mid - 0.17, f"da = −y/a + (1−y)/(1−a)\n= {_num(g.da)}", **red)
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


# ---------------------------------------------------------------- images and weight pictures

# ColorBrewer's diverging purple-orange map, safe for colour-blind readers, centred on 0: orange
# for weights that push σ(z) towards 1 (like the orange class above), purple towards 0, white for
# no push either way.
WEIGHT_CMAP = "PuOr_r"


def _as_images(X, name):
    """X of shape (n_pixels, m), one square image per column, as m images of side × side."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        hint = f" For one image, use {name}.reshape(-1, 1)." if X.ndim == 1 else ""
        raise ValueError(f"{name} should be 2-D with one image per column, "
                         f"but it has shape {X.shape}.{hint}")
    n_pixels, m = X.shape
    side = int(np.sqrt(n_pixels) + 0.5)  # the nearest whole side length
    if side * side != n_pixels:
        raise ValueError(
            f"{name} should hold one square image per column, but its columns have {n_pixels} "
            f"values, which is not a square number like 64 = 8 × 8. Did you pass {name}.T?"
        )
    return X.T.reshape(m, side, side)  # column i read row by row, as numpy's reshape does


def _grid(count, titles, ncols, size, name, extra_width=0.0):
    """A figure with one small square Axes per picture, in rows of ``ncols``, each in a thin frame.

    Axes after the last picture are switched off; ``extra_width`` (inches) leaves room for a
    colour bar.
    """
    if titles is not None and len(titles) != count:
        raise ValueError(f"Got {len(titles)} titles for {count} {name}: give one title each.")
    ncols = max(1, min(ncols, count))
    nrows = -(-count // ncols)  # ceiling division
    title_room = 0.25 * max(str(t).count("\n") + 1 for t in titles) if titles else 0.0
    fig, axes = plt.subplots(nrows, ncols, squeeze=False, layout="constrained",
                             figsize=(size * ncols + extra_width, (size + title_room) * nrows))
    for k, ax in enumerate(axes.flat):
        if k >= count:
            ax.set_axis_off()
            continue
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():  # a frame, so a blank border still shows where it ends
            spine.set_visible(True)
            spine.set_color(GREY)
            spine.set_linewidth(0.8)
    return fig, axes


def show_images(X, titles=None, ncols=10, size=1.3):
    """A grid of images, one per column of X, with dark ink on white.

    Parameters
    ----------
    X : ndarray, shape (n_pixels, m)
        One square image per column, its pixels read row by row (64 pixels for 8×8).
    titles : sequence of str, optional
        One title per image (12 pt).
    ncols : int
        Images per row.
    size : float
        Width of one image, in inches.

    Returns
    -------
    fig : matplotlib Figure
    axes : ndarray of Axes, shape (rows, ncols)
        Panels after the last image stay empty.
    """
    images = _as_images(X, "X")
    fig, axes = _grid(len(images), titles, ncols, size, "images")
    top = images.max() if images.max() > 0 else 1.0  # one grey scale for every panel
    for k, (ax, image) in enumerate(zip(axes.flat, images)):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=top)
        if titles is not None:
            ax.set_title(titles[k], fontsize=12)
    return fig, axes


def show_weights(W, titles=None, ncols=5, size=2.6, limit=None):
    """Weights as pictures: each column of W laid out like the pixels it multiplies.

    z = wᵀx + b, and ink is x > 0, so ink on an orange (w > 0) pixel pushes σ(z)
    towards 1, ink on a purple (w < 0) pixel towards 0, and ink on a white pixel
    (w ≈ 0) does nothing. The colour map is centred on 0 and every panel shares it,
    with one colour bar.

    Parameters
    ----------
    W : ndarray, shape (n_pixels, k)
        One weight vector per column: w itself for one model, shape (64, 1).
    titles : sequence of str, optional
        One title per picture.
    ncols : int
        Pictures per row.
    size : float
        Width of one picture, in inches.
    limit : float, optional
        The colour scale runs from -limit to +limit; max |W| when omitted. Weights
        beyond it take the end colours, and the colour bar gets a pointed end.

    Returns
    -------
    fig : matplotlib Figure
    axes : ndarray of Axes, shape (rows, ncols)
    """
    pictures = _as_images(W, "W")
    limit = float(np.abs(pictures).max()) if limit is None else float(limit)
    if not limit > 0:  # all-zero weights (w at the start of training) or a bad limit
        limit = 1.0
    # weights beyond ±limit take the end colours; the colour bar then gets a pointed end
    beyond_low, beyond_high = pictures.min() < -limit, pictures.max() > limit
    extend = {(True, True): "both", (True, False): "min", (False, True): "max"}.get(
        (bool(beyond_low), bool(beyond_high)), "neither")
    fig, axes = _grid(len(pictures), titles, ncols, size, "weight vectors", extra_width=1.3)
    for k, (ax, picture) in enumerate(zip(axes.flat, pictures)):
        image = ax.imshow(picture, cmap=WEIGHT_CMAP, vmin=-limit, vmax=limit)
        if titles is not None:
            ax.set_title(titles[k], fontsize=12)
    colorbar = fig.colorbar(image, ax=axes, shrink=0.9, extend=extend)
    colorbar.set_ticks([-limit, 0.0, limit], labels=[
        f"{-limit:.2g}\ntowards\ny = 0".replace("-", "\u2212"), "0 (no push)",
        f"+{limit:.2g}\ntowards\ny = 1",
    ])
    colorbar.set_label("weight", fontsize=12)
    return fig, axes

"""Figures for the notebooks: the computation graph, cost curves, decision boundaries.

Importing this module applies :data:`STYLE` (large fonts for a projector); every figure uses a
colour-blind-safe palette (Okabe and Ito); the two classes also differ in
marker shape, so they stay apart in grey-scale too.

Functions that draw into an existing Axes return the artists they made, so
the widgets can update them in place instead of drawing a new figure.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator

from .graph import ComputationGraph, ExampleGraph, number_text
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

# The explorers' figures (widgets.py) are made and drawn under this style, on top of STYLE.
# They are shown across a screen, a projector's included: at 1,024 pixels across, their
# 1,000 pixels show at 990 or more, and every text of 17 points (19 pixels at 80 dpi)
# stays at least 18 pixels high.
EXPLORER_STYLE = {
    "font.size": 17,
    "axes.titlesize": 17,
    "axes.labelsize": 17,
    "legend.fontsize": 17,
    "legend.title_fontsize": 17,
    "xtick.labelsize": 17,
    "ytick.labelsize": 17,
}


def new_figure(ncols=1, width=6.0, height=4.5):
    """A figure with ``ncols`` Axes side by side."""
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), layout="constrained")
    return fig, axes


# ---------------------------------------------------------------- computation graph

# draw_graph sets the Axes' data units to inches, so that every box fits its text
# (measured in points) whatever the figure's size. Sizes below are in inches.
GRAPH_FONT = 13  # the text in the boxes
LOCAL_FONT = 12  # the local derivatives beside the backward arrows
_PAD = 0.1  # inside a box, around its text
_TITLE = 0.8  # the band above the graph that holds the title
_MARGIN = 0.1
_ROW_GAP = 0.3  # between two boxes (and their labels) of the fullest column
_RUN = 0.65  # the least horizontal run of an arrow's sloping middle
_LEAD = 0.1  # between a box and a label, or a label and an arrow's bend
_HEAD = 0.2  # the level piece that an arrow head sits on
_PAIR = 0.14  # between an edge's forward and backward arrows where they meet a box
_APART = 0.16  # between the arrows of two edges that meet the same box


def _as_computation_graph(graph):
    if isinstance(graph, ComputationGraph):
        return graph
    if isinstance(graph, ExampleGraph):
        return graph.computation_graph()
    raise TypeError(
        "draw_graph draws a ComputationGraph (or an ExampleGraph, which makes one), "
        f"but it got {type(graph).__name__}."
    )


def _columns(graph):
    """The node names in columns, left to right, each column top to bottom.

    A computed node sits one column right of its deepest input. A leaf sits one
    column left of the first node that uses it, so its arrows cross no column.
    Within a column, nodes are sorted by the mean height of the nodes they feed
    (fewer crossings), ties kept in the graph's order.

    Returns
    -------
    columns : list of lists of names
    inputs, users : dict name -> list of names
        The parents and the children of each node (once per edge).
    """
    names = [node.name for node in graph.nodes]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"Each node of a graph needs its own name, but {twice} name several.")
    inputs = {name: [] for name in names}
    users = {name: [] for name in names}
    for edge in graph.edges:
        for end in (edge.parent, edge.child):
            if end not in inputs:
                raise ValueError(
                    f"The edge {edge.parent} -> {edge.child} names {end!r}, which is not a "
                    f"node of the graph; its nodes are {', '.join(names)}."
                )
        inputs[edge.child].append(edge.parent)
        users[edge.parent].append(edge.child)

    # depth = the longest path from a leaf, in topological order (Kahn's algorithm)
    waiting = {name: len(inputs[name]) for name in names}
    ready = [name for name in names if not waiting[name]]
    depth = dict.fromkeys(names, 0)
    for name in ready:  # ready grows while it is read
        for child in users[name]:
            depth[child] = max(depth[child], depth[name] + 1)
            waiting[child] -= 1
            if not waiting[child]:
                ready.append(child)
    if len(ready) < len(names):
        raise ValueError(
            "A computation graph has no cycles, but these nodes are computed, through "
            f"their edges, from themselves: {', '.join(n for n in names if waiting[n])}."
        )
    for name in names:
        if users[name] and not inputs[name]:
            depth[name] = min(depth[child] for child in users[name]) - 1

    columns = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for name in names:
        columns[depth[name]].append(name)
    rank = {}  # 0 at the top of a column, 1 at its bottom
    for column in reversed(columns):
        def mean_rank_of_users(name):
            placed = [rank[child] for child in users[name] if child in rank]
            return sum(placed) / len(placed) if placed else 0.5

        column.sort(key=mean_rank_of_users)
        for i, name in enumerate(column):
            rank[name] = (i + 0.5) / len(column)
    return columns, inputs, users


def _inches(text):
    """Width and height of a text artist in inches (measured by its figure's renderer)."""
    extent = text.get_window_extent()
    return extent.width / text.figure.dpi, extent.height / text.figure.dpi


class _Arrow:
    """One edge as drawn: its forward arrow, its backward arrow and their label.

    The arrows run level out of the parent, slope across the gap between the
    columns, and run level into the child. The label, if any, sits under the
    level piece of the backward arrow at ``side``, the end where fewer edges
    crowd the box.
    """

    def __init__(self, edge, backward, label, side):
        self.edge, self.backward, self.label, self.side = edge, backward, label, side
        self.size = _inches(label) if label is not None else (0.0, 0.0)
        self.y = {}  # side of a box ("right" of the parent, "left" of the child) -> (fwd, bwd)

    def lead(self, side):
        """The level piece's least length at one end: room for the label, or for a head."""
        return self.size[0] + 2 * _LEAD if self.side == side and self.label else _HEAD


def _box_strings(node, show_grad):
    """What a node's box says: its value (under its formula, if any), then its gradient."""
    lines = f"{node.formula}\n= " if node.formula else f"{node.name} = "
    strings = [lines + number_text(node.value)]
    if show_grad:
        strings.append(f"d{node.name} = {number_text(node.grad)}")
    return strings


def _longest_line(text):
    return max(len(line) for line in text.split("\n"))


def _numbered_lines(kind, string):
    """Which lines of a box's or a label's text hold a number (the rest is its formula)."""
    lines = string.split("\n")
    if kind == "grad":
        return [True] * len(lines)
    if kind == "main":  # "formula\n= value" or "name = value": the value is on the last line
        return [False] * (len(lines) - 1) + [True]
    valued = string.replace("\n", " ").count(" = ") >= 2  # "∂a/∂z = a(1 − a) = 0.1966"
    return [False] * (len(lines) - 1) + [valued]


class _Box:
    """A node's box: its value (and gradient) as text, and where its arrows meet it."""

    def __init__(self, ax, node, show_grad, colour, fontsize=GRAPH_FONT):
        self.colour = colour
        self.show_grad = show_grad
        self.texts = [ax.text(0, 0, string, fontsize=fontsize, color=colour)
                      for string, colour in zip(_box_strings(node, show_grad),
                                                (None, VERMILION))]
        sizes = [_inches(text) for text in self.texts]
        self.width = max(w for w, _ in sizes) + 2 * _PAD
        self.height = sum(h for _, h in sizes) + 2 * _PAD
        self.arrows = {"left": [], "right": []}
        self.x = self.y = 0.0

    def ends(self, side):
        """Where the arrows on one side meet the box, as offsets from its centre.

        Returns ``[(forward, backward or None), ...]`` in the order of
        ``self.arrows[side]``, top to bottom, and the offset of the lowest
        label's bottom (or of the lowest end when no label hangs there).
        """
        offsets, y, bottom = [], 0.0, 0.0
        for arrow in self.arrows[side]:
            back = y - _PAIR if arrow.backward else None
            offsets.append((y, back))
            bottom = y = y if back is None else back
            if arrow.label is not None and arrow.side == side:
                bottom = y - _LEAD / 2 - arrow.size[1]
            y = bottom - _APART
        lowest = min((b if b is not None else f for f, b in offsets), default=0.0)
        shift = -lowest / 2  # the ends are centred on the box; labels hang below
        return [(f + shift, None if b is None else b + shift) for f, b in offsets], bottom + shift

    def fit(self):
        """Grow to hold the arrow ends; return the height its row needs for it and its labels."""
        lows = [self.ends(side)[1] for side in ("left", "right")]
        ends = [f for side in ("left", "right") for f, _ in self.ends(side)[0]]
        if ends:
            self.height = max(self.height, 2 * max(ends) + 2 * _PAD)
        return 2 * max(self.height / 2, -min(lows))  # centred on the box

    def place(self, x, y):
        self.x, self.y = x, y
        top = y + self.height / 2 - _PAD
        for text in self.texts:
            text.set(position=(x, top), ha="center", va="top", zorder=4)
            top -= _inches(text)[1]

    @property
    def left(self):
        return self.x - self.width / 2

    @property
    def right(self):
        return self.x + self.width / 2


def _split_local(local):
    """A local derivative with its value on a line of its own."""
    formula, _, value = local.rpartition(" = ")
    return f"{formula}\n= {value}"


def _local_label(ax, local, fontsize=LOCAL_FONT):
    """The local derivative for a backward arrow, on two lines when it is long."""
    label = ax.text(0, 0, local, fontsize=fontsize, color=VERMILION, zorder=4,
                    linespacing=1.1)
    formula, _, value = local.rpartition(" = ")
    if " = " in formula and _inches(label)[0] > 1.6 * fontsize / LOCAL_FONT:
        label.set_text(_split_local(local))
    return label


def _polyline(ax, points, color, dashed):
    """An arrow through ``points`` in straight pieces, its head at the last point."""
    codes = [Path.MOVETO] + [Path.LINETO] * (len(points) - 1)
    ax.add_patch(FancyArrowPatch(
        path=Path(points, codes), arrowstyle="-|>", mutation_scale=16, color=color,
        lw=2 if dashed else 1.6, linestyle=(0, (4, 2.5)) if dashed else "-", zorder=2,
        shrinkA=0, shrinkB=0, joinstyle="round",
    ))


class _Layout:
    """A graph's boxes, arrows and labels as text artists in ``ax``, measured, not yet placed.

    ``size`` is the (width, height) in inches the graph needs.
    """

    def __init__(self, graph, ax, backward, top=_TITLE, fonts=(GRAPH_FONT, LOCAL_FONT)):
        self.columns, self.inputs, self.users = _columns(graph)
        self.nodes = {node.name: node for node in graph.nodes}
        self.column_of = {name: c for c, column in enumerate(self.columns) for name in column}
        self.backward = backward
        self.boxes = {name: _Box(ax, node, self.shows_grad(name), self._colour(name), fonts[0])
                      for name, node in self.nodes.items()}
        self.arrows = []
        for edge in graph.edges:
            drawn_back = self.has_grad(edge.parent) and self.has_grad(edge.child)
            label = (_local_label(ax, edge.local, fonts[1]) if drawn_back and edge.local
                     else None)
            fewer_out = len(self.users[edge.parent]) <= len(self.inputs[edge.child])
            arrow = _Arrow(edge, drawn_back, label, "right" if fewer_out else "left")
            self.arrows.append(arrow)
            self.boxes[edge.parent].arrows["right"].append(arrow)
            self.boxes[edge.child].arrows["left"].append(arrow)

        # Each column is as wide as its widest box. Each gap holds the level pieces
        # at both of its ends and a sloping run between them, unless all its arrows
        # are level (between two columns of one box each).
        columns = self.columns
        self.widths = [max(self.boxes[name].width for name in column) for column in columns]
        self.leads = [[0.0, 0.0] for _ in columns[1:]]  # per gap: after parents, before children
        self.gaps = [0.8 for _ in columns[1:]]
        self.level = level = [True for _ in columns[1:]]
        for arrow in self.arrows:
            after, before = self.gap_after_parent(arrow), self.gap_before_child(arrow)
            self.leads[after][0] = max(self.leads[after][0], arrow.lead("right"))
            self.leads[before][1] = max(self.leads[before][1], arrow.lead("left"))
            level[after] &= before == after and len(columns[after]) == len(columns[after + 1]) == 1
            if arrow.label is not None:
                self.gaps[after] = max(self.gaps[after], arrow.size[0] + 2 * _LEAD)
        for gap, (lead, is_level) in enumerate(zip(self.leads, level)):
            if not is_level:
                self.gaps[gap] = max(self.gaps[gap], sum(lead) + _RUN)
        rows = [max(self.boxes[name].fit() for name in column) + _ROW_GAP for column in columns]
        body = max(len(column) * row for column, row in zip(columns, rows))
        self.size = (2 * _MARGIN + sum(self.widths) + sum(self.gaps), top + body + _MARGIN)

    def has_grad(self, name):
        return self.backward and self.nodes[name].grad is not None

    def shows_grad(self, name):  # the output's gradient is 1 by definition
        return self.has_grad(name) and bool(self.users[name])

    def _colour(self, name):  # the inputs blue, the output purple, the steps between green
        return BLUE if not self.inputs[name] else PURPLE if not self.users[name] else GREEN

    def gap_after_parent(self, arrow):
        return self.column_of[arrow.edge.parent]

    def gap_before_child(self, arrow):
        return self.column_of[arrow.edge.child] - 1


def _figure_size(needed):
    """A figure size for a graph that needs ``needed`` inches: 12 wide or more, in half inches.

    Whole half inches give round pixel sizes and keep the size (printed in a
    notebook's output) the same when a text measures a hair wider elsewhere.
    """
    width, height = (math.ceil(2 * length - 1e-9) / 2 for length in needed)
    return max(12.0, width), height


def _fonts(fontsize):
    """The sizes of a box's text and of a local derivative's: the notebooks' or one given."""
    return (GRAPH_FONT, LOCAL_FONT) if fontsize is None else (fontsize, fontsize)


def graph_size(graph, backward=True, title=True, fontsize=None):
    """The size in inches of the figure :func:`draw_graph` makes for ``graph``."""
    figure = Figure(dpi=plt.rcParams["figure.dpi"])
    FigureCanvasAgg(figure)  # a renderer to measure the text with
    layout = _Layout(_as_computation_graph(graph), figure.add_subplot(), backward,
                     _TITLE if title else _MARGIN, _fonts(fontsize))
    return _figure_size(layout.size)


def _split_lines(text):
    """A Text of several lines as one Text per line, each where it was drawn.

    matplotlib gives every line of a text the same height, the pitch, and
    centres each line in its own height (a lone line has no gap above and
    below it where a line among others has one). So line i of a text whose top
    is at y is drawn by a text of that one line whose top is at
    y - i × pitch - (pitch - its own height) / 2. The figure looks the same;
    one line can then be drawn again alone.
    """
    lines = text.get_text().split("\n")
    if len(lines) == 1:
        return [text]
    figure = text.axes.figure
    renderer = figure.canvas.get_renderer()
    pitch = text.get_window_extent(renderer).height / len(lines) / figure.dpi  # inches
    x, top = text.get_position()  # aligned by its top, in data units that are inches
    parts = []
    for i, line in enumerate(lines):
        part = text.axes.text(x, top - i * pitch, line, fontproperties=text.get_fontproperties(),
                              color=text.get_color(), ha=text.get_horizontalalignment(),
                              va="top", linespacing=text.get_linespacing(),
                              zorder=text.get_zorder())
        own = part.get_window_extent(renderer).height / figure.dpi
        part.set_y(top - i * pitch - (pitch - own) / 2)
        parts.append(part)
    text.remove()
    return parts


class GraphDrawing:
    """A computation graph drawn into an Axes; what :func:`draw_graph` makes.

    Kept as an object so that a graph explorer can show new numbers in place
    with :meth:`update`, instead of laying the graph out again: the boxes and
    arrows stay where they are and only the numbers change (the other figure
    parts in this module work the same way). With ``live=True`` every line of
    text is a Text of its own, so that :attr:`numbers`, the lines that hold a
    number, can be drawn over the rest alone; text is the dearest thing
    matplotlib draws.
    """

    def __init__(self, graph, ax, backward=True, title=True, fontsize=None, live=False):
        graph = _as_computation_graph(graph)
        self.ax, self.backward = ax, backward
        ax.clear()
        ax.set_axis_off()
        top = _TITLE if title else _MARGIN
        self.layout = layout = _Layout(graph, ax, backward, top, _fonts(fontsize))
        columns, boxes = layout.columns, layout.boxes
        extent = ax.get_window_extent()
        width, height = extent.width / ax.figure.dpi, extent.height / ax.figure.dpi
        ax.set(xlim=(0, width), ylim=(0, height))  # one data unit is one inch

        # Places: spare width widens the gaps (a narrow Axes narrows the sloping runs first);
        # each column spreads over the height.
        spare = width - layout.size[0]
        stretch = [spare > 0 or all(layout.level) or not level for level in layout.level]
        gaps = [gap + spare / sum(stretch) if s else gap for gap, s in zip(layout.gaps, stretch)]
        x = _MARGIN + (spare / 2 if not gaps else 0)
        body = height - top - _MARGIN
        spans = []  # each column's (left, right)
        for c, column in enumerate(columns):
            spans.append((x, x + layout.widths[c]))
            for i, name in enumerate(column):
                boxes[name].place(x + layout.widths[c] / 2,
                                  height - top - (i + 0.5) * body / len(column))
            x += layout.widths[c] + (gaps[c] if c < len(gaps) else 0)
        for box in boxes.values():
            ax.add_patch(FancyBboxPatch(
                (box.left, box.y - box.height / 2), box.width, box.height, zorder=3,
                boxstyle="round,pad=0,rounding_size=0.08", facecolor="white", linewidth=2,
                edgecolor=box.colour,
            ))
        # Each side of a box takes its arrows in the order of their other ends' heights.
        for box in boxes.values():
            box.arrows["right"].sort(key=lambda arrow: -boxes[arrow.edge.child].y)
            box.arrows["left"].sort(key=lambda arrow: -boxes[arrow.edge.parent].y)
            for side in ("left", "right"):
                for arrow, (f, b) in zip(box.arrows[side], box.ends(side)[0]):
                    arrow.y[side] = (box.y + f, None if b is None else box.y + b)

        for arrow in layout.arrows:
            parent, child = boxes[arrow.edge.parent], boxes[arrow.edge.child]
            (pf, pb), (cf, cb) = arrow.y["right"], arrow.y["left"]
            after, before = layout.gap_after_parent(arrow), layout.gap_before_child(arrow)
            bend_p = spans[after][1] + layout.leads[after][0]  # the parent's level piece ends
            bend_c = spans[before + 1][0] - layout.leads[before][1]  # the child's begins
            _polyline(ax, [(parent.right, pf), (bend_p, pf), (bend_c, cf), (child.left, cf)],
                      GREY, dashed=False)
            if not arrow.backward:
                continue
            _polyline(ax, [(child.left, cb), (bend_c, cb), (bend_p, pb), (parent.right, pb)],
                      VERMILION, dashed=True)
            if arrow.label is None:
                continue
            if abs(pb - cb) < 1e-9:  # a level arrow: its label goes in the middle
                position, align = ((parent.right + child.left) / 2, pb), "center"
            elif arrow.side == "right":
                position, align = (parent.right + _LEAD, pb), "left"
            else:
                position, align = (child.left - _LEAD, cb), "right"
            arrow.label.set(position=(position[0], position[1] - _LEAD / 2), ha=align,
                            va="top")

        # Each text of the graph as its lines (one Text each when live), which of them hold
        # a number, and how long a line each was laid out for: update() writes no longer.
        self._slots = []
        for text, kind in self._texts():
            string = text.get_text()
            numbered = _numbered_lines(kind, string)
            if live:
                parts = _split_lines(text)
            else:
                parts, numbered = [text], [any(numbered)]
            self._slots.append((parts, numbered, [_longest_line(t.get_text()) for t in parts]))
        self.title = None
        if title:
            output = columns[-1][-1]
            if backward:
                shown = [name for name in layout.nodes if layout.shows_grad(name)]
                example = next((n for n in shown if layout.inputs[n]), shown[0] if shown else "v")
                words = (f"Backward pass: from {output} back to the inputs, each dashed arrow "
                         f"multiplies by its local derivative\n(in red, d{example} stands for "
                         f"d{output}/d{example})")
            else:
                words = f"Forward pass: values flow left to right, from the inputs to {output}"
            self.title = ax.text(_MARGIN, height - _MARGIN, words, ha="left", va="top",
                                 fontsize=14 if fontsize is None else fontsize, linespacing=1.3)

    def _texts(self):
        """Each text of the boxes and labels as laid out, with its kind (main, grad, label)."""
        layout = self.layout
        for box in layout.boxes.values():
            yield from zip(box.texts, ("main", "grad"))
        for arrow in layout.arrows:
            if arrow.label is not None:
                yield arrow.label, "label"

    @property
    def texts(self):
        """Every Text of the boxes and labels (each line's, when live)."""
        return [part for parts, _, _ in self._slots for part in parts]

    @property
    def numbers(self):
        """The Texts that :meth:`update` changes: those that hold a number."""
        return [part for parts, numbered, _ in self._slots
                for part, has in zip(parts, numbered) if has]

    def _strings(self, graph):
        """The new string of each of :attr:`texts`, for ``graph`` (None: not the same shape)."""
        layout = self.layout
        nodes = {node.name: node for node in graph.nodes}
        edges = [(edge.parent, edge.child) for edge in graph.edges]
        if list(nodes) != list(layout.nodes) or edges != [
                (arrow.edge.parent, arrow.edge.child) for arrow in layout.arrows]:
            return None
        strings = [string for name, box in layout.boxes.items()
                   for string in _box_strings(nodes[name], box.show_grad)]
        for arrow, edge in zip(layout.arrows, graph.edges):
            if arrow.label is not None:
                split = "\n" in arrow.label.get_text() and "\n" not in arrow.edge.local
                strings.append(_split_local(edge.local) if split else edge.local)
        return strings

    def update(self, graph):
        """Show the numbers of ``graph``, a graph with the same nodes and edges, in place.

        Returns False, and changes nothing, when ``graph`` has other nodes or
        edges, other text than numbers, or a number longer than the one its
        line was laid out for: then draw the graph anew.
        """
        strings = self._strings(_as_computation_graph(graph))
        if strings is None:
            return False
        changes = []
        for string, (parts, numbered, room) in zip(strings, self._slots):
            lines = string.split("\n") if len(parts) > 1 else [string]
            if len(lines) != len(parts):
                return False
            for line, part, has, length in zip(lines, parts, numbered, room):
                if not has and line != part.get_text():
                    return False  # a formula or a label changed (y = 0 and y = 1 differ)
                if has and _longest_line(line) > length:
                    return False
                changes.append((part, line))
        for part, line in changes:
            part.set_text(line)
        return True


def draw_graph(graph, ax=None, backward=True, title=True, fontsize=None):
    """Draw a computation graph with its values, and its backward pass.

    The nodes are laid out by depth: the inputs on the left, the output (the
    loss) on the right, each column spread evenly from top to bottom. Solid
    grey arrows show the forward pass. With ``backward=True``, every node whose
    gradient is known shows it in vermilion (``dz`` for dL/dz), and a dashed
    vermilion arrow runs back along each edge whose two ends have gradients,
    labelled with the edge's local derivative. Arrows run level where they
    meet a box and where their labels sit, so no arrow crosses a label.

    Parameters
    ----------
    graph : ComputationGraph or ExampleGraph
        Any graph; an ExampleGraph is drawn through its ``computation_graph()``.
    ax : matplotlib Axes, optional
        Where to draw; the Axes is cleared, its axis turned off, and its size
        read now to fit the boxes to their text. When omitted, a new figure of
        the size the graph needs, :func:`graph_size`.
    backward : bool
        Also draw the backward pass. With False only the forward values show.
    title : bool
        A title above the graph that says how to read it.
    fontsize : float, optional
        One size in points for all the text (the notebooks' sizes when omitted).

    Returns
    -------
    matplotlib Axes
    """
    if ax is None:
        ax = plt.figure(figsize=graph_size(graph, backward, title, fontsize)).add_axes(
            (0, 0, 1, 1))
    GraphDrawing(graph, ax, backward, title, fontsize)
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


class CostCurve:
    """The cost J against the iteration, updated in place (the widgets' cost panel).

    Create it once on an Axes, then call :meth:`set` for each run: like
    :class:`DecisionBoundary`, it changes its artists instead of drawing anew.
    A diverging run's last step, where the cost rose, shows in vermilion with
    a note. Its texts take the size of ``rcParams["font.size"]`` when it is made.

    Parameters
    ----------
    ax : matplotlib Axes
    start : float, optional
        The cost where every run starts, drawn as a dotted line (log 2 for
        w = 0, b = 0), labelled ``start_label``.
    ylim : pair of float
    """

    def __init__(self, ax, start=None, start_label="", ylim=(0, 0.8)):
        self.ax = ax
        (self.line,) = ax.plot([], [], lw=2.5, color=BLUE)
        (self.rise,) = ax.plot([], [], lw=2.5, color=VERMILION, marker="o")
        self.note = ax.text(0.5, 0.45, "", transform=ax.transAxes, ha="center", va="center",
                            color=VERMILION)
        if start is not None:
            ax.axhline(start, color=GREY, lw=1, ls=":")
            ax.text(0.97, start, start_label, transform=ax.get_yaxis_transform(), ha="right",
                    va="bottom", color=GREY)
        ax.set_xlabel("iteration")
        ax.set_ylabel("cost J")
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # room for large text
        ax.set_ylim(*ylim)

    @property
    def artists(self):
        """What :meth:`set` changes, in drawing order."""
        return [self.line, self.rise, self.note]

    def set(self, iterations, costs, rise=((), ()), note=""):
        """Show ``costs`` against ``iterations``, and the step ``rise`` = (xs, ys) in vermilion."""
        self.line.set_data(iterations, costs)
        self.rise.set_data(*rise)
        self.note.set_text(note)


# ---------------------------------------------------------------- decision boundaries

# The probability σ(z) as a light shading between light tints of the two class colours:
# the saturated points, with dark edges, stand out on it everywhere, and blue against
# orange stays apart under every common colour-vision deficiency.
PROBABILITY_CMAP = LinearSegmentedColormap.from_list(
    "probability", ["#bcdaeb", "#ffffff", "#f8dfa8"])  # BLUE, white, ORANGE, lightened
PROBABILITY_LABEL = "σ(z) = P(y = 1 | x)"


def scatter_classes(X, Y, ax, names=("x1", "x2"), labels=None):
    """The two classes of a two-feature data set, in colour and marker shape.

    Parameters
    ----------
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m) of 0/1
    ax : matplotlib Axes
    names : pair of str
        The axis labels.
    labels : pair of str, optional
        What y = 0 and y = 1 mean, for the legend, e.g. ``("benign", "malignant")``.

    Returns
    -------
    list of matplotlib PathCollection
        One per class, y = 0 first.
    """
    points = []
    for y, style in CLASS_STYLE.items():
        mask = Y[0] == y
        label = f"{labels[y]} (y = {y})" if labels else style["label"]
        points.append(ax.scatter(X[0, mask], X[1, mask], s=32, alpha=0.9, edgecolor="#222222",
                                 linewidth=0.6, **{**style, "label": label}))
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    return points


class DecisionBoundary:
    """The probability σ(w1 x1 + w2 x2 + b) as shading and the line where it is 0.5.

    Create it once over the data, then call :meth:`set` with new parameters:
    it updates its artists in place, which is much cheaper than drawing a new
    figure and is what the widgets do. With ``colorbar=True`` a colour bar
    gives the shading its scale, σ(z) = P(y = 1 | x), with the boundary's 0.5
    marked on it: beside ``ax``, or in ``cax`` when given (cleared first).

    The shading is σ on a ``resolution`` × ``resolution`` grid, smoothed by
    ``interpolation`` (matplotlib's ``imshow``). The widgets take a finer grid
    with "nearest", three times cheaper to draw than "bilinear" and as smooth
    on the screen.
    """

    def __init__(self, X, ax, resolution=80, margin=0.5, colorbar=True, cax=None,
                 interpolation="bilinear"):
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
            cmap=PROBABILITY_CMAP, vmin=0, vmax=1, interpolation=interpolation,
        )
        if interpolation == "nearest":
            self.image.set_interpolation_stage("data")  # σ's grid, not its colours, is sampled
        (self.line,) = ax.plot([], [], color="black", lw=2.5, label="σ(z) = 0.5")
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        self.colorbar = None
        if colorbar:
            where = dict(cax=cax) if cax is not None else dict(ax=ax, fraction=0.05, pad=0.02)
            if cax is not None:
                cax.clear()
            self.colorbar = ax.figure.colorbar(self.image, ticks=[0, 0.25, 0.5, 0.75, 1],
                                               **where)
            self.colorbar.set_label(PROBABILITY_LABEL)
            self.colorbar.ax.axhline(0.5, color="black", lw=2.5)  # where the line is drawn
            self.colorbar.outline.set_edgecolor(GREY)

    @property
    def artists(self):
        """What :meth:`set` changes, in drawing order."""
        return [self.image, self.line]

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


def plot_decision_boundary(w, b, X, Y, ax=None, names=("x1", "x2"), title=None, labels=None,
                           colorbar=True):
    """The data and the decision boundary of (w, b) over it, the shading's scale beside it.

    Parameters
    ----------
    w : ndarray, shape (2, 1)
    b : float
    X, Y : ndarray, shapes (2, m) and (1, m)
    ax : matplotlib Axes, optional
        A new figure when omitted.
    names : pair of str
        The axis labels.
    title : str, optional
    labels : pair of str, optional
        What y = 0 and y = 1 mean, for the legend, e.g. ``("benign", "malignant")``.
    colorbar : bool
        A colour bar for the shading, σ(z) = P(y = 1 | x).

    Returns
    -------
    DecisionBoundary
    """
    if ax is None:
        _, ax = new_figure()
    boundary = DecisionBoundary(X, ax, colorbar=colorbar)
    boundary.set(w, b)
    scatter_classes(X, Y, ax, names, labels)
    ax.legend(loc="best", framealpha=0.9)
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

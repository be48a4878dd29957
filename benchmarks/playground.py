"""Claim 6: the explorers answer at once, kernel side.

What the kernel does when a slider of an explorer moves, timed by setting the
slider's value as the browser does: the whole ``refresh`` (train or slice the
run, draw what changed, encode the PNG, hand it to the image widget). Sending
it to the browser and showing it there are the browser benchmark's part
(benchmarks/demo.py).

The moves are a hand's: the α slider one step at a time (each step a new α,
so each is trained anew, 1,000 iterations on the toy data), the iterations
slider one step at a time (the run is sliced, not trained again), and the w1
slider of the graph explorer one step at a time. Where the time of an α move
goes is shown beside it: training, drawing, encoding.
"""

import statistics
import time
import warnings

import numpy as np

from .report import Claim, table
from .timing import format_seconds

TARGET = 0.040  # seconds, median of every kind of move
ITERATIONS = 1000


def _timed(moves, move):
    """Wall and CPU seconds of each call ``move(i)``."""
    wall, cpu = [], []
    for i in range(moves):
        start, start_cpu = time.perf_counter(), time.thread_time()
        move(i)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    return wall, cpu


def _row(what, wall, cpu):
    return (what, format_seconds(statistics.median(wall)), format_seconds(min(wall)),
            format_seconds(max(wall)), format_seconds(statistics.median(cpu)))


def run(quick, machine_line):
    import logreg_helpers as lh
    from logreg_helpers.widgets import Playground, graph_explorer

    moves = 4 if quick else 31
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        playground = Playground(alpha=0.01, iterations=ITERATIONS)
        X, Y = playground.X, playground.Y
        steps = 10 ** (-2 + 0.05 * np.arange(1, moves + 1))  # the slider's next positions

        def alpha_move(i):
            before = playground.view.image.value
            playground.alpha.value = float(steps[i])
            if playground.view.image.value == before:
                raise AssertionError("moving the α slider did not redraw the playground")

        def iteration_move(i):
            playground.iterations.value = ITERATIONS - 1 - i

        # Each α move, then its parts timed again at once, so that all see the same load:
        # training, drawing the changes over the background, encoding the PNG.
        alpha, train, draw, encode = ([], []), ([], []), ([], []), ([], [])
        for i in range(moves):
            for kept, part in ((alpha, alpha_move),
                               (train, lambda i: lh.train(X, Y, float(steps[i]), ITERATIONS,
                                                          keep_path=True)),
                               (draw, lambda i: playground._draw(playground.run.axis_end)),
                               (encode, lambda i: playground.view.png(draw=False))):
                wall, cpu = _timed(1, lambda _, i=i, part=part: part(i))
                kept[0].extend(wall)
                kept[1].extend(cpu)
        iterations = _timed(moves, iteration_move)
        playground.close()

        graph = graph_explorer()  # w1 starts at 0.8 of -3 to 3: downwards, room for 38 moves
        w1 = np.round(graph.sliders["w1"].value - 0.1 * np.arange(1, moves + 1), 1)

        def graph_move(i):
            before = graph.view.image.value
            graph.sliders["w1"].value = float(w1[i])
            if graph.view.image.value == before:
                raise AssertionError("moving the w1 slider did not redraw the graph")

        graph_move = _timed(moves, graph_move)
        graph.close()

    judged = {"α": alpha[0], "iterations": iterations[0], "graph": graph_move[0]}
    medians = {k: statistics.median(v) for k, v in judged.items()}
    rows = [
        _row(f"playground: one step of the α slider (trains {ITERATIONS:,} iterations)", *alpha),
        _row("  of which training (`train`, with its path)", *train),
        _row("  of which drawing the changes over the background", *draw),
        _row("  of which encoding the PNG", *encode),
        _row("playground: one step of the iterations slider (slices the run)", *iterations),
        _row("graph explorer: one step of the w1 slider", *graph_move),
    ]
    details = "\n".join([
        f"{moves} moves of each kind, each to a value not shown before, on the toy data "
        f"({X.shape[0]} features, m = {X.shape[1]}). Wall-clock times; the last column is the "
        "processor time of the kernel's thread, which other programs on the machine do not "
        "lengthen.",
        "",
        table(("what", "median", "best", "worst", "median, processor time"), rows),
        "",
        machine_line,
    ])
    worst = max(medians, key=medians.get)
    return Claim(
        name="widgets answer at once",
        how=f"kernel-side time of one slider move: the playground's α ({ITERATIONS:,} "
        "iterations trained on the toy data) and iterations, the graph explorer's w1",
        measured=", ".join(f"{k} {v * 1e3:.0f} ms" for k, v in medians.items())
        + " (medians)",
        target=f"median at most {TARGET * 1e3:.0f} ms for each",
        met=None if quick else medians[worst] <= TARGET,
        details=details,
        note="quick mode" if quick else f"the slowest is the {worst} move",
    )

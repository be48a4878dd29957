"""Claim 1: the vectorized gradients beat the lecture's loop over examples."""

import os

import numpy as np

import logreg_helpers as lh

from .report import Claim, table
from .timing import format_seconds, interleaved

FULL_SIZES = (10, 30, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000)
QUICK_SIZES = (10, 100, 1_000)
TARGET = 100  # speed-up for m >= TARGET_FROM
TARGET_FROM = 1_000


def rounds_for(m):
    """Repetitions of the loop: several where it is quick, one where it takes seconds."""
    return 1 if m >= 100_000 else 3 if m >= 10_000 else 7


def measure(sizes, rounds=rounds_for):
    """Seconds per call of both at every m: a list of (m, loop, vectorized) Timing triples."""
    rows = []
    for m in sizes:
        X, Y = lh.toy_data(m, seed=0)
        w, b = np.array([[0.3], [-0.2]]), 0.1
        if m <= 10_000:  # the two give the same numbers (checked where the loop is quick)
            J_loop, dw_loop, db_loop = lh.gradients_loop(w, b, X, Y)
            J_vec, dw_vec, db_vec = lh.gradients(w, b, X, Y)
            assert np.allclose([J_loop, *dw_loop.ravel(), db_loop],
                               [J_vec, *dw_vec.ravel(), db_vec], rtol=1e-10, atol=0)
        t = interleaved(
            {
                "loop": lambda w=w, b=b, X=X, Y=Y: lh.gradients_loop(w, b, X, Y),
                "vec": lambda w=w, b=b, X=X, Y=Y: lh.gradients(w, b, X, Y),
            },
            rounds(m),
            number={"loop": 1},  # no warm-up call and no repeats: the loop is slow enough
        )
        rows.append((m, t["loop"], t["vec"]))
    return rows


def plot(rows, path, machine_line):
    """Log-log plot: time per call of both (left) and the speed-up (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    blue, vermilion, grey = "#0072B2", "#D55E00", "#666666"  # Okabe-Ito: colour-blind safe
    m = np.array([r[0] for r in rows])
    loop = np.array([r[1].best for r in rows])
    vec = np.array([r[2].best for r in rows])
    with plt.rc_context({"font.size": 13, "axes.titlesize": 14, "legend.fontsize": 12}):
        fig, (ax_t, ax_s) = plt.subplots(1, 2, figsize=(12, 4.8), layout="constrained")
        ax_t.loglog(m, loop, "o-", color=vermilion, lw=2.5, label="gradients_loop (for over i)")
        ax_t.loglog(m, vec, "s-", color=blue, lw=2.5, label="gradients (vectorized)")
        ax_t.set_xlabel("m, the number of examples")
        ax_t.set_ylabel("seconds per call")
        ax_t.set_title("Time for J, dw, db (n_x = 2)")
        ax_t.legend()
        ax_t.grid(True, which="major", alpha=0.3)

        ax_s.loglog(m, loop / vec, "D-", color=blue, lw=2.5, label="measured speed-up")
        big = m[m >= TARGET_FROM]
        if big.size:
            ax_s.hlines(TARGET, big.min(), big.max(), colors=grey, linestyles="--", lw=2,
                        label=f"target: {TARGET}× for m ≥ {TARGET_FROM:,}")
        ax_s.set_xlabel("m, the number of examples")
        ax_s.set_ylabel("loop time / vectorized time")
        ax_s.set_title("How many times faster")
        ax_s.legend(loc="upper left")
        ax_s.grid(True, which="major", alpha=0.3)
        fig.suptitle(machine_line, fontsize=11, color=grey)
        fig.savefig(path, dpi=100)
        plt.close(fig)


def run(quick, machine_line, png_path):
    rows = measure(QUICK_SIZES if quick else FULL_SIZES)
    plot(rows, png_path, machine_line)
    speedups = {m: loop.best / vec.best for m, loop, vec in rows}
    judged = {m: s for m, s in speedups.items() if m >= TARGET_FROM}
    worst_m = min(judged, key=judged.get)
    measured = (
        f"{judged[worst_m]:.0f}× at worst (m = {worst_m:,}), "
        f"{speedups[max(speedups)]:.0f}× at m = {max(speedups):,}"
    )
    lines = [
        table(
            ("m", "loop (best)", "vectorized (best)", "vectorized (median)", "speed-up",
             "loop runs"),
            [
                (f"{m:,}", format_seconds(loop.best), format_seconds(vec.best),
                 format_seconds(vec.median), f"{loop.best / vec.best:,.0f}×", len(loop.times))
                for m, loop, vec in rows
            ],
        ),
        "",
        machine_line,
        "",
        "`gradients_loop` visits the examples one at a time in Python; `gradients` hands all",
        "of them to numpy at once. Below a thousand examples the vectorized call is dominated",
        "by its fixed cost (checking the inputs); above, both grow in proportion to m and the",
        "gap settles. The loop runs only once at the largest m (last column): it is slow there.",
        "",
        f"![time per call and speed-up against m]({os.path.basename(png_path)})",
    ]
    return Claim(
        name="vectorized beats the loop",
        how="`gradients` against `gradients_loop`, n_x = 2, "
        f"m from {min(speedups):,} to {max(speedups):,}",
        measured=measured,
        target=f"speed-up at least {TARGET}× for m ≥ {TARGET_FROM:,}",
        met=None if quick else all(s >= TARGET for s in judged.values()),
        details="\n".join(lines),
        note="quick mode" if quick else "",
    )

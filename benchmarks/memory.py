"""Claim 4: a gradient step makes no copy of X, and no temporary of X's size.

tracemalloc sees numpy's allocations. The peak during one call, above what was
allocated before it, is the extra memory that call needs. We count it in
vectors of length m (8m bytes): X itself is n_x such vectors.
"""

import tracemalloc

import numpy as np

import logreg_helpers as lh
from logreg_helpers.blocked import BLOCK

from .bandwidth import course_form
from .report import Claim, table

FULL_SIZES = ((200, 50_000), (2, 1_000_000), (30, 569))
QUICK_SIZES = ((20, 4 * BLOCK), (30, 569))
TARGET = 5  # vectors of length m
WELL_UNDER = TARGET / 2  # what we call "well under"


def peak_bytes(func):
    """Peak of the memory allocated by ``func()`` above what was allocated before."""
    func()  # warm up: lazily created caches are not the call's own cost
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        func()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


def run(quick, machine_line):
    rng = np.random.default_rng(0)
    rows, vectors = [], {}
    for n_x, m in QUICK_SIZES if quick else FULL_SIZES:
        X = rng.standard_normal((n_x, m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        w, b = rng.standard_normal((n_x, 1)) / np.sqrt(n_x), 0.1
        ours = peak_bytes(lambda X=X, Y=Y, w=w, b=b: lh.gradients(w, b, X, Y))
        course = peak_bytes(lambda X=X, Y=Y, w=w, b=b: course_form(w, b, X, Y, True))
        vector = 8 * m
        judged = m >= 4 * BLOCK
        if judged:
            vectors[(n_x, m)] = ours / vector
        rows.append((f"({n_x}, {m:,})", f"{X.nbytes / 1e6:,.1f} MB", f"{ours / 1e6:,.3f} MB",
                     f"{ours / vector:.2f}" + ("" if judged else " (not judged: m < 4 blocks)"),
                     f"{ours / X.nbytes:.4f}", f"{course / vector:.2f}"))
    main = (200, 50_000) if (200, 50_000) in vectors else next(iter(vectors))
    details = "\n".join([
        table(("(n_x, m)", "X", "peak of one `gradients` call", "in vectors of length m",
               "as a fraction of X", "course form (`forward`, `cost`, `backward`), vectors"),
              rows),
        "",
        machine_line,
        "",
        "The checks on Y make a few arrays of one byte per example; the blocks of",
        f"`gradients` make a few vectors of one block's length ({BLOCK:,} columns), whatever m.",
        "Where m is only a few blocks those are a few vectors of length m (a few kilobytes at",
        "m = 569): the claim is about large m, so sizes under four blocks are shown, not judged.",
        "The course form makes Z, A, dZ and the losses in full, each a vector of length m.",
        "Neither copies X.",
    ])
    worst = max(vectors.values())
    return Claim(
        name="no copies of X",
        how="tracemalloc peak of one `gradients` call, at (n_x, m) = "
        + ", ".join(f"({n}, {m:,})" for n, m in vectors) + " (m of four blocks or more)",
        measured=f"{vectors[main]:.2f} vectors of length m at ({main[0]}, {main[1]:,}); "
        f"at most {worst:.2f} at any size",
        target=f"well under {TARGET} vectors of length m (we require at most {WELL_UNDER:g})",
        met=None if quick else worst <= WELL_UNDER,
        details=details,
        note="quick mode" if quick else "",
    )

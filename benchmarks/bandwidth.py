"""Claim 2: one gradient step costs about what reading X twice costs.

A step must read X twice: once for Z = wᵀX and once for dw = X dZᵀ. For a
large X (n_x = 100, m = 10⁶ is 800 MB, far beyond any cache) two BLAS
matrix-vector products that do nothing else are the limit. Everything the
step adds (σ, the loss, dZ = A - Y, the sums) is work on vectors of length
m, small next to X: the ratio says how small.

How fast memory delivers X on this virtual machine depends on where the host
placed the pages: the same code differs by a third between two allocations of
X. So X is allocated afresh several times, the functions are compared on each,
and the claim is judged on the worst allocation for us.
"""

import numpy as np

import logreg_helpers as lh
from logreg_helpers.blocked import gradients_without_cost

from .machine import OtherLoad, blas
from .report import Claim, table
from .timing import format_seconds, interleaved, ratio

TARGET_WITHOUT_COST = 1.2
TARGET_WITH_COST = 1.5
# The reference uses every core, our element-wise work one: while another
# program keeps a core busy, the reference slows down more than we do and the
# ratio flatters us. An allocation where other programs used more than BUSY of
# the cores and the reference never ran FULL_SPEED times as fast on all threads
# as on one does not count.
BUSY = 0.25
FULL_SPEED = 1.7

REFERENCE = "two BLAS passes: `w.T @ X` and `X @ v.T`"
SINGLE = "the same on one thread"
WITH_COST = "`gradients` (J, dw, db; with the cost)"
WITHOUT_COST = "dw, db alone (`blocked.gradients_without_cost`)"


def course_form(w, b, X, Y, with_cost):
    """The step as the notebooks write it: forward, (cost,) backward."""
    Z, A = lh.forward(w, b, X)
    J = lh.cost(Z, Y) if with_cost else None
    dw, db = lh.backward(X, A, Y)
    return J, dw, db


def one_thread(func):
    """``func`` with the BLAS limited to one thread."""
    from threadpoolctl import threadpool_limits

    def limited():
        with threadpool_limits(1, user_api="blas"):
            return func()

    return limited


def measure(n_x, m, rounds, seed):
    """One fresh allocation of X; every function timed in alternation on it."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    w = rng.standard_normal((n_x, 1)) / np.sqrt(n_x)
    b = 0.1
    Y = (rng.random((1, m)) < lh.sigmoid(w.T @ X + b)).astype(float)
    v = rng.standard_normal((1, m))  # stands in for dZ
    funcs = {
        REFERENCE: lambda: (w.T @ X, X @ v.T),
        SINGLE: one_thread(lambda: (w.T @ X, X @ v.T)),
        "one BLAS pass: `w.T @ X`": lambda: w.T @ X,
        WITH_COST: lambda: lh.gradients(w, b, X, Y),
        WITHOUT_COST: lambda: gradients_without_cost(w, b, X, Y),
        "course form: `forward`, `backward`": lambda: course_form(w, b, X, Y, False),
        "course form: `forward`, `cost`, `backward`": lambda: course_form(w, b, X, Y, True),
    }
    with OtherLoad() as load:
        t = interleaved(funcs, rounds, settle=True)
    return t, load


def run(quick, machine_line):
    n_x, m = (100, 20_000) if quick else (100, 1_000_000)
    allocations, rounds = (1, 5) if quick else (4, 7)
    threads = blas()[1]
    trials = []
    for seed in range(allocations):
        t, load = measure(n_x, m, rounds, seed)
        speedup = t[SINGLE].best / t[REFERENCE].best
        busy = load.others is not None and load.others > BUSY
        counts = not busy or speedup >= FULL_SPEED or threads == 1
        trials.append((t, load, speedup, counts))

    counted = [trial for trial in trials if trial[3]]
    judged = bool(counted) and not quick
    worst = max(counted or trials, key=lambda trial: ratio(trial[0], WITHOUT_COST, REFERENCE))
    t = worst[0]
    r_with, r_without = ratio(t, WITH_COST, REFERENCE), ratio(t, WITHOUT_COST, REFERENCE)
    targets = {WITH_COST: f"≤ {TARGET_WITH_COST}", WITHOUT_COST: f"≤ {TARGET_WITHOUT_COST}"}
    rows = [
        (name, format_seconds(t[name].best), format_seconds(t[name].median),
         f"{ratio(t, name, REFERENCE)[0]:.2f}", f"{ratio(t, name, REFERENCE)[1]:.2f}",
         targets.get(name, ""))
        for name in t
    ]
    per_allocation = [
        (i + 1, format_seconds(tt[REFERENCE].best), f"{speedup:.2f}×",
         f"{ratio(tt, WITHOUT_COST, REFERENCE)[0]:.2f}",
         f"{ratio(tt, WITH_COST, REFERENCE)[0]:.2f}",
         "—" if load.others is None else f"{load.others:.0%}",
         ("yes" if ok else "no: others busy") + (" (shown above)" if tt is t else ""))
        for i, (tt, load, speedup, ok) in enumerate(trials)
    ]
    gb = n_x * m * 8 / 1e9
    details = "\n".join([
        f"n_x = {n_x}, m = {m:,}: X holds {gb:.2f} GB. {allocations} fresh allocations "
        f"of X, {rounds} interleaved rounds on each; the table shows the allocation with the "
        "highest ratio (the worst for us), and the claim is judged on it.",
        "",
        table(("what", "best", "median", "ratio (best / best)", "ratio (median per round)",
               "target"), rows),
        "",
        table(("allocation of X", "reference (best)",
               f"reference, {threads} threads against 1", "ratio without the cost",
               "ratio with the cost", "CPU used by other programs", "counts"), per_allocation),
        "",
        machine_line,
        "",
        f"On the allocation shown the reference reads X at {2 * gb / t[REFERENCE].best:.0f} GB/s. "
        "`gradients` processes X in blocks of columns: each block is read from memory by",
        "`w.T @ Xb`, then again, from the cache, by `Xb @ dZb.T`, and the vectors of one block",
        "stay in the cache in between. Where the reference reaches about twice its one-thread",
        "speed, the cores are the limit and our single-threaded element-wise work shows in the",
        "ratio; where it does not although no other program used the cores, memory is the",
        "limit and blocks, which take X from memory once, gain. The course form makes each",
        "(1, m) temporary in full and checks its inputs on every call: it is what a student",
        "reads, not what `train` runs.",
    ])
    ok = r_with[0] <= TARGET_WITH_COST and r_without[0] <= TARGET_WITHOUT_COST
    note = "quick mode" if quick else "" if counted else "other programs kept the cores busy"
    return Claim(
        name="at the memory-bandwidth limit",
        how=f"one `gradients` call at n_x = {n_x}, m = {m:,} against two BLAS passes over X "
        "(`w.T @ X`, `X @ v`) in the same run, worst of "
        f"{allocations} allocation{'s' if allocations > 1 else ''} of X",
        measured=f"ratio {r_without[0]:.2f} without the cost, {r_with[0]:.2f} with it",
        target=f"at most {TARGET_WITHOUT_COST} without the cost, {TARGET_WITH_COST} with it",
        met=ok if judged else None,
        details=details,
        note=note,
    )

"""Claim 8: numpy arrays run exactly as fast as before the array-API dispatch.

``gradients`` and ``train`` now first ask which library holds the arrays
(numpy, dask, CuPy, ...); numpy's answer leads to the cache-blocked kernel of
``blocked.py``. To show that the question costs nothing, the package as it
was before the dispatch (commit ``BEFORE``, read from git into a temporary
folder) is imported beside the current one, and both are timed in alternation
in the same run, on the same arrays:

* ``gradients`` at n_x = 100, m = 10⁶ (X of 800 MB: the step the memory limits);
* ``gradients`` at n_x = 2, m = 200 (the toy data: there the fixed cost per call shows);
* ``train`` for 1,000 iterations on the toy data (what a slider of notebook 04 runs).

Without git, or in a clone without that commit, the claim is not judged.
"""

import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np

import logreg_helpers as lh

from .report import Claim, table
from .timing import format_seconds, interleaved, ratio

BEFORE = "97c5eb662b6ed53a7f97755a5176c6b5395d75ff"  # main before array-API dispatch
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# current / before, best of the rounds. The question "which library?" is a few
# isinstance checks per call: nothing next to a pass over a large X, a few
# microseconds next to the 60 µs of a call on the toy data.
TARGET_LARGE, TARGET_TOY = 1.03, 1.10
NAME = "logreg_helpers_before"
TARGETS = (f"ratio at most {TARGET_LARGE} for `gradients` on a large X and for `train`, "
           f"{TARGET_TOY} for one `gradients` call on the toy data")


def load_before(folder):
    """The package as it was at BEFORE, imported as ``logreg_helpers_before``, or None."""
    try:
        listing = subprocess.run(
            ["git", "ls-tree", "--name-only", BEFORE, "logreg_helpers/"], cwd=ROOT,
            capture_output=True, text=True, check=True).stdout.split()
        package = os.path.join(folder, NAME)
        os.makedirs(package)
        for path in listing:
            if path.endswith(".py"):
                source = subprocess.run(["git", "show", f"{BEFORE}:{path}"], cwd=ROOT,
                                        capture_output=True, check=True).stdout
                with open(os.path.join(package, os.path.basename(path)), "wb") as f:
                    f.write(source)
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_file_location(
        NAME, os.path.join(package, "__init__.py"), submodule_search_locations=[package])
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    spec.loader.exec_module(module)
    return module


def problem(n_x, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    w = rng.standard_normal((n_x, 1)) / np.sqrt(n_x)
    Y = (rng.random((1, m)) < lh.sigmoid(w.T @ X)).astype(float)
    return w, 0.1, X, Y


def run(quick, machine_line):
    with tempfile.TemporaryDirectory() as folder:
        before = load_before(folder)
        if before is None:
            return Claim(
                name="numpy path unchanged",
                how="`gradients` and `train` against the package before the array-API "
                f"dispatch (commit {BEFORE[:7]}), in the same run",
                measured="—", target=TARGETS, met=None,
                details=f"Skipped: commit {BEFORE[:7]} could not be read with git.",
                note="the commit before the dispatch is not in this clone",
            )
        try:
            return compare(before, quick, machine_line)
        finally:
            sys.modules.pop(NAME, None)
            for key in [k for k in sys.modules if k.startswith(NAME + ".")]:
                del sys.modules[key]


def compare(before, quick, machine_line):
    large = (100, 20_000) if quick else (100, 1_000_000)
    # many rounds: the two sides run the very same kernel, so the best of each is the floor
    # that load from other programs hides, and it takes many tries to reach it on both
    rounds = 5 if quick else 31
    X_toy, Y_toy = lh.toy_data()
    cases = [
        (f"`gradients`, n_x = {large[0]}, m = {large[1]:,}", *problem(*large, seed=0)),
        ("`gradients`, toy data (n_x = 2, m = 200)", np.zeros((2, 1)), 0.0, X_toy, Y_toy),
    ]
    rows, ratios, targets = [], {}, {}
    for (label, w, b, X, Y), target in zip(cases, (TARGET_LARGE, TARGET_TOY)):
        targets[label] = target
        now, old = lh.gradients(w, b, X, Y), before.gradients(w, b, X, Y)
        # the same numbers up to rounding: the kernel may now add its blocks in another order
        for new_value, old_value in zip(now, old):
            np.testing.assert_allclose(new_value, old_value, rtol=1e-12, atol=1e-15,
                                       err_msg="the numpy path no longer gives the same numbers")
        t = interleaved({"now": lambda w=w, b=b, X=X, Y=Y: lh.gradients(w, b, X, Y),
                         "before": lambda w=w, b=b, X=X, Y=Y: before.gradients(w, b, X, Y)},
                        rounds, min_seconds=0.005, settle=True)
        ratios[label] = ratio(t, "now", "before")
        rows.append((label, format_seconds(t["now"].best), format_seconds(t["before"].best),
                     f"{ratios[label][0]:.3f}", f"{ratios[label][1]:.3f}", f"≤ {target}"))
        del X
    iterations = 200 if quick else 1000
    label = f"`train`, {iterations:,} iterations on the toy data"
    np.testing.assert_allclose(lh.train(X_toy, Y_toy, 0.5, iterations).w,
                               before.train(X_toy, Y_toy, 0.5, iterations).w, rtol=1e-10)
    t = interleaved({"now": lambda: lh.train(X_toy, Y_toy, 0.5, iterations),
                     "before": lambda: before.train(X_toy, Y_toy, 0.5, iterations)},
                    rounds, min_seconds=0.005, settle=True)
    ratios[label], targets[label] = ratio(t, "now", "before"), TARGET_LARGE
    rows.append((label, format_seconds(t["now"].best), format_seconds(t["before"].best),
                 f"{ratios[label][0]:.3f}", f"{ratios[label][1]:.3f}", f"≤ {TARGET_LARGE}"))

    worst = max(ratios, key=lambda k: ratios[k][0])
    details = "\n".join([
        table(("call", "now (best)", f"before the dispatch, {BEFORE[:7]} (best)",
               "ratio (best / best)", "ratio (median per round)", "target"), rows),
        "",
        machine_line,
        "",
        "Both versions return the same numbers to rounding (checked before timing). The current",
        "one asks which library holds X, w and Y (a few `isinstance` checks per call) and then",
        "runs the cache-blocked kernel of `blocked.py`, which has changed since only in how it",
        "adds its blocks (from 2^20 numbers on, split between threads); `train` asks once,",
        "before its loop. Each sample follows an untimed call of the same function, as in a",
        "run of steps.",
    ])
    return Claim(
        name="numpy path unchanged",
        how="`gradients` and `train` on numpy arrays against the package before the array-API "
        f"dispatch (commit {BEFORE[:7]}, imported from git), timed in alternation",
        measured=", ".join(f"{r[0]:.3f}" for r in ratios.values())
        + f" (worst: {worst.replace('`', '')})",
        target=TARGETS,
        met=None if quick else all(ratios[k][0] <= targets[k] for k in ratios),
        details=details,
        note="quick mode" if quick else "",
    )

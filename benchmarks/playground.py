"""Claim 6: the learning-rate playground answers at once.

What the kernel does when you move the α slider of notebook 04: retrain from
zeros for the chosen number of iterations, redraw the cost curve and the
decision boundary, encode the PNG and hand it to the image widget. Sending
it to the browser and drawing it there are not included (they do not depend
on our code). Timed by setting the slider's value, as the browser does.
"""

import statistics
import time
import warnings

from .report import Claim, table
from .timing import format_seconds

TARGET = 0.060  # seconds, median
ITERATIONS = 1000


def run(quick, machine_line):
    try:
        from logreg_helpers.widgets import Playground
    except ImportError as error:
        return Claim(
            name="widgets answer at once",
            how="kernel-side time of one playground update",
            measured="—", target=f"median at most {TARGET * 1e3:.0f} ms", met=None,
            details=f"Skipped: `logreg_helpers.widgets` could not be imported ({error}).",
            note="the playground is not available",
        )
    import logreg_helpers as lh

    moves = 4 if quick else 31
    alphas = [0.05, 0.1, 0.2, 0.4, 0.8]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        playground = Playground(alpha=alphas[-1], iterations=ITERATIONS)
        X, Y = playground.X, playground.Y
        update, retrain = [], []
        for i in range(moves):
            alpha = alphas[i % len(alphas)]
            before = playground.view.image.value
            start = time.perf_counter()
            playground.alpha.value = alpha  # what a slider move does
            update.append(time.perf_counter() - start)
            if playground.view.image.value == before:
                raise AssertionError("moving the slider did not redraw the playground")
            start = time.perf_counter()
            lh.train(X, Y, alpha, ITERATIONS)
            retrain.append(time.perf_counter() - start)
        playground.close()

    median = statistics.median(update)
    rows = [
        ("one slider move: retrain and redraw", format_seconds(median),
         format_seconds(min(update)), format_seconds(max(update))),
        (f"of which `train` alone ({ITERATIONS:,} iterations, m = {X.shape[1]})",
         format_seconds(statistics.median(retrain)), format_seconds(min(retrain)),
         format_seconds(max(retrain))),
    ]
    details = "\n".join([
        f"{moves} moves of the α slider between {alphas[0]} and {alphas[-1]}, "
        f"{ITERATIONS:,} iterations, on the toy data ({X.shape[0]} features, "
        f"m = {X.shape[1]}).",
        "",
        table(("what", "median", "best", "worst"), rows),
        "",
        machine_line,
    ])
    return Claim(
        name="widgets answer at once",
        how=f"kernel-side time of one playground update (retrain {ITERATIONS:,} iterations "
        "on the toy data and redraw)",
        measured=f"median {median * 1e3:.0f} ms",
        target=f"median at most {TARGET * 1e3:.0f} ms",
        met=None if quick else median <= TARGET,
        details=details,
        note="quick mode" if quick else "",
    )

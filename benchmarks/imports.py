"""Claim 7: importing the module costs little more than importing numpy.

``import logreg_helpers`` loads numpy and our own small files, nothing else:
matplotlib and ipywidgets wait until ``logreg_helpers.plots`` or ``.widgets``
is imported. Each sample is a fresh interpreter; the two commands alternate.
"""

import statistics
import subprocess
import sys
import time

from .report import Claim, table
from .timing import format_seconds

TARGET = 0.1  # seconds more than numpy


def seconds(code):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def run(quick, machine_line):
    rounds = 3 if quick else 21
    commands = {
        "python": "pass",
        "numpy": "import numpy",
        "logreg_helpers": "import logreg_helpers",
        "logreg_helpers.plots": "import logreg_helpers.plots",
    }
    samples = {name: [] for name in commands}
    seconds(commands["logreg_helpers"])  # warm the file cache and the .pyc files
    for r in range(rounds):
        names = list(commands)
        for name in names[r % len(names):] + names[: r % len(names)]:
            samples[name].append(seconds(commands[name]))
    median = {name: statistics.median(s) for name, s in samples.items()}
    extra = median["logreg_helpers"] - median["numpy"]
    paired = statistics.median(
        a - b for a, b in zip(samples["logreg_helpers"], samples["numpy"], strict=True)
    )
    rows = [
        (f"`python -c \"{commands[name]}\"`", format_seconds(median[name]),
         format_seconds(min(samples[name])), f"{median[name] - median['numpy']:+.3f} s")
        for name in commands
    ]
    details = "\n".join([
        f"{rounds} fresh interpreters per command, alternating.",
        "",
        table(("command", "median", "best", "more than numpy (medians)"), rows),
        "",
        machine_line,
        "",
        f"The median of the per-round differences is {paired:+.3f} s. The plotting module is",
        "shown for comparison: it pulls in matplotlib, which is why the package does not.",
    ])
    return Claim(
        name="import is cheap",
        how='`python -c "import logreg_helpers"` against `python -c "import numpy"`, medians',
        measured=f"{extra:+.3f} s ({median['logreg_helpers']:.3f} s against "
        f"{median['numpy']:.3f} s)",
        target=f"at most {TARGET} s more",
        met=None if quick else extra <= TARGET,
        details=details,
        note="quick mode" if quick else "",
    )

"""Claim 5: the notebooks execute quickly.

Each notebook runs top to bottom in a fresh kernel (nbclient, as
``jupyter nbconvert --execute`` does), then the whole nbval run that
``make test`` does (``python -m pytest notebooks -n auto --dist loadfile``: every notebook,
the student edition too, side by side, one worker per core) is timed as one command.
Both include starting the kernels.
"""

import os
import re
import subprocess
import sys
import time

from .report import Claim, table
from .timing import format_seconds

TARGET = 60.0  # seconds for the whole nbval run
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")


def execute(path):
    """Seconds to run one notebook in a fresh kernel, and an error (or '')."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert.nbconvertapp import NbConvertApp

    # nbconvert's own settings (jupyter-env/: kernels on Unix sockets, not TCP), which the
    # Python API does not read by itself
    settings = NbConvertApp()
    settings.load_config_file()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", config=settings.config,
                            resources={"metadata": {"path": os.path.dirname(path)}})
    start = time.perf_counter()
    try:
        client.execute()
        error = ""
    except CellExecutionError as e:
        error = str(e).strip().splitlines()[-1][:120]
    return time.perf_counter() - start, error


def nbval():
    """Seconds for ``python -m pytest notebooks``, and pytest's last line."""
    start = time.perf_counter()
    # as make test runs them: side by side, one notebook per worker, a worker per core
    done = subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-n", "auto",
                           "--dist", "loadfile"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = re.sub(r"=+", "", lines[-1]).strip() if lines else "no output"
    return seconds, done.returncode == 0, summary


def run(quick, machine_line):
    name = "notebooks execute quickly"
    how = ("each notebook in a fresh kernel (nbclient), and the whole nbval run, one worker "
           "per core")
    target = f"the whole suite under {TARGET:.0f} s"
    found = sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb")) if os.path.isdir(
        NOTEBOOKS) else []
    if not found:
        return Claim(name, how, "—", target, None, "Skipped: there are no notebooks yet.",
                     "no notebooks yet")
    if quick:  # the smallest notebook only, no nbval run
        found = [min(found, key=lambda f: os.path.getsize(os.path.join(NOTEBOOKS, f)))]
    rows, total, failures = [], 0.0, []
    for f in found:
        seconds, error = execute(os.path.join(NOTEBOOKS, f))
        total += seconds
        rows.append((f"`{f}`", format_seconds(seconds), "ran" if not error else f"failed: {error}"))
        if error:
            failures.append(f)
    rows.append(("all of them, one after the other", format_seconds(total),
                 f"{len(found) - len(failures)} of {len(found)} ran"))
    if quick:
        measured, met = f"{found[0]} in {total:.1f} s (quick mode: one notebook)", None
        explained = "Quick mode runs the smallest notebook only, and not nbval."
        nbval_note = ""
    else:
        seconds, passed, summary = nbval()
        rows.append(("`python -m pytest notebooks -n auto` (nbval)", format_seconds(seconds),
                     summary))
        measured = (f"nbval run {seconds:.1f} s ({summary}); the {len(found)} notebooks one by "
                    f"one {total:.1f} s")
        met = passed and not failures and seconds < TARGET
        nbval_note = "" if passed else f"nbval did not pass ({summary})"
        explained = (f"{len(found)} notebooks. The nbval run executes each of them again, and "
                     "the student edition in notebooks/exercises/ too, and compares every "
                     "output with the stored one; the notebooks run side by side, one worker "
                     "per core (pytest-xdist).")
    details = "\n".join([
        explained, "",
        table(("notebook", "time, kernel start included", "result"), rows), "",
        machine_line,
    ])
    note = "quick mode" if quick else ("a notebook failed" if failures else nbval_note)
    return Claim(name, how, measured, target, met, details, note)

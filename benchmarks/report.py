"""The results: one row per claim, a section per claim, written as Markdown."""

import datetime
import os
from dataclasses import dataclass


@dataclass
class Claim:
    """One claim of the project, as measured.

    Attributes
    ----------
    name : str
        The claim in a few words, as the summary table shows it.
    how : str
        What was timed against what.
    measured : str
        The deciding number(s), in words a reader can check against ``target``.
    target : str
    met : bool or None
        None when the run does not judge the claim (quick mode, or skipped).
    details : str
        Markdown: the full table and what to read in it.
    note : str
        Why it was not judged, or what was tried when it was missed.
    """

    name: str
    how: str
    measured: str
    target: str
    met: bool | None
    details: str = ""
    note: str = ""

    @property
    def verdict(self):
        if self.met is None:
            return "not judged" + (f": {self.note}" if self.note else "")
        return "met" if self.met else "**MISSED**" + (f": {self.note}" if self.note else "")


SUMMARY_HEADER = ("claim", "how it is measured", "measured", "target", "verdict")


def table(header, rows):
    """A Markdown table; cells are converted with str() and '|' is escaped."""

    def cell(value):
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(claims, machine, quick, started, elapsed, load):
    """The whole results file."""
    if quick:
        mode = "quick mode: tiny sizes, checks that the benchmarks run and judges nothing"
    else:
        mode = "full run"
    out = [
        "# Benchmark results",
        "",
        f"Written by `python -m benchmarks{' --quick' if quick else ''}` "
        f"({mode}) on {started:%Y-%m-%d %H:%M} UTC, in {elapsed:.0f} s.",
        "",
        "Every comparison is a ratio of two functions timed in the same run: the repetitions",
        "alternate between them, so load from other programs slows both alike. A time is the",
        "best of the repetitions (the least disturbed one); the median is shown beside it.",
        "Where the large arrays are compared (the memory-bandwidth limit, the peer, the numpy",
        "path), each repetition follows an untimed call of the same function, as a step follows",
        "a step in training: OpenBLAS's threads spin for a while after a product before they",
        "sleep, and would otherwise slow whichever function comes next.",
        "",
        "## Machine",
        "",
        table(("", ""), list(machine.items()) + [("load average (1 min) at start, end", load)]),
        "",
        "## Summary",
        "",
        table(SUMMARY_HEADER, [(c.name, c.how, c.measured, c.target, c.verdict) for c in claims]),
        "",
    ]
    for i, c in enumerate(claims, 1):
        out += [f"## {i}. {c.name}", "", c.details.strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def utcnow():
    return datetime.datetime.now(datetime.UTC)

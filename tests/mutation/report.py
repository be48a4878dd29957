"""Score the last ``mutmut run`` per module and write tests/mutation/results.md.

Run by ``make mutation`` after mutmut, from the repository root:

    python tests/mutation/report.py --seconds 1234

The modules are those of ``only_mutate`` in pyproject.toml's [tool.mutmut]. A
surviving mutant that changes nothing a user could notice (an equivalent
mutant) is listed in tests/mutation/equivalent.toml, found by its function and
its mutated line, with the reason it is harmless; it is left out of the score.
Every other survivor counts against its module, and is listed with its diff.

Exits with status 1 when a module kills fewer than 90 % of its non-equivalent
mutants, or when a mutant was not tested.
"""

import argparse
import json
import os
import platform
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

GOAL = 0.90
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# mutmut's exit codes, grouped as its own badge counts them: a timeout is a kill
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout",
          152: "timeout", 255: "timeout", 37: "killed", -9: "killed", -11: "killed"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}


def function_of(mutant):
    """'logreg_helpers.autodiff.xǁValueǁexp__mutmut_3' -> ('autodiff', 'Value.exp')."""
    _, module, rest = mutant.split(".", 2)
    name = re.sub(r"__mutmut_\d+$", "", rest)
    if name.startswith("xǁ"):  # a method: xǁClassǁmethod
        return module, ".".join(part for part in name[2:].split("ǁ") if part)
    return module, name.removeprefix("x_")  # a function: x_name


def changed_lines(mutant, path):
    """The original and the mutated lines of one mutant, from mutmut's own diff."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(mutant, path=path).splitlines()[2:]
    old = [line[1:].strip() for line in diff if line.startswith("-")]
    new = [line[1:].strip() for line in diff if line.startswith("+")]
    return " ".join(old), " ".join(new)


def load_equivalents():
    entries = tomllib.loads((HERE / "equivalent.toml").read_text(encoding="utf-8"))
    return {(e["function"], e["to"]): e["reason"] for e in entries.get("equivalent", [])}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, help="how long mutmut ran, for the record")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    os.chdir(ROOT)  # mutmut reads mutants/ relative to the root

    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    equivalents = load_equivalents()
    used = set()
    rows, survivors, failures = [], [], []
    absent = [Path(s).stem for s in config["only_mutate"] if not Path(s).exists()]
    for source in config["only_mutate"]:
        module = Path(source).stem
        if module in absent:  # listed ahead of its arrival (a module on its way from a branch)
            continue
        meta = Path("mutants") / (source + ".meta")
        if not meta.exists():
            failures.append(f"{module}: not mutated (no {meta}); run mutmut first")
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        count = Counter()
        for mutant, code in sorted(codes.items(), key=lambda kv: int(kv[0].rsplit("_", 1)[1])):
            if code in KILLED:
                count[KILLED[code]] += 1
                continue
            if code not in SURVIVED:
                count["not tested"] += 1
                continue
            _, function = function_of(mutant)
            old, new = changed_lines(mutant, source)
            reason = equivalents.get((function, new))
            if reason is not None:
                used.add((function, new))
                count["equivalent"] += 1
            else:
                count[SURVIVED[code]] += 1
            survivors.append((module, function, old, new, reason, mutant))
        if count["not tested"]:
            failures.append(f"{module}: {count['not tested']} mutants not tested")
        total = sum(count.values())
        scored = total - count["equivalent"] - count["not tested"]
        killed = count["killed"] + count["timeout"]
        score = killed / scored if scored else 1.0
        if score < GOAL:
            failures.append(f"{module}: {score:.1%} of its non-equivalent mutants killed")
        rows.append((module, total, killed, count["timeout"], count["equivalent"],
                     count["survived"] + count["no tests"], count["not tested"], score))

    stale = sorted(set(equivalents) - used)
    lines = [
        "# Mutation testing: the last `make mutation`",
        "",
        "mutmut makes small changes (mutants) to the modules below, one at a time, and runs",
        "the tests that call the changed function. A mutant that some test fails on is",
        "killed. A survivor is either equivalent (it changes nothing a user could notice;",
        "each is listed with the reason, from tests/mutation/equivalent.toml) or a gap in",
        f"the tests. Goal: at least {GOAL:.0%} of the non-equivalent mutants killed in each",
        "module.",
        "",
        f"Machine: {_cpu()}, {os.cpu_count()} cores; "
        f"Python {platform.python_version()}; mutmut {_version('mutmut')}."
        + (f" The run took {args.seconds / 60:.0f} min." if args.seconds else ""),
        "",
        "| module | mutants | killed | of which timeouts | equivalent | survived | not tested "
        "| score |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for module, total, killed, timeouts, equivalent, survived, untested, score in rows:
        lines.append(f"| {module} | {total} | {killed} | {timeouts} | {equivalent} | {survived} "
                     f"| {untested} | {score:.1%} |")
    lines += ["", "Score = killed / (mutants - equivalent). A timeout (a mutant that makes the",
              "tests loop) counts as killed."]
    if absent:
        lines += ["", f"Listed in [tool.mutmut] but not in this tree yet: {', '.join(absent)}."]
    lines += ["", "## Survivors", ""]
    if not survivors:
        lines.append("None.")
    for module, function, old, new, reason, mutant in survivors:
        lines.append(f"- `{module}.{function}` ({mutant.rsplit('_', 1)[1]}): `{old}` → `{new}`")
        lines.append(f"  - {reason}" if reason else "  - **not explained: a gap in the tests**")
    if stale:
        lines += ["", "## Explanations that matched no survivor", ""]
        lines += [f"- `{function}`: `{new}`" for function, new in stale]
    text = "\n".join(line.replace("|", "\\|") if line.startswith("- ") else line
                     for line in lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)
    for failure in failures:
        print("FAILED:", failure, file=sys.stderr)
    return 1 if failures else 0


def _cpu():
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*: (.+)$", cpuinfo.read_text(), re.M)
        if names:
            return names[0].strip()
    return platform.processor() or platform.machine()


def _version(package):
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    sys.exit(main())

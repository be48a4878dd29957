"""Write the student edition of the teaching notebooks: ``make exercises``.

One source, two editions. The teaching notebooks in ``notebooks/`` are the only source; their
exercise cells carry solution markers. This script writes ``notebooks/exercises/NAME.ipynb``
for every teaching notebook that has markers: the same notebook, with every marked solution
replaced by a stub, a banner cell saying where the worked answers are, and fresh outputs
(executed unsolved, so GitHub shows what a student sees first).

    python scripts/make_exercises.py              # regenerate and execute every student edition
    python scripts/make_exercises.py --check      # exit 1 if a committed edition is stale
    python scripts/make_exercises.py --no-execute notebooks/01_computation_graph.ipynb

The marker convention
---------------------
Solution markers are nbgrader's two comment lines, inside the body of a function::

    from logreg_helpers import exercises as ex      # once, in a cell before the first exercise

    def sigmoid(z):
        \"\"\"σ(z) = 1 / (1 + e^(-z)), element by element.

        z: a number or an array of any shape. Returns the same shape, values in (0, 1).
        \"\"\"
        ### BEGIN SOLUTION
        return 1 / (1 + np.exp(-z))
        ### END SOLUTION

    ex.check_sigmoid(sigmoid)                       # the next code cell, on its own

In the student edition the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` become::

        # YOUR CODE HERE
        return ex.not_done_yet("sigmoid", z)

The rules, each checked here with an error that says what to fix:

* the markers pair up, at the same indentation, inside a ``def`` (one region per function;
  code before or after the region stays in both editions);
* the function has a docstring (the student's only description of the shapes);
* the notebook imports ``exercises as ex`` before the first exercise cell;
* the next code cell calls ``ex.check_NAME(NAME)`` for every function the exercise cell stubs
  (``logreg_helpers.exercises`` has the checks and the worked version behind ``not_done_yet``;
  a new exercise needs both there first). Jupyter echoes the True or False the check returns
  under its verdict; a trailing ``;`` would hide it in JupyterLab but not under nbval.

How an unsolved notebook still runs: ``ex.not_done_yet`` raises inside a check, so the check
prints "not done yet"; anywhere else it returns the module's worked version and prints one
note per cell, so every later cell that uses the function runs and says it used the worked
version. Nothing else in the notebook changes, so the student edition passes nbval in the
unsolved state it is committed in.

Round trip: :func:`fill_solutions` puts the teacher's solution regions back into the stubs of
a student edition; teacher -> student -> filled gives the teacher's cells exactly (the tests
check it, and that the filled notebook runs with every check passing).

Why the stripping is written here and not taken from a library
-------------------------------------------------------------
nbgrader's ClearSolutions preprocessor does exactly this and runs through nbconvert without a
gradebook, but nbgrader 0.9.6, the current release, requires jupyterlab<5 and notebook<8, which
would hold the course's JupyterLab back a major version. otter-grader 7 (``otter assign``)
brings pandas, Docker bindings and an ipywidgets<9 pin for a grading workflow the course does
not use. nbprune 0.6 deletes tagged lines and cells but cannot put a stub in their place.
nbconvert's own preprocessors (TagRemove, RegexRemove, ClearOutput) remove whole cells, inputs
or outputs, never a region of code. So the region-to-stub step (one nbconvert Preprocessor,
about 80 lines) is written here, on nbgrader's marker lines; reading and writing is nbformat,
and clearing and executing are nbconvert's ClearOutputPreprocessor and ExecutePreprocessor.
"""

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.nbconvertapp import NbConvertApp
from nbconvert.preprocessors import ClearOutputPreprocessor, ExecutePreprocessor, Preprocessor

REPO = Path(__file__).resolve().parent.parent
TEACHER_DIR = REPO / "notebooks"
STUDENT_DIR = TEACHER_DIR / "exercises"

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE"
BANNER_ID = "exercise-edition"
IMPORT = re.compile(r"^\s*from logreg_helpers import exercises as ex\s*$", re.M)
_STUB = re.compile(r"^([ \t]*)# YOUR CODE HERE\n\1return ex\.not_done_yet\(.*\)$", re.M)


class MarkerError(ValueError):
    """The teacher notebook breaks the marker convention; the message says how to fix it."""


def _is_marker(line, marker):
    return line.strip() == marker


def has_markers(nb):
    return any(cell.cell_type == "code" and _regions(cell.source) for cell in nb.cells)


def _enclosing_function(tree, lineno):
    """The innermost def whose body holds line ``lineno`` (1-based), or None."""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.lineno < lineno <= node.end_lineno:
                if best is None or node.lineno > best.lineno:
                    best = node
    return best


def _call_arguments(function):
    a = function.args
    parts = [arg.arg for arg in a.posonlyargs + a.args]
    if a.vararg:
        parts.append("*" + a.vararg.arg)
    parts += [f"{arg.arg}={arg.arg}" for arg in a.kwonlyargs]
    if a.kwarg:
        parts.append("**" + a.kwarg.arg)
    return parts


def stub_cell_source(source, where="this cell"):
    """(student source, names of the stubbed functions) for one teacher code cell."""
    lines = source.split("\n")
    if not any(_is_marker(line, BEGIN) or _is_marker(line, END) for line in lines):
        return source, []  # cells without markers are left alone (and may hold magics)
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise MarkerError(f"{where}: the cell is not valid Python ({error}).") from None
    out, names, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if _is_marker(line, END):
            raise MarkerError(f"{where}, line {i + 1}: {END} without a {BEGIN} before it.")
        if not _is_marker(line, BEGIN):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        end = next((k for k in range(i + 1, len(lines)) if _is_marker(lines[k], END)), None)
        nested = next((k for k in range(i + 1, end or len(lines))
                       if _is_marker(lines[k], BEGIN)), None)
        if end is None or nested is not None:
            raise MarkerError(f"{where}, line {i + 1}: {BEGIN} needs its own {END} below it.")
        if lines[end][: len(lines[end]) - len(lines[end].lstrip())] != indent:
            raise MarkerError(f"{where}, line {end + 1}: {END} must be indented like its {BEGIN}.")
        function = _enclosing_function(tree, i + 1)
        if function is None or not indent:
            raise MarkerError(f"{where}, line {i + 1}: solution markers belong inside the body of "
                              "a def, so the stub can return the worked version.")
        if function.name in names:
            raise MarkerError(f"{where}: {function.name} has two solution regions; use one.")
        if ast.get_docstring(function) is None:
            raise MarkerError(f"{where}: {function.name} needs a docstring that gives the shapes "
                              "of its arguments and results; it is all the student sees.")
        names.append(function.name)
        arguments = ", ".join([f'"{function.name}"'] + _call_arguments(function))
        out += [indent + STUB_COMMENT, f"{indent}return ex.not_done_yet({arguments})"]
        i = end + 1
    return "\n".join(out), names


class StubSolutions(Preprocessor):
    """Replace every marked solution region by a stub; add the banner; check the convention."""

    teacher_name = ""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if c.get("id") != BANNER_ID]
        imported = False
        code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        for position, index in enumerate(code_cells):
            cell = nb.cells[index]
            where = f"{self.teacher_name}, cell {index} (id {cell.get('id')})"
            source, names = stub_cell_source(cell.source, where)
            if names and not imported:
                raise MarkerError(f"{where}: import the checks first, in an earlier cell: "
                                  "from logreg_helpers import exercises as ex")
            imported = imported or bool(IMPORT.search(cell.source))
            following = nb.cells[code_cells[position + 1]].source \
                if position + 1 < len(code_cells) else ""
            for name in names:
                if f"check_{name}({name})" not in following:
                    raise MarkerError(f"{where}: the next code cell should check the exercise: "
                                      f"ex.check_{name}({name})")
            cell.source = source
        nb.cells.insert(min(1, len(nb.cells)), _banner(self.teacher_name))
        return nb, resources


def _banner(teacher_name):
    return nbformat.v4.new_markdown_cell(
        "**Exercise edition.** Fill in each code cell marked `# YOUR CODE HERE`: replace the "
        "line `return ex.not_done_yet(...)` with your code and run the cell. The cell after it "
        "checks your work and names the mistake if there is one. Until you do, the notebook "
        "runs with the module's worked version and says so where it uses it. The worked "
        f"answers are in [the teaching edition](../{teacher_name}).",
        id=BANNER_ID,
    )


def student_edition(teacher_nb, teacher_name):
    """The student edition of ``teacher_nb`` (a new notebook, outputs cleared, not executed)."""
    nb = copy.deepcopy(teacher_nb)
    nb, _ = ClearOutputPreprocessor().preprocess(nb, {})
    stubber = StubSolutions()
    stubber.teacher_name = teacher_name
    nb, _ = stubber.preprocess(nb, {})
    return nb


def fill_solutions(student_nb, teacher_nb):
    """The student edition with the teacher's solution regions put back into its stubs.

    Cells are matched by id; the banner goes. The result's code equals the teacher's.
    Stubs a student has already replaced are left alone.
    """
    teacher = {c.get("id"): c for c in teacher_nb.cells}
    nb = copy.deepcopy(student_nb)
    nb.cells = [c for c in nb.cells if c.get("id") != BANNER_ID]
    for cell in nb.cells:
        source = teacher.get(cell.get("id"), {}).get("source", "")
        regions = _regions(source)
        if cell.cell_type != "code" or not regions:
            continue
        cell.source = _fill_cell(cell.source, regions)
    return nb


def _fill_cell(source, regions):
    """Each stub in ``source``, in order, replaced by the next solution region."""
    pieces, start = [], 0
    for match, region in zip(_STUB.finditer(source), regions):
        pieces += [source[start : match.start()], region]
        start = match.end()
    return "".join(pieces) + source[start:]


def _regions(source):
    """The marked solution regions of a cell, markers included, as text."""
    lines, regions, start = source.split("\n"), [], None
    for k, line in enumerate(lines):
        if _is_marker(line, BEGIN):
            start = k
        elif _is_marker(line, END) and start is not None:
            regions.append("\n".join(lines[start : k + 1]))
            start = None
    return regions


def execute(nb, cwd, timeout=600):
    """Run every cell in a fresh kernel, in folder ``cwd``; outputs are stored in ``nb``."""
    # nbconvert's own settings (jupyter-env/: kernels on Unix sockets, not TCP), which the
    # Python API does not read by itself
    settings = NbConvertApp()
    settings.load_config_file()
    runner = ExecutePreprocessor(timeout=timeout, kernel_name="python3", record_timing=False,
                                 config=settings.config)
    runner.preprocess(nb, {"metadata": {"path": str(cwd)}})
    return nb


def teacher_notebooks(teacher_dir=TEACHER_DIR):
    """The teaching notebooks that have solution markers."""
    paths = sorted(Path(teacher_dir).glob("*.ipynb"))
    return [p for p in paths if has_markers(nbformat.read(p, 4))]


def _skeleton(nb):
    """What must agree between a committed edition and a fresh one: cells, not outputs."""
    return [(c.get("id"), c.cell_type, c.source, tuple(c.metadata.get("tags", ())))
            for c in nb.cells]


def stale(teacher_dir=TEACHER_DIR, student_dir=STUDENT_DIR):
    """Sentences, one per problem: missing, out-of-date or orphaned student editions."""
    problems = []
    teachers = {p.name: p for p in teacher_notebooks(teacher_dir)}
    for name, path in teachers.items():
        committed = Path(student_dir) / name
        if not committed.exists():
            problems.append(f"{name} has solution markers but no student edition in "
                            f"{Path(student_dir).name}/: run make exercises.")
        elif _skeleton(nbformat.read(committed, 4)) != _skeleton(
                student_edition(nbformat.read(path, 4), name)):
            problems.append(f"{Path(student_dir).name}/{name} differs from a fresh generation "
                            "from its teaching notebook: run make exercises.")
    for path in sorted(Path(student_dir).glob("*.ipynb")):
        if path.name not in teachers:
            problems.append(f"{Path(student_dir).name}/{path.name} has no teaching notebook "
                            "with solution markers.")
    return problems


def write_student_edition(teacher_path, student_dir=STUDENT_DIR, run=True):
    teacher_path = Path(teacher_path)
    nb = student_edition(nbformat.read(teacher_path, 4), teacher_path.name)
    student_dir = Path(student_dir)
    student_dir.mkdir(parents=True, exist_ok=True)
    if run:
        execute(nb, student_dir)
    out = student_dir / teacher_path.name
    nbformat.write(nb, out)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="teaching notebooks (default: every one with solution markers)")
    parser.add_argument("--check", action="store_true",
                        help="report stale, missing or orphaned student editions; write nothing")
    parser.add_argument("--no-execute", action="store_true", help="write without running")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = stale()
            print("\n".join(problems) or "Every student edition is up to date.")
            return 1 if problems else 0
        paths = args.notebooks or teacher_notebooks()
        if not paths:
            print("No teaching notebook has solution markers yet: nothing to write.")
        for path in paths:
            print(f"{path.name} -> {write_student_edition(path, run=not args.no_execute)}")
    except MarkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

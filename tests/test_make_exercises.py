"""scripts/make_exercises.py: solution markers become stubs, the round trip gives the teacher's
notebook back, an unsolved student edition runs and says "not done yet", and the committed
student editions are what a fresh generation gives."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("make_exercises", REPO / "scripts/make_exercises.py")
mk = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mk)


def code(source, id_):
    return nbformat.v4.new_code_cell(source, id=id_)


TITLE = nbformat.v4.new_markdown_cell("# A lesson", id="title")
IMPORTS = code("import numpy as np\n\nfrom logreg_helpers import exercises as ex", "imports")
SIGMOID = code('''def sigmoid(z):
    """σ(z), element by element. z: a number or an array; returns the same shape."""
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-z))
    ### END SOLUTION''', "sigmoid")
CHECK_SIGMOID = code("ex.check_sigmoid(sigmoid)", "check-sigmoid")
USE_SIGMOID = code('print(f"σ(0) = {sigmoid(0.0):.2f}")\nprint(f"σ(2) = {sigmoid(2.0):.4f}")',
                   "use-sigmoid")
USE_AGAIN = code('print(f"σ(-2) = {sigmoid(-2.0):.4f}")', "use-again")
UPDATE = code('''def update(w, b, dw, db, alpha):
    """One step. w, dw: (n_x, 1); b, db, alpha: numbers. Returns the new (w, b)."""
    step = alpha  # code outside the markers stays in both editions
    ### BEGIN SOLUTION
    return w - step * dw, b - step * db
    ### END SOLUTION''', "update")
CHECK_UPDATE = code("ex.check_update(update)", "check-update")


def teacher(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.from_dict(c) for c in (TITLE, IMPORTS) + cells]
    return nb


def test_a_solution_becomes_a_stub_with_its_signature_and_docstring():
    original = teacher(SIGMOID, CHECK_SIGMOID, USE_SIGMOID)
    nb = mk.student_edition(original, "01_lesson.ipynb")
    cells = {c.id: c for c in nb.cells}
    before = {c.id: c.source for c in original.cells}
    assert cells["sigmoid"].source == '''def sigmoid(z):
    """σ(z), element by element. z: a number or an array; returns the same shape."""
    # YOUR CODE HERE
    return ex.not_done_yet("sigmoid", z)'''
    for id_ in ("title", "imports", "check-sigmoid", "use-sigmoid"):
        assert cells[id_].source == before[id_]
    assert nb.cells[1].id == mk.BANNER_ID and "(../01_lesson.ipynb)" in nb.cells[1].source
    assert all(not c.get("outputs") for c in nb.cells)


def test_code_outside_the_markers_stays_and_every_argument_reaches_the_worked_version():
    nb = mk.student_edition(teacher(UPDATE, CHECK_UPDATE), "02.ipynb")
    source = {c.id: c for c in nb.cells}["update"].source
    assert "    step = alpha  # code outside" in source
    assert source.endswith('    # YOUR CODE HERE\n'
                           '    return ex.not_done_yet("update", w, b, dw, db, alpha)')
    assert "step * dw" not in source and "SOLUTION" not in source


def test_every_kind_of_parameter_is_passed_on():
    source, names = mk.stub_cell_source(
        'def f(a, /, b, *rest, k=1, **more):\n    """Doc."""\n    ### BEGIN SOLUTION\n'
        '    return a\n    ### END SOLUTION')
    assert names == ["f"]
    assert source.endswith('return ex.not_done_yet("f", a, b, *rest, k=k, **more)')


@pytest.mark.parametrize("cells", [
    (SIGMOID, CHECK_SIGMOID, USE_SIGMOID),
    (SIGMOID, CHECK_SIGMOID, UPDATE, CHECK_UPDATE),
])
def test_teacher_to_student_and_back_gives_the_teachers_cells(cells):
    original = teacher(*cells)
    filled = mk.fill_solutions(mk.student_edition(original, "x.ipynb"), original)
    assert [(c.id, c.cell_type, c.source) for c in filled.cells] == \
           [(c.id, c.cell_type, c.source) for c in original.cells]


@pytest.mark.parametrize("path", sorted((REPO / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_the_round_trip_holds_for_every_teaching_notebook(path):
    original = nbformat.read(path, 4)
    student = mk.student_edition(original, path.name)
    filled = mk.fill_solutions(student, original)
    assert [c.source for c in filled.cells] == [c.source for c in original.cells]
    assert len(student.cells) == len(original.cells) + 1  # the banner


def test_a_stub_the_student_replaced_is_not_overwritten():
    original = teacher(SIGMOID, CHECK_SIGMOID)
    student = mk.student_edition(original, "x.ipynb")
    mine = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))  # mine"
    student.cells[3].source = mine
    assert mk.fill_solutions(student, original).cells[2].source == mine


def _marked(body, id_="bad"):
    return code("def sigmoid(z):\n    \"\"\"Doc.\"\"\"\n" + body, id_)


@pytest.mark.parametrize("cells, phrase", [
    ((_marked("    ### BEGIN SOLUTION\n    return z\n"), CHECK_SIGMOID), "needs its own"),
    ((_marked("    return z\n    ### END SOLUTION"), CHECK_SIGMOID), "without a ### BEGIN"),
    ((_marked("    ### BEGIN SOLUTION\n    return z\n  ### END SOLUTION"), CHECK_SIGMOID),
     "indented like its"),
    ((code("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "top"), CHECK_SIGMOID),
     "inside the body of a def"),
    ((code("def sigmoid(z):\n    ### BEGIN SOLUTION\n    return z\n    ### END SOLUTION", "nd"),
      CHECK_SIGMOID), "needs a docstring"),
    ((_marked("    ### BEGIN SOLUTION\n    return z\n    ### END SOLUTION"),
      code("sigmoid(0.0)", "no-check")), "ex.check_sigmoid(sigmoid)"),
    ((_marked("    ### BEGIN SOLUTION\n    return z +\n    ### END SOLUTION"), CHECK_SIGMOID),
     "not valid Python"),
])
def test_a_broken_convention_gets_an_error_that_says_what_to_fix(cells, phrase):
    with pytest.raises(mk.MarkerError) as error:
        mk.student_edition(teacher(*cells), "x.ipynb")
    assert phrase in str(error.value)


def test_the_checks_must_be_imported_before_the_first_exercise():
    nb = teacher(SIGMOID, CHECK_SIGMOID)
    nb.cells = [nb.cells[0], nb.cells[2], nb.cells[1], nb.cells[3]]  # the import comes too late
    with pytest.raises(mk.MarkerError, match="from logreg_helpers import exercises as ex"):
        mk.student_edition(nb, "x.ipynb")


def _outputs(nb, id_):
    cell = {c.id: c for c in nb.cells}[id_]
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                   for o in cell.outputs)


def test_unsolved_it_runs_and_says_not_done_yet_and_filled_every_check_passes(tmp_path):
    original = teacher(SIGMOID, CHECK_SIGMOID, USE_SIGMOID, USE_AGAIN, UPDATE, CHECK_UPDATE)
    nbformat.write(original, tmp_path / "01_lesson.ipynb")
    written = mk.write_student_edition(tmp_path / "01_lesson.ipynb", tmp_path / "exercises")
    student = nbformat.read(written, 4)
    assert not [o for c in student.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert _outputs(student, "check-sigmoid").startswith("sigmoid: not done yet.")
    assert _outputs(student, "check-sigmoid").endswith("False")
    assert _outputs(student, "check-update").startswith("update: not done yet.")
    assert _outputs(student, "use-sigmoid") == (
        "(sigmoid is not done yet: this cell used the worked version from logreg_helpers.)\n"
        "σ(0) = 0.50\nσ(2) = 0.8808\n")  # one note for the cell's two statements
    assert _outputs(student, "use-again").startswith("(sigmoid is not done yet")  # and one here

    # nbval runs cells differently (no execution count): the unsolved edition must still match
    nbval = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                            "-p", "no:cacheprovider", "-q", str(written)],
                           cwd=tmp_path, capture_output=True, text=True)
    assert nbval.returncode == 0, nbval.stdout[-3000:]

    filled = mk.execute(mk.fill_solutions(student, original), tmp_path)
    assert _outputs(filled, "check-sigmoid").startswith("All checks passed: sigmoid")
    assert _outputs(filled, "check-update").startswith("All checks passed: update")
    assert _outputs(filled, "use-sigmoid") == "σ(0) = 0.50\nσ(2) = 0.8808\n"


def test_stale_editions_are_found(tmp_path):
    teachers, students = tmp_path, tmp_path / "exercises"
    nbformat.write(teacher(SIGMOID, CHECK_SIGMOID), teachers / "01_a.ipynb")
    nbformat.write(teacher(USE_SIGMOID), teachers / "02_no_markers.ipynb")
    assert mk.stale(teachers, students) == [
        "01_a.ipynb has solution markers but no student edition in exercises/: run make "
        "exercises."]
    mk.write_student_edition(teachers / "01_a.ipynb", students, run=False)
    assert mk.stale(teachers, students) == []

    changed = teacher(SIGMOID, CHECK_SIGMOID, USE_SIGMOID)
    nbformat.write(changed, teachers / "01_a.ipynb")
    nbformat.write(teacher(), students / "03_gone.ipynb")
    assert mk.stale(teachers, students) == [
        "exercises/01_a.ipynb differs from a fresh generation from its teaching notebook: run "
        "make exercises.",
        "exercises/03_gone.ipynb has no teaching notebook with solution markers."]


STUDENT_EDITIONS = sorted((REPO / "notebooks" / "exercises").glob("*.ipynb"))


def _committed(path):
    """(committed student edition, its teaching notebook)."""
    return nbformat.read(path, 4), nbformat.read(REPO / "notebooks" / path.name, 4)


def _cells(nb):
    return [(c.id, c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells]


def _checks(nb):
    """{name: outputs} of every check cell, ex.check_NAME(NAME)."""
    return {c.source[len("ex.check_"):].split("(")[0]: _outputs(nb, c.id) for c in nb.cells
            if c.cell_type == "code" and c.source.startswith("ex.check_")}


def test_the_exercises_are_where_the_course_needs_them():
    """Each exercise of the course, in the student edition of the notebook that teaches it."""
    found = {path.name[:2]: sorted(_checks(_committed(path)[0])) for path in STUDENT_EDITIONS}
    assert found == {
        "01": ["one_example", "sigmoid"],
        "02": ["gradients_loop", "update"],
        "03": ["forward", "gradients"],
        "04": ["train"],
        "05": ["accuracy", "predict", "standardize"],
    }


@pytest.mark.parametrize("path", STUDENT_EDITIONS, ids=lambda p: p.name)
def test_a_committed_edition_is_unsolved_and_its_teaching_notebook_solved(path):
    """The committed outputs (nbval keeps them true): every check says "not done yet" in the
    student edition and "All checks passed" in the teaching notebook."""
    student, teacher = _committed(path)
    assert _checks(student).keys() == _checks(teacher).keys()
    for name, said in _checks(student).items():
        assert said.startswith(f"{name}: not done yet.") and said.endswith("False"), said
    for name, said in _checks(teacher).items():
        assert said.startswith(f"All checks passed: {name}") and said.endswith("True"), said


@pytest.mark.parametrize("path", STUDENT_EDITIONS, ids=lambda p: p.name)
def test_a_committed_edition_filled_back_is_its_teaching_notebook(path):
    student, teacher = _committed(path)
    assert _cells(mk.fill_solutions(student, teacher)) == _cells(teacher)


def test_the_committed_editions_filled_back_pass_nbval(tmp_path):
    """Teacher -> committed student edition -> solutions filled back in, in the student's folder:
    nbval passes against the teaching notebook's outputs, the ones a solved notebook must show."""
    folder = tmp_path / "notebooks" / "exercises"
    folder.mkdir(parents=True)
    for path in STUDENT_EDITIONS:
        student, teacher = _committed(path)
        filled = mk.fill_solutions(student, teacher)
        solved = {c.id: c for c in teacher.cells}
        for cell in filled.cells:
            if cell.cell_type == "code":
                cell.outputs = solved[cell.id].outputs
                cell.execution_count = solved[cell.id].execution_count
        nbformat.write(filled, folder / path.name)
    nbval = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                            f"--nbval-sanitize-with={REPO / 'tests' / 'nbval_sanitize.cfg'}",
                            "-p", "no:cacheprovider", "-q", str(folder)],
                           cwd=folder, capture_output=True, text=True)
    assert nbval.returncode == 0, nbval.stdout[-3000:]


def test_the_committed_student_editions_are_fresh():
    """Every notebooks/exercises/*.ipynb equals a fresh generation, and none is missing."""
    assert mk.stale() == []


def test_make_exercises_check_reports_and_exits(capsys):
    assert mk.main(["--check"]) == 0
    assert "Every student edition is up to date." in capsys.readouterr().out

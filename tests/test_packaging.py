"""pyproject.toml and environment.yml must list the same packages with the same lower bounds."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return {_name(r): r.replace(" ", "")[len(_name(r)):] for r in reqs}


def conda_requirements():
    reqs = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.fullmatch(r"\s*-\s+([A-Za-z0-9_.-]+)\s*([<>=!].*)?", line)
        if match and match[1] not in ("python", "pip"):
            reqs[_name(match[1])] = (match[2] or "").replace(" ", "")
    return reqs


def test_environment_yml_and_pyproject_list_the_same_packages_and_bounds():
    assert conda_requirements() == pyproject_requirements()


def test_every_requirement_has_a_lower_bound_and_no_pin():
    for name, spec in pyproject_requirements().items():
        assert spec.startswith(">="), f"{name} should have a lower bound, not {spec!r}"
        assert "==" not in spec


def test_environment_installs_the_package_itself():
    assert "--editable ." in (ROOT / "environment.yml").read_text()


def test_one_test_file_per_module_file():
    modules = {p.stem for p in (ROOT / "logreg_helpers").glob("*.py")} - {"__init__"}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules <= tests, f"missing tests for {sorted(modules - tests)}"


def test_readme_example_prints_what_its_comments_say(capsys):
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    code = next(block for block in blocks if block.startswith("import logreg_helpers as lh"))
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    promised = [line.split("#", 1)[1].strip() for line in code.splitlines()
                if line.startswith("print(")]
    assert len(printed) == len(promised)
    for out, comment in zip(printed, promised):
        # the comment is the whole printed line, or the whole line, a colon and why
        assert out and (comment == out or comment.startswith(out + ": ")), (
            f"README promises {comment!r}, the code prints {out!r}")

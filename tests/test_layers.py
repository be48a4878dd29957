"""The package's layering, as its docstring states it: no module imports upwards or sideways.

Every import counts: at the top of a file or deferred inside a function. The
table of layers lives in the package docstring; this test reads it from there.
"""

import ast
import re
from pathlib import Path

import pytest

import logreg_helpers

PACKAGE = Path(logreg_helpers.__file__).parent
NAME = "logreg_helpers"
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
PACKAGE_ITSELF = "logreg_helpers (the package itself)"


def layers():
    """{module: layer} from the table in the package docstring ("    3  gradcheck, autodiff")."""
    table = {}
    for layer, names in re.findall(r"^ {4}(\d+) {2}([a-z_, ]+)$", logreg_helpers.__doc__, re.M):
        for name in names.split(","):
            assert name.strip() not in table, f"{name.strip()} is in two layers"
            table[name.strip()] = int(layer)
    return table


def package_imports(source):
    """The package's modules that ``source`` imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
            for target in targets:
                if target == NAME:
                    found.add(PACKAGE_ITSELF)
                elif target.startswith(NAME + "."):
                    found.add(target.split(".")[1])
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == NAME:
                module = node.module.split(".")[1] if "." in node.module else None
            elif node.level == 1:
                module = node.module.split(".")[0] if node.module else None
            else:
                assert node.level == 0, "the package is flat: no import climbs above it"
                continue
            if module is not None:  # from .vectorized import cost
                found.add(module)
            else:  # from . import vectorized: a module, or a name from the package itself
                for alias in node.names:
                    is_module = (PACKAGE / f"{alias.name}.py").exists()
                    found.add(alias.name if is_module else PACKAGE_ITSELF)
    return found


def test_every_module_has_a_layer():
    table = layers()
    assert table, "the package docstring should hold the table of layers"
    missing = [m for m in MODULES if m not in table]
    assert not missing, f"add {missing} to the table of layers in logreg_helpers/__init__.py"


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_only_from_layers_below(module):
    table = layers()
    imports = package_imports((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    wrong = sorted(i for i in imports if table.get(i, float("inf")) >= table[module])
    assert not wrong, (
        f"{module} (layer {table[module]}) imports {wrong}, at or above its own layer"
    )


def test_the_reader_sees_every_kind_of_import():
    source = (
        "import numpy as np\n"
        "from .validation import check_X\n"
        "from . import blocked, sigmoid\n"
        "import logreg_helpers.data\n"
        "from logreg_helpers.graph import example_graph\n"
        "def deferred():\n"
        "    from .vectorized import cost\n"
        "    import logreg_helpers\n"
        "class Later:\n"
        "    def method(self):\n"
        "        from logreg_helpers import plots\n"
    )
    assert package_imports(source) == {
        "validation", "blocked", PACKAGE_ITSELF, "data", "graph", "vectorized", "plots"
    }


def test_an_import_upwards_fails_the_check():
    table = layers()
    imports = package_imports("def f():\n    from .vectorized import gradients\n")
    assert any(table[i] >= table["numerics"] for i in imports)

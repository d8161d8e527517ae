"""The package layout shows the architecture: no import circle between modules, and no loose modules at the top.

Every `import` counts, wherever it stands (module level, inside a function, under `TYPE_CHECKING`): an import made
late to dodge a circle still ties the two modules together, so it is a circle all the same.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "advisor"

# The public error hierarchy stays at `advisor.errors`: callers of the Python API catch `advisor.errors.AdvisorError`.
TOP_LEVEL_ALLOWED = {"__init__.py", "__main__.py", "errors.py"}


def module_names(package: Path = PACKAGE) -> dict[str, Path]:
    names = {}
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The advisor modules `name` imports: `from a.b import c` is module `a.b.c` when that is a module, else `a.b`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in modules else base)
    return {module for module in found if module in modules and module != name}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    modules = module_names(package)
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def circle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return list(error.args[1])
    return None


def test_the_graph_sees_late_relative_and_type_only_imports(tmp_path: Path) -> None:
    package = tmp_path / "advisor"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("def late():\n    from advisor.sub import b\n")
    (package / "sub" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\n")
    (package / "sub" / "c.py").write_text("from ..a import late\n")
    graph = import_graph(package)
    assert graph["advisor.a"] == {"advisor.sub.b"}
    assert graph["advisor.sub.b"] == {"advisor.sub.c"}
    assert graph["advisor.sub.c"] == {"advisor.a"}
    assert circle(graph) is not None
    (package / "sub" / "c.py").write_text("import os\n")
    assert circle(import_graph(package)) is None


def test_no_import_circle_between_modules() -> None:
    found = circle(import_graph())
    assert found is None, f"import circle: {' -> '.join(found or [])}; move the shared piece to the side both use"


def test_no_loose_module_at_the_top_of_the_package() -> None:
    loose = sorted(path.name for path in PACKAGE.glob("*.py") if path.name not in TOP_LEVEL_ALLOWED)
    assert not loose, f"group these into a sub-package (brief, knowledge, inference, util, ...): {loose}"


def test_every_sub_package_says_what_it_holds() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring, f"{init.parent.name}/__init__.py needs a docstring saying what the package holds"

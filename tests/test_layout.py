"""Layout rules from STYLE.md, checked on the source with `ast` (nothing is imported)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

# third-party package → the modules (file stem, or package folder) allowed to import it
OWNERS: dict[str, set[str]] = {
    "httpx": {"fetch"},
    "httpcore": {"fetch"},
    "protego": {"fetch"},
    "trafilatura": {"text"},
    "htmldate": {"text"},
    "rapidfuzz": {"match", "dates"},
    "sqlite_utils": {"store", "migrations"},
    "rich": {"report", "cli"},
    "click": {"report", "cli"},
    "tomlkit": {"claimsfile"},
    "pycountry": {"language"},
}
BROAD = {"Exception", "BaseException"}

SRC = Path(__file__).resolve().parent.parent / "src" / "factcheck"


def modules(root: Path) -> Iterator[tuple[str, ast.Module]]:
    """Yield (path relative to root, parsed module) for every .py file under root."""
    for path in sorted(root.rglob("*.py")):
        yield path.relative_to(root).as_posix(), ast.parse(path.read_bytes(), filename=str(path))


def imported(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Yield (line, top-level package) for every absolute import, nested ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def import_violations(root: Path) -> list[str]:
    """Each import of a package from a module that does not own it."""
    found = []
    for name, tree in modules(root):
        owner = name.split("/")[0].removesuffix(".py")
        for line, package in imported(tree):
            if package in OWNERS and owner not in OWNERS[package]:
                found.append(f"{name}:{line}: {package} belongs in {sorted(OWNERS[package])}")
    return found


def broad_excepts(root: Path) -> list[str]:
    """Each ``except:``, ``except Exception`` or ``except BaseException`` (also in a tuple)."""
    found = []
    for name, tree in modules(root):
        for node in ast.walk(tree):
            if not isinstance(node, ast.ExceptHandler):
                continue
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if node.type is None or any(isinstance(c, ast.Name) and c.id in BROAD for c in caught):
                found.append(f"{name}:{node.lineno}: {ast.unparse(node).splitlines()[0]}")
    return found


def missing_docstrings(root: Path) -> list[str]:
    """Each module without a module docstring."""
    return [name for name, tree in modules(root) if not ast.get_docstring(tree)]


def test_third_party_packages_are_imported_only_by_their_owner() -> None:
    assert import_violations(SRC) == []


def test_no_bare_or_broad_except_in_library_code() -> None:
    assert broad_excepts(SRC) == []


def test_every_module_has_a_docstring() -> None:
    assert missing_docstrings(SRC) == []


SCRATCH = """
import httpx
from rich.console import Console

def f():
    from sqlite_utils import Database
    try:
        pass
    except:
        pass
    try:
        pass
    except (ValueError, Exception):
        pass
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A package with one module that breaks every rule and one that keeps them."""
    (tmp_path / "scratch.py").write_text(SCRATCH, encoding="utf-8")
    (tmp_path / "fetch").mkdir()
    (tmp_path / "fetch" / "client.py").write_text('"""Allowed."""\nimport httpx\n')
    return tmp_path


def test_checks_catch_a_module_that_breaks_the_rules(scratch: Path) -> None:
    assert import_violations(scratch) == [
        "scratch.py:2: httpx belongs in ['fetch']",
        "scratch.py:3: rich belongs in ['cli', 'report']",
        "scratch.py:6: sqlite_utils belongs in ['migrations', 'store']",
    ]
    assert broad_excepts(scratch) == [
        "scratch.py:9: except:",
        "scratch.py:13: except (ValueError, Exception):",
    ]
    assert missing_docstrings(scratch) == ["scratch.py"]

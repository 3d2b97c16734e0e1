"""Layout rules from STYLE.md, checked on the source with `ast` (nothing is imported)."""

from __future__ import annotations

import ast
import re
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


# module (file stem or package folder) → internal modules it must never import, and why
FORBIDDEN: dict[str, dict[str, str]] = {
    "report": {"recheck": "report renders models; it never imports recheck"},
    "recheck": {"report": "recheck gets models from store, never from the report layer"},
    "health": {"report": "recheck's source states come from store, never from the report layer"},
    "archives": {"report": "recheck's archive lookups never use the report layer"},
    "store": {"text": "store never imports text"},
    "verify": {"claims": "verify never imports claims"},
}
ENTRY_POINTS = {"__main__.py"}  # nothing else imports the CLI (cli/ is the CLI itself)


def internal_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Yield (line, first module under factcheck) for every import of factcheck.X."""
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "factcheck":
                names = [f"factcheck.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "factcheck" and len(parts) > 1:
                yield node.lineno, parts[1]


def direction_violations(root: Path) -> list[str]:
    """Each internal import that goes against the direction data flows in."""
    found = []
    for name, tree in modules(root):
        owner = name.split("/")[0].removesuffix(".py")
        for line, target in internal_imports(tree):
            if target in FORBIDDEN.get(owner, {}):
                found.append(f"{name}:{line}: {FORBIDDEN[owner][target]}")
            if target == "cli" and owner != "cli" and name not in ENTRY_POINTS:
                found.append(f"{name}:{line}: nothing imports the CLI")
    return found


def test_internal_imports_go_one_way() -> None:
    assert direction_violations(SRC) == []


def test_direction_check_catches_each_wrong_import(tmp_path: Path) -> None:
    wrong = {
        "report/table.py": "from factcheck.recheck import RecheckSummary\n",
        "recheck.py": "from factcheck.report.data import load_report\n",
        "store/base.py": "from factcheck.text import extractor_version\n",
        "verify/rules.py": "def f():\n    import factcheck.claims.extract\n",
        "match.py": "from factcheck.cli import cli\n",
        "check.py": "from factcheck.judging import judge_all\n",  # allowed
    }
    for path, source in wrong.items():
        (tmp_path / path).parent.mkdir(exist_ok=True)
        (tmp_path / path).write_text(f'"""Scratch."""\n{source}', encoding="utf-8")
    assert direction_violations(tmp_path) == [
        "match.py:2: nothing imports the CLI",
        "recheck.py:2: recheck gets models from store, never from the report layer",
        "report/table.py:2: report renders models; it never imports recheck",
        "store/base.py:2: store never imports text",
        "verify/rules.py:3: verify never imports claims",
    ]


_PRIVATE_TYPE = re.compile(r"(?<![\w.])_[A-Z]\w*")


def private_returns(root: Path) -> list[str]:
    """Each public function or public class's method whose return type is private."""
    found = []
    for name, tree in modules(root):
        public = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef) and not cls.name.startswith("_"):
                public += [
                    n for n in cls.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                ]
        for node in public:
            returns = ast.unparse(node.returns) if node.returns else ""
            if not node.name.startswith("_") and _PRIVATE_TYPE.search(returns):
                found.append(f"{name}:{node.lineno}: {node.name} returns {returns}")
    return found


def test_no_public_function_returns_a_private_type() -> None:
    assert private_returns(SRC) == []


def test_private_return_check_catches_one(tmp_path: Path) -> None:
    (tmp_path / "rules.py").write_text(
        "class _Judged: ...\n"
        "class _Reply:\n    def stored(self) -> _Reply: ...\n"  # private class: allowed
        "def stance() -> _Judged | None: ...\n"
        "def _own() -> _Judged: ...\n",
        encoding="utf-8",
    )
    assert private_returns(tmp_path) == ["rules.py:4: stance returns _Judged | None"]

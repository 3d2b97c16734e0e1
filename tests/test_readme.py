"""The README's promises: two Quick start commands, and CI runs the test one."""

from __future__ import annotations

import re

from .conftest import ROOT


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, flags=re.DOTALL)


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert _quick_start()[1] in ci.splitlines()


def test_quick_start_sample_is_bundled() -> None:
    args = _quick_start()[0].split("/factcheck check ", 1)[1].split()
    assert (ROOT / args[0]).is_file()


def test_quick_start_sample_cites_bundled_pages_only() -> None:
    from factcheck.claimsfile import load_claims

    args = _quick_start()[0].split("/factcheck check ", 1)[1].split()
    sources = [s for c in load_claims(ROOT / args[0]).claims for s in c.sources]
    assert sources
    assert all((ROOT / s).is_file() and s.startswith("examples/") for s in sources)  # no network

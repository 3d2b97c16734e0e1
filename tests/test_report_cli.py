"""``factcheck report`` on a database made by two real check runs against 127.0.0.1.

Between the runs the treaty page changes its year, so the treaty claim goes from
supported to disputed: the change marker, the history and ``--run`` are real.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import pty
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from pytest_httpserver.httpserver import URIPattern
from rich.console import Console
from werkzeug import Request, Response

from factcheck.check import check
from factcheck.cli import cli
from factcheck.models import Verdict
from factcheck.report import load_report, render_report
from factcheck.settings import Settings
from factcheck.store import Store

TREATY = (
    "<html><body><nav><a href='/'>Home</a></nav><article><h1>Pact signed</h1><p>Russia and "
    "North Korea signed a mutual defence treaty in Pyongyang on 19 June {year}.</p><p>Each "
    "side promised to come to the aid of the other, aides told reporters.</p></article>"
    "</body></html>"
)
BRIDGE = (  # hostile: rich markup, a table pipe, a closing script tag, a Markdown-ish link
    "<html><body><article><h1>Bridge</h1><p>The [bold]harbour[/bold] bridge | in Sydney "
    "reopened on 3 May 2025 after repairs &lt;/script&gt;&lt;b&gt;x&lt;/b&gt; "
    "[link=https://evil.example]click[/link].</p><p>Cars crossed it again that night."
    "</p></article></body></html>"
)
STORY = """\
[[claims]]
id = "treaty"
text = "Russia and North Korea signed a mutual defence treaty in June 2024."
sources = ["{base}/treaty"]

[[claims]]
id = "bridge"
text = "The harbour bridge in Sydney reopened in May 2025."
sources = ["{base}/bridge"]

[[claims]]
id = "nosrc"
text = "North Korean troops were deployed to Russia by October 2024."
"""
OTHER = """\
[[claims]]
id = "canal"
text = "The canal opened to shipping in 1869."
"""


class _Any(URIPattern):
    def match(self, uri: str) -> bool:
        return True


@dataclass(frozen=True)
class Project:
    """A folder with claims/story.toml and claims/other.toml checked twice into f.db."""

    root: Path
    base: str  # the server's root URL during the runs
    runs: list[dict[str, object]]

    @property
    def db(self) -> Path:
        return self.root / "f.db"

    def started(self, run: int) -> str:
        return str(self.runs[run - 1]["started_at"])


def _settings(root: Path) -> Settings:
    return Settings(
        db=root / "f.db", cache=root / "cache", delay=0, timeout=5, retries=1,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )  # fmt: skip


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("report")
    pages = {"/treaty": TREATY.format(year=2024), "/bridge": BRIDGE}

    def handle(request: Request) -> Response:
        if request.path not in pages:
            return Response("not here", status=404)
        page = pages[request.path]
        return Response(page, content_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-store"})  # fmt: skip

    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(_Any()).respond_with_handler(handle)
    server.start()
    try:
        base = server.url_for("/").rstrip("/")
        (root / "claims").mkdir()
        (root / "claims" / "story.toml").write_text(STORY.format(base=base))
        (root / "claims" / "other.toml").write_text(OTHER)
        files = [Path("claims/story.toml"), Path("claims/other.toml")]
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(root)
            first = check(files, _settings(root))
            pages["/treaty"] = TREATY.format(year=2023)
            second = check(files, _settings(root))
    finally:
        server.stop()
    verdicts = [{r.claim.id: r.verdict.value for _, r in s.results} for s in (first, second)]
    assert verdicts[0]["treaty"] == "supported"  # the scenario itself, before any report
    assert verdicts[1]["treaty"] == "disputed"
    assert verdicts[1]["bridge"] == "supported"
    with Store.open(root / "f.db") as store:
        runs = store.runs()
    return Project(root, base, runs)


def _render(db: Path, *, width: int = 100, verbose: bool = False, run: int | None = None,
            files: tuple[str, ...] = ()) -> str:  # fmt: skip
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    render_report(load_report(db, files, run), console, verbose=verbose)
    return console.export_text()


def _fetched(project: Project, claim: str, run: int | None = None) -> str:
    """The fetch date the database holds for a claim's first citation."""
    payload = json.loads(_run("report", "--db", str(project.db), "--format", "json",
                              *(["--run", str(run)] if run else []))[1])  # fmt: skip
    (found,) = [c for c in payload["claims"] if c["id"] == claim]
    return str(found["citations"][0]["fetched_at"])


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_table_is_exact_text(project: Project) -> None:
    day = _fetched(project, "treaty")[:10]
    assert _render(project.db) == (
        "claims/other.toml\n"
        "unverified canal\n"
        "  date   in 1869 = 1869-01-01..1869-12-31 (year)\n"
        "  claim  The canal opened to shipping in 1869.\n"
        "  why    no sources given: add sources = [...] to the claim\n"
        "\n"
        "claims/story.toml\n"
        f"disputed   treaty  * changed on {project.started(2)[:10]}, was supported\n"
        "  date   in June 2024 = 2024-06-01..2024-06-30 (month)\n"
        "  claim  Russia and North Korea signed a mutual defence treaty in June 2024.\n"
        f"  why    contradicted by {project.base}/treaty: date: '19 June 2023' (2023-06-19) before the\n"
        "         claim's 'June 2024' (2024-06-01..2024-06-30)\n"
        "  quote  “Russia and North Korea signed a mutual defence treaty in Pyongyang on 19 June 2023.”\n"
        f"  source {project.base}/treaty\n"
        f"         fetched {day}, contradicts\n"
        "\n"
        "supported  bridge\n"
        "  date   in May 2025 = 2025-05-01..2025-05-31 (month)\n"
        "  claim  The harbour bridge in Sydney reopened in May 2025.\n"
        "  why    date: '3 May 2025' (2025-05-03) inside the claim's 'May 2025' (2025-05-01..2025-05-31)\n"
        "  quote  “The [bold]harbour[/bold] bridge | in Sydney reopened on 3 May 2025 after repairs\n"
        "         </script><b>x</b> [link=https://evil.example]click[/link].”\n"
        f"  source {project.base}/bridge\n"
        f"         fetched {day}, supports\n"
        "\n"
        "unverified nosrc\n"
        "  date   by October 2024 = 2024-10-01..2024-10-31 (month)\n"
        "  claim  North Korean troops were deployed to Russia by October 2024.\n"
        "  why    no sources given: add sources = [...] to the claim\n"
        "\n"
        "4 claims: 1 supported, 1 disputed, 2 unverified; 1 changed\n"
        f"as of run 2, started {project.started(2)}\n"
    )  # fmt: skip


def test_run_option_shows_the_verdicts_as_they_stood(project: Project) -> None:
    text = _render(project.db, run=1, files=("claims/story.toml",))
    assert "supported  treaty\n" in text  # no change marker: run 1 is its first verdict
    assert "changed" not in text
    assert "19 June 2024" in text
    assert text.endswith("3 claims: 2 supported, 0 disputed, 1 unverified\n"
                         f"as of run 1, started {project.started(1)}\n")  # fmt: skip


def test_verbose_expands_every_citation(project: Project) -> None:
    payload = json.loads(_run("report", "--db", str(project.db), "--format", "json")[1])
    (treaty,) = [c for c in payload["claims"] if c["id"] == "treaty"]
    cite = treaty["citations"][0]
    text = _render(project.db, verbose=True, files=("claims/story.toml",))
    block = text.split("disputed   treaty")[1]
    assert block.split("\n", 5)[5].startswith(
        f"  [1]    contradicts, score {cite['score']:g}, date 2023-06-19\n"
        "         “Russia and North Korea signed a mutual defence treaty in Pyongyang on 19 June 2023.”\n"
        f"         {project.base}/treaty\n"
        f"         fetched {cite['fetched_at']}, HTTP 200, sha256\n"
        f"         {cite['sha256']}\n"
    )  # fmt: skip
    assert len(cite["sha256"]) == 64


def test_table_fits_80_columns(project: Project) -> None:
    text = _render(project.db, width=80, verbose=True)
    lines = text.splitlines()
    assert f"         {project.base}/bridge" in lines  # a URL is never broken…
    assert all(
        len(line) <= 80 or line.lstrip().startswith("http://") for line in lines
    )  # …the rest fits
    assert "  why    date: '3 May 2025' (2025-05-03) inside the claim's 'May 2025'\n" in text


def test_json_has_the_check_shape_and_history(project: Project) -> None:
    code, stdout, _ = _run("report", "--db", str(project.db), "--format", "json")
    assert code == 0
    payload = json.loads(stdout)
    assert set(payload) == {"run_id", "claims", "counts"}
    assert payload["run_id"] == 2
    assert payload["counts"] == {"supported": 1, "disputed": 1, "unverified": 2}
    by_id = {c["id"]: c for c in payload["claims"]}
    treaty = by_id["treaty"]
    assert (treaty["verdict"], treaty["previous_verdict"], treaty["changed"]) == (
        "disputed", "supported", True)  # fmt: skip
    assert treaty["changed_at"] == project.started(2)
    assert treaty["date"] == {"text": "June 2024", "value": "2024-06", "precision": "month",
                              "qualifier": "in"}  # fmt: skip
    bridge = by_id["bridge"]
    assert (bridge["previous_verdict"], bridge["changed"]) == ("supported", False)
    assert bridge["changed_at"] == project.started(1)  # supported since the first run
    assert by_id["canal"]["file"] == "claims/other.toml"
    assert {"url", "final_url", "quote", "start", "end", "stance", "found_date", "score",
            "fetched_at", "sha256"} <= set(treaty["citations"][0])  # fmt: skip


def test_json_as_of_the_first_run_has_no_history(project: Project) -> None:
    code, stdout, _ = _run("report", "--db", str(project.db), "--format", "json", "--run", "1")
    assert code == 0
    treaty = next(c for c in json.loads(stdout)["claims"] if c["id"] == "treaty")
    assert (treaty["verdict"], treaty["previous_verdict"]) == ("supported", None)
    assert treaty["changed_at"] == project.started(1)


def test_markdown_is_a_table_with_footnoted_links(project: Project) -> None:
    code, stdout, _ = _run("report", "--db", str(project.db), "--format", "markdown",
                           "claims/story.toml")  # fmt: skip
    assert code == 0
    day = _fetched(project, "treaty")[:10]
    host = project.base.split("//")[1]
    assert stdout == (
        f"Fact check as of run 2 ({project.started(2)}): 1 supported, 1 disputed, 1 unverified.\n"
        "\n"
        "### claims/story.toml\n"
        "\n"
        "| Verdict | Date | Claim | Why | Sources |\n"
        "|---|---|---|---|---|\n"
        "| **disputed** (changed; was supported) | June 2024 | Russia and North Korea signed a "
        f"mutual defence treaty in June 2024. | contradicted by http\\://{host}/treaty: date: '19 "
        "June 2023' (2023-06-19) before the claim's 'June 2024' (2024-06-01..2024-06-30) | "
        "[^1] |\n"
        "| **supported** | May 2025 | The harbour bridge in Sydney reopened in May 2025. | date: '3 May "
        "2025' (2025-05-03) inside the claim's 'May 2025' (2025-05-01..2025-05-31) | [^2] |\n"
        "| **unverified** | October 2024 | North Korean troops were deployed to Russia by October "
        "2024. | no sources given: add sources = \\[...\\] to the claim |  |\n"
        "\n"
        f"[^1]: [127.0.0.1](<{project.base}/treaty>) (contradicts, fetched {day}): “Russia and North "
        "Korea signed a mutual defence treaty in Pyongyang on 19 June 2023.”\n"
        f"[^2]: [127.0.0.1](<{project.base}/bridge>) (supports, fetched {day}): “The "
        "\\[bold\\]harbour\\[/bold\\] bridge \\| in Sydney reopened on 3 May 2025 after repairs "
        "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; \\[link=https\\://evil.example\\]click\\[/link\\].”\n"
    )  # fmt: skip


def test_claimreview_is_json_ld_safe_in_a_script_tag(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_AUTHOR_NAME", "The Daily Example")
    monkeypatch.setenv("FACTCHECK_AUTHOR_URL", "https://daily.example/")
    code, stdout, stderr = _run("report", "--db", str(project.db), "--format", "claimreview",
                                "--url", "https://daily.example/checks/story")  # fmt: skip
    assert code == 0
    assert stderr == ""
    assert "</" not in stdout
    reviews = json.loads(stdout)
    assert [r["identifier"] for r in reviews] == ["canal", "treaty", "bridge", "nosrc"]
    treaty = reviews[1]
    assert treaty == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": "treaty",
        "claimReviewed": "Russia and North Korea signed a mutual defence treaty in June 2024.",
        "itemReviewed": {
            "@type": "Claim",
            "text": "Russia and North Korea signed a mutual defence treaty in June 2024.",
            "appearance": {"@type": "CreativeWork",
                           "text": "Russia and North Korea signed a mutual defence treaty in June 2024."},
            "temporalCoverage": "2024-06-01/2024-06-30",
        },
        "reviewRating": {"@type": "Rating", "alternateName": "Disputed"},
        "reviewBody": treaty["reviewBody"],
        "datePublished": project.started(2)[:10],
        "url": "https://daily.example/checks/story#treaty",
        "author": {"@type": "Organization", "name": "The Daily Example",
                   "url": "https://daily.example/"},
    }  # fmt: skip
    assert treaty["reviewBody"].startswith("contradicted by")
    assert reviews[2]["reviewRating"]["alternateName"] == "Supported"
    assert reviews[2]["datePublished"] == project.started(1)[:10]


def test_claimreview_without_an_author_warns(project: Project) -> None:
    code, stdout, stderr = _run("report", "--db", str(project.db), "--format", "claimreview")
    assert code == 0
    assert "author" not in json.loads(stdout)[0]
    assert stderr.startswith("warning: no author_name setting")


@pytest.mark.parametrize(
    "spelling", ["claims/other.toml", "./claims/other.toml", "claims/../claims/other.toml", "ABS"]
)
def test_claims_files_filter_however_spelled(
    project: Project, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(project.root)
    path = str(project.root / "claims" / "other.toml") if spelling == "ABS" else spelling
    code, stdout, _ = _run("report", "--db", "f.db", "--format", "json", path)
    assert code == 0
    assert [c["id"] for c in json.loads(stdout)["claims"]] == ["canal"]


def test_claims_file_from_another_folder_matches_by_its_tail(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root.parent)
    given = f"{project.root.name}/claims/story.toml"
    code, stdout, stderr = _run("report", "--db", str(project.db), "--format", "json", given)
    assert code == 0, stderr
    assert {c["id"] for c in json.loads(stdout)["claims"]} == {"treaty", "bridge", "nosrc"}


def test_unknown_claims_file_is_one_line_and_exit_1(project: Project) -> None:
    code, stdout, stderr = _run("report", "--db", str(project.db), "claims/nope.toml")
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [
        "Error: claims/nope.toml: no verdicts for this claims file (the database has: "
        "claims/other.toml, claims/story.toml)"
    ]


def test_unknown_run_is_one_line_and_exit_1(project: Project) -> None:
    code, stdout, stderr = _run("report", "--db", str(project.db), "--run", "9")
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [f"Error: {project.db}: no run 9 (runs 1..2)"]


def test_bad_run_and_format_are_usage_errors(project: Project) -> None:
    assert _run("report", "--db", str(project.db), "--run", "0")[0] == 2
    assert _run("report", "--db", str(project.db), "--format", "pdf")[0] == 2
    assert _run("report", "--db", str(project.db), "--url", "javascript:alert(1)")[0] == 2


def test_missing_database_is_one_line_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    code, stdout, stderr = _run("report", "--db", str(db))
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [f"Error: {db}: no such database; run factcheck check first"]
    assert not db.exists()


def test_empty_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store.open(db).close()
    code, stdout, stderr = _run("report", "--db", str(db), "--format", "json")
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [f"Error: {db}: holds no runs yet; run factcheck check first"]


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(b"not sqlite at all, just text" * 100)
    code, _, stderr = _run("report", "--db", str(db))
    assert code == 1
    assert len(stderr.splitlines()) == 1
    assert "not a SQLite database" in stderr


def test_claim_removed_from_its_file_leaves_the_report(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "copy"
    shutil.copytree(project.root, root)
    monkeypatch.chdir(root)
    story = STORY.format(base=project.base).split('[[claims]]\nid = "nosrc"')[0]
    (root / "claims" / "story.toml").write_text(story.replace('"treaty"', '"treaty"\nskip = true'))
    check([Path("claims/story.toml")], _settings(root))  # the treaty's server is gone: unread
    code, stdout, _ = _run("report", "--db", "f.db", "--format", "json")
    assert code == 0
    assert [c["id"] for c in json.loads(stdout)["claims"]] == ["canal", "bridge"]
    code, stdout, _ = _run("report", "--db", "f.db", "--format", "json", "--run", "2")
    assert [c["id"] for c in json.loads(stdout)["claims"]] == ["canal", "treaty", "bridge", "nosrc"]


# ------------------------------------------------------------------ streams and colour


def _cli(project: Project, env: dict[str, str], *, tty: bool) -> bytes:
    """Run ``factcheck report`` in a subprocess, stdout a pipe or a pseudo-terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR",
           "TERM", "COLUMNS")} | {"TERM": "xterm-256color", "COLUMNS": "80"} | env  # fmt: skip
    args = [sys.executable, "-m", "factcheck", "report", "--db", str(project.db)]
    if not tty:
        return subprocess.run(args, capture_output=True, env=env, check=True).stdout
    leader, follower = pty.openpty()
    try:
        child = subprocess.Popen(args, stdout=follower, stderr=subprocess.DEVNULL, env=env)
        os.close(follower)  # read while it writes: a full terminal buffer would block it
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
        assert child.wait(timeout=60) == 0
        return out
    finally:
        os.close(leader)


def test_pipe_gets_plain_text_at_80_columns(project: Project) -> None:
    out = _cli(project, {}, tty=False).decode()
    assert "\x1b" not in out
    assert out == _render(project.db, width=80)


def test_terminal_gets_colour(project: Project) -> None:
    out = _cli(project, {}, tty=True)
    assert b"\x1b[1;31mdisputed" in out  # bold red
    assert b"\x1b[1;32msupported" in out  # bold green


def test_no_color_is_honoured_on_a_terminal(project: Project) -> None:
    out = _cli(project, {"NO_COLOR": "1"}, tty=True)
    assert b"\x1b[1mdisputed" in out  # still bold, no colour
    assert b"\x1b[31" not in out
    assert b"\x1b[32" not in out


def test_a_past_run_shows_the_claim_as_it_was_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wire.txt").write_text(
        "Russia and North Korea signed a mutual defence treaty on 19 June 2024 in Pyongyang, "
        "officials said.\n"
    )
    claims = tmp_path / "claims.toml"
    text = "Russia and North Korea signed a mutual defence treaty in {} 2024."
    block = '[[claims]]\nid = "treaty"\ntext = "{}"\nsources = ["wire.txt"]\n'
    settings = Settings(db=tmp_path / "d.db", cache=tmp_path / "cache")
    claims.write_text(block.format(text.format("June")))
    check([claims], settings)
    claims.write_text(block.format(text.format("July")))
    check([claims], settings)
    first = load_report(settings.db, run_id=1).items[0].result
    now = load_report(settings.db).items[0].result
    assert (first.verdict, first.claim.text) == (Verdict.SUPPORTED, text.format("June"))
    assert first.claim.date is not None
    assert first.claim.date.text == "June 2024"
    assert (now.verdict, now.claim.text) == (Verdict.DISPUTED, text.format("July"))

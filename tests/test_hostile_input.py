"""Input an attacker or a careless operator gives: credentials in source URLs, empty
claims files, oversized claims files and claims."""

from __future__ import annotations

import asyncio
import ipaddress
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from factcheck.claimsfile import load_claims
from factcheck.claimsfile.limits import MAX_FIELD_CHARS, MAX_FILE_CHARS
from factcheck.cli import cli
from factcheck.discover.providers import Searxng
from factcheck.fetch.client import Fetcher
from factcheck.models import Fetched, FetchOutcome
from factcheck.settings import Settings

SECRET = "hunter2-s3cret"
PAGE = b"<html><body><p>The treaty was signed in Pyongyang on 19 June 2024.</p></body></html>"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _claims(source: str, text: str = "The treaty was signed on 19 June 2024.") -> str:
    return f'[[claims]]\nid = "treaty"\ntext = "{text}"\nsources = ["{source}"]\n'


def test_a_source_url_with_credentials_is_refused_naming_the_claim(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    url = server.url_for("/p").replace("://", f"://editor:{SECRET}@")
    (tmp_path / "c.toml").write_text(_claims(url))
    code, stdout, stderr = _run("check", "c.toml", "--allow-private", "127.0.0.1/32")
    assert code == 1
    (line,) = stderr.strip().splitlines()
    assert line.startswith("Error: c.toml:4: claims[1].sources: claim 'treaty': a URL with a user")
    assert SECRET not in stdout + stderr
    assert not server.log  # nothing was sent
    assert not (tmp_path / "factcheck.db").exists()
    assert not (tmp_path / "cache").exists()


def _fetch(tmp_path: Path, url: str) -> Fetched:
    settings = Settings(
        cache=tmp_path / "cache",
        delay=0,
        timeout=2.0,
        retries=1,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )

    async def run() -> Fetched:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(run())


def test_a_redirect_to_a_url_with_credentials_is_not_followed(
    server: HTTPServer, tmp_path: Path
) -> None:
    target = server.url_for("/admin").replace("://", f"://root:{SECRET}@")
    server.expect_request("/p").respond_with_data("", status=302, headers={"Location": target})
    server.expect_request("/admin").respond_with_data(PAGE, content_type="text/html")
    fetched = _fetch(tmp_path, server.url_for("/p"))
    assert fetched.outcome is FetchOutcome.UNSUPPORTED
    assert SECRET not in (fetched.reason or "")
    assert "user name or password" in (fetched.reason or "")
    assert [request.path for request, _ in server.log] == ["/robots.txt", "/p"]


def test_fetch_sends_no_credentials_from_a_url(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    fetched = _fetch(tmp_path, server.url_for("/p").replace("://", f"://u:{SECRET}@"))
    assert fetched.outcome is FetchOutcome.UNSUPPORTED
    assert not server.log


@pytest.mark.parametrize("content", ["", "# only a comment\n\n# another\n", 'article = "a.txt"\n'])
def test_a_claims_file_without_claims_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.toml").write_text(content)
    code, _, stderr = _run("check", "c.toml", "--fail-on", "unverified")
    assert code == 1
    assert stderr.strip().splitlines() == [
        "Error: c.toml: no [[claims]] in the file: nothing to check"
    ]
    assert not (tmp_path / "factcheck.db").exists()  # no run written


def test_an_oversized_claims_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    padding = "# " + "x" * 1000 + "\n"
    body = _claims("page.html") + padding * (MAX_FILE_CHARS // len(padding) + 1)
    (tmp_path / "c.toml").write_text(body)
    code, _, stderr = _run("check", "c.toml")
    assert code == 1
    assert stderr.strip().splitlines() == [
        f"Error: c.toml: larger than {MAX_FILE_CHARS:,} characters"
    ]
    assert not (tmp_path / "factcheck.db").exists()


def test_an_oversized_claim_text_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = "On 19 June 2024 " + "a" * MAX_FIELD_CHARS
    (tmp_path / "c.toml").write_text(_claims("page.html", text))
    code, _, stderr = _run("check", "c.toml")
    assert code == 1
    (line,) = stderr.strip().splitlines()
    assert line.startswith("Error: c.toml:3: claims[1].text: ")
    assert f"more than {MAX_FIELD_CHARS:,} allowed" in line
    assert not (tmp_path / "factcheck.db").exists()


def test_extract_leaves_out_a_sentence_too_long_to_be_a_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    endless = "The summit opened on 3 May 2024 " + "and the delegates kept talking " * 400
    (tmp_path / "a.txt").write_text(
        f"{endless}.\n\nThe treaty was signed in Pyongyang on 19 June 2024.\n"
    )
    code, _, stderr = _run("extract", "a.txt", "-o", "c.toml")
    assert code == 0, stderr
    (claim,) = load_claims(tmp_path / "c.toml").claims  # readable: within every cap
    assert claim.text.startswith("The treaty was signed")


def test_the_fetch_command_refuses_credentials_without_echoing_them(server: HTTPServer) -> None:
    url = server.url_for("/p").replace("://", f"://u:{SECRET}@")
    code, stdout, stderr = _run("fetch", url, "--allow-private", "127.0.0.1/32")
    assert code == 2
    assert "a URL with a user name or password" in stderr
    assert SECRET not in stdout + stderr
    assert not server.log


def test_a_search_result_with_credentials_is_dropped() -> None:
    answer = {
        "results": [{"url": f"https://u:{SECRET}@news.test/a"}, {"url": "https://news.test/b"}]
    }
    assert Searxng("https://search.test/").results(answer) == ["https://news.test/b"]

"""Web search providers against a local server that answers in their documented shapes."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_httpserver import HTTPServer

from factcheck import check as checking
from factcheck.discover import find_sources
from factcheck.discover.providers import MediaWiki, Searxng, parse_results, web_query
from factcheck.errors import SettingsError
from factcheck.models import Claim, Fetched, FetchOutcome
from factcheck.settings import Settings, load_settings

CLAIMS = """\
[[claims]]
id = "treaty"
text = "Russia and North Korea signed a mutual defence treaty in June 2024."
keywords = ["signed", "treaty", "Russia", "North Korea"]
"""


def page(sentence: str) -> str:
    return (
        "<html><head><title>Treaty</title></head><body><nav>Home | World</nav><article>"
        "<h1>A pact in Pyongyang</h1>"
        f"<p>{sentence}</p>"
        "<p>Officials from both capitals described the agreement at length to reporters "
        "gathered outside the palace, and analysts weighed what it might mean.</p>"
        "</article><footer>All rights reserved</footer></body></html>"
    )


SUPPORTS = "Russia and North Korea signed the mutual defence treaty on 19 June 2024 in Pyongyang."


def mediawiki_answer(*titles: str) -> dict[str, object]:
    """The shape of action=query&list=search&format=json (formatversion=2)."""
    return {
        "batchcomplete": True,
        "continue": {"sroffset": len(titles), "continue": "-||"},
        "query": {
            "searchinfo": {"totalhits": len(titles)},
            "search": [
                {
                    "ns": 0,
                    "title": t,
                    "pageid": 100 + i,
                    "size": 5000,
                    "wordcount": 800,
                    "snippet": 'the <span class="searchmatch">treaty</span>',
                    "timestamp": "2025-01-02T03:04:05Z",
                }
                for i, t in enumerate(titles)
            ],
        },
    }


def searxng_answer(query: str, *urls: str) -> dict[str, object]:
    """The shape of /search?format=json."""
    return {
        "query": query,
        "number_of_results": 0,
        "results": [
            {
                "url": u,
                "title": "Treaty",
                "content": "signed a treaty",
                "engine": "duckduckgo",
                "parsed_url": list(urlsplit(u)),
                "template": "default.html",
                "engines": ["duckduckgo"],
                "positions": [i + 1],
                "score": 1.0 / (i + 1),
                "category": "general",
            }
            for i, u in enumerate(urls)
        ],
        "answers": [],
        "corrections": [],
        "infoboxes": [],
        "suggestions": [],
        "unresponsive_engines": [],
    }


@pytest.fixture
def claims_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "claims.toml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def settings_for(server: HTTPServer, tmp_path: Path, **more: object) -> Settings:
    return Settings(
        db=tmp_path / "factcheck.db",
        cache=tmp_path / "cache",
        delay=0,
        timeout=10,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
        wikipedia_api=server.url_for("/w/api.php"),
        **more,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- the clients alone


def test_mediawiki_url_asks_for_a_json_search_of_articles() -> None:
    url = MediaWiki("https://de.wikipedia.org/w/api.php").url("Vertrag 2024", 3)
    parts = urlsplit(url)
    assert (parts.hostname, parts.path) == ("de.wikipedia.org", "/w/api.php")
    assert {k: v[0] for k, v in parse_qs(parts.query).items()}.items() >= {
        "action": "query",
        "list": "search",
        "format": "json",
        "srsearch": "Vertrag 2024",
        "srlimit": "3",
        "srnamespace": "0",
    }.items()


def test_mediawiki_titles_become_article_urls() -> None:
    wikimedia = MediaWiki("https://fr.wikipedia.org/w/api.php")
    assert wikimedia.results(mediawiki_answer("Traité de Pyongyang", "A/B")) == [
        "https://fr.wikipedia.org/wiki/Trait%C3%A9_de_Pyongyang",
        "https://fr.wikipedia.org/wiki/A%2FB",  # one path segment, whatever the title
    ]
    other = MediaWiki("https://wiki.example.org/api.php")
    assert other.results(mediawiki_answer("Some page")) == [
        "https://wiki.example.org/index.php?title=Some_page"
    ]


def test_searxng_keeps_only_web_urls_in_rank_order() -> None:
    answer = searxng_answer("q", "https://a.example/1", "javascript:alert(1)", "http://b.example/2")
    assert Searxng("https://search.example/").results(answer) == [
        "https://a.example/1",
        "http://b.example/2",
    ]


@pytest.mark.parametrize(
    ("provider", "body", "problem"),
    [
        (MediaWiki("https://w.example/w/api.php"), b'{"error": {"code": "badvalue", "info": "nope"}}', "API error badvalue"),
        (MediaWiki("https://w.example/w/api.php"), b'{"query": {}}', "no query.search"),
        (Searxng("https://s.example/"), b'{"results": 3}', "no results list"),
        (Searxng("https://s.example/"), b"<html>not json", "unusable answer"),
    ],
)  # fmt: skip
def test_a_bad_answer_is_a_problem_not_a_crash(provider: object, body: bytes, problem: str) -> None:
    fetched = Fetched("u", "u", FetchOutcome.OK, body=body, content_type="application/json")
    results = parse_results(provider, fetched, 5)  # type: ignore[arg-type]
    assert results.urls == ()
    assert results.problem is not None
    assert problem in results.problem


def test_web_query_keeps_names_once_and_the_year() -> None:
    claim = Claim(
        "c",
        "…a summit between Trump and Vladimir Putin in Anchorage on August 15, 2025.",
        keywords=("summit", "Trump", "Vladimir Putin", "Anchorage", "Donald Trump"),
    )
    from factcheck.dates import parse_date

    claim = Claim(claim.id, claim.text, date=parse_date(claim.text), keywords=claim.keywords)
    assert web_query(claim) == "Vladimir Putin Donald Trump Anchorage summit 2025"


def test_settings_choose_providers_and_check_their_endpoints(tmp_path: Path) -> None:
    env = {
        "FACTCHECK_SEARCH_PROVIDERS": "searxng, wikipedia",
        "FACTCHECK_SEARXNG_URL": "https://search.example.org/",
    }
    settings = load_settings(env=env, cwd=tmp_path)
    assert settings.search_providers == ("searxng", "wikipedia")
    with pytest.raises(SettingsError, match="unknown provider 'bing'"):
        load_settings(env={"FACTCHECK_SEARCH_PROVIDERS": "bing"}, cwd=tmp_path)
    with pytest.raises(SettingsError, match="http"):
        load_settings(env={"FACTCHECK_WIKIPEDIA_API": "ftp://x/api.php"}, cwd=tmp_path)
    bare = Settings(search_providers=("searxng",))
    with pytest.raises(SettingsError, match="searxng_url is not set"):
        find_sources([], bare, None, discover=1)


# ---------------------------------------------------------------- check --discover end to end


def test_discover_fetches_wikipedia_results_and_records_how(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    server.expect_request("/w/api.php").respond_with_json(
        mediawiki_answer("Treaty on Comprehensive Strategic Partnership", "Unrelated page")
    )
    server.expect_request("/wiki/Treaty_on_Comprehensive_Strategic_Partnership").respond_with_data(
        page(SUPPORTS), content_type="text/html"
    )
    server.expect_request("/wiki/Unrelated_page").respond_with_data(
        page("A bridge in another country was opened in 1932."), content_type="text/html"
    )
    settings = settings_for(server, tmp_path)
    summary = checking.check([claims_file], settings, discover=1)
    ((_, result),) = summary.results
    assert result.verdict.value == "supported"
    assert {c.source for c in result.citations} == {
        server.url_for("/wiki/Treaty_on_Comprehensive_Strategic_Partnership")
    }  # top 1 only
    citation = result.citations[0]
    assert citation.found_by == "wikipedia"
    assert citation.query == web_query(result.claim)
    api_calls = [r for r, _ in server.log if r.path == "/w/api.php"]
    assert len(api_calls) == 1
    assert api_calls[0].args["srsearch"] == citation.query
    assert api_calls[0].args["list"] == "search"
    assert not any(r.path == "/wiki/Unrelated_page" for r, _ in server.log)


def test_discover_through_searxng(server: HTTPServer, tmp_path: Path, claims_file: Path) -> None:
    story, other = server.url_for("/news/treaty"), server.url_for("/news/other")
    server.expect_request("/searx/search").respond_with_json(searxng_answer("q", story, other))
    server.expect_request("/news/treaty").respond_with_data(
        page(SUPPORTS), content_type="text/html"
    )
    server.expect_request("/news/other").respond_with_data(
        page("A harbour bridge opened to traffic in March 1932."), content_type="text/html"
    )
    settings = settings_for(
        server, tmp_path, search_providers=("searxng",), searxng_url=server.url_for("/searx/")
    )
    summary = checking.check([claims_file], settings, discover=2)
    ((_, result),) = summary.results
    assert result.verdict.value == "supported"
    assert {c.found_by for c in result.citations} == {"searxng"}
    call = next(r for r, _ in server.log if r.path == "/searx/search")
    assert call.args["format"] == "json"
    assert call.args["q"] == result.citations[0].query
    assert not any(r.path.startswith("/w/") for r, _ in server.log)  # wikipedia not chosen


def test_robots_binds_result_pages_not_the_api_call(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /w/\nDisallow: /wiki/Secret\n", content_type="text/plain"
    )
    server.expect_request("/w/api.php").respond_with_json(mediawiki_answer("Secret"))
    settings = settings_for(server, tmp_path)
    summary = checking.check([claims_file], settings, discover=3)
    ((_, result),) = summary.results
    (citation,) = result.citations
    assert citation.stance.value == "unavailable"
    assert citation.reason.startswith("robots")
    assert not any(r.path == "/wiki/Secret" for r, _ in server.log)


def test_a_provider_that_fails_is_a_warning(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    server.expect_request("/w/api.php").respond_with_data("down", status=500)
    settings = settings_for(server, tmp_path, retries=1)
    summary = checking.check([claims_file], settings, discover=2)
    ((_, result),) = summary.results
    assert result.verdict.value == "unverified"
    assert any("wikipedia: http-error" in w for w in summary.warnings)


def test_without_discover_no_provider_is_asked(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    checking.check([claims_file], settings_for(server, tmp_path))
    assert server.log == []


def test_json_shows_found_by_and_query(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    server.expect_request("/w/api.php").respond_with_json(mediawiki_answer("Pact"))
    server.expect_request("/wiki/Pact").respond_with_data(page(SUPPORTS), content_type="text/html")
    config = tmp_path / "factcheck.toml"
    config.write_text(
        f'wikipedia_api = "{server.url_for("/w/api.php")}"\ndelay = 0\n'
        'allow_private = ["127.0.0.1/32"]\n',
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["check", str(claims_file), "--discover", "1", "--json"])
    assert out.exit_code == 0, out.output
    (cite,) = json.loads(out.output)["claims"][0]["citations"]
    assert cite["found_by"] == "wikipedia"
    assert cite["query"]
    assert cite["url"] == server.url_for("/wiki/Pact")


def test_the_ssrf_guard_covers_the_search_api(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    server.expect_request("/w/api.php").respond_with_json(mediawiki_answer("Pact"))
    guarded = Settings(
        db=tmp_path / "f.db",
        cache=tmp_path / "cache",
        delay=0,
        wikipedia_api=server.url_for("/w/api.php"),
    )
    summary = checking.check([claims_file], guarded, discover=1)
    assert server.log == []
    assert any("wikipedia: blocked" in w for w in summary.warnings)


def test_discover_with_no_provider_chosen_says_so(tmp_path: Path, claims_file: Path) -> None:
    none = Settings(db=tmp_path / "f.db", cache=tmp_path / "cache", search_providers=())
    summary = checking.check([claims_file], none, discover=2)
    assert any("no web search provider chosen" in w for w in summary.warnings)


# ---------------------------------------------------------------- hostile answers, failed runs


def test_deeply_nested_json_is_a_problem_not_a_crash() -> None:
    deep = b'{"results": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    fetched = Fetched("u", "u", FetchOutcome.OK, body=deep, sha256="x")
    for provider in (MediaWiki("http://127.0.0.1:1/w/api.php"), Searxng("http://127.0.0.1:1/")):
        result = parse_results(provider, fetched, 3)
        assert result.urls == ()
        assert "unusable answer" in (result.problem or "")


def _runs(db: Path) -> list[tuple[int, str]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT id, status FROM runs"))


def test_a_run_that_raises_is_recorded_as_failed(
    server: HTTPServer, tmp_path: Path, claims_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(checking, "read_sources", boom)
    settings = settings_for(server, tmp_path)
    with pytest.raises(RecursionError):
        checking.check([claims_file], settings)
    assert _runs(settings.db) == [(1, "failed")]


def test_a_provider_without_endpoint_writes_nothing(tmp_path: Path, claims_file: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    env = {"FACTCHECK_SEARCH_PROVIDERS": "searxng", "FACTCHECK_SEARXNG_URL": ""}
    out = CliRunner(env=env).invoke(cli, ["check", str(claims_file), "--discover", "1"])
    assert out.exit_code == 1
    assert "searxng_url is not set" in out.output
    db = tmp_path / "factcheck.db"
    assert not db.exists() or _runs(db) == []


# ---------------------------------------------------------------- URLs and queries built safely


@pytest.mark.parametrize("title", ["../../redir", "../w/api.php?x=1", "./..", "..", "a/../../b#c"])
def test_a_title_never_climbs_out_of_the_wiki_path(title: str) -> None:
    from urllib.parse import unquote

    url = MediaWiki("https://wiki.example.org/w/api.php").page_url(title)
    parts = urlsplit(url)
    assert parts.path.startswith("/wiki/")
    assert "/" not in parts.path.removeprefix("/wiki/")  # one segment
    assert parts.path.removeprefix("/wiki/") not in (".", "..")
    assert (parts.query, parts.fragment) == ("", "")
    assert unquote(parts.path.removeprefix("/wiki/")) == title.replace(" ", "_")


def test_an_endpoint_with_a_query_string_keeps_it_and_gets_one_question_mark() -> None:
    wiki = urlsplit(MediaWiki("https://w.example/api.php?key=k1").url("Treaty", 2))
    assert parse_qs(wiki.query).items() >= {"key": ["k1"], "srsearch": ["Treaty"]}.items()
    searx = Searxng("https://s.example/base/?token=t2").url("Treaty", 2)
    assert searx.count("?") == 1
    parts = urlsplit(searx)
    assert parts.path == "/base/search"
    assert parse_qs(parts.query) == {"token": ["t2"], "q": ["Treaty"], "format": ["json"]}


@pytest.mark.parametrize(
    "keyword",
    ["-Russia", "intitle:Treaty", "insource:/tr.*y/", '"exact phrase', "OR", "site:evil.example",
     "~fuzzy", "prefix*", "+must", "(group"],
)  # fmt: skip
def test_search_syntax_in_a_claim_reaches_the_provider_as_words(keyword: str) -> None:
    from factcheck.dates import parse_date

    claim = Claim("c", "x", date=parse_date("in June 2024"), keywords=("Pyongyang", keyword))
    query = web_query(claim)
    words = query.split()
    assert "Pyongyang" in words
    assert words[-1] == "2024"
    for word in words:
        assert word[0].isalnum()
        assert not set(word) & set(':"*()~+/|')
        assert word not in ("OR", "AND", "NOT")


def test_a_web_page_that_reposts_the_article_is_not_its_evidence(
    server: HTTPServer, tmp_path: Path, claims_file: Path
) -> None:
    article = (
        f"{SUPPORTS} Our correspondent watched the two delegations leave the hall in "
        "silence, and a diplomat from a neighbouring state told her the text would be read "
        "line by line in every capital of the region before anyone said a word about it.\n"
    )
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    claims_file.write_text('article = "article.txt"\n\n' + CLAIMS, encoding="utf-8")
    server.expect_request("/w/api.php").respond_with_json(mediawiki_answer("Repost", "Pact"))
    server.expect_request("/wiki/Repost").respond_with_data(
        f"<html><body><nav>Aggregator</nav><article><p>{article}</p></article></body></html>",
        content_type="text/html",
    )
    server.expect_request("/wiki/Pact").respond_with_data(page(SUPPORTS), content_type="text/html")
    summary = checking.check([claims_file], settings_for(server, tmp_path), discover=2)
    ((_, result),) = summary.results
    assert {c.source for c in result.citations} == {server.url_for("/wiki/Pact")}

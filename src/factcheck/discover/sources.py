"""Sources for a claims file's claims: the corpus's best hits and web search results,
never the article itself; and ``extract --suggest``, which remembers what it found.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.claims import Article, read_article
from factcheck.discover.corpus import search
from factcheck.discover.providers import Provider, parse_results, providers_for, web_query
from factcheck.errors import ArticleError
from factcheck.fetch import Fetcher, fetch_api
from factcheck.models import Claim, Found, SourceRead, SourceText
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.verify import Shingler

__all__ = ["ArticleRef", "Discovery", "find_sources", "remember_suggestions", "suggest"]


@dataclass
class Discovery:
    """Sources found per claim (keyed by claim id), and what went wrong on the way."""

    found: dict[str, list[Found]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article whose claims are checked: never evidence for its own claims."""

    path: Path | None = None  # resolved; None when the claims file names none
    sha256: str | None = None  # of the article file's bytes
    text: str | None = None  # its plain text, when the file could be read

    @classmethod
    def from_header(cls, article: str | None, sha256: str | None) -> ArticleRef:
        """The article a claims file's header names (relative to the current folder)."""
        if not article:
            return cls(None, sha256)
        path = _resolved(Path(article))
        try:
            text: str | None = read_article(path).text if path is not None else None
        except ArticleError:  # moved or unreadable: the path and sha256 still tell it apart
            text = None
        return cls(path, sha256, text)

    @classmethod
    def of(cls, article: Article) -> ArticleRef:
        """The article just read for extraction."""
        return cls(_resolved(Path(article.path)), article.sha256, article.text)

    def is_itself(self, source: str, read: SourceRead | None, shingler: Shingler) -> bool:
        """True when the source is the article: its path, its bytes, or a copy of its text."""
        if self.path is not None and "://" not in source and _resolved(Path(source)) == self.path:
            return True
        if read is None:
            return False
        if self.sha256 is not None and read.fetched.sha256 == self.sha256:
            return True
        if self.text is None or read.text is None or read.text.error:
            return False
        mine = shingler.shingles(f"article:{self.sha256}:{self.path}", self.text)
        theirs = shingler.shingles(read.text.sha256, read.text.text)
        return shingler.copy_share(mine, theirs) >= shingler.threshold


def _resolved(path: Path) -> Path | None:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return None


def find_sources(
    claims: Sequence[Claim],
    settings: Settings,
    store: Store | None,
    *,
    corpus: bool = False,
    discover: int = 0,
    offline: bool = False,
    article: ArticleRef | None = None,
    texts: dict[str, SourceText] | None = None,
) -> Discovery:
    """Search the corpus (best ``settings.corpus_hits``) and the web (top ``discover`` of
    each provider) for every dated claim; a claim's own sources are left out, and so is
    the article itself (its file, its bytes, or a syndicated copy of its text). ``texts``
    (corpus texts by sha256) may be shared by several calls of one run.

    Raises:
        SettingsError: a chosen provider has no endpoint.
    """
    result = Discovery()
    dated = [c for c in claims if not c.undated]
    if corpus and store is not None:
        if store.corpus_count() == 0:
            result.warnings.append("the corpus is empty: run `factcheck index DIR` first")
        texts = {} if texts is None else texts  # each document's text is read once
        for claim in dated:
            hits = search(store, claim, settings.corpus_hits, texts)
            result.found.setdefault(claim.id, []).extend(hits)
    if discover > 0 and not settings.search_providers:
        result.warnings.append("no web search provider chosen: set search_providers")
    elif discover > 0:
        web = asyncio.run(_search_web(dated, providers_for(settings), settings, discover, offline))
        for claim_id, hits in web.found.items():
            result.found.setdefault(claim_id, []).extend(hits)
        result.warnings += web.warnings
    shingler = Shingler(settings.copy_threshold)
    for claim in dated:  # an editor's source stays the editor's; each source once
        own = set(claim.sources)
        hits = [
            f
            for f in result.found.get(claim.id, [])
            if article is None or not article.is_itself(f.source, f.read, shingler)
        ]
        unique = {f.source: f for f in reversed(hits) if f.source not in own}
        result.found[claim.id] = [f for f in hits if unique.get(f.source) is f]
    return result


def suggest(
    claims: Sequence[Claim],
    settings: Settings,
    *,
    discover: int = 0,
    article: ArticleRef | None = None,
    claims_file: Path | None = None,
) -> tuple[list[Claim], list[str]]:
    """The claims with ``suggested_sources`` from the corpus (and the web, with ``discover``).

    The corpus is read from ``settings.db`` when that database exists; none is created.
    The article itself is never suggested, and neither is a source the database says was
    offered before in ``claims_file`` (an editor who deleted it rejected it), as long as
    that file still exists. Call `remember_suggestions` once the claims are written.

    Returns:
        (the claims, warnings).
    """
    if not settings.db.is_file():
        found = find_sources(claims, settings, None, discover=discover, article=article)
        found.warnings.insert(0, f"no corpus: {settings.db} does not exist (see factcheck index)")
    else:
        with Store.open(settings.db) as store:
            found = find_sources(
                claims, settings, store, corpus=True, discover=discover, article=article
            )
            offered = (
                store.offered(_file_key(claims_file))
                if claims_file is not None and claims_file.exists()
                else set()
            )
        for claim_id, hits in found.found.items():
            found.found[claim_id] = [f for f in hits if (claim_id, f.source) not in offered]
    out = [
        replace(c, suggested_sources=tuple(f.source for f in found.found.get(c.id, [])))
        for c in claims
    ]
    return out, found.warnings


def remember_suggestions(settings: Settings, claims_file: Path, claims: Sequence[Claim]) -> None:
    """Record the suggestions just written to ``claims_file`` (when the database exists)."""
    pairs = [(c.id, s) for c in claims for s in c.suggested_sources]
    if pairs and settings.db.is_file():
        with Store.open(settings.db) as store:
            store.remember_offered(_file_key(claims_file), pairs)


def _file_key(claims_file: Path) -> str:
    return str(_resolved(claims_file) or claims_file)


async def _search_web(
    claims: Sequence[Claim],
    providers: list[Provider],
    settings: Settings,
    limit: int,
    offline: bool,
) -> Discovery:
    """Ask every provider about every claim, concurrently (politely per host)."""
    out = Discovery()
    async with Fetcher(settings, offline=offline) as fetcher:

        async def ask(claim: Claim, provider: Provider) -> tuple[list[Found], str | None]:
            query = web_query(claim)
            if not query:
                return [], None
            fetched = await fetch_api(fetcher, provider.url(query, limit))
            results = parse_results(provider, fetched, limit)
            problem = f"{claim.id}: {results.problem}" if results.problem else None
            return [Found(url, provider.name, query) for url in results.urls], problem

        pairs = [(c, p) for c in claims for p in providers]
        answers = await asyncio.gather(*(ask(c, p) for c, p in pairs))  # in order
    for (claim, _), (hits, problem) in zip(pairs, answers, strict=True):
        out.found.setdefault(claim.id, []).extend(hits)
        if problem:
            out.warnings.append(problem)
    return out

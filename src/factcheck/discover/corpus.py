"""The local corpus: index saved pages and text files with FTS5, and search it per claim.

`index_folders` walks folders for HTML, text and Markdown files, reads each through the
text stage, and keeps its text in the database's FTS5 index; a file whose bytes did not
change (same sha256) is not read again, a changed one is re-indexed, a deleted one is
dropped. `search` asks the index with a claim's query (`discover.query`: keywords,
names and date, every term quoted so that nothing in a claim can act as FTS5 syntax)
and ranks hits by BM25.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from factcheck.discover.query import claim_query, coverage, date_terms, fts_query, query_terms
from factcheck.errors import InputError
from factcheck.models import (
    Claim,
    CorpusDoc,
    Fetched,
    FetchOutcome,
    Found,
    SourceRead,
    SourceText,
)
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.text import Extractor, extract_text

__all__ = [
    "IndexSummary",
    "claim_query",
    "date_terms",
    "fts_query",
    "index_folders",
    "query_terms",
    "search",
    "source_name",
]

TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
_PLAIN = {"text/plain", "text/markdown"}  # read in this process; HTML goes to workers
MIN_COVERAGE = 0.5  # a hit must hold at least this share of the claim's search terms
# Files a folder of pages often carries that are about the folder, not news: never sources.
NOT_ARTICLES = frozenset(
    "readme license licence copying changelog changes contributing authors notice history "
    "todo install code_of_conduct security".split()
)
_T = TypeVar("_T")
_R = TypeVar("_R")


# ---------------------------------------------------------------- searching


def source_name(path: str, cwd: Path | None = None) -> str:
    """How a citation names a corpus file: relative to the current folder when inside it."""
    base = (cwd or Path.cwd()).resolve()
    try:
        return Path(path).relative_to(base).as_posix()
    except ValueError:
        return path


def search(
    store: Store, claim: Claim, limit: int, texts: dict[str, SourceText] | None = None
) -> list[Found]:
    """The claim's best ``limit`` corpus documents, read from the store, best first.

    Args:
        texts: texts already read, by sha256, shared across the claims of a run so that
            a document many claims hit is held in memory once (filled as it goes).
    """
    terms = query_terms(claim)
    if not terms:  # a date alone would match half the archive
        return []
    query = fts_query(terms, date_terms(claim))
    texts = {} if texts is None else texts
    found = []
    for hit in store.search_corpus(query, limit):
        text = texts.get(hit.sha256) or store.text(hit.sha256)
        if text is None:  # indexed but its text is gone: cannot happen through index_doc
            continue
        texts[hit.sha256] = text
        if coverage(terms, text.text) < MIN_COVERAGE:  # one common word in a long page
            continue
        name = source_name(hit.path)
        fetched = Fetched(
            name,
            Path(hit.path).as_uri(),
            FetchOutcome.OK,
            content_type="text/plain",
            fetched_at=hit.indexed_at,
            sha256=hit.sha256,
        )
        found.append(Found(name, "corpus", query, SourceRead(fetched, text)))
    return found


# ---------------------------------------------------------------- indexing


@dataclass
class IndexSummary:
    """What one ``index`` run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


@dataclass(frozen=True, slots=True)
class _File:
    path: Path
    root: Path
    sha256: str
    size: int
    mtime: float
    body: bytes = b""  # dropped between the scan and the reading, to keep memory flat


def _walk(root: Path) -> Iterator[Path]:
    """Files of a known type under root, hidden files and folders left out, sorted."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in TYPES:
                yield Path(folder) / name


def _read(path: Path, root: Path, cap: int) -> _File | str:
    """The file's bytes and hash, or why it cannot be indexed."""
    if path.stem.lower().replace("-", "_") in NOT_ARTICLES:
        return "a project's own notes (README, LICENSE…), not an article"
    try:
        if not path.resolve().is_relative_to(root):
            return f"a link to outside {root}"
    except RuntimeError:  # Python 3.11/3.12 report a loop this way (3.13: OSError)
        return "a symlink loop"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"
        if info.st_size > cap:
            return f"larger than {cap:,} bytes"
        with path.open("rb") as handle:
            body = handle.read(cap + 1)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if len(body) > cap:
        return f"larger than {cap:,} bytes"
    return _File(path, root, hashlib.sha256(body).hexdigest(), len(body), info.st_mtime, body)


def _utf8(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode kept undecodable bytes as lone surrogates
        return False
    return True


def _shown(path: Path) -> str:
    """A printable form of a name that is not UTF-8: its odd bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _points_into(link: Path, walked: set[str]) -> bool:
    """True when the link's target (another name) is one of the files being indexed."""
    target = os.path.realpath(link)
    return target != str(link) and target in walked


def _roots(folders: Sequence[Path]) -> list[Path]:
    roots = []
    for folder in folders:
        if not folder.is_dir():
            raise InputError("not a folder", path=folder)
        roots.append(folder.resolve())
    return list(dict.fromkeys(roots))


def index_folders(
    folders: Sequence[Path],
    settings: Settings,
    store: Store,
    *,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
) -> IndexSummary:
    """Bring the corpus index up to date with the files under ``folders``.

    Raises:
        InputError: a folder does not exist.
    """
    summary = IndexSummary()
    todo: list[_File] = []
    fresh: set[str] = set()  # paths not indexed before
    handled: set[str] = set()
    walks = {root: list(_walk(root)) for root in _roots(folders)}
    walked = {str(p) for paths in walks.values() for p in paths}
    for root, paths in walks.items():
        known = store.corpus_docs(str(root) + os.sep)
        seen: set[str] = set()
        for path in paths:
            if path.is_symlink() and _points_into(path, walked):
                continue  # the file it points at is indexed under its own name
            seen.add(str(path))
            if str(path) in handled:  # a folder inside another one given too
                continue
            handled.add(str(path))
            if not _utf8(path):  # the database keeps names as UTF-8 text
                summary.failed.append((_shown(path), "name is not UTF-8"))
                continue
            read = _read(path, root, settings.max_bytes)
            old = known.get(str(path))
            if isinstance(read, str):
                summary.failed.append((str(path), read))
                if old is not None:  # its old text no longer says what the file does
                    store.remove_docs([str(path)])
                    summary.removed += 1
                continue
            if old is not None and old.sha256 == read.sha256:
                summary.unchanged += 1
                if old.mtime != read.mtime:
                    store.touch_doc(str(path), read.mtime)
                continue
            todo.append(replace(read, body=b""))
            if old is None:
                fresh.add(str(path))
        gone = [p for p in known if p not in seen]
        store.remove_docs(gone)
        summary.removed += len(gone)
    _extract_all(todo, settings, store, summary, fresh, workers, progress)
    return summary


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # tabs, line and page breaks are text
BINARY_SHARE = 0.05  # more control characters than this: not text


def _binary(text: str) -> bool:
    """True for the text of a binary file: a NUL, or many other control characters."""
    if "\x00" in text:
        return True
    return len(_CONTROL.findall(text)) > BINARY_SHARE * len(text)


def _unusable(file: _File | str, text: SourceText | None) -> str | None:
    """Why a file read for indexing cannot be indexed, or None when it can."""
    if isinstance(file, str):
        return file
    if text is None or text.error:
        return (text and text.error) or "no text"
    if not text.text.strip():
        return "no text"
    return "not text" if _binary(text.text) else None


def _in_order(
    threads: ThreadPoolExecutor, fn: Callable[[_T], _R], items: Sequence[_T], window: int
) -> Iterator[_R]:
    """``fn`` over ``items`` in the pool, in order, with at most ``window`` in flight.

    ``Executor.map`` submits everything at once, so results pile up (bytes and texts of
    the whole corpus) while the single writer works through them; this keeps a few.
    """
    pending: deque[Future[_R]] = deque()
    for item in items:
        if len(pending) >= window:
            yield pending.popleft().result()
        pending.append(threads.submit(fn, item))
    while pending:
        yield pending.popleft().result()


def _extract_all(
    todo: list[_File],
    settings: Settings,
    store: Store,
    summary: IndexSummary,
    fresh: set[str],
    workers: int,
    progress: Callable[[str], None] | None,
) -> None:
    """Read every file's text (HTML in worker processes) and index it, file by file."""
    needs_workers = any(TYPES[f.path.suffix.lower()] not in _PLAIN for f in todo)
    extractor = Extractor(workers=workers, time_limit=settings.timeout) if needs_workers else None

    def text_of(scanned: _File) -> tuple[_File | str, SourceText | None]:
        file = _read(scanned.path, scanned.root, settings.max_bytes)  # as it is now
        if isinstance(file, str):
            return file, None
        kind = TYPES[file.path.suffix.lower()]
        if extractor is None:
            text = extract_text(file.body, kind)
        else:
            text = extractor.extract(file.body, kind)
        return replace(file, body=b""), text  # the bytes are done with: keep memory flat

    try:
        with ThreadPoolExecutor(max_workers=workers) as threads:
            done = _in_order(threads, text_of, todo, window=2 * workers)
            for scanned, (file, text) in zip(todo, done, strict=True):
                path = str(scanned.path)
                why = _unusable(file, text)
                if why is not None or isinstance(file, str) or text is None:
                    summary.failed.append((path, why or "no text"))
                    store.remove_docs([path])  # its old text no longer says what the file does
                    continue
                doc = CorpusDoc(
                    path,
                    file.sha256,
                    file.size,
                    file.mtime,
                    text.title,
                    text.published,
                    dt.datetime.now(dt.UTC),
                )
                store.index_doc(doc, text)
                if path in fresh:
                    summary.added += 1
                else:
                    summary.updated += 1
                if progress is not None:
                    progress(path)
    finally:
        if extractor is not None:
            extractor.close()

"""A content-addressed store of extracted texts: one JSON file per body sha256.

Layout ``root/ab/abcdef….json``. Writes are atomic (temporary file, then ``os.replace``),
so readers see a whole record or none; an unreadable record reads as missing, and the
page is simply extracted again.

Each record names the extractor that wrote it (:func:`extractor_version`: a digest of
this package's and the date grammar's sources and of the versions of the libraries
they call). A record from another extractor reads as missing too, so a changed
extractor (a new byline rule, a trafilatura upgrade) extracts each page once more and
overwrites the record, while an unchanged one never extracts a body twice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from factcheck.errors import StorageError
from factcheck.models import SourceText
from factcheck.versions import extractor_version

__all__ = ["TextStore", "extractor_version"]

_SHA256 = re.compile(r"[0-9a-f]{64}")


def _optional_str(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {type(value).__name__}")


class TextStore:
    """SourceTexts on disk, keyed by the sha256 of the body they were extracted from."""

    def __init__(self, root: Path, version: str | None = None) -> None:
        """Use ``root`` (created on first write).

        Args:
            root: the folder of the records.
            version: the extractor whose records count (default: this one,
                :func:`extractor_version`); records by any other read as missing.
        """
        self.root = Path(root)
        self.version = extractor_version() if version is None else version

    def path(self, sha256: str) -> Path:
        """Where the record for ``sha256`` lives; ValueError unless it is 64 hex digits."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> SourceText | None:
        """The stored text for ``sha256``; None if there is none, it is unreadable or stale."""
        path = self.path(sha256)
        try:
            data = json.loads(path.read_bytes())
            if data.get("extractor") != self.version:
                return None  # written by another extractor: extract again, then overwrite
            published = _optional_str(data.get("published"))
            text = data["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
            return SourceText(
                sha256=sha256,
                text=text,
                title=_optional_str(data.get("title")),
                published=dt.date.fromisoformat(published) if published else None,
                error=_optional_str(data.get("error")),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # damaged record: treat as missing, it will be rewritten

    def put(self, source: SourceText) -> None:
        """Store ``source`` under its sha256 as this extractor's, atomically (last writer wins).

        Raises:
            StorageError: the record cannot be written (a full disk, a read-only folder);
                no partial record is left.
        """
        try:
            self._put(source)
        except OSError as exc:
            where = self.path(source.sha256)
            raise StorageError(f"cannot store a text: {exc.strerror or exc}", path=where) from None

    def _put(self, source: SourceText) -> None:
        path = self.path(source.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "extractor": self.version,
            "sha256": source.sha256,
            "text": source.text,
            "title": source.title,
            "published": source.published.isoformat() if source.published else None,
            "error": source.error,
        }
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{source.sha256[:8]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(record, f, ensure_ascii=False)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)  # gone after a successful replace

"""Errors raised by factcheck's library code.

Only ``cli.py`` turns these into click exceptions; everything else raises them::

    FactcheckError                  anything factcheck refuses to do
    ├── InputError                  bad input the user can fix (file, line, field)
    │   ├── ArticleError            an article that cannot be read
    │   ├── ClaimsFileError         a claims file that is malformed
    │   ├── SettingsError           a bad setting (environment or factcheck.toml)
    │   └── StorageError            a database or cache file that cannot be used
    └── FetchError                  a source could not be fetched (caught inside fetch/)
        ├── BlockedAddressError     the SSRF guard refused an address
        └── UnresolvedHostError     the host name does not resolve

An unreachable source is data, not an exception: fetch/ catches FetchError and hands
check and recheck a result that says what went wrong; nothing outside fetch/ sees it.
"""

from __future__ import annotations

from pathlib import Path


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """Bad input that names where it is: ``file:line: field: message``."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class ArticleError(InputError):
    """An article that is missing, unreadable or of an unsupported kind."""


class ClaimsFileError(InputError):
    """A claims file that does not parse or does not validate."""


class SettingsError(InputError):
    """A setting (environment variable or config file entry) with a bad value."""


class FetchError(FactcheckError):
    """A source could not be fetched; ``kind`` names why, for the fetch result."""

    kind = "unreachable"


class BlockedAddressError(FetchError):
    """A host resolved to an address the SSRF guard does not allow."""

    kind = "blocked"


class UnresolvedHostError(FetchError):
    """A host name that does not resolve (no such name, or no answer from DNS)."""


class StorageError(InputError):
    """A database or cache file that cannot be opened, read or written as one."""

"""The progress line a long check shows on stderr while it reads its sources."""

from __future__ import annotations

from types import TracebackType
from urllib.parse import urlsplit

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from factcheck.models import SourceRead

__all__ = ["ReadingProgress"]


def _seconds(value: float) -> str:
    return f"{value:.1f} s" if value < 10 else f"{value:,.0f} s"


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


class ReadingProgress:  # a `factcheck.reading.Watch`
    """Sources read of all, the host last heard from, what holds it up, and time left.

    Use as a context manager around the check; pass the object as its ``watch`` and its
    `read` method as its ``progress``. Page text never reaches rich as markup.
    """

    def __init__(self, console: Console, *, auto_refresh: bool = True) -> None:
        self.bar = Progress(
            TextColumn("reading sources"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[status]}", markup=False),
            console=console,
            transient=True,
            auto_refresh=auto_refresh,
        )
        self.task = self.bar.add_task("reading sources", total=None, status="")

    def __enter__(self) -> ReadingProgress:
        self.bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.bar.stop()

    def total(self, count: int) -> None:
        """How many distinct sources are about to be read."""
        self.bar.update(self.task, total=count)

    def waiting(self, host: str, seconds: float, why: str) -> None:
        """A host holds the next request back."""
        status = f"{_printable(host)}: waiting {_seconds(seconds)} ({why})"
        self.bar.update(self.task, status=status)

    def read(self, source: str, read: SourceRead) -> None:
        """One more source is read; it names the host it came from."""
        host = urlsplit(read.fetched.final_url or source).netloc.rpartition("@")[2]
        self.bar.update(self.task, advance=1, status=f"read {_printable(host or source)}")

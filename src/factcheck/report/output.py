"""Writing a rendered report to a file: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from factcheck.errors import InputError

__all__ = ["write_report"]


def write_report(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no half-written report is left.

    Raises:
        InputError: the file or its folder cannot be written (named, with the reason).
    """
    if path.is_dir():
        raise InputError("is a folder, not a file to write the report to", path=path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", path=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)

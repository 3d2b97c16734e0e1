"""Writing a file whole or not at all: a temporary file beside it, then one rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from factcheck.errors import InputError

__all__ = ["write_atomically"]


def _mode_for(target: Path) -> int:
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(target: Path, text: str, error: type[InputError] = InputError) -> None:
    """Write ``text`` to ``target`` atomically, keeping the file's permissions.

    A symlink is written through. Nothing half-written is ever left at ``target``.

    Raises:
        error: the file or its folder cannot be written (named, with the reason).
    """
    target = target.resolve() if target.is_symlink() else target
    if target.is_dir():
        raise error("is a folder, not a file", path=target)
    try:
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise error(f"cannot write here: {exc.strerror}", path=target) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        raise error(f"cannot write: {exc.strerror}", path=target) from None
    finally:
        Path(tmp).unlink(missing_ok=True)  # a no-op once the replace has happened

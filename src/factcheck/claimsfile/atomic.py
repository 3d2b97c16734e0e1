"""Writing a claims file atomically, into its folder (made if it is the only one missing)."""

from __future__ import annotations

from pathlib import Path

from factcheck.atomic import write_atomically
from factcheck.errors import ClaimsFileError

__all__ = ["replace_atomically"]


def replace_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` atomically, keeping the file's permissions.

    Raises:
        ClaimsFileError: the file or its folder cannot be written.
    """
    target = target.resolve() if target.is_symlink() else target  # write through a link
    try:
        target.parent.mkdir(exist_ok=True)  # "claims/" yes; a whole missing tree, no
    except OSError as exc:
        raise ClaimsFileError(f"cannot write here: {exc.strerror}", path=target) from None
    write_atomically(target, text, ClaimsFileError)

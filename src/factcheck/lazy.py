"""Lazy re-exports for a package's ``__init__`` (PEP 562): a name is imported when used.

So ``factcheck report`` loads the renderer it prints with, not every renderer, and
``factcheck --help`` loads none of the models.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping

__all__ = ["exports"]


def exports(package: str, where: Mapping[str, str]) -> Callable[[str], object]:
    """The ``__getattr__`` of ``package``: each name of ``where[module]`` is imported from
    ``package.module`` on first use, then kept as the package's own attribute.

    Args:
        package: the package's ``__name__``.
        where: submodule (relative to ``package``) → the names it exports, separated
            by spaces.
    """
    home = {name: module for module, names in where.items() for name in names.split()}

    def __getattr__(name: str) -> object:
        module = home.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__

"""Settings: defaults < config file < ``FACTCHECK_*`` environment < command-line flags.

The config file is ``--config`` or else ``factcheck.toml`` in the current folder; its
top-level keys are the field names of `Settings`. Relative paths in it are relative to
the file's folder. Every bad value raises `SettingsError` naming the variable or
``file:line: key``. No click here: cli.py passes its flags in as ``overrides``.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from factcheck.errors import SettingsError

__all__ = [
    "CONFIG_NAME",
    "ENV_PREFIX",
    "Allowed",
    "Network",
    "Settings",
    "load_settings",
    "parse_allowed",
]

CONFIG_NAME = "factcheck.toml"
WAYBACK = "https://web.archive.org/web/"  # the Wayback Machine's Memento TimeGate
ENV_PREFIX = "FACTCHECK_"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# an --allow-private entry: a CIDR (the cited URL's port only), or an address and one port
Allowed = Network | tuple[Network, int]
Parser = Callable[[object], object]


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with; build it with `load_settings`."""

    db: Path = Path("factcheck.db")
    cache: Path = Path("cache")
    delay: float = 1.0  # seconds between two requests to one host
    contact: str = ""  # URL or e-mail put in the User-Agent
    allow_private: tuple[Allowed, ...] = ()  # CIDRs and host:ports exempt from the SSRF guard
    timeout: float = 20.0  # wall-clock deadline of one fetch, seconds
    max_bytes: int = 5_000_000
    concurrency: int = 8
    retries: int = 3  # attempts per source on 429/502/503/504 and network errors
    max_wait: float = 30.0  # longest Retry-After honoured; a longer one defers the source
    backoff: float = 0.5  # first retry's base wait, doubled each time, plus jitter
    match_cutoff: float = 55.0  # rapidfuzz token_set_ratio, 0..100
    author_name: str = ""  # who publishes the fact checks (report --format claimreview)
    author_url: str = ""  # their home page, an http(s) URL
    corpus_hits: int = 3  # best local-corpus documents taken as sources per claim (--corpus)
    search_providers: tuple[str, ...] = ("wikipedia",)  # web search for --discover, in order
    wikipedia_api: str = "https://en.wikipedia.org/w/api.php"  # any MediaWiki API endpoint
    searxng_url: str = ""  # a SearXNG instance with the JSON format enabled
    copy_threshold: float = 0.8  # share of shared 5-word runs that makes a syndicated copy
    memento_timegate: str = ""  # RFC 7089 TimeGate prefix; load_settings defaults to WAYBACK


_KINDS = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
_KINDS |= {list: "an array", tuple: "an array", dict: "a table"}


def _kind(value: object) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def _path(value: object) -> Path:
    if isinstance(value, str | Path) and str(value):
        return Path(value).expanduser()
    raise ValueError(f"expected a non-empty path, got {_kind(value)}")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_kind(value)}")
    if re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("must not contain control characters")
    return value


def _web_url(value: object) -> str:
    text = _text(value).strip()
    if text and not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", text, re.IGNORECASE):
        raise ValueError(f"expected an http(s) URL, got {text!r}")
    return text


def _number(value: object, *, whole: bool) -> float:
    what = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, (str, int) if whole else (str, int, float)):
        raise ValueError(f"expected {what}, got {_kind(value)}")
    try:
        number = int(value) if whole else float(value)
    except ValueError:
        raise ValueError(f"not {what}: {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _bounded(ok: Callable[[float], bool], rule: str, *, whole: bool = False) -> Parser:
    def parse(value: object) -> object:
        number = _number(value, whole=whole)
        if not ok(number):
            raise ValueError(f"{rule}, got {number}")
        return number

    return parse


PROVIDERS = ("wikipedia", "searxng")


def _providers(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected provider names, got {_kind(value)}")
    names = []
    for item in value:
        if not isinstance(item, str):
            raise ValueError(f"expected a provider name, got {_kind(item)}")
        name = item.strip().lower()
        if name and name not in PROVIDERS:
            raise ValueError(f"unknown provider {item!r} (known: {', '.join(PROVIDERS)})")
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _endpoint(value: object) -> str:
    text = _text(value).strip()
    if text and (urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).hostname):
        raise ValueError(f"expected an http(s) URL, got {text!r}")
    return text


def parse_allowed(text: str) -> Allowed:
    """One --allow-private entry: ``CIDR``, ``IPv4:port`` or ``[IPv6]:port``.

    Raises:
        ValueError: neither.
    """
    text = text.strip()
    host, colon, port = text.rpartition(":")
    if colon and port.isdigit() and (host.startswith("[") or ":" not in host):
        number = int(port)
        if not 0 < number < 65536:
            raise ValueError(f"bad port in {text!r}")
        address = ipaddress.ip_address(host.strip("[]"))
        return ipaddress.ip_network(address), number
    return ipaddress.ip_network(text)


def _networks(value: object) -> tuple[Allowed, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValueError(f"expected CIDRs, got {_kind(value)}")
    networks: list[Allowed] = []
    for item in value:
        if isinstance(item, Network | tuple):
            networks.append(item)
        elif not isinstance(item, str):
            raise ValueError(f"expected a CIDR string, got {_kind(item)}")
        elif item.strip():
            try:
                networks.append(parse_allowed(item))
            except ValueError as exc:
                raise ValueError(f"bad CIDR or host:port: {exc}") from None
    return tuple(networks)


PARSERS: dict[str, Parser] = {
    "db": _path,
    "cache": _path,
    "delay": _bounded(lambda x: x >= 0, "must be >= 0"),
    "contact": _text,
    "allow_private": _networks,
    "timeout": _bounded(lambda x: x > 0, "must be > 0"),
    "max_bytes": _bounded(lambda x: x > 0, "must be > 0", whole=True),
    "concurrency": _bounded(lambda x: x >= 1, "must be >= 1", whole=True),
    "retries": _bounded(lambda x: x >= 1, "must be >= 1", whole=True),
    "max_wait": _bounded(lambda x: x >= 0, "must be >= 0"),
    "backoff": _bounded(lambda x: x >= 0, "must be >= 0"),
    "match_cutoff": _bounded(lambda x: 0 <= x <= 100, "must be between 0 and 100"),
    "author_name": _text,
    "author_url": _web_url,
    "corpus_hits": _bounded(lambda x: x >= 1, "must be >= 1", whole=True),
    "search_providers": _providers,
    "wikipedia_api": _endpoint,
    "searxng_url": _endpoint,
    "copy_threshold": _bounded(lambda x: 0 < x <= 1, "must be above 0 and at most 1"),
    "memento_timegate": lambda value: (
        "" if str(value).strip().lower() in ("off", "none") else _endpoint(value)
    ),
}


def _parse(
    name: str, value: object, *, field: str, path: Path | None = None, line: int | None = None
) -> object:
    try:
        return PARSERS[name](value)
    except ValueError as exc:
        raise SettingsError(str(exc), path=path, line=line, field=field) from None


def _line_of(text: str, key: str) -> int | None:
    """Return the 1-based line where top-level ``key =`` (or table ``[key]``) appears."""
    quoted = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    match = re.search(rf"^[ \t]*(?:\[+[ \t]*)?{quoted}[ \t]*[=.\]]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _from_config(path: Path) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"cannot read config file ({exc.strerror or exc})", path=path) from None
    except UnicodeDecodeError:
        raise SettingsError("config file is not valid UTF-8", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\s*\(at line (\d+), column \d+\)", str(exc))
        message = str(exc)[: where.start()] if where else str(exc)
        line = int(where[1]) if where else None
        raise SettingsError(f"invalid TOML: {message}", path=path, line=line) from None
    values: dict[str, object] = {}
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in PARSERS:
            import difflib  # only to name the setting a typo meant

            near = difflib.get_close_matches(key, PARSERS, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"known: {', '.join(PARSERS)}"
            raise SettingsError(f"unknown setting; {hint}", path=path, line=line, field=key)
        parsed = _parse(key, value, field=key, path=path, line=line)
        values[key] = path.parent / parsed if isinstance(parsed, Path) else parsed
    return values


def load_settings(
    *,
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    overrides: Mapping[str, object] | None = None,
) -> Settings:
    """Merge defaults < config file < ``FACTCHECK_*`` variables < flags into `Settings`.

    ``config`` (``--config``) must exist; without it ``factcheck.toml`` in ``cwd`` is read
    if present. ``env`` defaults to ``os.environ``, ``cwd`` to the current folder, and
    ``overrides`` maps field names to flag values (``None`` = flag not given).
    Raises `SettingsError` on any bad value, key, type or syntax.
    """
    base = cwd if cwd is not None else Path()
    path = base / (config if config is not None else CONFIG_NAME)
    values: dict[str, Any] = {"memento_timegate": WAYBACK}  # a default outside the dataclass:
    # Settings() built in code (tests, benchmarks) never asks a public archive by accident
    values |= _from_config(path) if config is not None or path.is_file() else {}
    env = os.environ if env is None else env
    for name in PARSERS:  # a variable that is set but empty counts as unset
        if env.get(variable := ENV_PREFIX + name.upper(), "").strip():
            values[name] = _parse(name, env[variable], field=variable)
    for name, value in (overrides or {}).items():  # an unknown name is a KeyError
        if value is not None:
            values[name] = _parse(name, value, field="--" + name.replace("_", "-"))
    return replace(Settings(), **values)

"""The command line's shared parts: option callbacks, settings, the progress line, and
reports rendered as text."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.settings import Allowed, Settings, load_settings, parse_allowed

if TYPE_CHECKING:
    from factcheck.report import ReadingProgress, Report

__all__ = [
    "age",
    "allow_private_option",
    "allowed_addresses",
    "config_option",
    "db_option",
    "iso_date",
    "no_credentials",
    "progress_line",
    "rendered",
    "settings_for",
    "web_url",
]


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-08-24") from None


db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Database (default factcheck.db)."
)
config_option = click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file."
)


def allowed_addresses(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[Allowed, ...]:
    try:
        return tuple(parse_allowed(v) for v in value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def settings_for(config: Path | None, db: Path | None, allow: tuple[Allowed, ...]) -> Settings:
    """Settings from file and environment, with --db and the --allow-private CIDRs added."""
    settings = load_settings(config=config, overrides={"db": db})
    return replace(settings, allow_private=settings.allow_private + allow)


allow_private_option = click.option(
    "--allow-private",
    metavar="CIDR|IP:PORT",
    multiple=True,
    callback=allowed_addresses,
    help="Let the SSRF guard through to these private addresses: a CIDR on the cited URL's"
    " port, or one address on one port (repeatable).",
)


def no_credentials(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    from factcheck.claimsfile.limits import credentials_problem

    problems = [p for p in map(credentials_problem, value) if p]
    if problems:  # refused here, so that the secret is not echoed back with the outcome
        raise click.BadParameter(problems[0])
    return value


@contextmanager
def progress_line(*, enabled: bool) -> Iterator[ReadingProgress | None]:
    """A progress line on stderr while sources are read; none when not a terminal."""
    from rich.console import Console

    from factcheck.report import ReadingProgress

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    with ReadingProgress(console) as shown:
        yield shown


def web_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"https?://[^\s/?#]+\S*", value, re.IGNORECASE):
        raise click.BadParameter(f"{value!r} is not an http(s) URL")
    return value


def rendered(
    found: Report, fmt: str, *, verbose: bool, url: str | None, author: Settings, width: int
) -> str:
    """The report as text in one of the formats (the table without colour)."""
    from rich.console import Console

    from factcheck.report import (
        claimreview_json,
        render_report,
        report_html,
        report_json,
        report_markdown,
    )

    if fmt == "table":
        console = Console(record=True, file=io.StringIO(), width=width, color_system=None)
        render_report(found, console, verbose=verbose)
        return console.export_text()
    if fmt == "json":
        return json.dumps(report_json(found), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return report_markdown(found, verbose=verbose)
    if fmt == "html":
        return report_html(found)
    names = {"author_name": author.author_name, "author_url": author.author_url}
    return claimreview_json(found, url=url, **names) + "\n"


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def age(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.timedelta | None:
    if value is None:
        return None
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", value)
    if found is None:
        raise click.BadParameter(f"{value!r} is not an age such as 90m, 20h or 2d")
    return dt.timedelta(seconds=float(found[1]) * _UNITS[found[2]])

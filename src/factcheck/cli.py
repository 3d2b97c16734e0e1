"""Command line: parse → build objects → call one library function → render → exit code."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import sys
from dataclasses import replace
from pathlib import Path

import click
from rich.console import Console

from factcheck import __version__
from factcheck.claims import date_warnings, extract_claims, read_article
from factcheck.claimsfile import load_claims, write_claims
from factcheck.errors import FactcheckError
from factcheck.pipeline import read_sources
from factcheck.report import render_extraction, render_sources, source_json
from factcheck.settings import Network, load_settings


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2025-08-24") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Check the dated factual claims of an article against public sources."""


@cli.command(short_help="Pull an article's dated claims into a claims file.")
@click.argument("article")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Claims file to write or merge into. Default: claims/<article name>.toml.",
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The article's publication date; resolves 'last month', 'on Friday'.",
)
def extract(article: str, output: Path | None, published: dt.date | None) -> None:
    """Pull the dated claims out of ARTICLE into a claims file an editor can review.

    ARTICLE is a plain-text, Markdown or HTML file. When the claims file exists, the new
    extraction is merged into it: sources, notes, verdicts, skip flags and comments that an
    editor wrote are kept, new claims are added, vanished ones are marked removed = true.
    """
    target = output or Path("claims") / f"{Path(article).stem}.toml"
    try:
        parsed = read_article(article)
        claims = extract_claims(parsed, reference=published)
        result = write_claims(target, parsed, claims)
        current = [c for c in load_claims(target).claims if not c.removed]
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    for line, written in date_warnings(parsed):
        click.echo(f"warning: {article}:{line}: {written!r} is not a real date", err=True)
    render_extraction(current, Console())
    verb = "wrote" if result.changed else "unchanged:"
    click.echo(
        f"{verb} {target} — {len(current)} claims ({result.added} new, {result.updated}"
        f" updated, {result.removed} marked removed)",
        err=True,
    )


def _cidrs(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(v.strip()) for v in value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command(short_help="Fetch sources and show the text factcheck reads from them.")
@click.argument("sources", nargs=-1, required=True)
@click.option("--offline", is_flag=True, help="Use only what the cache holds.")
@click.option("--revalidate", is_flag=True, help="Ask the origin about every cached copy.")
@click.option(
    "--allow-private",
    metavar="CIDR",
    multiple=True,
    callback=_cidrs,
    help="Let the SSRF guard through to these private addresses (repeatable).",
)
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def fetch(
    sources: tuple[str, ...],
    offline: bool,
    revalidate: bool,
    allow_private: tuple[Network, ...],
    config: Path | None,
    as_json: bool,
) -> None:
    """Fetch each SOURCE (URL, file:// URL or path) as check will, and show what it read.

    Useful to see why a source leaves a claim unverified: blocked, disallowed by
    robots.txt, gone, too large, or read but holding other text than expected.
    """
    try:
        settings = load_settings(config=config)
        settings = replace(settings, allow_private=settings.allow_private + allow_private)
        reads = read_sources(sources, settings, offline=offline, revalidate=revalidate)
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(source_json(reads), indent=2, ensure_ascii=False))
    else:
        render_sources(reads, Console())


def main() -> None:
    """Entry point of the ``factcheck`` console script."""
    cli.main(prog_name="factcheck", standalone_mode=True)
    sys.exit(0)

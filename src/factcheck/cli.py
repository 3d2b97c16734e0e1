"""Command line: parse → build objects → call one library function → render → exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console

from factcheck import __version__
from factcheck.claims import date_warnings, extract_claims, read_article
from factcheck.claimsfile import load_claims, write_claims
from factcheck.errors import FactcheckError
from factcheck.report import render_extraction


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


def main() -> None:
    """Entry point of the ``factcheck`` console script."""
    cli.main(prog_name="factcheck", standalone_mode=True)
    sys.exit(0)

"""The commands: parse → build objects → call one library function → render → exit code.

Each command imports what it runs when it runs, so ``--help`` and a report start without
loading the fetcher, the extractor, the judge or the search code.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck import __version__
from factcheck.cli.options import (
    age,
    allow_private_option,
    config_option,
    db_option,
    iso_date,
    no_credentials,
    web_url,
)

if TYPE_CHECKING:
    from factcheck.settings import Allowed


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
    callback=iso_date,
    help="The article's publication date; resolves 'last month', 'on Friday'.",
)
@click.option("--suggest", is_flag=True, help="Search the local corpus for suggested_sources.")
@click.option(
    "--discover",
    metavar="N",
    type=click.IntRange(min=0),
    default=0,
    help="With --suggest, also suggest the top N results of each web search provider.",
)
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), help="Database holding the corpus."
)
def extract(
    article: str,
    output: Path | None,
    published: dt.date | None,
    suggest: bool,
    discover: int,
    db: Path | None,
) -> None:
    """Pull the dated claims out of ARTICLE into a claims file an editor can review.

    ARTICLE is a plain-text, Markdown or HTML file. When the claims file exists, the new
    extraction is merged into it: sources, notes, verdicts, skip flags and comments that an
    editor wrote are kept, new claims are added, vanished ones are marked removed = true.
    With --suggest, sources found by search go into suggested_sources, never into sources.
    """
    from rich.console import Console

    from factcheck.claims import date_warnings, extract_claims, read_article
    from factcheck.claims.extract import unresolved_dates
    from factcheck.claimsfile import load_claims, write_claims
    from factcheck.discover import ArticleRef, remember_suggestions
    from factcheck.discover import suggest as suggest_sources
    from factcheck.errors import FactcheckError
    from factcheck.report import render_extraction
    from factcheck.settings import load_settings

    target = output or Path("claims") / f"{Path(article).stem}.toml"
    try:
        parsed = read_article(article)
        claims = extract_claims(parsed, reference=published)
        if suggest or discover:
            settings = load_settings(overrides={"db": db})
            claims, warnings = suggest_sources(
                claims,
                settings,
                discover=discover,
                article=ArticleRef.of(parsed),
                claims_file=target,
            )
            for warning in warnings:
                click.echo(f"warning: {warning}", err=True)
        result = write_claims(target, parsed, claims)
        if suggest or discover:
            remember_suggestions(settings, target, claims)
        current = [c for c in load_claims(target).claims if not c.removed]
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    for line, written in date_warnings(parsed):
        click.echo(f"warning: {article}:{line}: {written!r} is not a real date", err=True)
    if unresolved := unresolved_dates(parsed, published):
        click.echo(
            f"warning: {article}: {len(unresolved)} relative dates left unresolved (first:"
            f" {unresolved[0]!r}): no publication date found; give one with"
            " --published YYYY-MM-DD",
            err=True,
        )
    render_extraction(current, Console())
    verb = "wrote" if result.changed else "unchanged:"
    click.echo(
        f"{verb} {target} — {len(current)} claims ({result.added} new, {result.updated}"
        f" updated, {result.removed} marked removed"
        + (f", {result.suggested} with new suggestions" if result.suggested else "")
        + (f", sources carried to {result.redated} re-dated" if result.redated else "")
        + ")",
        err=True,
    )


@cli.command(short_help="Fetch sources and show the text factcheck reads from them.")
@click.argument("sources", nargs=-1, required=True, callback=no_credentials)
@click.option("--offline", is_flag=True, help="Use only what the cache holds.")
@click.option("--revalidate", is_flag=True, help="Ask the origin about every cached copy.")
@allow_private_option
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
def fetch(
    sources: tuple[str, ...],
    offline: bool,
    revalidate: bool,
    allow_private: tuple[Allowed, ...],
    config: Path | None,
    as_json: bool,
) -> None:
    """Fetch each SOURCE (URL, file:// URL or path) as check will, and show what it read.

    Useful to see why a source leaves a claim unverified: blocked, disallowed by
    robots.txt, gone, too large, or read but holding other text than expected.
    Exit codes: 0 every source was read, 1 bad input, 2 usage, 3 a source could not be
    read (not found, blocked, unreachable, or no text in it).
    """
    from rich.console import Console

    from factcheck.cli.options import settings_for
    from factcheck.errors import FactcheckError
    from factcheck.reading import read_sources
    from factcheck.report import render_sources, source_json

    try:
        settings = settings_for(config, None, allow_private)
        reads = read_sources(sources, settings, offline=offline, revalidate=revalidate)
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(source_json(reads), indent=2, ensure_ascii=False))
    else:
        render_sources(reads, Console())
    if any(not r.fetched.ok or r.text is None or r.text.error for r in reads.values()):
        sys.exit(3)


@cli.command(short_help="Check claims against their sources; keep the verdicts in SQLite.")
@click.argument("claims_files", metavar="CLAIMS.toml...", nargs=-1, required=True, type=Path)
@db_option
@click.option("--offline", is_flag=True, help="Use only cached copies of the sources.")
@click.option(
    "--fail-on",
    type=click.Choice(["disputed", "unverified"]),
    help="Exit 3 when a claim is disputed (or, with unverified, anything but supported).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
@allow_private_option
@config_option
@click.option("--corpus", is_flag=True, help="Also use each claim's best hits in the local corpus.")
@click.option(
    "--discover",
    metavar="N",
    type=click.IntRange(min=0),
    default=0,
    help="Also use the top N results of each web search provider (see settings).",
)
@click.pass_context
def check(
    ctx: click.Context,
    claims_files: tuple[Path, ...],
    db: Path | None,
    offline: bool,
    fail_on: str | None,
    as_json: bool,
    allow_private: tuple[Allowed, ...],
    config: Path | None,
    corpus: bool,
    discover: int,
) -> None:
    """Check every claim of the claims files against its sources, and record why.

    Each claim is supported, disputed or unverified, with the citations behind it kept in
    the database. Exit codes: 0 done, 1 bad input, 2 usage, 3 --fail-on matched.
    """
    from rich.console import Console

    from factcheck.check import check as check_claims
    from factcheck.cli.options import progress_line, settings_for
    from factcheck.errors import FactcheckError
    from factcheck.models import Verdict
    from factcheck.report import check_json, render_check

    try:
        settings = settings_for(config, db, allow_private)
        with progress_line(enabled=not as_json) as shown:
            summary = check_claims(
                claims_files,
                settings,
                offline=offline,
                progress=shown.read if shown else None,
                corpus=corpus,
                discover=discover,
                watch=shown,
            )
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        payload = check_json(summary.run_id, summary.results, summary.counts, summary.skipped)
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        render_check(summary.results, summary.counts, Console())
    if summary.failed(Verdict(fail_on) if fail_on else None):
        ctx.exit(3)


@cli.command(short_help="Index folders of saved pages and text files for check --corpus.")
@click.argument("folders", metavar="DIR...", nargs=-1, required=True, type=Path)
@db_option
@config_option
def index(folders: tuple[Path, ...], db: Path | None, config: Path | None) -> None:
    """Index the HTML, text and Markdown files under each DIR into the database (FTS5).

    Incremental: a file whose bytes did not change is skipped, a changed one is read
    again, and one deleted from DIR leaves the index. `check --corpus` searches it.
    """
    from factcheck.discover import index_folders
    from factcheck.errors import FactcheckError
    from factcheck.settings import load_settings
    from factcheck.store import Store

    try:
        settings = load_settings(config=config, overrides={"db": db})
        with Store.open(settings.db) as store:
            done = index_folders(folders, settings, store)
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    for path, why in done.failed:
        click.echo(f"warning: {path}: not indexed: {why}", err=True)
    click.echo(
        f"indexed {done.added} new, {done.updated} changed, {done.unchanged} unchanged, "
        f"{done.removed} removed, {len(done.failed)} not indexed"
    )


@cli.command(short_help="Show recorded verdicts: table, JSON, Markdown, HTML or ClaimReview.")
@click.argument("claims_files", metavar="[CLAIMS.toml...]", nargs=-1)
@db_option
@click.option(
    "--run",
    "run_id",
    metavar="ID",
    type=click.IntRange(min=1),
    help="As of this run (default: the latest).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "html", "claimreview"]),
    default="table",
    show_default=True,
    help="What to print.",
)
@click.option("-v", "--verbose", is_flag=True, help="Every citation, not just the decisive one.")
@click.option(
    "--url",
    metavar="URL",
    callback=web_url,
    help="claimreview: the page the reviews are published on.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Write the report to FILE (whole, or not at all) instead of printing it.",
)
@config_option
def report(
    claims_files: tuple[str, ...],
    db: Path | None,
    run_id: int | None,
    fmt: str,
    verbose: bool,
    url: str | None,
    output: Path | None,
    config: Path | None,
) -> None:
    """Show each claim's verdict as recorded by check: of every claims file, or of those given.

    Reads the database only. With --run, the verdicts as they stood after that run.
    Formats: table (for a reviewer), json (check --json plus history), markdown (for a CMS
    or a pull request), html (one self-contained page to share), claimreview (schema.org
    JSON-LD). Exit codes: 0 done, 1 no
    database, run or verdicts to show, 2 usage.
    """
    from rich.console import Console

    from factcheck.cli.options import rendered
    from factcheck.errors import FactcheckError
    from factcheck.report import load_report, render_report
    from factcheck.settings import load_settings

    try:
        settings = load_settings(config=config, overrides={"db": db})
        found = load_report(settings.db, claims_files, run_id)
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    if found.stale:
        click.echo(f"warning: {found.stale}", err=True)
    if fmt == "claimreview" and not settings.author_name:
        click.echo("warning: no author_name setting (FACTCHECK_AUTHOR_NAME): no author", err=True)
    if output is None and fmt == "table":
        render_report(found, Console(), verbose=verbose)
        return
    text = rendered(found, fmt, verbose=verbose, url=url, author=settings, width=100)
    if output is None:
        click.echo(text, nl=False)
        return
    from factcheck.atomic import write_atomically  # tempfile: only when writing a file

    try:
        write_atomically(output, text)
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {output} ({fmt}, {len(found.items)} claims)", err=True)


@cli.command(short_help="The nightly job: re-fetch cited sources, record drift, re-verify.")
@db_option
@click.option(
    "--claims",
    "under",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Only the claims of claims files in this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON only.")
@click.option(
    "--older-than",
    metavar="AGE",
    callback=age,
    help="Leave alone sources fetched more recently than this (90m, 20h, 2d).",
)
@allow_private_option
@config_option
@click.pass_context
def recheck(
    ctx: click.Context,
    db: Path | None,
    under: Path | None,
    as_json: bool,
    older_than: dt.timedelta | None,
    allow_private: tuple[Allowed, ...],
    config: Path | None,
) -> None:
    """Re-fetch every source of every current claim and re-verify the claims that changed.

    An unchanged page costs one conditional request (304). Records per source: unchanged,
    changed (cited sentence present, changed or gone), soft 404, failing, dead (after 3
    failed runs in a row; an archived copy is looked up), blocked (401/402/403). Exit
    codes: 0 done, 1 could not run, 2 usage, 3 a verdict got worse, a disputed claim
    lost its evidence (now unverified), or a source died.
    """
    from rich.console import Console

    from factcheck.cli.options import settings_for
    from factcheck.errors import FactcheckError
    from factcheck.recheck import RecheckBusy
    from factcheck.recheck import recheck as run_recheck
    from factcheck.report import recheck_json, render_recheck

    try:
        settings = settings_for(config, db, allow_private)
        summary = run_recheck(settings, older_than=older_than, under=under)
    except RecheckBusy as exc:
        click.echo(f"skipped: {exc}", err=True)  # the running one does the work
        return
    except FactcheckError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(recheck_json(summary), indent=2, ensure_ascii=False))
    else:
        render_recheck(summary, Console())
    if summary.failed:
        ctx.exit(3)


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds, so a run in progress is recorded as failed


def main() -> None:
    """Entry point of the ``factcheck`` console script."""
    signal.signal(signal.SIGTERM, _terminated)  # cron and systemd stop jobs with SIGTERM
    cli.main(prog_name="factcheck", standalone_mode=True)
    sys.exit(0)

"""Command line: parse → build objects → call one library function → render → exit code.

- `commands`: the click group and its commands, and the console script's entry point;
- `options`: what the commands share: option callbacks, settings, the progress line,
  and a report rendered as text.
"""

from factcheck.cli.commands import cli, main

__all__ = ["cli", "main"]

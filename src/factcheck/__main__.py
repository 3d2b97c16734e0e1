"""Run the command line as ``python -m factcheck``."""

from factcheck.cli import main

main()

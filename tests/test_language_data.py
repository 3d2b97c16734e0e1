"""The lexical data is packaged with factcheck and stays unloaded until a function needs it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "factcheck" / "language" / "data"

PROBE = """
import sys
from factcheck.cli import main
sys.argv = ["factcheck", "--help"]
try:
    main()
except SystemExit:
    pass
loaded = [name for name in ("pycountry", "lemminflect") if name in sys.modules]
lemmas = sys.modules.get("factcheck.language.lemmas")
if lemmas is not None and lemmas._open.cache_info().currsize:
    loaded.append("a packaged SQLite table")
countries = sys.modules.get("factcheck.language.countries")
if countries is not None and countries._table.cache_info().currsize:
    loaded.append("countries.tsv")
events = sys.modules.get("factcheck.language.news_events")
if events is not None and events.phrases.cache_info().currsize:
    loaded.append("news_events.toml")
print(loaded)
"""


def test_help_loads_no_lexical_data() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert "Usage" in out.stdout
    assert out.stdout.splitlines()[-1] == "[]"


def test_every_data_file_is_package_data_with_a_licence_or_a_test() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "data/*" in config["tool"]["setuptools"]["package-data"]["factcheck.language"]
    derived = {"wordnet.sqlite": "WORDNET", "lemmas.sqlite": "LEMMAS", "countries.tsv": "COUNTRIES"}
    for name, licence in derived.items():
        assert (DATA / name).is_file()
        assert name in (DATA / f"{licence}-LICENSE").read_text()
        assert (ROOT / "scripts" / f"build_{licence.lower()}.py").is_file()

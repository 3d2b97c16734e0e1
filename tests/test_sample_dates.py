"""The bundled sample's dated claims, reworded, against the bundled pages (examples/).

Every dated claim of the sample whose page states it is checked here twice more, in the
editor's own words: once with the page's date (supported, whatever the wording) and once
with a wrong date at the claim's precision (disputed, whatever the wording).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from factcheck.check import check
from factcheck.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

# (page, claim in other words with the page's date, the same with a wrong date)
REWORDED = [
    ("inauguration", "Donald Trump was sworn in for his second term in January 2025.",
     "Donald Trump took the oath of office for his second term in February 2025."),
    ("inauguration", "Donald Trump's second inauguration was held on 20 January 2025.",
     "Donald Trump's second inauguration was held on 21 January 2025."),
    ("alaska-summit", "Trump and Vladimir Putin held talks in Anchorage, Alaska, on 15 August 2025.",
     "Trump and Vladimir Putin met in Anchorage, Alaska, on 16 August 2025."),
    ("kursk-incursion", "Ukraine launched its cross-border incursion into Kursk in August 2024.",
     "Ukraine's surprise offensive into the Kursk region began in July 2024."),
    ("pyongyang-treaty", "The DPRK and Russia concluded their mutual defence pact in June 2024.",
     "North Korea and Russia signed their defence treaty in June 2023."),
    ("north-korean-troops", "North Korean troops had been deployed to Russia by October 2024.",
     "North Korean troops were deployed to Russia in October 2025."),
    ("crocus-attack", "The attack on Crocus City Hall took place in March 2024.",
     "Crocus City Hall was attacked in May 2024."),
    ("dugin-levy-debate", "Dugin and Bernard-Henri Lévy debated each other in 2019.",
     "Dugin and Bernard-Henri Lévy debated each other in 2021."),
]  # fmt: skip


def _check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claims: list[tuple[str, str, str]]
) -> dict[str, str]:
    lines = [
        f'[[claims]]\nid = "{cid}"\ntext = "{text}"\nsources = ["examples/{page}.html"]\n'
        for cid, page, text in claims
    ]
    path = tmp_path / "claims.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    settings = Settings(
        db=tmp_path / "f.db", cache=tmp_path / "cache", delay=0, timeout=5, retries=1,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )  # fmt: skip
    summary = check([path], settings)
    return {r.claim.id: f"{r.verdict.value}: {r.reason}" for _, r in summary.results}


def test_reworded_sample_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = [(f"right-{i}", page, right) for i, (page, right, _) in enumerate(REWORDED)]
    claims += [(f"wrong-{i}", page, wrong) for i, (page, _, wrong) in enumerate(REWORDED)]
    got = _check(tmp_path, monkeypatch, claims)
    wrong_verdicts = [
        (text, got[key])
        for i, (_, right, wrong) in enumerate(REWORDED)
        for key, text, want in (
            (f"right-{i}", right, "supported"),
            (f"wrong-{i}", wrong, "disputed"),
        )
        if not got[key].startswith(want)
    ]
    assert not wrong_verdicts, "\n".join(f"{t} -> {v}" for t, v in wrong_verdicts)

"""Verdict accuracy on public labelled data (../shared/datasets/), run by hand.

``python benchmarks/bench_accuracy.py [--limit N] [--half tune|check|both]``

WiCE dev is split in two fixed halves (../shared/datasets/README.md): ``tune`` = the
claims on even lines (0, 2, 4, … counting from 0), ``check`` = those on odd lines. Rules
are tuned on ``tune`` only; a change is kept only if ``check`` does not get worse. With
``--half both`` (the default) each half is reported on its own, from one run.

- WiCE dev: each claim's cited article is served as an HTML page on 127.0.0.1 and the
  claim (with that page as its one source) goes through ``check.check``. Reported: how
  often "supported" is said when the label is not ``supported`` (goal: under 2% on dated claims), and
  the share of ``supported`` claims confirmed, on all claims and on dated ones (goal:
  above 50% on dated claims).
- Climate-FEVER: the claims that carry a date, each with its five labelled Wikipedia
  sentences as a page; the claim-level verdicts against the claim labels.

The data is read from ../shared/datasets/ and never copied into the repository.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import ipaddress
import json
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from factcheck.check import check
from factcheck.dates import parse_date
from factcheck.settings import Settings

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def _page(title: str, sentences: list[str]) -> str:
    body = "".join(f"<p>{html.escape(s)}</p>" for s in sentences)
    return f"<html><head><title>{html.escape(title)}</title></head><body><article>{body}</article></body></html>"


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _run(items: list[tuple[str, str, list[str]]], tmp: Path) -> dict[str, Any]:
    """items: (id, claim text, evidence sentences) → verdict per id."""
    pages = tmp / "pages"
    pages.mkdir()
    for key, _, sentences in items:
        (pages / f"{key}.html").write_text(_page(key, sentences), encoding="utf-8")
    server, root = _serve(pages)
    claims = tmp / "claims.toml"
    claims.write_text(
        "\n".join(
            f"[[claims]]\nid = {_toml_string(key)}\ntext = {_toml_string(text)}\n"
            f'sources = ["{root}/{key}.html"]\n'
            for key, text, _ in items
        ),
        encoding="utf-8",
    )
    settings = Settings(
        db=tmp / "f.db",
        cache=tmp / "cache",
        delay=0,
        concurrency=16,
        timeout=30,
        allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
    )
    try:
        summary = check([claims], settings)
    finally:
        server.shutdown()
    return {result.claim.id: result for _, result in summary.results}


HALVES = {"tune": 0, "check": 1}  # line number modulo 2


def wice(limit: int | None, half: str) -> None:
    every = [json.loads(line) for line in (DATASETS / "wice" / "dev.jsonl").open()][:limit]
    names = list(HALVES) if half == "both" else [half]
    chosen = [i for i in range(len(every)) if any(i % 2 == HALVES[n] for n in names)]
    items = [(f"w{i}", every[i]["claim"], every[i]["evidence"]) for i in chosen]
    with tempfile.TemporaryDirectory() as tmp:
        results = _run(items, Path(tmp))
    for name in names:
        numbered = [(i, every[i]) for i in chosen if i % 2 == HALVES[name]]
        _wice_report(f"WiCE dev, {name} half", numbered, results)


def _wice_report(title: str, numbered: list[tuple[int, dict[str, Any]]],
                 results: dict[str, Any]) -> None:  # fmt: skip
    table: Counter[tuple[str, str, bool]] = Counter()
    missed: Counter[str] = Counter()  # why dated supported claims were not confirmed
    wrong_ids = []
    for i, row in numbered:
        dated = parse_date(row["claim"]) is not None
        result = results[f"w{i}"]
        table[(row["label"], result.verdict.value, dated)] += 1
        if row["label"] == "supported" and dated and result.verdict.value != "supported":
            missed[result.reason.split(":")[0]] += 1
        if row["label"] != "supported" and result.verdict.value == "supported":
            wrong_ids.append(f"w{i}")

    def count(
        label: str | None = None, verdict: str | None = None, dated: bool | None = None
    ) -> int:
        return sum(
            n
            for (lab, ver, dat), n in table.items()
            if (label is None or lab == label)
            and (verdict is None or ver == verdict)
            and (dated is None or dat == dated)
        )

    print(f"{title}: {len(numbered)} claims ({count(dated=True)} dated)")
    for label in ("supported", "partially_supported", "not_supported"):
        verdicts = {v: count(label, v) for v in ("supported", "disputed", "unverified")}
        print(f"  {label:<20} {count(label):4}  →  {verdicts}")
    for dated in (None, True):
        wrong = sum(
            count(lab, "supported", dated) for lab in ("partially_supported", "not_supported")
        )
        negatives = count("partially_supported", dated=dated) + count("not_supported", dated=dated)
        which = "dated claims" if dated else "all claims"
        print(f"  said supported when the label is not ({which}): {wrong}/{negatives} = "
              f"{wrong / max(1, negatives):.1%}" + ("  (goal < 2%)" if dated else ""))  # fmt: skip
    for dated in (None, True):
        hit, total = count("supported", "supported", dated), count("supported", dated=dated)
        which = "dated supported claims" if dated else "supported claims"
        print(
            f"  {which} confirmed: {hit}/{total} = {hit / max(1, total):.1%}"
            + ("  (goal > 50%)" if dated else "")
        )
    if wrong_ids:
        print(
            f"  said supported, label not (wN = row N of dev.jsonl, from 0): {', '.join(wrong_ids)}"
        )
    print("  dated supported claims not confirmed, by reason:")
    for reason, n in missed.most_common():
        print(f"    {n:3}  {reason}")


def climate(limit: int | None) -> None:
    rows = [
        json.loads(line) for line in (DATASETS / "climate-fever" / "climate-fever.jsonl").open()
    ]
    dated = [r for r in rows if parse_date(r["claim"]) is not None][:limit]
    items = [
        (f"c{i}", r["claim"], [e["evidence"] for e in r["evidences"]]) for i, r in enumerate(dated)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        results = _run(items, Path(tmp))
    table = Counter((r["claim_label"], results[f"c{i}"].verdict.value) for i, r in enumerate(dated))
    print(f"Climate-FEVER: {len(dated)} of {len(rows)} claims carry a date")
    for label in ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO", "DISPUTED"):
        verdicts = {v: table[(label, v)] for v in ("supported", "disputed", "unverified")}
        print(f"  {label:<16} → {verdicts}")
    wrongly = table[("SUPPORTS", "disputed")] + table[("NOT_ENOUGH_INFO", "disputed")]
    print(f"  wrongly disputed (SUPPORTS or NOT_ENOUGH_INFO → disputed): {wrongly}")
    print(f"  wrongly supported (REFUTES or NOT_ENOUGH_INFO → supported): "
          f"{table[('REFUTES', 'supported')] + table[('NOT_ENOUGH_INFO', 'supported')]}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--half", choices=("tune", "check", "both"), default="both")
    args = parser.parse_args()
    wice(args.limit, args.half)
    climate(args.limit)


if __name__ == "__main__":
    main()

"""The claims file: validation errors, round trips and merging into edited files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from factcheck.claims import Article, extract_claims
from factcheck.claimsfile import load_claims, parse_claims, write_claims
from factcheck.errors import ClaimsFileError
from factcheck.models import Precision, Qualifier, Verdict

MINIMAL = """\
[[claims]]
id = "treaty"
text = "Russia and North Korea signed a mutual defence treaty in June 2024."
sources = ["https://example.org/treaty"]
"""


def test_minimal_hand_written_form_is_accepted_and_dated_from_its_text() -> None:
    (claim,) = parse_claims(MINIMAL, "c.toml").claims
    assert claim.sources == ("https://example.org/treaty",)
    assert claim.date is not None
    assert (claim.date.start, claim.date.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    assert claim.date.precision is Precision.MONTH


def test_undated_minimal_claim_is_marked_undated() -> None:
    text = '[[claims]]\nid = "x"\ntext = "The treaty was signed."\n'
    (claim,) = parse_claims(text, "c.toml").claims
    assert claim.undated


def test_full_claim_round_trips(tmp_path: Path, sample: Article) -> None:
    claims = extract_claims(sample)
    path = tmp_path / "c.toml"
    write_claims(path, sample, claims)
    loaded = load_claims(path)
    assert loaded.article_sha256 == sample.sha256
    assert [c.id for c in loaded.claims] == [c.id for c in claims]
    for a, b in zip(loaded.claims, claims, strict=True):
        assert (a.quote, a.line, a.span, a.keywords) == (b.quote, b.line, b.span, b.keywords)
        assert a.date is not None
        assert b.date is not None
        assert (a.date.start, a.date.end, a.date.precision, a.date.qualifier) == (
            b.date.start,
            b.date.end,
            b.date.precision,
            b.date.qualifier,
        )


def test_manual_verdict_with_note_is_read() -> None:
    text = MINIMAL + 'verdict = "supported"\nnote = "confirmed by the ministry"\n'
    (claim,) = parse_claims(text, "c.toml").claims
    assert claim.verdict is Verdict.SUPPORTED
    assert claim.note == "confirmed by the ministry"


def test_dates_may_be_written_as_toml_dates() -> None:
    text = (
        MINIMAL
        + 'date = { start = 2024-06-19, end = 2024-06-19, precision = "day", qualifier = "on" }\n'
    )
    (claim,) = parse_claims(text, "c.toml").claims
    assert claim.date is not None
    assert claim.date.start == dt.date(2024, 6, 19)
    assert claim.date.qualifier is Qualifier.ON


# appended text (or replacement), expected "file:line: field" prefix, part of the message
BAD = [
    ("[[claims]\n", "c.toml:5", "invalid TOML"),
    ("colour = 1\n", "c.toml:5: claims[1].colour", "unknown key"),
    ('\n[[claims]]\nid = "treaty"\ntext = "again"\n', "c.toml:7: claims[2].id", "duplicate id 'treaty'"),
    ('\n[[claims]]\ntext = "no id"\n', "c.toml:6: claims[2].id", "missing"),
    ('date = { start = "2024-13-01", end = "2024-12-01", precision = "month" }\n', "c.toml:5: claims[1].date.start", "ISO date"),
    ('date = { start = "2024-06-30", end = "2024-06-01", precision = "month" }\n', "c.toml:5: claims[1].date.end", "before start"),
    ('date = { start = "2024-06-01", end = "2024-06-30", precision = "weekly" }\n', "c.toml:5: claims[1].date.precision", "unknown precision 'weekly'"),
    ('date = { start = "2024-06-01", end = "2024-06-30", precision = "month", qualifier = "around" }\n', "c.toml:5: claims[1].date.qualifier", "unknown qualifier"),
    ('date = { start = "2024-06-01", precision = "month" }\n', "c.toml:5: claims[1].date.end", "missing"),
    ('verdict = "true"\nnote = "x"\n', "c.toml:5: claims[1].verdict", "unknown verdict 'true'"),
    ('verdict = "disputed"\n', "c.toml:5: claims[1].verdict", "needs a note"),
    ("skip = 1\n", "c.toml:5: claims[1].skip", "true or false"),
    ('line = "three"\n', "c.toml:5: claims[1].line", "expected a line number"),
    ("span = [5, 2]\n", "c.toml:5: claims[1].span", "character offsets"),
    ("keywords = [1, 2]\n", "c.toml:5: claims[1].keywords", "non-empty strings"),
    # the words were edited, the range was not: the old date would be judged under new words
    ('date = { text = "May 2016", start = "2016-03-01", end = "2016-03-31", precision = "month" }\n', "c.toml:5: claims[1].date.text", "means 2016-05-01..2016-05-31"),
]  # fmt: skip


def test_date_words_that_need_a_reference_may_carry_any_range() -> None:
    text = (
        MINIMAL
        + 'date = { text = "last year", start = "2023-01-01", end = "2023-12-31", precision = "year" }\n'
    )
    (claim,) = parse_claims(text, "c.toml").claims
    assert claim.date is not None
    assert claim.date.start == dt.date(2023, 1, 1)


@pytest.mark.parametrize(("extra", "where", "message"), BAD)
def test_malformed_file_names_file_line_and_field(extra: str, where: str, message: str) -> None:
    with pytest.raises(ClaimsFileError) as info:
        parse_claims(MINIMAL + extra, "c.toml")
    text = str(info.value)
    assert text.startswith(where + ":") or text.startswith(where + " "), text
    assert message in text
    assert "\n" not in text


def test_wrong_type_for_sources_is_reported() -> None:
    text = MINIMAL.replace('sources = ["https://example.org/treaty"]', 'sources = "https://x"')
    with pytest.raises(
        ClaimsFileError, match=r"c\.toml:4: claims\[1\]\.sources: expected an array"
    ):
        parse_claims(text, "c.toml")


def test_unknown_header_key_is_reported() -> None:
    with pytest.raises(ClaimsFileError, match=r"c\.toml:1: artikel: unknown key"):
        parse_claims('artikel = "x"\n' + MINIMAL, "c.toml")


def test_missing_claims_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError, match="claims file not found"):
        load_claims(tmp_path / "none.toml")


# ---------------------------------------------------------------- merging

ARTICLE = """Treaty news

Russia and North Korea signed a defence treaty in June 2024. Troops were sent by October 2024.

The ministers met again on 3 March 2025 in Moscow.
"""


def _article(text: str = ARTICLE) -> Article:
    return Article("a.txt", text, "sha-" + str(len(text)))


def _write(path: Path, text: str = ARTICLE) -> None:
    article = _article(text)
    write_claims(path, article, extract_claims(article))


def test_new_file_has_header_and_empty_sources(tmp_path: Path) -> None:
    path = tmp_path / "claims" / "a.toml"
    _write(path)
    content = path.read_text()
    assert content.startswith("# Claims from")
    assert 'article_sha256 = "sha-' in content
    assert content.count("[[claims]]") == 3
    assert content.count("sources = []") == 3


def _edit(path: Path) -> None:
    """What an editor does: sources, a comment, skip, a manual verdict, a hand-written claim."""
    text = path.read_text()
    text = text.replace(
        "sources = []", 'sources = [\n  "https://example.org/treaty",  # from the desk\n]', 1
    )
    text = text.replace('keywords = ["sent"', '# checked twice\nskip = true\nkeywords = ["sent"', 1)
    text += (
        '\n[[claims]]\nid = "hand"\ntext = "Putin visited Pyongyang in June 2024."\nsources = []\n'
    )
    path.write_text(text)


def test_re_extraction_keeps_editor_work(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)
    edited = path.read_text()
    _write(path)
    merged = path.read_text()
    assert merged == edited  # nothing changed in the article: the file is untouched
    revised = ARTICLE.replace("Treaty news", "Treaty news\n\nAn extra paragraph came first.")
    _write(path, revised)
    merged = path.read_text()
    assert '"https://example.org/treaty",  # from the desk' in merged
    assert "# checked twice\nskip = true" in merged
    assert 'id = "hand"' in merged
    claims = {c.id: c for c in load_claims(path).claims}
    assert not any(c.removed for c in claims.values())
    moved = [c for c in claims.values() if c.line == 5]
    assert len(moved) == 2  # line numbers followed the article


def test_vanished_claim_is_marked_removed_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)
    _write(path, ARTICLE.replace("The ministers met again on 3 March 2025 in Moscow.\n", ""))
    claims = load_claims(path).claims
    removed = [c for c in claims if c.removed]
    assert [c.quote for c in removed] == ["The ministers met again on 3 March 2025 in Moscow"]
    hand = next(c for c in claims if c.id == "hand")
    assert not hand.removed  # hand-written claims are the editor's, never marked removed
    _write(path)  # the sentence is back
    assert not any(c.removed for c in load_claims(path).claims)


def test_light_edit_of_a_sentence_keeps_the_claim_id(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)
    before = {c.quote: c.id for c in load_claims(path).claims}
    old_id = before["Russia and North Korea signed a defence treaty in June 2024"]
    _write(path, ARTICLE.replace("a defence treaty", "a mutual defence treaty"))
    claims = {c.id: c for c in load_claims(path).claims}
    assert (
        claims[old_id].quote == "Russia and North Korea signed a mutual defence treaty in June 2024"
    )
    assert claims[old_id].sources == ("https://example.org/treaty",)
    assert not any(c.removed for c in claims.values())


def test_merge_into_malformed_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(MINIMAL + "colour = 1\n")
    before = path.read_bytes()
    with pytest.raises(ClaimsFileError, match="colour"):
        _write(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]  # no temporary left


def test_merge_into_minimal_hand_written_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(MINIMAL)
    _write(path)
    claims = load_claims(path).claims
    assert claims[0].id == "treaty"
    assert len(claims) == 4
    assert not claims[0].removed


def test_changed_date_is_a_new_claim_and_the_old_keeps_its_verdict(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    quote = 'quote = "Russia and North Korea signed a defence treaty in June 2024"\n'
    text = path.read_text().replace(quote, quote + 'verdict = "supported"\nnote = "wire copy"\n')
    path.write_text(text)
    _write(path, ARTICLE.replace("in June 2024", "in July 2024"))
    claims = load_claims(path).claims
    old = next(c for c in claims if c.verdict is Verdict.SUPPORTED)
    assert old.removed
    assert old.date is not None
    assert old.date.start == dt.date(2024, 6, 1)
    new = next(c for c in claims if c.quote and "July 2024" in c.quote)
    assert new.verdict is None
    assert not new.removed


def test_changed_date_carries_the_editors_sources_to_the_new_claim(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)  # the treaty claim gets the desk's source
    result = write_claims(
        path,
        _article(ARTICLE.replace("in June 2024", "in July 2024")),
        extract_claims(_article(ARTICLE.replace("in June 2024", "in July 2024"))),
    )
    claims = load_claims(path).claims
    old = next(c for c in claims if c.quote and "June 2024" in c.quote)
    new = next(c for c in claims if c.quote and "July 2024" in c.quote)
    assert old.removed
    assert old.sources == new.sources == ("https://example.org/treaty",)
    assert result.redated == 1
    assert (
        f"# sources carried over from claim {old.id}: the article changed its date "
        'from "June 2024" to "July 2024"\nsources = ["https://example.org/treaty"]'
    ) in path.read_text()


def test_changed_date_of_a_claim_without_sources_carries_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    result = write_claims(
        path,
        _article(ARTICLE.replace("in June 2024", "in July 2024")),
        extract_claims(_article(ARTICLE.replace("in June 2024", "in July 2024"))),
    )
    assert result.redated == 0
    assert "carried over" not in path.read_text()


def test_changed_date_carries_keywords_only_when_the_editor_changed_them(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)
    text = path.read_text().replace('keywords = ["treaty"', 'keywords = ["pact", "treaty"', 1)
    path.write_text(text)
    revised = _article(ARTICLE.replace("in June 2024", "in July 2024"))
    write_claims(path, revised, extract_claims(revised))
    new = next(c for c in load_claims(path).claims if c.quote and "July 2024" in c.quote)
    assert new.keywords[0] == "pact"
    _write(path, ARTICLE.replace("in June 2024", "in July 2024"))  # again: nothing changes
    assert next(c for c in load_claims(path).claims if c.id == new.id).keywords[0] == "pact"


def test_a_different_sentence_with_a_new_date_takes_no_sources(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _edit(path)
    revised = ARTICLE.replace(
        "Russia and North Korea signed a defence treaty in June 2024.",
        "Floods closed the northern railway line for a week in July 2024.",
    )
    result = write_claims(path, _article(revised), extract_claims(_article(revised)))
    assert result.redated == 0
    assert "carried over" not in path.read_text()


def _rewrite_date(path: Path, old: str, new: str, *, as_extractor: bool) -> None:
    """Change one claim's date; as the extractor would (hash follows) or as an editor."""
    import tomlkit

    from factcheck.claimsfile.render import fingerprint

    doc = tomlkit.parse(path.read_text())
    for table in doc["claims"]:  # type: ignore[union-attr]
        if table["date"]["start"] == old:
            table["date"]["start"] = new
            if as_extractor:
                table["extracted_hash"] = fingerprint(table.unwrap())
    path.write_text(tomlkit.dumps(doc))


def test_unedited_date_follows_a_better_extraction(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _rewrite_date(path, "2024-06-01", "2024-05-01", as_extractor=True)  # an older extractor
    _write(path)
    starts = [c.date.start for c in load_claims(path).claims if c.date]
    assert dt.date(2024, 6, 1) in starts
    assert dt.date(2024, 5, 1) not in starts


def test_edited_date_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _rewrite_date(path, "2024-06-01", "2024-05-01", as_extractor=False)  # the editor's fix
    before = path.read_text()
    _write(path)
    assert path.read_text() == before


def test_new_claims_go_where_the_article_has_them(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    revised = ARTICLE.replace(
        "Troops were sent", "A summit was held on 2 May 2024. Troops were sent"
    )
    _write(path, revised)
    quotes = [c.quote for c in load_claims(path).claims]
    assert quotes == [
        "Russia and North Korea signed a defence treaty in June 2024",
        "A summit was held on 2 May 2024",
        "Troops were sent by October 2024",
        "The ministers met again on 3 March 2025 in Moscow",
    ]


def test_written_file_is_not_private(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    assert path.stat().st_mode & 0o044 == 0o044  # readable by group and others, like any file
    path.chmod(0o640)
    _write(path, ARTICLE.replace("Treaty news", "Treaty news\n\nMore."))
    assert path.stat().st_mode & 0o777 == 0o640


def test_merge_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    _write(path)
    assert len(load_claims(path).claims) == 4


def test_non_utf8_claims_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(MINIMAL.encode().replace(b"defence", b"d\xe9fence"))
    with pytest.raises(ClaimsFileError, match=r"a\.toml:3: not UTF-8 text"):
        _write(path)


def test_empty_claims_array_is_merged_into(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('article = "a.txt"\nclaims = []\n')
    _write(path)
    assert len(load_claims(path).claims) == 3


def test_inline_claims_cannot_be_merged_and_say_so(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('claims = [{ id = "x", text = "A treaty in 2024." }]\n')
    before = path.read_bytes()
    with pytest.raises(ClaimsFileError, match=r"a\.toml:1: claims: .*\[\[claims\]\] table"):
        _write(path)
    assert path.read_bytes() == before


def test_a_date_refresh_sets_a_manual_verdict_aside(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    article = Article("a.txt", "The pact was signed on Friday in Oslo.", "0", dt.date(2025, 5, 18))
    write_claims(path, article, extract_claims(article))
    quote = 'quote = "The pact was signed on Friday in Oslo"\n'
    path.write_text(
        path.read_text().replace(quote, quote + 'verdict = "supported"\nnote = "wire"\n')
    )
    later = dataclasses.replace(article, published=dt.date(2025, 5, 25))
    write_claims(path, later, extract_claims(later))
    (claim,) = load_claims(path).claims
    assert claim.date is not None
    assert claim.date.start == dt.date(2025, 5, 23)
    assert claim.verdict is None  # the verdict was about 16 May: it no longer applies…
    text = path.read_text()
    assert '# verdict = "supported"' in text  # …but it is kept, as a comment, for the editor
    assert "changed from 2025-05-16..2025-05-16 to 2025-05-23..2025-05-23" in text


def test_an_edited_date_survives_a_light_rewording(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    _rewrite_date(path, "2024-06-01", "2024-06-19", as_extractor=False)  # the editor's fix
    _write(path, ARTICLE.replace("signed a defence", "signed a bilateral defence"))
    claims = load_claims(path).claims
    treaty = next(c for c in claims if c.quote and "treaty" in c.quote)
    assert not treaty.removed
    assert treaty.date is not None
    assert treaty.date.start == dt.date(2024, 6, 19)
    assert "bilateral" in treaty.quote  # type: ignore[operator]


def test_reordered_sentence_keeps_its_claim(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    before = {c.id for c in load_claims(path).claims}
    moved = ARTICLE.replace(
        "The ministers met again on 3 March 2025 in Moscow.",
        "On 3 March 2025, the ministers met again in Moscow.",
    )
    _write(path, moved)
    claims = load_claims(path).claims
    assert {c.id for c in claims} == before
    assert not any(c.removed for c in claims)


def test_hand_written_claim_with_a_quote_is_never_removed(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    path.write_text(
        path.read_text()
        + '\n[[claims]]\nid = "mine"\ntext = "Putin went to Pyongyang."\nquote = "gone from the text"\n'
    )
    _write(path)
    mine = next(c for c in load_claims(path).claims if c.id == "mine")
    assert not mine.removed


def test_another_articles_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    before = path.read_bytes()
    other = Article("b.txt", ARTICLE, "x")
    with pytest.raises(
        ClaimsFileError, match=r"a\.toml:\d+: article: this file holds the claims of"
    ):
        write_claims(path, other, extract_claims(other))
    assert path.read_bytes() == before


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(ClaimsFileError, match="cannot write here"):
        _write(blocker / "a.toml")
    with pytest.raises(ClaimsFileError, match="cannot write here"):
        _write(tmp_path / "no" / "such" / "a.toml")
    assert not (tmp_path / "no").exists()


def test_crlf_file_keeps_its_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    _write(path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    _write(path, ARTICLE.replace("Treaty news", "Treaty news\n\nMore."))
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")


def test_ids_must_not_hold_spaces() -> None:
    with pytest.raises(ClaimsFileError, match=r"claims\[1\]\.id: 'a b': use letters"):
        parse_claims(MINIMAL.replace('id = "treaty"', 'id = "a b"'), "c.toml")

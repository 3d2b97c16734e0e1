"""Article → claims: what is extracted, what is not, and how it is anchored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.claims import Article, extract_claims, read_article, split_sentences
from factcheck.errors import ArticleError

# (date text, start, end, precision, qualifier, a phrase the quote must contain)
SAMPLE_CLAIMS = [
    ("January 2025", "2025-01-01", "2025-01-31", "month", "in", "Trump’s inauguration"),
    ("August 15, 2025", "2025-08-15", "2025-08-15", "day", "on", "Anchorage, Alaska"),
    ("August 24, 2025", "2025-08-24", "2025-08-24", "day", "as of", "no follow-up summit"),
    ("2025", "2025-01-01", "2025-12-31", "year", "in", "drifting away"),
    ("August 2024", "2024-08-01", "2024-08-31", "month", "in", "surprise offensive"),
    ("June 2024", "2024-06-01", "2024-06-30", "month", "in", "mutual defense treaty"),
    ("October 2024", "2024-10-01", "2024-10-31", "month", "by", "North Korean troops"),
    ("early 2025", "2025-01-01", "2025-04-30", "part", "by", "recapture"),
    ("2025", "2025-01-01", "2025-12-31", "year", "", "Xi-Putin summits"),
    ("19th and early 20th centuries", "1801-01-01", "1933-12-31", "century", "in", "Yellow Peril"),
    ("1990s and 2000s", "1990-01-01", "2009-12-31", "decade", "in", "resurgence of overt racism"),
    ("2024", "2024-01-01", "2024-12-31", "year", "", "Crocus City Hall attack"),
    ("2022", "2022-01-01", "2022-12-31", "year", "", "exchange with Bernard-Henri Lévy"),
]  # fmt: skip


def _row(c: object) -> tuple[str, ...]:
    from factcheck.models import Claim

    assert isinstance(c, Claim)
    assert c.date is not None
    d = c.date
    return (d.text, str(d.start), str(d.end), d.precision.value, d.qualifier.value)


def test_sample_article_yields_exactly_its_dated_claims(sample: Article) -> None:
    claims = extract_claims(sample)
    assert [_row(c) for c in claims] == [row[:5] for row in SAMPLE_CLAIMS]
    for claim, row in zip(claims, SAMPLE_CLAIMS, strict=True):
        assert row[5] in claim.quote  # type: ignore[operator]


def test_sample_quotes_are_exact_article_spans(sample: Article) -> None:
    for claim in extract_claims(sample):
        assert claim.span is not None
        start, end = claim.span
        assert sample.text[start:end] == claim.quote
        assert sample.text.count("\n", 0, start) + 1 == claim.line


def test_sample_has_no_hedged_or_opinion_claims(sample: Article) -> None:
    quotes = " ".join(c.quote or "" for c in extract_claims(sample))
    for phrase in ("Critics may characterize", "could", "might", "this year", "today"):
        assert phrase not in quotes


def test_sample_ids_are_unique_and_readable(sample: Article) -> None:
    ids = [c.id for c in extract_claims(sample)]
    assert len(set(ids)) == len(ids)
    assert "summit-trump-82d65f" in ids  # slug + hash of the quote: pinned, must not drift


def test_ids_survive_edits_elsewhere_in_the_article(sample: Article) -> None:
    before = {c.id for c in extract_claims(sample)}
    edited = Article(sample.path, "A new opening paragraph.\n\n" + sample.text, "x")
    assert {c.id for c in extract_claims(edited)} == before


def _claims(text: str, reference: dt.date | None = None) -> list[tuple[str, str]]:
    article = Article("t.txt", text, "0")
    return [
        (c.quote or "", c.date.text if c.date else "") for c in extract_claims(article, reference)
    ]


def test_two_dates_in_one_sentence_give_two_clause_claims() -> None:
    text = (
        "Following the election in May 2024, the coalition collapsed, "
        "prompting a snap vote on 3 March 2025."
    )
    assert _claims(text) == [
        ("Following the election in May 2024, the coalition collapsed", "May 2024"),
        ("prompting a snap vote on 3 March 2025", "3 March 2025"),
    ]


def test_named_opening_phrase_is_its_own_claim() -> None:
    text = "After Keir Starmer’s landslide win in July 2024, Labour took office quickly."
    assert _claims(text) == [("After Keir Starmer’s landslide win in July 2024", "July 2024")]


def test_participle_clause_keeps_its_noun() -> None:
    text = "Russia invoked its defence treaty with the DPRK, signed in June 2024."
    assert _claims(text) == [(text.rstrip("."), "June 2024")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics may say the treaty was signed in June 2024.",
        "The deal could be signed by October 2025.",
        "Analysts think talks might resume in early 2026.",
        "Was the treaty signed in June 2024?",
        "If talks resume in 2026, sanctions would ease.",
        "Analysts expect a coalition deal to be signed in early September 2025.",
        "The plant is expected to reopen in mid-June 2026.",
        "The government plans to hold a referendum in 2027.",
        "The plant will open in 2027.",
        "Officials denied that the treaty was signed in 2024.",
        "It is unclear whether the plant opened in 2023.",
        "Perhaps the treaty was signed in June 2024.",
        "The bridge is scheduled to open in June 2026.",
        "We believe the 2020 reforms were a mistake.",
    ],
)
def test_hedged_or_question_sentences_are_not_claims(sentence: str) -> None:
    assert _claims(sentence) == []


def test_dependent_clause_inherits_the_hedge() -> None:
    text = "Critics may blame the envoy, pointing to his visit on 4 May 2025."
    assert _claims(text) == []


def test_counts_are_not_dates() -> None:
    assert _claims("Russia sent 2,000 troops and 1500 shells to the front.") == []


def test_relative_dates_need_a_reference() -> None:
    text = "The talks collapsed on Friday after a long night."
    assert _claims(text) == []
    assert _claims(text, dt.date(2025, 8, 20)) == [(text.rstrip("."), "Friday")]


def test_sentences_respect_abbreviations_and_dates() -> None:
    text = "The U.S. envoy met Gen. Smith on 15 Aug. 2025 in Riga. Talks ended."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. envoy met Gen. Smith on 15 Aug. 2025 in Riga.",
        "Talks ended.",
    ]


def test_headings_are_their_own_sentences() -> None:
    text = "The North Korean Factor\n\nTroops arrived in 2024. They stayed."
    assert next(text[a:b] for a, b in split_sentences(text)) == "The North Korean Factor"


def test_markdown_article_keeps_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nThe [treaty](https://x.test) was **signed** in June 2024.\n")
    article = read_article(path)
    (claim,) = extract_claims(article)
    assert claim.quote == "The treaty was signed in June 2024"
    assert claim.line == 3


def test_html_article_uses_its_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    body = " ".join(
        ["The ministers met for hours and agreed on a long list of joint projects."] * 3
    )
    path.write_text(
        "<html><head><title>Talks</title>"
        '<meta property="article:published_time" content="2025-08-20"></head>'
        f"<body><nav>Home</nav><article><h1>Talks end</h1><p>The talks collapsed on Friday "
        f"in Geneva.</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.published == dt.date(2025, 8, 20)
    (claim,) = extract_claims(article)
    assert claim.date is not None
    assert claim.date.start == dt.date(2025, 8, 15)


def test_missing_article_names_its_path(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"nope\.txt: article not found"):
        read_article(tmp_path / "nope.txt")


def test_url_article_is_refused_clearly() -> None:
    with pytest.raises(ArticleError, match="not supported yet"):
        read_article("https://example.org/story")


def test_binary_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article(path)


def test_each_date_of_a_clause_chain_gets_its_own_claim() -> None:
    text = "Petrov was arrested on 3 Feb. 2020 and charged in late 2021."
    assert _claims(text) == [
        ("Petrov was arrested on 3 Feb. 2020", "3 Feb. 2020"),
        ("charged in late 2021", "late 2021"),
    ]


def test_relative_clause_between_commas_neither_splits_nor_hedges() -> None:
    text = "The minister, who may run again, resigned on 7 July 2025."
    assert _claims(text) == [(text.rstrip("."), "7 July 2025")]


def test_date_inside_a_relative_clause_is_its_own_claim() -> None:
    text = "The minister, who resigned on 7 July 2025, may run again."
    assert _claims(text) == [("who resigned on 7 July 2025", "7 July 2025")]


def test_relative_clause_does_not_inherit_the_hedge() -> None:
    text = "Critics may challenge the result, which was certified on 12 June 2025."
    assert _claims(text) == [("which was certified on 12 June 2025", "12 June 2025")]


def test_a_name_is_not_a_hedge() -> None:
    text = "Mayor May Johnson opened the bridge on 2 June 2025."
    assert _claims(text) == [(text.rstrip("."), "2 June 2025")]


def test_one_line_statement_is_not_a_heading() -> None:
    text = "Parliament was dissolved on 25 March 2025\n\nThe vote follows."
    assert _claims(text) == [("Parliament was dissolved on 25 March 2025", "25 March 2025")]


def test_keywords_hold_no_date_words() -> None:
    article = Article("t.txt", "Output fell in Q4 2024 after the Jan. 5, 2024 strike.", "0")
    for claim in extract_claims(article):
        assert not {"Q4", "Jan", "Jan."} & set(claim.keywords)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        # the act, though a thing ("traffic", "season") stands nearer the date
        ("The old crossing was closed to traffic in March 2016.", "closed"),
        ("The series was renewed for a fifth season on 28 July 2018.", "renewed"),
        ("The treaty was signed in June 2024.", "signed"),  # a known event word stays first
    ],
)
def test_the_first_keyword_is_the_word_of_the_act(sentence: str, event: str) -> None:
    (claim,) = extract_claims(Article("t.txt", sentence, "0"))
    assert claim.keywords[0] == event


def test_a_country_opening_the_sentence_is_a_name() -> None:
    (claim,) = extract_claims(Article("t.txt", "Britain and Norway signed a deal in 2023.", "0"))
    assert {"Britain", "Norway"} <= set(claim.keywords)
    (claim,) = extract_claims(Article("t.txt", "Officials signed a deal in 2023.", "0"))
    assert "Officials" not in claim.keywords


def test_event_rank_orders_acts_before_things() -> None:
    from factcheck.language.keywords import event_rank

    assert event_rank("signed") == 0  # an event stem
    assert event_rank("stepped down") == 0  # the news events lexicon
    assert event_rank("closed") == 1  # WordNet: a verb
    assert event_rank("traffic") == 3  # a thing


def test_repeated_sentences_get_distinct_ids() -> None:
    text = "The treaty was signed in June 2024. The treaty was signed in June 2024."
    claims = extract_claims(Article("t.txt", text, "0"))
    assert len({c.id for c in claims}) == 2


def test_id_hash_lengthens_only_on_collision() -> None:
    from factcheck.claims.ids import claim_id

    first = claim_id("The treaty was signed in June 2024", ["signed"])
    assert len(first.rsplit("-", 1)[1]) == 6
    second = claim_id("The treaty was signed in June 2024", ["signed"], taken={first})
    assert second.startswith(first)
    assert len(second.rsplit("-", 1)[1]) == 8


# sentence, the quote's date: the clause is about the date tied by a preposition
ANCHORS = [
    ("The 2019 budget was approved in March 2020.", "March 2020"),
    ("The 2020 Olympics were held in 2021.", "2021"),
    ("The company was not founded in 1999 but in 2001.", "2001"),
    ("May resigned as prime minister in July 2019.", "July 2019"),
    ("Inflation rose faster than expected in March 2024.", "March 2024"),
    ("The crowd expressed the will of the people on 3 May 2021.", "3 May 2021"),
]


@pytest.mark.parametrize(("sentence", "date"), ANCHORS)
def test_clause_is_anchored_to_its_event_date(sentence: str, date: str) -> None:
    assert _claims(sentence) == [(sentence.rstrip("."), date)]


def test_new_subject_after_comma_and_starts_a_clause() -> None:
    text = "He asked whether he could leave, and the court released him on 3 June 2022."
    assert _claims(text) == [("the court released him on 3 June 2022", "3 June 2022")]


def test_future_dates_are_not_claims_once_the_article_is_dated() -> None:
    text = "Voters go to the polls on 4 May 2026."
    assert _claims(text) == [(text.rstrip("."), "4 May 2026")]  # no publication date known
    assert _claims(text, dt.date(2025, 8, 1)) == []


def test_names_that_open_a_sentence_are_kept() -> None:
    (claim,) = extract_claims(Article("t.txt", "NASA launched the probe on 5 May 2021.", "0"))
    assert "NASA" in claim.keywords


def test_impossible_dates_are_reported_with_their_line() -> None:
    from factcheck.claims import date_warnings

    article = Article("t.txt", "Title\n\nThe pact was signed on 31 June 2019.", "0")
    assert date_warnings(article) == [(3, "31 June 2019")]

"""The curated news-event lexicon: every phrase, inflected, finds its class; classes stay apart."""

from __future__ import annotations

import pytest

from factcheck.language import news_events
from factcheck.language.news_events import class_of, classes, phrases
from factcheck.language.wordnet import relation

# event class, phrase as written in the data file, a sentence using it, the words it covers
ENTRIES = [
    ("inauguration", "sworn in", "The new governor was sworn in at noon.", "sworn in"),
    ("inauguration", "swearing-in", "Crowds gathered for the swearing-in.", "swearing-in"),
    (
        "inauguration",
        "take the oath of office",
        "She took the oath of office on the steps.",
        "took the oath of office",
    ),
    (
        "inauguration",
        "take the oath",
        "He takes the oath before parliament today.",
        "takes the oath",
    ),
    ("inauguration", "take office", "The mayor took office in a quiet ceremony.", "took office"),
    ("inauguration", "assume office", "The chancellor assumed office last week.", "assumed office"),
    ("inauguration", "inauguration", "Her inauguration drew a small crowd.", "inauguration"),
    ("inauguration", "inaugurate", "The president was inaugurated in the rain.", "inaugurated"),
    ("launch", "launch", "The probe launched from the coast at dawn.", "launched"),
    ("launch", "lift off", "The rocket lifted off on schedule.", "lifted off"),
    ("launch", "liftoff", "Liftoff came two minutes late.", "Liftoff"),
    ("launch", "blast off", "The crew blasted off into clear skies.", "blasted off"),
    ("launch", "blastoff", "Blastoff was delayed by wind.", "Blastoff"),
    ("landing", "=landed", "The capsule landed in the desert.", "landed"),
    ("landing", "=landing", "A soft landing followed the descent.", "landing"),
    ("landing", "touch down", "The lander touched down near the pole.", "touched down"),
    ("landing", "touchdown", "Touchdown was confirmed by radio.", "Touchdown"),
    ("landing", "splash down", "The crew splashed down off the coast.", "splashed down"),
    ("landing", "splashdown", "Splashdown took place at night.", "Splashdown"),
    ("attack", "attack", "Militants attacked a checkpoint.", "attacked"),
    ("attack", "incursion", "The incursion lasted three days.", "incursion"),
    ("attack", "offensive", "The army began an offensive in the south.", "offensive"),
    (
        "attack",
        "cross-border attack",
        "A cross-border attack hit the village.",
        "cross-border attack",
    ),
    (
        "attack",
        "cross-border raid",
        "Officials condemned the cross-border raids.",
        "cross-border raids",
    ),
    ("attack", "raid", "Police raided the offices.", "raided"),
    ("attack", "invade", "The neighbouring state invaded in spring.", "invaded"),
    ("attack", "invasion", "The invasion began before dawn.", "invasion"),
    ("attack", "airstrike", "An airstrike destroyed the depot.", "airstrike"),
    ("attack", "air strike", "Two air strikes hit the port.", "air strikes"),
    (
        "attack",
        "launch * offensive|attack|strike|invasion",
        "Troops launched a large offensive.",
        "launched a large offensive",
    ),
    ("meeting", "meet", "The two ministers met in Geneva.", "met"),
    ("meeting", "meeting", "The meeting ran late.", "meeting"),
    ("meeting", "summit", "The summit opened on Monday.", "summit"),
    ("meeting", "=talks", "Talks resumed after a pause.", "Talks"),
    ("meeting", "hold * talks", "The presidents held talks over dinner.", "held talks"),
    (
        "meeting",
        "hold * meeting",
        "The board holds a closed meeting today.",
        "holds a closed meeting",
    ),
    ("visit", "visit", "The premier visited the flooded towns.", "visited"),
    ("visit", "state visit", "A state visit was planned for May.", "state visit"),
    ("visit", "pay * visit", "The king paid a visit to the troops.", "paid a visit"),
    ("visit", "tour", "The prime minister toured the damaged districts.", "toured"),
    ("signing", "=signed", "The deal was signed in the capital.", "signed"),
    ("signing", "=signing", "The signing took an hour.", "signing"),
    (
        "signing",
        "sign * treaty|agreement|pact|accord|deal|law|bill|declaration",
        "The leaders will sign the accord tomorrow.",
        "sign the accord",
    ),
    ("signing", "ink", "The firms inked a supply deal.", "inked"),
    (
        "signing",
        "conclude * treaty|agreement|pact|accord|deal",
        "The states concluded a border treaty.",
        "concluded a border treaty",
    ),
    ("signing", "seal * deal|agreement", "They sealed the deal on Friday.", "sealed the deal"),
    (
        "signing",
        "treaty|agreement|pact|accord|deal * conclude",
        "The pact was concluded in Vienna.",
        "pact was concluded",
    ),
    ("ratification", "ratify", "The senate ratified the convention.", "ratified"),
    ("ratification", "ratification", "Ratification took two years.", "Ratification"),
    (
        "entry_into_force",
        "come into force",
        "The rules came into force in March.",
        "came into force",
    ),
    (
        "entry_into_force",
        "enter into force",
        "The treaty enters into force next year.",
        "enters into force",
    ),
    (
        "entry_into_force",
        "entry into force",
        "Its entry into force was delayed.",
        "entry into force",
    ),
    ("entry_into_force", "take effect", "The tariff took effect at midnight.", "took effect"),
    (
        "entry_into_force",
        "go into effect",
        "The ban goes into effect on Sunday.",
        "goes into effect",
    ),
    (
        "entry_into_force",
        "come into effect",
        "The law comes into effect in June.",
        "comes into effect",
    ),
    (
        "entry_into_force",
        "become effective",
        "The decree became effective at once.",
        "became effective",
    ),
    ("withdrawal", "withdraw from", "The country withdrew from the pact.", "withdrew from"),
    ("withdrawal", "withdrawal", "The withdrawal was completed in August.", "withdrawal"),
    ("withdrawal", "pull out of", "The firm pulled out of the market.", "pulled out of"),
    ("withdrawal", "pullout", "The pullout of troops began.", "pullout"),
    ("death", "die", "The author died at home.", "died"),
    ("death", "pass away", "The singer passed away on Tuesday.", "passed away"),
    ("death", "death", "His death was announced by the family.", "death"),
    ("death", "be killed", "Two hikers were killed in the storm.", "were killed"),
    ("death", "lose * life", "A guard lost his life in the fire.", "lost his life"),
    ("birth", "be born", "The composer was born in a small town.", "was born"),
    ("birth", "birth", "The birth of the prince was announced.", "birth"),
    ("election", "elect", "She was elected mayor.", "elected"),
    ("election", "re-elect", "He was re-elected with a slim margin.", "re-elected"),
    (
        "election",
        "win * election|vote|presidency|race",
        "The senator won the presidential race.",
        "won the presidential race",
    ),
    ("election", "election", "The election was close.", "election"),
    ("resignation", "resign", "The minister resigned over the scandal.", "resigned"),
    ("resignation", "resignation", "Her resignation came as a surprise.", "resignation"),
    ("resignation", "step down", "The coach stepped down after the loss.", "stepped down"),
    ("arrest", "arrest", "Police arrested two suspects.", "arrested"),
    ("arrest", "detain", "Border guards detained the crew.", "detained"),
    ("arrest", "take into custody", "The suspect was taken into custody.", "taken into custody"),
    ("conviction", "convict", "A jury convicted the former aide.", "convicted"),
    ("conviction", "conviction", "The conviction was upheld.", "conviction"),
    ("conviction", "find * guilty", "The court found him guilty.", "found him guilty"),
    ("sentencing", "=sentenced", "He was sentenced to six years.", "sentenced"),
    ("sentencing", "sentencing", "Sentencing is set for May.", "Sentencing"),
    ("ceasefire", "ceasefire", "A ceasefire held overnight.", "ceasefire"),
    ("ceasefire", "cease-fire", "The cease-fire collapsed.", "cease-fire"),
    ("ceasefire", "truce", "The truce was brokered by neighbours.", "truce"),
    ("ceasefire", "armistice", "The armistice ended the war.", "armistice"),
    (
        "approval",
        "pass * bill|law|resolution|budget",
        "Parliament passed the spending bill.",
        "passed the spending bill",
    ),
    (
        "approval",
        "adopt * bill|law|resolution",
        "The assembly adopted a resolution.",
        "adopted a resolution",
    ),
    ("approval", "approve", "Regulators approved the merger.", "approved"),
    ("release", "release", "The band released its third album.", "released"),
    (
        "release",
        "hit * stores|shelves|shops|theaters|cinemas",
        "The novel hits shops on Friday.",
        "hits shops",
    ),
    ("release", "come out", "Their fourth album came out in May.", "came out"),
    ("release", "go on sale", "Tickets went on sale at nine.", "went on sale"),
    ("release", "premiere", "The film premiered in Venice.", "premiered"),
    ("increase", "rise", "Prices rose sharply in spring.", "rose"),
    ("increase", "spike", "Incidents spiked after the match.", "spiked"),
    ("increase", "surge", "Exports surged last quarter.", "surged"),
    ("increase", "increase", "Fares increased by a tenth.", "increased"),
    ("increase", "soar", "Rents soared in the capital.", "soared"),
    ("increase", "jump", "Sales jumped in December.", "jumped"),
    ("increase", "climb", "Unemployment climbed to six percent.", "climbed"),
    ("increase", "go up", "Fuel costs went up again.", "went up"),
    ("decrease", "=fell", "Imports fell in May.", "fell"),
    ("decrease", "=falls", "Turnout falls with every poll.", "falls"),
    ("decrease", "=fallen", "Crime has fallen since then.", "fallen"),
    ("decrease", "=falling", "Output is falling again.", "falling"),
    ("decrease", "drop", "Sales dropped after the recall.", "dropped"),
    ("decrease", "decline", "Membership declined over the decade.", "declined"),
    ("decrease", "decrease", "Arrivals decreased in winter.", "decreased"),
    ("decrease", "plunge", "Shares plunged on the news.", "plunged"),
    ("decrease", "plummet", "The currency plummeted overnight.", "plummeted"),
    ("decrease", "slump", "Orders slumped in the autumn.", "slumped"),
    ("decrease", "go down", "Waiting times went down.", "went down"),
    ("earthquake", "earthquake", "An earthquake left the region without power.", "earthquake"),
    ("earthquake", "quake", "The quake damaged old houses.", "quake"),
    ("earthquake", "tremor", "A tremor was felt downtown.", "tremor"),
    (
        "earthquake",
        "earthquake|quake|tremor * strike|hit|shake|jolt|rock",
        "A strong quake struck the island at night.",
        "quake struck",
    ),
    ("crash", "crash", "A cargo jet crashed on take-off.", "crashed"),
    ("crash", "plane crash", "The plane crash killed everyone aboard.", "plane crash"),
    ("crash", "derail", "A freight train derailed near the river.", "derailed"),
    ("crash", "derailment", "The derailment closed the line.", "derailment"),
    ("attack", "open fire", "Gunmen opened fire on the convoy.", "opened fire"),
    ("death", "succumb", "The actor succumbed to his injuries.", "succumbed"),
    ("election", "vote * in as", "Councillors voted her in as mayor.", "voted her in as"),
    (
        "election",
        "win * seat|ballot|run-off|runoff",
        "She won the run-off easily.",
        "won the run-off",
    ),
    ("resignation", "stand down", "The chair stood down after the vote.", "stood down"),
    ("resignation", "quit", "The minister quit over the scandal.", "quit"),
    ("opening", "=opened", "The museum opened last spring.", "opened"),
    ("opening", "=opens", "The new wing opens next week.", "opens"),
    ("opening", "=opening", "Crowds came to the opening.", "opening"),
    (
        "opening",
        "open to the public",
        "The garden opened to the public at dawn.",
        "opened to the public",
    ),
    ("opening", "open * doors", "The library opened its doors in 1902.", "opened its doors"),
    (
        "opening",
        "welcome * first passengers|visitors|customers|guests|pupils|students|patients",
        "The line welcomed its first passengers at six.",
        "welcomed its first passengers",
    ),
    (
        "opening",
        "carry * first passengers",
        "The ferry carried its first passengers today.",
        "carried its first passengers",
    ),
    ("opening", "enter service", "The new trams entered service in June.", "entered service"),
    ("opening", "begin service", "The route began service on Monday.", "began service"),
    ("opening", "start service", "The airline started service to Lima.", "started service"),
    ("wedding", "marry", "The couple married in a small chapel.", "married"),
    ("wedding", "wed", "They wed on the island.", "wed"),
    ("wedding", "wedding", "The wedding drew hundreds.", "wedding"),
    ("wedding", "marriage", "Their marriage lasted forty years.", "marriage"),
    ("wedding", "tie the knot", "The two stars tied the knot in secret.", "tied the knot"),
    ("acquisition", "acquire", "The bank acquired a rival lender.", "acquired"),
    ("acquisition", "acquisition", "The acquisition closed in March.", "acquisition"),
    ("acquisition", "buy", "The group bought the hotel chain.", "bought"),
    ("acquisition", "purchase", "The city purchased the old mill.", "purchased"),
    ("acquisition", "take over", "The firm took over its supplier.", "took over"),
    ("acquisition", "takeover", "The takeover was approved by regulators.", "takeover"),
    ("opening", "reopen", "The museum reopened after repairs.", "reopened"),
    ("listing", "float on", "The firm floated on the Oslo exchange.", "floated on"),
    ("listing", "float * on", "The group floated its shares on Nasdaq.", "floated its shares on"),
    ("listing", "go public", "The start-up went public last spring.", "went public"),
    (
        "listing",
        "initial public offering",
        "Its initial public offering raised millions.",
        "initial public offering",
    ),
    ("listing", "begin trading", "The shares began trading at noon.", "began trading"),
    ("listing", "start trading", "The stock started trading on Monday.", "started trading"),
    ("listing", "list * shares", "The company listed its shares in London.", "listed its shares"),
    (
        "listing",
        "stock market debut",
        "A strong stock market debut lifted the founders.",
        "stock market debut",
    ),
    ("sentencing", "=jailed", "The former minister was jailed for four years.", "jailed"),
    ("sentencing", "imprison", "He was imprisoned for fraud.", "imprisoned"),
    (
        "victory",
        "win * cup|title|trophy|final|championship|league|tournament|medal|match|derby",
        "Rosvik won the Northern Cup at home.",
        "won the Northern Cup",
    ),
    (
        "victory",
        "lift * cup|trophy|title",
        "The captain lifted the trophy in the rain.",
        "lifted the trophy",
    ),
    (
        "victory",
        "clinch * title|cup|trophy|championship|league",
        "They clinched the title on Sunday.",
        "clinched the title",
    ),
    (
        "victory",
        "claim * title|cup|trophy|championship",
        "She claimed her third world title.",
        "claimed her third world title",
    ),
    (
        "victory",
        "capture * title|cup|trophy|championship",
        "The club captured the cup in extra time.",
        "captured the cup",
    ),
]


@pytest.mark.parametrize(("event", "phrase", "sentence", "covered"), ENTRIES)
def test_each_phrase_finds_its_class(event: str, phrase: str, sentence: str, covered: str) -> None:
    found = [(e, sentence[start:end]) for e, start, end in classes(sentence)]
    assert (event, covered) in found


def test_every_phrase_of_the_data_file_has_a_row_above() -> None:
    assert {(p.event, p.text) for p in phrases()} == {(e, p) for e, p, _, _ in ENTRIES}


# sentence, every (class, covered words) found, in order
APART = [
    (
        "The treaty was signed in June and came into force in December.",
        [("signing", "signed"), ("entry_into_force", "came into force")],
    ),
    (
        "The pact, ratified in May, took effect in July.",
        [("ratification", "ratified"), ("entry_into_force", "took effect")],
    ),
    (
        "Troops launched an offensive after the rocket launched.",
        [("attack", "launched an offensive"), ("launch", "launched")],
    ),
    (
        "The rocket lifted off and landed an hour later.",
        [("launch", "lifted off"), ("landing", "landed")],
    ),
    ("Prices rose in May and fell in June.", [("increase", "rose"), ("decrease", "fell")]),
    (
        "She was elected in May and sworn in in June.",
        [("election", "elected"), ("inauguration", "sworn in")],
    ),
    ("The leaders met. The deal was signed later.", [("meeting", "met"), ("signing", "signed")]),
    (
        "Soldiers opened fire before the checkpoint opened.",
        [("attack", "opened fire"), ("opening", "opened")],
    ),
    (
        "She won the election in May and won the cup in June.",
        [("election", "won the election"), ("victory", "won the cup")],
    ),
    (
        "The council voted in favour of the plan and voted him in as mayor.",
        [("election", "voted him in as")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), APART)
def test_different_events_get_different_classes(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e, sentence[start:end]) for e, start, end in classes(sentence)] == expected


NOTHING = [
    "A sign of the times.",  # the noun, not the signing
    "In the fall of that year.",  # the season
    "The land by the river.",
    "Nothing happened here.",
    "",
]


@pytest.mark.parametrize("sentence", NOTHING)
def test_no_class_where_no_event_is_named(sentence: str) -> None:
    assert classes(sentence) == []


def test_a_capitalised_word_inside_a_sentence_is_a_name() -> None:
    assert classes("Officials said Rose Tan died on Monday.") == [("death", 24, 28)]


def test_a_title_case_headline_is_read_word_by_word() -> None:
    assert classes("New President Sworn In At Noon") == [("inauguration", 14, 22)]


# WordNet relates each pair (a shared or related sense), yet the news events differ: the
# lexicon's classes are what keeps them apart
MERGED_BY_WORDNET = [
    ("sign", "signed", "ratify", "ratified"),
    ("resign", "resigned", "release", "released"),
    ("die", "died", "fall", "fell"),
]


@pytest.mark.parametrize(("lemma_a", "word_a", "lemma_b", "word_b"), MERGED_BY_WORDNET)
def test_the_lexicon_separates_what_wordnet_relates(
    lemma_a: str, word_a: str, lemma_b: str, word_b: str
) -> None:
    assert relation(lemma_a, lemma_b) is not None
    assert None is not class_of(word_a) != class_of(word_b) is not None


def test_a_gap_never_spans_a_sentence_end() -> None:
    assert classes("They held firm. Talks began.") == [("meeting", 16, 21)]


def test_offsets_point_into_the_text() -> None:
    text = "Yesterday the president took the oath of office."
    assert classes(text) == [("inauguration", 24, 47)]


# word or lemma, class (None: not an event word alone)
CLASS_OF = [
    ("inaugurate", "inauguration"),
    ("inaugurated", "inauguration"),
    ("summit", "meeting"),
    ("talks", "meeting"),
    ("talk", None),  # only the plural noun is the meeting
    ("signed", "signing"),
    ("sign", None),  # the noun is too common
    ("ratify", "ratification"),
    ("rose", "increase"),
    ("swear", None),  # only "sworn in" is the inauguration
    ("cat", None),
    ("take office", "inauguration"),  # a phrase as a whole
    ("took the oath of office", "inauguration"),
    ("come into force", "entry_into_force"),
    ("Sworn In", "inauguration"),
    ("sworn in today", None),  # more than the phrase
    ("the cat sat", None),
]


@pytest.mark.parametrize(("word", "expected"), CLASS_OF)
def test_class_of(word: str, expected: str | None) -> None:
    assert class_of(word) == expected


def test_a_phrase_must_start_and_end_with_a_word() -> None:
    with pytest.raises(ValueError, match=r"news_events.toml: \[x\] phrases: '\* meet'"):
        news_events._phrase("x", "* meet")


def test_related_classes_are_compatible_both_ways_and_no_others() -> None:
    assert news_events.compatible("opening", "inauguration")
    assert news_events.compatible("inauguration", "opening")
    assert news_events.compatible("opening", "opening")
    assert news_events.compatible("opening", None)  # a word with no class decides nothing
    assert not news_events.compatible("opening", "attack")
    assert not news_events.compatible("signing", "entry_into_force")

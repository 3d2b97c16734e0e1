"""Words and regular-expression pieces the date grammar is built from."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from factcheck.models import Qualifier

MIN_DATE = dt.date.min
MAX_DATE = dt.date.max

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name[:3].lower(): i for i, name in enumerate(calendar.day_name)})

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Words after a four-digit number that make it a count, not a year ("2000 troops").
COUNT_NOUNS = frozenset(
    """people persons troops soldiers men women children residents civilians workers
    deaths dead casualties killed wounded injured units km kilometres kilometers
    miles metres meters feet tons tonnes barrels dollars euros rubles roubles yuan
    pounds votes members cases times days hours minutes weeks months years pages
    words jobs homes houses buildings vehicles tanks drones missiles shells rounds
    prisoners refugees migrants students jets aircraft planes ships sq hectares
    acres calories points participants delegates employees staff fighters rockets
    bombs villages gmt utc bst cet cest est edt pst pdt hrs h million billion
    thousand""".split()
)
# Words after a number that make it a street address ("1600 Pennsylvania Avenue").
STREET_WORDS = frozenset(
    """avenue ave road rd street st boulevard blvd lane ln drive dr way place square
    court highway""".split()
)
# Currency codes: "NOK 2025" is an amount.
CURRENCIES = frozenset(
    """usd eur gbp nok sek dkk chf jpy cny rmb rub inr aud cad nzd hkd sgd krw brl
    zar try uah pln huf czk""".split()
)
# Words before a four-digit number that make it something other than a year.
NOT_YEAR_BEFORE = (
    frozenset(
        """$ € £ ¥ # no no. number page pages pp p. room flight route article section rule
    resolution model code about approximately roughly nearly almost some""".split()
    )
    | CURRENCIES
)
# Words right before a number that make it the title of a work: "the album 1989", "a
# film titled 1917". Not "named" or "called" ("named 2008 Coach of the Year" is a date),
# nor words that are also adjectives or verbs ("a record 2019 harvest", "a single").
TITLE_NOUNS = frozenset(
    """album albums film films movie movies book books novel novels song songs musical
    opera poem ep lp titled entitled""".split()
)
# Prepositions after which a number is a year even when a noun follows ("In 1918 women…").
YEAR_PREPOSITIONS = frozenset("in since during".split())
# Months that are also given names ("delivered by April Jones").
NAME_MONTHS = frozenset("April May June August".split())

_MONTH = (  # always case-sensitive: "may" is a verb, "March" a month
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
# Leads after which a bare month counts besides prepositions: "through June", "a June report".
_MONTH_LEADS = "through|throughout|to|and|or|a|an|the|its|their|his|her"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_SHORT = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
_WEEKDAY_PREFIX = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+(?:the\s+)?)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_DASH = r"\s*(?:[-–—]|to|through|until|till)\s*"
_END = r"(?![\w%])(?![.,]\d)"
_ORD = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"
_PART = r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|turn)\s+of)"
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.IGNORECASE)
_SEASON = r"(?:spring|summer|autumn|fall|winter)"

PREPOSITIONS: dict[str, Qualifier] = {
    "on": Qualifier.ON,
    "in": Qualifier.IN,
    "during": Qualifier.IN,
    "throughout": Qualifier.IN,
    "within": Qualifier.IN,
    "at": Qualifier.IN,
    "by": Qualifier.BY,
    "no later than": Qualifier.BY,
    "as of": Qualifier.AS_OF,
    "as at": Qualifier.AS_OF,
    "since": Qualifier.SINCE,
    "from": Qualifier.SINCE,
    "before": Qualifier.BEFORE,
    "prior to": Qualifier.BEFORE,
    "after": Qualifier.AFTER,
    "following": Qualifier.AFTER,
    "until": Qualifier.UNTIL,
    "until at least": Qualifier.UNTIL,
    "up to": Qualifier.UNTIL,
    "till": Qualifier.UNTIL,
    "through": Qualifier.UNTIL,
    "not until": Qualifier.UNTIL,
    "between": Qualifier.IN,
}
# A determiner right before a date makes it attributive: "the 2024 attack".
DETERMINERS = frozenset("""the a an his her its their our my your this that these those""".split())
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[^\w]))("
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PREPOSITIONS, key=len, reverse=True)
    )
    + r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WORD_BEFORE_RE = re.compile(r"([^\s]+)\s*$")
_WORD_AFTER_RE = re.compile(r"^[\s-]*([A-Za-z]+)")

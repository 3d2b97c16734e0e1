"""Bytes → str: pick the charset ourselves, so trafilatura never guesses.

The order, first strict success wins (a label is a hint; bytes that do not decode under
it fall through to the next candidate, so a wrong label cannot cause mojibake):

1. a byte-order mark (unambiguous; WHATWG puts it before any label);
2. a declared UTF-16/UTF-32 (the one case where step 3 could misread the bytes);
3. UTF-8, when the bytes hold non-ASCII and decode strictly. Non-ASCII text in a legacy
   charset almost never forms valid UTF-8 by accident, while servers often send a stale
   default label ("ISO-8859-1") on UTF-8 pages; trusting the label then would turn
   "café" into "cafÃ©". Pure-ASCII bytes skip this step, so 7-bit charsets such as
   ISO-2022-JP are still read by their label;
4. the charset declared by the HTTP header;
5. ``<meta charset>``, ``<meta http-equiv ... charset=...>`` or ``<?xml encoding=...?>``
   in the first 4 KB;
6. UTF-8 (for pure ASCII);
7. detection by charset-normalizer, with a tie-break of our own between the Windows code
   pages that fit equally well (it read a Spanish page as cp1250, "España" → "Espańa",
   and a German one as cp775): the code page whose letters fit one language's alphabet
   best, windows-1252 when they fit alike;
8. UTF-8 with replacement characters.

Windows-1252 and Latin-1 decode any byte string, so they must never come early by
default: they appear only when declared or detected. Labels are normalised the WHATWG
way ("latin-1", "iso-8859-1" and "us-ascii" mean windows-1252).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator

from charset_normalizer import from_bytes

__all__ = ["decode", "normalise_charset"]

_PRESCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG Encoding Standard: labels that name a superset in practice, and labels Python
# does not know. Keys are Python's canonical codec names (or the raw label).
_WHATWG = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "big5": "big5hkscs",
    "x-mac-cyrillic": "mac-cyrillic",
}
_WINDOWS = re.compile(r"cp125[0-8]")
_SAMPLE = 65536
CHAOS_TIE = 0.15
# Non-ASCII lowercase letters of languages written in the Windows code pages: de, fr, es,
# pt, it, ca, sv/fi, da/no, is, cs, sk, pl, hu, sl/hr/bs, ro, tr, et, lv, lt.
_ALPHABETS = [
    set(a)
    for a in (
        "äöüß", "àâæçéèêëîïôœùûüÿ", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóù", "àçèéíïòóúü",
        "åäöé", "æøåé", "áðéíóúýþæö", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "ąćęłńóśźż",
        "áéíóöőúüű", "čćđšž", "ăâîșțşţ", "çğıöşü", "äõöüšž", "āčēģīķļņšūž", "ąčęėįšųūž",
    )
]  # fmt: skip
# Text codecs that are not charsets a page can be written in.
_REFUSED = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "utf-7", "undefined"}
_WIDE = ("utf-16", "utf-32")


def normalise_charset(label: str | None) -> str | None:
    """Python codec name for a charset label, WHATWG-normalised; None when unusable."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_WHATWG.get(name, name)).name
    except LookupError:
        return None
    name = _WHATWG.get(name, name)
    return None if name in _REFUSED else name


def _bom(raw: bytes) -> str | None:
    return next((name for bom, name in _BOMS if raw.startswith(bom)), None)


def _prescan(raw: bytes) -> str | None:
    head = raw[:_PRESCAN]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    name = normalise_charset(found.group(1).decode("ascii", "ignore"))
    # WHATWG: a <meta> that could be read as ASCII cannot really be UTF-16/32.
    return "utf-8" if name is not None and name.startswith(_WIDE) else name


def _fit(text: str) -> float:
    """Share of the non-ASCII letters in ``text`` that one language's alphabet covers."""
    letters = Counter(c for c in text.lower() if c.isalpha() and not c.isascii())
    other = sum(n for c, n in letters.items() if c >= "\u0370")  # Greek, Cyrillic, …: fit
    total = sum(letters.values())
    if not total:
        return 1.0
    return (other + max(sum(n for c, n in letters.items() if c in a) for a in _ALPHABETS)) / total


def _detect(raw: bytes) -> str | None:
    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    # charset-normalizer often cannot tell the Windows code pages apart: several decode
    # with the same, minimal "chaos", and it picks one by a language score that is noise
    # here (a German page came out as cp775, a Spanish one as cp1250: "España" →
    # "Espańa"). Among those, take the one whose letters fit one language best, and
    # windows-1252 (the browsers' default) when they fit alike.
    # Its "chaos" is noisy on short pages too ("naïf, déjà à Noël" scored calmer as Baltic
    # cp1257), so near-ties count as ties.
    calm = {
        n for m in matches if m.chaos <= best.chaos + CHAOS_TIE for n in m.could_be_from_charset
    }
    guess = normalise_charset(best.encoding)
    rivals = {n for n in calm if _WINDOWS.fullmatch(n)} - {guess}
    if guess is None or not rivals:
        return guess
    sample = raw[:_SAMPLE]  # a cut multi-byte character costs one U+FFFD: harmless
    return max(
        sorted(rivals | {guess}),
        key=lambda n: (_fit(sample.decode(n, "replace")), n == "cp1252"),
    )


def _candidates(raw: bytes, declared: str | None) -> Iterator[str | None]:
    yield _bom(raw)
    header = normalise_charset(declared)
    if header is not None and header.startswith(_WIDE):
        yield header
    if not raw.isascii():
        yield "utf-8"
    yield header
    yield _prescan(raw)
    yield "utf-8"
    yield _detect(raw)  # lazy: runs only when everything above failed


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes: BOM, UTF-8, declared charset, <meta>, detection (see module doc).

    Args:
        raw: the body as received.
        declared: the charset parameter of the HTTP Content-Type, if any.
    """
    tried: set[str] = set()
    for name in _candidates(raw, declared):
        if name is None or name in tried:
            continue
        tried.add(name)
        try:
            return raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")

"""Which stored response a 304 speaks for (RFC 9111 §4.3.4), and which request a
stored response may answer (``Vary``, RFC 9111 §4.1).

A 304 only says "the response you hold is still good" when its validator is that
response's validator. One that names another version (a changed ETag, a changed
Last-Modified) must not refresh the stored copy: the page is fetched again instead.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["selecting_headers", "selects", "vary_matches"]


def _weak(etag: str) -> bool:
    return etag.strip().startswith(("W/", "w/"))


def _opaque(etag: str) -> str:
    """The opaque part of an entity tag, without its weakness flag."""
    etag = etag.strip()
    return etag[2:] if _weak(etag) else etag


def selects(stored: Mapping[str, str], reply: Mapping[str, str]) -> bool:
    """True when a 304 with headers ``reply`` validates the stored response's headers.

    RFC 9111 §4.3.4, for a cache holding one response per URL:

    - a strong ETag in the 304 selects a stored response with the same strong ETag;
    - otherwise a weak ETag selects one whose ETag is weakly the same, and a
      Last-Modified one whose Last-Modified is the same (both must hold when both are sent);
    - a 304 with no validator at all selects the one stored response. §4.3.4 asks that
      the stored one lack validators too, but RFC 9110 §15.4.5 does not oblige a server to
      repeat Last-Modified in a 304, and such a 304 names no other version: it answers the
      conditional request, which carried the stored response's own validators (hishel
      2.0 reads it the same way).

    Header names are lower case.
    """
    etag, modified = reply.get("etag"), reply.get("last-modified")
    kept_etag, kept_modified = stored.get("etag"), stored.get("last-modified")
    if etag is not None and not _weak(etag):
        return kept_etag is not None and not _weak(kept_etag) and kept_etag.strip() == etag.strip()
    if etag is None and modified is None:
        return True
    if etag is not None and (kept_etag is None or _opaque(kept_etag) != _opaque(etag)):
        return False
    return modified is None or (
        kept_modified is not None and kept_modified.strip() == modified.strip()
    )


def _names(vary: str) -> list[str]:
    return sorted({name.strip().lower() for name in vary.split(",") if name.strip()})


def _normal(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split())


def selecting_headers(vary: str, request: Mapping[str, str]) -> dict[str, str | None]:
    """The request's values (whitespace folded) of the headers a ``Vary`` names."""
    lowered = {k.lower(): v for k, v in request.items()}
    return {name: _normal(lowered.get(name)) for name in _names(vary)}


def vary_matches(
    vary: str, stored_request: Mapping[str, str | None], request: Mapping[str, str]
) -> bool:
    """True when ``request`` sends what the stored response's request sent for each header
    its ``Vary`` names (a ``Vary: *`` never matches)."""
    if "*" in _names(vary):
        return False
    return selecting_headers(vary, request) == {n: stored_request.get(n) for n in _names(vary)}

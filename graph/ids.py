"""Stable node identifiers, derived from content so that graphs merge without coordination.

An identifier is a relative IRI path (`actor/wladimir-putin`,
`post/cicero-nato-russland-2022-01-3f2a9c1d/c7`); the RDF mapping prefixes a base IRI.
Every identifier is a valid IRI path whatever the input holds: no spaces, controls, quotes,
angle brackets or '/' inside a segment, and no '.' or '..' segment (IRI resolution would
remove it).

Two kinds of segment:
- names (actors, commenters, sites) become slugs: normalised on purpose, so that
  "Frank-Walter Steinmeier" and "frank walter steinmeier" are one actor. ASCII where German
  spelling allows (ä -> ae, ß -> ss), percent-encoded otherwise; cut at 80 characters.
- ids the input gives (comment ids) are percent-encoded, not normalised: "C1" and "c1", or
  "a b" and "a-b", are different comments and stay different nodes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+")
_SEGMENT = re.compile(r"(?:[A-Za-z0-9\-._]|%[0-9A-F]{2})+")
"""A path segment that is a valid IRI as it stands: unreserved ASCII and percent-escapes."""
_RESERVED = "~"
"""Marks the ids that cannot stand as they are: the empty id ("~"), and "." and ".." ("~.",
"~.."), which IRI resolution would remove. Escaped in every other id, so none gives these."""


def slug(text: str, max_length: int = 80) -> str:
    """A normalised, IRI-safe name: 'Frank-Walter Steinmeier' -> 'frank-walter-steinmeier'."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_GERMAN)
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    words = _NON_WORD.sub("-", stripped).replace("_", "-").strip("-")
    words = re.sub("-{2,}", "-", words)[:max_length].strip("-")
    if not words:
        return "x-" + digest(text, 12)
    return quote(words, safe="-")


def digest(text: str, length: int = 16) -> str:
    """Hex SHA-256 prefix: stable across processes and machines (unlike hash()).
    Text that is no valid Unicode (lone surrogates) is hashed by its code points."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def id_segment(given: str) -> str:
    """An id from the input as one path segment, one to one: each distinct id its own
    segment. Plain ids ("c7", "4711", "kommentar-2") stay as they are."""
    if given in ("", ".", ".."):
        return _RESERVED + given
    # quote() keeps ASCII letters, digits and "-._~" and escapes everything else as UTF-8.
    return quote(given, safe="", errors="surrogatepass").replace(_RESERVED, "%7E")


def key_segment(key: str) -> str:
    """A key argkg made (a discussion's slug) as it stands; anything else escaped, so that a
    key from elsewhere cannot break the IRI either."""
    if _SEGMENT.fullmatch(key) and key not in (".", ".."):
        return key
    return id_segment(key)


def discussion_id(key: str) -> str:
    return f"discussion/{key_segment(key)}"


def post_id(discussion_key: str, post_key: str) -> str:
    return f"post/{key_segment(discussion_key)}/{id_segment(post_key)}"


def commenter_id(site: str, name: str) -> str:
    return f"account/{slug(site)}/{slug(name)}"


def actor_id(label: str) -> str:
    return f"actor/{slug(label)}"


def unit_id(post_node: str, index: int) -> str:
    return f"{post_node}/u{index}"


def unseen_text_id(discussion_node: str, text: str) -> str:
    return f"{discussion_node}/unseen/{digest(text)}"

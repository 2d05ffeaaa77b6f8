"""Stable node identifiers, derived from content so that graphs merge without coordination.

An identifier is a relative IRI path made of slugs (`actor/wladimir-putin`,
`post/cicero-nato-russland-2022-01-3f2a9c1d/c7`). The RDF mapping prefixes a base
IRI. Slugs are ASCII where German spelling allows (ä -> ae, ß -> ss), percent-encoded
otherwise, so every identifier is a valid IRI path whatever the input holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w]+")


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
    """Hex SHA-256 prefix: stable across processes and machines (unlike hash())."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def discussion_id(key: str) -> str:
    return f"discussion/{key}"


def post_id(discussion_key: str, post_key: str) -> str:
    return f"post/{discussion_key}/{slug(post_key)}"


def commenter_id(site: str, name: str) -> str:
    return f"account/{slug(site)}/{slug(name)}"


def actor_id(label: str) -> str:
    return f"actor/{slug(label)}"


def unit_id(post_node: str, index: int) -> str:
    return f"{post_node}/u{index}"


def unseen_text_id(discussion_node: str, text: str) -> str:
    return f"{discussion_node}/unseen/{digest(text)}"

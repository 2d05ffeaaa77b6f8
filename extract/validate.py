"""Checks that every reader applies: the thread's reply structure, and the length of texts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from argkg.discussion import ARTICLE_ID, Comment
from argkg.errors import InputError

_SHOWN = 10
MAX_TEXT_CHARS = 1_000_000
"""The longest text argkg reads (a title, a comment, an article, an id...): spaCy's own
limit (`nlp.max_length`), beyond which its tokenizer refuses a text. A text this long takes
minutes to analyse; real articles and comments are a hundredth of it."""


def check_text_length(text: str, what: str, source: str, line: int | None = None) -> None:
    """An error naming `what` (and the `line` of the file) if `text` is longer than argkg
    reads."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{what} is {len(text):,} characters long, more than the "
                         f"{MAX_TEXT_CHARS:,} argkg reads in one text; split it (into several "
                         "comments, say) or shorten it", path=source, line=line)


def check_post_lengths(article_text: str, comments: Sequence[Comment], source: str) -> None:
    """The same for texts a reader put together from many lines."""
    check_text_length(article_text, "the article's text", source)
    for comment in comments:
        check_text_length(comment.text, f"the text of comment {comment.id}", source)


def check_thread(comments: Sequence[Comment], source: str) -> None:
    """Duplicate ids, replies to unknown comments and reply cycles are errors listing the ids."""
    counts = Counter(c.id for c in comments)
    if ARTICLE_ID in counts:
        raise InputError(f"a comment has the id {ARTICLE_ID!r}, which names the article in "
                         "argkg's graph; give the comment another id", path=source)
    duplicates = [i for i, n in counts.items() if n > 1]
    if duplicates:
        raise InputError(f"duplicate comment ids: {_listing(duplicates)}", path=source)
    dangling = [c.id for c in comments if c.reply_to is not None and c.reply_to not in counts]
    if dangling:
        raise InputError(f"reply_to points to no comment in: {_listing(dangling)}", path=source)
    cyclic = _ids_on_cycles(comments)
    if cyclic:
        raise InputError(f"reply cycle among comments: {_listing(cyclic)}", path=source)


def _ids_on_cycles(comments: Sequence[Comment]) -> list[str]:
    """Ids of comments whose reply chain never reaches the article.

    Iterative, so reply chains thousands deep are fine."""
    parent = {c.id: c.reply_to for c in comments}
    reaches_article: dict[str, bool] = {}
    for start in parent:
        path, on_path, node = [], set(), start
        while node is not None and node not in reaches_article and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        verdict = node is None or reaches_article.get(node, False)
        for seen in path:
            reaches_article[seen] = verdict
    return [i for i in parent if not reaches_article[i]]


def _listing(ids: list[str]) -> str:
    shown = ", ".join(ids[:_SHOWN])
    return shown + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")

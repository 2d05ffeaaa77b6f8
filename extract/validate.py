"""Checks on a thread's reply structure that every reader applies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from argkg.discussion import Comment
from argkg.errors import InputError

_SHOWN = 10


def check_thread(comments: Sequence[Comment], source: str) -> None:
    """Duplicate ids, replies to unknown comments and reply cycles are errors listing the ids."""
    counts = Counter(c.id for c in comments)
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

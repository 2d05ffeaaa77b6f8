"""The domain model a reader produces: one discussion, an article and its comments.

Plain data, no behaviour beyond small derived views. Every reader returns
`Discussion` objects; every later stage reads them and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

ARTICLE_ID = "article"


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    author: str | None = None
    published: datetime | None = None
    teaser: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    author_bio: str | None = None


@dataclass(frozen=True)
class Comment:
    """One reader comment. `reply_to` is another comment's id, or None for the article."""

    id: str
    text: str
    author: str | None = None
    published: datetime | None = None
    reply_to: str | None = None


@dataclass(frozen=True)
class Discussion:
    id: str
    article: Article
    comments: tuple[Comment, ...] = ()
    url: str | None = None
    language: str = "de"
    source: str | None = None
    """Where the discussion was read from (a file name, for provenance)."""
    furniture: tuple[str, ...] = field(default=(), compare=False)
    """Site furniture the reader recognised and kept out of all content."""

    @property
    def participants(self) -> list[str]:
        """Named authors in order of first appearance, the article's author first."""
        names = [self.article.author] + [c.author for c in self.comments]
        return list(dict.fromkeys(n for n in names if n))

    def comment(self, comment_id: str) -> Comment:
        for c in self.comments:
            if c.id == comment_id:
                return c
        raise KeyError(comment_id)

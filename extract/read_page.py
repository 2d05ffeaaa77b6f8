"""Plain-text scrapes of German news pages: article, author block, site furniture, comments.

The page family this reader serves (a copy of the visible text of a news page):

    image alt text / caption with credit ("... / dpa")
    title
    teaser
    author block ("Autoreninfo", biography, "So erreichen Sie <Autor>:")
    article body
    paywall offers, comment-section notices
    comments, each headed "Name | Sa., 8. Januar 2022 - 18:19" (other separators too)

Furniture rules live in `data/page_furniture.yaml`; replies that the scrape merged into
another comment's block are split off by `argkg.extract.inline_replies`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from argkg.discussion import Article, Comment, Discussion
from argkg.errors import InputError
from argkg.extract.dates import localize, parse_german_datetime
from argkg.extract.inline_replies import RawComment, split_inline_replies
from argkg.extract.resources import packaged_yaml
from argkg.extract.validate import check_post_lengths, check_text_length
from argkg.graph.ids import digest, slug

_HEADER_SEPARATORS = re.compile(r"\s+(?:\||•|·|–|—|-|am)\s+|\s*\|\s*|,\s+(?=\w+\.?,?\s+\d)")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")


@dataclass(frozen=True)
class PageRules:
    """The compiled furniture rules (see data/page_furniture.yaml)."""

    drop_line: tuple[re.Pattern, ...]
    author_heading: tuple[re.Pattern, ...]
    paywall_start: tuple[re.Pattern, ...]
    comment_notices: tuple[re.Pattern, ...]
    image_credit: tuple[re.Pattern, ...]
    author_line: tuple[re.Pattern, ...]
    bio_author: tuple[re.Pattern, ...]

    @classmethod
    def packaged(cls) -> PageRules:
        data = packaged_yaml("page_furniture.yaml")
        sensitive = {"author_line", "bio_author"}

        def compile_all(key: str) -> tuple[re.Pattern, ...]:
            flags = 0 if key in sensitive else re.IGNORECASE
            return tuple(re.compile(p, flags) for p in data.get(key, []))

        return cls(**{name: compile_all(name) for name in cls.__dataclass_fields__})


def _first_match(patterns: tuple[re.Pattern, ...], line: str) -> re.Match | None:
    return next((m for p in patterns if (m := p.search(line))), None)


def parse_comment_header(line: str) -> tuple[str, object] | None:
    """(author, naive datetime) if `line` heads a comment ("Name | Sa., 8. Januar 2022 - 18:19")."""
    line = line.strip()
    if not line or len(line) > 160:
        return None
    for separator in _HEADER_SEPARATORS.finditer(line):
        name, when = line[: separator.start()].strip(), line[separator.end():].strip()
        moment = parse_german_datetime(when)
        if moment and _looks_like_name(name):
            return name, moment
    return None


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not 0 < len(name) <= 80 or len(words) > 6 or name.endswith(("!", "?", ":", ",")):
        return False
    return not name.endswith(".") or len(words[-1]) <= 3  # "Karl K." ends on an initial


@dataclass
class _ArticleParts:
    paragraphs: list[list[str]] = field(default_factory=list)
    author: str | None = None
    bio: str | None = None
    furniture: list[str] = field(default_factory=list)


def read_page(text: str, source: str, timezone: ZoneInfo) -> Discussion:
    """One discussion from the text of a page scrape."""
    rules = PageRules.packaged()
    lines = text.splitlines()
    _check_line_lengths(lines, source)
    headers = [(i, h) for i, line in enumerate(lines) if (h := parse_comment_header(line))]
    first_comment = headers[0][0] if headers else len(lines)
    parts = _split_article_lines(lines[:first_comment], rules)
    article = _assemble_article(parts, rules, source)
    # Each comment runs to the next header, the last to the end; no headers, no comments.
    ends = [i for i, _ in headers[1:]] + ([len(lines)] if headers else [])
    raw_comments = [
        _raw_comment(lines[start + 1 : end], name, localize(moment, timezone), rules, parts)
        for (start, (name, moment)), end in zip(headers, ends, strict=True)
    ]
    replies = split_inline_replies(raw_comments, article_author=article.author)
    comments = tuple(
        Comment(id=f"c{n}", text=c.text, author=c.author, published=c.published,
                reply_to=None if c.reply_to is None else f"c{c.reply_to + 1}")
        for n, c in enumerate(replies, start=1)
    )
    check_post_lengths(article.text, comments, source)
    key = f"{slug(article.title, 60)}-{digest(article.title + '|' + (article.author or ''), 8)}"
    return Discussion(id=key, article=article, comments=comments, source=source,
                      furniture=tuple(parts.furniture))


def _check_line_lengths(lines: list[str], source: str) -> None:
    """A line longer than any text argkg reads is refused before the furniture rules
    search it; texts are checked again once the comments are told apart."""
    for number, line in enumerate(lines, start=1):
        check_text_length(line, "the line", source, line=number)


def _split_article_lines(lines: list[str], rules: PageRules) -> _ArticleParts:
    """Paragraphs of the article region with furniture, author lines and bio taken out."""
    parts = _ArticleParts()
    current: list[str] = []
    in_paywall = in_bio = False
    for raw in lines + [""]:
        line = raw.strip()
        if not line:
            if current:
                parts.paragraphs.append(current)
                current = []
            in_bio = in_bio and parts.bio is None
            continue
        if in_paywall or _first_match(rules.paywall_start, line):
            in_paywall = True
            parts.furniture.append(line)
        elif author := _first_match(rules.author_line, line):
            parts.author = parts.author or author["author"].strip()
            parts.furniture.append(line)
        elif _first_match(rules.author_heading, line):
            parts.furniture.append(line)
            in_bio = True
        elif in_bio:
            parts.bio = f"{parts.bio} {line}" if parts.bio else line
        elif _first_match(rules.drop_line, line) or _first_match(rules.comment_notices, line):
            parts.furniture.append(line)
        else:
            current.append(line)
    return parts


def _assemble_article(parts: _ArticleParts, rules: PageRules, source: str) -> Article:
    paragraphs = list(parts.paragraphs)
    caption, credit = _take_image_block(paragraphs, rules, parts.furniture)
    if not paragraphs:
        raise InputError("no article title found (expected a title line before the text)",
                         path=source, place="line 1")
    title = " ".join(paragraphs.pop(0))
    teaser = " ".join(paragraphs.pop(0)) if len(paragraphs) >= 2 else None
    body = ["\n".join(p) for p in paragraphs]
    author = parts.author or _author_from_bio(parts.bio, rules)
    return Article(
        title=title,
        text="\n\n".join(([teaser] if teaser else []) + body),
        author=author,
        teaser=teaser,
        image_caption=caption,
        image_credit=credit,
        author_bio=parts.bio,
    )


def _take_image_block(paragraphs: list[list[str]], rules: PageRules, furniture: list[str]):
    """Remove a leading image block (alt text, caption ending in a credit) from `paragraphs`."""
    for index, paragraph in enumerate(paragraphs[:2]):
        for line_no, line in enumerate(paragraph):
            credit = _first_match(rules.image_credit, line)
            if credit and len(paragraphs) > index + 1:
                furniture.extend(sum(paragraphs[:index], []) + paragraph[:line_no])
                del paragraphs[: index + 1]
                caption = line[: credit.start()].strip() or None
                return caption, credit["credit"].strip()
    return None, None


def _author_from_bio(bio: str | None, rules: PageRules) -> str | None:
    match = _first_match(rules.bio_author, bio) if bio else None
    return match["author"] if match else None


def _raw_comment(lines, author, published, rules: PageRules, parts: _ArticleParts) -> RawComment:
    paragraphs: list[list[str]] = [[]]
    for raw in lines:
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
        elif _first_match(rules.comment_notices, line):
            parts.furniture.append(line)
        else:
            paragraphs[-1].append(line)
    texts = _drop_trailing_debris([p for p in paragraphs if p])
    return RawComment(author=author, published=published, paragraphs=tuple(texts))


def _drop_trailing_debris(paragraphs: list[list[str]]) -> list[str]:
    """Paragraph texts without stray scrape leftovers (a lone "," after the last sentence)."""
    while paragraphs and _PUNCTUATION_ONLY.match(paragraphs[-1][-1]):
        paragraphs[-1].pop()
        if not paragraphs[-1]:
            paragraphs.pop()
    return ["\n".join(p) for p in paragraphs]

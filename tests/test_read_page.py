"""The page-scrape reader against the gold reading of the bundled example, and beyond it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.extract.read_page import parse_comment_header, read_page

DATA = Path(__file__).parent / "data"

BERLIN = ZoneInfo("Europe/Berlin")
PAGE = DATA / "cicero-nato-russland-2022-01.txt"
GOLD = json.loads((DATA / "cicero-nato-russland-2022-01.gold.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def discussion():
    return read_page(PAGE.read_text("utf-8"), str(PAGE), BERLIN)


def test_article_matches_gold(discussion):
    article, gold = discussion.article, GOLD["article"]
    assert article.title == gold["title"]
    assert article.author == gold["author"]
    assert article.teaser.startswith(gold["teaser_starts"])
    assert article.text.startswith(gold["teaser_starts"])
    for start in gold["body_starts"]:
        assert "\n\n" + start in article.text
    assert article.image_caption == gold["image_caption"]
    assert article.image_credit == gold["image_credit"]


def test_comments_match_gold_in_order(discussion):
    assert len(discussion.comments) == len(GOLD["comments"]) == 21
    ids = {c.id: n for n, c in enumerate(discussion.comments, start=1)}
    for comment, gold in zip(discussion.comments, GOLD["comments"], strict=True):
        assert comment.author == gold["author"], gold["n"]
        assert comment.text.startswith(gold["starts"]), gold["n"]
        expected = None if gold["published"] is None else datetime.fromisoformat(gold["published"])
        assert comment.published == expected, gold["n"]
        if comment.published is not None:
            assert comment.published.tzinfo is not None
            assert comment.published.utcoffset() == expected.utcoffset()
        replied = "article" if comment.reply_to is None else ids[comment.reply_to]
        assert replied == gold["reply_to"], gold["n"]


def test_no_furniture_in_any_content(discussion):
    contents = [discussion.article.text, discussion.article.title] + [
        c.text for c in discussion.comments]
    for furniture in GOLD["boilerplate_not_in_any_claim"]:
        assert not any(furniture in text for text in contents), furniture
        assert any(f.startswith(furniture) or furniture in f for f in discussion.furniture)
    assert "Thomas Jäger ist Professor" in discussion.article.author_bio
    assert "Professor für Internationale" not in discussion.article.text


def test_trailing_scrape_debris_is_dropped(discussion):
    assert discussion.comments[19].text.endswith("Einfach mal neu denken!!!!")


@pytest.mark.parametrize("line, author, when", [
    ("Andre Möller | Sa., 8. Januar 2022 - 18:19", "Andre Möller", datetime(2022, 1, 8, 18, 19)),
    ("W.D. Hohe | So., 9. Januar 2022 - 00:05", "W.D. Hohe", datetime(2022, 1, 9, 0, 5)),
    ("Maria Huber • Dienstag, 3. Mai 2023, 7:05 Uhr", "Maria Huber", datetime(2023, 5, 3, 7, 5)),
    ("Ö. Yilmaz – 14.02.2024 21:30", "Ö. Yilmaz", datetime(2024, 2, 14, 21, 30)),
    ("Karl K. am 1. Dezember 2021 um 09:15", "Karl K.", datetime(2021, 12, 1, 9, 15)),
    ("Sepp | Mi., 10. Jänner 2024 - 12:00", "Sepp", datetime(2024, 1, 10, 12, 0)),
])
def test_comment_headers_in_common_forms(line, author, when):
    assert parse_comment_header(line) == (author, when)


@pytest.mark.parametrize("line", [
    "Am 12. Januar soll erneut der Nato-Russland-Rat einberufen werden.",
    "Während der Olympiade im August 2008 in Peking eskalierte der Krieg.",
    "Er sagte | am 3. März 2022 sei alles vorbei gewesen und dann ging es weiter und weiter.",
    "",
])
def test_prose_is_not_a_comment_header(line):
    assert parse_comment_header(line) is None


OTHER_PAGE = """Foto: Reuters
Demonstranten vor dem Kanzleramt

Streit um Waffenlieferungen

Die Koalition ringt um ihre Linie. Ein Überblick.

Von Anna Beispiel

Der erste Absatz des Artikels.

Der zweite Absatz.

Jetzt weiterlesen mit Z+
Nur 1 € im ersten Monat

Kommentare sind geschlossen.

Peter Pan | Di., 1. März 2022 - 09:00

Erster Kommentar.

Lieber Herr Pan, da irren Sie.

Lisa Lustig | Mi., 2. März 2022 - 10:30

@Pan: Sehe ich anders.
"""


def test_another_page_of_the_family():
    d = read_page(OTHER_PAGE, "other.txt", BERLIN)
    assert d.article.title == "Streit um Waffenlieferungen"
    assert d.article.author == "Anna Beispiel"
    assert d.article.teaser == "Die Koalition ringt um ihre Linie. Ein Überblick."
    assert "weiterlesen" not in d.article.text and "Der zweite Absatz." in d.article.text
    assert [c.author for c in d.comments] == ["Peter Pan", None, "Lisa Lustig"]
    assert [c.reply_to for c in d.comments] == [None, "c1", "c1"]
    assert d.comments[2].published == datetime(2022, 3, 2, 10, 30, tzinfo=BERLIN)

"""Replies merged into another comment's block are split off and linked to the addressee."""

from __future__ import annotations

from argkg.extract.inline_replies import RawComment, split_inline_replies


def raw(author, *paragraphs):
    return RawComment(author=author, published=None, paragraphs=paragraphs)


def test_opening_address_splits_off_a_reply_to_the_block_author():
    comments = [raw("Fritz Elvers", "Erster Gedanke.", "Hmm Hr. Elvers, da irren Sie.", "Mehr.")]
    result = split_inline_replies(comments, article_author=None)
    assert [c.author for c in result] == ["Fritz Elvers", None]
    assert result[1].paragraphs == ("Hmm Hr. Elvers, da irren Sie.", "Mehr.")
    assert result[1].reply_to == 0


def test_closing_vocative_in_the_first_sentence_addresses_an_earlier_commenter():
    comments = [raw("Anna Alt", "A."), raw("Bert Bunt", "B.", "Unsinn, verehrte Frau Alt. Punkt.")]
    result = split_inline_replies(comments, article_author=None)
    assert [(c.author, c.reply_to) for c in result] == [
        ("Anna Alt", None), ("Bert Bunt", None), (None, 0)]


def test_the_article_author_and_strangers_do_not_split():
    comments = [raw("Anna Alt", "A.", "Herr Professor Jäger, Sie irren.",
                    "Liebe Frau Merkel, so nicht.", "Das sagte schon Herr Alt.")]
    result = split_inline_replies(comments, article_author="Thomas Jäger")
    assert len(result) == 1 and len(result[0].paragraphs) == 4


def test_a_headed_comment_that_opens_with_an_address_replies_to_that_commenter():
    comments = [raw("Anna Alt", "A."), raw("Bert Bunt", "B."), raw("Cem Cay", "@Alt: nein.")]
    result = split_inline_replies(comments, article_author=None)
    assert [c.reply_to for c in result] == [None, None, 0]

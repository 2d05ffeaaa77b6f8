"""Sentence boundaries in comment text."""

from __future__ import annotations

import spacy

from argkg.extract.segment import SentenceSplitter


def sentences(text: str) -> list[str]:
    nlp = spacy.blank("de")
    doc = SentenceSplitter(["Art", "inkl"])(nlp.make_doc(text))
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_line_breaks_are_hard_boundaries():
    assert sentences("Erster Gedanke ohne Punkt\nZweiter Gedanke") == [
        "Erster Gedanke ohne Punkt", "Zweiter Gedanke"]


def test_abbreviations_do_not_end_sentences():
    assert sentences("Teil der Nato (inkl. Art. 5) zu sein. Gut so.") == [
        "Teil der Nato (inkl. Art. 5) zu sein.", "Gut so."]


def test_missing_space_after_full_stop_still_splits():
    assert sentences("Sie reagieren.Kriegstreiber waren die USA.") == [
        "Sie reagieren.", "Kriegstreiber waren die USA."]


def test_lower_case_after_a_stop_continues_the_sentence():
    assert sentences("Das ist z. B. so. und mehr") == ["Das ist z. B. so. und mehr"]


def test_ordinals_do_not_end_a_sentence():
    from argkg.extract.nlp import make_pipeline

    doc = make_pipeline()("Am 12. Januar tagt der Rat. Danach wird es ernst.")
    assert [s.text for s in doc.sents] == ["Am 12. Januar tagt der Rat.", "Danach wird es ernst."]

"""The cue matcher: phrases, prefixes, gaps, folding."""

from argkg.extract.lexicon import CueMatcher, fold


def words(text):
    return [fold(w) for w in text.replace(",", " ,").split()]


def test_phrases_prefixes_and_gaps():
    matcher = CueMatcher([("selten so gelacht", "a"), ("provokation*", "b"),
                          ("sie haben … recht", "c"), ("muss", "d")])
    hits = matcher.find(words("Selten so gelacht , Sie haben völlig und ganz recht"))
    assert [(h.start, h.end, h.value) for h in hits] == [(0, 3, "a"), (4, 10, "c")]
    assert [h.value for h in matcher.find(words("die Provokationen der Nato"))] == ["b"]
    assert [h.value for h in matcher.find(words("man muß"))] == ["d"]


def test_gap_is_bounded_and_prefix_needs_the_whole_prefix():
    matcher = CueMatcher([("sie haben … recht", 1), ("provokation*", 2)])
    assert not matcher.find(words("sie haben a b c d e recht"))
    assert not matcher.find(words("provozieren"))

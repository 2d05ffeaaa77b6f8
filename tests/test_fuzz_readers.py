"""Property tests for the readers: whatever the text or bytes, a reader gives discussions or
an ArgkgError (a one-line message naming the file), never another exception; and what the
JSON and microtext readers read is what the input says.
"""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import BERLIN
from hypothesis import example, given
from hypothesis import strategies as st

from argkg.discussion import Discussion
from argkg.errors import ArgkgError
from argkg.extract.read import read_discussions
from argkg.extract.read_amc import read_amc
from argkg.extract.read_json import read_json, read_jsonl
from argkg.extract.read_page import read_page
from argkg.graph.ids import slug

# --- What inputs look like -------------------------------------------------------------------

# Text as readers meet it (valid Unicode: decoding bytes never yields lone surrogates).
TEXT = st.text(max_size=60)
SHORT = st.text(max_size=12)
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        TEXT)
JSON_VALUE = st.recursive(JSON_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(SHORT, inner, max_size=4)), max_leaves=12)
TIME = st.one_of(st.none(), st.datetimes().map(lambda t: t.isoformat()),
                 st.sampled_from(["2022-01-08T12:00:00+01:00", "2022-13-01", "gestern", ""]))


def _maybe(value):
    """A field as it should be, missing, or of the wrong type."""
    return st.one_of(value, st.none(), JSON_VALUE)


@st.composite
def json_discussion(draw, well_formed: bool = False) -> dict:
    """A discussion as JSON data: well formed, or with any field missing or mistyped."""
    field = (lambda strategy: strategy) if well_formed else _maybe
    count = draw(st.integers(0, 5))
    ids = draw(st.lists(st.one_of(TEXT, st.integers(-5, 10**6)), min_size=count,
                        max_size=count, unique_by=str))
    comments = [{"id": comment_id,
                 "author": draw(field(st.one_of(st.none(), TEXT))),
                 "published": draw(field(TIME)) if not well_formed else None,
                 "text": draw(field(TEXT)),
                 # Only earlier comments, so that a well-formed thread has no cycle.
                 "reply_to": draw(st.one_of(st.none(), st.sampled_from(ids[:n])))
                 if n else None}
                for n, comment_id in enumerate(ids)]
    return {"id": draw(field(st.one_of(st.none(), TEXT))),
            "url": draw(field(st.one_of(st.none(), TEXT))),
            "language": draw(field(st.sampled_from(["de", "en"]))),
            "article": {"title": draw(field(TEXT)), "text": draw(field(TEXT)),
                        "author": draw(field(st.one_of(st.none(), TEXT))),
                        "teaser": draw(field(st.one_of(st.none(), TEXT)))},
            "comments": draw(field(st.just(comments)))}


def outcome(read, *args) -> list[Discussion] | str:
    """What a reader gives: its discussions, or the message of the ArgkgError it raised. Any
    other exception propagates and fails the test."""
    try:
        result = read(*args)
        return list(result) if not isinstance(result, Discussion) else [result]
    except ArgkgError as error:
        assert str(error).strip() and "\n" not in str(error), "one line, saying something"
        return str(error)


def read_bytes(data: bytes, name: str, fmt: str | None):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return outcome(lambda: list(read_discussions(path, BERLIN, fmt)))


# --- JSON and JSON Lines -----------------------------------------------------------------------


@given(TEXT)
@example("[" * 3000)  # nesting deeper than the JSON parser's recursion
@example("1" * 4301)  # an integer longer than int() accepts
def test_json_reader_on_any_text(text):
    outcome(read_json, text, "any.json", BERLIN)


@given(JSON_VALUE)
def test_json_reader_on_any_json_value(value):
    outcome(read_json, json.dumps(value), "any.json", BERLIN)


@given(json_discussion())
def test_json_reader_on_discussions_with_broken_fields(data):
    outcome(read_json, json.dumps(data), "broken.json", BERLIN)


@given(json_discussion(well_formed=True))
def test_json_reads_back_what_it_says(data):
    [discussion] = outcome(read_json, json.dumps(data, ensure_ascii=False), "d.json", BERLIN)
    article = data["article"]
    assert (discussion.article.title, discussion.article.text) == (article["title"],
                                                                  article["text"])
    assert discussion.article.author == article["author"]
    assert discussion.url == data["url"]
    assert [c.id for c in discussion.comments] == [str(c["id"]) for c in data["comments"]]
    assert [c.text for c in discussion.comments] == [c["text"] for c in data["comments"]]
    assert [c.reply_to for c in discussion.comments] == [
        None if c["reply_to"] is None else str(c["reply_to"]) for c in data["comments"]]
    if data["id"]:
        assert discussion.id == slug(data["id"])


def texts_of(discussion: Discussion) -> list[str]:
    article = discussion.article
    fields = [discussion.id, discussion.url, discussion.language, article.title, article.text,
              article.author, article.teaser]
    fields += [field for c in discussion.comments for field in (c.id, c.text, c.author)]
    return [field for field in fields if field is not None]


# JSON escapes can spell lone surrogates ("\ud800"), which no UTF-8 file can hold.
ESCAPED_ANYTHING = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)


@given(ESCAPED_ANYTHING, ESCAPED_ANYTHING)
@example("\ud800", "x")
def test_json_gives_only_text_that_can_be_written(title, text):
    """Or the build would fail writing its files: valid Unicode, or an error now."""
    document = json.dumps({"article": {"title": title, "text": text}})  # ASCII, with escapes
    read = outcome(read_json, document, "d.json", BERLIN)
    for discussion in read if isinstance(read, list) else []:
        for field in texts_of(discussion):
            field.encode("utf-8")


@given(st.lists(st.one_of(json_discussion(well_formed=True).map(json.dumps), TEXT),
                max_size=4))
def test_json_lines_reader_reads_each_line_as_the_json_reader_would(lines):
    whole = outcome(read_jsonl, "\n".join(lines), "d.jsonl", BERLIN)
    one_by_one = [outcome(read_json, line, "d.jsonl", BERLIN) for line in lines
                  if line.strip() and "\n" not in line and "\r" not in line]
    if isinstance(whole, list) and len(one_by_one) == len(lines):
        assert whole == [d for each in one_by_one for d in each]


# --- Page scrapes ------------------------------------------------------------------------------

HEADER = st.tuples(st.text(st.characters(categories=("L",)), min_size=1, max_size=20),
                   st.sampled_from([" | ", " · ", " – ", " am "]),
                   st.datetimes().map(lambda t: t.strftime("%d.%m.%Y %H:%M")))


@st.composite
def page_text(draw) -> str:
    """A scrape: a title, paragraphs, and comments under "Name | date" headers."""
    lines = [draw(TEXT), ""] + draw(st.lists(TEXT, max_size=4))
    for name, separator, when in draw(st.lists(HEADER, max_size=4)):
        lines += [f"{name}{separator}{when}"] + draw(st.lists(TEXT, max_size=3))
    return "\n".join(lines)


@given(TEXT)
@example("Titel\n\nText")  # a page without comments
@example("Titel\n\nText\n\nAnna | 8. Januar 0001 - 00:00\nHallo")
def test_page_reader_on_any_text(text):
    outcome(read_page, text, "any.txt", BERLIN)


@given(page_text())
def test_page_reader_on_page_like_text(text):
    first = outcome(read_page, text, "page.txt", BERLIN)
    assert outcome(read_page, text, "page.txt", BERLIN) == first  # and deterministic


# --- Microtext argument graphs ----------------------------------------------------------------

XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)


@st.composite
def arggraph(draw) -> tuple[str, str, list[str]]:
    """(XML, graph id, EDU texts) of a well-formed microtext with fuzzed ids and texts."""
    graph_id = draw(XML_TEXT.filter(str.strip))
    texts = draw(st.lists(XML_TEXT.filter(lambda t: t.split()), min_size=1, max_size=4))
    root = ET.Element("arggraph", id=graph_id)
    for n, text in enumerate(texts, start=1):
        ET.SubElement(root, "edu", id=f"e{n}").text = text
        ET.SubElement(root, "adu", id=f"a{n}", type="pro")
        ET.SubElement(root, "edge", id=f"c{n}", src=f"e{n}", trg=f"a{n}", type="seg")
    return ET.tostring(root, encoding="unicode"), graph_id, texts


@given(TEXT)
@example('<arggraph id="\ud800"><edu id="e1">x</edu></arggraph>')
def test_microtext_reader_on_any_text(text):
    outcome(read_amc, text, "any.xml")


@given(st.lists(st.sampled_from(["<arggraph", ' id="x"', ">", "</arggraph>", "<edu",
                                 ' id="e1"', "<adu", ' type="pro"', "<edge", ' src="e1"',
                                 ' trg="a1"', ' type="seg"', ' type="und"', "/>", "</edu>",
                                 "<![CDATA[", "]]>", "&amp;", "&x;", "<!DOCTYPE a>", "text"]),
                max_size=20).map("".join))
def test_microtext_reader_on_xml_like_text(text):
    outcome(read_amc, text, "any.xml")


@given(arggraph())
def test_microtext_reads_back_its_segments(xml_and_parts):
    xml, graph_id, texts = xml_and_parts
    [discussion] = outcome(read_amc, xml, "m.xml")
    # XML normalises line ends; the reader then joins all whitespace to single spaces.
    assert discussion.article.text == " ".join(" ".join(t.split()) for t in texts)
    assert discussion.article.title == graph_id.strip()
    assert discussion.id == slug(graph_id.strip())


# --- Files, as the command line reads them -----------------------------------------------------

FILE_NAMES = st.sampled_from(["in.txt", "in.json", "in.jsonl", "in.xml", "in.dat"])


@given(st.binary(max_size=200), FILE_NAMES, st.sampled_from([None, "page", "json", "jsonl",
                                                           "amc"]))
@example(b"\xff\xfe" + "Titel\n\nText".encode("utf-16-le"), "in.txt", None)
@example(b'{"article": {"title": "T", "text": "x"}}\n{', "in.jsonl", None)
def test_any_bytes_in_any_format(data, name, fmt):
    read_bytes(data, name, fmt)


@given(st.one_of(json_discussion().map(json.dumps), page_text()), FILE_NAMES,
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_plausible_files_in_any_encoding(text, name, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    read_bytes(data, name, None)

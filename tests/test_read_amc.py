"""Microtext argument graphs (Argumentative Microtext Corpus XML) as input: reading,
format detection and errors."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.errors import InputError
from argkg.extract.read import read_discussions
from argkg.extract.read_amc import parse_arggraph

AMC = Path(__file__).parent / "data" / "amc"
BERLIN = ZoneInfo("Europe/Berlin")


def read(path: Path, fmt: str | None = None):
    return list(read_discussions(path, BERLIN, fmt))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def arggraph(body: str) -> str:
    return ('<?xml version="1.0"?>\n<arggraph id="micro_t" topic_id="t" stance="pro">\n'
            f"{body}\n</arggraph>\n")


GOOD_BODY = """<edu id="e1"><![CDATA[Alle sollten Rad fahren.]]></edu>
<edu id="e2"><![CDATA[Es ist gesund.]]></edu>
<adu id="a1" type="pro"/><adu id="a2" type="pro"/>
<edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
<edge id="c3" src="a2" trg="a1" type="sup"/>"""


def test_a_microtext_is_one_article_of_its_edus_without_comments():
    [discussion] = read(AMC / "micro_k001.xml")
    assert discussion.id == "micro-k001"
    assert discussion.article.title == "micro_k001"
    assert discussion.article.text.startswith(
        "Die Innenstädte sollten für private Autos gesperrt werden. Lärm und Abgase")
    assert discussion.article.text.endswith("sodass niemand auf ein eigenes Auto angewiesen ist.")
    assert discussion.comments == ()
    assert discussion.article.author is None
    assert discussion.source == str(AMC / "micro_k001.xml")


def test_edu_texts_lose_their_line_breaks_and_join_with_single_spaces():
    [discussion] = read(AMC / "micro_k002.xml")
    assert ("Viele Kinder sitzen abends noch stundenlang am Schreibtisch, obwohl sie längst "
            "müde sind.") in discussion.article.text
    assert "  " not in discussion.article.text and "\n" not in discussion.article.text


def test_the_structure_is_kept_in_document_order():
    graph = parse_arggraph((AMC / "micro_k001.xml").read_text("utf-8"), "k001")
    assert list(graph.edus) == [f"e{n}" for n in range(1, 8)]
    assert graph.adus["a4"] == "opp"
    assert graph.topic_id == "autofreie_innenstadt" and graph.stance == "pro"
    undercut = graph.edge("c11")
    assert (undercut.src, undercut.trg, undercut.type) == ("a5", "c10", "und")


def test_an_arggraph_is_recognised_by_its_content_or_named_with_format(tmp_path):
    text = arggraph(GOOD_BODY)
    [by_content] = read(write(tmp_path, "micro_t.graph", text))
    # A leading comment hides what the file is: only --format amc says so.
    commented = "<!-- Mikrotext -->\n" + text.split("\n", 1)[1]
    with pytest.raises(InputError, match="unknown input format"):
        read(write(tmp_path, "micro_t.data", commented))
    [by_name] = read(write(tmp_path, "micro_t.data", commented), "amc")
    assert by_content.article.text == by_name.article.text
    assert by_name.article.text == "Alle sollten Rad fahren. Es ist gesund."


@pytest.mark.parametrize(("text", "message", "place"), [
    (arggraph("<edu id='e1'>Text</edu"), "not valid XML", "line 4 column"),
    (arggraph(GOOD_BODY + '<edge id="c9" src="a2" trg="a1" type="xyz"/>'),
     "unknown edge type 'xyz'", "<edge id='c9'>"),
    (arggraph(GOOD_BODY + '<edge id="c9" src="a2" trg="a7" type="reb"/>'),
     "needs an ADU here, but 'a7' is not one", "<edge id='c9'>"),
    (arggraph(GOOD_BODY + '<edge id="c9" src="a2" trg="a1" type="und"/>'),
     "needs an edge here", "<edge id='c9'>"),
    (arggraph(GOOD_BODY + '<adu id="e2" type="pro"/>'), "the id 'e2' is used twice", None),
    (arggraph('<edu id="e1">   </edu>'), "the EDU has no text", "<edu id='e1'>"),
    (arggraph('<adu id="a1" type="pro"/>'), "no <edu> elements", None),
    (arggraph(GOOD_BODY + '<edge src="a2" trg="a1" type="sup"/>'), "missing attribute 'id'",
     "<edge> number 4"),
    ('<?xml version="1.0"?><other id="x"/>', "no <arggraph> root", None),
])
def test_broken_argument_graphs_name_file_place_and_problem(tmp_path, text, message, place):
    path = write(tmp_path, "broken.xml", text)
    with pytest.raises(InputError) as caught:
        read(path)
    assert message in caught.value.problem
    assert caught.value.path == str(path)
    if place:
        assert caught.value.place.startswith(place)


def test_a_root_that_is_not_arggraph_is_refused_even_when_named_amc(tmp_path):
    path = write(tmp_path, "x.xml", '<graph><arggraph id="inner"/></graph>')
    with pytest.raises(InputError, match="expected an <arggraph> root element, found <graph>"):
        read(path, "amc")

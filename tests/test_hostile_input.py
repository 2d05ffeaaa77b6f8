"""Hostile and broken input: every case gives a correct output or a one-line error with a
documented exit code, never a traceback (issue 7).

Empty and binary files; Latin-1, cp1252, UTF-16 and UTF-32; a 50 MB line; 100,000
comments; a 10,000-deep reply chain; broken threads; broken lines of JSON Lines with and
without --skip-bad; HTML, control characters, right-to-left text and emoji in every field.
"""

from __future__ import annotations

import codecs
import json
import logging
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from argkg.cli import main
from argkg.errors import EXIT_BAD_INPUT, EXIT_OK, EXIT_SKIPPED, InputError
from argkg.extract.read import read_discussions
from argkg.extract.validate import MAX_TEXT_CHARS
from argkg.pipeline import OUTPUTS, BuildOptions, read_all

BERLIN = ZoneInfo("Europe/Berlin")
FIXED_TIME = {"SOURCE_DATE_EPOCH": "1641600000"}
FIFTY_MB = 50 * 1024 * 1024


def discussion(id="d1", comments=None, **article) -> dict:
    return {"id": id, "url": f"https://example.org/{id}",
            "article": {"title": "Titel", "author": "Anna Autorin",
                        "published": "2022-01-08T12:00:00+01:00",
                        "text": "Putin droht der Nato.", **article},
            "comments": comments if comments is not None else [
                {"id": "c1", "author": "Bea", "text": "Die Nato ist schuld.", "reply_to": None},
                {"id": "c2", "author": "Cem", "text": "Unsinn, sagt Putin.", "reply_to": "c1"}]}


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def read(path: Path, fmt: str | None = None) -> list:
    return list(read_discussions(path, BERLIN, fmt))


def build(*args: str):
    """`argkg build ARGS` in this process: the exit code, stdout and stderr apart."""
    return CliRunner().invoke(main, ["build", *args, "-q"], env=FIXED_TIME)


def assert_one_line_error(result, exit_code: int, *phrases: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("argkg: error: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])


# --- Empty and binary files ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.json", "empty.jsonl", "empty.txt", "blank.json"])
def test_an_empty_file_is_a_one_line_error(tmp_path, name):
    source = write(tmp_path / name, "  \n\n" if name.startswith("blank") else b"")
    result = build(str(source), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, name, "the file is empty")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["picture.json", "picture.jsonl", "picture.txt"])
def test_a_binary_file_is_a_one_line_error(tmp_path, name):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8
    result = build(str(write(tmp_path / name, png)), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, name, "binary")


# --- Encodings -----------------------------------------------------------------------------------

GERMAN = "Grüße aus Köln: „Die Nato“ – sagt Jürgen – kostet 5 €."
"""Umlauts, ß, German quotes, a dash and the euro sign: cp1252 has them all, Latin-1 all
but the quotes, the dash and the euro."""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252", "latin-1"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "txt"])
def test_every_usual_encoding_is_read(tmp_path, encoding, fmt):
    text = GERMAN if encoding != "latin-1" else "Grüße aus Köln, sagt Jürgen."
    if fmt == "txt":
        content = f"{text}\n\nPutin droht der Nato. {text}\n"
    else:
        content = json.dumps(discussion(title=text, text=f"Putin droht. {text}"),
                             ensure_ascii=False) + "\n"
    data = content.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # with their byte order mark, as editors save
        data = codecs.BOM_UTF16_LE + data if encoding.endswith("le") else codecs.BOM_UTF16_BE + data
    [found] = read(write(tmp_path / f"in.{fmt}", data))
    assert found.article.title == text
    assert text in found.article.text


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_bytes_that_are_not_utf8_are_read_as_cp1252_with_a_warning(tmp_path, fmt, caplog):
    """A JSON file saved as cp1252; a JSON Lines file whose second line was."""
    def line(id: str, title: str, encoding: str) -> bytes:
        return json.dumps(discussion(id=id, title=title), ensure_ascii=False).encode(encoding)

    if fmt == "json":
        data = line("d0", GERMAN, "cp1252")
    else:
        data = b"\n".join([line("d0", "Titel", "utf-8"), line("d1", GERMAN, "cp1252"),
                           line("d2", "Titel", "utf-8")])
    with caplog.at_level(logging.WARNING, logger="argkg"):
        found = read(write(tmp_path / f"in.{fmt}", data))
    assert GERMAN in [d.article.title for d in found]
    [warning] = [r.getMessage() for r in caplog.records if r.name == "argkg"]
    assert f"in.{fmt}" in warning and "cp1252" in warning
    assert ("on line 2" if fmt == "jsonl" else "on line 1") in warning


def test_a_utf8_file_with_a_few_cp1252_bytes_keeps_its_utf8(tmp_path):
    data = GERMAN.encode() + b" \x80 " + "und Köln".encode()
    [found] = read(write(tmp_path / "mixed.txt", data + b"\n\nText.\n"))
    assert found.article.title == f"{GERMAN} € und Köln"


def test_the_cli_names_the_encoding_it_fell_back_to(tmp_path):
    source = write(tmp_path / "alt.json",
                   json.dumps(discussion(title=GERMAN), ensure_ascii=False).encode("cp1252"))
    result = build(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_OK, result.output
    [warning] = result.stderr.splitlines()
    assert warning.startswith("argkg: warning: ") and "alt.json" in warning
    assert "Windows-1252 (cp1252)" in warning
    assert GERMAN in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_gazetteer_saved_as_cp1252_is_read(tmp_path):
    from argkg.extract.resources import read_yaml

    yaml_text = "actors:\n  - label: Jürgen Großmann\n    type: Person\n"
    data = read_yaml(write(tmp_path / "mine.yaml", yaml_text.encode("cp1252")))
    assert data["actors"][0]["label"] == "Jürgen Großmann"


def test_utf16_that_is_broken_is_a_one_line_error(tmp_path):
    data = codecs.BOM_UTF16_LE + "Titel\n\nText".encode("utf-16-le") + b"\x00\xd8"  # lone half
    result = build(str(write(tmp_path / "u16.txt", data)), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "u16.txt", "not valid UTF-16")


# --- Size: a 50 MB line, 100,000 comments, a 10,000-deep chain -----------------------------------


def test_a_text_up_to_the_limit_is_read_and_one_character_more_is_refused(tmp_path):
    at_limit = discussion(comments=[{"id": "c1", "text": "x" * MAX_TEXT_CHARS}])
    [found] = read(write(tmp_path / "at.json", json.dumps(at_limit)))
    assert len(found.comments[0].text) == MAX_TEXT_CHARS
    over = discussion(comments=[{"id": "c1", "text": "x" * (MAX_TEXT_CHARS + 1)}])
    with pytest.raises(InputError, match=r"comments\[0\]: field 'text' is 1,000,001 characters"):
        read(write(tmp_path / "over.json", json.dumps(over)))


def fifty_mb_comment() -> str:
    return json.dumps(discussion(id="huge", comments=[
        {"id": "c1", "text": "Die Nato ist schuld. " * (FIFTY_MB // 21)}]))


def test_a_50_mb_line_of_json_lines_is_a_one_line_error_naming_line_and_limit(tmp_path):
    lines = [json.dumps(discussion(id="a")), fifty_mb_comment(), json.dumps(discussion(id="b"))]
    source = write(tmp_path / "big.jsonl", "\n".join(lines))
    assert source.stat().st_size > FIFTY_MB
    started = time.perf_counter()
    result = build(str(source), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "big.jsonl:line 2", "comments[0]",
                          f"{MAX_TEXT_CHARS:,}", "split it")
    assert time.perf_counter() - started < 60  # refused before any analysis


def test_a_50_mb_line_is_skipped_with_skip_bad_and_the_rest_is_built(tmp_path):
    lines = [json.dumps(discussion(id="a")), fifty_mb_comment(), json.dumps(discussion(id="b"))]
    source = write(tmp_path / "big.jsonl", "\n".join(lines))
    out = tmp_path / "out"
    result = build(str(source), "-o", str(out), "--skip-bad")
    assert result.exit_code == EXIT_SKIPPED, result.output
    [skipped] = [json.loads(line) for line in (out / "skipped.jsonl").read_text().splitlines()]
    assert (skipped["line"], skipped["id"]) == (2, "huge")
    assert "characters long" in skipped["error"]
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "/discussion/a>" in turtle and "/discussion/b>" in turtle


@pytest.mark.parametrize("name", ["one-line.txt", "one-line.json"])
def test_a_50_mb_single_line_file_is_a_one_line_error(tmp_path, name):
    content = (fifty_mb_comment() if name.endswith(".json")
               else "Die Nato ist schuld. " * (FIFTY_MB // 21))
    result = build(str(write(tmp_path / name, content)), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, name, "characters long", "split it")


def many_comments(count: int, authors: int = 5) -> dict:
    """`count` short comments, a fifth of them answering the article and the rest an
    earlier comment: a wide, bushy thread, as big news sites have."""
    texts = ["Ja.", "Die Nato ist schuld.", "Putin lügt.", "Stimmt nicht!", "Scholz hat recht."]
    return discussion(id="many", comments=[
        {"id": f"c{n}", "author": f"Leser {n % authors}", "text": texts[n % 5],
         "published": "2022-01-08T13:00:00+01:00",
         "reply_to": None if n % 5 == 0 else f"c{(n * 7919) % 100_003 % n}"}
        for n in range(count)])


def test_100_000_comments_are_read_and_checked(tmp_path):
    source = write(tmp_path / "many.json", json.dumps(many_comments(100_000)))
    started = time.perf_counter()
    [found] = read(source)
    assert len(found.comments) == 100_000
    assert time.perf_counter() - started < 30


@pytest.mark.slow
def test_100_000_comments_make_a_graph_model(tmp_path):
    """Heavy (about 1.5 minutes on two cores): reading, thread checks, extraction and the
    graph model of 100,000 comments."""
    model = model_of(write(tmp_path / "many.json", json.dumps(many_comments(100_000))))
    comments = [n for n, d in model.nodes(data=True) if d["kind"] == "comment"]
    assert len(comments) == 100_000


def model_of(source: Path):
    from argkg.extract.nlp import make_pipeline
    from argkg.graph.assemble import add_discussion
    from argkg.graph.model import new_graph
    from argkg.pipeline import extract

    [found] = read_all([source], BuildOptions(timezone=BERLIN))
    model = new_graph()
    add_discussion(model, extract(make_pipeline(), found))
    return model


def reply_chain(depth: int) -> dict:
    return discussion(id="deep", comments=[
        {"id": f"c{n}", "author": f"Leser {n % 2}", "text": "Ja." if n % 2 else "Nein.",
         "reply_to": f"c{n - 1}" if n else None} for n in range(depth)])


@pytest.fixture(scope="module")
def deep_model(tmp_path_factory):
    """The model of a 10,000-deep reply chain: ten times Python's recursion limit, so any
    code that recursed per reply would fail."""
    assert sys.getrecursionlimit() < 10_000
    folder = tmp_path_factory.mktemp("deep")
    return model_of(write(folder / "deep.json", json.dumps(reply_chain(10_000))))


def test_a_10_000_deep_reply_chain_is_read_and_modelled(deep_model):
    from argkg.graph.model import edges_of_kind
    from argkg.graph.report import thread_depths

    assert len(list(edges_of_kind(deep_model, "replies_to"))) == 10_000
    assert max(thread_depths(deep_model).values()) == 10_000


def test_a_10_000_deep_reply_chain_gives_the_views_that_walk_the_thread(deep_model):
    """The outputs that follow replies: the thread's layout, the report's depths and the
    corpus N-Quads. (Every output, through the command line: the slow test below.)"""
    from argkg.graph.report import render_report
    from argkg.graph.views import render_views
    from argkg.ontology.rdf import discussion_nquads
    from argkg.pipeline import OTHER_PAGES

    views = render_views(deep_model, title="deep", other_pages=OTHER_PAGES)
    assert {"thread.html", "arguments.html", "actors.html"} <= set(views)
    assert render_report(deep_model, title="deep")
    assert len(discussion_nquads(deep_model, "https://w3id.org/argkg/id/")) > 10_000


@pytest.mark.slow
def test_a_10_000_deep_reply_chain_builds_from_the_command_line(tmp_path):
    """Heavy (about two minutes on two cores): every output of the 10,000-deep chain."""
    from lxml import etree

    source = write(tmp_path / "deep.json", json.dumps(reply_chain(10_000)))
    out = tmp_path / "out"
    result = build(str(source), "-o", str(out))
    assert result.exit_code == EXIT_OK, result.output
    assert {p.name for p in out.iterdir()} == set(OUTPUTS)
    etree.parse(str(out / "graph.graphml"), etree.XMLParser(huge_tree=True))


# --- Broken threads -------------------------------------------------------------------------------


@pytest.mark.parametrize("comments, phrase", [
    ([{"id": "a", "text": "x", "reply_to": "b"}, {"id": "b", "text": "y", "reply_to": "a"}],
     "reply cycle among comments: a, b"),
    ([{"id": "a", "text": "x", "reply_to": "a"}], "reply cycle among comments: a"),
    ([{"id": "a", "text": "x", "reply_to": "nowhere"}], "reply_to points to no comment in: a"),
    ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "duplicate comment ids: a"),
    ([{"id": 7, "text": "x"}, {"id": "7", "text": "y"}], "duplicate comment ids: 7"),
    ([{"id": "article", "text": "x"}], "a comment has the id 'article'"),
])
def test_a_broken_thread_is_a_one_line_error(tmp_path, comments, phrase):
    source = write(tmp_path / "thread.json", json.dumps(discussion(comments=comments)))
    assert_one_line_error(build(str(source), "-o", str(tmp_path / "out")), EXIT_BAD_INPUT,
                          "thread.json", phrase)


def test_a_long_reply_cycle_is_found_without_recursion(tmp_path):
    ring = [{"id": f"c{n}", "text": "x", "reply_to": f"c{(n + 1) % 20_000}"}
            for n in range(20_000)]
    with pytest.raises(InputError, match="reply cycle among comments: c0, c1, .* and 19990 more"):
        read(write(tmp_path / "ring.json", json.dumps(discussion(comments=ring))))


@pytest.mark.parametrize("content, phrase", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"id": ' + "9" * 5000 + "}", "digits"),
    ('{"article": {"title": "T", "text": "x"}, "comments": 5}', "'comments' must be list"),
])
def test_json_that_python_cannot_hold_is_a_one_line_error(tmp_path, content, phrase):
    source = write(tmp_path / "odd.json", content)
    assert_one_line_error(build(str(source), "-o", str(tmp_path / "out")), EXIT_BAD_INPUT,
                          "odd.json", phrase)


# --- JSON Lines with broken lines, and --skip-bad ------------------------------------------------


def mixed_lines(tmp_path: Path) -> Path:
    lines = [json.dumps(discussion(id="good1")), "{oops",
             json.dumps({"id": "notext", "article": {"title": "T"}}),
             json.dumps(discussion(id="dangling", comments=[{"id": "a", "text": "x",
                                                             "reply_to": "zz"}])),
             "", json.dumps(discussion(id="good2"))]
    return write(tmp_path / "mixed.jsonl", "\n".join(lines) + "\n")


def test_a_broken_line_stops_the_build_naming_its_number(tmp_path):
    result = build(str(mixed_lines(tmp_path)), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "mixed.jsonl:line 2:", "not valid JSON")
    assert not (tmp_path / "out").exists()


def test_skip_bad_builds_the_rest_and_reports_what_it_skipped(tmp_path):
    out = tmp_path / "out"
    result = build(str(mixed_lines(tmp_path)), "-o", str(out), "--skip-bad")
    assert result.exit_code == EXIT_SKIPPED, result.output
    [warning] = result.stderr.splitlines()
    assert warning.startswith("argkg: warning: skipped 3 bad records")
    assert "skipped.jsonl" in warning
    report = [json.loads(line) for line in (out / "skipped.jsonl").read_text().splitlines()]
    assert [(r["line"], r["id"]) for r in report] == [(2, None), (3, "notext"), (4, "dangling")]
    assert all(r["file"].endswith("mixed.jsonl") and r["error"] for r in report)
    assert "missing required field 'text'" in report[1]["error"]
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "/discussion/good1>" in turtle and "/discussion/good2>" in turtle
    assert "/discussion/notext>" not in turtle


def test_a_clean_rebuild_removes_an_old_skip_report(tmp_path):
    out = tmp_path / "out"
    assert build(str(mixed_lines(tmp_path)), "-o", str(out), "--skip-bad").exit_code == 3
    clean = write(tmp_path / "clean.jsonl", json.dumps(discussion(id="good1")) + "\n")
    assert build(str(clean), "-o", str(out), "--skip-bad").exit_code == EXIT_OK
    assert not (out / "skipped.jsonl").exists()


def test_skip_bad_with_nothing_good_is_a_one_line_error(tmp_path):
    source = write(tmp_path / "bad.jsonl", "{oops\n[1]\n")
    result = build(str(source), "-o", str(tmp_path / "out"), "--skip-bad")
    assert_one_line_error(result, EXIT_BAD_INPUT, "no discussions left to build",
                          "all 2 were bad")


def test_skip_bad_in_a_corpus_goes_past_a_broken_file(tmp_path):
    inputs, out = tmp_path / "archive", tmp_path / "out"
    inputs.mkdir()
    write(inputs / "a.json", json.dumps(discussion(id="a")))
    write(inputs / "b.json", b"\x00\x01 not a discussion")
    write(inputs / "c.jsonl", json.dumps(discussion(id="c")) + "\n{oops\n")
    without = CliRunner().invoke(main, ["build", str(inputs), "-o", str(out), "-q"])
    assert_one_line_error(without, EXIT_BAD_INPUT, "b.json", "binary")
    result = CliRunner().invoke(main, ["build", str(inputs), "-o", str(out), "-q",
                                       "--skip-bad"])
    assert result.exit_code == EXIT_SKIPPED, result.output
    report = [json.loads(line) for line in (out / "skipped.jsonl").read_text().splitlines()]
    assert [(Path(r["file"]).name, r["line"]) for r in report] == [("b.json", 1), ("c.jsonl", 2)]
    graphs = {line.rsplit(" ", 2)[-2] for line in (out / "graph.nq").read_text().splitlines()}
    assert any(g.endswith("/graph/a>") for g in graphs)
    assert any(g.endswith("/graph/c>") for g in graphs)


def test_a_corpus_rebuild_does_not_read_its_own_outputs(tmp_path):
    """An output directory inside the input directory: its shards and skipped.jsonl are
    not discussions."""
    inputs = tmp_path / "archive"
    inputs.mkdir()
    write(inputs / "a.json", json.dumps(discussion(id="a")))
    write(inputs / "bad.jsonl", "{oops\n")
    for _ in range(2):
        result = CliRunner().invoke(main, ["build", str(inputs), "-o", str(inputs / "out"),
                                           "-q", "--skip-bad"])
        assert result.exit_code == EXIT_SKIPPED, result.output
        assert len((inputs / "out" / "skipped.jsonl").read_text().splitlines()) == 1


# --- Hostile text in every field ------------------------------------------------------------------

HOSTILE = ('<b>fett</b><script>alert("x")</script>&amp;&#x3C; \x00\x01\x08\x0b\x0c\x1b[31mrot'
           '\x1b[0m\x7f\x85\x9b\u2028\u2029 '
           "مرحبا بالعالم עברית \u202eevil.exe\u202c \u2066iso\u2069 \u200f "
           "😀 👩\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 \U0001F9D1\u200d\U0001F680 \U00020000 ﷽")
"""HTML and an entity, C0 and C1 controls (NUL, vertical tab, ESC sequences, DEL, NEL,
CSI), the line and paragraph separators, Arabic and Hebrew, a right-to-left override and
isolates, emoji: astral, ZWJ sequences, a flag; a CJK character beyond the BMP."""


def hostile_discussion() -> dict:
    def h(text: str) -> str:
        return f"{text} {HOSTILE}"

    return {"id": h("id"), "url": "https://example.org/" + h("seite"), "language": h("de"),
            "article": {"title": h("Titel"), "author": h("Anna"), "teaser": h("Teaser"),
                        "published": "2022-01-08T12:00:00+01:00",
                        "text": h("Putin droht der Nato. Die EU schweigt.")},
            "comments": [{"id": h("c1"), "author": h("Bea"), "text": h("Die Nato ist schuld."),
                          "published": "2022-01-08T13:00:00", "reply_to": None},
                         {"id": h("c2"), "author": h("Cem"), "text": h("Unsinn, sagt Putin."),
                          "reply_to": h("c1")}]}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    # The file name is hostile too: it is the discussion's source in the provenance.
    source = write(folder / "Диспут 😀 \u202eנ.json", json.dumps(hostile_discussion()))
    out = folder / "out"
    result = build(str(source), "-o", str(out))
    return result, out


def test_hostile_text_builds_every_output(hostile_build):
    result, out = hostile_build
    assert result.exit_code == EXIT_OK, result.output
    assert result.stderr == ""
    assert {p.name for p in out.iterdir()} == set(OUTPUTS)


def test_hostile_text_gives_well_formed_xml_and_rdf(hostile_build):
    import rdflib
    from lxml import etree

    _, out = hostile_build
    for name in ("graph.gexf", "graph.graphml"):
        etree.parse(str(out / name))
    for name, fmt in (("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")):
        assert len(rdflib.Graph().parse(out / name, format=fmt)) > 50
    for name, fmt in (("graph.trig", "trig"), ("graph.nq", "nquads")):
        assert len(rdflib.Dataset().parse(out / name, format=fmt)) > 50


def test_hostile_text_is_kept_not_lost(hostile_build):
    import rdflib

    _, out = hostile_build
    labels = {str(o) for o in rdflib.Graph().parse(out / "graph.ttl", format="turtle").objects()}
    for piece in ("مرحبا بالعالم", "\u202eevil.exe", "👩\u200d👩\u200d👧\u200d👦", "\U00020000",
                  '<script>alert("x")</script>', "\x1b[31mrot"):
        assert any(piece in label for label in labels), piece


def test_hostile_text_never_reaches_html_as_markup(hostile_build):
    _, out = hostile_build
    for name in OUTPUTS:
        if name.endswith(".html"):
            page = (out / name).read_text(encoding="utf-8")
            assert '<script>alert("x")' not in page and "<b>fett" not in page, name


def test_hostile_page_scrape_builds(tmp_path):
    from lxml import etree

    text = HOSTILE.replace("\x00", "")  # a NUL byte makes a text file binary: its own test
    page = (f"Titel {text}\n\nPutin droht der Nato. {text}\n\n"
            f"Bea 😀 | Sa., 8. Januar 2022 - 18:19\nDie Nato ist schuld. {text}\n")
    source = write(tmp_path / "seite.txt", page)
    result = build(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == EXIT_OK, result.output
    etree.parse(str(tmp_path / "out" / "graph.graphml"))


def test_hostile_ids_and_dates_in_errors_stay_one_line(tmp_path):
    comments = [{"id": "a\n\x1b[2J" + HOSTILE, "text": "x"}, {"id": "a\n\x1b[2J" + HOSTILE,
                                                             "text": "y"}]
    source = write(tmp_path / "dup.json", json.dumps(discussion(comments=comments)))
    result = build(str(source), "-o", str(tmp_path / "out"))
    assert_one_line_error(result, EXIT_BAD_INPUT, "duplicate comment ids", "\\x1b[2J",
                          "\\u202e")
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    dated = discussion(published=f"2022-01-08 {HOSTILE}\n")
    source = write(tmp_path / "date.json", json.dumps(dated))
    assert_one_line_error(build(str(source), "-o", str(tmp_path / "out")), EXIT_BAD_INPUT,
                          "field 'published' is not an ISO 8601 date-time")


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    source = write(tmp_path / "cut.json",
                   json.dumps(discussion(title="Emoji, abgeschnitten: \ud83d")))
    [found] = read(source)
    assert found.article.title == "Emoji, abgeschnitten: \ufffd"

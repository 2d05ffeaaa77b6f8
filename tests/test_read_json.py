"""The JSON discussion format, JSON Lines, format detection and input errors."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from argkg.errors import InputError
from argkg.extract.read import read_discussions

BERLIN = ZoneInfo("Europe/Berlin")


def discussion_json(**overrides):
    data = {
        "id": "d-1", "url": "https://www.example.org/a/1", "language": "de",
        "article": {"title": "Titel", "author": "A. Autor",
                    "published": "2022-01-08T12:00:00+01:00", "text": "Putin droht."},
        "comments": [
            {"id": "c1", "author": "Bea", "published": "2022-01-08T13:00:00", "text": "Ja.",
             "reply_to": None},
            {"id": "c2", "author": "Cem", "published": None, "text": "Nein.", "reply_to": "c1"},
        ],
    }
    data.update(overrides)
    return data


def read(tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read_discussions(path, BERLIN))


def test_json_discussion(tmp_path):
    [d] = read(tmp_path, "d.json", json.dumps(discussion_json()))
    assert d.id == "d-1" and d.url == "https://www.example.org/a/1"
    assert d.article.published == datetime.fromisoformat("2022-01-08T12:00:00+01:00")
    assert d.comments[0].published == datetime(2022, 1, 8, 13, 0, tzinfo=BERLIN)
    assert d.comments[1].published is None
    assert [c.reply_to for c in d.comments] == [None, "c1"]


def test_json_lines_many_discussions(tmp_path):
    lines = [json.dumps(discussion_json(id=f"d{n}")) for n in range(3)]
    found = read(tmp_path, "many.jsonl", "\n".join(lines) + "\n\n")
    assert [d.id for d in found] == ["d0", "d1", "d2"]


def test_ids_are_stable_without_an_id(tmp_path):
    data = discussion_json()
    del data["id"]
    first = read(tmp_path, "a.json", json.dumps(data))[0].id
    second = read(tmp_path, "b.json", json.dumps(data))[0].id
    assert first == second and first.startswith("titel-")


def test_utf8_bom_and_utf16_are_read(tmp_path):
    text = json.dumps(discussion_json(), ensure_ascii=False)
    assert read(tmp_path, "bom.json", b"\xef\xbb\xbf" + text.encode("utf-8"))[0].id == "d-1"
    assert read(tmp_path, "u16.json", text.encode("utf-16"))[0].id == "d-1"


@pytest.mark.parametrize("comments, expected", [
    ([{"id": "c1", "text": "a"}, {"id": "c1", "text": "b"}], "duplicate comment ids: c1"),
    ([{"id": "c1", "text": "a", "reply_to": "c9"}], "reply_to points to no comment in: c1"),
    ([{"id": "c1", "text": "a", "reply_to": "c2"}, {"id": "c2", "text": "b", "reply_to": "c1"},
      {"id": "c3", "text": "c", "reply_to": "c1"}], "reply cycle among comments: c1, c2, c3"),
    ([{"id": "c1"}], "comments[0]: missing required field 'text'"),
    ([{"id": "c1", "text": 5}], "comments[0]: field 'text' must be str, found int"),
    ([{"id": "c1", "text": "a", "published": "gestern"}],
     "comments[0]: field 'published' is not an ISO 8601 date-time: 'gestern'"),
])
def test_broken_threads_are_errors_listing_the_ids(tmp_path, comments, expected):
    with pytest.raises(InputError) as error:
        read(tmp_path, "bad.json", json.dumps(discussion_json(comments=comments)))
    assert expected in str(error.value)
    assert str(error.value).startswith(str(tmp_path / "bad.json"))


def test_deep_reply_chain_is_fine(tmp_path):
    comments = [{"id": f"c{n}", "text": "x", "reply_to": f"c{n - 1}" if n else None}
                for n in range(10_000)]
    [d] = read(tmp_path, "deep.json", json.dumps(discussion_json(comments=comments)))
    assert d.comments[-1].reply_to == "c9998"


@pytest.mark.parametrize("name, content, expected", [
    ("empty.json", "", "the file is empty"),
    ("bin.json", b"\x00\x01\x02binary", "looks like a binary file"),
    ("bad.json", '{"article": ', "line 1 column 13: not valid JSON"),
    ("noart.json", '{"comments": []}', "missing required field 'article'"),
    ("list.json", "[1, 2]", "top level: expected an object, found list"),
    ("what.xyz", "hello", "unknown input format"),
])
def test_bad_input_names_file_place_and_problem(tmp_path, name, content, expected):
    with pytest.raises(InputError) as error:
        read(tmp_path, name, content)
    assert expected in str(error.value)
    assert name in str(error.value)


def test_broken_json_line_names_its_number(tmp_path):
    lines = [json.dumps(discussion_json()), "{oops", json.dumps(discussion_json())]
    with pytest.raises(InputError) as error:
        read(tmp_path, "many.jsonl", "\n".join(lines))
    assert ":line 2: not valid JSON" in str(error.value)

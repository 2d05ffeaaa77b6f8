"""Debate text stays text: XSS payloads in every field a discussion has (title, teaser, texts,
author names, comment ids, the page URL, actor labels from a gazetteer) go through
`argkg build`, and every HTML page it writes is opened in headless Chromium. Nothing may run
(no marker set, no dialog), load, or break the page, and the text shows as written.

The browser and its helpers are those of test_views_browser.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_views_browser import LOCAL_SCHEMES, READY, Chromium, hover

MARKUP_PAYLOADS = [
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "<svg onload=window.__xss='svg'>",
    "<svg><script>window.__xss='svg script'</script></svg>",
    "\"><img src=x onerror=alert('double quote')>",  # out of a double-quoted attribute
    "'><img src=x onerror=alert('single quote')>",  # out of a single-quoted attribute
    "</script><script>window.__xss='end of inline JSON'</script>",
    "</SCRIPT ><script>alert('upper case end tag')</script>",
    "<iframe srcdoc=\"<script>top.__xss='iframe'</script>\"></iframe>",
    "<details open ontoggle=\"window.__xss='details'\">",
    "<body onload=\"window.__xss='body'\">",
    "</title><script>window.__xss='title'</script>",
    "</textarea><script>window.__xss='textarea'</script>",
    "]]><script>window.__xss='cdata'</script>",
    "<img src=\"http://example.invalid/beacon.png\">",
    "<style>@import 'http://example.invalid/x.css';</style>",
]
"""Payloads that act as soon as they are parsed as HTML: each sets window.__xss, opens a
dialog, adds an event handler or requests a remote file (checked by the control test)."""
CONTEXT_PAYLOADS = [
    "\" onmouseover=\"window.__xss='attribute'\" x=\"",  # inside an attribute value
    "<!--<script>window.__xss='comment'</script>",  # a <script> block's escaped state
    "<!--",  # swallows the rest of a page, or of a script block
    "<a href=\"javascript:window.__xss='link'\">Quelle</a>",
    "<math><mi xlink:href=\"javascript:window.__xss='math'\">x</mi></math>",
    "${window.__xss='template literal'}",  # inside a JS template literal
    "`;window.__xss='backtick';`",
    "\\u003cscript\\u003ewindow.__xss='unicode escape'\\u003c/script\\u003e",  # decoded once
    "\\x3cimg src=x onerror=window.__xss='hex escape'\\x3e",
    "&lt;script&gt;window.__xss='entity'&lt;/script&gt;",  # HTML-decoded once
    "{{constructor.constructor('window.__xss=\"template\"')()}}",
    "\u2028window.__xss='line separator'//",  # ends a line inside an old JS string
]
"""Payloads that act only where text lands in the wrong context (an attribute, a script, a
template, a link, a second decoding)."""
PAYLOADS = MARKUP_PAYLOADS + CONTEXT_PAYLOADS

TITLE = "Debatte </script><script>window.__xss='title'</script> <!-- ${window.__xss=1}"
URL = "javascript:window.__xss='page url'//<script>alert('url')</script>"
ACTORS = {"Zorbax": "<svg onload=window.__xss='actor'>Zorbax",
          "Quuxle": "</script><script>alert('actor')</script> Quuxle"}
PAGES = ("graph", "thread", "arguments", "actors", "network", "report")
VIEWS = ("thread", "arguments", "actors")


def discussion() -> dict:
    """One discussion carrying every payload in a comment's id, author and text."""
    comments = [{"id": f"c{n} {payload}", "author": f"Leser{n} {payload}",
                 "text": f"Zorbax droht der Nato {payload} sagt Quuxle. Das stimmt nicht.",
                 "reply_to": None if n == 0 else f"c{n - 1} {PAYLOADS[n - 1]}"}
                for n, payload in enumerate(PAYLOADS)]
    return {"id": "xss <script>", "url": URL,
            "article": {"title": TITLE, "author": f"Anna {PAYLOADS[1]}",
                        "teaser": f"{PAYLOADS[2]} Teaser", "published": "2022-01-08T12:00:00",
                        "text": "Zorbax droht der Nato. " + " ".join(PAYLOADS)},
            "comments": comments}


def gazetteer() -> str:
    entries = "".join(f"  - name: {json.dumps(label)}\n    type: Person\n"
                      f"    aliases: [{alias}]\n" for alias, label in ACTORS.items())
    return f"version: 1\nactors:\n{entries}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("xss")
    (folder / "in.json").write_text(json.dumps(discussion(), ensure_ascii=False),
                                    encoding="utf-8")
    (folder / "actors.yaml").write_text(gazetteer(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "argkg", "build", str(folder / "in.json"),
                    "--actors", str(folder / "actors.yaml"), "-o", str(folder / "out"), "-q"],
                   check=True, timeout=300)
    return folder / "out"


_READY = {"network": "document.body && document.body.getAttribute('data-argkg-layout') === 'done'",
          **{view: READY for view in VIEWS}}

# What a page did with the payloads: markers, handlers, links, frames.
_INSPECT = """(() => ({
    marker: String(window.__xss), topMarker: String(top.__xss),
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
        .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    embedded: document.querySelectorAll('iframe, object, embed, math, img:not([src^="data:"])')
        .length,
    title: document.title,
    heading: (document.querySelector('h1') || {}).textContent || '',
    text: document.body.textContent}))()"""

# Every node of a view through the details panel, as the page shows it on hover or click.
_EVERY_PANEL = """(() => {
    const view = window.argkgView, panel = document.getElementById('argkg-details');
    return JSON.parse(document.getElementById('argkg-data').textContent).nodes.map(node => {
        view.showDetails(node.id);
        const dd = {};
        panel.querySelectorAll('dt').forEach(dt => dd[dt.textContent] =
                                                   dt.nextElementSibling.textContent);
        return {node: node, heading: panel.querySelector('h2').textContent, rows: dd,
                facts: [...panel.querySelectorAll('.argkg-fact')].map(p => p.textContent),
                text: (panel.querySelector('.argkg-text') || {}).textContent || null,
                tags: [...panel.querySelectorAll('*')].map(e => e.tagName.toLowerCase())};
    }); })()"""


def open_page(browser: Chromium, built: Path, name: str) -> dict:
    browser.open((built / f"{name}.html").as_uri(),
                 _READY.get(name, "document.readyState === 'complete'"))
    time.sleep(0.3)  # let late scripts, loads and errors show up
    return browser.evaluate(_INSPECT)


def assert_nothing_ran(browser: Chromium, seen: dict, name: str) -> None:
    browser.evaluate("1")  # collect the events so far
    assert seen["marker"] == "undefined" and seen["topMarker"] == "undefined", name
    assert browser.dialogs() == [], name
    assert browser.errors() == [], name  # a blocked script or load would be reported here
    assert [u for u in browser.requested() if not u.startswith(LOCAL_SCHEMES)] == [], name
    assert seen["handlers"] == [] and seen["embedded"] == 0, name
    assert all(link.endswith(".html") and ":" not in link for link in seen["links"]), name


@pytest.mark.parametrize("name", PAGES)
def test_no_payload_runs_on_any_page(browser, built, name):
    seen = open_page(browser, built, name)
    assert_nothing_ran(browser, seen, name)
    if name in VIEWS:
        browser.evaluate(_EVERY_PANEL)
        assert_nothing_ran(browser, browser.evaluate(_INSPECT), name)


@pytest.mark.parametrize("name", ["graph", "network", *VIEWS])
def test_the_title_shows_as_written(browser, built, name):
    seen = open_page(browser, built, name)
    assert TITLE in seen["title"] and TITLE in seen["heading"], name


def test_the_report_shows_names_as_written(browser, built):
    text = open_page(browser, built, "report")["text"]
    for shown in [f"Leser{n} {payload}" for n, payload in enumerate(PAYLOADS)][:10]:
        assert shown in text
    assert all(label in text for label in ACTORS.values())


@pytest.mark.parametrize("name", VIEWS)
def test_every_details_panel_shows_its_node_as_written(browser, built, name):
    open_page(browser, built, name)
    for shown in browser.evaluate(_EVERY_PANEL):
        node = shown["node"]
        assert shown["heading"] == (node["facts"][0] if node["facts"] else node["label"])
        assert shown["facts"] == node["facts"][1:]
        assert shown["text"] == (node.get("text") or None)
        assert shown["rows"].get("Author") == (node.get("author") or None)
        assert set(shown["tags"]) <= {"h2", "dl", "dt", "dd", "p"}, node["id"]


def test_comment_texts_and_authors_reach_the_thread_view_unchanged(browser, built):
    open_page(browser, built, "thread")
    shown = {(s["rows"].get("Author"), s["text"]) for s in browser.evaluate(_EVERY_PANEL)}
    for comment in discussion()["comments"]:
        assert (comment["author"], comment["text"]) in shown


def test_actor_labels_reach_the_actor_view_unchanged(browser, built):
    open_page(browser, built, "actors")
    headings = " ".join(s["heading"] for s in browser.evaluate(_EVERY_PANEL))
    assert all(label in headings for label in ACTORS.values())


# The first of the given nodes that no other node covers where it is drawn (a mouse there
# hovers that node).
_UNCOVERED = """((ids) => { const network = window.argkgView.network;
    return ids.find(id => network.getNodeAt(
        network.canvasToDOM(network.getPositions([id])[id])) === id) || null; })(%s)"""


@pytest.mark.parametrize("name", VIEWS)
def test_tooltips_show_payloads_as_text(browser, built, name):
    open_page(browser, built, name)
    carriers = {s["node"]["id"]: s["node"] for s in browser.evaluate(_EVERY_PANEL)
                if any(p in (s["text"] or "") + s["heading"] for p in MARKUP_PAYLOADS)}
    carrier = carriers[browser.evaluate(_UNCOVERED % json.dumps(list(carriers)))]
    seen = hover(browser, carrier["id"], carrier["facts"][0])
    assert any(p in seen["tip"] for p in MARKUP_PAYLOADS), seen["tip"]
    assert seen["tipElements"] == 0 and seen["images"] == 0
    assert_nothing_ran(browser, browser.evaluate(_INSPECT), name)


def test_network_page_hands_vis_plain_strings(browser, built):
    open_page(browser, built, "network")
    titles = browser.evaluate("nodes.get().map(n => typeof n.title === 'string' ? n.title : "
                              "'not a string')")
    assert "not a string" not in titles
    for n, payload in enumerate(PAYLOADS):
        assert any(f"Leser{n} {payload}" in title for title in titles), payload


# --- The checks notice what they look for --------------------------------------------------------


def test_control_each_markup_payload_acts_in_a_page_without_escaping(browser, tmp_path):
    """Put in raw, on a page without a policy, every markup payload sets the marker, adds a
    handler, opens a dialog or requests a remote file: the checks above would see it."""
    for number, payload in enumerate(MARKUP_PAYLOADS):
        page = tmp_path / f"raw{number}.html"
        page.write_text(f"<!DOCTYPE html><title>x</title><body><div>{payload}</div></body>",
                        encoding="utf-8")
        browser.open(page.as_uri())
        time.sleep(0.3)
        seen = browser.evaluate(_INSPECT)
        acted = (seen["marker"] != "undefined" or seen["handlers"] or browser.dialogs()
                 or [u for u in browser.requested() if not u.startswith(LOCAL_SCHEMES)])
        assert acted, payload

"""The HTML around a view: head, header with navigation and legend, controls, the network and
the details panel; all scripts and styles inline, so a page works from a file, offline.

Safety, in three layers:
- HTML text (title, legend, filter labels, author names) goes through html.escape;
- the view's data is JSON in a <script type="application/json"> block, with <, > and &
  written as \\u escapes so no text can end the block; the page script shows debate text with
  textContent only, and vis-network shows a string `title` with innerText;
- a Content-Security-Policy allows exactly the page's own scripts (by SHA-256) and no
  network access at all: even markup that slipped through could neither run nor load.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources

from argkg.graph.views.legend import legend_row
from argkg.graph.views.view import View

VIS_DIR = ("templates", "lib", "vis-9.1.2")  # where pyvis keeps the vis-network it inlines


@cache
def asset(name: str) -> str:
    """view.js, view.css or legend.css from this package."""
    return (resources.files("argkg.graph.views") / "assets" / name).read_text(encoding="utf-8")


@cache
def vis_asset(name: str) -> str:
    """vis-network.min.js or vis-network.css, as shipped with pyvis."""
    return resources.files("pyvis").joinpath(*VIS_DIR, name).read_text(encoding="utf-8")


def content_security_policy(scripts: list[str]) -> str:
    hashes = " ".join(f"'sha256-{_digest(script)}'" for script in scripts) or "'none'"
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def json_for_html(data) -> str:
    """JSON that cannot end the <script> block it sits in, whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(title: str, body: str, scripts: list[str], styles: list[str], view: str) -> str:
    """A whole page. `body` is HTML built from escaped parts; scripts and styles are inlined
    after a check that none can close its own tag early."""
    for text in [*scripts, *styles]:
        if "</script" in text.lower() or "</style" in text.lower():
            raise ValueError("an inline asset would close its own tag")
    csp = html.escape(content_security_policy(scripts))
    style_tags = "".join(f"<style>{style}</style>\n" for style in styles)
    script_tags = "".join(f"<script>{script}</script>\n" for script in scripts)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n{style_tags}</head>\n"
            f'<body data-argkg-view="{html.escape(view)}">\n{body}{script_tags}</body>\n</html>\n')


def navigation(pages: list[tuple[str, str]], current: str) -> str:
    """Links between the pages (file name, text); relative, so they work from a folder."""
    links = [f'<a href="{html.escape(file)}" aria-current="page">{html.escape(text)}</a>'
             if file == current else f'<a href="{html.escape(file)}">{html.escape(text)}</a>'
             for file, text in pages]
    return '<nav class="argkg-nav">' + " · ".join(links) + "</nav>\n"


def header(title: str, heading: str, nav: str, summary: str, notes: list[str],
           legend: list[tuple[str, list[str]]]) -> str:
    notes_html = "".join(f'<p class="argkg-note" role="note">{html.escape(note)}</p>\n'
                         for note in notes)
    legend_html = "".join(legend_row(name, items) for name, items in legend)
    legend_box = (f'<details class="argkg-legend-box" open><summary>Legend</summary>\n'
                  f"{legend_html}</details>\n") if legend else ""
    return (f'<header id="argkg-header">\n{nav}<h1>{html.escape(heading)}: '
            f"{html.escape(title)}</h1>\n"
            f'<p class="argkg-summary">{html.escape(summary)}</p>\n{notes_html}{legend_box}'
            "</header>\n")


def view_page(view: View, title: str, pages: list[tuple[str, str]]) -> str:
    body = (header(title, view.heading, navigation(pages, f"{view.name}.html"), view.summary,
                   view.notes, view.legend)
            + controls(view)
            + '<main id="argkg-main">\n<div id="argkg-network"></div>\n'
              '<aside id="argkg-details" aria-live="polite">'
              '<p class="argkg-hint">Hover over a node to read it; click to keep it here.</p>'
              "</aside>\n</main>\n"
            + f'<script type="application/json" id="argkg-data">{json_for_html(view.payload())}'
              "</script>\n")
    return page(f"{view.heading} · {title}", body,
                scripts=[vis_asset("vis-network.min.js"), asset("view.js")],
                styles=[vis_asset("vis-network.css"), asset("view.css"), asset("legend.css")],
                view=view.name)


def controls(view: View) -> str:
    """Search box, one group of checkboxes per facet, author, time span, reset, status."""
    facets = "".join(_facet_group(facet) for facet in view.facets())
    authors = sorted({node["author"] for node in view.nodes if node.get("author")})
    options = "".join(f'<option value="{html.escape(author)}"></option>' for author in authors)
    return (
        '<div id="argkg-controls">\n'
        '<label class="argkg-search">Search <input id="argkg-search" type="search" '
        'placeholder="text, name, author" autocomplete="off"></label>'
        '<span id="argkg-matches"></span>\n'
        f"{facets}"
        '<label class="argkg-author">Author <input id="argkg-author" type="search" '
        'list="argkg-authors" placeholder="any" autocomplete="off"></label>\n'
        f'<datalist id="argkg-authors">{options}</datalist>\n'
        '<span id="argkg-time" hidden>Time <input id="argkg-from" type="range" min="0" '
        'max="1000" value="0" aria-label="from"> <output id="argkg-from-text"></output> – '
        '<input id="argkg-to" type="range" min="0" max="1000" value="1000" aria-label="to"> '
        '<output id="argkg-to-text"></output></span>\n'
        '<button id="argkg-reset" type="button">Reset</button>\n'
        '<span id="argkg-status" role="status"></span>\n</div>\n')


def _facet_group(facet: dict) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" data-facet="{html.escape(facet["name"])}" '
        f'data-value="{html.escape(value["value"])}"{" checked" if value["on"] else ""}> '
        f'{html.escape(value["value"])} ({value["count"]:,})</label>'
        for value in facet["values"])
    return (f'<fieldset class="argkg-facet"><legend>{html.escape(facet["label"])}</legend>'
            f"{boxes}</fieldset>\n")

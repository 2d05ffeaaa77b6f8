"""graph.html: the index that links the three views, with what each shows and the counts
of the whole model. (report.html, made elsewhere, is the overview in charts.)

A static page without scripts: it opens at once, whatever the size of the graph.
"""

from __future__ import annotations

import html

import networkx as nx

from argkg.graph.model import NodeKind, count_kinds
from argkg.graph.views.describe import kind_name, plural
from argkg.graph.views.page import asset, header, navigation, page
from argkg.graph.views.view import View

INDEX = "graph.html"
INDEX_HEADING = "Views"


def index_page(graph: nx.MultiDiGraph, views: list[View], title: str,
               pages: list[tuple[str, str]]) -> str:
    counts = count_kinds(graph)
    summary = (f"{plural(graph.number_of_nodes(), 'node')} · "
               f"{plural(graph.number_of_edges(), 'edge')} · "
               + ", ".join(plural(counts.get(kind, 0), kind_name(kind)) for kind in NodeKind))
    cards = "".join(_card(view) for view in views)
    body = (header(title, INDEX_HEADING, navigation(pages, INDEX), summary, [], [])
            + f'<main id="argkg-index">\n{cards}</main>\n')
    styles = [asset("view.css"), asset("legend.css"), _CSS]
    return page(f"{INDEX_HEADING} · {title}", body, scripts=[], styles=styles, view="index")


def _card(view: View) -> str:
    notes = "".join(f'<p class="argkg-note">{html.escape(note)}</p>' for note in view.notes)
    return (f'<section class="argkg-card">\n<h2><a href="{view.name}.html">'
            f"{html.escape(view.heading)}</a></h2>\n"
            f"<p>{html.escape(view.description)}</p>\n"
            f'<p class="argkg-summary">{html.escape(view.summary)}</p>\n{notes}</section>\n')


_CSS = """
body { display: block; }
#argkg-index { display: grid; grid-template-columns: repeat(auto-fit, minmax(18em, 1fr));
               gap: 1em; padding: 1em; }
.argkg-card { border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 1em; }
.argkg-card h2 { font-size: 1.15em; margin: 0.2em 0 0.4em; }
"""

"""Three offline HTML views of the one graph model, and an index page that links them.

    thread.html     the article and comments as a reply tree, coloured by stance
    arguments.html  units with supports and attacks, grouped per post, acceptance shown
    actors.html     commenters and the actors they mention, weighted, coloured by stance
    graph.html      the index: what each view shows, with links

Every view page carries its layout (computed here, in Python), a search box, filters by type,
stance, author and time, a details panel and a legend; above MAX_VIEW_NODES nodes a view
shows a selection and says so on the page. See page.py for why debate text stays text.
"""

from __future__ import annotations

import networkx as nx

from argkg.graph.views.actors import actors_view
from argkg.graph.views.arguments import arguments_view
from argkg.graph.views.describe import default_title
from argkg.graph.views.index import INDEX, INDEX_HEADING, index_page
from argkg.graph.views.page import view_page
from argkg.graph.views.records import ModelIndex
from argkg.graph.views.thread import thread_view
from argkg.graph.views.view import MAX_VIEW_NODES, View

__all__ = ["MAX_VIEW_NODES", "build_views", "default_title", "render_views"]

VIEW_BUILDERS = (thread_view, arguments_view, actors_view)


def render_views(graph: nx.MultiDiGraph, title: str | None = None,
                 other_pages: tuple[tuple[str, str], ...] = ()) -> dict[str, bytes]:
    """File name -> page (UTF-8): graph.html, thread.html, arguments.html, actors.html.
    The same graph always gives the same bytes. `other_pages` ((file, heading) pairs written
    beside these) join the navigation."""
    title = title or default_title(graph)
    views = build_views(graph)
    pages = [(INDEX, INDEX_HEADING), *((f"{view.name}.html", view.heading) for view in views),
             *other_pages]
    rendered = {INDEX: index_page(graph, views, title, pages)}
    rendered |= {f"{view.name}.html": view_page(view, title, pages) for view in views}
    return {name: text.encode("utf-8") for name, text in rendered.items()}


def build_views(graph: nx.MultiDiGraph, limit: int = MAX_VIEW_NODES) -> list[View]:
    index = ModelIndex(graph)
    return [build(index, limit) for build in VIEW_BUILDERS]

"""The graph assembler: discussions and their extracted mentions into the one graph model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import networkx as nx

from argkg.discussion import ARTICLE_ID, Discussion
from argkg.extract.actors import Mention
from argkg.extract.arguments import ArgumentLayer
from argkg.extract.gazetteer import Actor
from argkg.graph import ids
from argkg.graph.arguments import add_arguments
from argkg.graph.model import EdgeKind, NodeKind, add_edge, add_node

LOCAL_SITE = "local"


@dataclass(frozen=True)
class ExtractedDiscussion:
    """A discussion with the actor mentions found in each of its posts."""

    discussion: Discussion
    mentions: dict[str, Sequence[Mention]]
    """Post id ("article" or a comment id) -> mentions in that post's text."""
    arguments: ArgumentLayer | None = None
    tokens: int = 0
    """How many tokens the pipeline read (for throughput figures)."""


def add_discussion(graph: nx.MultiDiGraph, extracted: ExtractedDiscussion) -> None:
    """Add one discussion's thread, people and actor mentions to `graph`."""
    discussion = extracted.discussion
    site = site_of(discussion)
    disc_node = add_node(graph, ids.discussion_id(discussion.id), NodeKind.DISCUSSION,
                         discussion.article.title, title=discussion.article.title,
                         url=discussion.url, language=discussion.language,
                         source=discussion.source)
    posts = _add_posts(graph, discussion, disc_node, site)
    accounts = {name: ids.commenter_id(site, name) for name in discussion.participants}
    mentions = _consolidate(extracted.mentions)
    for post_key, post_mentions in mentions.items():
        _add_mentions(graph, posts[post_key], post_mentions)
    for name, account in accounts.items():
        actor = ids.actor_id(name)
        if graph.has_node(actor) and not graph.has_edge(account, actor, str(EdgeKind.ACCOUNT_OF)):
            add_edge(graph, account, actor, EdgeKind.ACCOUNT_OF)
    if extracted.arguments is not None:
        add_arguments(graph, extracted.arguments, posts, disc_node,
                      lambda actor: _add_actor(graph, actor))


def site_of(discussion: Discussion) -> str:
    """The host the discussion was posted on (accounts are per site), else "local"."""
    return (_host(discussion.url) or "").removeprefix("www.") or LOCAL_SITE


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # not a URL after all ("http://[::1" is a broken IPv6 host)
        return None


def _add_posts(graph, discussion: Discussion, disc_node: str, site: str) -> dict[str, str]:
    article = discussion.article
    posts = {ARTICLE_ID: ids.post_id(discussion.id, ARTICLE_ID)}
    add_node(graph, posts[ARTICLE_ID], NodeKind.ARTICLE, article.title, discussion=disc_node,
             title=article.title, text=article.text, author=article.author,
             published=article.published, teaser=article.teaser, position=0)
    for position, comment in enumerate(discussion.comments, start=1):
        posts[comment.id] = ids.post_id(discussion.id, comment.id)
        add_node(graph, posts[comment.id], NodeKind.COMMENT, _comment_label(comment, position),
                 discussion=disc_node, text=comment.text, author=comment.author,
                 published=comment.published, position=position)
    authors = {ARTICLE_ID: article.author} | {c.id: c.author for c in discussion.comments}
    for post_key, node in posts.items():
        add_edge(graph, node, disc_node, EdgeKind.IN_DISCUSSION)
        author = authors[post_key]
        if author:
            account = _add_account(graph, site, author)
            add_edge(graph, node, account, EdgeKind.AUTHORED_BY)
    for comment in discussion.comments:
        target = posts[comment.reply_to or ARTICLE_ID]
        add_edge(graph, posts[comment.id], target, EdgeKind.REPLIES_TO)
    return posts


def _comment_label(comment, position: int) -> str:
    return f"#{position} {comment.author or 'unbekannt'}"


def _add_account(graph, site: str, name: str) -> str:
    node = ids.commenter_id(site, name)
    if not graph.has_node(node):
        add_node(graph, node, NodeKind.COMMENTER, name, name=name, site=site)
    return node


def _add_mentions(graph, post: str, mentions: Sequence[Mention]) -> None:
    by_actor: dict[str, list[Mention]] = {}
    for mention in mentions:
        node = _add_actor(graph, mention.actor)
        by_actor.setdefault(node, []).append(mention)
    for node, found in by_actor.items():
        add_edge(graph, post, node, EdgeKind.MENTIONS, count=len(found),
                 surfaces=tuple(dict.fromkeys(m.text for m in found)),
                 spans=tuple((m.start, m.end) for m in found))


def _add_actor(graph, actor: Actor) -> str:
    node = ids.actor_id(actor.label)
    if not graph.has_node(node):
        add_node(graph, node, NodeKind.ACTOR, actor.label, actor_type=actor.type, qid=actor.qid,
                 candidate=actor.candidate, aliases=actor.aliases)
    return node


def _consolidate(mentions: dict[str, Sequence[Mention]]) -> dict[str, list[Mention]]:
    """Candidates named by surname only ("Herrn Pflüger") join the full name found in
    another post of the same discussion ("Friedbert Pflüger")."""
    full_names = {}
    for post_mentions in mentions.values():
        for m in post_mentions:
            if m.actor.candidate and " " in m.actor.label:
                full_names.setdefault(m.actor.label.split()[-1], m.actor)
    return {
        post: [replace(m, actor=full_names.get(m.actor.label, m.actor))
               if m.actor.candidate and " " not in m.actor.label else m
               for m in post_mentions]
        for post, post_mentions in mentions.items()
    }

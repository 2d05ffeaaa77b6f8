"""The overview page (report.html): the debate in a few charts and tables, for people who would
rather look than read. Comments over time, the stance of replies, the most mentioned actors,
the most attacked statements, acceptance, thread depth and the commenters most replied to.
A graph of several discussions is summed up as one, with a table row per discussion.

Safety: the page has no script and loads nothing; its Content-Security-Policy forbids both, so
it works offline and a text that slipped through could still run nothing. Every text from the
debate is HTML-escaped, in the tables and inside the charts alike.

The charts are small SVG drawn here rather than by a plotting library: the bytes then depend on
the graph alone (no library version, font metrics or hash salt), no element id repeats between
charts, and their labels stay text that can be read, searched and copied. Ties are broken by
label and by the graph's order, so the same graph always gives the same page.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import networkx as nx

from argkg.graph.charts import Bar, Segment, bar_chart, column_chart, stacked_chart
from argkg.graph.model import EdgeKind, NodeKind, count_kinds, edges_of_kind, nodes_of_kind
from argkg.graph.style import (
    ACCEPTANCE_COLOURS,
    ATTACK_COLOUR,
    EDGE_STYLES,
    NEUTRAL_COLOUR,
    NODE_COLOURS,
    SUPPORT_COLOUR,
    truncate,
)

TOP = 12  # rows in each ranking
STATEMENT_LIMIT = 240  # characters of a statement in the table of attacked ones
HOUR_COLUMNS_UP_TO = timedelta(days=3)  # comments per hour up to this span, then per day,
DAY_COLUMNS_UP_TO = timedelta(days=120)  # then per month
STANCE_COLOURS = {"support": SUPPORT_COLOUR, "attack": ATTACK_COLOUR, "neutral": NEUTRAL_COLOUR}
ACCEPTANCE_NAMES = {"in": "in (accepted)", "out": "out (rejected)", "undecided": "undecided"}


def _e(text) -> str:
    return html.escape(str(text), quote=True)


# --- The numbers, from the model ------------------------------------------------------------


def comment_times(graph: nx.MultiDiGraph) -> list[datetime]:
    """When the comments were written, sorted, in the time zone of the first one that has one
    (a time without a zone is read as in it; if none has one, as UTC)."""
    times = [d["published"] for _, d in nodes_of_kind(graph, NodeKind.COMMENT)
             if isinstance(d.get("published"), datetime)]
    zone = next((t.tzinfo for t in times if t.tzinfo is not None), UTC)
    return sorted((t if t.tzinfo else t.replace(tzinfo=zone)).astimezone(zone) for t in times)


def time_columns(times: list[datetime]) -> tuple[str, list[tuple[str, int]]]:
    """('hour' | 'day' | 'month', [(label, comments)]) for sorted times, empty periods kept so
    that the axis is true to time."""
    if not times:
        return "", []
    span = times[-1] - times[0]
    if span <= HOUR_COLUMNS_UP_TO:
        return "hour", _hour_columns(times)
    if span <= DAY_COLUMNS_UP_TO:
        return "day", _day_columns(times)
    return "month", _month_columns(times)


def _hour_columns(times: list[datetime]) -> list[tuple[str, int]]:
    # Counted in UTC: Python's arithmetic on times of one zone is wall-clock arithmetic, which
    # would merge or skip an hour where summer time begins or ends.
    zone = times[0].tzinfo
    start = times[0].replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    hour = timedelta(hours=1)
    counts = Counter((t.astimezone(UTC) - start) // hour for t in times)
    return [((start + i * hour).astimezone(zone).strftime("%m-%d %H:00"), counts[i])
            for i in range(max(counts) + 1)]


def _day_columns(times: list[datetime]) -> list[tuple[str, int]]:
    counts = Counter(t.date() for t in times)
    first, last = times[0].date(), times[-1].date()
    days = (first + timedelta(days=i) for i in range((last - first).days + 1))
    return [(day.isoformat(), counts[day]) for day in days]


def _month_columns(times: list[datetime]) -> list[tuple[str, int]]:
    counts = Counter(t.year * 12 + t.month - 1 for t in times)  # months since the year 0
    return [(f"{m // 12}-{m % 12 + 1:02d}", counts[m]) for m in range(min(counts), max(counts) + 1)]


def thread_depths(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How deep each comment sits: 1 answers the article, 2 a comment on it, and so on."""
    parent = {u: v for u, v, _ in edges_of_kind(graph, EdgeKind.REPLIES_TO)}
    depths: dict[str, int] = {}
    for comment, _ in nodes_of_kind(graph, NodeKind.COMMENT):
        chain = [comment]  # up the thread to a comment of known depth, the article, or a loop
        while ((above := parent.get(chain[-1])) in graph and above not in depths
               and above not in chain and graph.nodes[above]["kind"] == NodeKind.COMMENT):
            chain.append(above)
        base = depths.get(parent.get(chain[-1]), 0)
        for steps, node in enumerate(reversed(chain), start=1):
            depths.setdefault(node, base + steps)
    return depths


def mentioned_actors(graph: nx.MultiDiGraph) -> list[Bar]:
    """The actors named most often, with the number of posts that name them."""
    mentions: Counter[str] = Counter()
    posts: Counter[str] = Counter()
    for _, actor, data in edges_of_kind(graph, EdgeKind.MENTIONS):
        mentions[actor] += data.get("count") or 1
        posts[actor] += 1
    ranked = sorted(mentions, key=lambda a: (-mentions[a], graph.nodes[a]["label"], a))[:TOP]
    colour = NODE_COLOURS[NodeKind.ACTOR]
    return [Bar(graph.nodes[a]["label"], mentions[a], colour, _count(posts[a], "post"))
            for a in ranked]


@dataclass(frozen=True)
class AttackedStatement:
    text: str
    role: str
    acceptance: str | None
    where: str
    attacks: int
    supports: int


def attacked_statements(graph: nx.MultiDiGraph) -> list[AttackedStatement]:
    """The units attacked most often, most attacked first (then in the graph's order)."""
    attacks = Counter(v for _, v, _ in edges_of_kind(graph, EdgeKind.ATTACKS))
    supports = Counter(v for _, v, _ in edges_of_kind(graph, EdgeKind.SUPPORTS))
    order = {node: i for i, node in enumerate(graph)}
    ranked = sorted(attacks, key=lambda unit: (-attacks[unit], order[unit]))[:TOP]
    return [_statement(graph, unit, attacks[unit], supports[unit]) for unit in ranked]


def _statement(graph: nx.MultiDiGraph, unit: str, attacks: int, supports: int):
    data = graph.nodes[unit]
    return AttackedStatement(text=data.get("text") or data["label"], role=data.get("role") or "",
                             acceptance=data.get("acceptance"),
                             where=_where(graph, data.get("post")), attacks=attacks,
                             supports=supports)


def _where(graph: nx.MultiDiGraph, post: str | None) -> str:
    data = graph.nodes[post] if post in graph else {}
    if data.get("kind") == NodeKind.ARTICLE:
        return "the article"
    if data.get("kind") == NodeKind.COMMENT:
        return f"comment {data.get('position')} by {data.get('author') or 'unknown'}"
    return ""


def stance_rows(graph: nx.MultiDiGraph) -> list[tuple[str, list[Segment]]]:
    """The stances of replies to the article and of replies to comments."""
    counts = {NodeKind.ARTICLE: Counter(), NodeKind.COMMENT: Counter()}
    for _, target, data in edges_of_kind(graph, EdgeKind.STANCE):
        counts.get(graph.nodes[target]["kind"], Counter())[data.get("stance")] += 1
    rows = [("replies to the article", counts[NodeKind.ARTICLE]),
            ("replies to comments", counts[NodeKind.COMMENT])]
    return [(label, [Segment(s, c[s], STANCE_COLOURS[s]) for s in STANCE_COLOURS])
            for label, c in rows if c.total()]


def acceptance_rows(graph: nx.MultiDiGraph) -> list[tuple[str, list[Segment]]]:
    """How many claims and premises stand (in), fall (out) or stay undecided."""
    counts = {"claim": Counter(), "premise": Counter()}
    for _, data in nodes_of_kind(graph, NodeKind.UNIT):
        if data.get("role") in counts and data.get("acceptance"):
            counts[data["role"]][data["acceptance"]] += 1
    return [(f"{role}s", [Segment(ACCEPTANCE_NAMES[a], c[a], colour)
                          for a, colour in ACCEPTANCE_COLOURS.items()])
            for role, c in counts.items() if c.total()]


@dataclass(frozen=True)
class CommenterRow:
    name: str
    comments: int
    replies: int
    attacked: int  # replies that attack one of the commenter's comments


def commenter_rows(graph: nx.MultiDiGraph) -> list[CommenterRow]:
    """Commenters by replies received, then by comments written."""
    author = {post: who for post, who, _ in edges_of_kind(graph, EdgeKind.AUTHORED_BY)}
    comments = Counter(author[c] for c, _ in nodes_of_kind(graph, NodeKind.COMMENT) if c in author)
    replies = Counter(author.get(v) for _, v, _ in edges_of_kind(graph, EdgeKind.REPLIES_TO)
                      if graph.nodes[v]["kind"] == NodeKind.COMMENT)
    attacked = Counter(author.get(v) for _, v, d in edges_of_kind(graph, EdgeKind.STANCE)
                       if d.get("stance") == "attack"
                       and graph.nodes[v]["kind"] == NodeKind.COMMENT)
    name = {who: graph.nodes[who]["label"] for who in comments}
    ranked = sorted(comments, key=lambda w: (-replies[w], -comments[w], name[w], w))[:TOP]
    return [CommenterRow(name[w], comments[w], replies[w], attacked[w]) for w in ranked]


def commenters(graph: nx.MultiDiGraph) -> set[str]:
    """The accounts that wrote at least one comment."""
    comments = {c for c, _ in nodes_of_kind(graph, NodeKind.COMMENT)}
    return {who for post, who, _ in edges_of_kind(graph, EdgeKind.AUTHORED_BY) if post in comments}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- The page -------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
  max-width:780px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.15rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid #ddd}
.sub,.note-text{color:#555}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(135px,1fr));gap:.5rem;margin:0}
.figures div{background:#f4f4f4;border-radius:6px;padding:.45rem .7rem}
.figures dt{font-size:.8rem;color:#555}
.figures dd{margin:0;font-size:1.4rem;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;font:12px system-ui,sans-serif;fill:#222}
svg .note{fill:#666}
svg .inside{fill:#fff;font-weight:600}
svg .axis{stroke:#999}
svg .axis-label{font-size:11px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .4rem;border-bottom:1px solid #eee}
th.n,td.n{text-align:right;white-space:nowrap}
.swatch{display:inline-block;width:.75em;height:.75em;border-radius:2px;margin-right:.3em}
.empty{color:#666;font-style:italic}
footer{margin-top:2.5rem;color:#777;font-size:.8rem}
"""
# No script, no request of any kind: the page is complete as it is.
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def render_report(graph: nx.MultiDiGraph, title: str | None = None) -> bytes:
    """The overview page as UTF-8 bytes; the same graph always gives the same bytes."""
    title = title or default_title(graph)
    times = comment_times(graph)
    depths = thread_depths(graph)
    sections = [_figures(graph, depths), _time_section(graph, times), _stance_section(graph),
                _actor_section(graph), _attacked_section(graph), _acceptance_section(graph),
                _depth_section(depths), _commenter_section(graph), _discussion_section(graph)]
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} · overview</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{_e(title)}</h1><p class="sub">{_e(_subtitle(graph, times))}</p>'
        "</header>\n" + "\n".join(sections) +
        "\n<footer>Made by argkg from the argument graph: the network itself is in the build's "
        "graph.html, graph.gexf and graph.ttl.</footer>\n</body>\n</html>\n")
    return page.encode("utf-8")


def default_title(graph: nx.MultiDiGraph) -> str:
    discussions = [d for _, d in nodes_of_kind(graph, NodeKind.DISCUSSION)]
    if len(discussions) == 1:
        return discussions[0].get("title") or discussions[0]["label"]
    return f"{len(discussions)} discussions" if discussions else "argkg"


def _subtitle(graph: nx.MultiDiGraph, times: list[datetime]) -> str:
    counts = count_kinds(graph)
    parts = [_count(counts.get(NodeKind.DISCUSSION, 0), "discussion"),
             _count(counts.get(NodeKind.COMMENT, 0), "comment")]
    if times:
        parts.append(f"{_time(times[0])} to {_time(times[-1])} ({times[0].tzname()})")
    return " · ".join(parts)


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _section(heading: str, content: str, note: str = "") -> str:
    note_html = f'<p class="note-text">{_e(note)}</p>' if note else ""
    return f"<section>\n<h2>{_e(heading)}</h2>\n{content}\n{note_html}</section>"


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    """Cells arrive as HTML (their text already escaped); `numeric` columns align right."""
    def cells(tag: str, values: list[str]) -> str:
        return "".join(f"<{tag} class=\"n\">{v}</{tag}>" if i in numeric else f"<{tag}>{v}</{tag}>"
                       for i, v in enumerate(values))
    head = cells("th", [_e(h) for h in headers])
    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figures(graph: nx.MultiDiGraph, depths: dict[str, int]) -> str:
    counts = count_kinds(graph)
    roles = Counter(d.get("role") for _, d in nodes_of_kind(graph, NodeKind.UNIT))
    mentions = [d.get("count") or 1 for _, _, d in edges_of_kind(graph, EdgeKind.MENTIONS)]
    actors = {a for _, a, _ in edges_of_kind(graph, EdgeKind.MENTIONS)}
    figures = [
        ("comments", counts.get(NodeKind.COMMENT, 0)),
        ("commenters", len(commenters(graph))),
        ("replies to comments", sum(1 for d in depths.values() if d > 1)),
        ("actors named", len(actors)), ("mentions", sum(mentions)),
        ("claims", roles["claim"]), ("premises", roles["premise"]),
        ("supports", counts.get(EdgeKind.SUPPORTS, 0)),
        ("attacks", counts.get(EdgeKind.ATTACKS, 0)), ("quotes", counts.get(EdgeKind.QUOTES, 0)),
    ]
    items = "".join(f"<div><dt>{_e(label)}</dt><dd>{value}</dd></div>" for label, value in figures)
    return _section("In numbers", f'<dl class="figures">{items}</dl>')


def _time_section(graph: nx.MultiDiGraph, times: list[datetime]) -> str:
    undated = count_kinds(graph).get(NodeKind.COMMENT, 0) - len(times)
    note = f"{_count(undated, 'comment')} without a date not shown." if undated else ""
    unit, columns = time_columns(times)
    if not columns:
        return _section("Comments over time", _empty("No comment has a date."), note)
    title = f"Comments per {unit} (times in {times[0].tzname()})"
    chart = column_chart(columns, NODE_COLOURS[NodeKind.COMMENT], title)
    return _section("Comments over time", f"<p>{_e(title)}</p>{chart}", note)


def _shown(heading: str, items: list, draw: Callable[[list], str], empty: str,
           note: str = "") -> str:
    """A section that draws its items, or says that there are none."""
    if not items:
        return _section(heading, _empty(empty))
    return _section(heading, draw(items), note)


def _stance_section(graph: nx.MultiDiGraph) -> str:
    return _shown("Stance of replies", stance_rows(graph),
                  lambda rows: stacked_chart(rows, "Stance of replies"), "No reply has a stance.",
                  "How each reply stands toward the post it answers.")


def _actor_section(graph: nx.MultiDiGraph) -> str:
    return _shown("Most mentioned actors", mentioned_actors(graph),
                  lambda bars: bar_chart(bars, "Most mentioned actors"), "No actor is mentioned.",
                  "Mentions in all posts; the note says in how many posts.")


def _attacked_section(graph: nx.MultiDiGraph) -> str:
    return _shown("Most attacked statements", attacked_statements(graph), _attacked_table,
                  "No statement is attacked.",
                  "Acceptance: whether the statement stands once all attacks are weighed.")


def _attacked_table(statements: list[AttackedStatement]) -> str:
    rows = [[str(s.attacks), str(s.supports), _acceptance_cell(s.acceptance),
             f"{_e(truncate(s.text, STATEMENT_LIMIT))}<br><small>{_e(s.role)} · "
             f"{_e(s.where)}</small>"] for s in statements]
    return _table(["attacks", "supports", "acceptance", "statement"], rows, {0, 1})


def _acceptance_cell(acceptance: str | None) -> str:
    if acceptance not in ACCEPTANCE_COLOURS:
        return "–"
    return (f'<span class="swatch" style="background:{ACCEPTANCE_COLOURS[acceptance]}"></span>'
            f"{_e(ACCEPTANCE_NAMES[acceptance])}")


def _acceptance_section(graph: nx.MultiDiGraph) -> str:
    return _shown("Acceptance", acceptance_rows(graph),
                  lambda rows: stacked_chart(rows, "Acceptance of claims and premises"),
                  "No claim or premise was found.",
                  "Whether claims and premises stand (in) or fall (out) against their attacks.")


def _depth_section(depths: dict[str, int]) -> str:
    deepest = max(depths.values(), default=0)
    counts = Counter(depths.values())
    columns = [(str(depth), counts[depth]) for depth in range(1, deepest + 1)]
    return _shown("Thread depth", columns,
                  lambda columns: column_chart(columns, EDGE_STYLES[EdgeKind.REPLIES_TO].colour,
                                               "Comments by thread depth"), "No comments.",
                  f"Depth 1 answers the article, 2 a comment on it, and so on; the deepest "
                  f"thread reaches {deepest}.")


def _commenter_section(graph: nx.MultiDiGraph) -> str:
    return _shown("Commenters most replied to", commenter_rows(graph), _commenter_table,
                  "No commenters.")


def _commenter_table(rows: list[CommenterRow]) -> str:
    cells = [[_e(r.name), str(r.comments), str(r.replies), str(r.attacked)] for r in rows]
    return _table(["commenter", "comments", "replies received", "of them attacking"], cells,
                  {1, 2, 3})


def _discussion_section(graph: nx.MultiDiGraph) -> str:
    members = _members_by_discussion(graph)
    if len(members) < 2:
        return ""
    rows = [_discussion_row(graph.nodes[node], graph.subgraph(nodes))
            for node, nodes in members.items()]
    headers = ["discussion", "comments", "commenters", "first comment", "last comment",
               "deepest thread", "attacks"]
    return _section("Discussions", _table(headers, rows, {1, 2, 5, 6}))


def _discussion_row(data: dict, sub: nx.MultiDiGraph) -> list[str]:
    times = comment_times(sub)
    depths = thread_depths(sub)
    first, last = (_e(_time(times[0])), _e(_time(times[-1]))) if times else ("–", "–")
    return [_e(data.get("title") or data["label"]), str(len(depths)), str(len(commenters(sub))),
            first, last, str(max(depths.values(), default=0)),
            str(count_kinds(sub).get(EdgeKind.ATTACKS, 0))]


def _members_by_discussion(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Each discussion's posts and units, and the commenters who wrote those posts; in one
    pass over the graph, which may hold thousands of discussions."""
    members = {node: set() for node, _ in nodes_of_kind(graph, NodeKind.DISCUSSION)}
    for node, data in graph.nodes(data=True):
        if data.get("discussion") in members:
            members[data["discussion"]].add(node)
    for post, who, _ in edges_of_kind(graph, EdgeKind.AUTHORED_BY):
        discussion = graph.nodes[post].get("discussion")
        if discussion in members:
            members[discussion].add(who)
    return members

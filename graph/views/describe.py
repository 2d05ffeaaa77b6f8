"""What a node or edge says about itself, as plain text: labels, facts, tooltips.

Shared by the full network page (`argkg.graph.html`) and the three views. Everything here
returns plain strings; the pages show them with textContent or as vis-network `title` strings
(which vis-network shows with innerText), so markup in debate text stays visible text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from argkg.graph.model import EdgeKind, NodeKind
from argkg.graph.style import edge_weight, truncate

TOOLTIP_TEXT_LIMIT = 600
LABEL_LIMIT = 40

ACCEPTANCE_MARKS = {"in": "✓", "out": "✗", "undecided": "?"}
"""Prefixed to a unit's label, so acceptance shows without colour too."""
ACCEPTANCE_NAMES = {"in": "in (accepted)", "out": "out (rejected)", "undecided": "undecided"}
ROLE_NAMES = {"claim": "Claim", "premise": "Premise", "none": "No argumentative role"}


def default_title(graph) -> str:
    """The debate's title, or how many debates the graph holds."""
    titles = [d.get("title") or d["label"] for _, d in graph.nodes(data=True)
              if d["kind"] == NodeKind.DISCUSSION]
    return titles[0] if len(titles) == 1 else f"{len(titles)} debates"


def one_line(text: str, limit: int) -> str:
    return truncate(" ".join(str(text).split()), limit)


def when(moment) -> str | None:
    if isinstance(moment, datetime):
        return moment.isoformat(sep=" ", timespec="minutes")
    return str(moment) if moment else None


def epoch_ms(moment) -> int | None:
    """Milliseconds since 1970 for the page's time filter. A naive time counts as UTC, so the
    same graph gives the same page on every machine."""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return None
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def joined(*parts) -> str | None:
    # False too stands for "not there" (the value of `flag and text` when the flag is off);
    # compared by identity, as 0 == False and a 0 is a value.
    present = [str(p) for p in parts if p is not None and p is not False and p != ""]
    return " · ".join(present) or None


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {plural_form or word + 's'}"


def kind_name(kind: str) -> str:
    return str(kind).replace("_", " ")


# --- Node facts: the lines above a node's text, one function per node kind ---------------


def _article_facts(d: dict, attention: int) -> list:
    return [f"Article: {d.get('title') or d['label']}",
            joined(d.get("author"), when(d.get("published")))]


def _comment_facts(d: dict, attention: int) -> list:
    return [joined(f"Comment {d.get('position', '')}".strip(), d.get("author")),
            joined(when(d.get("published")), plural(attention, "reply", "replies"))]


def _commenter_facts(d: dict, attention: int) -> list:
    return [f"Commenter: {d.get('name') or d['label']}", d.get("site"), plural(attention, "post")]


def _actor_facts(d: dict, attention: int) -> list:
    aliases = d.get("aliases") or ()
    wikidata = d.get("qid") and f"Wikidata {d['qid']}"
    return [f"Actor: {d['label']}", joined(d.get("actor_type"), wikidata),
            aliases and "Also: " + ", ".join(aliases),
            d.get("candidate") and "Candidate: not in the gazetteer",
            f"Mentioned {plural(attention, 'time')}"]


def _discussion_facts(d: dict, attention: int) -> list:
    return [f"Debate: {d.get('title') or d['label']}", d.get("url"),
            joined(d.get("source"), d.get("language"))]


def _unit_facts(d: dict, attention: int) -> list:
    role = ROLE_NAMES.get(d.get("role") or "", "Unit")
    acceptance = d.get("acceptance")
    where = d.get("start") is not None and f"characters {d['start']}–{d.get('end')}"
    return [f"{role}, central claim of its post" if d.get("central") else role,
            acceptance and f"Acceptance: {acceptance_text(acceptance)}",
            joined(d.get("post"), where)]


def acceptance_text(acceptance: str) -> str:
    mark = ACCEPTANCE_MARKS.get(acceptance)
    name = ACCEPTANCE_NAMES.get(acceptance, acceptance)
    return f"{mark} {name}" if mark else name


def _unseen_text_facts(d: dict, attention: int) -> list:
    return ["Quoted text, source not in the debate"]


_FACTS = {
    NodeKind.ARTICLE: _article_facts,
    NodeKind.COMMENT: _comment_facts,
    NodeKind.COMMENTER: _commenter_facts,
    NodeKind.ACTOR: _actor_facts,
    NodeKind.DISCUSSION: _discussion_facts,
    NodeKind.UNIT: _unit_facts,
    NodeKind.UNSEEN_TEXT: _unseen_text_facts,
}


def node_facts(data: dict, attention: int) -> list[str]:
    """The lines that describe a node, without its text; missing values drop out."""
    facts_for = _FACTS.get(data["kind"], lambda d, _: [f"{d['kind']}: {d['label']}"])
    return [str(line) for line in facts_for(data, attention) if line]


def node_text(data: dict) -> str:
    return (data.get("text") or "").strip()


def node_tooltip(data: dict, attention: int) -> str:
    """Plain text: the facts, a blank line and the text, cut at TOOLTIP_TEXT_LIMIT."""
    lines = [*node_facts(data, attention), "", truncate(node_text(data), TOOLTIP_TEXT_LIMIT)]
    return "\n".join(lines).strip()


# --- Edge tooltips -------------------------------------------------------------------------


def edge_tooltip(data: dict) -> str:
    """Plain text, like node tooltips: the edge kind and the evidence behind it."""
    name = kind_name(data["kind"])
    details = _EDGE_DETAILS.get(data["kind"])
    return joined(*details(name, data)) if details else name


def _mention_details(name: str, d: dict) -> list:
    return [f"{name} ×{edge_weight(d)}", ", ".join(dict.fromkeys(d.get("surfaces") or ()))]


def _relation_details(name: str, d: dict) -> list:
    return [name, d.get("scope"), d.get("cue") and f"cue: {d['cue']}"]


def _stance_details(name: str, d: dict) -> list:
    cues = ", ".join(d.get("cues") or ())
    return [f"{name}: {d.get('stance')}", cues and f"cues: {cues}"]


def _quote_details(name: str, d: dict) -> list:
    exact = {True: "exact", False: "approximate"}.get(d.get("exact"))
    score = d.get("score")
    return [name, exact, score is not None and f"score {score:.2f}"]


def _attribution_details(name: str, d: dict) -> list:
    return [name, d.get("cue") and f"cue: {d['cue']}"]


_EDGE_DETAILS = {
    EdgeKind.MENTIONS: _mention_details,
    EdgeKind.SUPPORTS: _relation_details,
    EdgeKind.ATTACKS: _relation_details,
    EdgeKind.STANCE: _stance_details,
    EdgeKind.QUOTES: _quote_details,
    EdgeKind.ATTRIBUTED_TO: _attribution_details,
}

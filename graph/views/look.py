"""The shared palette (`argkg.graph.style`) in vis-network's terms: shapes, dashes, unit looks."""

from __future__ import annotations

from argkg.graph.style import acceptance_colour, node_colour
from argkg.graph.views.describe import ACCEPTANCE_MARKS, LABEL_LIMIT, one_line

VIS_SHAPES = {"disc": "dot", "square": "square", "triangle": "triangle", "diamond": "diamond"}
VIS_DASHES = {"solid": False, "dashed": [8, 6], "dotted": [2, 5]}
UNIT_FONT_SIZE = 10


def unit_look(data: dict, label_limit: int = LABEL_LIMIT) -> dict:
    """Acceptance as border colour and label mark; smaller text than posts and actors.
    With `label_limit` 0 the label is the acceptance mark alone."""
    look = {"font": {"size": UNIT_FONT_SIZE}, "borderWidth": 3 if data.get("central") else 2}
    border = acceptance_colour(data)
    if border:
        look["color"] = {"background": node_colour(data), "border": border}
    mark = ACCEPTANCE_MARKS.get(data.get("acceptance") or "")
    text = one_line(data.get("label") or "", label_limit - 2) if label_limit else ""
    if mark:
        look["label"] = f"{mark} {text}".strip()
    return look

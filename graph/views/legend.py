"""Legend rows as HTML: a name, then items (a swatch, symbol, ring or line and a text).

Every text goes through html.escape; colours, shapes and line styles come from
`argkg.graph.style`, never from the debate.
"""

from __future__ import annotations

import html

from argkg.graph.model import NodeKind
from argkg.graph.style import ACTOR_TYPE_SHAPES, DEFAULT_SHAPE, NODE_COLOURS

LEGEND_SYMBOLS = {"disc": "●", "square": "■", "triangle": "▲", "diamond": "◆", "hexagon": "⬢",
                  "box": "▭"}


def legend_row(name: str, items: list[str]) -> str:
    return (f'<ul class="argkg-legend"><li class="argkg-legend-name">{html.escape(name)}:</li>\n'
            + "\n".join(items) + "\n</ul>\n")


def swatch_item(colour: str, text: str) -> str:
    return _item(f'<span class="argkg-swatch" style="background:{colour}"></span>', text)


def symbol_item(colour: str, shape: str, text: str) -> str:
    return _item(f'<span class="argkg-symbol" style="color:{colour}">{LEGEND_SYMBOLS[shape]}'
                 "</span>", text)


def ring_item(colour: str, text: str) -> str:
    return _item(f'<span class="argkg-swatch argkg-ring" style="border-color:{colour}"></span>',
                 text)


def line_item(colour: str, line: str, text: str) -> str:
    return _item(f'<span class="argkg-line" style="border-top-style:{line};'
                 f'border-color:{colour}"></span>', text)


def text_item(text: str) -> str:
    return _item("", text)


def _item(mark: str, text: str) -> str:
    """`mark` is HTML made here from palette values; `text` is escaped."""
    return f"<li>{mark}{html.escape(text)}</li>"


def actor_shape_groups() -> list[tuple[str, str]]:
    """(shape, the actor types drawn with it), ending with ('disc', 'other actors')."""
    types_by_shape: dict[str, list[str]] = {}
    for actor_type, shape in ACTOR_TYPE_SHAPES.items():
        types_by_shape.setdefault(shape, []).append(actor_type)
    groups = [(shape, ", ".join(types)) for shape, types in types_by_shape.items()]
    return groups + [(DEFAULT_SHAPE, "other actors")]


def actor_items() -> list[str]:
    return [symbol_item(NODE_COLOURS[NodeKind.ACTOR], shape, types)
            for shape, types in actor_shape_groups()]

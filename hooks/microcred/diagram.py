"""Layout of a pathway diagram, computed at build time for an inline SVG.

One column per stage, one box per credential, an arrow for each prerequisite inside
the pathway. Only geometry lives here; `overrides/partials/catalog/diagram.html`
draws it, so no markup is built in Python.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Mapping

from .model import Credential, Pathway

COLUMN_WIDTH = 200
COLUMN_GAP = 56
NODE_HEIGHT = 64
NODE_GAP = 16
HEADER_HEIGHT = 68  # stage titles, then a channel for arrows that skip a stage
CHANNEL_Y = 56
MARGIN = 8
LINE_CHARS = 24  # characters per line of a box's title at the diagram's font size
MAX_LINES = 3


@dataclass(frozen=True)
class Column:
    number: int
    title: str
    choose: int | None  # "choose N of" when the stage offers a choice
    size: int
    x: float


@dataclass(frozen=True)
class Node:
    credential_id: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float
    capstone: bool


@dataclass(frozen=True)
class Edge:
    source: str  # the prerequisite
    target: str
    path: str  # SVG path data


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    columns: tuple[Column, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def wrap(text: str, width: int = LINE_CHARS, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Lines of at most `width` characters; the last shown line ends in "…" when cut."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) <= max_lines:
        return tuple(lines)
    last = textwrap.shorten(" ".join(lines[max_lines - 1:]), width, placeholder="…")
    return (*lines[: max_lines - 1], last)


def layout(pathway: Pathway, credentials: Mapping[str, Credential]) -> Diagram:
    columns, nodes, seen = [], {}, set()
    for index, stage in enumerate(pathway.route_stages):
        x = MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP)
        choose = stage.choose if stage.required_count < len(stage.credentials) else None
        columns.append(Column(index + 1, stage.title, choose, len(stage.credentials), x))
        row = 0
        for cid in stage.credentials:
            if cid in seen:  # a credential repeated in a later stage is drawn once
                continue
            seen.add(cid)
            y = HEADER_HEIGHT + row * (NODE_HEIGHT + NODE_GAP)
            nodes[cid] = Node(cid, wrap(credentials[cid].title), x, y, COLUMN_WIDTH, NODE_HEIGHT, cid == pathway.capstone)
            row += 1
    edges = tuple(
        Edge(prereq, cid, _arrow(nodes[prereq], nodes[cid]))
        for cid in nodes
        for prereq in credentials[cid].prerequisites
        if prereq in nodes
    )
    rows = max((len(stage.credentials) for stage in pathway.route_stages), default=1)
    return Diagram(
        width=2 * MARGIN + len(columns) * COLUMN_WIDTH + (len(columns) - 1) * COLUMN_GAP,
        height=HEADER_HEIGHT + rows * NODE_HEIGHT + (rows - 1) * NODE_GAP + MARGIN,
        columns=tuple(columns),
        nodes=tuple(nodes.values()),
        edges=edges,
    )


def _arrow(source: Node, target: Node) -> str:
    """A curve from the right edge of the prerequisite to the left edge of the credential.

    An arrow that skips a stage would run through the boxes between, so it rises into the
    channel above the boxes, crosses there and comes down into its credential.
    """
    x1, y1 = source.x + source.width, source.y + source.height / 2
    x2, y2 = target.x - 4, target.y + target.height / 2  # stop short of the box for the arrowhead
    if x2 - x1 <= COLUMN_GAP:
        bend = max((x2 - x1) / 2, 24)
        return f"M{x1:g},{y1:g} C{x1 + bend:g},{y1:g} {x2 - bend:g},{y2:g} {x2:g},{y2:g}"
    half = COLUMN_GAP / 2
    return (
        f"M{x1:g},{y1:g} C{x1 + half:g},{y1:g} {x1:g},{CHANNEL_Y:g} {x1 + half:g},{CHANNEL_Y:g}"
        f" L{x2 - half:g},{CHANNEL_Y:g} C{x2:g},{CHANNEL_Y:g} {x2 - half:g},{y2:g} {x2:g},{y2:g}"
    )

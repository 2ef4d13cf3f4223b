"""Layout of a pathway diagram, computed at build time for inline SVGs.

A pathway is drawn two ways: across (one column per stage, left to right) for wide
screens and down (one band per stage, top to bottom) for narrow ones. The page shows the
across drawing only where its container holds it at full size, so no text is ever drawn
smaller than the page's own. Each stage is headed by its number, its title and what it
asks; arrows lead from each stage to the next (the order in which they are earned),
dashed arrows from a prerequisite to the credential that builds on it, and the capstone
is a box with a thick border whose first line says so. Labels are wrapped to their box
with the estimated widths of `text_width`, never cut short.

Only geometry lives here; `overrides/partials/catalog/diagram.html` draws it, so no markup
is built in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .i18n import SOURCE, Interface
from .model import Credential, Pathway, Stage
from .pathway_routes import requirement
from .text_width import text_width, wrap

FONT_SIZE = 16  # the size of the page's body text
LINE_HEIGHT = 20  # more than the font's ascent and descent (1.17 em), so lines never touch
BASELINE = 15  # from the top of a line to its baseline
PAD = 10  # inside a box, around its text
MARGIN = 8
NODE_GAP = 12  # between the boxes of a stage
HEADER_GAP = 10  # between a stage's heading and its boxes
LANE = 10  # between arrows running side by side
ARROWHEAD = 12  # the length of a prerequisite arrow's head (diagram.html's marker)
COLUMN_WIDTH = 184  # across: holds about 20 characters a line
COLUMN_GAP = 40
DOWN_WIDTH = 328  # down: the content width of a 360 px wide phone
STAGE_GAP = 36  # down: between stages, room for the arrow from one to the next
# Content widths (px) from which the across drawing may replace the down one: the
# stylesheet (catalog.css) has a container query for each `.mc-diagram--fits-<width>`.
FITS = tuple(range(400, 1201, 80))
BOLD_STYLES = ("stage", "tag")  # the line styles catalog.css sets in bold


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float  # baseline
    style: str  # stage | title | rule (a stage's heading) or tag | label (a box's text)

    @property
    def width(self) -> float:
        return text_width(self.text, FONT_SIZE, self.style in BOLD_STYLES)


@dataclass(frozen=True)
class Node:
    credential_id: str
    x: float
    y: float
    width: float
    height: float
    capstone: bool
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Edge:
    source: str  # the prerequisite
    target: str
    path: str  # SVG path data


@dataclass(frozen=True)
class Layout:
    direction: str  # across | down
    width: float
    height: float
    headings: tuple[Line, ...]  # every stage's number, title and requirement
    nodes: tuple[Node, ...]
    stage_arrows: tuple[str, ...]  # path data, from each stage to the next
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class Diagram:
    down: Layout
    across: Layout | None  # None when no screen's content is wide enough for it
    fits: int | None  # the smallest of FITS that holds `across`
    stages: int

    @property
    def font_size(self) -> int:
        return FONT_SIZE

    @property
    def has_prerequisites(self) -> bool:
        return bool(self.down.edges)

    @property
    def has_capstone(self) -> bool:
        return any(node.capstone for node in self.down.nodes)


def layout(pathway: Pathway, credentials: Mapping[str, Credential], ui: Interface = SOURCE) -> Diagram:
    """The pathway's drawings, their words in the interface's language (their widths set
    the layout)."""
    across = _across(pathway, credentials, ui)
    fits = next((width for width in FITS if width >= across.width), None)
    return Diagram(
        down=_down(pathway, credentials, ui),
        across=across if fits else None,
        fits=fits,
        stages=len(pathway.route_stages),
    )


def _lines(texts: tuple[tuple[str, str], ...], x: float, top: float, width: float) -> tuple[Line, ...]:
    """(text, style) pairs wrapped to `width` and set one under another from `top`."""
    wrapped = [
        (line, style)
        for text, style in texts
        for line in wrap(text, width, FONT_SIZE, style in BOLD_STYLES)
    ]
    return tuple(Line(text, x, top + index * LINE_HEIGHT + BASELINE, style) for index, (text, style) in enumerate(wrapped))


def _heading(number: int, stage: Stage, x: float, top: float, width: float, ui: Interface) -> tuple[Line, ...]:
    """'Stage N', its title, and what it asks when there is a choice to make or more than one to earn."""
    title = ui.gettext(stage.title) if stage.is_capstone else stage.title
    texts = [(ui.gettext("Stage %(number)s") % {"number": number}, "stage"), (title, "title")]
    if len(stage.credentials) > 1:
        texts.append((requirement(stage, ui), "rule"))
    return _lines(tuple(texts), x, top, width)


def _node(cid: str, pathway: Pathway, credentials: Mapping[str, Credential], x: float, y: float, width: float, ui: Interface) -> Node:
    capstone = cid == pathway.capstone
    texts = (((ui.gettext("Capstone"), "tag"),) if capstone else ()) + ((credentials[cid].title, "label"),)
    lines = _lines(texts, x + PAD, y + PAD, width - 2 * PAD)
    return Node(cid, x, y, width, len(lines) * LINE_HEIGHT + 2 * PAD, capstone, lines)


def _prerequisites(pathway: Pathway, credentials: Mapping[str, Credential]) -> tuple[tuple[str, str], ...]:
    """(prerequisite, credential) pairs inside the pathway, in stage order."""
    members = set(pathway.credential_ids)
    return tuple(
        (prereq, cid) for cid in pathway.credential_ids for prereq in credentials[cid].prerequisites if prereq in members
    )


def _across(pathway: Pathway, credentials: Mapping[str, Credential], ui: Interface) -> Layout:
    stages = pathway.route_stages
    column_of = {cid: index for index, stage in enumerate(stages) for cid in stage.credentials}
    xs = [MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP) for index in range(len(stages))]
    headings = [_heading(index + 1, stage, xs[index], MARGIN, COLUMN_WIDTH, ui) for index, stage in enumerate(stages)]
    pairs = _prerequisites(pathway, credentials)
    span = lambda pair: column_of[pair[1]] - column_of[pair[0]]  # noqa: E731
    # The longest arrows take the lanes nearest the headings, so that an arrow's lane passes
    # above the lanes of the arrows it spans.
    skipping = sorted((pair for pair in pairs if span(pair) > 1), key=span, reverse=True)
    heading_bottom = MARGIN + max(len(lines) for lines in headings) * LINE_HEIGHT
    # Arrows that skip a stage cross in a channel above the boxes, one lane each.
    lanes = {pair: heading_bottom + HEADER_GAP / 2 + index * LANE for index, pair in enumerate(skipping)}
    top = heading_bottom + HEADER_GAP + len(skipping) * LANE
    nodes: dict[str, Node] = {}
    for index, stage in enumerate(stages):
        y: float = top
        for cid in stage.credentials:
            nodes[cid] = _node(cid, pathway, credentials, xs[index], y, COLUMN_WIDTH, ui)
            y += nodes[cid].height + NODE_GAP
    # The arrow from a stage to the next runs along the line of "Stage N", from its end to
    # the next stage's number: that line holds nothing else.
    arrow_y = headings[0][0].y - FONT_SIZE * 0.3  # level with the middle of lowercase letters
    stage_arrows = tuple(
        f"M{xs[index] + headings[index][0].width + 8:g},{arrow_y:g} H{xs[index + 1] - 8:g}" for index in range(len(stages) - 1)
    )
    inside = [pair for pair in pairs if span(pair) == 0]
    loops = {pair: index for index, pair in enumerate(inside)}
    edges = tuple(
        Edge(*pair, _across_arrow(nodes[pair[0]], nodes[pair[1]], lanes.get(pair), loops.get(pair))) for pair in pairs
    )
    return Layout(
        direction="across",
        width=2 * MARGIN + len(stages) * COLUMN_WIDTH + (len(stages) - 1) * COLUMN_GAP,
        height=max(node.y + node.height for node in nodes.values()) + MARGIN,
        headings=tuple(line for lines in headings for line in lines),
        nodes=tuple(nodes.values()),
        stage_arrows=stage_arrows,
        edges=edges,
    )


def _across_arrow(source: Node, target: Node, lane: float | None, beside: int | None) -> str:
    """From the prerequisite's right edge to the credential's left edge, through the gap
    between their columns; an arrow that skips a stage rises into its lane of the channel
    above the boxes, and one inside a stage loops round the column's right side."""
    x1, y1 = source.x + source.width, source.y + source.height / 2
    y2 = target.y + target.height / 2
    if beside is not None:
        return _loop(x1, y1, y2, x1 + ARROWHEAD + 4 + beside * LANE / 2, target.x + target.width + 4)
    x2 = target.x - 4  # stop short of the box for the arrowhead
    half = COLUMN_GAP / 2
    if lane is None:
        return f"M{x1:g},{y1:g} C{x1 + half:g},{y1:g} {x2 - half:g},{y2:g} {x2:g},{y2:g}"
    return (
        f"M{x1:g},{y1:g} C{x1 + half:g},{y1:g} {x1:g},{lane:g} {x1 + half:g},{lane:g}"
        f" L{x2 - half:g},{lane:g} C{x2:g},{lane:g} {x2 - half:g},{y2:g} {x2:g},{y2:g}"
    )


def _loop(x1: float, y1: float, y2: float, lane: float, x2: float) -> str:
    """Out to the right from (x1, y1), along the lane to y2, back left to end at x2."""
    return f"M{x1:g},{y1:g} H{lane:g} V{y2:g} H{x2:g}"


def _down(pathway: Pathway, credentials: Mapping[str, Credential], ui: Interface) -> Layout:
    stages = pathway.route_stages
    stage_of = {cid: index for index, stage in enumerate(stages) for cid in stage.credentials}
    # Prerequisite arrows run down (or up) a channel on the right of the boxes, one lane
    # each, the shortest nearest the boxes so that fewer arrows cross.
    pairs = sorted(_prerequisites(pathway, credentials), key=lambda pair: stage_of[pair[1]] - stage_of[pair[0]])
    channel = ARROWHEAD + len(pairs) * LANE if pairs else 0
    width = DOWN_WIDTH - 2 * MARGIN - channel
    headings: list[Line] = []
    nodes: dict[str, Node] = {}
    stage_arrows = []
    y: float = MARGIN
    for index, stage in enumerate(stages):
        if index:
            stage_arrows.append(f"M{MARGIN + width / 2:g},{y - STAGE_GAP + 4:g} V{y - 4:g}")
        lines = _heading(index + 1, stage, MARGIN, y, width, ui)
        headings.extend(lines)
        y += len(lines) * LINE_HEIGHT + HEADER_GAP
        for cid in stage.credentials:
            nodes[cid] = _node(cid, pathway, credentials, MARGIN, y, width, ui)
            y += nodes[cid].height + NODE_GAP
        y += STAGE_GAP - NODE_GAP
    edges = tuple(
        Edge(source, target, _loop(
            MARGIN + width, nodes[source].y + nodes[source].height / 2,
            nodes[target].y + nodes[target].height / 2,
            MARGIN + width + ARROWHEAD + 4 + index * LANE, MARGIN + width + 4,
        ))
        for index, (source, target) in enumerate(pairs)
    )
    return Layout(
        direction="down",
        width=DOWN_WIDTH,
        height=y - STAGE_GAP + MARGIN,
        headings=tuple(headings),
        nodes=tuple(nodes.values()),
        stage_arrows=tuple(stage_arrows),
        edges=edges,
    )

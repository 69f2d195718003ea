"""The career map: roles as boxes, "usually moves on to" as arrows, drawn as SVG.

Every role is a filled box (on a handout, its own role in the campus's primary colour,
the others in a light tint of it; on a guide, every role in the primary colour) with its
badge in an accent pill; arrows are thick
enough, and type large enough, to stay readable when a guide prints the map at 80 %.

The layout is computed, never placed by hand: a role's column is the longest chain of
moves leading to it (so arrows run left to right), roles are ordered within their
column by the average row of their neighbours (a few sweeps each way, which untangles
most crossings), and every box takes the height its wrapped title needs. A move that
would run backwards (a loop of moves) is drawn as an arc below the boxes.

Titles are drawn as the outlines of the campus's own font (fontTools), not as text:
the drawing is the same in the PDF, in Word (as a picture) and on any machine. What
the map says is given in words as its alternative text, by the document showing it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from ..usercache import cache_dir, cached

SWEEPS = 4  # ordering passes each way
TITLE_PT = 10.0  # 8 pt at least as printed: a guide may shrink its map to 80 %
BADGE_PT = 10.0
BADGE_PAD_MM = 1.2  # around the badge's letters, in its pill
ARROW_MM = 0.55  # 1.2 pt at least as printed, at 80 %
TINT = 0.12  # share of the primary colour in the boxes' light ground
LINE_GAP = 1.25  # line height / type size
PAD_MM = 2.0  # inside a box, above and below
PAD_X_MM = 3.5  # inside a box, left and right
COLUMN_GAP_MM = 14.0  # room for the arrows, long enough to read as arrows
ROW_GAP_MM = 3.0
MAX_LINES = 4
MIN_BOX_MM = 30.0  # narrower boxes would break titles into syllables: the map turns
MAX_BOX_MM = 64.0  # wider boxes leave a short title lost in them; the map is centred
ROW_DOWN_GAP_MM = 7.0  # between rows, when the moves run top to bottom
PT_TO_MM = 25.4 / 72


@dataclass(frozen=True)
class MapRole:
    """A role on the map: its id, badge letters and title in the reader's language."""

    id: str
    short_title: str
    title: str
    highlighted: bool = False  # in the primary colour: a handout's own role, a guide's all


@dataclass(frozen=True)
class CareerMap:
    """Roles, and the moves between them (from → to, both ids of ``roles``)."""

    roles: tuple[MapRole, ...]
    moves: tuple[tuple[str, str], ...]
    lang: str = "en"  # how long words are hyphenated


@dataclass
class Box:
    """A role placed on the map, in millimetres."""

    role: MapRole
    column: int
    row: int = 0
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    lines: list[str] = field(default_factory=list)
    waypoint: bool = False  # where a long arrow crosses a column: room kept, nothing drawn
    down: bool = False  # moves run top to bottom (a chain too long for the width)

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


WAYPOINT_MM = 2.5


def waypoints(career: CareerMap, column: dict[str, int]) -> dict[tuple[str, str], list[str]]:
    """For each move that skips columns, the ids of the waypoints its arrow passes
    through, one per column crossed (so that it runs between boxes, not across them)."""
    return {(a, b): [f"{a}>{b}@{c}" for c in range(column[a] + 1, column[b])]
            for a, b in career.moves if column[b] - column[a] > 1}


def columns(career: CareerMap) -> dict[str, int]:
    """Each role's column: the longest chain of forward moves that leads to it."""
    order = {role.id: index for index, role in enumerate(career.roles)}
    forward = [(a, b) for a, b in career.moves if a != b and not _closes_loop(career, a, b)]
    column = dict.fromkeys(order, 0)
    for _pass in range(len(order)):
        changed = False
        for source, target in forward:
            if column[target] < column[source] + 1:
                column[target], changed = column[source] + 1, True
        if not changed:
            break
    return column


def _closes_loop(career: CareerMap, source: str, target: str) -> bool:
    """Whether ``source → target`` goes back to a role listed earlier that reaches
    ``source`` (the move drawn as an arc so that the columns stay a chain)."""
    order = [role.id for role in career.roles]
    if order.index(target) > order.index(source):
        return False
    reached, frontier = {target}, [target]
    while frontier:
        current = frontier.pop()
        for a, b in career.moves:
            if a == current and b not in reached and order.index(b) > order.index(a):
                reached.add(b)
                frontier.append(b)
    return source in reached


def ordered(career: CareerMap, column: dict[str, int],
            ways: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    """The roles and waypoints of each column, top to bottom, with few crossing arrows."""
    column = {**column, **{w: int(w.rpartition("@")[2]) for path in ways.values() for w in path}}
    count = max(column.values(), default=0) + 1
    ids = [role.id for role in career.roles] + [w for path in ways.values() for w in path]
    layers = [[i for i in ids if column[i] == c] for c in range(count)]
    neighbours: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in career.moves:
        chain = [a, *ways.get((a, b), []), b]
        for first, second in zip(chain, chain[1:], strict=False):
            if first != second:
                neighbours[first].append(second)
                neighbours[second].append(first)
    for sweep in range(2 * SWEEPS):
        indices = range(1, count) if sweep % 2 == 0 else range(count - 2, -1, -1)
        for index in indices:
            layers[index] = _by_barycentre(layers[index], layers, neighbours)
    return layers


def _by_barycentre(layer: list[str], layers: list[list[str]],
                   neighbours: dict[str, list[str]]) -> list[str]:
    row = {rid: position for other in layers for position, rid in enumerate(other)}

    def weight(rid: str) -> tuple[float, int]:
        near = [row[n] for n in neighbours[rid] if n in row]
        return (sum(near) / len(near) if near else row[rid], layer.index(rid))

    return sorted(layer, key=weight)


def place(career: CareerMap, width_mm: float, font: Path) -> list[Box]:
    """Every role's box on a map ``width_mm`` wide, titles wrapped to fit: moves run left
    to right, or top to bottom when the chain of moves is too long for the width."""
    column = columns(career)
    layers = ordered(career, column, waypoints(career, column))
    box_width = (width_mm - COLUMN_GAP_MM * (len(layers) - 1)) / len(layers)
    if box_width < MIN_BOX_MM:
        return _downwards(career, layers, width_mm, font)
    box_width = min(box_width, MAX_BOX_MM)
    left = (width_mm - box_width * len(layers) - COLUMN_GAP_MM * (len(layers) - 1)) / 2
    roles = {role.id: role for role in career.roles}
    boxes = []
    for index, layer in enumerate(layers):
        y = 0.0
        for row, rid in enumerate(layer):
            box = Box(roles.get(rid, MapRole(rid, "", "")), index, row,
                      left + index * (box_width + COLUMN_GAP_MM), y, box_width, WAYPOINT_MM,
                      waypoint=rid not in roles)
            if not box.waypoint:
                box.lines = wrap(box.role.title, box_width - 2 * PAD_X_MM, TITLE_PT, font,
                                 career.lang)
                box.height = box_height(len(box.lines))
            boxes.append(box)
            y += box.height + ROW_GAP_MM
    return boxes


def _downwards(career: CareerMap, layers: list[list[str]], width_mm: float,
               font: Path) -> list[Box]:
    """The columns turned into rows (a row too full for the width wraps), top to bottom,
    each row centred."""
    per_row = max(1, int((width_mm + COLUMN_GAP_MM) // (MIN_BOX_MM + COLUMN_GAP_MM)))
    box_width = (width_mm - COLUMN_GAP_MM * (per_row - 1)) / per_row
    roles = {role.id: role for role in career.roles}
    boxes, y = [], 0.0
    for index, layer in enumerate(layers):
        ids = [rid for rid in layer if rid in roles]
        for start in range(0, len(ids), per_row):
            chunk = ids[start:start + per_row]
            left = (width_mm - len(chunk) * box_width - (len(chunk) - 1) * COLUMN_GAP_MM) / 2
            row = [Box(roles[rid], index, start + n, left + n * (box_width + COLUMN_GAP_MM), y,
                       box_width, 0.0, down=True)  # each row centred, as the columns are
                   for n, rid in enumerate(chunk)]
            for box in row:
                box.lines = wrap(box.role.title, box_width - 2 * PAD_X_MM, TITLE_PT, font,
                                 career.lang)
                box.height = box_height(len(box.lines))
            boxes += row
            y += max((box.height for box in row), default=0.0) + ROW_DOWN_GAP_MM
    return boxes


def box_height(lines: int) -> float:
    """A box's height: its badge's pill, then its title's lines."""
    return 2 * PAD_MM + _pill_height() + 1.0 + lines * TITLE_PT * LINE_GAP * PT_TO_MM


def _pill_height() -> float:
    return BADGE_PT * PT_TO_MM + 2 * BADGE_PAD_MM * 0.6


def wrap(text: str, width_mm: float, size_pt: float, font: Path,
         lang: str = "fr") -> list[str]:
    """``text`` in lines no wider than ``width_mm``, words too long for a line hyphenated
    as ``lang`` hyphenates them (at most MAX_LINES, the last one cut short with an
    ellipsis)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size_pt, font) <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while text_width(word, size_pt, font) > width_mm and (
                cut := _hyphenated(word, width_mm, size_pt, font, lang)):
            lines.append(cut[0] + "-")
            word = cut[1]
        lines.append(word)
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES - 1], _joined(lines[MAX_LINES - 1:])]
    return [_fit(line, width_mm, size_pt, font) for line in lines]


def _joined(lines: list[str]) -> str:
    """Lines put back together (a hyphenated word whole again), to be cut short."""
    text = ""
    for line in lines:
        text = text[:-1] + line if text.endswith("-") else f"{text} {line}".strip()
    return text


def _hyphenated(word: str, width_mm: float, size_pt: float, font: Path,
                lang: str) -> tuple[str, str] | None:
    """The longest start of ``word`` that fits with its hyphen, and the rest."""
    import pyphen  # WeasyPrint's hyphenation dictionaries

    language = lang if pyphen.language_fallback(lang) else "en"
    for start, rest in pyphen.Pyphen(lang=language).iterate(word):
        if text_width(start + "-", size_pt, font) <= width_mm:
            return start, rest
    return None


def _fit(line: str, width_mm: float, size_pt: float, font: Path) -> str:
    if text_width(line, size_pt, font) <= width_mm:
        return line
    while len(line) > 1 and text_width(line + "…", size_pt, font) > width_mm:
        line = line[:-1]
    return line.rstrip() + "…"


@lru_cache(maxsize=8)
def _font(path: Path) -> TTFont:
    # Lato's "created" date is 0, which fontTools reports; it is harmless.
    logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
    return TTFont(str(path), lazy=True)


def text_width(text: str, size_pt: float, font: Path) -> float:
    """The width of ``text`` set in ``font`` at ``size_pt``, in millimetres."""
    face = _font(font)
    cmap, metrics = face.getBestCmap(), face["hmtx"].metrics
    units = face["head"].unitsPerEm
    advance = sum(metrics[cmap.get(ord(c), ".notdef")][0] for c in text)
    return advance / units * size_pt * PT_TO_MM


def text_path(text: str, x: float, baseline: float, size_pt: float, font: Path) -> str:
    """The outlines of ``text`` as an SVG path's data, in millimetres."""
    face = _font(font)
    glyphs, cmap, metrics = face.getGlyphSet(), face.getBestCmap(), face["hmtx"].metrics
    scale = size_pt * PT_TO_MM / face["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda n: f"{n:.2f}".rstrip("0").rstrip("."))
    for char in text:
        name = cmap.get(ord(char), ".notdef")
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        x += metrics[name][0] * scale
    return str(pen.getCommands())


@dataclass(frozen=True)
class Palette:
    """The campus's colours for the map."""

    box: str  # arrows
    fill: str  # the highlighted role's box
    on_fill: str  # text on it
    ink: str  # titles on the other boxes
    ground: str  # the other boxes: a light tint of the primary colour
    badge: str  # the badges' pills
    on_badge: str  # their letters


def draw(career: CareerMap, width_mm: float, font: Path, bold: Path, palette: Palette) -> str:
    """The map as an SVG document ``width_mm`` wide (its height follows)."""
    boxes = place(career, width_mm, bold)  # titles are set in bold: measured in bold
    height = max((box.y + box.height for box in boxes), default=0.0) + 6
    by_id = {box.role.id: box for box in boxes}
    ways = waypoints(career, columns(career))
    parts = [_svg_head(width_mm, height, palette)]
    parts += [_arrow([by_id[a], *(by_id[w] for w in ways.get((a, b), []) if w in by_id),
                      by_id[b]], height) for a, b in career.moves if a != b]
    parts.append("</g>")
    parts += [_box(box, font, bold, palette) for box in boxes if not box.waypoint]
    return "".join(parts) + "</svg>"


_LABEL = re.compile(r' aria-label="[^"]*"')
_SIZE = re.compile(r'^<svg xmlns="http://www.w3.org/2000/svg" width="[0-9.]+mm" height="[0-9.]+mm"')


def as_inline(drawing: str, labelled_by: str) -> str:
    """A drawing of ``draw`` as an element of a web page: no size in millimetres (the
    page's stylesheet sizes it, its viewBox keeps its shape), one picture for assistive
    technologies, named by the element ``labelled_by`` (its parts unnamed); the arrow
    head's id made the map's own, so that it cannot meet another id of the page."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", labelled_by):
        raise ValueError(f"not an element id: {labelled_by!r}")
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" '
            f'aria-labelledby="{labelled_by}" focusable="false"')
    # Its parts are not named one by one: a picture's parts are not read (ARIA).
    inline = _LABEL.sub("", _SIZE.sub(head, drawing, count=1))
    return inline.replace('id="head"', f'id="{labelled_by}-head"').replace(
        "url(#head)", f"url(#{labelled_by}-head)")


def _svg_head(width: float, height: float, palette: Palette) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}mm" '
            f'height="{height:.1f}mm" viewBox="0 0 {width:.2f} {height:.2f}">'
            # The head is drawn in stroke widths: 4 of them long, clear at any scale.
            '<defs><marker id="head" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="4" '
            f'markerHeight="4" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="{palette.box}"/>'
            f'</marker></defs><g fill="none" stroke="{palette.box}" stroke-width="{ARROW_MM}" '
            'stroke-linecap="round">')


def _arrow(chain: list[Box], height: float) -> str:
    """The arrow of one move, from its first box to its last, through its waypoints."""
    source, target = chain[0], chain[-1]
    if source.down:
        x1, y1 = source.x + source.width / 2, source.y + source.height
        x2, y2 = target.x + target.width / 2, target.y - 0.6
        if target.y <= source.y:  # a move back up: along the left of the rows
            x1, x2 = source.x, target.x
            y1, y2 = source.middle, target.middle
            return (f'<path d="M{x1:.2f},{y1:.2f} C{x1 - 5:.2f},{y1:.2f} {x2 - 5:.2f},'
                    f'{y2:.2f} {x2 - 0.6:.2f},{y2:.2f}" marker-end="url(#head)"/>')
        bend = (y2 - y1) / 2
        return (f'<path d="M{x1:.2f},{y1:.2f} C{x1:.2f},{y1 + bend:.2f} {x2:.2f},{y2 - bend:.2f} '
                f'{x2:.2f},{y2:.2f}" marker-end="url(#head)"/>')
    if target.column > source.column:
        points = [(source.x + source.width, source.middle)]
        for waypoint in chain[1:-1]:
            points += [(waypoint.x, waypoint.middle), (waypoint.x + waypoint.width,
                                                       waypoint.middle)]
        points.append((target.x - 0.6, target.middle))
        path = f"M{points[0][0]:.2f},{points[0][1]:.2f}"
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            bend = (x2 - x1) / 2
            path += f" C{x1 + bend:.2f},{y1:.2f} {x2 - bend:.2f},{y2:.2f} {x2:.2f},{y2:.2f}"
    else:  # a move back, or within a column: an arc below the boxes
        x1, x2 = source.x + source.width / 2, target.x + target.width / 2
        y1, y2 = source.y + source.height, target.y + target.height + 0.6
        low = height - 1
        path = f"M{x1:.2f},{y1:.2f} C{x1:.2f},{low:.2f} {x2:.2f},{low:.2f} {x2:.2f},{y2:.2f}"
    return f'<path d="{path}" marker-end="url(#head)"/>'


def _box(box: Box, font: Path, bold: Path, palette: Palette) -> str:
    """A role's box: filled (the role in focus in the primary colour, the others in its
    light tint), its badge in a pill, its title under it."""
    focus = box.role.highlighted
    fill, ink = (palette.fill, palette.on_fill) if focus else (palette.ground, palette.ink)
    line = TITLE_PT * LINE_GAP * PT_TO_MM
    x, top = box.x + PAD_X_MM, box.y + PAD_MM
    pill_width = text_width(box.role.short_title, BADGE_PT, bold) + 2 * BADGE_PAD_MM
    pill = (f'<rect x="{x:.2f}" y="{top:.2f}" width="{pill_width:.2f}" '
            f'height="{_pill_height():.2f}" rx="{_pill_height() / 2:.2f}" '
            f'fill="{palette.badge}"/>')
    badge = text_path(box.role.short_title, x + BADGE_PAD_MM,
                      top + _pill_height() / 2 + BADGE_PT * PT_TO_MM * 0.36, BADGE_PT, bold)
    below = top + _pill_height() + 1.0
    title = "".join(text_path(text, x, below + line * index + TITLE_PT * PT_TO_MM * 0.95,
                              TITLE_PT, bold)
                    for index, text in enumerate(box.lines))
    label = escape(f"{box.role.short_title} {box.role.title}", {'"': "&quot;"})
    return (f'<g data-role="{escape(box.role.id)}" aria-label="{label}">'
            f'<rect x="{box.x:.2f}" y="{box.y:.2f}" width="{box.width:.2f}" '
            f'height="{box.height:.2f}" rx="2" fill="{fill}" stroke="none"/>'
            f'<path d="{title}" fill="{ink}" stroke="none"/>{pill}'
            f'<path d="{badge}" fill="{palette.on_badge}" stroke="none"/></g>')


class Linked(Protocol):
    """A role as the view model shows it: a RoleView, or a RoleLink to one."""

    id: str
    short_title: str
    title: str


def around(role: Any) -> CareerMap:
    """The map of a handout: its role, the roles that lead to it and those it leads to."""
    before, after = list(role.moves_from), list(role.moves_on_to)
    if not before and not after:
        return CareerMap((), ())
    moves = tuple((b.id, role.id) for b in before) + tuple((role.id, a.id) for a in after)
    return CareerMap((*map(_map_role, before), _map_role(role, True), *map(_map_role, after)),
                     moves)


def among(roles: Sequence[Any]) -> CareerMap:
    """The map of a guide: every role of the guide, those with no move too (a reader
    looks for each), with the moves from one of its roles to another; no map when no
    role of the guide leads to another."""
    ids = {role.id for role in roles}
    moves = tuple((role.id, after.id) for role in roles for after in role.moves_on_to
                  if after.id in ids)
    return CareerMap(tuple(_map_role(role, True) for role in roles), moves) if moves \
        else CareerMap((), ())


def _map_role(role: Linked, highlighted: bool = False) -> MapRole:
    return MapRole(role.id, role.short_title, role.title, highlighted)


def campus_drawing(career: CareerMap, campus: Any, root: Path, width_mm: float,
                   lang: str) -> str:
    """The map drawn in a campus's colours and body font ("" when it has no move)."""
    if not career.moves:
        return ""
    faces = {(face.weight, face.style): root / face.url for face in campus.font_faces
             if face.family == campus.font_body}
    palette = campus_palette(campus.colours)
    regular = faces[(400, "normal")]
    bold = faces.get((700, "normal"), regular)
    return _drawn(replace(career, lang=lang), width_mm, regular, bold, palette,
                  tuple((path.stat().st_mtime_ns, path.stat().st_size) for path in (regular, bold)))


def campus_palette(colours: Any) -> Palette:
    """The map's colours from a campus's: arrows in its accent (as ink on white), the
    role in focus on its primary colour, the others on a light tint of it, each title
    in the colour that reads on its ground, badges in accent pills (as on the cover)."""
    from ..resolve.colours import ink_on, mix

    ground = mix(colours.primary, TINT)
    return Palette(colours.accent_ink, colours.primary, colours.on_primary,
                   ink_on(colours.primary, ground), ground, colours.accent, colours.on_accent)


@lru_cache(maxsize=64)
def _drawn(career: CareerMap, width_mm: float, font: Path, bold: Path, palette: Palette,
           _fonts_as_they_are: tuple[tuple[int, int], ...]) -> str:
    """``draw``, once per map: a guide fills its templates in several times (its check,
    then each layout), and a 12-role map takes 0.15 s to draw."""
    return draw(career, width_mm, font, bold, palette)


def campus_picture(career: CareerMap, campus: Any, root: Path, width_mm: float, lang: str,
                   dpi: int = 300) -> bytes:
    """The map as a PNG ``width_mm`` wide at ``dpi``, for Word (b"" when it has no move).
    Kept in the user's cache, keyed by everything it is drawn from (this module's code
    included): a build makes a handout's picture once, not at every build."""
    if not career.moves:
        return b""
    fonts = [root / face.url for face in campus.font_faces if face.family == campus.font_body]
    key = hashlib.sha256("|".join([
        repr((career, campus.colours, campus.font_body, width_mm, lang, dpi)),
        *(hashlib.sha256(path.read_bytes()).hexdigest()
          for path in [Path(__file__), *sorted(fonts)])]).encode()).hexdigest()
    return cached(cache_dir("maps"), f"{key}.png",
                  lambda: _png(campus_drawing(career, campus, root, width_mm, lang),
                               width_mm, dpi))


# Cairo draws at most 32,767 pixels a side, and Pillow (which python-docx and Word's
# readers lean on) refuses pictures over ~89 million pixels as a possible attack: a map
# of many roles is drawn at a lower resolution rather than not at all.
MAX_MAP_SIDE_PX = 30_000
MAX_MAP_PIXELS = 60_000_000


def _png(drawing: str, width_mm: float, dpi: int) -> bytes:
    import cairosvg  # imported here: only Word documents need a raster picture

    return bytes(cairosvg.svg2png(bytestring=drawing.encode(),
                                  output_width=map_pixels_wide(drawing, width_mm, dpi)))


def map_pixels_wide(drawing: str, width_mm: float, dpi: int) -> int:
    """How many pixels wide the map is drawn: ``dpi`` at ``width_mm``, unless its height
    would make the picture too large to draw or to read back."""
    wide = width_mm / 25.4 * dpi
    found = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', drawing)
    ratio = float(found[2]) / float(found[1]) if found and float(found[1]) else 1.0
    wide = min(wide, MAX_MAP_SIDE_PX, MAX_MAP_SIDE_PX / ratio,
               (MAX_MAP_PIXELS / ratio) ** 0.5)
    return max(round(wide), 1)

"""The career map's geometry, read back from the SVG it draws: boxes apart, every title
inside its box, on generated maps of 2 to 12 roles with many moves (fixed seeds)."""

from __future__ import annotations

import random
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.render.careermap import CareerMap, MapRole, Palette, draw

FONTS = Path(__file__).resolve().parent.parent / "templates/fonts/lato"
PALETTE = Palette("#b2553e", "#1d3557", "#ffffff", "#1d3557", "#e4e7ee", "#e76f51", "#111827")
SVG = "{http://www.w3.org/2000/svg}"
WORDS = ["Chef", "de", "projet", "Développeur", "Data", "Scientist", "Ingénieur", "Product",
         "Designer", "UX", "Responsable", "marketing", "digital", "Architecte", "logiciel"]


def generated(seed: int) -> CareerMap:
    rng = random.Random(seed)
    count = rng.randint(2, 12)
    roles = tuple(MapRole(f"r{i}", "".join(rng.choice("ABCDEFGH") for _ in range(4)),
                          " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 7))))
                  for i in range(count))
    moves = {(f"r{rng.randrange(count)}", f"r{rng.randrange(count)}")
             for _ in range(rng.randint(1, 2 * count))}
    return CareerMap(roles, tuple(sorted(moves)))


def boxes_and_labels(svg: str) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """Each role's box (x1, y1, x2, y2) and the extent of its drawn title."""
    found = []
    for group in ElementTree.fromstring(svg).iter(f"{SVG}g"):
        rect, path = group.find(f"{SVG}rect"), group.find(f"{SVG}path")
        if rect is None or path is None:
            continue
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        box = (x, y, x + float(rect.get("width", 0)), y + float(rect.get("height", 0)))
        xs, ys = points(path.get("d", ""))
        found.append((box, (min(xs), min(ys), max(xs), max(ys))))
    return found


def points(data: str) -> tuple[list[float], list[float]]:
    """The x and y of every point of an SVG path of absolute commands (M L H V Q C Z)."""
    xs: list[float] = []
    ys: list[float] = []
    command = "M"
    for token in re.findall(r"[A-Za-z]|-?\d+(?:\.\d+)?(?:e-?\d+)?", data):
        if token.isalpha():
            command, pending = token, []
            continue
        if command == "H":
            xs.append(float(token))
        elif command == "V":
            ys.append(float(token))
        else:
            pending.append(float(token))
            if len(pending) == 2:
                xs.append(pending[0])
                ys.append(pending[1])
                pending = []
    return xs, ys


@pytest.mark.parametrize("width", [120, pytest.param(180, marks=pytest.mark.slow)])  # A5, A4
@pytest.mark.parametrize("seed", [*range(6), *(pytest.param(seed, marks=pytest.mark.slow)
                                                for seed in range(6, 12))])
def test_boxes_never_overlap_and_titles_stay_in_their_box(seed: int, width: int) -> None:
    career = generated(seed)
    placed = boxes_and_labels(draw(career, width, FONTS / "Lato-Regular.ttf",
                                   FONTS / "Lato-Bold.ttf", PALETTE))
    assert len(placed) == len(career.roles), f"seed {seed}"
    for index, (box, label) in enumerate(placed):
        assert box[0] <= label[0] and label[2] <= box[2] + 0.1, f"seed {seed}: title overflows"
        for other, _label in placed[index + 1:]:
            apart = box[2] <= other[0] or other[2] <= box[0] or box[3] <= other[1] \
                or other[3] <= box[1]
            assert apart, f"seed {seed}: boxes {box} and {other} overlap"


@pytest.mark.parametrize("width", [122, 170])  # A5, A4
def test_a_dense_map_of_twelve_roles_keeps_every_title_apart(width: int) -> None:
    """Twelve roles with long titles, 30 moves among them (fixed seed)."""
    rng = random.Random(12)
    roles = tuple(MapRole(f"r{i}", f"R{i}", " ".join(rng.choice(WORDS) for _ in range(5)))
                  for i in range(12))
    moves = set()
    while len(moves) < 30:
        a, b = rng.sample(range(12), 2)
        moves.add((f"r{a}", f"r{b}"))
    placed = boxes_and_labels(draw(CareerMap(roles, tuple(sorted(moves))), width,
                                   FONTS / "Lato-Regular.ttf", FONTS / "Lato-Bold.ttf", PALETTE))
    assert len(placed) == 12
    labels = [label for _box, label in placed]
    for index, (box, label) in enumerate(placed):
        assert box[0] <= label[0] and label[2] <= box[2] + 0.1 and box[1] <= label[1] \
            and label[3] <= box[3] + 0.1, f"title {index} leaves its box"
        for other in labels[index + 1:]:
            assert label[2] <= other[0] or other[2] <= label[0] or label[3] <= other[1] \
                or other[3] <= label[1], f"titles {label} and {other} overlap"


def test_a_guide_map_shows_every_role_filled_with_readable_type_and_arrows() -> None:
    """Three roles, one move: the two that do not move are on the map too; boxes are
    filled, titles at least 8 pt and arrows at least 1.2 pt once the guide has shrunk the
    map to its smallest (MIN_MAP_SCALE)."""
    from types import SimpleNamespace

    from generator.documents.guide import MIN_MAP_SCALE
    from generator.render.careermap import among

    pm = SimpleNamespace(id="pm", short_title="PM", title="Product Manager", moves_on_to=())
    po = SimpleNamespace(id="po", short_title="PO", title="Product Owner", moves_on_to=(pm,))
    ux = SimpleNamespace(id="ux", short_title="UX", title="Designer", moves_on_to=())
    career = among([pm, po, ux])
    assert [role.id for role in career.roles] == ["pm", "po", "ux"]
    svg = draw(career, 170, FONTS / "Lato-Regular.ttf", FONTS / "Lato-Bold.ttf", PALETTE)
    tree = ElementTree.fromstring(svg)
    placed = boxes_and_labels(svg)
    assert len(placed) == 3
    mm_per_pt = 25.4 / 72
    for group in tree.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        if rect is not None and group.get("data-role"):
            assert rect.get("fill") not in (None, "none", "#ffffff"), "an empty box"
    for _box, label in placed:  # one line each: from the capitals' tops to the baseline
        assert (label[3] - label[1]) * MIN_MAP_SCALE >= 0.7 * 8 * mm_per_pt, label
    arrows = next(g for g in tree.iter(f"{SVG}g") if g.get("stroke-width"))
    assert float(arrows.get("stroke-width", 0)) * MIN_MAP_SCALE >= 1.2 * mm_per_pt
    assert among([pm, ux]).roles == ()  # no move at all: no map


@pytest.mark.slow  # seconds of waiting or a build: make test only
def test_a_map_of_many_roles_is_drawn_smaller_not_refused() -> None:
    """A map 5 m tall (hundreds of roles) at 300 dpi would be 59,000 pixels high: more than
    cairo draws and than Pillow reads back. It is drawn at the resolution that fits."""
    import io
    import warnings

    from PIL import Image

    from generator.render.careermap import MAX_MAP_PIXELS, MAX_MAP_SIDE_PX, _png

    tall = ('<svg xmlns="http://www.w3.org/2000/svg" width="170.0mm" height="5000.0mm" '
            'viewBox="0 0 170.00 5000.00"><rect width="170" height="5000" fill="#1d3557"/>'
            '</svg>')
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(_png(tall, 170, 300))) as picture:
            width, height = picture.size
            assert picture.getpixel((width // 2, height // 2))[:3] == (0x1d, 0x35, 0x57)
    assert height <= MAX_MAP_SIDE_PX and width * height <= MAX_MAP_PIXELS * 1.01
    assert abs(height / width - 5000 / 170) < 0.1
    short = tall.replace("5000", "50")
    with Image.open(io.BytesIO(_png(short, 170, 300))) as picture:
        assert picture.size[0] == round(170 / 25.4 * 300)

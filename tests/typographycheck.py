"""Typographic rules read back from a PDF's pages, with pdfium (an independent reader).

- hyphenated line ends: counted per page; never three lines in a row; never a piece of
  fewer than 3 letters or a word of fewer than 7; never inside a job title (the names
  given) nor in a heading (text set larger than the body); never a line holding only
  the first part of a word short enough to fit a line whole ("Générale-" alone);
- headings and titles (text set larger than the body) never end on a line of one word;
- the contrast of every text run against the pixels around it, on a render of the page:
  at least 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).

pdfium reads a hyphen that ends a line as U+0002 (and joins the two lines), or as the
hyphen followed by CR LF; a line that ends otherwise is followed by CR LF. The PDF
cannot tell an automatic hyphen from the hyphen of a compound word ("follow-up") that
happens to end a line: in Lato both are one glyph. The caller names the compounds of
the content (``compounds``); a line that ends inside one of them is not hyphenated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pypdfium2 as pdfium
import pypdfium2.raw as raw

PX_TO_PT = 0.75  # pdfium gives type sizes in CSS pixels for WeasyPrint's PDFs
SOFT = "\ufffe"  # stands for an automatic hyphen and the line break after it
MAX_HYPHENS_IN_A_ROW = 2
COLUMN_SLACK_PT = 12.0  # a line starting this near the line above: the same column
MIN_WORD, MIN_PIECE = 7, 3
MAX_PAIR, SHORT_LAST = 28, 12  # the README's title rule, in characters
LONE_WORD_MAX = 16  # letters: a word this short fits whole on any line of our columns
HEADING_RATIO = 1.15  # text this much larger than the body is a heading or a title
SMALL_TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG AA contrast
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0
RENDER_SCALE = 2  # pixels per point when rendering for the contrast check
_WORD_BEFORE = re.compile(r"([\w'’+.]+)$")
_WORD_AFTER = re.compile(r"(\w+)")


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float  # points
    index: int


def chars_of(page: pdfium.PdfPage) -> list[Char]:
    """Every character of a page with its box and type size, in reading order. A hyphen
    that ends a line is read as SOFT, the line break with it."""
    textpage = page.get_textpage()
    found: list[Char] = []
    for i in range(textpage.count_chars()):
        text = chr(raw.FPDFText_GetUnicode(textpage, i))
        if text == "\x02":
            text = SOFT  # a hyphen that ends a line, the two lines joined
        ends_word = len(found) > 1 and found[-2].text.isalpha()
        if text in "\r\n" and found and (found[-1].text == SOFT or (
                found[-1].text in ("\u2010", "-") and ends_word)):
            found[-1] = replace(found[-1], text=SOFT)  # CR, then LF: both dropped
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        size = raw.FPDFText_GetFontSize(textpage, i) * PX_TO_PT
        found.append(Char(text, left, bottom, right, top, size, i))
    return found


def body_size(pages: Iterable[list[Char]]) -> float:
    """The type size most letters of the document are set in."""
    sizes: Counter[float] = Counter(round(c.size, 1) for chars in pages for c in chars
                                    if c.text.isalpha())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def hyphen_problems(chars: list[Char], body: float, names: Iterable[str] = (),
                    compounds: frozenset[str] = frozenset()) -> tuple[int, list[str]]:
    """How many lines of the page end in an automatic hyphen, and what breaks the rules;
    ``compounds`` are the content's hyphenated words, lower case."""
    text = "".join(c.text for c in chars)
    in_names = _inside_names(text, names)
    count = run = 0
    problems: list[str] = []
    line_left, starts_line, line_start = chars[0].left if chars else 0.0, True, 0
    for position, char in enumerate(text):
        if starts_line and char not in "\r\n":
            line_left, starts_line, line_start = chars[position].left, False, position
        if char in "\r\n":
            run, starts_line = 0, True
        if char != SOFT:
            continue
        starts_line = True
        below = _goes_on_below(chars, position, line_left)
        left, right = _pieces(text, position)
        if f"{left}-{right}".lower() in compounds:  # wherever its next line starts (centred)
            run = 0  # the line ends at a compound's own hyphen: not hyphenated
            continue
        right = right if below else ""  # the word goes on in another cell or page: unknown
        count, run = count + 1, run + 1
        if run == MAX_HYPHENS_IN_A_ROW + 1:
            problems.append(f"{run} lines in a row end in a hyphen, up to '{left}-{right}'")
        problems += _hyphen_rules(left, right, position in in_names,
                                  chars[position].size >= body * HEADING_RATIO)
        if below and text[line_start:position] == left and len(left + right) <= LONE_WORD_MAX:
            problems.append(f"a line holds only '{left}-', the start of '{left}{right}', "
                            "which would fit on it whole")
        run = run if below else 0  # what follows in reading order is another column
    return count, problems


def _goes_on_below(chars: list[Char], position: int, line_left: float) -> bool:
    """Whether the text after the hyphen at ``position`` is the next line of the same
    column (not a neighbouring table cell, nor the top of the next page)."""
    if position + 1 >= len(chars):
        return False
    after, hyphen = chars[position + 1], chars[position]
    return after.top <= hyphen.bottom + 1 and abs(after.left - line_left) <= COLUMN_SLACK_PT


def _pieces(text: str, position: int) -> tuple[str, str]:
    """The parts of the word hyphenated at ``position``, before and after the hyphen."""
    before = _WORD_BEFORE.search(text, max(0, position - 80), position)
    after = _WORD_AFTER.match(text, position + 1)
    return (before.group(1) if before else ""), (after.group(1) if after else "")


def _hyphen_rules(left: str, right: str, in_name: bool, in_heading: bool) -> list[str]:
    word = f"{left}-{right}"
    if in_name:
        return [f"a job title is hyphenated: '{word}'"]
    if in_heading:
        return [f"a heading is hyphenated: '{word}'"]
    if left.isalpha() and right.isalpha() and (
            len(left) < MIN_PIECE or len(right) < MIN_PIECE or len(left) + len(right) < MIN_WORD):
        return [f"'{word}' is hyphenated (at least {MIN_PIECE} letters each side, words of "
                f"{MIN_WORD} or more)"]
    return []


def compound_words(texts: Iterable[str]) -> frozenset[str]:
    """The hyphenated words of ``texts`` (follow-up, savoir-faire), lower case."""
    return frozenset(word.lower() for text in texts
                     for word in re.findall(r"\w+(?:-\w+)+", text)
                     for word in _pairs(word))


def _pairs(word: str) -> list[str]:
    """Each two neighbouring parts of a compound: a line may end at any of its hyphens."""
    parts = word.split("-")
    return [f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False)]


def _inside_names(text: str, names: Iterable[str]) -> set[int]:
    """The places of ``text`` that fall inside one of ``names`` (read with its automatic
    hyphens taken out and any white space between its words)."""
    kept = [i for i, char in enumerate(text) if char != SOFT]
    plain = "".join(text[i] for i in kept)
    inside: set[int] = set()
    for name in {n for n in names if n.strip()}:
        pattern = r"\s+".join(re.escape(word) for word in name.split())
        for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", plain):
            start, end = kept[match.start()], kept[match.end() - 1]
            inside.update(range(start, end + 1))
    return inside


def _shorten(text: str) -> str:
    text = text.replace(SOFT, "-")
    return text if len(text) < 80 else text[:38] + " … " + text[-38:]


def lines_of(chars: list[Char]) -> list[list[Char]]:
    """The page's characters cut into lines: a new line where the baseline moves."""
    lines: list[list[Char]] = []
    for char in chars:
        if char.text in "\r\n" or (char.right <= char.left and not char.text.strip()):
            continue
        last = lines[-1][-1] if lines else None
        same = last is not None and abs(char.bottom - last.bottom) < 0.5 * max(char.size, 1) \
            and char.left >= last.left - 1
        if same:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def heading_problems(chars: list[Char], fonts: dict[int, str], body: float) -> list[str]:
    """Headings and titles whose last line holds a single word. A title's lines are
    lines of text larger than the body, one under the other, in the same font and size."""
    blocks: list[list[list[Char]]] = []
    for line in (line for line in lines_of(chars) if _size(line) >= body * HEADING_RATIO):
        previous = blocks[-1][-1] if blocks else None
        if previous is not None and _continues(previous, line, fonts):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    problems = []
    for block in (b for b in blocks if len(b) > 1):
        words = "".join(c.text for c in block[-1]).split()
        before = "".join(c.text for c in block[-2]).split()[-1:] or [""]
        if len(words) == 1 and len(words[0]) > 1 and not _too_long_to_pair(before[0], words[0]):
            title = " ".join("".join(c.text for c in line) for line in block)
            problems.append(f"a title ends on a line of one word: '{_shorten(title)}'")
    return problems


def _too_long_to_pair(before: str, last: str) -> bool:
    """A long last word whose pair is too long to share a line: left alone on its line,
    as the README says (render/titles.py binds the others)."""
    return len(last) > SHORT_LAST and len(before) + 1 + len(last) > MAX_PAIR


def _continues(previous: list[Char], line: list[Char], fonts: dict[int, str]) -> bool:
    size = _size(line)
    return (abs(_size(previous) - size) < 0.5 and _font(previous, fonts) == _font(line, fonts)
            and 0 < previous[0].bottom - line[0].bottom < 1.8 * size
            and abs(previous[0].left - line[0].left) < size * 8)


def _font(line: list[Char], fonts: dict[int, str]) -> str:
    return Counter(fonts.get(c.index, "") for c in line).most_common(1)[0][0]


def font_names(page: pdfium.PdfPage) -> dict[int, str]:
    """The font of each character of the page, by its index."""
    import ctypes

    textpage = page.get_textpage()
    names = {}
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for i in range(textpage.count_chars()):
        raw.FPDFText_GetFontInfo(textpage, i, buffer, 256, flags)
        names[i] = buffer.value.decode("latin-1")
    return names


def _size(line: list[Char]) -> float:
    return Counter(round(c.size, 1) for c in line).most_common(1)[0][0]


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Run:
    """A text object of the page: its words, colour, size, and what lies around it."""

    text: str
    colour: tuple[int, int, int]
    size: float
    bold: bool
    ground: tuple[int, int, int]

    @property
    def needs(self) -> float:
        large = self.size >= LARGE_PT - 0.05 or (self.bold and self.size >= LARGE_BOLD_PT - 0.05)
        return LARGE_TEXT if large else SMALL_TEXT

    @property
    def ratio(self) -> float:
        return contrast(self.colour, self.ground)


def text_runs(page: pdfium.PdfPage) -> list[Run]:
    """Every text object of the page (read through its characters, in page space, so
    that text inside a transparency group is placed right), with the colour of the
    pixels around it."""
    import ctypes

    bitmap = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
    height = page.get_size()[1]
    textpage = page.get_textpage()
    groups: dict[int, list[int]] = {}
    for i in range(textpage.count_chars()):
        obj = raw.FPDFText_GetTextObject(textpage, i)
        address = ctypes.cast(obj, ctypes.c_void_p).value
        if address:
            groups.setdefault(address, []).append(i)
    runs = []
    for indices in groups.values():
        boxes = [textpage.get_charbox(i) for i in indices]
        left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
        if right - left < 1:
            continue
        first = indices[0]
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        raw.FPDFText_GetFillColor(textpage, first, r, g, b, a)
        size = raw.FPDFText_GetFontSize(textpage, first) * PX_TO_PT
        bold = raw.FPDFText_GetFontWeight(textpage, first) >= 600
        words = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in indices)
        ground = _ground(bitmap, (left, height - top, right, height - bottom))
        runs.append(Run(words, (r.value, g.value, b.value), size, bold, ground))
    return runs


def _ground(bitmap, box: tuple[float, float, float, float]) -> tuple[int, int, int]:
    """The most common colour on a thin ring just outside ``box`` (page points, from
    the top): the ground the text is printed on."""
    left, top, right, bottom = (round(v * RENDER_SCALE) for v in box)
    gap = 2
    width, height = bitmap.size
    ring: Counter[tuple[int, int, int]] = Counter()
    for x in range(max(left - gap, 0), min(right + gap, width - 1) + 1, 2):
        for y in (top - gap, bottom + gap):
            if 0 <= y < height:
                ring[bitmap.getpixel((x, y))] += 1
    for y in range(max(top - gap, 0), min(bottom + gap, height - 1) + 1, 2):
        for x in (left - gap, right + gap):
            if 0 <= x < width:
                ring[bitmap.getpixel((x, y))] += 1
    return ring.most_common(1)[0][0] if ring else (255, 255, 255)


def contrast_problems(page: pdfium.PdfPage) -> tuple[float, list[str]]:
    """The lowest contrast of the page's text runs, and the runs under the threshold."""
    lowest, problems = 21.0, []
    for run in text_runs(page):
        if not run.text.strip():
            continue
        lowest = min(lowest, run.ratio)
        if run.ratio < run.needs - 0.05:
            problems.append(f"'{_shorten(run.text.strip())}' at {run.size:.1f} pt: contrast "
                            f"{run.ratio:.1f}:1 on its ground (at least {run.needs:g}:1)")
    return lowest, problems

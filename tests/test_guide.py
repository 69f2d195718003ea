"""The demo guides, read back with pypdf: pages, text per language, fonts, outline, metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import edit
from pdfread import fonts_of, outline_titles, page_texts, text_of

CAMPUSES = ("demo-nord", "demo-sud")

# Phrases of the seed article, and their translation in the English content. Both
# campuses print the PO and the comparison; only demo-nord prints the PM page.
FRENCH_PHRASES = [
    "Créer et gérer le backlog produit",
    "former des experts du numérique",
    "Product Manager est généralement l’évolution de carrière d’un Product Owner",
]
ENGLISH_PHRASES = [
    "Create and manage the product backlog",
    "train digital experts",
    "Product Manager is usually the next career step for a Product Owner",
]
PM_HOOK = {"fr": "Le garant de la réussite d’un produit, de sa conception à sa commercialisation",
           "en": "The guardian of a product’s success, from its design to its launch on the market"}
FRENCH_WORDS = ["Sommaire", "Compétences clés", "Journées portes ouvertes", "Méthodes de travail"]
ENGLISH_WORDS = ["Contents", "Key skills", "Open days", "Working methods"]


def guide_pdf(demo_build: Path, campus: str, lang: str) -> Path:
    return demo_build / campus / lang / "guide-pm-vs-po.pdf"


@pytest.mark.parametrize("campus", CAMPUSES)
def test_every_campus_and_language_is_built(demo_build: Path, campus: str) -> None:
    for lang in ("fr", "en"):
        assert guide_pdf(demo_build, campus, lang).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("campus", CAMPUSES)
def test_french_guide_speaks_french(demo_build: Path, campus: str) -> None:
    text = text_of(guide_pdf(demo_build, campus, "fr"))
    for phrase in FRENCH_PHRASES + FRENCH_WORDS:
        assert phrase in text
    for phrase in ENGLISH_PHRASES + ["Key skills", "Contents"]:
        assert phrase not in text
    assert PM_HOOK["fr"] in text  # the guide lists both roles, whoever prints it


@pytest.mark.parametrize("campus", CAMPUSES)
def test_english_guide_speaks_english(demo_build: Path, campus: str) -> None:
    text = text_of(guide_pdf(demo_build, campus, "en"))
    for phrase in ENGLISH_PHRASES + ENGLISH_WORDS:
        assert phrase in text
    for phrase in FRENCH_PHRASES + FRENCH_WORDS:
        assert phrase not in text
    assert PM_HOOK["en"] in text  # the guide lists both roles, whoever prints it


def test_sections_follow_each_other_between_the_covers(demo_build: Path) -> None:
    pages = page_texts(guide_pdf(demo_build, "demo-nord", "en"))
    assert len(pages) % 4 == 0  # whole sheets: a print shop can fold it as a booklet
    assert "Product Manager vs Product Owner" in pages[0] and "Demo Campus North" in pages[0]
    assert "Contents" in pages[1] and "About HETIC" in pages[1]
    flow = " ".join(pages[1:-1])
    order = ["About HETIC", "Why this guide?", "CAREER PROFILE Product Manager",
             "CAREER PROFILE Product Owner", "Create and manage the product backlog",
             "SIDE BY SIDE Product Manager and Product Owner, side by side", "What they share",
             "COME AND MEET US Demo Campus North", "Saturday 16 January 2027"]
    positions = [flow.find(words) for words in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "Notes" in pages[-3]  # lines to write on: never a blank page
    assert pages[-2].startswith("COME AND MEET US")  # the campus's page, before the back
    assert "Join HETIC" in pages[-1]


def test_table_of_contents_gives_real_page_numbers(demo_build: Path) -> None:
    pdf = guide_pdf(demo_build, "demo-nord", "en")
    page = page_texts(pdf)[1]
    contents = page[page.index("01 "):]
    entries = re.findall(r"(\d\d) ([^.]+?) \.+ (\d+)", contents)
    # The outline (bookmarks) says where each part really starts.
    reader = PdfReader(pdf)
    starts = {item.title.replace("\u00a0", " "): reader.get_destination_page_number(item) + 1
              for item in reader.outline if not isinstance(item, list)}
    # The map goes where the page has room for it: before the roles or after them.
    titles = [title for _, title, _ in entries]
    assert sorted(titles) == sorted([
        "About HETIC", "Product Manager", "Product Owner", "Where each role leads",
        "Product Manager and Product Owner, side by side", "Demo Campus North"])
    assert titles.index("Product Manager") < titles.index("Product Owner") \
        < titles.index("Product Manager and Product Owner, side by side")
    assert [int(number) for _, _, number in entries] == sorted(int(n) for _, _, n in entries)
    for _, title, number in entries:
        assert int(number) == starts[title], (title, number, starts)


def test_page_numbers_are_printed(demo_build: Path) -> None:
    pages = page_texts(guide_pdf(demo_build, "demo-sud", "fr"))
    for number in range(2, 7):
        assert str(number) in pages[number - 1].split()


def test_fonts_are_the_bundled_ones_embedded(demo_build: Path) -> None:
    for campus in CAMPUSES:
        for lang in ("fr", "en"):
            fonts = fonts_of(guide_pdf(demo_build, campus, lang))
            assert fonts, "no font found"
            assert all(fonts.values()), f"not embedded: {fonts}"
            # Subset fonts are named /XXXXXX+Name: only the campus's bundled families
            # (demo-sud sets its headings in Noto Serif), never a system fallback.
            expected = ("Lato", "Noto-Serif") if campus == "demo-sud" else ("Lato",)
            families = {next((family for family in expected
                              if name.split("+", 1)[1].startswith(family)), name)
                        for name in fonts}
            assert families == set(expected), fonts


def test_outline_has_every_section(demo_build: Path) -> None:
    titles = outline_titles(guide_pdf(demo_build, "demo-nord", "fr"))
    for expected in ("À propos de HETIC", "Product Manager", "Product Owner", "Missions",
                     "Compétences clés", "Campus Démo Nord"):
        assert expected in titles
    assert any("côte à côte" in title for title in titles)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_metadata_language_title_and_tags(demo_build: Path, lang: str) -> None:
    reader = PdfReader(guide_pdf(demo_build, "demo-nord", lang))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == lang
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert "Product Manager vs Product Owner" in reader.metadata.title
    assert reader.metadata.author == "HETIC"


@pytest.mark.parametrize("campus,size", [("demo-nord", (210, 297)), ("demo-sud", (148, 210))])
def test_paper_size_is_the_campus_one(demo_build: Path, campus: str, size: tuple) -> None:
    for page in PdfReader(guide_pdf(demo_build, campus, "en")).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == size


def test_fictional_campus_says_so(demo_build: Path) -> None:
    assert "fictional demo campus" in text_of(guide_pdf(demo_build, "demo-sud", "en"))
    assert "campus de démonstration est fictif" in text_of(guide_pdf(demo_build, "demo-sud", "fr"))


def test_campuses_differ_in_their_own_details(demo_build: Path) -> None:
    nord = text_of(guide_pdf(demo_build, "demo-nord", "fr"))
    sud = text_of(guide_pdf(demo_build, "demo-sud", "fr"))
    assert "contact@nord.example" in nord and "contact@nord.example" not in sud
    assert "bonjour@sud.example" in sud and "bonjour@sud.example" not in nord


@pytest.mark.slow  # prints the guide three times
def test_notes_guessed_from_the_last_layout_change_no_byte(project_dir: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview makes a guide again and again in one process: the notes of the last
    layout are tried first. Right, they save a layout; wrong, they cost nothing; either
    way the PDF is the one a fresh process prints."""
    from generator import BuildOptions, Project, build
    from generator.documents import guide
    from generator.render import pdf

    options = BuildOptions(campuses=("demo-nord",), languages=("fr",), documents=("guide",),
                           force=True)
    guide.last_notes().clear()
    monkeypatch.setattr(guide, "kept_attempt", lambda _key: None)  # the guess alone
    layouts: list[int] = []
    real = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda *a: layouts.append(1) or real(*a))
    made = project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf"

    def printed() -> tuple[bytes, int]:
        layouts.clear()
        build(Project.at(project_dir), options)
        return made.read_bytes(), len(layouts)

    fresh, fresh_layouts = printed()
    (memo, notes), = guide.last_notes().items()
    again, again_layouts = printed()
    # A layout is saved when nothing but the notes changes from the first layout; the
    # demo's first layout also finds its key-facts rows too tall to move whole.
    assert again == fresh and again_layouts <= fresh_layouts
    guide.last_notes().put(memo, guide.Filler(notes.tail_lines + 3, notes.pages + 4, 1))
    wrong, wrong_layouts = printed()
    assert wrong == fresh and wrong_layouts == fresh_layouts


def _campus_page(pdf: Path, kicker: str) -> tuple[str, float]:
    """The text of the guide's campus page, and how far down its page (a share of the
    page's height) its panel's title is printed."""
    import pypdfium2 as pdfium

    texts = page_texts(pdf)
    index = next((i for i, words in enumerate(texts) if words.startswith(kicker)), None)
    assert index is not None, f"no page starts with {kicker!r}"
    page = pdfium.PdfDocument(str(pdf))[index]
    text = page.get_textpage()
    found = text.search("Open days").get_next()
    assert found, "no 'Open days' on the campus page"
    return texts[index], 1 - text.get_charbox(found[0])[3] / page.get_height()


def test_the_campus_page_keeps_its_panel_at_the_foot(demo_build: Path) -> None:
    words, down = _campus_page(guide_pdf(demo_build, "demo-nord", "en"), "COME AND MEET US")
    assert "1 rue de l'Exemple" in words.replace("\u2019", "'") and "13 March 2027" in words
    assert down > 0.6, f"the open days start {down:.0%} down the page"


@pytest.mark.parametrize("lang,salary,career", [("fr", "Salaire", "Évolution de carrière"),
                                                ("en", "Salary", "Career path")])
def test_three_key_facts_stand_in_one_row_on_a4(demo_build: Path, lang: str, salary: str,
                                                career: str) -> None:
    """A role with three key-facts boxes sets them side by side on A4: the salary's box
    beside the career path's, never alone at the top of the next page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(guide_pdf(demo_build, "demo-nord", lang))
    rows = 0
    for page in document:
        text = page.get_textpage()
        baselines = {words: [text.get_charbox(found[0])[1] for found in
                             iter(text.search(words, match_case=True, match_whole_word=True)
                                  .get_next, None)] for words in (salary, career)}
        for baseline in baselines[salary]:
            assert any(abs(baseline - other) < 1 for other in baselines[career]), \
                (lang, baselines)
            rows += 1
    assert rows == 2  # the Product Manager's and the Product Owner's


def test_the_campus_page_shows_its_qr_code_at_the_panel_s_right(demo_build: Path) -> None:
    """The open days on the left of the panel, the QR code at its right edge, not adrift
    in its middle; a campus without a photo shows its logo in its place."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = guide_pdf(demo_build, "demo-nord", "fr")
    index = next(i for i, words in enumerate(page_texts(pdf)) if words.startswith("VENEZ NOUS"))
    page = pdfium.PdfDocument(pdf)[index]
    width, height = page.get_size()
    # Both are drawings (SVG): squares, the QR code's white tile and the logo's disc.
    paths = [obj.get_bounds() for obj in page.get_objects() if obj.type == raw.FPDF_PAGEOBJ_PATH]
    squares = [(left, bottom, right - left) for left, bottom, right, top in paths
               if abs((right - left) - (top - bottom)) < 1]
    tiles = [(left, side) for left, bottom, side in squares
             if bottom < height / 3 and 50 < side < 90]
    assert tiles and all(left > 0.6 * width for left, _side in tiles), (tiles, width)
    assert any(bottom > height / 3 and 80 < side < 120 for _left, bottom, side in squares), \
        "no logo where the photo would be"


@pytest.mark.slow
def test_a_campus_with_many_open_days_still_has_them_all_on_its_page(
        project_dir: Path) -> None:
    """Twelve open days: the cover names three, the campus page all of them, its panel
    at the foot and clear of the text above it."""
    from generator import BuildOptions, Project, build

    days = ", ".join(f"2027-{month:02d}-10" for month in range(1, 13))
    edit(project_dir, "content/campuses/demo-nord.yaml",
         "open_days: [2027-01-16, 2027-03-13]", f"open_days: [{days}]")
    build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("en",),
                                                documents=("guide",)))
    pdf = project_dir / "build/demo-nord/en/guide-pm-vs-po.pdf"
    cover = page_texts(pdf)[0]
    assert "10 March 2027 …" in cover and "April" not in cover
    words, down = _campus_page(pdf, "COME AND MEET US")
    assert all(f"{month} 2027" in words for month in ("January", "June", "December"))
    assert down > 0.3, f"the open days start {down:.0%} down the page"


@pytest.mark.slow  # five guides
def test_the_attempt_that_ended_a_search_lays_the_guide_out_once(
        project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the same inputs the search ends on the same attempt: kept in the user cache, it
    makes the guide in one layout, with the same bytes. A stale one (another plan under
    the key) costs one layout and changes no byte; a damaged one is not read."""
    import json

    from generator import BuildOptions, Project, build
    from generator.documents import guide
    from generator.render import pdf
    from generator.usercache import read_entry, write_entry

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    options = BuildOptions(campuses=("demo-nord",), languages=("fr",), documents=("guide",),
                           force=True)
    layouts: list[int] = []
    real = pdf.lay_out
    monkeypatch.setattr(pdf, "lay_out", lambda *a: layouts.append(1) or real(*a))

    def printed() -> tuple[bytes, int]:
        layouts.clear()
        guide.last_notes().clear()  # no guess of this process's last layout either
        build(Project.at(project_dir), options)
        return (project_dir / "build/demo-nord/fr/guide-pm-vs-po.pdf").read_bytes(), len(layouts)

    fresh, searched = printed()
    (entry,) = (tmp_path / "cache/careerdocs/layouts").iterdir()
    assert searched >= 2 and printed() == (fresh, 1)
    stale = json.loads(read_entry(entry) or b"")
    stale["plan"]["rhythm"] = 1.3
    write_entry(entry, json.dumps(stale).encode())
    assert printed() == (fresh, searched + 1)
    entry.write_bytes(b"\0" * 40)
    assert printed() == (fresh, searched)


@pytest.mark.slow  # lays a guide out
def test_a_short_role_badge_is_a_circle_and_a_long_one_a_pill(project_dir: Path,
                                                              tmp_path: Path) -> None:
    """Two letters in a circle as tall as the badge; six in a pill, as tall, wider (read
    from the laid-out boxes: before, min-width and padding made a 25 x 20 mm oval)."""
    from generator import BuildOptions, Project, build
    from generator.render.boxes import page_box

    from breakcheck import captured_layouts

    edit(project_dir, "content/roles/po.yaml", "fr: PO", "fr: PROWNR")
    with captured_layouts() as written:
        build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                                    documents=("guide",)))
    sizes = {}
    for page in written[0].pages:
        for box in page_box(page).descendants():
            element = getattr(box, "element", None)
            if type(box).__name__ == "InlineBlockBox" and element is not None \
                    and "role-badge" in (element.get("class") or "").split():
                text = "".join(b.text for b in box.descendants() if hasattr(b, "text"))
                sizes[text] = (box.border_width() * 25.4 / 96, box.border_height() * 25.4 / 96)
    (pm_width, pm_height), (po_width, po_height) = sizes["PM"], sizes["PROWNR"]
    assert abs(pm_width - pm_height) < 0.1 and round(pm_height) == 20, sizes
    assert po_width > po_height + 3 and round(po_height) == 20, sizes


@pytest.mark.parametrize(("paragraphs", "found"), [(2, {"school"}), (14, set())])
def test_a_section_that_ends_on_a_short_page_is_found(paragraphs: int, found: set[str]) -> None:
    """Read from a laid-out document: the school's part ends on a page 10 % full (two
    paragraphs) before a role that starts on the next page, or on a page 78 % full. The
    page where the text ends (the notes fill it) and the covers are not counted."""
    from weasyprint import HTML

    from generator.documents.guide import FLOW_END, MAX_LOOSE, short_sections

    page = 'style="break-before: page"'
    html = (f"<style>@page {{ size: A5; margin: 15mm }} p {{ margin: 1em 0 }}</style>"
            f"<p>Cover</p><section id='school' {page}>" + "<p>The school.</p>" * paragraphs
            + f"</section><section id='role-pm' {page}>" + "<p>A role.</p>" * 20
            + f"<p id='{FLOW_END}'>The end.</p></section><p {page}>Back cover</p>")
    document = HTML(string=html).render()
    assert len(document.pages) == 5
    short = short_sections(document, {})
    assert set(short) == found
    assert all(degrees > MAX_LOOSE for degrees in short.values()), short


@pytest.mark.parametrize(("loose", "found"), [({"role-pm": 2}, {"role-pm": -1}), ({}, {})])
def test_a_looser_section_that_leaves_a_short_page_inside_it_is_found(
        loose: dict[str, int], found: dict[str, int]) -> None:
    """A block of the role moved whole to the next page, leaving its page 10 % full:
    set looser, the role is set one degree tighter; at its usual spacing it is left to
    the other rules (looser, it would only move on)."""
    from weasyprint import HTML

    from generator.documents.guide import FLOW_END, short_sections

    page = 'style="break-before: page"'
    html = ("<style>@page { size: A5; margin: 15mm } p { margin: 1em 0 }</style>"
            f"<p>Cover</p><section id='role-pm' {page}><p>A role.</p><p>Its text.</p>"
            "<div style='break-inside: avoid; height: 150mm'>A tall block</div>"
            f"<p id='{FLOW_END}'>The end.</p></section><p {page}>Back cover</p>")
    document = HTML(string=html).render()
    assert len(document.pages) == 4
    assert short_sections(document, loose) == found


def test_a_short_page_inside_a_looser_section_wins_over_its_short_end() -> None:
    """Its blocks moved whole twice: a page 10 % full inside the role, then its end on a
    page 55 % full. Set looser again, it would push them further: it is set back."""
    from weasyprint import HTML

    from generator.documents.guide import FLOW_END, short_sections

    page = 'style="break-before: page"'
    block = "<div style='break-inside: avoid; height: {}mm'>A block</div>"
    html = ("<style>@page { size: A5; margin: 15mm } p { margin: 1em 0 }</style>"
            f"<p>Cover</p><section id='role-pm' {page}><p>A role.</p><p>Its text.</p>"
            + block.format(175) + block.format(100) + f"</section><section id='role-po' {page}>"
            f"<p id='{FLOW_END}'>The end.</p></section><p {page}>Back cover</p>")
    document = HTML(string=html).render()
    assert len(document.pages) == 6
    assert short_sections(document, {"role-pm": 2}) == {"role-pm": -1}


@pytest.mark.parametrize(("loose", "held", "found"), [
    ({}, frozenset(), {"role-pm"}), ({"role-pm": 3}, frozenset(), {"school"}),
    ({"role-pm": 1}, frozenset({"role-pm"}), {"school"}),
    ({"role-pm": 3}, frozenset({"school"}), set())])
def test_a_short_end_as_loose_as_it_may_be_sets_the_section_before_it_looser(
        loose: dict[str, int], held: frozenset[str], found: set[str]) -> None:
    """The role ends on a page a third full, the next role on the next page: it is set looser;
    already at MAX_LOOSE (3), or held, the school before it is, unless held too."""
    from weasyprint import HTML

    from generator.documents.guide import FLOW_END, short_sections

    page = 'style="break-before: page"'
    html = ("<style>@page { size: A5; margin: 15mm } p { margin: 1em 0 }</style>"
            f"<p>Cover</p><section id='school' {page}>" + "<p>The school.</p>" * 4
            + f"</section><section id='role-pm'><p>A role.</p></section>"
            f"<section id='role-po' {page}>" + "<p>A role.</p>" * 20
            + f"<p id='{FLOW_END}'>The end.</p></section><p {page}>Back cover</p>")
    document = HTML(string=html).render()
    assert set(short_sections(document, loose, held)) == found


def _line_pitch(pdf: Path, phrase: str) -> float:
    """The median distance between the baselines of the body lines (10.5 pt, the
    contents' leaders left out) on the page that prints ``phrase``, in points, read
    with pdfium."""
    import statistics
    from itertools import pairwise

    import pypdfium2 as pdfium

    from typographycheck import chars_of, lines_of

    document = pdfium.PdfDocument(pdf)
    page = next(page for page in document if phrase in page.get_textpage().get_text_range())
    lines = [line for line in lines_of(chars_of(page))
             if round(line[0].size, 1) == 10.5 and "…" not in "".join(c.text for c in line)]
    bottoms = sorted({round(line[0].bottom, 1) for line in lines}, reverse=True)
    return statistics.median(a - b for a, b in pairwise(bottoms) if a - b < 20)


@pytest.mark.slow  # lays a guide out
def test_a_section_set_looser_prints_its_lines_further_apart(
        project_dir: Path, demo_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A section found ending on a short page is set up to 3 degrees looser (guide.css):
    here the school's part, found so on every layout, prints its lines about 0.18 of a
    line further apart than the demo's."""
    from generator import BuildOptions, Project, build
    from generator.documents import guide

    monkeypatch.setattr(guide, "short_sections", lambda _document, _loose, _held: {"school": 3})
    monkeypatch.setattr(guide, "kept_attempt", lambda _key: None)
    monkeypatch.setattr(guide, "keep_attempt", lambda _key, _attempt: None)  # not the demo's
    build(Project.at(project_dir), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                                documents=("guide",), force=True,
                                                jobs=1))  # the patch holds in this process
    phrase = "basées sur"
    usual = _line_pitch(guide_pdf(demo_build, "demo-nord", "fr"), phrase)
    looser = _line_pitch(guide_pdf(project_dir / "build", "demo-nord", "fr"), phrase)
    assert looser / usual > 1.08, (usual, looser)

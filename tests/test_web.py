"""The web edition (documents/web.py): its pages rendered in memory and read as HTML
(quick: the language, the Content-Security-Policy, every link and picture within the
site or to a file the build makes), then the demo's sites opened in Debian's chromium
with Playwright at 360 and 1280 px: axe-core's WCAG 2.1 AA rules, no horizontal scroll,
no request outside the site, the language switcher, the keyboard, the search."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from generator import BuildOptions, Project, build
from generator.diagnostics import Diagnostics
from generator.documents import all_kinds, get_kind
from generator.pipeline import load_checked
from generator.render.context import ContextCache

from conftest import copy_project
from helpers import edit

REPO = Path(__file__).resolve().parent.parent
CAMPUSES, LANGUAGES = ("demo-nord", "demo-sud"), ("fr", "en")
CSP = "default-src 'none'"


class Links(HTMLParser):
    """What a page says of itself: its language, its policy, where it links and what it
    loads."""

    def __init__(self) -> None:
        super().__init__()
        self.lang, self.policy, self.h1 = "", "", 0
        self.links: list[str] = []  # <a href>
        self.loads: list[str] = []  # src, <link href>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            self.policy = values.get("content", "")
        self.h1 += tag == "h1"
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if "src" in values:
            self.loads.append(values["src"])
        if tag == "link" and "href" in values:
            self.loads.append(values["href"])


@pytest.fixture(scope="module")
def sites() -> dict[tuple[str, str], dict[str, bytes | None]]:
    """Each demo campus's site in each language: its pages, stylesheet and script
    rendered in memory; the other files it declares (fonts, pictures) as None. With
    them, under "../", the files the other kinds declare for that campus."""
    content = load_checked(Project.at(REPO), Diagnostics())
    contexts, web, found = ContextCache(content), get_kind("web"), {}
    for campus in CAMPUSES:
        for lang in LANGUAGES:
            context = contexts.get(campus, lang)
            files: dict[str, bytes | None] = {}
            for artifact in web.declare(context):
                made = artifact.name.endswith((".html", ".css", "search.js"))
                files[artifact.name] = web.render(context, artifact)[0] if made else None
            for kind in all_kinds():
                printed = content.campuses[campus].documents
                if kind.name != "web" and (printed is None or kind.name in printed):
                    files.update({artifact.name: None for artifact in kind.declare(context)})
            found[campus, lang] = files
    return found


def pages(sites: dict[tuple[str, str], dict[str, bytes | None]]) -> Iterator[
        tuple[str, str, str, Links]]:
    for (campus, lang), files in sites.items():
        for name, data in files.items():
            if name.startswith("site/") and name.endswith(".html"):
                assert data is not None, name
                parsed = Links()
                parsed.feed(data.decode())
                yield campus, lang, name, parsed


def test_every_page_has_its_language_its_policy_and_one_title(sites: Any) -> None:
    for campus, lang, name, page in pages(sites):
        assert page.lang == lang, (campus, name)
        assert page.policy.startswith(CSP) and "'self'" in page.policy, (campus, name)
        assert page.h1 == 1, (campus, lang, name, page.h1)


def test_every_link_and_file_loaded_is_in_the_site_or_made_by_the_build(sites: Any) -> None:
    """Relative addresses lead to a file the build declares (a page, a font, a PDF, the
    same page in the other language); pictures and styles never come from another site;
    links to other sites are the content's own (https or mailto)."""
    for campus, lang, name, page in pages(sites):
        for address in page.links + page.loads:
            if address.startswith(("https://", "mailto:")) and address not in page.loads:
                continue
            if address.startswith("data:"):
                assert address in page.loads, (name, address)
                continue
            path = address.split("#")[0] or PurePosixPath(name).name  # "#main": this page
            target = PurePosixPath("/", campus, lang, name).parent / path
            parts = PurePosixPath(*_normal(target).parts[1:])
            assert parts.parts[0] == campus, (name, address)
            files = sites[campus, parts.parts[1]]
            assert str(PurePosixPath(*parts.parts[2:])) in files, (campus, lang, name, address)


def _normal(path: PurePosixPath) -> PurePosixPath:
    """``/a/b/../c`` → ``/a/c`` (the path as a browser reads it)."""
    parts: list[str] = []
    for part in path.parts[1:]:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath("/", *parts)


def test_a_page_for_every_role_a_page_links_to(sites: Any) -> None:
    """demo-sud prints the Product Owner's handout only; its guide shows both roles:
    both have a page."""
    files = sites["demo-sud", "en"]
    assert "handout-pm.docx" not in files and "handout-po.docx" in files
    page = files["site/role-pm.html"]
    assert page is not None and b"<h1>" in page and b"Product Manager" in page


def test_a_campus_s_theme_styles_its_site_over_the_default_one(sites: Any) -> None:
    """demo-sud's classic theme: its own rules (double rules, outlined badges) after
    the default stylesheet's, whole; demo-nord's default theme has none of them."""
    classic = sites["demo-sud", "fr"]["site/assets/site.css"]
    default = sites["demo-nord", "fr"]["site/assets/site.css"]
    assert classic is not None and default is not None
    assert b"double var(--primary)" in classic and b"double" not in default
    assert classic.index(b".badge {") < classic.index(b".badge { background: none")
    assert all(rule in classic for rule in (b"@font-face", b".downloads a {", b"@media print"))


def test_the_career_map_is_drawn_in_the_page_and_named_by_its_words(sites: Any) -> None:
    """The guide's page holds the map as an <svg> element, not a picture: one image for
    assistive technologies, named by the paragraph that says it in words, sized by the
    stylesheet (no millimetres), its arrow head's id its own."""
    page = sites["demo-nord", "fr"]["site/guide-pm-vs-po.html"]
    assert page is not None
    html = page.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="career-map-words"' in svg
    assert "mm\"" not in svg.split(">")[0] and 'viewBox="0 0 ' in svg
    assert 'id="career-map-words-head"' in svg and "url(#head)" not in svg
    words = html.split('id="career-map-words">')[1].split("</p>")[0].replace("\xa0", " ")
    assert "Product Manager" in words and "Product Owner" in words
    assert "data:image/svg+xml" not in html.split('class="career-map"')[1].split("</section>")[0]


# The browser checks: the demo's sites as the build wrote them, served over HTTP as a
# school's web server would.

# Generated projects whose sites the browser opens too (--slow only, for make test's
# time): A5 and A4, the bold theme, photos, three comparisons each.
GENERATED = (0, 1)


@pytest.fixture(scope="module")
def websites(demo_build: Path, tmp_path_factory: pytest.TempPathFactory,
             pytestconfig: pytest.Config) -> Path:
    """A folder of sites: the demo's build (``demo/``: the default and classic themes),
    demo-nord's French site in the bold theme (``bold/``), and with --slow the web
    editions of generated projects (``seed-N/``, every language)."""
    from generate import generate

    root = tmp_path_factory.mktemp("websites")
    (root / "demo").symlink_to(demo_build)
    bold = copy_project(root / "bold")
    edit(bold, "content/campuses/demo-nord.yaml", "  logo: images/demo-nord.svg\n",
         "  logo: images/demo-nord.svg\n  theme: bold\n")
    build(Project.at(bold), BuildOptions(campuses=("demo-nord",), languages=("fr",),
                                         documents=("web",)))
    for seed in GENERATED if pytestconfig.getoption("--slow") else ():
        project = root / f"seed-{seed}"
        generate(seed, project)
        campus = project / "content/campuses/campus.yaml"
        campus.write_text(campus.read_text().replace("documents:\n- guide\n",
                                                     "documents:\n- guide\n- web\n"))
        build(Project.at(project), BuildOptions(documents=("web",)))
    return root


@pytest.fixture(scope="module")
def served(websites: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(websites))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        """Nothing: the requests are read from the browser's log."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: make test installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


def site_pages(websites: Path) -> list[str]:
    return sorted(str(path.relative_to(websites)) for path in
                  [*websites.glob("demo/*/*/site/*.html"),
                   *websites.glob("bold/build/*/*/site/*.html"),
                   *websites.glob("seed-*/build/*/*/site/*.html")])


WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}
SMALL_TEXT = """() => [...document.querySelectorAll('body *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => parseFloat(getComputedStyle(e).fontSize) < 16)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 30))"""
OVERFLOWS = """() => {
  const root = document.documentElement;
  const cells = [...document.querySelectorAll('th, td')]
    .filter(c => c.scrollWidth > c.clientWidth + 1);
  return [root.scrollWidth - root.clientWidth, cells.map(c => c.textContent.trim().slice(0, 30))];
}"""


@pytest.mark.slow  # a browser, every page at two widths
@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_passes_axe_and_fits_its_screen(browser: Any, served: str, websites: Path,
                                                   width: int, pytestconfig: pytest.Config) -> None:
    """axe-core at 360 px (where a page is the most crowded), the guides' pages at 1280 px
    (where the career map is drawn), and with --slow every page at 1280 px too; the
    widths, the cells and the requests at both."""
    from axe_playwright_python.sync_playwright import Axe

    everywhere = width == 360 or pytestconfig.getoption("--slow")
    axe, problems, outside = Axe(), [], []
    tab = browser.new_page(viewport={"width": width, "height": 800})
    tab.on("request", lambda request: outside.append(request.url)
           if not request.url.startswith((served, "data:")) else None)
    for name in site_pages(websites):
        response = tab.goto(served + name, wait_until="load")
        assert response is not None and response.ok, name
        overflow, narrow = tab.evaluate(OVERFLOWS)
        # A guide's career map is drawn only on wide screens: its pages are audited there.
        audited = everywhere or "/guide-" in name
        violations = axe.run(tab, options=WCAG_21_AA).response["violations"] if audited else []
        problems += [f"{name}: {v['id']} ({len(v['nodes'])}): {v['help']}" for v in violations]
        problems += [f"{name}: {overflow} px of horizontal scroll"] if overflow > 0 else []
        problems += [f"{name}: a cell narrower than its words: {cell}" for cell in narrow]
        if width == 360:  # a phone: no text under 16 px
            problems += [f"{name}: text under 16 px: {text}" for text in tab.evaluate(SMALL_TEXT)]
    tab.close()
    assert len(site_pages(websites)) >= 16
    assert not problems, "\n".join(problems)
    assert not outside, outside


@pytest.mark.slow
def test_the_language_switcher_leads_to_the_same_page(browser: Any, served: str) -> None:
    tab = browser.new_page()
    for start, other in (("demo/demo-nord/fr/site/role-po.html",
                          "demo/demo-nord/en/site/role-po.html"),
                         ("demo/demo-sud/en/site/comparison-pm-vs-po.html",
                          "demo/demo-sud/fr/site/comparison-pm-vs-po.html")):
        tab.goto(served + start)
        lang = other.split("/")[2]
        tab.click(f"nav a[hreflang='{lang}']")
        tab.wait_for_load_state()
        assert tab.url == served + other
        assert tab.evaluate("document.documentElement.lang") == lang
    tab.close()


FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const links = [...document.querySelectorAll('a[href]')];
  return [e.tagName + ' ' + (e.tagName === 'A' ? links.indexOf(e) : e.id),
          style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
}"""


@pytest.mark.slow
def test_the_keyboard_reaches_every_link_with_a_visible_focus(browser: Any, served: str) -> None:
    tab = browser.new_page(viewport={"width": 360, "height": 800})
    tab.goto(served + "demo/demo-nord/fr/site/role-po.html")
    links = tab.evaluate("[...document.querySelectorAll('a[href]')].length")
    reached, hidden = set(), []
    for _press in range(links + 8):
        tab.keyboard.press("Tab")
        where, visible = tab.evaluate(FOCUSED)
        if where.startswith("BODY"):  # past the last one: the browser's own bar
            continue
        reached.add(where)
        hidden += [] if visible else [where]
    assert sum(where.startswith("A ") for where in reached) == links, reached
    assert not hidden, hidden
    tab.close()


@pytest.mark.slow
@pytest.mark.parametrize(("site", "words", "found"), [
    ("demo/demo-nord/fr/site/index.html", "cérémonie", "Product Owner"),  # missions: cérémonies
    ("demo/demo-nord/en/site/index.html", "ceremony", "Product Owner"),  # ceremonies
    ("demo/demo-sud/fr/site/index.html", "roadmaps", "Product Manager"),
])
def test_search_finds_a_role_from_a_word_of_its_missions(browser: Any, served: str, site: str,
                                                          words: str, found: str) -> None:
    tab = browser.new_page()
    tab.goto(served + site)
    tab.fill("#search-words", words)
    titles = tab.locator("#search-results li a").all_inner_texts()
    assert found in titles, titles
    tab.fill("#search-words", "zzqx")
    assert tab.locator("#search-results li").count() == 0
    tab.close()


@pytest.mark.slow  # three builds of the web editions
def test_an_edit_of_a_role_makes_its_pages_again_and_those_showing_it(project_dir: Path) -> None:
    """The Product Owner's English mission edited: its page, the search index, and the
    pages that show its texts (the home page, its guide's) are made
    again, in English only; the Product Manager's page and every font are not."""
    options = BuildOptions(campuses=("demo-nord",), documents=("web",))
    out = project_dir / "build"

    def made() -> set[str]:
        result = build(Project.at(project_dir), options)
        return {path.relative_to(out).as_posix() for path in result.made}

    assert "demo-nord/en/site/role-pm.html" in made()
    edit(project_dir, "content/roles/po.yaml", "en: Create and manage the product backlog.",
         "en: Create, manage and share the product backlog.")
    again = made()
    assert {"demo-nord/en/site/role-po.html", "demo-nord/en/site/assets/search-index.js"} <= again
    assert all(name.startswith("demo-nord/en/site/") for name in again), again
    assert not any(word in name for word in ("fonts", "role-pm", "campus", "comparison")
                   for name in again), again
    assert made() == set()


@pytest.mark.slow  # two builds of a site
def test_a_font_family_ships_its_licence_whatever_its_name(project_dir: Path) -> None:
    """A family's licence named LICENSE.txt is shipped beside its fonts and linked from
    every page; a family with none builds too, without the link."""
    fonts = project_dir / "templates/fonts/lato"
    (fonts / "OFL.txt").rename(fonts / "LICENSE.txt")
    options = BuildOptions(campuses=("demo-nord",), languages=("en",), documents=("web",))
    build(Project.at(project_dir), options)
    site = project_dir / "build/demo-nord/en/site"
    assert (site / "assets/fonts/Lato-licence.txt").read_bytes() == \
        (fonts / "LICENSE.txt").read_bytes()
    assert 'href="assets/fonts/Lato-licence.txt"' in (site / "index.html").read_text()
    (fonts / "LICENSE.txt").unlink()
    out = project_dir / "without"  # a build of some files only removes none: a new folder
    build(Project.at(project_dir), replace(options, output_dir=out))
    assert not (out / "demo-nord/en/site/assets/fonts/Lato-licence.txt").exists()
    assert "Lato-licence" not in (out / "demo-nord/en/site/index.html").read_text()


@pytest.mark.parametrize(("lang", "text", "found"), [
    ("fr", "Organiser les cérémonies", ["ceremon", "le", "organis"]),
    ("en", "Run the ceremonies", ["ceremoni", "run", "the"]),
    ("de", "Die Zeremonien", ["die", "zeremoni"]),  # a third language: its own stemmer
    ("sw", "Habari za asubuhi", ["asubuhi", "habari", "za"]),  # none in Snowball: whole
])
def test_the_search_index_holds_each_language_s_stems(lang: str, text: str,
                                                      found: list[str]) -> None:
    from generator.documents._web_assets import stems

    assert stems(text, lang) == found

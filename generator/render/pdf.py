"""HTML to PDF with WeasyPrint, locked to the project's own files.

The URL fetcher serves only files under ``templates/`` and ``content/``: no
http(s), no ``file://`` elsewhere, no data the project does not ship. Any
warning WeasyPrint logs (an image it could not load, CSS it ignored) is turned
into a problem, so a broken logo fails the build instead of printing a hole.
"""

from __future__ import annotations

import hashlib
import logging
import math
import mimetypes
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import ReplacedBox
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..diagnostics import Kind, Problem
from ..limits import MAX_PAGES
from ..project import Project
from .boxes import page_box
from .finishing import Imposition, finish_print, finish_screen, impose_booklet
from .hyphenruns import over_hyphenated, unhyphenated_style
from .pdfx import Unconvertible
from .press import Press
from .profiles import WRITE_OPTIONS
from .reads import read_project_file
from .screenpictures import screen_ready
from .templating import SVG_DATA

if TYPE_CHECKING:
    from .context import RenderContext


CSS_PX_PER_INCH = 96


class RefusedURL(ValueError):
    """A template or content asked for something outside the project."""


class FetchedBytes(URLFetcherResponse):
    """A fetched file as the bytes careerdocs read (and perhaps converted, see
    :mod:`.screenpictures`). WeasyPrint reads a ``file:`` picture again from disk when it
    writes the PDF (``path``): it would then embed the file as it is on disk at that time,
    unconverted, or wait on whatever was put in its place."""

    @property
    def path(self) -> None:
        return None


class ProjectFetcher(URLFetcher):
    """Serve ``file:`` URLs inside the allowed folders; refuse everything else."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.allowed = [folder.resolve() for folder in allowed]
        self.root = Path(os.path.commonpath(self.allowed))

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        # Pictures inside an SVG logo are fetched while the PDF is drawn, so fetching is
        # allowed then too; files to attach are refused by looking at the document.
        parts = urlsplit(url)
        if url.startswith(SVG_DATA):  # a picture careerdocs drew (QR code, icon): no file
            return URLFetcherResponse(url, unquote(url.partition(",")[2]).encode(),
                                      {"Content-Type": "image/svg+xml"})
        if parts.scheme != "file":
            raise RefusedURL(f"only files of the project can be used, not {url}")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder) for folder in self.allowed):
            raise RefusedURL(f"only files inside templates/ and content/ can be used, not {path}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # Never a pipe, a device, or without end; recorded as read by the document.
        data = read_project_file(self.root, path.relative_to(self.root).as_posix())
        if mime in ("image/png", "image/jpeg"):
            data = screen_ready(data)  # a CMYK or 16-bit picture: to sRGB, to 8 bits
        return FetchedBytes(path.as_uri(), data, {"Content-Type": mime})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect what WeasyPrint warns about while rendering (not shown to the user as logs)."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@dataclass
class Printed:
    """A printed PDF (None when it had more pages than allowed), its page count, warnings."""

    pdf: bytes | None
    pages: int
    warnings: list[str]


@dataclass
class LaidOut:
    """A document laid out in pages, not yet written: its pages can be measured."""

    document: Document
    html: str
    warnings: list[str]
    fetcher: ProjectFetcher
    plain: frozenset[str] = frozenset()  # the blocks laid out without hyphens

    def write(self, profile: str = "screen", press: Press | None = None,
              imposition: Imposition | None = None) -> bytes | None:
        """The PDF bytes for ``profile`` (see :mod:`generator.render.profiles`); same
        input, same bytes; a print guide in the colours of ``press`` (by default, coated
        paper), a booklet on the sheets of ``imposition``. None, with a warning, for
        attachments (a template asking to embed a file), which are never written."""
        if self.document.metadata.attachments or _has_attachment_links(self.document):
            self.warnings.append("attachments are not allowed in documents")
            return None
        with weasyprint_warnings() as warnings:
            # The identifier depends on the input only, so rebuilds give identical bytes.
            identifier = hashlib.sha256(self.html.encode()).hexdigest()[:32].encode()
            pdf = self.document.write_pdf(pdf_tags=True, pdf_identifier=identifier,
                                          **WRITE_OPTIONS[profile])
        self.warnings += warnings
        if self.warnings:
            return None
        if profile == "print":
            try:
                return finish_print(pdf, press or Press.default())
            except Unconvertible as error:
                self.warnings.append(f"the print shop's guide cannot be made: {error}")
                return None
        if profile == "booklet":
            return impose_booklet(pdf, imposition or Imposition())
        return finish_screen(pdf)


def coarse_images(document: Document, minimum_dpi: int) -> dict[str, tuple[int, int]]:
    """Raster pictures printed at fewer than ``minimum_dpi`` pixels per inch at the size
    they are printed: their address → (that resolution, the width in pixels needed)."""
    found: dict[str, tuple[int, int]] = {}
    for page in document.pages:
        for box in page_box(page).descendants():
            image = getattr(box, "replacement", None)
            if not (isinstance(box, ReplacedBox) and isinstance(image, RasterImage)
                    and box.width):
                continue
            # A picture cropped to fill its box (a photo's band) is enlarged by the
            # larger of the two ratios: its resolution is the smaller one.
            inches = box.width / CSS_PX_PER_INCH
            dpi = round(image.width / inches)
            if box.height and image.height:
                tall = box.height / CSS_PX_PER_INCH
                dpi = min(dpi, round(image.height / tall))
                inches = max(inches, tall * image.width / image.height)
            source = box.element.get("src", "") if box.element is not None else ""
            if dpi < min(minimum_dpi, found.get(source, (minimum_dpi, 0))[0]):
                found[source] = (dpi, math.ceil(inches * minimum_dpi))
    return found


MAX_HYPHEN_PASSES = 2  # layouts added, at most, to take hyphens out of paragraphs


def lay_out(html: str, project: Project, plain: frozenset[str] = frozenset()) -> LaidOut:
    """Lay ``html`` out in pages, with the project's files only; warnings collected.
    A paragraph with three lines in a row ending in a hyphen is laid out again without
    hyphens (:mod:`.hyphenruns`), in every kind of document; so are the blocks ``plain``
    names from the start (those an earlier layout of the same document found)."""
    laid_out = _lay_out_once(_unhyphenated(html, plain), project, plain)
    for _pass in range(MAX_HYPHEN_PASSES):
        found = plain | over_hyphenated(laid_out.document)
        if found == plain or laid_out.warnings:
            break
        plain = found
        laid_out = _lay_out_once(_unhyphenated(html, plain), project, plain)
    return laid_out


def _unhyphenated(html: str, plain: frozenset[str]) -> str:
    return html.replace("</head>", unhyphenated_style(plain) + "</head>", 1) if plain else html


class TooManyPages(RuntimeError):
    """A document reached more pages than a document may have: laying it out was stopped
    there (a template making 10,000 pages would otherwise run until its time limit)."""


class _PageCount(logging.Filter):
    """Stops WeasyPrint at its page MAX_PAGES + 1: it tells each page it lays out to its
    progress logger, which is the only hook into its pagination."""

    def filter(self, record: logging.LogRecord) -> bool:
        number = record.args[0] if isinstance(record.args, tuple) and record.args else 0
        if str(record.msg).startswith("Step 5 - Creating layout - Page") and \
                isinstance(number, int) and number > MAX_PAGES:
            raise TooManyPages(f"more than {MAX_PAGES} pages")
        return False  # nothing is shown


def _count_pages() -> None:
    logger = logging.getLogger("weasyprint.progress")
    if not any(isinstance(one, _PageCount) for one in logger.filters):
        logger.addFilter(_PageCount())
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _lay_out_once(html: str, project: Project, plain: frozenset[str]) -> LaidOut:
    fetcher = ProjectFetcher([project.templates_dir, project.content_dir])
    _count_pages()
    with weasyprint_warnings() as warnings:
        document = HTML(string=html, base_url=project.root.as_uri() + "/",
                        url_fetcher=fetcher).render(font_config=FontConfiguration(),
                                                    pdf_tags=True)
    return LaidOut(document, html, warnings, fetcher, plain)


_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@dataclass
class SharedStyles:
    """What documents with the same stylesheets parse once (a visitor's own pages, for
    hundreds of visitors): their ``<style>`` blocks by text, and one font configuration
    (the fonts their ``@font-face`` rules load)."""

    fonts: FontConfiguration = field(default_factory=FontConfiguration)
    parsed: dict[str, CSS] = field(default_factory=dict)

    def sheets(self, blocks: list[str], base: str, fetcher: ProjectFetcher) -> list[CSS]:
        for text in blocks:
            if text not in self.parsed:
                self.parsed[text] = CSS(string=text, base_url=base, url_fetcher=fetcher,
                                        font_config=self.fonts)
        return [self.parsed[text] for text in blocks]


def lay_out_styled(html: str, project: Project, styles: SharedStyles) -> LaidOut:
    """``html`` laid out as :func:`lay_out` does once, its stylesheets parsed once for all
    the documents of ``styles`` (the same rules in the same order: the blocks are taken
    out of the page and given back to the printer as the page's own)."""
    fetcher = ProjectFetcher([project.templates_dir, project.content_dir])
    base = project.root.as_uri() + "/"
    sheets = styles.sheets(_STYLE.findall(html), base, fetcher)
    _count_pages()
    with weasyprint_warnings() as warnings:
        document = HTML(string=_STYLE.sub("", html), base_url=base, url_fetcher=fetcher
                        ).render(font_config=styles.fonts, stylesheets=sheets, pdf_tags=True)
    return LaidOut(document, html, warnings, fetcher)


def html_to_pdf(html: str, project: Project, max_pages: int | None = None) -> Printed:
    """Print ``html``; same input, same bytes. Beyond ``max_pages``, nothing is written."""
    try:
        laid_out = lay_out(html, project)
    except TooManyPages:
        return Printed(None, MAX_PAGES + 1, [])
    pages = len(laid_out.document.pages)
    if max_pages is not None and pages > max_pages:
        return Printed(None, pages, laid_out.warnings)
    pdf = laid_out.write()
    return Printed(pdf, pages, laid_out.warnings)


def print_html(html: str, context: RenderContext, template: str,
               max_pages: int | None = None) -> tuple[bytes | None, list[Problem]]:
    """The PDF of ``html``, or WeasyPrint's warnings as problems at ``template``."""
    printed = html_to_pdf(html, context.project, max_pages)
    if printed.warnings:
        return None, printer_problems(context, template, printed.warnings)
    return printed.pdf, []


def printer_problems(context: RenderContext, template: str,
                     warnings: list[str]) -> list[Problem]:
    """WeasyPrint's warnings while printing ``template``, as problems naming the campus's
    template file and the campus and language being printed."""
    file = context.project.display(context.theme_file(template))
    view = context.view
    return [Problem(file, None, None,
                    f"PDF printer ({view.campus.id}, {view.lang}): {warning}", kind=Kind.PRINTER)
            for warning in warnings]


def _has_attachment_links(document: Document) -> bool:
    return any(link[0] == "attachment" for page in document.pages for link in page.links)

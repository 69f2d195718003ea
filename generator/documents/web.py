"""The web edition: a static site per campus and language, in ``site/`` beside the PDFs.

Its pages come from the same view model and texts as the printed documents, through
the theme chain's ``web/`` templates (a campus overrides them like the others): a home
page, a page per guide, per role, per comparison, and the campus's page. They need no
script to be read; the search box uses a small script and an index made here
(:mod:`._web_assets`), and leads to the list of roles without it. Everything a page
loads is in the site's folder (its stylesheet, the bundled fonts as WOFF2, the
campus's logo and photos), and its Content-Security-Policy tells the browser to load
nothing else. The site is a kind of document like the others: one module and its
templates, registered like them (:mod:`.registry`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..diagnostics import Problem
from ..fonts import FontFace
from ..render.context import RenderContext
from ..render.reads import read_project_file
from ..render.templating import render_template
from ..resolve.viewmodel import DocumentView, RoleView
from ._web_assets import (
    font_file,
    language_links,
    licence_file,
    licence_source,
    picture_file,
    search_script,
    woff2,
)
from .registry import Artifact, DocumentKind, Rendered, all_kinds

SITE = "site/"
PAGE, ASSET = "page:", "asset:"  # the subjects of pages and of the files they load
STYLESHEET, SEARCH, INDEX = "assets/site.css", "assets/search.js", "assets/search-index.js"


@dataclass(frozen=True)
class Page:
    """One page of the site: its file, its template and what it shows."""

    file: str  # e.g. "role-po.html"
    template: str  # e.g. "web/role.html"
    producer: str  # for messages
    item: Any = None  # the guide, role or comparison it shows


def site_roles(view: DocumentView) -> list[RoleView]:
    """The roles that have a page: those the campus prints, and those of its guides (a
    campus may print handouts for some roles only, its guides show others)."""
    found = {role.id: role for role in view.roles}
    for guide in view.guides:
        found.update({role.id: role for role in guide.roles if role.id not in found})
    return list(found.values())


def site_pages(view: DocumentView) -> list[Page]:
    """Every page of a campus's site in one language."""
    return [Page("index.html", "web/home.html", "the web edition's home page"),
            *(Page(f"guide-{g.id}.html", "web/guide.html",
                   f"the web page of the guide '{g.id}' ({g.source})", g) for g in view.guides),
            *(Page(f"role-{r.id}.html", "web/role.html", f"the web page of the role '{r.id}'", r)
              for r in site_roles(view)),
            *(Page(f"comparison-{c.id}.html", "web/comparison.html",
                   f"the web page of the comparison '{c.id}' ({c.source})", c)
              for c in view.comparisons),
            Page("campus.html", "web/campus.html", "the web page of the campus", view.campus)]


class WebKind(DocumentKind):
    """``site/``: the web edition of everything the campus prints, for screens and phones."""

    name = "web"
    formats = ("html",)
    summary = "the web edition: a static site (HTML) of the guides, roles and comparisons"
    cost = 3
    position = 3

    def declare(self, context: RenderContext) -> list[Artifact]:
        pages = [Artifact(SITE + page.file, page.producer, PAGE + page.file)
                 for page in site_pages(context.view)]
        return pages + [Artifact(SITE + name, f"the web edition's {name}", ASSET + name)
                        for name in sorted(self.assets(context))]

    def assets(self, context: RenderContext) -> dict[str, Callable[[], Rendered]]:
        """The files the pages load, by their name in the site, with how each is made."""
        found: dict[str, Callable[[], Rendered]] = {
            STYLESHEET: lambda: self.templated(context, "web/site.css"),
            SEARCH: lambda: self.templated(context, "web/search.js"),
            INDEX: lambda: (search_script(context.view, site_roles(context.view)), []),
        }
        root = context.project.root
        for face, licence in self.licences(context):
            found[font_file(face)] = partial(_made, woff2, root, face.url)
            if licence:
                found[licence_file(face)] = partial(_made, read_project_file, root, licence)
        for source in self.pictures(context.view):
            found[picture_file(source)] = partial(_made, read_project_file, root, source)
        return found

    @staticmethod
    def licences(context: RenderContext) -> list[tuple[FontFace, str | None]]:
        """Each font face of the campus, with its family's licence file (or None)."""
        root = context.project.root
        return [(face, licence_source(root, face)) for face in context.view.campus.font_faces]

    @staticmethod
    def pictures(view: DocumentView) -> list[str]:
        """The project files of the pictures the pages show: the logo and the photos."""
        photos = [view.campus.photo] + [role.photo for role in site_roles(view)]
        return sorted({view.campus.logo, *(photo.src for photo in photos if photo)})

    def inputs(self, context: RenderContext, artifact: Artifact) -> object | None:
        """What a file is made from, besides the campus and the language (the build cache
        also records the collections a template goes through): a page, what it shows (a
        role's page, its comparisons too); the search index, the roles; a file the pages
        load, nothing more (its project file is recorded as read)."""
        page, view = self.page(context, artifact), context.view
        if page is not None:
            role = page.item if page.template == "web/role.html" else None
            # The pages that exist: a page links to another role only when it has one.
            pages = tuple(other.id for other in site_roles(view))
            shown = (view.comparisons_with(role.id) if role else (), pages,
                     sorted(printed_files(context)), view.school)  # in every page's frame
            return None if page.item is None else (page.item, *shown)
        return site_roles(view) if artifact.subject == ASSET + INDEX else artifact.name

    def check(self, context: RenderContext) -> list[Problem]:
        """The pages, the stylesheet and the script rendered in memory."""
        made = {ASSET + STYLESHEET, ASSET + SEARCH}
        return [problem for artifact in self.declare(context)
                if artifact.subject.startswith(PAGE) or artifact.subject in made
                for problem in self.render(context, artifact)[1]]

    def render(self, context: RenderContext, artifact: Artifact) -> Rendered:
        page = self.page(context, artifact)
        if page is not None:
            return self.templated(context, page.template, file=page.file, item=page.item)
        return self.assets(context)[artifact.subject.removeprefix(ASSET)]()

    @staticmethod
    def page(context: RenderContext, artifact: Artifact) -> Page | None:
        file = artifact.subject.removeprefix(PAGE)
        return next((page for page in site_pages(context.view) if page.file == file), None)

    def templated(self, context: RenderContext, template: str, **values: Any) -> Rendered:
        """A page, the stylesheet or the script, from the theme chain's template."""
        view = context.view
        text, problems = render_template(
            context.env, context.project, template, doc=view, site=self.site_links(context),
            file=values.pop("file", "index.html"), **values)
        return (None, problems) if text is None else (text.encode(), [])

    def site_links(self, context: RenderContext) -> dict[str, Any]:
        """What every page links to: the pictures and fonts by their name in the site,
        the other languages' same pages, and the printed files to download."""
        view, roles = context.view, site_roles(context.view)
        return {"roles": roles, "role_pages": {role.id for role in roles},
                "pictures": {source: picture_file(source) for source in self.pictures(view)},
                "fonts": [(face, font_file(face)) for face in view.campus.font_faces],
                "licences": sorted({(face.family, licence_file(face))
                                    for face, licence in self.licences(context) if licence}),
                "languages": language_links(view),
                "printed": printed_files(context)}


def printed_files(context: RenderContext) -> set[str]:
    """The files the campus's other kinds make in this language (the guide's PDFs, the
    handouts…), as a full build makes them (an option picking some, ``--role``, leaves
    the site as it is): the pages offer them to download, and only them."""
    printed, full = context.view.campus.documents, replace(context, kind_options={})
    return {artifact.name for kind in all_kinds() if kind.name != WebKind.name
            and (not printed or kind.name in printed) for artifact in kind.declare(full)}


def _made(read: Callable[[Path, str], bytes], root: Path, relative: str) -> Rendered:
    """A file the pages load, from a project file."""
    return read(root, relative), []


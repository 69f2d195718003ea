"""Resolve content for one campus and one language into a plain view model.

Templates (HTML) and the DOCX builders read only this: localized strings
(inline Markdown kept, to be rendered by each output), tuples and frozen
dataclasses. No path object or pydantic model reaches a template, so a
sandboxed template can call nothing that touches the file system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations

from babel.dates import format_date

from .content import Content
from .fonts import FontFace, available_fonts, font_faces
from .i18n import N_
from .schema import Campus, Comparison, Role

DIMENSION_LABELS = {
    "vision": N_("Vision"),
    "priorities": N_("Priorities"),
    "interlocutors": N_("Who they work with"),
    "deliverables": N_("Deliverables"),
    "methods": N_("Methods"),
    "education": N_("Education"),
    "career": N_("Career path"),
}


# English dates follow British usage ("Saturday 14 March 2026"), the English
# a French school's readers expect; other languages use their locale's full date.
_FORMAT_LOCALES = {"en": "en_GB"}
_DATE_PATTERNS = {"en": "EEEE d MMMM y"}


def format_locale(lang: str) -> str:
    """The Babel locale used to format dates and numbers for ``lang``."""
    return _FORMAT_LOCALES.get(lang, lang)


def format_day(day: date, lang: str) -> str:
    """A day as printed in ``lang``: "samedi 14 mars 2026", "Saturday 14 March 2026"."""
    return format_date(day, format=_DATE_PATTERNS.get(lang, "full"), locale=format_locale(lang))


@dataclass(frozen=True)
class RoleLink:
    id: str
    title: str
    short_title: str


@dataclass(frozen=True)
class RoleView:
    id: str
    title: str
    short_title: str
    hook: str
    summary: str
    missions: tuple[str, ...]
    know_how: tuple[str, ...]
    soft_skills: tuple[str, ...]
    education: str
    access: tuple[str, ...]
    career_path: str
    related: tuple[RoleLink, ...]
    also_known_as: tuple[str, ...]
    working_methods: tuple[str, ...]
    salary_note: str


@dataclass(frozen=True)
class ComparisonRow:
    key: str
    label: str
    cells: tuple[tuple[str, ...], ...]  # per role: one text, or several list items
    where: str  # "file:line" of this row's source, for messages


@dataclass(frozen=True)
class RoleDimension:
    """A role field that an ad-hoc comparison can set side by side."""

    key: str
    label: str
    items: Callable[[RoleView], tuple[str, ...]]


@dataclass(frozen=True)
class ComparisonView:
    id: str
    title: str
    intro: str
    roles: tuple[RoleLink, ...]
    rows: tuple[ComparisonRow, ...]
    shared: tuple[str, ...]
    link: str
    questions: tuple[str, ...]
    orientation: str  # "portrait" or "landscape"
    source: str  # the file it comes from, for messages


@dataclass(frozen=True)
class CampusView:
    id: str
    name: str
    fictional: bool
    address: tuple[str, ...]
    email: str
    phone: str
    website: str
    open_days: tuple[str, ...]
    primary: str
    accent: str
    logo: str  # path relative to the project folder, e.g. content/images/nord.svg
    font_body: str  # family names, e.g. "Lato"
    font_headings: str
    font_faces: tuple[FontFace, ...]
    paper: str  # "A4" or "A5"
    page_width_mm: int
    page_height_mm: int


@dataclass(frozen=True)
class SchoolView:
    name: str
    mission: str
    pitch: str
    programmes: tuple[str, ...]
    call_to_action: str
    website: str


@dataclass(frozen=True)
class DocumentView:
    lang: str
    title: str
    subtitle: str
    school: SchoolView
    campus: CampusView
    roles: tuple[RoleView, ...]
    comparisons: tuple[ComparisonView, ...]


def document_view(content: Content, campus_id: str, lang: str,
                  translations: NullTranslations) -> DocumentView:
    """Everything a document of ``campus_id`` in ``lang`` shows."""
    campus = content.campuses[campus_id]
    role_ids = campus.roles if campus.roles is not None else list(content.roles)
    comparison_ids = (campus.comparisons if campus.comparisons is not None
                      else [c for c, comp in content.comparisons.items()
                            if set(comp.roles) <= set(role_ids)])
    school = content.school
    return DocumentView(
        lang=lang,
        title=school.brochure.title[lang],
        subtitle=school.brochure.subtitle[lang],
        school=_school_view(content, lang),
        campus=_campus_view(content, campus_id, campus, lang),
        roles=tuple(_role_view(content, rid, content.roles[rid], lang) for rid in role_ids),
        comparisons=tuple(_comparison_view(content, cid, content.comparisons[cid], lang,
                                           translations) for cid in comparison_ids),
    )


def _texts(items: list[dict[str, str]], lang: str) -> tuple[str, ...]:
    return tuple(item[lang] for item in items)


def _role_link(content: Content, role_id: str, lang: str) -> RoleLink:
    role = content.roles[role_id]
    return RoleLink(role_id, role.title[lang], role.short_title[lang])


def _role_view(content: Content, role_id: str, role: Role, lang: str) -> RoleView:
    salary_note = role.salary.note[lang] if role.salary and role.salary.note else ""
    return RoleView(
        id=role_id,
        title=role.title[lang],
        short_title=role.short_title[lang],
        hook=role.hook[lang],
        summary=role.summary[lang],
        missions=_texts(role.missions, lang),
        know_how=_texts(role.skills.know_how, lang),
        soft_skills=_texts(role.skills.soft_skills, lang),
        education=role.education[lang],
        access=_texts(role.access, lang),
        career_path=role.career_path[lang],
        related=tuple(_role_link(content, rid, lang) for rid in role.related_roles),
        also_known_as=_texts(role.also_known_as, lang),
        working_methods=_texts(role.working_methods, lang),
        salary_note=salary_note,
    )


def _comparison_view(content: Content, comparison_id: str, comparison: Comparison, lang: str,
                     translations: NullTranslations) -> ComparisonView:
    source = content.sources[("comparisons", comparison_id)]
    rows = tuple(
        ComparisonRow(
            key=dimension.key,
            label=translations.gettext(DIMENSION_LABELS[dimension.key]),
            cells=tuple((dimension.values[role][lang],) for role in comparison.roles),
            where=source.location(("dimensions", index)),
        )
        for index, dimension in enumerate(comparison.dimensions)
    )
    return ComparisonView(
        id=comparison_id,
        title=comparison.title[lang],
        intro=comparison.intro[lang],
        roles=tuple(_role_link(content, rid, lang) for rid in comparison.roles),
        rows=rows,
        shared=_texts(comparison.shared, lang),
        link=comparison.link[lang] if comparison.link else "",
        questions=_texts(comparison.questions, lang),
        orientation=comparison.orientation,
        source=source.file,
    )


def _school_view(content: Content, lang: str) -> SchoolView:
    school = content.school
    return SchoolView(
        name=school.name,
        mission=school.mission[lang],
        pitch=school.pitch[lang],
        programmes=_texts(school.programmes, lang),
        call_to_action=school.call_to_action[lang],
        website=school.website or "",
    )


PAPER_MM = {"A4": (210, 297), "A5": (148, 210)}


def _campus_view(content: Content, campus_id: str, campus: Campus, lang: str) -> CampusView:
    root = content.project.root
    families = available_fonts(root)
    fonts = campus.brand.fonts
    width, height = PAPER_MM[campus.brand.paper]
    return CampusView(
        id=campus_id,
        name=campus.name[lang],
        fictional=campus.fictional,
        address=tuple(campus.address),
        email=campus.contact.email or "",
        phone=campus.contact.phone or "",
        website=campus.contact.website or "",
        open_days=tuple(format_day(day, lang) for day in campus.open_days),
        primary=campus.brand.primary,
        accent=campus.brand.accent,
        logo=f"content/{campus.brand.logo}",
        font_body=families[fonts.body],
        font_headings=families[fonts.headings],
        font_faces=font_faces(root, [fonts.body, fonts.headings]),
        paper=campus.brand.paper,
        page_width_mm=width,
        page_height_mm=height,
    )


# Role fields an ad-hoc comparison sets side by side, when every role has them.
ROLE_DIMENSIONS = (
    RoleDimension("hook", N_("In one sentence"), lambda role: (role.hook,)),
    RoleDimension("missions", N_("Missions"), lambda role: role.missions),
    RoleDimension("skills", N_("Key skills"), lambda role: role.know_how + role.soft_skills),
    RoleDimension("methods", N_("Working methods"), lambda role: role.working_methods),
    RoleDimension("education", N_("Education"), lambda role: (role.education,)),
    RoleDimension("career", N_("Career path"), lambda role: (role.career_path,)),
)


def adhoc_comparison_view(content: Content, role_ids: list[str], lang: str,
                          translations: NullTranslations,
                          orientation: str = "portrait") -> ComparisonView:
    """Any two or three roles side by side, from their role files alone."""
    roles = [_role_view(content, rid, content.roles[rid], lang) for rid in role_ids]
    files = ", ".join(content.sources[("roles", rid)].file for rid in role_ids)
    rows = tuple(
        ComparisonRow(dimension.key, translations.gettext(dimension.label),
                      tuple(dimension.items(role) for role in roles), files)
        for dimension in ROLE_DIMENSIONS
        if all(dimension.items(role) for role in roles)
    )
    titles = [role.title for role in roles]
    return ComparisonView(
        id="custom-" + "-".join(role_ids),  # never the id of a curated comparison file
        title=translations.gettext("%(roles)s, side by side") % {"roles": " · ".join(titles)},
        intro="",
        roles=tuple(_role_link(content, rid, lang) for rid in role_ids),
        rows=rows,
        shared=(),
        link="",
        questions=(),
        orientation=orientation,
        source=files,
    )

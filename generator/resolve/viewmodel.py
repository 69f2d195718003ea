"""Resolve content for one campus and one language into a plain view model.

Templates (HTML) and the DOCX builders read only this: localized strings
(inline Markdown kept, to be rendered by each output), tuples and frozen
dataclasses. No path object or pydantic model reaches a template, so a
sandboxed template can call nothing that touches the file system.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from gettext import NullTranslations
from typing import ClassVar
from urllib.parse import quote

from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from babel.numbers import format_currency

from ..fonts import FontFace, available_fonts, font_faces
from ..i18n import N_
from ..load.content import Content
from ..load.schema import Campus, Photo, ReferenceCodes, SalaryRange
from .colours import BrandColours
from .typography import typographer

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


def format_amount(value: int, currency: str, lang: str) -> str:
    """A whole amount of money in ``lang``'s format: "45 000 €", "€45,000"."""
    locale = Locale.parse(format_locale(lang))
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(value, currency, format=pattern, locale=locale, currency_digits=False)


def format_day(day: date, lang: str) -> str:
    """A day as printed in ``lang``: "samedi 14 mars 2026", "Saturday 14 March 2026"."""
    return format_date(day, format=_DATE_PATTERNS.get(lang, "full"), locale=format_locale(lang))


@dataclass(frozen=True)
class RoleLink:
    id: str
    title: str
    short_title: str


@dataclass(frozen=True)
class SalaryLine:
    """A sourced salary range, formatted for the reader: "45 000 € – 55 000 €"."""

    label: str
    amounts: str
    source: str


@dataclass(frozen=True)
class LinkView:
    label: str
    url: str


@dataclass(frozen=True)
class PhotoView:
    """A photo as documents print it: its file, what it shows and whose it is."""

    src: str  # path relative to the project folder, e.g. content/images/atelier.jpg
    alt: str
    credit: str

    @property
    def url(self) -> str:
        """``src`` as templates write it in ``src=""`` or ``url()``: a file named with
        ``#``, ``?``, ``%`` or a quote is still that file."""
        return quote(self.src)


@dataclass(frozen=True)
class CodeView:
    """A reference code of a public occupation record, e.g. ROME M1803."""

    label: str
    value: str
    url: str = ""


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
    moves_on_to: tuple[RoleLink, ...]  # the roles it usually leads to
    moves_from: tuple[RoleLink, ...]  # the roles that usually lead to it
    also_known_as: tuple[str, ...]
    working_methods: tuple[str, ...]
    salary_note: str
    salary_ranges: tuple[SalaryLine, ...]
    links: tuple[LinkView, ...] = ()
    codes: tuple[CodeView, ...] = ()
    photo: PhotoView | None = None
    credit: str = ""  # an imported role's: what its dataset's licence asks to print


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
    link_heading: str = ""  # "How the two roles connect" / "How the three roles connect"
    credits: tuple[str, ...] = ()  # of the imported roles it compares (their licences')


@dataclass(frozen=True)
class PressView:
    """The print shop's press, for the print guide: its profile (relative to the project
    folder; "" for careerdocs's coated-paper one), condition and total ink in percent."""

    icc: str = ""
    condition: str = ""
    ink_limit: int = 300


@dataclass(frozen=True)
class CampusView:
    id: str
    name: str
    fictional: bool
    address: tuple[str, ...]
    email: str
    phone: str
    website: str
    registration: str  # the page to sign up for an open day, or ""
    open_days: tuple[str, ...]
    profiles: tuple[str, ...]  # print profiles made besides the screen one
    primary: str
    accent: str
    colours: BrandColours
    logo: str  # path relative to the project folder, e.g. content/images/nord.svg
    font_body: str  # family names, e.g. "Lato"
    font_headings: str
    font_faces: tuple[FontFace, ...]
    paper: str  # "A4" or "A5"
    page_width_mm: int
    page_height_mm: int
    note_line_mm: float  # height of a ruled line of the notes pages
    photo: PhotoView | None = None
    press: PressView = PressView()
    booklet_sheet: str | None = None  # "A4", "A3", or None: the next size up
    booklet_margin_mm: float = 8.0
    documents: tuple[str, ...] = ()  # the kinds of document it prints; empty: every kind

    @property
    def logo_url(self) -> str:
        """``logo`` as templates write it in ``src=""`` (see :attr:`PhotoView.url`)."""
        return quote(self.logo)


@dataclass(frozen=True)
class SchoolView:
    name: str
    mission: str
    pitch: str
    programmes: tuple[str, ...]
    call_to_action: str
    website: str
    locale: str  # the language with its country, as Word tags text: fr-FR, en-GB


@dataclass(frozen=True)
class GuideView:
    """One printed guide: ``guide-ID.pdf``."""

    id: str
    title: str
    subtitle: str
    why: str
    roles: tuple[RoleView, ...]
    comparisons: tuple[ComparisonView, ...]
    source: str  # the file it comes from, for messages


@dataclass(frozen=True)
class DocumentView:
    """Everything one campus prints in one language: its guides, and the roles and
    comparisons of its handouts and one-pagers."""

    lang: str
    school: SchoolView
    campus: CampusView
    roles: tuple[RoleView, ...]
    comparisons: tuple[ComparisonView, ...]
    guides: tuple[GuideView, ...] = ()
    languages: tuple[str, ...] = ()  # every language the school prints in, this one too
    # The collections whose use by a template the build cache records (a document going
    # through all the roles depends on all of them): attribute → collection it reads.
    RECORDED: ClassVar[dict[str, str]] = {"roles": "roles", "comparisons": "comparisons",
                                          "guides": "guides",
                                          "comparisons_with": "comparisons"}

    def comparisons_with(self, role_id: str) -> tuple[ComparisonView, ...]:
        """The comparisons that include the role ``role_id``."""
        return tuple(c for c in self.comparisons if role_id in {r.id for r in c.roles})


def document_view(content: Content, campus_id: str, lang: str,
                  translations: NullTranslations) -> DocumentView:
    """Everything a document of ``campus_id`` in ``lang`` shows."""
    return Localizer(content, lang, translations).document(campus_id)


def adhoc_comparison_view(content: Content, role_ids: list[str], lang: str,
                          translations: NullTranslations,
                          orientation: str = "portrait") -> ComparisonView:
    """Any two or three roles side by side, from their role files alone."""
    return Localizer(content, lang, translations).adhoc_comparison(role_ids, orientation)


# English is printed in its British spelling unless school.yaml says otherwise (locales:).
PREFERRED_LOCALES = {"en": "en-GB"}


def default_locale(lang: str) -> str:
    """The usual country of a language, as a BCP 47 tag: ``fr`` → ``fr-FR``."""
    if lang in PREFERRED_LOCALES:
        return PREFERRED_LOCALES[lang]
    likely = get_global("likely_subtags").get(lang, "")
    territory = Locale.parse(likely).territory if likely else None
    return f"{lang}-{territory}" if territory else lang


PAPER_MM = {"A4": (210, 297), "A5": (148, 210)}
NOTE_LINE_MM = {"A4": 8.0, "A5": 7.0}
LINK_HEADINGS = {2: N_("How the two roles connect"), 3: N_("How the three roles connect")}
CODE_LABELS = {"rome": N_("ROME code"), "esco_uri": N_("ESCO"), "onisep_id": N_("ONISEP"),
               "onet": N_("O*NET-SOC code")}

# Role fields an ad-hoc comparison sets side by side, when every role has them.
ROLE_DIMENSIONS = (
    RoleDimension("hook", N_("In one sentence"), lambda role: (role.hook,)),
    RoleDimension("missions", N_("Missions"), lambda role: role.missions),
    RoleDimension("skills", N_("Key skills"), lambda role: role.know_how + role.soft_skills),
    RoleDimension("methods", N_("Working methods"), lambda role: role.working_methods),
    RoleDimension("education", N_("Education"), lambda role: (role.education,)),
    RoleDimension("career", N_("Career path"), lambda role: (role.career_path,)),
)


class Localizer:
    """Picks each text in one language and applies that language's typography."""

    def __init__(self, content: Content, lang: str, translations: NullTranslations):
        self.content, self.lang, self.translations = content, lang, translations
        self.typo = typographer(lang)

    def text(self, text: dict[str, str] | None) -> str:
        return self.typo(text[self.lang]) if text else ""

    def texts(self, items: list[dict[str, str]]) -> tuple[str, ...]:
        return tuple(self.text(item) for item in items)

    def label(self, message: str) -> str:
        # The rules are idempotent: translations that already apply them are fine too.
        return self.typo(self.translations.gettext(message))

    def document(self, campus_id: str) -> DocumentView:
        content = self.content
        campus = content.campuses[campus_id]
        role_ids = campus.roles if campus.roles is not None else list(content.roles)
        comparison_ids = (campus.comparisons if campus.comparisons is not None
                          else [c for c, comp in content.comparisons.items()
                                if set(comp.roles) <= set(role_ids)])
        guide_ids = campus.guides if campus.guides is not None else list(content.guides)
        return DocumentView(
            lang=self.lang,
            school=self.school(),
            campus=self.campus(campus_id, campus),
            roles=tuple(self.role(rid) for rid in role_ids),
            comparisons=tuple(self.comparison(cid) for cid in comparison_ids),
            guides=tuple(self.guide(gid) for gid in guide_ids),
            languages=tuple(content.languages),
        )

    def guide(self, guide_id: str) -> GuideView:
        guide = self.content.guides[guide_id]
        return GuideView(
            id=guide_id,
            title=self.text(guide.title),
            subtitle=self.text(guide.subtitle),
            why=self.text(guide.why),
            roles=tuple(self.role(rid) for rid in guide.roles),
            comparisons=tuple(self.comparison(cid) for cid in guide.comparisons),
            source=self.content.sources[("guides", guide_id)].file,
        )

    def role_link(self, role_id: str) -> RoleLink:
        role = self.content.roles[role_id]
        return RoleLink(role_id, self.text(role.title), self.text(role.short_title))

    def role(self, role_id: str) -> RoleView:
        role = self.content.roles[role_id]
        salary = role.salary
        return RoleView(
            id=role_id,
            title=self.text(role.title),
            short_title=self.text(role.short_title),
            hook=self.text(role.hook),
            summary=self.text(role.summary),
            missions=self.texts(role.missions),
            know_how=self.texts(role.skills.know_how),
            soft_skills=self.texts(role.skills.soft_skills),
            education=self.text(role.education),
            access=self.texts(role.access),
            career_path=self.text(role.career_path),
            related=tuple(self.role_link(rid) for rid in role.related_roles),
            moves_on_to=tuple(self.role_link(rid) for rid in role.moves_on_to),
            moves_from=tuple(self.role_link(rid) for rid, other in self.content.roles.items()
                             if role_id in other.moves_on_to),
            also_known_as=self.texts(role.also_known_as),
            working_methods=self.texts(role.working_methods),
            salary_note=self.text(salary.note) if salary else "",
            salary_ranges=tuple(self.salary(r) for r in salary.ranges) if salary else (),
            links=tuple(LinkView(self.text(link.label), link.url) for link in role.links),
            codes=self.codes(role.codes),
            photo=self.photo(role.photo),
            credit=self.credit(role_id),
        )

    def credits(self, role_ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for rid in role_ids if (c := self.credit(rid))))

    def credit(self, role_id: str) -> str:
        from .credits import credit, edited

        source = self.content.roles[role_id].source
        if source is None:
            return ""
        modified = source.dataset == "onet" and edited(
            self.content.imported.get(role_id), self.content.sources[("roles", role_id)].data)
        return self.typo(credit(source, self.label, self.content.school.name, modified))

    def photo(self, photo: Photo | None) -> PhotoView | None:
        if photo is None:
            return None
        return PhotoView(f"content/{photo.file}", self.text(photo.alt), self.typo(photo.credit))

    def codes(self, codes: ReferenceCodes | None) -> tuple[CodeView, ...]:
        if codes is None:
            return ()
        found = []
        for key, value in codes.model_dump().items():
            if value:
                url = value if key == "esco_uri" else ""
                found.append(CodeView(self.label(CODE_LABELS[key]), value, url))
        return tuple(found)

    def salary(self, salary: SalaryRange) -> SalaryLine:
        amounts = [format_amount(value, salary.currency, self.lang)
                   for value in (salary.minimum, salary.maximum) if value is not None]
        return SalaryLine(self.text(salary.label), " – ".join(amounts),
                          f"{self.typo(salary.source)}, {salary.year}")

    def comparison(self, comparison_id: str) -> ComparisonView:
        comparison = self.content.comparisons[comparison_id]
        source = self.content.sources[("comparisons", comparison_id)]
        rows = tuple(
            ComparisonRow(
                key=dimension.key,
                label=self.label(DIMENSION_LABELS[dimension.key]),
                cells=tuple((self.text(dimension.values[role]),) for role in comparison.roles),
                where=source.location(("dimensions", index)),
            )
            for index, dimension in enumerate(comparison.dimensions)
        )
        return ComparisonView(
            id=comparison_id,
            title=self.text(comparison.title),
            intro=self.text(comparison.intro),
            roles=tuple(self.role_link(rid) for rid in comparison.roles),
            rows=rows,
            shared=self.texts(comparison.shared),
            link=self.text(comparison.link),
            questions=self.texts(comparison.questions),
            orientation=comparison.orientation,
            source=source.file,
            link_heading=self.label(LINK_HEADINGS[len(comparison.roles)]),
            credits=self.credits(comparison.roles),
        )

    def adhoc_comparison(self, role_ids: list[str], orientation: str) -> ComparisonView:
        roles = [self.role(rid) for rid in role_ids]
        files = ", ".join(self.content.sources[("roles", rid)].file for rid in role_ids)
        rows = tuple(
            ComparisonRow(dimension.key, self.label(dimension.label),
                          tuple(dimension.items(role) for role in roles), files)
            for dimension in ROLE_DIMENSIONS
            if all(dimension.items(role) for role in roles)
        )
        title = self.label(N_("%(roles)s, side by side")) % {
            "roles": " · ".join(role.title for role in roles)}
        return ComparisonView(
            id="custom-" + "-".join(role_ids),  # never the id of a curated comparison file
            title=title, intro="", roles=tuple(self.role_link(rid) for rid in role_ids),
            rows=rows, shared=(), link="", questions=(), orientation=orientation,
            source=files, link_heading=self.label(LINK_HEADINGS[len(roles)]),
            credits=self.credits(role_ids),
        )

    def school(self) -> SchoolView:
        school = self.content.school
        return SchoolView(
            name=school.name,
            mission=self.text(school.mission),
            pitch=self.text(school.pitch),
            programmes=self.texts(school.programmes),
            call_to_action=self.text(school.call_to_action),
            website=school.website or "",
            locale=school.locales.get(self.lang) or default_locale(self.lang),
        )

    def campus(self, campus_id: str, campus: Campus) -> CampusView:
        root = self.content.project.root
        families = available_fonts(root)
        fonts = campus.brand.fonts
        width, height = PAPER_MM[campus.brand.paper]
        return CampusView(
            id=campus_id,
            name=self.text(campus.name),
            fictional=campus.fictional,
            address=tuple(self.typo(line) for line in campus.address),
            email=campus.contact.email or "",
            phone=campus.contact.phone or "",
            website=campus.contact.website or "",
            registration=campus.contact.registration or "",
            open_days=tuple(format_day(day, self.lang) for day in campus.open_days),
            profiles=tuple(campus.profiles),
            primary=campus.brand.primary,
            accent=campus.brand.accent,
            colours=BrandColours.of(campus.brand.primary, campus.brand.accent),
            logo=f"content/{campus.brand.logo}",
            font_body=families[fonts.body],
            font_headings=families[fonts.headings],
            font_faces=font_faces(root, [fonts.body, fonts.headings]),
            paper=campus.brand.paper,
            page_width_mm=width,
            page_height_mm=height,
            note_line_mm=NOTE_LINE_MM[campus.brand.paper],
            photo=self.photo(campus.photo),
            press=PressView(f"content/{campus.print.icc}" if campus.print.icc else "",
                            campus.print.condition or "", campus.print.ink_limit),
            booklet_sheet=campus.booklet.sheet,
            booklet_margin_mm=campus.booklet.margin_mm,
            documents=tuple(campus.documents or ()),
        )

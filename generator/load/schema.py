"""Typed schemas of the content files (``content/``), checked with pydantic.

Every user-visible text is a :data:`Text`: a mapping ``{language: text}`` that
must hold every language the school publishes in, e.g.::

    hook:
      fr: Le garant de la réussite d'un produit.
      en: The guardian of a product's success.

Texts accept inline Markdown (``**bold**``, ``*italic*``, ``[link](https://…)``).
The set of languages comes from ``content/school.yaml`` and reaches the
validators through pydantic's validation context.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Annotated, Literal, TypeVar

from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..limits import ID_PATTERN, MAX_LIST_ITEMS, MAX_TEXT_CHARS

MAX_GUIDE_ROLES = 12
# A short title is printed in a round badge: a few letters, like PO or DEVOPS.
MAX_SHORT_TITLE = 6
DIMENSION_KEYS = (
    "vision", "priorities", "interlocutors", "deliverables", "methods", "education", "career",
)
# Characters XML (and so PDF text and DOCX) cannot hold, lone surrogates (half of a
# character), and line separators that other tools read as line ends; tabs and
# newlines are fine.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u2028\u2029"
                            r"\ufffe\uffff]")


def _clean_text(value: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        raise PydanticCustomError(
            "text_too_long", "this text has {count} characters, at most {limit}: split it, "
            "or shorten it", {"count": len(value), "limit": MAX_TEXT_CHARS})
    if match := CONTROL_CHARS.search(value):
        raise PydanticCustomError(
            "control_character",
            "contains an invisible control character (code {code}) at position {pos}: "
            "delete it and retype the text around it",
            {"code": f"U+{ord(match.group()):04X}", "pos": match.start() + 1},
        )
    return value


def _known_language(code: str) -> str:
    try:
        Locale.parse(code)
    except (ValueError, TypeError, UnknownLocaleError):
        raise PydanticCustomError(
            "unknown_language_code", "'{code}' is not a language code careerdocs knows: use "
            "a code such as fr, en or es", {"code": code}) from None
    return code


def _locale_tag(tag: str) -> str:
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        raise PydanticCustomError(
            "unknown_locale", "'{tag}' is not a locale careerdocs knows: use a language and "
            "a country, such as fr-FR, fr-BE or en-GB", {"tag": tag}) from None
    return tag


def _locales_match(value: dict[str, str]) -> dict[str, str]:
    for code, tag in value.items():
        if tag.split("-")[0] != code:
            raise PydanticCustomError(
                "locale_language", "the locale '{tag}' is not a variety of the language "
                "'{code}': write {code}-XX, XX being a country code", {"tag": tag, "code": code})
    return value


def language_name(code: str) -> str:
    """``fr`` → ``French (fr)``, for messages read by people."""
    try:
        return f"{Locale.parse(code).get_display_name('en')} ({code})"
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def _check_translations(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    context = info.context or {}
    languages = context.get("languages", ())
    present = [lang for lang in languages if (value.get(lang) or "").strip()]
    missing = [lang for lang in languages if lang not in present]
    if missing and present and context.get("fallback"):
        # --allow-missing: print the first language that has the text (a warning says so).
        return {**value, **{lang: value[present[0]] for lang in missing}}
    if missing:
        names = ", ".join(language_name(lang) for lang in missing)
        fallback = f"the {language_name(present[0])} text is printed instead" if present else ""
        raise PydanticCustomError("missing_translation" if present else "no_text",
                                  "missing translation: {names}",
                                  {"names": names, "fallback": fallback})
    unknown = sorted(set(value) - set(languages))
    if languages and unknown:
        raise PydanticCustomError(
            "unknown_language",
            "text in a language the school does not publish in: {unknown} "
            "(languages are listed in content/school.yaml)",
            {"unknown": ", ".join(unknown)},
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$"),
                         AfterValidator(_known_language)]
LocaleTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}-[A-Z]{2}$"),
                      AfterValidator(_locale_tag)]
CleanStr = Annotated[str, AfterValidator(_clean_text)]
Text = Annotated[dict[LanguageCode, CleanStr], AfterValidator(_check_translations)]
# Lists are bounded: a list of thousands of items is a mistake, and would make a document
# of hundreds of pages.
TextList = Annotated[list[Text], Field(max_length=MAX_LIST_ITEMS)]
IdList = Annotated[list[Id], Field(max_length=MAX_LIST_ITEMS)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"]+$")]
# A campus's website and sign-up page print as a QR code 22 mm wide: up to 200 bytes it
# is a version 10 code at most (57 modules, each 0.34 mm), which a phone reads at arm's
# length; a longer address makes modules too fine to scan once printed.
QR_BYTES = 200


def _fits_a_qr_code(value: str) -> str:
    if len(value.encode("utf-8")) > QR_BYTES:
        raise PydanticCustomError(
            "address_too_long_for_a_qr_code",
            "this address is too long to print as a QR code a phone can read ({length} "
            "characters, at most {limit}): give a shorter address, such as the page's "
            "short link", {"length": len(value), "limit": QR_BYTES})
    return value


QrUrl = Annotated[HttpsUrl, AfterValidator(_fits_a_qr_code)]


# Kinds that were renamed, and what to write instead.
_RENAMED_KINDS = {"brochure": "guide (one PDF per file of content/guides/)"}


def _check_kind(value: str, info: ValidationInfo) -> str:
    kinds = (info.context or {}).get("kinds") or []
    if kinds and value not in kinds:
        hint = f"; write {_RENAMED_KINDS[value]}" if value in _RENAMED_KINDS else ""
        raise PydanticCustomError("unknown_document_kind",
                                  "unknown kind of document '{value}' (choose from: {kinds}"
                                  "{hint})",
                                  {"value": value, "kinds": ", ".join(kinds), "hint": hint})
    return value


def at_most(limit: int, what: str) -> AfterValidator:
    """A text of at most ``limit`` characters in every language: it has to fit where it
    is printed (a cover, a heading, a badge)."""
    def check(value: dict[str, str]) -> dict[str, str]:
        for lang, text in value.items():
            if len(text) > limit:
                raise PydanticCustomError(
                    "text_too_long", "at most {limit} characters, {what} (this one has "
                    "{count}): shorten it",
                    {"limit": limit, "what": what, "count": len(text), "lang": lang})
        return value

    return AfterValidator(check)


def _check_short(value: dict[str, str]) -> dict[str, str]:
    for lang, text in value.items():
        if len(text) > MAX_SHORT_TITLE:
            raise PydanticCustomError(
                "short_title_too_long",
                "at most {limit} characters, so that it fits in the round badge (e.g. PO, "
                "DEVOPS): '{text}' has {count}",
                {"limit": MAX_SHORT_TITLE, "text": text, "count": len(text), "lang": lang})
    return value


# The kinds come from the registry of document kinds, through the validation context.
DocumentKindName = Annotated[str, AfterValidator(_check_kind)]


class _Model(BaseModel):
    """Strict base: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Skills(_Model):
    """What the job asks for: know-how (hard skills) and soft skills."""

    know_how: TextList = Field(min_length=1)
    soft_skills: TextList = []


class SalaryRange(_Model):
    """A salary range, only with a published source and its year."""

    label: Text
    minimum: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    source: CleanStr
    year: int = Field(ge=1990, le=2100)


class Salary(_Model):
    """What is known of pay: a sourced sentence and optional sourced ranges."""

    note: Text | None = None
    ranges: Annotated[list[SalaryRange], Field(max_length=MAX_LIST_ITEMS)] = []


class ReferenceCodes(_Model):
    """Codes of public occupation records; left empty when no source gives them."""

    rome: Annotated[str, StringConstraints(pattern=r"^[A-N][0-9]{4}$")] | None = None
    # ESCO's concept URIs are http:// addresses (they also answer at https://).
    esco_uri: Annotated[str, StringConstraints(
        pattern=r"^https?://data\.europa\.eu/esco/occupation/[0-9a-f-]+$")] | HttpsUrl | None = None
    onisep_id: CleanStr | None = None
    onet: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")] | None = None


class RoleSource(_Model):
    """Where an imported role comes from (``careerdocs import`` writes it): its pages
    print the credit its dataset's licence asks for."""

    dataset: Literal["rome", "onisep", "esco", "onet"]
    title: CleanStr
    version: CleanStr = ""
    licence: CleanStr
    record: CleanStr


class Link(_Model):
    """A link for further reading."""

    label: Text
    url: HttpsUrl


class Photo(_Model):
    """A photo under ``content/images/`` (JPEG or PNG): what it shows, said to readers who
    cannot see it, and whose it is, printed in small type beside it."""

    file: CleanStr  # e.g. images/atelier.jpg
    alt: Annotated[Text, at_most(300, "a sentence or two saying what the photo shows")]
    credit: Annotated[CleanStr, StringConstraints(min_length=2, max_length=160)]  # author, licence


class Role(_Model):
    """One job, modelled on public occupation records (ROME, ONISEP, ESCO)."""

    title: Annotated[Text, at_most(80, "so that it fits in headings and table heads")]
    short_title: Annotated[Text, AfterValidator(_check_short)]
    hook: Annotated[Text, at_most(300, "a sentence or two that stays with the role's title")]
    summary: Text
    missions: TextList = Field(min_length=1)
    skills: Skills
    education: Text
    access: TextList = []
    career_path: Text
    related_roles: IdList = []
    moves_on_to: IdList = []  # roles people in this one usually move on to: the career map
    also_known_as: TextList = []
    working_methods: TextList = []
    salary: Salary | None = None
    codes: ReferenceCodes | None = None
    source: RoleSource | None = None  # an imported role's dataset (careerdocs import)
    links: Annotated[list[Link], Field(max_length=MAX_LIST_ITEMS)] = []
    photo: Photo | None = None  # printed under the role's header in the guide and handout


class Dimension(_Model):
    """One row of a comparison: what each role does on this dimension."""

    key: Literal[DIMENSION_KEYS]  # type: ignore[valid-type]
    values: dict[Id, Text]


class Comparison(_Model):
    """Two or three roles side by side."""

    title: Annotated[Text, at_most(120, "so that it fits in the heading of a page")]
    intro: Text
    roles: list[Id] = Field(min_length=2, max_length=3)
    dimensions: list[Dimension] = Field(min_length=1, max_length=len(DIMENSION_KEYS))
    shared: TextList = []
    link: Text | None = None
    questions: TextList = []  # discussion questions for the classroom handouts
    orientation: Literal["portrait", "landscape"] = "portrait"  # of the one-pager


class Guide(_Model):
    """A printed guide: its cover texts, why it was written, its roles and comparisons."""

    title: Annotated[Text, at_most(100, "so that it fits on the cover")]
    subtitle: Annotated[Text, at_most(240, "so that it fits on the cover")]
    why: Text | None = None  # the box "Why this guide?"
    roles: list[Id] = Field(min_length=1, max_length=MAX_GUIDE_ROLES)
    comparisons: IdList = []


class School(_Model):
    """The school's brand and the languages it publishes in."""

    name: CleanStr
    languages: list[LanguageCode] = Field(min_length=1)
    # The country variety of each language, for Word's spelling and hyphenation
    # (default: fr-FR, en-GB…); e.g. {fr: fr-BE}.
    locales: Annotated[dict[LanguageCode, LocaleTag], AfterValidator(_locales_match)] = {}
    mission: Text
    pitch: Text
    programmes: TextList = []
    call_to_action: Text
    website: HttpsUrl | None = None
    theme: Id = "default"  # a folder of templates/ tried before templates/default


class Contact(_Model):
    """How visitors reach a campus."""

    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+$")] | None = None
    phone: CleanStr | None = None
    website: QrUrl | None = None
    registration: QrUrl | None = None  # the page where visitors sign up for an open day


class BrandFonts(_Model):
    """Font families by the name of their folder in ``templates/fonts/``."""

    body: Id = "lato"
    headings: Id = "lato"


class Brand(_Model):
    """A campus's look: colours as ``#rrggbb``, a logo under ``content/``, fonts, paper."""

    primary: Colour
    accent: Colour
    logo: CleanStr
    fonts: BrandFonts = BrandFonts()
    paper: Literal["A4", "A5"] = "A4"
    # A folder of templates/ (bold, classic…) tried before templates/default; when
    # left out, the school's theme.
    theme: Id | None = None


class PrintShop(_Model):
    """The press the print guide (``--profile print``) is made for: the ICC profile the
    print shop gives, under ``content/``, and the printing condition it characterises;
    without them, offset on coated paper (FOGRA39). The total ink, in percent, is what
    the shop's paper takes."""

    icc: CleanStr | None = None  # e.g. images/print-shop.icc
    condition: Annotated[CleanStr, StringConstraints(min_length=2, max_length=80)] | None = None
    ink_limit: Annotated[int, Field(ge=200, le=400)] = 300

    @model_validator(mode="after")
    def _condition_with_its_profile(self) -> PrintShop:
        if self.icc is not None and self.condition is None:
            raise PydanticCustomError(
                "press_condition", "say which printing condition the profile is for, as the "
                "print shop names it (condition: FOGRA39 for coated paper, FOGRA52 for "
                "uncoated)")
        if self.icc is None and self.condition is not None:
            raise PydanticCustomError(
                "press_profile", "a printing condition needs the print shop's profile for it "
                "(icc: images/print-shop.icc); without both, careerdocs prints for coated "
                "paper (FOGRA39)")
        return self


class Booklet(_Model):
    """The booklet for the school's own printer (``--profile booklet``): the sheet it
    prints on (by default the next size up from the guide's pages: A4 for an A5 guide,
    A3 for an A4 one; A4 for an A4 guide makes an A5 booklet of it) and the margin an
    office printer cannot print, left blank all around (0 for a printer that prints to
    the edge)."""

    sheet: Literal["A4", "A3"] | None = None
    margin_mm: Annotated[float, Field(ge=0, le=15)] = 8


class Campus(_Model):
    """One campus: its details, its look and what it prints."""

    name: Text
    fictional: bool = False
    address: list[CleanStr] = Field(min_length=1, max_length=10)
    contact: Contact
    open_days: Annotated[list[date], Field(max_length=MAX_LIST_ITEMS)] = []
    photo: Photo | None = None  # printed on the campus page of the guide
    brand: Brand
    documents: list[DocumentKindName] | None = Field(default=None, min_length=1)  # None: all
    # Guides are always made for screens; these profiles are made too at every build.
    profiles: list[Literal["print", "booklet"]] = []
    print: PrintShop = PrintShop()  # noqa: A003 - the campus file's word
    booklet: Booklet = Booklet()
    guides: IdList | None = None  # None: every guide
    roles: IdList | None = None
    comparisons: IdList | None = None


ModelT = TypeVar("ModelT", bound=BaseModel)


@cache
def with_sections(base: type[ModelT],
                  sections: tuple[tuple[str, type[BaseModel]], ...]) -> type[ModelT]:
    """The schema of campus or role files (``base``) with the sections kinds of document
    bring (``poster:``, named as the kind, each checked by the kind's own model);
    ``base`` itself when none does."""
    if not sections:
        return base
    fields: dict[str, object] = {name: (model | None, None) for name, model in sections}
    return create_model(base.__name__, __base__=base, __module__=__name__,  # type: ignore[call-overload]
                        **fields)


class Languages(BaseModel):
    """The one field read from school.yaml before everything else."""

    model_config = ConfigDict(extra="ignore")
    languages: list[LanguageCode] = Field(min_length=1)

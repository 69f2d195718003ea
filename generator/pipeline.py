"""The library API: ``build``, ``validate`` and ``describe`` a project.

The CLI is a thin layer over these functions, and the tests drive them too.
A build checks all content, renders every requested document in memory, and
only when all succeeded writes them, each atomically; so a failed build
leaves every previous output byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .content import Content, declared_languages, load_content
from .documents import WRITERS, ComparisonWriter, RenderContext
from .errors import CareerdocsError, Problem
from .i18n import catalogue_problems, load_translations
from .project import Project
from .templating import make_environment, template_names, template_problem, theme_chain
from .viewmodel import adhoc_comparison_view, document_view
from .writer import write_atomically


@dataclass(frozen=True)
class BuildOptions:
    """What to build; an empty tuple means "all"."""

    campuses: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    output_dir: Path | None = None
    roles: tuple[str, ...] = ()
    allow_missing: bool = False  # missing translations: warnings, another language printed

    @property
    def is_full(self) -> bool:
        """Everything is built: no campus, language, document or role was picked."""
        return not (self.campuses or self.languages or self.documents or self.roles)


@dataclass(frozen=True)
class Job:
    """A document kind for a campus in a language (one or more files)."""

    campus: str
    lang: str
    document: str

    @property
    def folder(self) -> Path:
        return Path(self.campus, self.lang)

    @property
    def label(self) -> str:
        return f"{self.campus}/{self.lang}/{self.document}"


@dataclass
class BuildResult:
    """Files written, and files left alone because they were already up to date."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # documents no longer printed
    warnings: list[Problem] = field(default_factory=list)


Progress = Callable[[list[Job]], Iterable[Job]]


def build(project: Project, options: BuildOptions = BuildOptions(),
          progress: Progress = iter) -> BuildResult:
    """Build the requested documents; raise :class:`CareerdocsError` with every problem."""
    content = load_checked(project, options.allow_missing)
    jobs = plan_jobs(content, options)
    outputs: dict[Path, bytes] = {}
    problems: list[Problem] = []
    contexts = _Contexts(project, content, options.roles)
    for job in progress(jobs):
        files, job_problems = WRITERS[job.document].render(contexts.get(job.campus, job.lang))
        problems += job_problems
        outputs.update({job.folder / name: data for name, data in files.items()})
    if problems:
        raise CareerdocsError(problems)
    output_dir = options.output_dir or project.default_output_dir
    result = _write_all(output_dir, outputs)
    if options.is_full:
        # A full build: documents a campus no longer prints would mislead; remove them.
        result.removed = _remove_stale(output_dir, {job.folder for job in jobs}, outputs)
    result.warnings = content.warnings
    return result


# Files careerdocs writes; anything else in build/ (and one-pagers made by
# ``careerdocs compare``, named comparison-custom-…) is never removed.
_OWN_FILES = ("brochure.pdf", "handout-*.docx", "comparison-*.pdf", "comparison-*.docx")


def _remove_stale(output_dir: Path, folders: set[Path], outputs: dict[Path, bytes]) -> list[Path]:
    removed = []
    for folder in sorted(folders):
        for pattern in _OWN_FILES:
            for path in sorted((output_dir / folder).glob(pattern)):
                relative = path.relative_to(output_dir)
                if relative not in outputs and not path.name.startswith("comparison-custom-"):
                    path.unlink()
                    removed.append(path)
    return removed


def load_checked(project: Project, allow_missing: bool = False) -> Content:
    """The content, its translations checked too: every problem of both, in one report.

    With ``allow_missing`` an untranslated word is a warning (in ``Content.warnings``),
    and the English word is printed instead: never silently, always listed.
    """
    try:
        content = load_content(project, allow_missing)
    except CareerdocsError as error:
        problems, _ = _catalogue_check(project, declared_languages(project), allow_missing)
        raise CareerdocsError([*error.problems, *problems]) from None
    problems, warnings = _catalogue_check(project, content.languages, allow_missing)
    if problems:
        raise CareerdocsError(problems)
    content.warnings += warnings
    return content


def _catalogue_check(project: Project, languages: list[str],
                     allow_missing: bool) -> tuple[list[Problem], list[Problem]]:
    missing = [p for lang in languages for p in catalogue_problems(project, lang)]
    if not allow_missing:
        return missing, []
    unreadable = [p for p in missing if "translation of" not in p.message]
    fallback = [replace(p, message=f"{p.message} (the English words are printed instead)")
                for p in missing if p not in unreadable]
    return unreadable, fallback


def plan_jobs(content: Content, options: BuildOptions) -> list[Job]:
    """Every file to make, in a stable order; unknown names on the command line are errors."""
    problems = _unknown("campus", options.campuses, content.campuses)
    problems += _unknown("language", options.languages, content.languages)
    problems += _unknown("document", options.documents, WRITERS)
    problems += _unknown("role", options.roles, content.roles)
    if problems:
        raise CareerdocsError(problems)
    return [
        Job(campus_id, lang, kind)
        for campus_id in (options.campuses or sorted(content.campuses))
        for lang in (options.languages or content.languages)
        for kind in content.campuses[campus_id].documents
        if not options.documents or kind in options.documents
    ]


def _unknown(noun: str, asked: Iterable[str], known: Iterable[str]) -> list[Problem]:
    known = list(known)
    return [Problem("command line", None, None,
                    f"unknown {noun} '{name}' (choose from: {', '.join(known)})")
            for name in dict.fromkeys(asked) if name not in known]


def _write_all(output_dir: Path, outputs: dict[Path, bytes]) -> BuildResult:
    result = BuildResult()
    for relative, data in outputs.items():
        path = output_dir / relative
        (result.written if write_atomically(path, data) else result.unchanged).append(path)
    return result


class _Contexts:
    """Render contexts built once per campus and language, then reused."""

    def __init__(self, project: Project, content: Content, roles: tuple[str, ...] = ()):
        self.project, self.content, self.roles = project, content, roles
        self._cache: dict[tuple[str, str], RenderContext] = {}

    def get(self, campus_id: str, lang: str) -> RenderContext:
        key = (campus_id, lang)
        if key not in self._cache:
            translations = load_translations(self.project, lang)
            theme = theme_chain(self.project, campus_id, self.content.school.theme)
            env = make_environment(self.project, theme, translations)
            view = document_view(self.content, campus_id, lang, translations)
            self._cache[key] = RenderContext(self.project, env, view, translations,
                                             tuple(theme), self.roles)
        return self._cache[key]

    def all(self) -> Iterator[RenderContext]:
        for campus_id in sorted(self.content.campuses):
            for lang in self.content.languages:
                yield self.get(campus_id, lang)


def validate(project: Project, allow_missing: bool = False) -> Content:
    """Check content, catalogues and templates without writing anything.

    The content's ``warnings`` hold what ``allow_missing`` turned into warnings.
    """
    content = load_checked(project, allow_missing)
    problems: list[Problem] = []
    for context in _Contexts(project, content).all():
        problems += _template_problems(context)
    if problems:
        raise CareerdocsError(problems)
    return content


def _template_problems(context: RenderContext) -> list[Problem]:
    """Compile every template of the chain, then render each document's HTML in memory."""
    problems: list[Problem] = []
    for name in template_names(context.env):
        try:
            context.env.get_template(name)
        except Exception as error:  # noqa: BLE001 - any failure is reported as a template problem
            problems.append(template_problem(context.project, error, name))
    if problems:
        return problems
    for writer in WRITERS.values():
        problems += writer.check(context)
    return problems


@dataclass(frozen=True)
class CompareOptions:
    """An ad-hoc one-pager: two or three roles, from their role files alone."""

    roles: tuple[str, ...]
    lang: str | None = None  # default: the school's first language
    campus: str | None = None  # default: the first campus, by id
    landscape: bool = False
    output: Path | None = None  # a .pdf or .docx file; default: both, under build/


def compare(project: Project, options: CompareOptions) -> BuildResult:
    """Make a one-pager for any roles; raise :class:`CareerdocsError` with every problem."""
    content = load_checked(project)
    campus, lang, formats = _compare_plan(content, options)
    context = _Contexts(project, content).get(campus, lang)
    view = adhoc_comparison_view(content, list(options.roles), lang, context.translations,
                                 "landscape" if options.landscape else "portrait")
    files, problems = ComparisonWriter.render_one(context, view, formats)
    if problems:
        raise CareerdocsError(problems)
    if options.output:
        return _write_all(options.output.parent, {Path(options.output.name): data
                                                  for data in files.values()})
    return _write_all(project.default_output_dir,
                      {Path(campus, lang, name): data for name, data in files.items()})


def _compare_plan(content: Content, options: CompareOptions) -> tuple[str, str, tuple[str, ...]]:
    problems = _unknown("role", options.roles, content.roles)
    problems += _unknown("campus", [options.campus] if options.campus else [], content.campuses)
    problems += _unknown("language", [options.lang] if options.lang else [], content.languages)
    if not 2 <= len(options.roles) <= 3 or len(set(options.roles)) != len(options.roles):
        problems.append(Problem("command line", None, None,
                                f"give two or three different roles to compare, "
                                f"e.g. careerdocs compare pm po (you gave {len(options.roles)})"))
    suffix = options.output.suffix.lower() if options.output else ""
    if options.output and suffix not in (".pdf", ".docx"):
        problems.append(Problem("command line", None, None,
                                f"-o must name a .pdf or a .docx file, not '{options.output}'"))
    if problems:
        raise CareerdocsError(problems)
    formats = (suffix[1:],) if suffix else ("pdf", "docx")
    return (options.campus or sorted(content.campuses)[0],
            options.lang or content.languages[0], formats)


@dataclass(frozen=True)
class Inventory:
    """What the content defines, for ``careerdocs list``."""

    roles: dict[str, str]
    comparisons: dict[str, str]
    campuses: dict[str, str]
    languages: list[str]
    documents: list[str]


def describe(project: Project) -> Inventory:
    """Roles, comparisons, campuses, languages and document kinds, with their titles."""
    content = load_content(project)
    lang = content.languages[0]
    return Inventory(
        roles={rid: role.title[lang] for rid, role in content.roles.items()},
        comparisons={cid: comp.title[lang] for cid, comp in content.comparisons.items()},
        campuses={cid: campus.name[lang] for cid, campus in sorted(content.campuses.items())},
        languages=content.languages,
        documents=list(WRITERS),
    )

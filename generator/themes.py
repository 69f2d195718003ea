"""Where templates are looked for: a campus's own folder, its theme, then the default.

A theme is a folder of ``templates/`` (``bold``, ``classic``…) that a campus picks with
``brand: theme:`` (or the school, for every campus, with ``theme:``). This module only
names folders: the template loader (:mod:`generator.render.templating`), the content
checks and ``validate`` share it, without loading Jinja.
"""

from __future__ import annotations

from pathlib import Path

from .project import Project

DEFAULT_THEME = "default"
NOT_THEMES = ("campuses", "fonts", "locales")  # folders of templates/ that hold no theme


def theme_chain(project: Project, campus_id: str | None = None,
                theme: str = DEFAULT_THEME) -> list[Path]:
    """Folders searched for a template, first match wins: the campus's folder, the
    campus's theme, then the built-in default."""
    folders = []
    if campus_id:
        campus_dir = campus_templates_dir(project, campus_id)
        if campus_dir.is_dir():
            folders.append(campus_dir)
    if theme != DEFAULT_THEME:
        folders.append(project.templates_dir / theme)
    folders.append(project.templates_dir / DEFAULT_THEME)
    return folders


def campus_templates_dir(project: Project, campus_id: str) -> Path:
    """Where a campus keeps its own templates and reference.docx."""
    return project.templates_dir / "campuses" / campus_id


def themes(project: Project) -> list[str]:
    """The themes a campus or the school can pick: the folders of templates/."""
    folder = project.templates_dir
    return sorted(path.name for path in folder.iterdir()
                  if path.is_dir() and path.name not in NOT_THEMES) if folder.is_dir() else []

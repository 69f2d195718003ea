"""An imported record as a role file: its fields in the order of a role, the school's
languages the dataset lacks left out (for translation), the fields it lacks left out
(for the school to write: the file's first lines list them), its codes, and its
source; and a copy of what was imported, beside it, for the next import."""

from __future__ import annotations

from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString

from .record import LISTS, SKILLS, TEXTS, Imported

REQUIRED = ("title", "short_title", "hook", "summary", "missions", "skills", "education",
            "career_path")
FOLDED_FROM = 70  # longer texts are written folded (>-), as the demo's are


def role_data(record: Imported, roles_by_code: dict[str, str]) -> dict[str, Any]:
    """The role's fields from ``record``; ``roles_by_code``: the project's roles by the
    code of this dataset they have (the jobs the record leads to that are roles)."""
    data: dict[str, Any] = {}
    for name in ("title", "hook", "summary"):
        if name in record.texts:
            data[name] = dict(record.texts[name])
    if "missions" in record.lists:
        data["missions"] = record.lists["missions"]
    skills = {name: record.lists[name] for name in SKILLS if name in record.lists}
    if skills:
        data["skills"] = skills
    for name in ("education",):
        if name in record.texts:
            data[name] = dict(record.texts[name])
    if "access" in record.lists:
        data["access"] = record.lists["access"]
    if "career_path" in record.texts:
        data["career_path"] = dict(record.texts["career_path"])
    for name, codes in (("related_roles", record.related), ("moves_on_to", record.leads_to)):
        if ids := list(dict.fromkeys(roles_by_code[c] for c in codes if c in roles_by_code)):
            data[name] = ids
    for name in LISTS[2:]:
        if name in record.lists:
            data[name] = record.lists[name]
    data["codes"] = dict(record.codes)
    data["source"] = {"dataset": record.source.dataset, "title": record.source.title,
                      "version": record.source.version, "licence": record.source.licence,
                      "record": record.source.record}
    return data


def missing_fields(data: dict[str, Any]) -> list[str]:
    """The fields a role needs that the dataset did not give."""
    missing = [name for name in REQUIRED if name not in data]
    if "skills" in data and "know_how" not in data["skills"]:
        missing.append("skills.know_how")
    return missing


def role_text(data: dict[str, Any], record: Imported, languages: list[str]) -> str:
    """The role file: a header that says where it comes from and what is left to do,
    then its fields."""
    lacking = [lang for lang in languages if lang not in record.languages]
    header = [f"# Imported from {record.source.title}, {record.source.version}, record "
              f"{record.source.record} ({record.source.licence}), by careerdocs import.",
              "# Edit it as any role file: a later import of a newer release keeps your "
              "edits."]
    if missing := missing_fields(data):
        header.append(f"# Not in the dataset, to write: {', '.join(missing)}.")
    if lacking:
        header.append(f"# Languages the dataset lacks, to translate: {', '.join(lacking)}.")
    return "\n".join(header) + "\n" + dump(_styled(data))


def dump(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 88
    yaml.allow_unicode = True
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _styled(value: Any) -> Any:
    """Long texts folded; everything else as it is."""
    if isinstance(value, dict):
        return {key: _styled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_styled(item) for item in value]
    if isinstance(value, str) and len(value) > FOLDED_FROM:
        return FoldedScalarString(value)
    return value


TEXT_FIELDS = TEXTS

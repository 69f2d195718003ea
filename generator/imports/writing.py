"""An imported record as a role file: its fields in the order of a role, the school's
languages the dataset lacks left out (for translation), the fields it lacks left out
(for the school to write: the file's first lines list them), its codes, and its
source; and a copy of what was imported, beside it, for the next import."""

from __future__ import annotations

from dataclasses import asdict
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString

from .record import SKILLS, Imported

ORDER = ("title", "hook", "summary", "missions", "skills", "education", "access",
         "career_path", "related_roles", "moves_on_to", "also_known_as", "working_methods")
REQUIRED = ("title", "short_title", "hook", "summary", "missions", "skills", "education",
            "career_path")
FOLDED_FROM = 70  # longer texts are written folded (>-), as the demo's are


def role_data(record: Imported, roles_by_code: dict[str, str]) -> dict[str, Any]:
    """The role's fields from ``record``, in the order of a role file; ``roles_by_code``:
    the project's roles by the code of this dataset they have (where the record's jobs
    lead, only those that are roles of the project)."""
    def roles(codes: list[str]) -> list[str]:
        return list(dict.fromkeys(roles_by_code[code] for code in codes if code in roles_by_code))

    found: dict[str, Any] = {
        **record.texts, **record.lists,
        "skills": {name: record.lists[name] for name in SKILLS if name in record.lists},
        "related_roles": roles(record.related), "moves_on_to": roles(record.leads_to)}
    data = {name: found[name] for name in ORDER if found.get(name)}
    return {**data, "codes": dict(record.codes), "source": asdict(record.source)}


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
    return "\n".join(header) + "\n" + dump(styled(data))


def dump(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 88
    yaml.allow_unicode = True
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def styled(value: Any) -> Any:
    """Long texts folded; everything else as it is."""
    if isinstance(value, dict):
        return {key: styled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [styled(item) for item in value]
    if isinstance(value, str) and len(value) > FOLDED_FROM:
        return FoldedScalarString(value)
    return value


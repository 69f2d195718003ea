"""The credit an imported role's dataset asks for, printed wherever the role is:

- Onisep (ODbL): « [dataset], Onisep, [date], sous licence ODbL. », in that exact form
  (and never Onisep's logo);
- ROME (Licence Ouverte): the source and the date of its last update;
- O*NET (CC BY 4.0): O*NET's credit sentence, with "has modified…" once the school has
  changed the words it imported (compared with ``content/imported/<id>.yaml``);
- ESCO: the acknowledgement of the source, as the European Commission words it.

The licences' own sentences are printed as their owners write them, in their language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import N_
from ..load.schema import RoleSource

ROME_CREDIT = N_("Source: France Travail (formerly Pôle emploi), %(title)s, %(version)s, "
                 "Licence Ouverte.")
ONET_CREDIT = ("This publication includes information from the O*NET{version} Database by "
               "the U.S. Department of Labor, Employment and Training Administration "
               "(USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a trademark of "
               "USDOL/ETA.")
ONET_MODIFIED = ("{school} has modified all or some of this information. USDOL/ETA has not "
                 "approved, endorsed, or tested these modifications.")
ESCO_CREDIT = "This publication uses the ESCO classification of the European Commission."


def credit(source: RoleSource | None, gettext: Callable[[str], str], school: str,
           modified: bool) -> str:
    """The credit line of a role from ``source`` ("" for a role the school wrote)."""
    if source is None:
        return ""
    if source.dataset == "onisep":
        return f"{source.title}, Onisep, {source.version}, sous licence ODbL."
    if source.dataset == "rome":
        return gettext(ROME_CREDIT) % {"title": source.title, "version": source.version}
    if source.dataset == "onet":
        line = ONET_CREDIT.format(version=f" {source.version}" if source.version else "")
        return line + (" " + ONET_MODIFIED.format(school=school) if modified else "")
    return ESCO_CREDIT


def edited(imported: Any, now: Any) -> bool:
    """Whether the school has changed the words it imported, or added to them (a
    translation too): ``imported`` is the copy the import kept (None when it is gone or
    damaged: then the words may have changed, and are said to), ``now`` the role file's
    data. Fields the dataset did not give (a hook the school wrote) are the school's own."""
    if not isinstance(imported, dict):  # no copy to compare with: say it may be changed
        return True
    if not isinstance(now, dict):
        return False
    for name, words in imported.items():
        if name in ("codes", "source"):
            continue
        current = now.get(name)
        if name == "skills" and isinstance(words, dict) and isinstance(current, dict):
            if any(current.get(kind) != items for kind, items in words.items()):
                return True
        elif current != words:
            return True
    return False

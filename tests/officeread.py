"""Word files opened as a teacher opens them: LibreOffice headless, on a PC without
the campus fonts, and the ECMA-376 validator Word's own SDK is built on."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path


def bare_fontconfig(folder: Path) -> Path:
    """A fontconfig set-up with the machine's fonts only (no Lato, no Noto Serif), its
    cache in ``folder``."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>")
    return conf


def libreoffice_to_pdf(sources: Sequence[Path], target: Path, scratch: Path) -> list[Path]:
    """``sources`` (DOCX) printed to PDF in ``target`` by LibreOffice; its profile and
    font cache live in ``scratch``. The campus fonts can only come from the files."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: run `make test` (it installs libreoffice-writer-nogui)"
    target.mkdir(parents=True, exist_ok=True)
    scratch.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "FONTCONFIG_FILE": str(bare_fontconfig(scratch))}
    subprocess.run([soffice, f"-env:UserInstallation={(scratch / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(target),
                    *map(str, sources)],
                   check=True, capture_output=True, timeout=300, env=environment)
    return [target / f"{source.stem}.pdf" for source in sources]


def schema_errors(path: Path) -> list[str]:
    """What the OOXML validator finds wrong in a Word file, one line per problem."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(path))
    return [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]

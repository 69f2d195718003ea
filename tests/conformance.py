"""What an independent validator says of a PDF: ``page-validation`` (a validator that
passes the veraPDF test corpus and the Isartor suite), with the PDF/A-3a and PDF/UA-1
profiles, the two the README claims for screen PDFs."""

from __future__ import annotations

from pathlib import Path

import page

SCREEN_PROFILES = ("3a", "ua1")  # PDF/A-3a, PDF/UA-1


def conformance_failures(path: Path) -> list[str]:
    """Every rule the PDF fails, as ``file: profile: rule: message``; none when it
    conforms to both profiles."""
    failures = []
    for profile in SCREEN_PROFILES:
        report = page.validate_pdf(path, profile=profile)
        failures += [f"{path.name}: {profile}: {failure.rule_id}: {failure.message}"
                     for failure in report.failures]
    return failures

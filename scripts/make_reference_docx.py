"""Regenerate templates/default/reference.docx.

Run: ``.venv/bin/python scripts/make_reference_docx.py``
"""

from pathlib import Path

from generator.render.docx.reference import build_reference

target = Path(__file__).resolve().parent.parent / "templates" / "default" / "reference.docx"
target.write_bytes(build_reference())
print(f"wrote {target}")

"""Limits on what careerdocs reads and renders: no input can make it hang, eat the
machine's memory or fill its disk. Each limit is stated in the README, and each is
reported in plain words with the file it applies to."""

from __future__ import annotations

MAX_FILE_BYTES = 1_000_000  # a content file, template or catalogue: ~1 MB of text
MAX_FETCHED_BYTES = 30_000_000  # a file the PDF printer loads: a photo (20 MB at most), a font
MAX_YAML_DEPTH = 20  # content files are a few levels deep
MAX_TEXT_CHARS = 5_000  # one text of a content file (a long paragraph is ~1,000)
MAX_LIST_ITEMS = 100  # items of one list (missions, skills…)
MAX_RANGE = 10_000  # range() in a template
MAX_STRING_CHARS = 100_000  # a string a template builds (``'x' * n``)
RENDER_SECONDS = 120  # one document, laid out and printed
CHECK_SECONDS = 30  # filling in every template of a campus and language, to check them
RENDER_MEMORY_BYTES = 2_000_000_000  # address space of the process printing a document
MAX_PAGES = 300  # pages of one document
MAX_HTML_DEPTH = 100  # elements inside elements in a page's HTML (the demo's: about 15)
MAX_DOCX_BYTES = 10_000_000  # a Word reference document, unzipped
MAX_TRANSLATION_FILE_BYTES = 50_000_000  # a content PO file, or the record of translations:
# every text of a large school, source and translation (a demo's: 40 kB)
MAX_DATASET_BYTES = 300_000_000  # a downloaded dataset (ROME's zip: 5 MB, O*NET's text: 90 MB)
MAX_DATASET_FILE_BYTES = 200_000_000  # one file of a dataset, unzipped (Onisep's XML: 13 MB)
MAX_DATASET_MEMBERS = 2_000  # files in a dataset's zip (O*NET's: about 40)
MAX_ZIP_RATIO = 100  # unzipped size / zipped size of a Word reference document
MAX_STYLESHEET_CHARS = 200_000  # of a campus or theme stylesheet, read by validate's contrast check
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,39}$"  # ids of roles, campuses…: file names and URLs

# Two commands on a fresh Debian/Ubuntu machine:
#   make build   creates .venv, installs careerdocs and builds every document into build/
#   make test    runs the whole test suite (LibreOffice included)
# For developers:
#   make test-fast   the quick tests: no LibreOffice, no full builds (under 30 s)
#   make lint        ruff and mypy
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-fast validate lint clean

# Compiled Python kept between runs, outside the source tree: the tests start careerdocs
# in hundreds of processes, and a machine that sets PYTHONDONTWRITEBYTECODE would have
# each of them compile careerdocs (and pytest its test files) again.
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache

build: $(STAMP)
	$(BIN)/careerdocs build

# The tests open the DOCX handouts with LibreOffice Writer, as a teacher would (with the
# French and English hyphenation dictionaries Word has built in), and drive the preview
# in Debian's chromium; pdftotext (poppler-utils) reads the PDFs' text as copy and paste does.
test: $(STAMP)
	bash scripts/system-deps.sh libreoffice-writer-nogui hyphen-fr hyphen-en-gb hyphen-en-us chromium poppler-utils
	$(BIN)/pytest -q -n auto --dist worksteal

test-fast: $(STAMP)
	$(BIN)/pytest -q -n auto -m "not slow and not libreoffice"

validate: $(STAMP)
	$(BIN)/careerdocs validate

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

$(STAMP): pyproject.toml scripts/system-deps.sh
	bash scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build $(VENV)

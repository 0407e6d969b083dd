# Two commands on a fresh machine: `make run` (the editor on the sample edition) and `make test`.
# Each creates or refreshes the virtual environment in .venv from pyproject.toml first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench smoke clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(PY) -m ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

smoke: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) main.py --smoke

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands on a fresh machine: `make run` (the editor on the sample edition) and `make test`.
# Each creates or refreshes the virtual environment in .venv from pyproject.toml first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench smoke clean a11y-tools web-screenshots spelling-tools
.PHONY: corpus
.PHONY: print-tools
.PHONY: mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP) spelling-tools
	$(PY) main.py

test: $(STAMP) a11y-tools spelling-tools print-tools
	$(PY) -m ruff check .
	$(PY) -m mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

# Mutation testing of the core promises (docs/mutation.md), outside `make test`: one mutmut run over
# the targets (one pass of the tests to map tests to functions), each mutant against the tests that
# reach the mutated function; then the score table and every survivor as the line it changed.
MUTATION_TARGETS ?= export.markup* model.atomic* model.review* model.checks*
MUTATION_CHILDREN ?= 2

mutation: $(STAMP)
	rm -rf mutants
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/mutmut run --max-children $(MUTATION_CHILDREN) $(foreach t,$(MUTATION_TARGETS),"$(t)") >/dev/null
	$(PY) tools/mutation_score.py
	$(PY) tools/mutation_survivors.py

bench: $(STAMP) spelling-tools
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

# The figure checks measured on real published texts (tests/corpus/): true findings, false alarms, misses.
corpus: $(STAMP)
	$(PY) -m benchmarks.corpus --verbose

smoke: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) main.py --smoke

# UK spelling (docs/checks.md): pyenchant (in pyproject.toml) needs Debian's Enchant library and the
# LibreOffice en_GB Hunspell dictionary, installed here when running as root (CI). Without them the
# editor falls back to spylls on the same dictionary files, or says spelling is unavailable.
spelling-tools:
	@if [ ! -e /usr/share/hunspell/en_GB.dic ] || ! ls /usr/lib/*/libenchant-2.so.2 >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libenchant-2-2 hunspell-en-gb; \
	  else \
	    echo "UK spelling needs Debian's Enchant and en_GB dictionary: sudo apt-get install libenchant-2-2 hunspell-en-gb"; \
	  fi; \
	fi

# The web edition's accessibility audit (tests/a11y/test_axe.py) needs Node.js packages pinned in
# tests/a11y/package-lock.json and Debian's chromium, installed here when running as root (CI).
# BSE_SKIP_BROWSER=1 skips both, and the audit test then reports itself skipped.
A11Y := tests/a11y
A11Y_STAMP := $(A11Y)/node_modules/.installed

$(A11Y_STAMP): $(A11Y)/package.json $(A11Y)/package-lock.json
	cd $(A11Y) && npm ci --no-audit --no-fund
	touch $@

a11y-tools:
ifeq ($(BSE_SKIP_BROWSER),1)
	@echo "BSE_SKIP_BROWSER=1: the browser accessibility audit is skipped"
else
	@if [ ! -x /usr/bin/chromium ] || ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      $$(command -v npm >/dev/null 2>&1 || echo nodejs npm); \
	  else \
	    echo "The accessibility audit needs Debian's chromium and Node.js: sudo apt-get install chromium nodejs npm" \
	         "(or set BSE_SKIP_BROWSER=1 to skip it)"; \
	  fi; \
	fi
	@command -v npm >/dev/null 2>&1 && $(MAKE) -s --no-print-directory $(A11Y_STAMP) || true
endif

# The print file's ink-coverage test (tests/export/test_print_standard.py) renders pages with Ghostscript;
# installed here when running as root (CI). Without it that test fails: it never skips itself.
print-tools:
	@if ! command -v gs >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ghostscript; \
	  else \
	    echo "The print-file tests need Ghostscript: sudo apt-get install ghostscript"; \
	  fi; \
	fi

# docs/images/web-*.png: the exported sample page at desktop and phone widths, in headless Chromium.
web-screenshots: $(STAMP) a11y-tools
	rm -rf build/web-sample
	$(PY) main.py export resources/sample/boroughs/tower-hamlets.yaml --html -o build/web-sample
	node $(A11Y)/screenshot.mjs build/web-sample/index.html docs/images/web-desktop.png 1280 1400
	node $(A11Y)/screenshot.mjs build/web-sample/index.html docs/images/web-phone.png 375 1400 results

clean:
	rm -rf $(VENV) build *.egg-info $(A11Y)/node_modules

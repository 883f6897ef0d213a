# Two commands do all the set-up on a fresh machine:
#   make demo   builds the knowledge graph from seeds/ into exports/
#   make test   runs the whole test suite (installs Chromium for the browser tests)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser clean

demo: $(STAMP)
	$(BIN)/kg build seeds --out exports

# One worker per core, each test file on one worker (its module fixtures built once).
test: $(STAMP) browser
	$(BIN)/python -m pytest -q -n auto --dist loadfile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian's Chromium drives the HTML tests (Playwright with executable_path, no browser download).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing: sudo apt-get install chromium (browser tests will be skipped)"; \
	  fi; }

clean:
	rm -rf $(VENV) .pytest_cache

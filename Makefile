# Two entry points for a fresh clone; each installs what it needs on first use.
#   make acceptance  - the suite against the embedded stand-in, then the HTML report
#   make test        - the project's own tests (installs the test tools as well)
# Extra behave arguments: make acceptance BEHAVE_ARGS="--tags=@smoke -D base_url=https://..."
# Parallel processes, results merged into one report: make acceptance PROCESSES=2
# Needs Python 3.11 or newer and Node 20 or newer (checked first, with a clear message).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_READY := $(VENV)/.requirements-installed
PY_TEST_READY := $(VENV)/.test-requirements-installed
NODE_READY := node_modules/.package-lock.json

.PHONY: acceptance test report setup test-setup prerequisites clean

setup: $(PY_READY) $(NODE_READY)

test-setup: setup $(PY_TEST_READY)

prerequisites:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: this project needs Python 3.11 or newer as '$(PYTHON)' (found: $$($(PYTHON) --version 2>&1 | head -1))." >&2; \
	  echo "      Install it, or name it: make $(MAKECMDGOALS) PYTHON=python3.11" >&2; exit 2; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' 2>/dev/null || { \
	  echo "make: this project needs Node 20 or newer for the Allure 3 report (found: $$(node --version 2>&1 | head -1))." >&2; \
	  exit 2; }

$(PY_READY): requirements.txt | prerequisites
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(PY_TEST_READY): requirements-test.txt requirements.txt $(PY_READY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

$(NODE_READY): package.json package-lock.json | prerequisites
	npm ci --no-audit --no-fund --loglevel=error

# The report is rendered even when scenarios fail; the exit status is the suite's.
acceptance: setup
	@echo "Running the suite: $(if $(PROCESSES),$(PROCESSES) processes,behave) $(BEHAVE_ARGS)"
	@$(if $(PROCESSES),$(PY) scripts/parallel_acceptance.py --processes $(PROCESSES),$(VENV)/bin/behave) $(BEHAVE_ARGS); status=$$?; \
	PYTHON=$(PY) scripts/render-report || status=$$?; \
	exit $$status

report: setup
	PYTHON=$(PY) scripts/render-report

test: test-setup
	$(VENV)/bin/pytest tests

clean:
	rm -rf allure-results allure-report reports

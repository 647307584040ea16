# Two entry points for a fresh clone; each installs what it needs on first use.
#   make acceptance  - the suite against the embedded stand-in, then the HTML report
#   make test        - the project's own tests
# Extra behave arguments: make acceptance BEHAVE_ARGS="--tags=@smoke -D base_url=https://..."
# Parallel processes, results merged into one report: make acceptance PROCESSES=2

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_READY := $(VENV)/.requirements-installed
NODE_READY := node_modules/.package-lock.json

.PHONY: acceptance test report setup clean

setup: $(PY_READY) $(NODE_READY)

$(PY_READY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(NODE_READY): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# The report is rendered even when scenarios fail; the exit status is the suite's.
acceptance: setup
	rm -rf allure-results
	$(if $(PROCESSES),$(PY) scripts/parallel_acceptance.py --processes $(PROCESSES),$(VENV)/bin/behave) $(BEHAVE_ARGS); status=$$?; \
	PYTHON=$(PY) scripts/render-report; \
	exit $$status

report: setup
	PYTHON=$(PY) scripts/render-report

test: setup
	$(VENV)/bin/pytest tests

clean:
	rm -rf allure-results allure-report reports

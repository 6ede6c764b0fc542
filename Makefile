# pagealloc developer entry points.  Everything runs from a virtual env in
# $(VENV), created on first use from the system python3.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_EXAMPLES := examples/sosreport-e100-rx-failure examples/sosreport-healthy

.PHONY: demo test bench lint install docs clean

$(BIN)/python:
	@$(PYTHON) tools/make_venv.py $(VENV)

# A regular install (not editable): insights-core discovers the mapped
# component subpackages only in a real install.
$(VENV)/.installed: $(BIN)/python setup.cfg setup.py pyproject.toml $(shell git ls-files -co --exclude-standard 2>/dev/null | grep -E '\.(py|cfg|toml|txt|yaml|jinja)$$')
	@$(BIN)/pip install -q --disable-pip-version-check --upgrade pip setuptools wheel
	@$(BIN)/pip install -q --disable-pip-version-check --no-build-isolation ".[fleet,test,bench]"
	@rm -rf build
	@touch $@

install: $(VENV)/.installed

demo: install
	@for ex in $(DEMO_EXAMPLES); do \
		echo "==> pagealloc triage $$ex"; \
		$(BIN)/pagealloc triage $$ex; rc=$$?; \
		echo "==> exit code $$rc (0: nothing found, 1: problem found, 2: could not analyse)"; echo; \
		[ $$rc -le 1 ] || exit $$rc; \
	done

lint: install
	$(BIN)/ruff check .

# Tests run from the checkout against the installed package, as users get it:
# pytest starts in $(VENV), so the checkout's pagealloc/ (without the component
# folders setup.py maps into it) is never importable, and setup.cfg's
# --import-mode=append puts the checkout after site-packages for tests/ bench/
# tools/.  TESTS picks a subset: make test TESTS=tests/kernlog
# WORKERS: pytest-xdist processes (auto: one per CPU, at most 4; 0 runs in this process).
# --dist loadgroup: the tests of one fixture in the metamorphic suites share an xdist group, so that they run in
# one process and decode each text once (tests/kernlog/helpers.decoded); the other tests are spread one by one.
TESTS ?= tests
WORKERS ?= auto
test: lint
	cd $(VENV) && bin/pytest -c $(CURDIR)/setup.cfg --rootdir=$(CURDIR) -n $(WORKERS) --maxprocesses=4 --dist loadgroup \
		$(addprefix $(CURDIR)/,$(TESTS))

bench: install
	$(BIN)/python bench/run.py

# Rewrite docs/triage.md's examples, the golden outputs, the man page and the
# shell completions from the installed code (tools/regen_triage_docs.py).
docs: install
	$(BIN)/python tools/regen_triage_docs.py

clean:
	rm -rf $(VENV) build dist *.egg-info bench/work bench/results.json

# Everything a fresh clone needs: Python 3.11 (and Go, only when no pulumi >= the pin is on PATH).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
DEPS_STAMP := $(VENV)/.deps-installed

# The built CLI and the venv come first for every recipe (tests and the demo run the real CLI).
export PATH := $(CURDIR)/.tools/pulumi/bin:$(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: test venv cli lint typecheck pytest bench demo demo-destroy clean

## test: venv + dependencies + Pulumi CLI + ruff + mypy + the whole pytest suite
test: venv cli lint typecheck pytest

venv: $(DEPS_STAMP)

$(DEPS_STAMP): pyproject.toml requirements.lock scripts/install-python-deps
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python scripts/install-python-deps
	touch $@

cli:
	scripts/install-pulumi

lint: venv
	ruff check .

typecheck: venv
	scripts/typecheck

pytest: venv cli
	pytest

## bench: time fleets of 1, 10 and 40 desktops against the emulator (not a test; a few minutes)
# Options through BENCH_ARGS, e.g. BENCH_ARGS="--workers 4 --kinds instance" (see scripts/bench --help)
bench: venv cli
	scripts/bench $(BENCH_ARGS)

## demo: deploy the stack program against the local emulator (state in .demo/)
demo: venv cli
	scripts/demo

## demo-destroy: destroy the demo stack and stop its emulator
demo-destroy: venv cli
	scripts/demo-destroy

clean:
	rm -rf $(VENV) .tools build .pytest_cache .mypy_cache .ruff_cache

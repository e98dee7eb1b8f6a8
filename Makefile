# Everything a fresh clone needs: Python 3.11, Go and Node.js (Go builds the YAML, Node.js and Go
# language hosts once per user, and the CLI only when no pulumi >= the pin is on PATH).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
DEPS_STAMP := $(VENV)/.deps-installed
# The AWS SDK for JavaScript v3 a test drives the emulator with (tests/emulator/test_js_client.py).
JS_CLIENT := tests/emulator/js_client
JS_STAMP := $(JS_CLIENT)/node_modules/.installed
# The TypeScript compiler and Pulumi Node.js SDK the generated TypeScript SDK is type-checked with
# (tests/plugin/test_sdks.py).
SDK_JS := tests/plugin/ts_sdk
SDK_JS_STAMP := $(SDK_JS)/node_modules/.installed
# pyright, which tests/test_layout.py runs over the tree (npm ci of its locked version).
LAYOUT := tests/layout
LAYOUT_STAMP := $(LAYOUT)/node_modules/.installed
# The TypeScript program on the generated SDK that tests/e2e/test_plugin_ts.py runs: its locked npm
# packages, and a copy of sdk/nodejs that its postinstall compiles (reinstalled when the SDK changes).
PLUGIN_TS := tests/e2e/programs/plugin_ts
PLUGIN_TS_STAMP := $(PLUGIN_TS)/node_modules/.installed
SDK_NODEJS := $(wildcard sdk/nodejs/*.json sdk/nodejs/*.ts sdk/nodejs/*/*.ts sdk/nodejs/*/*/*.ts)
# The Go program on the generated SDK that tests/e2e/test_plugin_go.py runs (its go.mod replaces the
# SDK's module with sdk/). Its modules come from the module cache or the module proxy, never from
# version control: GO_PROXY_ONLY is the configured GOPROXY without `direct` (`off` when nothing is left).
PLUGIN_GO := tests/e2e/programs/plugin_go
GO_PROXY_ONLY = $$(go env GOPROXY | tr '|' ',' | tr ',' '\n' | grep -vx 'direct\|off' | paste -sd, - | sed 's/^$$/off/')
# The Java program on the generated SDK that tests/e2e/test_plugin_java.py runs (its pom.xml compiles
# sdk/java's sources in).
PLUGIN_JAVA := tests/e2e/programs/plugin_java
# The Java program is built once per change of its sources, not by the language host on every pulumi
# command: toolchain/prebuilt.py knows its sources, its jar and the record of what that was built from
# (`fresh`: is the build today's? `begin`/`commit`: around a build). The test refuses a stale jar.
PREBUILT := $(VENV)/bin/python -m toolchain.prebuilt

# The built CLI and the venv come first for every recipe (tests and the demo run the real CLI).
export PATH := $(CURDIR)/.tools/pulumi/bin:$(CURDIR)/$(VENV)/bin:$(PATH)

# How many pytest workers (pytest-xdist) run the suite side by side: most tests wait on the engine,
# language hosts and emulated allocations, so more workers than this machine's 2 cores pay off
# (docs/contributing.md, "How long the suite takes"). `PYTEST_WORKERS=0 make pytest` runs in one process.
PYTEST_WORKERS ?= 4
# --dist loadgroup: tests marked xdist_group("...") share one worker (a session fixture built once).
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: test check venv cli hosts js layout sdk-js sdk-java plugin-java plugin-ts plugin-go plugin-python sdk generate lint typecheck pytest bench demo demo-destroy clean

## test: venv + dependencies + Pulumi CLI + language hosts + JS client + SDK checkers + TypeScript, Go, Python and Java programs + ruff + mypy + the whole pytest suite (side by side)
test: venv cli hosts js layout sdk-js sdk-java plugin-java plugin-ts plugin-go plugin-python lint typecheck pytest

## check: the inner loop while working: ruff + mypy + the unit and emulator tests (no real CLI, no outside toolchain); `make test` before stopping
check: venv js plugin-python lint typecheck
	pytest $(PYTEST_PARALLEL) -m "not e2e and not toolchain"

venv: $(DEPS_STAMP)

$(DEPS_STAMP): pyproject.toml requirements.lock scripts/install-python-deps
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python scripts/install-python-deps
	touch $@

cli:
	scripts/install-pulumi

## hosts: the pinned YAML, Node.js, Go and Java language hosts beside the CLI (built once from the Go module proxy, cached per user)
hosts:
	scripts/install-language-hosts

## js: the locked npm packages of the JS client test (npm ci; npm's own cache outlives a fresh clone)
js: $(JS_STAMP)

$(JS_STAMP): $(JS_CLIENT)/package.json $(JS_CLIENT)/package-lock.json
	cd $(JS_CLIENT) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## layout: the locked pyright that tests/test_layout.py runs over the tree (npm ci, as for js)
layout: $(LAYOUT_STAMP)

$(LAYOUT_STAMP): $(LAYOUT)/package.json $(LAYOUT)/package-lock.json
	cd $(LAYOUT) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## sdk-js: the locked npm packages that type-check the generated TypeScript SDK (npm ci, as for js)
sdk-js: $(SDK_JS_STAMP)

$(SDK_JS_STAMP): $(SDK_JS)/package.json $(SDK_JS)/package-lock.json
	cd $(SDK_JS) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## sdk-java: fetch what Maven needs to build sdk/java into ~/.m2 (outlives a fresh clone), then build it from a copy
# tests/plugin/test_sdk_java.py builds the SDK offline, going online only when ~/.m2 lacks something.
sdk-java:
	tmp="$$(mktemp -d)" && trap 'rm -rf "$$tmp"' EXIT \
	  && cp -r sdk/java "$$tmp/java" && (cd "$$tmp/java" && mvn --batch-mode --quiet package)

## plugin-java: the Java program with sdk/java's sources built into its target/plugin-java.jar (+ target/lib), unless the jar is already of today's sources
# The test runs that jar with the Java host's jar executor (`java -jar`), not Maven on every command.
# From a clean target/ (a deleted source must not leave its class behind); Maven fetches what ~/.m2 lacks.
plugin-java: venv
	$(PREBUILT) fresh java || { rm -rf $(PLUGIN_JAVA)/target && $(PREBUILT) begin java \
	  && (cd $(PLUGIN_JAVA) && mvn --batch-mode --quiet package) && $(PREBUILT) commit java; }

## plugin-ts: the TypeScript program's locked npm packages and its compiled copy of sdk/nodejs (npm ci, as for js)
plugin-ts: $(PLUGIN_TS_STAMP)

$(PLUGIN_TS_STAMP): $(PLUGIN_TS)/package.json $(PLUGIN_TS)/package-lock.json $(PLUGIN_TS)/.npmrc $(SDK_NODEJS)
	cd $(PLUGIN_TS) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## plugin-go: the Go program's modules downloaded and compiled once (Go's own caches outlive a fresh clone: no stamp)
# Afterwards the Go language host's `go build` inside `pulumi up` takes a second or two, not a minute.
plugin-go:
	cd $(PLUGIN_GO) && GOWORK=off GOPROXY="$(GO_PROXY_ONLY)" go mod download \
	  && GOWORK=off GOPROXY="$(GO_PROXY_ONLY)" go build -o /dev/null .

## plugin-python: a copy of sdk/python pip-installed (not editable) into .tools/python-sdk, when the installed one differs
# The Python program tests/e2e/test_plugin_python.py runs imports it through PYTHONPATH (not from the
# venv: see scripts/install-python-sdk). The script compares the installed copy with sdk/python and
# reinstalls only when they differ (also when a file was deleted, which a stamp cannot see): no stamp.
plugin-python: venv
	$(VENV)/bin/python scripts/install-python-sdk

## sdk: regenerate the checked-in SDKs in sdk/ from plugin/schema.json (needs Go)
sdk:
	scripts/gen-sdks

## generate: regenerate everything generated, in order: the component's args (components/args_generator.py, from
## botocore's model and components/args_table.py), plugin/schema.json (from those and the provider), then sdk/
generate: venv
	python -m pulumi_workspaces_instances.components.args_generator
	python -m pulumi_workspaces_instances.plugin.schema
	scripts/gen-sdks

lint: venv
	ruff check .

# The Python program on the generated SDK (tests/e2e/programs/plugin_python) imports it.
typecheck: venv plugin-python
	scripts/typecheck

pytest: venv cli hosts js layout sdk-js sdk-java plugin-java plugin-ts plugin-go plugin-python
	pytest $(PYTEST_PARALLEL)

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
	rm -rf $(VENV) .tools build .pytest_cache .mypy_cache .ruff_cache $(JS_CLIENT)/node_modules
	rm -rf $(SDK_JS)/node_modules $(PLUGIN_TS)/node_modules $(LAYOUT)/node_modules sdk/java/target $(PLUGIN_JAVA)/target

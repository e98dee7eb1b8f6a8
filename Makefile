# Everything a fresh clone needs: Python 3.11, Go and Node.js (Go builds the YAML and Node.js language
# hosts once per user, and the CLI only when no pulumi >= the pin is on PATH).
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
# The TypeScript program on the generated SDK that tests/e2e/test_plugin_ts.py runs: its locked npm
# packages, and a copy of sdk/nodejs that its postinstall compiles (reinstalled when the SDK changes).
PLUGIN_TS := tests/e2e/programs/plugin_ts
PLUGIN_TS_STAMP := $(PLUGIN_TS)/node_modules/.installed
SDK_NODEJS := $(wildcard sdk/nodejs/*.json sdk/nodejs/*.ts sdk/nodejs/*/*.ts sdk/nodejs/*/*/*.ts)

# The built CLI and the venv come first for every recipe (tests and the demo run the real CLI).
export PATH := $(CURDIR)/.tools/pulumi/bin:$(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: test venv cli hosts js sdk-js plugin-ts sdk lint typecheck pytest bench demo demo-destroy clean

## test: venv + dependencies + Pulumi CLI + language hosts + JS client + SDK checkers + TypeScript program + ruff + mypy + the whole pytest suite
test: venv cli hosts js sdk-js plugin-ts lint typecheck pytest

venv: $(DEPS_STAMP)

$(DEPS_STAMP): pyproject.toml requirements.lock scripts/install-python-deps
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python scripts/install-python-deps
	touch $@

cli:
	scripts/install-pulumi

## hosts: the pinned YAML and Node.js language hosts beside the CLI (built once from the Go module proxy, cached per user)
hosts:
	scripts/install-language-hosts

## js: the locked npm packages of the JS client test (npm ci; npm's own cache outlives a fresh clone)
js: $(JS_STAMP)

$(JS_STAMP): $(JS_CLIENT)/package.json $(JS_CLIENT)/package-lock.json
	cd $(JS_CLIENT) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## sdk-js: the locked npm packages that type-check the generated TypeScript SDK (npm ci, as for js)
sdk-js: $(SDK_JS_STAMP)

$(SDK_JS_STAMP): $(SDK_JS)/package.json $(SDK_JS)/package-lock.json
	cd $(SDK_JS) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## plugin-ts: the TypeScript program's locked npm packages and its compiled copy of sdk/nodejs (npm ci, as for js)
plugin-ts: $(PLUGIN_TS_STAMP)

$(PLUGIN_TS_STAMP): $(PLUGIN_TS)/package.json $(PLUGIN_TS)/package-lock.json $(PLUGIN_TS)/.npmrc $(SDK_NODEJS)
	cd $(PLUGIN_TS) && npm ci --no-audit --no-fund --prefer-offline
	touch $@

## sdk: regenerate the checked-in SDKs in sdk/ from plugin/schema.json (needs Go)
sdk:
	scripts/gen-sdks

lint: venv
	ruff check .

typecheck: venv
	scripts/typecheck

pytest: venv cli hosts js sdk-js plugin-ts
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
	rm -rf $(VENV) .tools build .pytest_cache .mypy_cache .ruff_cache $(JS_CLIENT)/node_modules
	rm -rf $(SDK_JS)/node_modules $(PLUGIN_TS)/node_modules

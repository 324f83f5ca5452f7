# Everyday entry points. Full-stack targets live in project.mk.
SHELL := /bin/bash
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export NPM_CONFIG_FUND := false
export NPM_CONFIG_AUDIT := false

INSTALL_STAMP := node_modules/.tradewire-install
WORKSPACE_MANIFESTS := $(wildcard */package.json)

.PHONY: help install codegen codegen-check frontend dev test unit lint lint-specs typecheck browser smoke screenshot terminal-timing bench

help:
	@echo "make dev        run Tradewire on http://127.0.0.1:8000 (installs and builds first; no external services)"
	@echo "make cluster    N=3 instances on :8000.. behind a balancer on :8080 (needs DATABASE_URL and REDIS_URL)"
	@echo "make test       the whole suite: lint, type-check, codegen --check, unit and integration tests"
	@echo "make install    npm ci (only when package files changed)"
	@echo "make codegen    regenerate code from specs/"
	@echo "make lint       codegen --check, spec lint (Redocly, Spectral), ESLint and Prettier"
	@echo "make typecheck  tsc over every workspace"
	@echo "make smoke      browser smoke tests (Playwright, Debian chromium)"
	@echo "make screenshot regenerate docs/terminal.png"
	@echo "make terminal-timing  measure the terminal's first candles after a page load"
	@echo "make bench      benchmarks against raw ws and Socket.IO, ratios in one run (~10 min)"

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): package.json package-lock.json $(WORKSPACE_MANIFESTS)
	npm ci --no-fund --no-audit
	@touch $@

codegen: install
	npm run -s codegen

codegen-check: install
	npm run -s codegen -- --check

# The data folder lives at the repository root whichever workspace runs the server.
export DATA_DIR ?= $(CURDIR)/.data
# No load balancer in front of a dev server: `make kill-dev` (SIGTERM) stops it without a drain.
export SHUTDOWN_DRAIN_MS ?= 0

FRONTEND_SOURCES := $(shell find frontend/src clients/src -type f 2>/dev/null) frontend/index.html frontend/vite.config.ts frontend/package.json

# The built terminal the backend serves at /; rebuilt only when its sources changed.
frontend/dist/index.html: $(INSTALL_STAMP) $(FRONTEND_SOURCES)
	npm run -s -w frontend build

frontend: frontend/dist/index.html

# The server's pid goes to DATA_DIR/dev.pid, so `make kill-dev` stops this one and no other
# Tradewire on the machine. tsx runs directly (not through npm run, which does not pass a SIGTERM
# on), and passes signals to the server it starts.
dev: install frontend
	@mkdir -p "$(DATA_DIR)"
	@cd backend && exec bash -c 'echo $$$$ > "$(DATA_DIR)/dev.pid"; exec ../node_modules/.bin/tsx src/main.ts'

lint: lint-specs codegen-check
	npx eslint .
	npx prettier --check .

# Both specs against Redocly's recommended rules (strict: a warning fails) and Spectral's OpenAPI
# and AsyncAPI rulesets; .redocly.yaml and .spectral.yaml justify every rule they turn off.
lint-specs: install
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint --config .redocly.yaml specs/openapi.yaml specs/asyncapi.yaml
	npx spectral lint specs/openapi.yaml specs/asyncapi.yaml --fail-severity=warn

typecheck: install
	npx tsc -p tsconfig.json
	npx tsc -p clients/tsconfig.build.json --noEmit
	npx vue-tsc --noEmit -p frontend
	npx tsc -p smoke-tests
	npx tsc -p bench

unit: install
	npx vitest run

test: lint typecheck unit smoke

CHROMIUM := /usr/bin/chromium

# The browser the smoke tests drive: Debian's chromium, installed here when it is missing and this
# is a root shell with apt; otherwise one line says what to run.
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests (about 30 s)"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; \
	  fi; \
	  [ -x "$(CHROMIUM)" ] || { echo "make test needs Chromium at $(CHROMIUM): run 'sudo apt-get install -y chromium' (Debian, Ubuntu), then make test again" >&2; exit 1; }; \
	fi

# Browser smoke tests: Playwright starts `make dev` on a free port with a fresh data folder. Every
# temporary folder of the run (the stacks' data folders) lives in one that is removed afterwards.
smoke: install frontend browser
	@scratch=$$(mktemp -d -t tradewire-smoke-XXXXXX); trap 'rm -rf "$$scratch"' EXIT; \
	cd smoke-tests && TMPDIR="$$scratch" npx playwright test

# Regenerate docs/terminal.png (the README's picture) with the smoke harness.
screenshot: install frontend browser
	@scratch=$$(mktemp -d -t tradewire-smoke-XXXXXX); trap 'rm -rf "$$scratch"' EXIT; \
	cd smoke-tests && TMPDIR="$$scratch" npx playwright test -c playwright.screenshot.config.ts

# Time from page load to the first candles, for a signed-in trader (prints the figures; about 1 minute).
terminal-timing: install frontend browser
	@scratch=$$(mktemp -d -t tradewire-smoke-XXXXXX); trap 'rm -rf "$$scratch"' EXIT; \
	cd smoke-tests && TMPDIR="$$scratch" npx playwright test -c playwright.timing.config.ts

# Benchmarks against raw ws and Socket.IO in the same run, and the hostile-client scenario (bench/README.md); about 10 minutes.
bench: install
	npx tsx bench/run.ts

include project.mk

# Full-stack targets, included by the Makefile.
.PHONY: generate dev-fullstack test-all kill-dev

# Regenerate everything derived from specs/ (alias kept for the full-stack workflow).
generate: codegen

# Backend on :8000 with reload-free tsx; the frontend dev server joins it with the frontend issue.
dev-fullstack: install
	npm run -s -w backend start

# Everything CI runs, plus the checks that need optional services.
test-all: test

# Stop any Tradewire backend left running on this machine by make dev / dev-fullstack.
kill-dev:
	-@pkill -f "tsx src/main.ts" && echo "stopped" || echo "nothing running"

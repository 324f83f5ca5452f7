# Full-stack targets, included by the Makefile.
.PHONY: generate dev-fullstack test-all kill-dev soak-broker

# Regenerate everything derived from specs/ (alias kept for the full-stack workflow).
generate: codegen

# Backend on :8000 and the Vite dev server on :5173 (hot reload), which proxies /api and the socket.
dev-fullstack: install
	@trap 'kill 0' INT TERM EXIT; \
	npm run -s -w backend start & \
	npm run -s -w frontend dev & \
	wait

# Everything CI runs, plus the checks that need optional services.
test-all: test

# Stop any Tradewire backend left running on this machine by make dev / dev-fullstack.
kill-dev:
	-@pkill -f "tsx src/main.ts" && echo "backend stopped" || echo "no backend running"
	-@pkill -f "frontend/node_modules/.bin/vite|/vite/bin/vite.js" && echo "vite stopped" || echo "no vite running"

# The broker's model-based property test, long form (the short form runs in make test).
soak-broker: install
	PROPERTY_RUNS=$${PROPERTY_RUNS:-2000} npx vitest run backend/test/broker/property.test.ts

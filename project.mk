# Full-stack targets, included by the Makefile.
.PHONY: generate dev-fullstack test-all kill-dev soak-broker

# Regenerate everything derived from specs/ (alias kept for the full-stack workflow).
generate: codegen

# Backend on :8000 and the Vite dev server on :5173 (hot reload), which proxies /api and the socket.
dev-fullstack: install
	@mkdir -p "$(DATA_DIR)"; trap 'kill 0' INT TERM EXIT; \
	(cd backend && exec ../node_modules/.bin/tsx src/main.ts) & echo $$! > "$(DATA_DIR)/dev.pid"; \
	(cd frontend && exec ../node_modules/.bin/vite) & echo $$! > "$(DATA_DIR)/vite.pid"; \
	wait

# Everything CI runs, plus the checks that need optional services.
test-all: test

# Stop the backend and Vite that make dev / dev-fullstack started for this DATA_DIR (their pid
# files), and nothing else on the machine.
kill-dev:
	@for name in dev vite; do \
	  file="$(DATA_DIR)/$$name.pid"; pid=$$(cat "$$file" 2>/dev/null); \
	  if [ -n "$$pid" ] && kill "$$pid" 2>/dev/null; then echo "stopped $$name ($$pid)"; else echo "no $$name running"; fi; \
	  rm -f "$$file"; \
	done

# The broker's model-based property test, long form (the short form runs in make test).
soak-broker: install
	PROPERTY_RUNS=$${PROPERTY_RUNS:-2000} npx vitest run backend/test/broker/property.test.ts

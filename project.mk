# Full-stack targets, included by the Makefile.
.PHONY: generate dev-fullstack test-all kill-dev soak-broker cluster

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

# N instances (default 3) on ports 8000, 8001, ... sharing DATABASE_URL and REDIS_URL, behind a TCP
# balancer on BALANCER_PORT (8080). Ctrl-C stops them all. See README, "Running several instances".
N ?= 3
cluster:
	$(if $(and $(DATABASE_URL),$(REDIS_URL)),,$(error make cluster needs DATABASE_URL and REDIS_URL: every instance shares one PostgreSQL and one Redis))
	@$(MAKE) --no-print-directory install frontend
	@mkdir -p "$(DATA_DIR)"
	@cd backend && N=$(N) exec ../node_modules/.bin/tsx scripts/cluster.ts

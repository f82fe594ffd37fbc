# Lotse – the two commands a new user needs: `make run` and `make test`.
# Each target does its own set-up; repeated runs reuse what is already there.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HTMX_VERSION := $(shell node -p "require('./package.json').dependencies['htmx.org']" 2>/dev/null)
export FLASK_APP := wsgi

.PHONY: run test bench audit setup venv vendor translations migrate seed lint clean system-deps browser-deps

run: setup migrate seed ## set up, migrate, seed the demo Landratsamt, serve on :5000
	LOTSE_SCHEDULER=inprocess $(FLASK) run --host 127.0.0.1 --port 5000 --no-reload

test: setup browser-deps ## set up and run every test on SQLite and PostgreSQL
	$(BIN)/ruff check intranet tests bench
	$(BIN)/ruff format --check intranet tests bench
	$(BIN)/pytest -n 2 --dist worksteal -p no:cacheprovider $(PYTEST_ARGS)

bench: setup system-deps ## Landkreis-scale benchmark (not part of the tests)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

audit: setup ## Lighthouse (accessibility, best practices) on login, home and each pillar index; not part of `make test`
	$(BIN)/python scripts/audit.py

setup: venv vendor translations

venv: $(BIN)/.installed
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

vendor: static/vendor/htmx/htmx.min.js
static/vendor/htmx/htmx.min.js: package.json package-lock.json scripts/build_icon_sprite.py
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/htmx
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/htmx.min.js
	cp node_modules/htmx.org/LICENSE static/vendor/htmx/LICENSE
	$(PYTHON) scripts/build_icon_sprite.py node_modules/lucide-static static/vendor/lucide

translations: venv
	$(BIN)/pybabel compile -d intranet/translations -f

migrate: setup
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

# Update the message catalogs after changing UI text (then translate the English one).
# Sorted, without source locations and unwrapped, so parallel branches rarely touch the same
# lines (and .gitattributes merges the catalog as a union).
extract: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output --no-wrap \
		--omit-header -o $(VENV)/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete --no-fuzzy-matching --no-wrap \
		--ignore-pot-creation-date -i $(VENV)/messages.pot -d intranet/translations

lint: venv
	$(BIN)/ruff check intranet tests bench
	$(BIN)/ruff format --check intranet tests bench

# Debian packages for browser tests (Chromium) and the benchmark (wrk); needs root.
system-deps:
	@command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

clean:
	rm -rf $(VENV) node_modules static/vendor instance/lotse.sqlite3*

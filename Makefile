# The index of commands: `make help`. `make run` and `make test` need nothing but Python 3.11+,
# the PostgreSQL server binaries and GNU gettext; when DATABASE_URL is unset they start a
# project-private PostgreSQL cluster (see portal/devdb.py).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# What `make venv` installs: the image installs requirements/prod.txt (Dockerfile).
REQUIREMENTS ?= requirements/dev.txt

# Start the kept local cluster unless DATABASE_URL chooses a server.
WITH_DB = if [ -z "$$DATABASE_URL" ]; then DATABASE_URL="$$($(PY) -m portal.devdb start)" || exit 1; export DATABASE_URL; fi
# make run serves with production settings; only the secret, the hosts and the site's own
# address (the links in e-mails, e.g. an application's confirmation) are local.
RUN_ENV = export SECRET_KEY="$${SECRET_KEY:-$$($(PY) -m portal.devdb secret-key)}"; export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; export SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}"
TEST_ENV = export SECRET_KEY=test-secret-key ALLOWED_HOSTS=testserver,localhost,127.0.0.1 DEBUG=false

.PHONY: help venv run dev audit test hostile lint format messages compilemessages collectstatic demo manage backup restore db-stop bench clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: $(REQUIREMENTS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(REQUIREMENTS)
	@touch $@

venv: $(VENV)/.installed ## Create .venv and install the locked dependencies

compilemessages: venv ## Compile the translation catalogues (.mo files are built, not committed)
	@# without settings, so it needs no database or secret: it compiles every locale/ folder below here
	@env -u DJANGO_SETTINGS_MODULE $(VENV)/bin/django-admin compilemessages --ignore=.venv --ignore=.local -v0

# Static files hashed and compressed into STATIC_ROOT. Settings without a database or a real
# secret: the image runs it at build time (Dockerfile), the several-servers test too.
BUILD_ENV = export SECRET_KEY="$${SECRET_KEY:-build}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-build}" DATABASE_URL="$${DATABASE_URL:-postgres://build@localhost/build}"
collectstatic: venv ## Collect the static files into STATIC_ROOT (hashed names, compressed)
	@set -e; $(BUILD_ENV); $(MANAGE) collectstatic --noinput -v0

# One server (or demo load) at a time per checkout: two would migrate the same database at once.
# The lock is taken on the recipe shell's file descriptor 9, which the server inherits and
# holds until it exits; a second run stops at once and says so (portal/devdb.py lock).
LOCK = mkdir -p .local; exec 9<>.local/run.lock; $(PY) -m portal.devdb lock 9
PREPARE = $(MANAGE) migrate --noinput -v0; \
	$(MANAGE) createcachetable; \
	$(MANAGE) load_demo; \
	$(MANAGE) collectstatic --noinput -v0; \
	$(MANAGE) ensure_demo_admin

run: venv compilemessages ## Serve the site with demo content at http://127.0.0.1:8000/ (gunicorn, production settings)
	@set -e; $(LOCK); $(WITH_DB); $(RUN_ENV); $(PREPARE); \
	echo ""; echo "  The site: http://$(HOST):$(PORT)/   (English: http://$(HOST):$(PORT)/en/, admin: http://$(HOST):$(PORT)/admin/)"; echo ""; \
	exec $(VENV)/bin/gunicorn portal.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

audit: venv compilemessages $(NODE_TOOLS) ## Lighthouse 12 (mobile) on home, an article, SPACES and the registry: the four scores
	@set -e; $(LOCK); $(WITH_DB); $(RUN_ENV); $(PREPARE); \
	$(VENV)/bin/gunicorn portal.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT) --access-logfile /dev/null >.local/audit-server.log 2>&1 & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; \
	$(MANAGE) audit --base-url http://$(HOST):$(PORT)

dev: venv compilemessages ## Django's auto-reloading development server with DEBUG on
	@set -e; $(LOCK); $(WITH_DB); ( $(RUN_ENV); $(PREPARE) ); export DEBUG=true; exec $(MANAGE) runserver $(HOST):$(PORT)

# The front-end checkers (npm, into the git-ignored .local/node): the Nu HTML Checker that
# make test runs (with Java) and Lighthouse for make audit. Without npm or the network the
# tests that need them are skipped, saying why.
NODE_TOOLS := .local/node/.installed
$(NODE_TOOLS):
	@mkdir -p .local/node
	@if command -v npm >/dev/null; then \
	  npm install --prefix .local/node --no-audit --no-fund --loglevel=error vnu-jar@26.9.27 lighthouse@12.8.2 >/dev/null && touch $@ \
	  || echo "npm could not install vnu-jar and lighthouse: the HTML validity test will be skipped" >&2; \
	else echo "npm is missing: the HTML validity test will be skipped" >&2; fi

test: venv compilemessages ## Lint, the import contract, then the whole test suite against a throwaway PostgreSQL
	@$(MAKE) --no-print-directory $(NODE_TOOLS) || true
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache  # the layers and no cycles: pyproject.toml
	@set -e; $(TEST_ENV); \
	if [ -n "$$DATABASE_URL" ]; then $(VENV)/bin/pytest $(PYTEST_ARGS); \
	else $(PY) -m portal.devdb test -- $(VENV)/bin/pytest -p no:cacheprovider --create-db $(PYTEST_ARGS); fi

hostile: ## The hostile-input tests alone, with many more generated inputs than make test tries
	@HOSTILE_EXAMPLES=$${HOSTILE_EXAMPLES:-5000} HOSTILE_XSS_ROUNDS=$${HOSTILE_XSS_ROUNDS:-22} \
	$(MAKE) --no-print-directory test PYTEST_ARGS='-q -m hostile $(PYTEST_ARGS)'

lint: venv ## ruff check, format check and the import contract
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports --no-cache

format: venv ## Format and autofix with ruff
	@$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

messages: venv ## Extract interface strings into locale/ (then translate locale/uk/LC_MESSAGES/django.po)
	@$(MANAGE) makemessages -l uk -l en --no-location --no-wrap --ignore=.venv --ignore=.local --ignore=tests

demo: venv ## Load the demo content into the local database (idempotent)
	@set -e; $(LOCK); $(WITH_DB); $(RUN_ENV); $(MANAGE) migrate --noinput -v0; $(MANAGE) load_demo

manage: venv ## Any manage.py command with the settings of make run, e.g. make manage CMD="changepassword admin"
	@set -e; $(WITH_DB); $(RUN_ENV); $(MANAGE) $(CMD)

backup: venv ## Back up the database and uploads into .local/backups/ (or BACKUP_DIR=folder)
	@set -e; $(WITH_DB); $(RUN_ENV); $(MANAGE) backup $(if $(BACKUP_DIR),--dir "$(BACKUP_DIR)")

restore: venv ## Restore a backup into an empty database: make restore FILE=.local/backups/portal-… [FORCE=1]
	@if [ -z "$(FILE)" ]; then echo "restore: name the backup, e.g. make restore FILE=.local/backups/portal-20250101T120000Z" >&2; exit 2; fi
	@set -e; $(WITH_DB); $(RUN_ENV); $(MANAGE) restore "$(FILE)" $(if $(FORCE),--force)

bench: venv compilemessages ## Load-test the real server, cold and warm, with 20,000 articles (throwaway database; BENCH_ARGS="--scale 5000")
	@command -v wrk >/dev/null || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO="sudo"; $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq --no-install-recommends wrk; }
	@set -e; $(RUN_ENV); \
	bench="$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py createcachetable && $(PY) manage.py collectstatic --noinput -v0 && $(PY) manage.py bench $(BENCH_ARGS)"; \
	if [ -n "$$DATABASE_URL" ]; then echo "bench: DATABASE_URL is set; unset it to benchmark on a throwaway cluster" >&2; exit 1; fi; \
	$(PY) -m portal.devdb test -- bash -c "$$bench"

db-stop: ## Stop the local PostgreSQL cluster
	@$(PY) -m portal.devdb stop

clean: ## Remove the virtual environment and local state (database, media, static)
	@-$(PY) -m portal.devdb stop
	rm -rf $(VENV) .local

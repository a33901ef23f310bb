# Quick start: `make run` serves the demo site; `make test` starts PostgreSQL, Redis, Elasticsearch and an S3 server
# (installing them when missing) and runs every test on them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# Run apt-get through sudo when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The site needs Pango for WeasyPrint and the Noto fonts for every script a certificate name may be written in;
# the tests also drive Chromium, read certificates back as a verifier would (pdftoppm, zbarimg for the QR code) and
# check the translations with gettext's own tools.
RUN_DEBIAN_PACKAGES := fonts-dejavu-core fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
DEBIAN_PACKAGES := $(RUN_DEBIAN_PACKAGES) chromium poppler-utils zbar-tools gettext
# The languages the interface is translated into (settings.LANGUAGES besides English); docs/glossary.md keeps the terms.
MESSAGE_LANGUAGES := es fr pt ar
NOT_MESSAGES := -i .venv -i node_modules -i tests -i bench -i var -i docs

.PHONY: install install-test run-deps system-deps services services-stop stack run migrate demo test lint bench clean messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The Node projects the tests use: the third-party credential verifier (tests/verifier) and axe-core for the browser
# suite (tests/browser). Each gets `npm ci` from its lock file when node_modules is missing or the lock changed;
# otherwise nothing is fetched, so later runs work offline.
NODE_TEST_DIRS := tests/verifier tests/browser

%/node_modules/.installed: %/package.json %/package-lock.json
	@command -v npm >/dev/null || { echo "The tests need Node.js 20 or newer with npm (for $*)."; exit 1; }
	cd $* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-test: $(VENV)/.installed-test $(addsuffix /node_modules/.installed,$(NODE_TEST_DIRS))

# Debian packages: `make run` installs what the site needs, `make test` adds what the tests need.
define install_debian_packages
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

run-deps:
	$(call install_debian_packages,$(RUN_DEBIAN_PACKAGES))

system-deps:
	$(call install_debian_packages,$(DEBIAN_PACKAGES))

# The production servers on this machine (lms/local_services.py): installed when missing, started when not running,
# reused when they are; a server named by DATABASE_URL, REDIS_URL, ELASTICSEARCH_URL or AWS_S3_ENDPOINT_URL is used
# as it is. `make services` prints the lines that point at them; `make services-stop` stops what it started.
WITH_SERVICES = services_env=$$($(PY) -m lms.local_services start --export) && eval "$$services_env"

services: install
	@$(PY) -m lms.local_services start

services-stop:
	@$(PYTHON) -m lms.local_services stop

migrate: install
	$(PY) manage.py migrate --noinput

# The settings build every link the site writes (QR codes, e-mails, credentials) from the address `make run` serves
# on when WAGTAILADMIN_BASE_URL is unset, so the demo is loaded and served with PORT and HOST in the environment; a
# demo database first served elsewhere follows (the Site, achievement ids), then its certificates are re-signed and
# re-rendered for the new address.
run demo: export PORT := $(PORT)
run demo: export HOST := $(HOST)

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py follow_site_address
	$(PY) manage.py refresh_certificates
	$(PY) manage.py catalog_reindex

run: run-deps demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (logins are listed in README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production's topology on this machine: gunicorn, a Celery worker and beat over Redis, PostgreSQL, Elasticsearch and
# S3, with the demo loaded (lms/local_stack.py). Ctrl-C stops the site; `make services-stop` the servers.
stack: install run-deps
	$(PY) -m lms.local_stack --port $(PORT)

# Extract every string into each package's catalogues (new ones arrive untranslated, changed ones fuzzy), then compile
# them: translate in between, and run it again. The completeness test fails until nothing is left.
messages: install
	$(PY) manage.py makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --no-obsolete $(NOT_MESSAGES)
	$(PY) manage.py compilemessages $(NOT_MESSAGES)

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m mypy

# The suite runs in TEST_WORKERS pytest-xdist processes, a test module (or a package sharing a fixture) to each at a
# time; each has its own test database and Redis databases (lms/settings/test.py). Two keep a 2-core machine busy:
# one process leaves a core idle while PostgreSQL waits on Python. The slowest tests are listed at the end.
TEST_WORKERS ?= 2

test: install-test system-deps lint
	@$(WITH_SERVICES) \
		&& DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run \
		&& $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder --durations=30

bench: install-test system-deps
	@$(WITH_SERVICES) && $(PY) bench/run.py

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache

# Quick start: `make run` serves the demo site; `make test` runs every test on PostgreSQL and Redis.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# Run apt-get through sudo when not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The site needs Pango for WeasyPrint and the Noto fonts for every script a certificate name may be written in;
# the tests also drive Chromium.
RUN_DEBIAN_PACKAGES := fonts-dejavu-core fonts-noto-core fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
DEBIAN_PACKAGES := $(RUN_DEBIAN_PACKAGES) chromium

.PHONY: install install-test run-deps system-deps services run migrate demo test lint bench clean

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

install-test: $(VENV)/.installed-test

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

# PostgreSQL and Redis must be reachable for the tests; say which one is missing rather than fail obscurely.
services:
	@$(PY) -c "import socket,sys; [socket.create_connection(('127.0.0.1', p), 3).close() for p in (5432, 6379)]" \
		|| { echo "PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) must be running for 'make test'."; exit 1; }

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_catalog
	$(PY) manage.py load_demo_certificates
	$(PY) manage.py load_demo_mentoring
	$(PY) manage.py catalog_reindex

run: run-deps demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (logins are listed in README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install-test
	$(PY) -m ruff check .

test: install-test system-deps services lint
	DJANGO_SETTINGS_MODULE=lms.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

bench: install-test system-deps services
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache

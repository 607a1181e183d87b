# Two commands matter: `make run` (set up and serve the demo site) and `make test`.
# Everything else is a helper for those or a benchmark.

PYTHON ?= $(shell scripts/find-python)
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install run test test-unit test-integration test-browser lint format \
        bench-render bench-spam load stack check-deploy clean

help:
	@echo "make run    - create .venv, install, migrate, load demo content, serve http://$(HOST):$(PORT)"
	@echo "make test   - lint + unit tests (SQLite) + integration tests (PostgreSQL, Redis, Celery) + browser tests"
	@echo "other: test-unit test-integration test-browser lint bench-render bench-spam load stack check-deploy"

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12+ found; see the message above." >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Demo site: http://$(HOST):$(PORT)/  (admin: /admin/, users listed by seed_demo above)"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint check-deploy test-unit test-integration test-browser

test-unit: $(STAMP)
	$(BIN)/pytest -m "not integration and not browser"

test-integration: $(STAMP)
	$(BIN)/pytest -m integration --ds=commentapp.settings.integration

test-browser: $(STAMP)
	$(BIN)/pytest -m browser

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=commentapp.settings.production \
	DJANGO_SECRET_KEY=check-deploy-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ \
	DJANGO_ALLOWED_HOSTS=comments.example.com \
	DATABASE_URL=sqlite:///:memory: REDIS_URL=redis://127.0.0.1:6379/0 \
	$(PY) manage.py check --deploy --fail-level WARNING

bench-render: $(STAMP)
	$(PY) benchmarks/render_bench.py

bench-spam: $(STAMP)
	$(PY) benchmarks/spam_bench.py
	$(PY) benchmarks/worker_throughput.py

load: $(STAMP)
	$(PY) benchmarks/load.py

stack: $(STAMP)
	scripts/stack

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts

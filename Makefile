# Two commands set everything up: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help run serve migrate seed test check lint typecheck fmt hooks lock messages worker beat bench clean

# Compile translations when there are any (compilemessages fails on a tree
# without .po files). It only needs settings to load; DEBUG spares it a secret key.
COMPILE_MESSAGES = if [ -n "$$(find locale -name '*.po' 2>/dev/null)" ]; then \
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0; fi

# Installs come only from the lock files, every file checked against its hash;
# the project itself is then installed without dependencies and without build
# isolation, so even its build backend (setuptools) comes from the lock. (It
# holds no package, so the editable install only records its metadata; the
# warnings silenced are setuptools' notes on editable installs.)
define INSTALL_FROM
	$(BIN)/pip install --quiet --require-hashes -r $(1)
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
endef

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime packages only (enough for `make run`); the dev set adds the tools.
$(VENV)/.installed-runtime: requirements/runtime.txt | $(BIN)/python
	$(call INSTALL_FROM,requirements/runtime.txt)
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt | $(BIN)/python
	$(call INSTALL_FROM,requirements/dev.txt)
	touch $@ $(VENV)/.installed-runtime

.env:
	cp .env.example .env

# The development server, and beside it the beat schedule run in-process
# (manage.py run_schedule: only without a broker; with REDIS_URL it says so
# and leaves the schedule to `make beat`). An asynchronous command in a
# non-interactive shell ignores Ctrl-C, so the trap stops it when the server
# ends, however it ends.
define SERVE_WITH_SCHEDULE
	$(BIN)/python manage.py run_schedule & schedule=$$!; \
	trap 'kill -TERM $$schedule 2>/dev/null; wait $$schedule' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)
endef

## run: install, migrate, load the demo data and serve on http://127.0.0.1:$(PORT) with the schedule (make run PORT=8001)
run: seed
	$(BIN)/python manage.py text_messages
	$(BIN)/python manage.py warm_dashboards
	$(SERVE_WITH_SCHEDULE)

## serve: serve on http://127.0.0.1:$(PORT) with the schedule, without migrating or loading data
serve: $(VENV)/.installed-runtime .env
	$(COMPILE_MESSAGES)
	$(SERVE_WITH_SCHEDULE)

## migrate: apply the database migrations (SQLite in var/ unless DATABASE_URL is set)
migrate: $(VENV)/.installed-runtime .env
	$(BIN)/python manage.py migrate --noinput

## seed: migrate, then load the demo region, data and logins (idempotent; prints the logins)
# Translations first: seed_demo prints the logins' roles in the default language.
seed: migrate
	$(COMPILE_MESSAGES)
	$(BIN)/python manage.py seed_demo

## test: the whole suite (SQLite unless DATABASE_URL is set); PYTEST_ARGS="tests/jobs -x" runs a part
test: $(VENV)/.installed-dev
	$(COMPILE_MESSAGES)
	$(BIN)/pytest $(PYTEST_ARGS)

## check: everything CI checks before the tests: lint and the type check
check: lint typecheck

## lint: ruff check and ruff format --check
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## typecheck: mypy with the Django and DRF stubs over every services and selectors module
typecheck: $(VENV)/.installed-dev
	DJANGO_DEBUG=true $(BIN)/mypy

## fmt: fix what ruff can fix and format the code
fmt: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## hooks: run the same checks (ruff, format, mypy) as a git pre-commit hook
hooks: $(VENV)/.installed-dev
	$(BIN)/pre-commit install

## lock: regenerate requirements/*.txt (with hashes) from pyproject.toml; LOCK_ARGS=--upgrade takes the newest allowed versions
# Without --upgrade the versions already locked are kept and only what
# pyproject.toml added, removed or no longer allows changes. --universal: one
# lock for every platform; 3.11 is the oldest Python the project supports. The
# dev lock is constrained by the runtime one, so `make run` and `make test` get
# the same version of every package they share.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --group pyproject.toml:build --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(LOCK_ARGS)
lock: $(VENV)/.installed-dev
	$(UV_COMPILE) -o requirements/runtime.txt
	$(UV_COMPILE) --extra dev -c requirements/runtime.txt -o requirements/dev.txt

## messages: refresh locale/*/django.po from the source (rewrites the whole catalogue: see docs/development.md)
messages: $(VENV)/.installed-dev
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete

## worker: a Celery worker (needs REDIS_URL)
worker: $(VENV)/.installed-runtime
	$(BIN)/celery -A config worker --loglevel=INFO

## beat: the Celery scheduler; run exactly one per site (needs REDIS_URL)
beat: $(VENV)/.installed-runtime
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule

## bench: every city-scale figure against its limit (PostgreSQL with seed_demo --scale city; DATABASE_URL)
# With BENCH_SMALL_DATABASE_URL (seed_demo --scale city500k) each figure also runs there and the
# slope between the two sizes is printed (docs/benchmarks.md).
# Settings load as in development (no secret key needed); the figures run with DEBUG off.
bench: $(VENV)/.installed-dev
	DJANGO_DEBUG=true $(BIN)/python manage.py bench $(BENCH_ARGS)

## clean: remove the virtualenv and var/ (the SQLite database, built files)
clean:
	rm -rf $(VENV) var

## help: this list
help:
	@sed -n 's/^## \([a-z]*\): /\1\t/p' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/' | expand -t 12

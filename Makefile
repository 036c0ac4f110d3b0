# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install migrate seed serve lint fmt messages worker beat bench clean

# Compile translations when there are any (compilemessages fails on a tree
# without .po files). It only needs settings to load; DEBUG spares it a secret key.
COMPILE_MESSAGES = if [ -n "$$(find locale -name '*.po' 2>/dev/null)" ]; then \
	DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

.env:
	cp .env.example .env

## run: install, migrate, load demo data and serve on http://127.0.0.1:8000
run: install .env
	$(COMPILE_MESSAGES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite (SQLite unless DATABASE_URL is set)
test: install
	$(COMPILE_MESSAGES)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh locale/*/django.po after changing source strings
messages: install
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --no-obsolete

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule

## bench: every city-scale figure against its limit (PostgreSQL with seed_demo --scale city; DATABASE_URL)
# With BENCH_SMALL_DATABASE_URL (seed_demo --scale city500k) each figure also runs there and the
# slope between the two sizes is printed (docs/benchmarks.md).
# Settings load as in development (no secret key needed); the figures run with DEBUG off.
bench: install
	DJANGO_DEBUG=true $(BIN)/python manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var

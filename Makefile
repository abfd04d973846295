# Two commands for a newcomer: `make run` (demo at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve demo test test-postgres lint format messages clean bench

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	$(PYTHON) -c 'import sys; sys.exit("Ortaq needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/ortaq migrate --noinput
	$(BIN)/ortaq demo --url http://$(HOST):$(PORT)/
	$(BIN)/ortaq runserver $(HOST):$(PORT)

demo: install
	$(BIN)/ortaq migrate --noinput
	$(BIN)/ortaq demo

# One test process per core (pytest-xdist); TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto

test: install
	ORTAQ_ENV=test $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install
	ORTAQ_ENV=test DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ortaq} $(BIN)/pytest -n $(TEST_WORKERS) --create-db $(PYTEST_ARGS)

# The benchmark (bench/, README "Benchmarks"): not part of `make test`. Needs wrk
# (apt-get install wrk). `SIZE=S make bench` picks one size; L wants PostgreSQL:
# `make bench SIZE=L DATABASE_URL=postgres://postgres@127.0.0.1:5432/ortaq_bench` (an empty database).
SIZE ?= S M
bench: install
	@for size in $(SIZE); do \
		BENCH_DATABASE_URL=$(if $(filter command line,$(origin DATABASE_URL)),$(DATABASE_URL),) \
		$(BIN)/python -m bench --size $$size $(BENCH_ARGS) || exit 1; \
	done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python .ci/mypy_baseline.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(BIN)/ortaq makemessages --locale kk --locale ru --locale en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'ortaq/conf/*'
	$(BIN)/ortaq compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/static

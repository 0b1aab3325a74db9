# The two commands a newcomer runs (`make demo`, `make test`) and the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test bench install system-packages lint format screenshots

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

system-packages:
	@scripts/system-packages

demo: $(INSTALLED)
	$(BIN)/madoguchi migrate --noinput
	$(BIN)/madoguchi demo
	$(BIN)/madoguchi runserver --noreload 127.0.0.1:8000

test: $(INSTALLED) system-packages
	$(BIN)/pytest

# The README's pictures of the screens, taken by the browser tests.
screenshots: $(INSTALLED) system-packages
	CI=1 MADOGUCHI_SCREENSHOTS=1 $(BIN)/pytest -q tests/browser

lint: $(INSTALLED)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/madoguchi makemigrations --check --dry-run

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Each database the benchmarks run on; seed each first, e.g.
#   DATABASE_URL=$(POSTGRES_URL) .venv/bin/madoguchi migrate
#   DATABASE_URL=$(POSTGRES_URL) .venv/bin/madoguchi seed --residents 1000000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/madoguchi
BENCH_DATABASE_URLS ?= sqlite:///$(CURDIR)/var/madoguchi.sqlite3 $(POSTGRES_URL)

# The packet benchmark compares with WeasyPrint, from the `bench` extra.
bench: $(INSTALLED)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench.packet
	$(BIN)/python -m bench.navigator
	@for url in $(BENCH_DATABASE_URLS); do \
	  DATABASE_URL=$$url $(BIN)/python -m bench.search || exit 1; \
	done

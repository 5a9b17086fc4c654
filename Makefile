# wecheer-analytics: two commands on a fresh machine (Python 3.11 + make): `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export WECHEER_DUCKDB ?= $(CURDIR)/data/wecheer.duckdb
export DBT_PROFILES_DIR ?= $(CURDIR)
DEMO_EVENTS ?= 200000
DEMO_SEED ?= 42
# The demo period ends yesterday (UTC), so the QA's freshness check judges it as a live source.
DEMO_DAYS ?= 91
DEMO_START ?= $(shell date -u -d "-$(DEMO_DAYS) days" +%F)

.PHONY: help install demo generate build report chromium postgresql java test lint format pytest clean

help:
	@echo "make demo   - install, generate the demo source, build every model, print where results are"
	@echo "make test   - install if needed, lint, run every test"
	@echo "make lint   - ruff (Python) and sqlfluff (SQL, dbt templater)"
	@echo "make report - render the campaign and source-QA notebooks to HTML under reports/"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

generate: $(STAMP)
	@mkdir -p $(dir $(WECHEER_DUCKDB))
	$(BIN)/wecheer generate --events $(DEMO_EVENTS) --seed $(DEMO_SEED) --faults realistic \
		--start $(DEMO_START) --days $(DEMO_DAYS) --replace

build: $(STAMP)
	$(BIN)/wecheer build

report: $(STAMP)
	$(BIN)/wecheer report

# The report test opens the HTML in headless Chromium (Debian package); installed once, as root in CI.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# The cross-engine test (tests/python/test_engines.py) starts a throwaway PostgreSQL server from
# Debian's package (initdb + pg_ctl under /usr/lib/postgresql/*/bin); installed once, as root in CI.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; }

# The Spark engine test (tests/python/test_engines_spark.py) runs Spark in the pytest process
# (dbt-spark's session method, pyspark from the lock), which needs a Java 17 runtime.
java:
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; }

# `wecheer qa` exits 2 when a check fails (expected on the realistic demo data): not a demo failure.
demo: generate build
	$(BIN)/wecheer qa --no-build || [ $$? -eq 2 ]
	$(BIN)/wecheer report
	@echo
	@echo "Demo warehouse: $(WECHEER_DUCKDB)"
	@echo "  raw Segment source: schema wecheer_prod; marts: schema main (wecheer__*)"
	@echo "  open it: $(BIN)/python -c \"import duckdb; print(duckdb.connect('$(WECHEER_DUCKDB)', read_only=True).sql('show all tables'))\""
	@echo "Campaign report: $(CURDIR)/reports/campaign_report.html"
	@echo "Source QA report: $(CURDIR)/reports/source_qa.html"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks notebooks
	$(BIN)/sqlfluff lint models macros tests/dbt analyses

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks notebooks
	$(BIN)/ruff format src tests benchmarks notebooks
	$(BIN)/sqlfluff fix models macros tests/dbt analyses

pytest: $(STAMP)
	$(BIN)/pytest

test: chromium postgresql java lint pytest

clean:
	rm -rf target logs data reports

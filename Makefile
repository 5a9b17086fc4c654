# wecheer-analytics: two commands on a fresh machine (Python 3.11 or newer, and make):
# `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Two install sets, each locked with exact pins by uv (`make lock`): runtime.lock is what
# `wecheer generate/build/qa/report` need on DuckDB (the demo); dev.lock adds every extra
# (PostgreSQL, Spark, MetricFlow) and the test, lint and benchmark tools. dev.lock is resolved
# with runtime.lock as constraints, so the dev set is the runtime set plus more.
RUNTIME_LOCK := requirements/runtime.lock
DEV_LOCK := requirements/dev.lock
INSTALL_INPUTS := pyproject.toml setup.py $(RUNTIME_LOCK) $(DEV_LOCK)
STAMP := $(VENV)/.installed-dev
STAMP_RUNTIME := $(VENV)/.installed-runtime
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' $(DEV_LOCK))
export WECHEER_DUCKDB ?= $(CURDIR)/data/wecheer.duckdb
export DBT_PROFILES_DIR ?= $(CURDIR)
DEMO_EVENTS ?= 200000
DEMO_SEED ?= 42
# The demo period ends yesterday (UTC), so the QA's freshness check judges it as a live source.
DEMO_DAYS ?= 91
DEMO_START ?= $(shell date -u -d "-$(DEMO_DAYS) days" +%F)

.PHONY: help install lock demo generate build report chromium postgresql java test lint format pytest clean

help:
	@echo "make demo   - install the runtime set, generate the demo source, build every model, print where results are"
	@echo "make test   - install everything if needed, lint, run every test"
	@echo "make lint   - ruff (Python) and sqlfluff (SQL, dbt templater)"
	@echo "make report - render the campaign and source-QA notebooks to HTML under reports/"
	@echo "make lock   - re-resolve requirements/runtime.lock and requirements/dev.lock"

# $(call install_set,<lock>): the venv holds exactly that lock, and this checkout (editable).
install_set = { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
	{ [ "$$($(BIN)/uv --version 2>/dev/null)" = "uv $(UV_VERSION)" ] || \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); } && \
	$(BIN)/uv pip sync --quiet --python $(BIN)/python $(1) && \
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .

$(STAMP): $(INSTALL_INPUTS)
	$(call install_set,$(DEV_LOCK))
	@touch $(STAMP) $(STAMP_RUNTIME)

# The runtime set. An up-to-date dev install holds it already: syncing would remove the rest.
$(STAMP_RUNTIME): $(INSTALL_INPUTS)
	@if [ -f $(STAMP) ] && [ -z "$$(find $(INSTALL_INPUTS) -newer $(STAMP))" ]; then \
		echo "$(VENV) holds the dev set, which includes the runtime set"; \
	else \
		rm -f $(STAMP) && echo "installing the runtime set ($(RUNTIME_LOCK))" && \
		$(call install_set,$(RUNTIME_LOCK)); \
	fi
	@touch $(STAMP_RUNTIME)

# Everything (the dev set): what `make test` and `make lint` need.
install: $(STAMP)

# Re-resolve both locks from pyproject.toml, for every Python from 3.11 on (--universal keeps
# the markers of version-specific dependencies), keeping the current pins where they still fit.
lock:
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml \
		-o $(RUNTIME_LOCK)
	$(BIN)/uv pip compile --quiet --universal --python-version 3.11 pyproject.toml --extra dev \
		-c $(RUNTIME_LOCK) -o $(DEV_LOCK)

generate: $(STAMP_RUNTIME)
	@mkdir -p $(dir $(WECHEER_DUCKDB))
	$(BIN)/wecheer generate --events $(DEMO_EVENTS) --seed $(DEMO_SEED) --faults realistic \
		--start $(DEMO_START) --days $(DEMO_DAYS) --replace

# `wecheer build` exits 2 when the models are built but a source check failed (the realistic
# demo source is built to fail some): not a demo failure.
build: $(STAMP_RUNTIME)
	$(BIN)/wecheer build || [ $$? -eq 2 ]

report: $(STAMP_RUNTIME)
	$(BIN)/wecheer report

# The report test opens the HTML in headless Chromium (Debian package); installed once, as root in CI.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# The cross-engine test (tests/python/engines/test_engines.py) starts a throwaway PostgreSQL server from
# Debian's package (initdb + pg_ctl under /usr/lib/postgresql/*/bin); installed once, as root in CI.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; }

# The Spark engine test (tests/python/engines/test_engines_spark.py) runs Spark in the pytest process
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
	$(BIN)/ruff check setup.py src tests benchmarks notebooks
	$(BIN)/ruff format --check setup.py src tests benchmarks notebooks
	$(BIN)/sqlfluff lint models macros tests/dbt analyses

format: $(STAMP)
	$(BIN)/ruff check --fix setup.py src tests benchmarks notebooks
	$(BIN)/ruff format setup.py src tests benchmarks notebooks
	$(BIN)/sqlfluff fix models macros tests/dbt analyses

# Tests in parallel (pytest-xdist), one worker per logical CPU up to 4; the tests of a file, and
# the files that share the generated warehouses, stay in one worker (tests/python/conftest.py).
# PYTEST_WORKERS=0: one process.
PYTEST_WORKERS ?= logical
pytest: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --maxprocesses 4 --dist loadgroup

test: chromium postgresql java lint pytest

clean:
	rm -rf target logs data reports build dist integration_tests/{target,logs,dbt_packages}

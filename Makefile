# The two commands a newcomer needs: `make run` (install everything, run the main job on DuckDB)
# and `make test` (install everything, run the whole test suite). CI runs `make test`.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

# DESIGN.md: compiled bytecode halves import time; dbt and GE must not phone home.
export UV_COMPILE_BYTECODE := 1
export DBT_VERSION_CHECK := false
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false

.PHONY: install run test bench bench-spam docs superset-install superset test-dashboards browser

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "uv==0.13.9"
	$(PYTHON) -m uv sync --frozen --python $(PYTHON)
	$(BIN)/dbt parse --project-dir dbt_project --profiles-dir dbt_project --quiet

run: install
	$(BIN)/giamsat run

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.ingest_build

bench-spam: install
	$(BIN)/python -m benchmarks.spam_scorer

docs: install
	$(BIN)/python -m ingest.reference
	$(BIN)/python -m ingest.dbt_sources

# Superset has its own virtual environment (DESIGN.md: it pins SQLAlchemy < 2, pandas 2.1, duckdb < 2), installed
# from the exact versions in dashboards/requirements.txt. `make superset` serves the dashboards on 127.0.0.1:8088
# from the published copy of the warehouse that `make run` leaves in data/published/.
SUPERSET_VENV := .venv-superset

superset-install: $(SUPERSET_VENV)/.installed

$(SUPERSET_VENV)/.installed: dashboards/requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "uv==0.13.9"
	$(PYTHON) -m uv venv --quiet --allow-existing --python $(PYTHON) $(SUPERSET_VENV)
	$(PYTHON) -m uv pip install --quiet --python $(SUPERSET_VENV)/bin/python -r dashboards/requirements.txt
	touch $@

superset: superset-install
	$(SUPERSET_VENV)/bin/python dashboards/manage.py serve

# The dashboard tests (Superset API, row-level security, Chromium screenshots): not part of `make test`.
test-dashboards: install superset-install browser
	$(BIN)/pytest -m superset tests/dashboards

# Debian's Chromium and its driver for the screenshot test (no test tool downloads a browser).
browser:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver)

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

.PHONY: install run test bench bench-spam docs

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

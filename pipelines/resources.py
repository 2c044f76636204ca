"""Dagster resources: the warehouse home and the dbt command line."""

from __future__ import annotations

import sys
from pathlib import Path

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource, DbtProject

from pipelines.settings import DBT_PROJECT_DIR, Settings, load_settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class WarehouseResource(ConfigurableResource):
    """The warehouse home folder; empty means GIAMSAT_HOME or the project's data folder (read at run time)."""

    home: str = ""

    def settings(self) -> Settings:
        return load_settings(self.home or None)


def dbt_resource() -> DbtCliResource:
    # The venv's dbt, not whatever `dbt` is first on PATH (DESIGN.md: DbtCliResource looks on PATH).
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "dbt"))

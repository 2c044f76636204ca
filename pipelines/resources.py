"""Dagster resources: the warehouse home and the dbt command line."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

from dagster import ConfigurableResource, InitResourceContext
from dagster_dbt import DbtCliResource, DbtProject
from pydantic import PrivateAttr

from pipelines.home_lock import exclusive_home
from pipelines.settings import DBT_PROJECT_DIR, Settings, load_settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class WarehouseResource(ConfigurableResource):
    """The warehouse home folder; empty means GIAMSAT_HOME or the project's data folder (read at run time)."""

    home: str = ""
    _held: ExitStack = PrivateAttr(default_factory=ExitStack)

    def settings(self) -> Settings:
        return load_settings(self.home or None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        """A run holds the home's lock from start to end (pipelines/home_lock.py); a sensor, which only looks
        at the landing folder, does not."""
        if context.run is not None:
            progress = context.log.info if context.log else print
            self._held.enter_context(exclusive_home(self.settings(), f"chạy {context.run.job_name}",
                                                    progress=progress))

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        self._held.close()


def dbt_resource() -> DbtCliResource:
    # The venv's dbt, not whatever `dbt` is first on PATH (DESIGN.md: DbtCliResource looks on PATH).
    return DbtCliResource(project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "dbt"))

"""Dagster's run and event storage on PostgreSQL, configured by the committed template config/dagster.postgres.yaml:
a run of a one-asset job lands in the database's runs and event-log tables."""

from __future__ import annotations

import shutil

import pytest
from dagster import DagsterInstance, Definitions, asset, define_asset_job, in_process_executor

from pg_testing import temporary_database
from pipelines.settings import PROJECT_ROOT

TEMPLATE = PROJECT_ROOT / "config" / "dagster.postgres.yaml"


@asset
def one_number() -> int:
    return 1


def test_runs_and_events_are_stored_in_postgres(tmp_path):
    import psycopg

    shutil.copy(TEMPLATE, tmp_path / "dagster.yaml")
    with temporary_database("dagster") as server, pytest.MonkeyPatch.context() as env:
        for name, value in {**server.libpq_env(), "DAGSTER_PG_DB": server.dbname}.items():
            env.setenv(name, value)
        instance = DagsterInstance.from_config(str(tmp_path))
        try:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
            job = Definitions(assets=[one_number], jobs=[define_asset_job("one_job")],
                              executor=in_process_executor).resolve_job_def("one_job")
            result = job.execute_in_process(instance=instance)
            assert result.success
        finally:
            instance.dispose()
        with psycopg.connect(**server.connect_kwargs()) as connection:
            runs = connection.execute("select run_id, status from runs").fetchall()
            events = connection.execute("select count(*) from event_logs where run_id = %s",
                                        [result.run_id]).fetchone()[0]
    assert runs == [(result.run_id, "SUCCESS")]
    assert events > 5  # run start, step start, output, materialisation, step success, run success…

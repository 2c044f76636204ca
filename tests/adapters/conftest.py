"""Fixtures for the public-data adapter tests."""

from collections import defaultdict

import pytest

from ingest.adapters import ADAPTERS


@pytest.fixture(scope="session")
def adapter_output(shared_data):
    """adapter_output(name) -> {record type: [(source name, line, record), …]} over all its sources."""
    cache = {}

    def load(adapter: str) -> dict[str, list[tuple[str, int, dict]]]:
        if adapter not in cache:
            output = defaultdict(list)
            for source in ADAPTERS[adapter](shared_data):
                output[source.record_type] += [(source.name, line, rec) for line, rec in source.rows_factory()]
            cache[adapter] = output
        return cache[adapter]

    return load

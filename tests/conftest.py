"""Fixtures shared by every test folder."""

from pathlib import Path

import pytest

from pipelines.settings import load_settings


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets (../shared/data, or GIAMSAT_SHARED_DATA); tests that need them skip when the
    folder is absent."""
    folder = load_settings().shared_data
    if not folder.is_dir():
        pytest.skip(f"real datasets not found at {folder} (see ../shared/data/README.md; GIAMSAT_SHARED_DATA)")
    return folder

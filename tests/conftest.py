"""Fixtures shared by every test folder."""

from pathlib import Path

import pytest

from pipelines.settings import PROJECT_ROOT

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets (../shared/data); tests that need them skip when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real datasets not found at {SHARED_DATA} (see ../shared/data/README.md)")
    return SHARED_DATA

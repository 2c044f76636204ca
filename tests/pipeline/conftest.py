"""Fixtures of the pipeline tests."""

import pytest

from pipelines import spam_scorer
from pipelines.review_spam import ensure_model
from pipelines.settings import load_settings


@pytest.fixture(scope="session")
def trained_home(shared_data, tmp_path_factory):
    """A home whose only model was trained from the ViSpamReviews train split (its warehouse is empty), once per
    session: (home, the model's metadata)."""
    home = tmp_path_factory.mktemp("spam_home")
    _, metadata = ensure_model(load_settings(home), progress=lambda _: None)
    assert metadata["training_source"].startswith("bộ dữ liệu ViSpamReviews")
    return home, metadata


@pytest.fixture(scope="session")
def spam_models(request):
    """trained_home's models folder when the datasets are there, else None: main_job started from it reuses that
    model (same training rows, same version) instead of training one in each test's home."""
    if not load_settings().shared_data.is_dir():
        return None
    home, _ = request.getfixturevalue("trained_home")
    return spam_scorer.models_root(home)

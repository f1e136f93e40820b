"""Shared fixtures: the Ames data, the cross-validated models, and the running API.

Everything costly is built once per session. The package is imported inside the
fixtures, not at the top: this file loads before the kata's conftest.py has chosen
which implementation (starter, solution or yours) to import.
"""

import os
from pathlib import Path

import pytest

SEED = 0

# Hypothesis caches what it learns in .hypothesis/ under the working directory, which
# may be solution/ or your copy: keep it in this kata's .kata/ folder instead.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY",
    str(Path(__file__).resolve().parents[1] / ".kata" / "hypothesis"),
)


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of the folds and of every model."""
    return SEED


@pytest.fixture(scope="session")
def ames():
    """Every house of the data, all 74 columns, the price included."""
    from house_prices.data import load_ames

    return load_ames()


@pytest.fixture(scope="session")
def houses(ames):
    """The columns the models read (features.INPUT_COLUMNS)."""
    from house_prices.features import INPUT_COLUMNS

    return ames[INPUT_COLUMNS]


@pytest.fixture(scope="session")
def prices(ames):
    """The sale prices in dollars."""
    from house_prices.data import PRICE

    return ames[PRICE].to_numpy(dtype=float)


@pytest.fixture(scope="session")
def comparison(houses, prices):
    """Your Task 3: every model cross-validated on the same five folds."""
    from house_prices.models import compare_models

    return compare_models(houses, prices, seed=SEED)


@pytest.fixture(scope="session")
def served_model(houses, prices):
    """The model the API serves: your gradient boosting, fitted on every house."""
    from house_prices.models import build_model

    return build_model("gradient_boosting", seed=SEED).fit(houses, prices)


@pytest.fixture(scope="session")
def model_path(served_model, tmp_path_factory):
    """The served model, saved where the API loads it from."""
    from house_prices.models import save_model

    return save_model(served_model, tmp_path_factory.mktemp("model") / "model.skops")


@pytest.fixture(scope="session")
def app(model_path):
    """Your Task 5 application, for the model saved at `model_path`."""
    from house_prices.api import create_app

    return create_app(model_path)


@pytest.fixture(scope="session")
def client(app):
    """A client for the app, started as a server starts it: the lifespan has run."""
    from fastapi.testclient import TestClient

    with TestClient(app) as started:
        yield started


@pytest.fixture(scope="session")
def example_house() -> dict:
    """A valid request body for POST /predict: the example of the House schema."""
    from house_prices.schema import House

    return dict(House.model_config["json_schema_extra"]["examples"][0])


@pytest.fixture(scope="session")
def real_houses(ames) -> list[dict]:
    """The first houses of the data, as the JSON bodies a client would send."""
    from house_prices.schema import MAX_BATCH_SIZE, House

    records = ames.head(MAX_BATCH_SIZE).to_dict(orient="records")
    return [House.from_record(record).model_dump(mode="json") for record in records]

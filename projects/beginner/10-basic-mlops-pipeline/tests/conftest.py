"""Shared fixtures: the penguins, configs written to files, and one trained model.

The package is imported inside the fixtures, not at the top: this file loads before the
kata's conftest.py has chosen which implementation (starter, solution or yours) to import.
"""

import pytest
from config_files import write_config


@pytest.fixture
def config_file(tmp_path):
    """A function that writes a config with some values changed and returns its path."""
    return lambda **changes: write_config(tmp_path / "config.toml", **changes)


@pytest.fixture(scope="session")
def penguins():
    from mlops_pipeline.data import load_penguins

    return load_penguins()


@pytest.fixture(scope="session")
def base_config(tmp_path_factory):
    """The reference config, through your load_config."""
    from mlops_pipeline.config import load_config

    return load_config(write_config(tmp_path_factory.mktemp("config") / "config.toml"))


@pytest.fixture(scope="session")
def split(penguins, base_config):
    from mlops_pipeline.training import split_data

    return split_data(penguins, base_config.holdout_fraction, base_config.seed)


@pytest.fixture(scope="session")
def trained(base_config, split):
    """Your Task 2 training run on the training rows of the reference config."""
    from mlops_pipeline.training import train

    return train(base_config, split.train)

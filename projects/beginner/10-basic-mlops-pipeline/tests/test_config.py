"""Task 1: a config file read into a typed, validated TrainConfig."""

import pytest
from config_files import BASE_CONFIG

from mlops_pipeline.config import ConfigError, TrainConfig, load_config


@pytest.mark.task(1)
def test_a_good_config_is_read_into_a_typed_config(config_file):
    config = load_config(config_file(C=2))
    assert isinstance(config, TrainConfig), (
        f"Task 1: load_config should return a TrainConfig, got {type(config).__name__}"
    )
    assert config.features == tuple(BASE_CONFIG["features"]), (
        f"Task 1: features should be a tuple of the file's columns in order, got "
        f"{config.features!r}"
    )
    assert config.C == 2.0 and isinstance(config.C, float), (
        f"Task 1: C = 2 in the file should become the float 2.0, got {config.C!r}"
    )
    assert (config.name, config.max_iter, config.seed) == ("penguin-species", 1000, 0), (
        f"Task 1: name, max_iter and seed should come from the file, got {config!r}"
    )


BAD_CONFIGS = {
    "an unknown key": ({"learning_rate": 0.1}, "learning_rate"),
    "a missing key": ({"seed": None}, "seed"),
    "a string for a number": ({"C": "1.0"}, "C"),
    "a bool for an int": ({"max_iter": True}, "max_iter"),
    "a float for an int": ({"seed": 1.5}, "seed"),
    "an unknown feature": ({"features": ["bill_length_mm", "beak_colour"]}, "beak_colour"),
    "no features": ({"features": []}, "features"),
    "a repeated feature": ({"features": ["sex", "sex"]}, "features"),
    "a negative C": ({"C": -1.0}, "C"),
    "a holdout fraction of 0": ({"holdout_fraction": 0.0}, "holdout_fraction"),
    "a holdout fraction of 1": ({"holdout_fraction": 1.0}, "holdout_fraction"),
    "a negative margin": ({"promotion_margin": -0.1}, "promotion_margin"),
}


@pytest.mark.task(1)
@pytest.mark.parametrize("problem", list(BAD_CONFIGS))
def test_a_bad_config_raises_config_error_naming_file_and_key(config_file, problem):
    changes, named = BAD_CONFIGS[problem]
    path = config_file(**changes)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and named in message, (
        f"Task 1: a config with {problem} should raise ConfigError naming the file and "
        f"{named!r}, so the person who wrote it knows what to fix; got {message!r}"
    )


@pytest.mark.task(1)
def test_the_shipped_configs_are_valid():
    from importlib.resources import files

    for name in ("all-features.toml", "body-mass-only.toml"):
        config = load_config(files("mlops_pipeline") / "configs" / name)
        assert config.name == "penguin-species", f"Task 1: {name} read as {config!r}"

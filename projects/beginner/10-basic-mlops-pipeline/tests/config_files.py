"""Config files for the tests: the reference config, written as TOML with some values changed."""

from pathlib import Path

SEED = 0
BASE_CONFIG = {
    "name": "penguin-species",
    "features": [
        "bill_length_mm",
        "bill_depth_mm",
        "flipper_length_mm",
        "body_mass_g",
        "island",
        "sex",
    ],
    "C": 1.0,
    "max_iter": 1000,
    "holdout_fraction": 0.25,
    "seed": SEED,
    "promotion_margin": 0.005,
}


def toml_value(value) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return repr(value)


def write_config(path: Path, **changes) -> Path:
    """Write BASE_CONFIG with changes (a value of None drops the key) as TOML to path."""
    values = {key: value for key, value in (BASE_CONFIG | changes).items() if value is not None}
    path.write_text("".join(f"{key} = {toml_value(value)}\n" for key, value in values.items()))
    return path

"""The training config: one TOML file says everything a training run depends on.

Everything that changes the model lives in the file, so a run can be repeated from the
file alone, and the file's parameters become part of the model's version.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlops_pipeline.data import FEATURES

# The keys of a config file and the type of each value.
FIELD_TYPES: dict[str, type] = {
    "name": str,
    "features": list,
    "C": float,
    "max_iter": int,
    "holdout_fraction": float,
    "seed": int,
    "promotion_margin": float,
}


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class TrainConfig:
    """A validated training config.

    name: the registered model's name; features: the input columns; C and max_iter: the
    logistic regression's inverse regularisation strength and iteration limit;
    holdout_fraction: the share of rows kept out of training to judge models; seed: the
    seed of the split and the folds; promotion_margin: how much better than production
    a candidate's held-out accuracy must be to replace it.
    """

    name: str
    features: tuple[str, ...]
    C: float
    max_iter: int
    holdout_fraction: float
    seed: int
    promotion_margin: float

    def params(self) -> dict[str, Any]:
        """The parameters that shape the trained model (not its name, not the gate's margin)."""
        return {
            "features": list(self.features),
            "C": self.C,
            "max_iter": self.max_iter,
            "holdout_fraction": self.holdout_fraction,
            "seed": self.seed,
        }


def load_config(path: str | Path) -> TrainConfig:
    """Read and validate a TOML config file; raise ConfigError naming the file and the problem."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    return parse_config(raw, source=str(path))


def parse_config(raw: dict[str, Any], source: str = "config") -> TrainConfig:
    """Check a parsed config against FIELD_TYPES and the allowed values; return it typed.

    Raise ConfigError, its message starting with `source`, for an unknown or missing key,
    a value of the wrong type (an int is accepted where a float is expected, a bool never
    counts as a number), an empty, repeated or unknown feature, C or max_iter not above
    zero, holdout_fraction not strictly between 0 and 1, or a negative promotion_margin.
    """
    # BEGIN SOLUTION (task 1): check keys, types and values; raise ConfigError naming each problem
    unknown = sorted(raw.keys() - FIELD_TYPES.keys())
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {unknown}; the keys are {list(FIELD_TYPES)}")
    missing = [key for key in FIELD_TYPES if key not in raw]
    if missing:
        raise ConfigError(f"{source}: missing key(s) {missing}")
    values = {key: typed(source, key, raw[key], expected) for key, expected in FIELD_TYPES.items()}

    features = values["features"]
    if not features:
        raise ConfigError(f"{source}: features is empty; name at least one of {list(FEATURES)}")
    unknown_features = [feature for feature in features if feature not in FEATURES]
    if unknown_features:
        raise ConfigError(
            f"{source}: unknown feature(s) {unknown_features}; choose from {list(FEATURES)}"
        )
    if len(set(features)) != len(features):
        raise ConfigError(f"{source}: features repeats a column: {features}")
    if values["C"] <= 0 or values["max_iter"] <= 0:
        raise ConfigError(f"{source}: C and max_iter must be above zero")
    if not 0 < values["holdout_fraction"] < 1:
        raise ConfigError(f"{source}: holdout_fraction must lie strictly between 0 and 1")
    if values["promotion_margin"] < 0:
        raise ConfigError(f"{source}: promotion_margin must not be negative")
    return TrainConfig(**values | {"features": tuple(features)})
    # END SOLUTION


def typed(source: str, key: str, value: Any, expected: type) -> Any:
    """The value as the expected type, or ConfigError; ints widen to floats, bools never count."""
    # BEGIN SOLUTION (task 1): return value (an int widened to float if need be) or raise
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, expected):
        raise ConfigError(
            f"{source}: {key} should be a {expected.__name__}, got {value!r} "
            f"({type(value).__name__})"
        )
    if expected is list and not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {key} should be a list of column names, got {value!r}")
    return value
    # END SOLUTION

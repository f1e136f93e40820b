"""The parts joined: raw log -> regimes and normalisation -> cleaning -> features -> health.

Provided. ``fit_pipeline`` fits every fitted step on the training units only;
``features`` then turns any log (training or test) into one row per unit and cycle.
Because each step looks only backwards in time, the row at cycle ``c`` holds what a
live system knew at ``c``, so the rows of run-to-failure test units can be read at any
cycle to replay the fleet.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

from maintenance.health import HealthIndex
from maintenance.processing import RegimeNormaliser, clean_fleet, rolling_features
from maintenance.rul import RUL_CAP
from maintenance.simulator import SENSORS

ROLLING_WINDOW = 10
FEATURES = (
    *SENSORS,
    *(f"{sensor}_mean" for sensor in SENSORS),
    *(f"{sensor}_std" for sensor in SENSORS),
    "health",
)
TREND_WINDOW = 40  # cycles of health index the linear-degradation baseline fits a line to
FAILURE_HEALTH = 0.0  # the health index's target at failure


@dataclass
class Pipeline:
    """The fitted steps: the regime normaliser and the health index."""

    normaliser: RegimeNormaliser
    health: HealthIndex

    def features(self, readings: pd.DataFrame) -> pd.DataFrame:
        """One row per unit and cycle: unit, cycle and the FEATURES columns."""
        cleaned = clean_fleet(self.normaliser.transform(readings))
        rolled = rolling_features(cleaned, SENSORS, window=ROLLING_WINDOW)
        frame = pd.concat([cleaned[["unit", "cycle", *SENSORS]], rolled], axis=1)
        frame["health"] = self.health.transform(frame)
        return frame


def fit_pipeline(train: pd.DataFrame, seed: int = 7, n_regimes: int = 3) -> Pipeline:
    """Fit the normaliser and the health index on the training units' log."""
    normaliser = RegimeNormaliser(n_regimes=n_regimes, seed=seed).fit(train)
    cleaned = clean_fleet(normaliser.transform(train))
    return Pipeline(normaliser, HealthIndex().fit(cleaned))


def last_reading_rul(
    train: pd.DataFrame, target: np.ndarray, test: pd.DataFrame, cap: int = RUL_CAP
) -> np.ndarray:
    """A baseline: a linear regression of the RUL on the current cleaned sensors alone."""
    model = LinearRegression().fit(train[list(SENSORS)], target)
    return np.clip(model.predict(test[list(SENSORS)]), 0, cap)


def linear_degradation_rul(frame: pd.DataFrame, cap: int = RUL_CAP) -> np.ndarray:
    """A baseline: a line through each unit's recent health index, extended to failure.

    For every row, a least-squares line through the unit's last TREND_WINDOW rows of
    (cycle, health) up to this one; the RUL is the cycles until the line reaches
    FAILURE_HEALTH, clipped to [0, cap]. Where health does not fall, or with fewer than
    3 rows, the cap.
    """
    rolling = frame.groupby("unit")[["cycle", "health"]].rolling(TREND_WINDOW, min_periods=3)
    means = rolling.mean().reset_index(level=0, drop=True).loc[frame.index]
    covariance = rolling.cov(ddof=0).reset_index(level=0, drop=True)
    covariance = covariance.xs("cycle", level=1).loc[frame.index]
    slope = (covariance["health"] / covariance["cycle"]).to_numpy()
    now = means["health"].to_numpy() + slope * (frame["cycle"] - means["cycle"]).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        rul = np.where(slope < 0, (now - FAILURE_HEALTH) / -slope, cap)
    return np.clip(np.nan_to_num(rul, nan=cap), 0, cap)

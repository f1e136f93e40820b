"""Remaining useful life: the target, the two scores, and a model with prediction intervals.

Early in a unit's life nothing in its sensors tells 300 cycles left from 250: the
usual target is piecewise linear, constant at a cap while the unit is healthy, then
falling by one a cycle to 0 at the last cycle. The RMSE treats an error of 20 cycles
the same either way; NASA's score does not: predicting too late (more life than there
is) costs more than too early, since a late prediction lets the engine fail.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

RUL_CAP = 125  # cycles: the plateau of the piecewise-linear target, as in the literature
EARLY_SCALE = 13.0  # NASA's score: a prediction d cycles too early costs exp(d / 13) - 1
LATE_SCALE = 10.0  # ... and d cycles too late costs exp(d / 10) - 1
QUANTILES = (0.1, 0.5, 0.9)


def piecewise_rul(frame: pd.DataFrame, cap: int = RUL_CAP) -> np.ndarray:
    """The capped RUL of every row of run-to-failure units: ``min(cap, last cycle - cycle)``."""
    raise NotImplementedError("Task 5: each unit's last cycle minus the row's cycle, capped")


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The root mean squared error."""
    raise NotImplementedError("Task 5: the square root of the mean squared difference")


def nasa_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """NASA's asymmetric score (PHM 2008), summed over units: lower is better.

    With ``d = y_pred - y_true``, each unit costs ``exp(-d / EARLY_SCALE) - 1`` when
    ``d < 0`` (too early) and ``exp(d / LATE_SCALE) - 1`` otherwise.
    """
    raise NotImplementedError("Task 5: the two exponentials, chosen by the sign of the error")


class QuantileBoosting:
    """One gradient-boosting model per quantile of the RUL: a median and an interval."""

    def __init__(
        self,
        quantiles: Sequence[float] = QUANTILES,
        max_iter: int = 100,
        learning_rate: float = 0.1,
        seed: int = 7,
    ):
        self.quantiles = tuple(quantiles)
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.seed = seed

    def fit(self, features: pd.DataFrame, target: np.ndarray) -> QuantileBoosting:
        """Fit ``self.models``: for each quantile ``q``, in order,
        ``HistGradientBoostingRegressor(loss="quantile", quantile=q, max_iter=max_iter,
        learning_rate=learning_rate, early_stopping=True, random_state=seed)``.
        """
        raise NotImplementedError("Task 5: one quantile regressor per quantile, seeded")

    def predict(self, features: pd.DataFrame) -> np.ndarray:
        """Predictions of shape ``(rows, quantiles)``, each row sorted ascending.

        Models fitted apart can cross (a 10% quantile above the median); sorting each
        row is the simplest repair.
        """
        raise NotImplementedError("Task 5: stack the models' predictions, sort each row")

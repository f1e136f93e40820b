"""Demand prediction: sales as a function of price and context, never rising with price.

A gradient-boosted model with a Poisson loss (sales are counts) is told that demand
cannot rise with its own price (`monotonic_cst`), is trained on the past and judged on
the future (a time split). On a stock-out day the sales are the stock, not demand: a model
trained on them learns that busy days were quieter than they were, and one trained
without them learns only from the calmer days. Both under-predict; the brief's figures
measure by how much.
"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingRegressor

from pricing.simulator import DAYS_PER_YEAR

FEATURES = [
    "product",
    "log_price",
    "log_competitor",
    "promotion",
    "weekday",
    "season_sin",
    "season_cos",
]
PRICE_FEATURE = "log_price"
TARGET = "sales"


def demand_features(history: pd.DataFrame) -> pd.DataFrame:
    """The model's inputs, one row per row of `history`, columns FEATURES in order."""
    angle = 2 * np.pi * history["day"] / DAYS_PER_YEAR
    return pd.DataFrame(
        {
            "product": history["product"],
            "log_price": np.log(history["price"]),
            "log_competitor": np.log(history["competitor_price"]),
            "promotion": history["promotion"],
            "weekday": history["weekday"],
            "season_sin": np.sin(angle),
            "season_cos": np.cos(angle),
        },
        index=history.index,
    )[FEATURES]


def time_split(history: pd.DataFrame, split_day: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows before `split_day` (training) and from `split_day` on (test)."""
    raise NotImplementedError("Task 3: training rows have day < split_day, test rows the rest")


def fit_demand_model(
    train: pd.DataFrame,
    drop_censored: bool = False,
    max_iter: int = 100,
    learning_rate: float = 0.1,
    seed: int = 7,
) -> HistGradientBoostingRegressor:
    """Fit a HistGradientBoostingRegressor of sales on demand_features.

    Poisson loss; `product` and `weekday` categorical; a decreasing constraint on
    log_price and none on the other features; `max_iter`, `learning_rate` and
    `random_state=seed` passed on. With `drop_censored`, the stocked-out rows are left
    out of the training set.
    """
    raise NotImplementedError("Task 3: drop stock-outs if asked; Poisson HGB, -1 on log_price")


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The root mean squared error of `y_pred` against `y_true`."""
    raise NotImplementedError("Task 3: the square root of the mean squared difference")

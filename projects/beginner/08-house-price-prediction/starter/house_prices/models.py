"""Task 3: three regressors on the same features, compared on the same five folds.

Every model is the feature pipeline of Task 2 followed by an estimator, wrapped in a
`TransformedTargetRegressor` that fits on the natural log of the price and turns
its predictions back into dollars. Prices are skewed (a few houses cost four times
the median), and errors on the log scale are relative errors: a model fitted on raw
dollars spends its effort on the few mansions.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import skops.io as sio
from sklearn.base import (
    RegressorMixin,
)
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Lasso, Ridge
from sklearn.model_selection import KFold

from house_prices.data import (
    cross_validation_folds,
)

RIDGE_ALPHA = 3.0
LASSO_ALPHA = 3e-4  # on the log price: larger values zero out useful features
LASSO_MAX_ITERATIONS = 5_000
# Gradient boosting kept small so that five fits take seconds: shallow trees, few rounds.
BOOSTING_PARAMETERS = {
    "learning_rate": 0.1,
    "max_iter": 100,
    "max_leaf_nodes": 15,
    "early_stopping": False,
}
MODEL_NAMES = ("ridge", "lasso", "gradient_boosting")
# What a saved model holds beyond skops's own trusted types: the function of Task 2's
# FunctionTransformer, NumPy dtypes, and the trees of the gradient boosting.
TRUSTED_TYPES = [
    "house_prices.features.engineer_features",
    "numpy.dtype",
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
]


def build_estimator(name: str, seed: int = 0) -> RegressorMixin:
    """The final estimator called `name` (one of MODEL_NAMES), with the constants above."""
    if name == "ridge":
        return Ridge(alpha=RIDGE_ALPHA)
    if name == "lasso":
        return Lasso(alpha=LASSO_ALPHA, max_iter=LASSO_MAX_ITERATIONS, random_state=seed)
    if name == "gradient_boosting":
        return HistGradientBoostingRegressor(random_state=seed, **BOOSTING_PARAMETERS)
    raise ValueError(f"unknown model {name!r}: choose one of {', '.join(MODEL_NAMES)}")


def build_model(name: str, seed: int = 0) -> TransformedTargetRegressor:
    """Return an unfitted model that takes a frame of houses and predicts prices in dollars.

    A `TransformedTargetRegressor` whose regressor is a `Pipeline` of
    `build_feature_pipeline()`'s steps and then `build_estimator(name, seed)`, and whose
    target transformation is the natural log (`np.log`) with `np.exp` as its inverse.
    So `fit(houses, prices)` fits the pipeline on log prices, and `predict(houses)`
    returns dollars.
    """
    raise NotImplementedError(
        "Task 3: wrap features + estimator in a TransformedTargetRegressor (log)"
    )


@dataclass(frozen=True)
class CrossValidation:
    """What a model scored on each fold, and its out-of-fold predictions in dollars.

    `predictions[i]` comes from the model fitted on the folds that do not hold house i,
    so every house is predicted exactly once, by a model that never saw it.
    """

    fold_rmse: np.ndarray  # log_rmse on each fold's held-out houses, in fold order
    predictions: np.ndarray  # out-of-fold predicted price of every house, in row order

    @property
    def mean_rmse(self) -> float:
        """The mean of the folds' log RMSE: the figure models are compared by."""
        return float(np.mean(self.fold_rmse))


def cross_validate_model(
    model: RegressorMixin, houses: pd.DataFrame, prices: np.ndarray, folds: KFold
) -> CrossValidation:
    """Fit a fresh clone of `model` on each training part of `folds` and predict its test part.

    For each `(train, test)` pair of `folds.split(houses)`: fit `clone(model)` on the
    training rows, predict the test rows (in dollars), store those predictions at the
    test rows' positions and their `log_rmse` against the true prices. The model
    passed in stays unfitted. A tqdm bar over the folds shows the progress.
    """
    raise NotImplementedError("Task 3: clone, fit on each training part, predict each test part")


def compare_models(
    houses: pd.DataFrame, prices: np.ndarray, seed: int = 0
) -> dict[str, CrossValidation]:
    """Cross-validate every model of MODEL_NAMES on the same folds; name -> its results."""
    folds = cross_validation_folds(seed)
    return {
        name: cross_validate_model(build_model(name, seed), houses, prices, folds)
        for name in MODEL_NAMES
    }


def save_model(model: RegressorMixin, path: Path) -> Path:
    """Write a fitted model to `path` with skops, making its folder if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path)
    return path


def load_model(path: Path) -> RegressorMixin:
    """Read a model written by `save_model`; a clear error if the file is not there.

    skops rebuilds the model without running code from the file, and refuses any type
    outside its own trusted ones and TRUSTED_TYPES.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"no model file at {path}: train one first (python -m house_prices train {path})"
        )
    return sio.load(path, trusted=TRUSTED_TYPES)

"""Task 3: Ridge, Lasso and gradient boosting on the log price, on the same five folds."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Lasso, Ridge

from house_prices.data import CV_FOLDS, cross_validation_folds, log_rmse
from house_prices.models import MODEL_NAMES, CrossValidation, build_model, cross_validate_model

SAMPLE_SIZE = 600  # houses used to check the models' wiring: enough for every level
ESTIMATORS = {"ridge": Ridge, "lasso": Lasso, "gradient_boosting": HistGradientBoostingRegressor}
UNSEEN = 1.0  # dollars: what the memorising model predicts for a house it did not see


class MemorisingRegressor(RegressorMixin, BaseEstimator):
    """Predicts the exact price of every house it was fitted on, and UNSEEN for the rest."""

    def fit(self, houses: pd.DataFrame, prices: np.ndarray):
        keys = pd.util.hash_pandas_object(houses, index=False)
        self.memory_ = dict(zip(keys, prices, strict=True))
        return self

    def predict(self, houses: pd.DataFrame) -> np.ndarray:
        keys = pd.util.hash_pandas_object(houses, index=False)
        return np.array([self.memory_.get(key, UNSEEN) for key in keys])


@pytest.fixture(scope="module")
def sample(houses, prices):
    rows = np.random.default_rng(0).choice(len(houses), SAMPLE_SIZE, replace=False)
    return houses.iloc[rows], prices[rows]


@pytest.mark.task(3)
@pytest.mark.parametrize("name", MODEL_NAMES)
def test_model_fits_log_prices_and_predicts_dollars(sample, name, seed):
    houses, prices = sample
    model = build_model(name, seed).fit(houses, prices)
    predicted = model.predict(houses)
    assert predicted.shape == prices.shape and np.all(predicted > 0), (
        f"Task 3: {name}: predict should give one positive price per house, got shape "
        f"{predicted.shape}"
    )
    ratio = np.median(predicted) / np.median(prices)
    assert 0.8 < ratio < 1.25, (
        f"Task 3: {name}: predictions should be in dollars, like the prices: the median "
        f"prediction is {np.median(predicted):,.2f} for a median price of "
        f"{np.median(prices):,.0f}. Did the predictions come back from the log scale (np.exp)?"
    )
    inner = getattr(model, "regressor_", None)
    assert inner is not None and np.allclose(inner.predict(houses), np.log(predicted), atol=1e-9), (
        f"Task 3: {name}: the model should be a TransformedTargetRegressor whose regressor is "
        "fitted on np.log(prices), so that regressor_.predict gives log prices"
    )
    final = inner.steps[-1][1] if hasattr(inner, "steps") else inner
    assert isinstance(final, ESTIMATORS[name]), (
        f"Task 3: {name}: the last step of the pipeline should be build_estimator({name!r}), a "
        f"{ESTIMATORS[name].__name__}, got {type(final).__name__}"
    )


@pytest.mark.task(3)
def test_cross_validation_never_predicts_a_house_it_trained_on(houses, prices, seed):
    unique = ~houses.duplicated(keep=False).to_numpy()  # five houses have a twin
    houses, prices = houses[unique], prices[unique]
    model = MemorisingRegressor()
    result = cross_validate_model(model, houses, prices, cross_validation_folds(seed))
    assert isinstance(result, CrossValidation), (
        f"Task 3: cross_validate_model should return a CrossValidation, got {type(result)}"
    )
    predictions = np.asarray(result.predictions)
    assert predictions.shape == prices.shape, (
        f"Task 3: expected one out-of-fold prediction per house, shape {prices.shape}, got "
        f"{predictions.shape}"
    )
    seen = int(np.sum(predictions != UNSEEN))
    assert seen == 0, (
        f"Task 3: {seen} houses were predicted by a model fitted on them (a model that "
        "memorises its training houses recalled their prices). Fit on each fold's training "
        "rows, predict only its test rows, and put the predictions at the test positions"
    )
    assert not hasattr(model, "memory_"), (
        "Task 3: the model passed in was fitted: fit clone(model) on each fold instead, so "
        "that no fold starts from what another fold learnt"
    )


@pytest.mark.task(3)
def test_fold_errors_are_the_log_rmse_of_each_fold(houses, prices, seed):
    folds = cross_validation_folds(seed)
    result = cross_validate_model(DummyRegressor(strategy="median"), houses, prices, folds)
    expected_predictions = np.empty_like(prices)
    expected_rmse = []
    for train, test in folds.split(houses):
        expected_predictions[test] = np.median(prices[train])
        expected_rmse.append(log_rmse(prices[test], expected_predictions[test]))
    assert np.allclose(result.predictions, expected_predictions), (
        "Task 3: a model that predicts the training median should give each test house the "
        "median of its fold's training prices; your out-of-fold predictions differ"
    )
    assert len(result.fold_rmse) == CV_FOLDS and np.allclose(result.fold_rmse, expected_rmse), (
        f"Task 3: fold_rmse should hold log_rmse(true, predicted) of each of the {CV_FOLDS} test "
        f"folds in order, expected {np.round(expected_rmse, 4).tolist()}, got "
        f"{np.round(np.asarray(result.fold_rmse, dtype=float), 4).tolist()}"
    )


@pytest.mark.task(3)
def test_ridge_cv_rmse(metric, comparison):
    metric("ridge_rmse", comparison["ridge"].mean_rmse)


@pytest.mark.task(3)
def test_lasso_cv_rmse(metric, comparison):
    metric("lasso_rmse", comparison["lasso"].mean_rmse)


@pytest.mark.task(3)
def test_gradient_boosting_cv_rmse(metric, comparison):
    metric("boosting_rmse", comparison["gradient_boosting"].mean_rmse)


@pytest.mark.task(3)
def test_the_command_line_trains_and_saves_a_model(houses, prices, tmp_path, capsys):
    from house_prices.__main__ import BAD_INPUT, OK, main
    from house_prices.models import load_model

    path = tmp_path / "models" / "ridge.skops"
    status = main(["--seed", "3", "train", str(path), "--model", "ridge"])
    printed = capsys.readouterr().out
    assert status == OK and path.is_file(), (
        f"Task 3: `python -m house_prices train {path.name} --model ridge` should save the "
        f"model and exit {OK}, got {status}: {printed!r}"
    )
    expected = build_model("ridge", 3).fit(houses, prices).predict(houses.iloc[:50])
    assert np.allclose(load_model(path).predict(houses.iloc[:50]), expected), (
        "Task 3: the saved model should predict as build_model('ridge') fitted on every house"
    )
    missing = tmp_path / "no-such-model.skops"
    assert main(["serve", str(missing)]) == BAD_INPUT, (
        "the serve command should refuse a missing model file with the exit status BAD_INPUT"
    )
    assert missing.name in capsys.readouterr().err


@pytest.mark.task(3)
@pytest.mark.parametrize("name", MODEL_NAMES)
@pytest.mark.parametrize("model_seed", [3, 4])
def test_build_model_passes_the_seed_to_the_estimator(name, model_seed):
    from house_prices.models import build_estimator

    model = build_model(name, model_seed)
    regressor = model.regressor
    final = regressor.steps[-1][1] if hasattr(regressor, "steps") else regressor
    expected = build_estimator(name, model_seed).get_params()
    assert final.get_params() == expected, (
        f"Task 3: build_model({name!r}, {model_seed}) should end with build_estimator({name!r}, "
        f"{model_seed}); its parameters differ: expected {expected}, got {final.get_params()}"
    )

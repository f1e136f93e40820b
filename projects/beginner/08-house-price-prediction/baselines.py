"""The reference's answer to the scenario's requests, and its models beside simpler ones.

- `example`: the scenario's three requests sent to the reference service (gradient
  boosting fitted on every house, seed 0), with the answers it gives; long error
  messages are cut;
- `baselines`: every model scored out of fold on the kata's five folds
  (`cross_validation_folds(0)`): predicting every house at the mean log price, Task 1's
  least squares on the 33 raw numeric columns, Ridge and Lasso without the two log
  areas of Task 2, and the three reference models of Task 3.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

import json
import tempfile
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from fastapi.testclient import TestClient
from sklearn.compose import TransformedTargetRegressor
from sklearn.dummy import DummyRegressor

from house_prices.api import create_app
from house_prices.data import PRICE, cross_validation_folds, load_ames, log_rmse, numeric_columns
from house_prices.evaluation import dollar_errors
from house_prices.features import INPUT_COLUMNS
from house_prices.linear import least_squares
from house_prices.models import CrossValidation, build_model, cross_validate_model, save_model
from house_prices.schema import House

SEED = 0
LOG_AREAS = ["Log_Gr_Liv_Area", "Log_Lot_Area"]
MESSAGE_LENGTH = 84  # characters of an error message shown in the example
EXAMPLE_FIELDS_SHOWN = 15  # fields of the example house written out in the scenario
LINE_WIDTH = 86


def without_log_areas(name: str):
    """The reference model `name` with the two log areas left out of the numeric branch."""
    model = build_model(name, SEED)
    preprocessor = model.regressor.named_steps["preprocess"]
    preprocessor.transformers = [
        (branch, transformer, [c for c in columns if c not in LOG_AREAS])
        for branch, transformer, columns in preprocessor.transformers
    ]
    return model


def least_squares_folds(ames: pd.DataFrame, prices: np.ndarray) -> CrossValidation:
    """Task 1's baseline, out of fold: least squares on the raw numbers, log price."""
    features = ames[numeric_columns(ames)].to_numpy(dtype=float)
    predictions = np.empty_like(prices)
    fold_rmse = []
    for train, test in cross_validation_folds(SEED).split(features):
        fit = least_squares(features[train], np.log(prices[train]))
        predictions[test] = np.exp(fit.predict(features[test]))
        fold_rmse.append(log_rmse(prices[test], predictions[test]))
    return CrossValidation(fold_rmse=np.array(fold_rmse), predictions=predictions)


def baselines_table(ames: pd.DataFrame) -> str:
    houses, prices = ames[INPUT_COLUMNS], ames[PRICE].to_numpy(dtype=float)
    folds = cross_validation_folds(SEED)
    mean_log_price = TransformedTargetRegressor(
        regressor=DummyRegressor(strategy="mean"), func=np.log, inverse_func=np.exp
    )
    results = {
        "Mean log price for every house": cross_validate_model(
            mean_log_price, houses, prices, folds
        ),
        "Least squares on the 33 raw numeric columns (Task 1)": least_squares_folds(ames, prices),
        "Ridge without the two log areas": cross_validate_model(
            without_log_areas("ridge"), houses, prices, folds
        ),
        "Lasso without the two log areas": cross_validate_model(
            without_log_areas("lasso"), houses, prices, folds
        ),
        **{
            f"Reference {name.replace('_', ' ')} (Task 3)": cross_validate_model(
                build_model(name, SEED), houses, prices, folds
            )
            for name in ("ridge", "lasso", "gradient_boosting")
        },
    }
    lines = [
        "| Model | Log RMSE, mean of 5 folds | Folds' log RMSE, lowest to highest "
        "| RMSE | MAE | Median absolute error |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        errors = dollar_errors(prices, result.predictions)
        lines.append(
            f"| {name} | {result.mean_rmse:.4f} | {result.fold_rmse.min():.3f} to "
            f"{result.fold_rmse.max():.3f} | ${errors.rmse:,.0f} | ${errors.mae:,.0f} "
            f"| {errors.median_ape:.1%} |"
        )
    return "\n".join(lines)


def shortened(message: str) -> str:
    return textwrap.shorten(message, MESSAGE_LENGTH, placeholder=" ...")


def answer(client: TestClient, house: dict) -> str:
    """The service's answer to one house: the status and the body, long messages cut."""
    response = client.post("/predict", json=house)
    body = response.json()
    if response.status_code == 200:
        return f"→ 200 {json.dumps({'price': round(body['price'], 2)})}"
    errors = [
        f'        {{"loc": {json.dumps(error["loc"])}, '
        f'"msg": {json.dumps(shortened(error["msg"]))}, ...}}'
        for error in body["detail"]
    ]
    return f'→ {response.status_code} {{"detail": [\n' + ",\n".join(errors) + "]}"


def example_block(ames: pd.DataFrame) -> str:
    house = dict(House.model_config["json_schema_extra"]["examples"][0])
    model = build_model("gradient_boosting", SEED).fit(ames[INPUT_COLUMNS], ames[PRICE])
    shown = ", ".join(
        f"{json.dumps(key)}: {json.dumps(value)}"
        for key, value in list(house.items())[:EXAMPLE_FIELDS_SHOWN]
    )
    with tempfile.TemporaryDirectory() as folder:
        path = save_model(model, Path(folder) / "model.skops")
        with TestClient(create_app(path)) as client:
            answers = [
                answer(client, house),
                answer(client, house | {"neighborhood": "Atlantis", "year_sold": 2024}),
                answer(client, house | {"first_flr_sf": 1_200, "second_flr_sf": 900}),
            ]
    request = textwrap.wrap(f"{{{shown},", LINE_WIDTH, subsequent_indent=" ")
    lines = [
        "```text",
        "POST /predict",
        *request,
        f" ... {len(house)} fields in all (the House schema; /docs shows them) }}",
        answers[0],
        "",
        'the same house with "neighborhood": "Atlantis", "year_sold": 2024',
        answers[1],
        "",
        'the same house with "first_flr_sf": 1200, "second_flr_sf": 900 (2,100 sq ft of',
        f"floors in {house['gr_liv_area']:,} sq ft of living area)",
        answers[2],
        "```",
    ]
    return "\n".join(lines)


def main() -> None:
    ames = load_ames()
    print("<!-- block: example -->")
    print(example_block(ames))
    print("<!-- block: baselines -->")
    print(baselines_table(ames))


if __name__ == "__main__":
    main()

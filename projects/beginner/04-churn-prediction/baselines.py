"""The reference churn models beside simpler baselines, and what Task 2's features earn.

Every model here is scored out of fold, on the folds of `churn.data.cross_validation`,
with the kata's own metrics (`churn.metrics`):

- `baselines`: a prior model (the training folds' churn rate for everyone),
  scikit-learn's defaults on the raw columns, a standardised logistic regression on
  the raw columns, and the two reference pipelines of Task 3, all on seed 0;
- `features`: logistic regression on the raw columns with and without Task 2's
  engineered features, on seed 0 and, for ROC-AUC, on seeds 1 and 2.

"Raw columns" are the 19 columns as they come, missing totals filled with 0 (a
customer of tenure 0 has not been billed yet), categories one-hot encoded.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from churn import features, metrics
from churn.data import churn_labels, load_customers
from churn.model import (
    CATEGORY_COLUMNS,
    FLAG_COLUMNS,
    LOGISTIC_MAX_ITER,
    NUMBER_COLUMNS,
    build_pipeline,
    out_of_fold_probabilities,
)
from churn.schema import coerce_types

SEED = 0
OTHER_SEEDS = (1, 2)
RAW_NUMBERS = [name for name in NUMBER_COLUMNS if name not in features.NEW_FEATURES]


def raw_columns(scale: bool, extra: Sequence[str] = ()) -> ColumnTransformer:
    """The raw columns (and the engineered `extra` ones): numbers standardised if `scale`."""
    numbers = [*RAW_NUMBERS, *extra]
    return ColumnTransformer(
        [
            ("numbers", StandardScaler() if scale else "passthrough", numbers),
            ("categories", OneHotEncoder(handle_unknown="ignore"), list(CATEGORY_COLUMNS)),
            ("flags", "passthrough", list(FLAG_COLUMNS)),
        ]
    )


def on_raw_columns(classifier: BaseEstimator, scale: bool, extra: Sequence[str] = ()) -> Pipeline:
    """`classifier` behind the raw columns. ChurnFeatures fills the missing totals with 0;
    of the columns it adds, only `extra` are used."""
    return Pipeline(
        [
            ("features", features.ChurnFeatures()),
            ("columns", raw_columns(scale, extra)),
            ("classifier", classifier),
        ]
    )


def standardised_logistic(extra: Sequence[str] = ()) -> Pipeline:
    return on_raw_columns(LogisticRegression(max_iter=LOGISTIC_MAX_ITER), True, extra)


def scores(model: BaseEstimator, customers: pd.DataFrame, labels: np.ndarray, seed: int) -> dict:
    """The out-of-fold figures of `model`, by the kata's metrics."""
    probabilities = out_of_fold_probabilities(model, customers, labels, seed)
    table = metrics.reliability_table(labels, probabilities)
    return {
        "roc_auc": metrics.roc_auc(labels, probabilities),
        "average_precision": metrics.average_precision(labels, probabilities),
        "lift": metrics.lift(labels, probabilities),
        "brier": metrics.brier_score(labels, probabilities),
        "calibration": metrics.calibration_error(table),
    }


def row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def baselines_table(customers: pd.DataFrame, labels: np.ndarray) -> str:
    models = {
        "Prior (always the training folds' churn rate)": DummyClassifier(strategy="prior"),
        "scikit-learn defaults: `LogisticRegression()`, raw columns, unscaled": on_raw_columns(
            LogisticRegression(), scale=False
        ),
        "scikit-learn defaults: `HistGradientBoostingClassifier()`, raw columns": on_raw_columns(
            HistGradientBoostingClassifier(random_state=SEED), scale=False
        ),
        "Logistic regression, raw columns, standardised": standardised_logistic(),
        "Reference logistic regression (Tasks 2 and 3)": build_pipeline("logistic", SEED),
        "Reference gradient boosting (`BOOSTING_SETTINGS`)": build_pipeline("boosting", SEED),
    }
    lines = [
        row(
            [
                "Model",
                "ROC-AUC",
                "Average precision",
                "Top-decile lift",
                "Brier score",
                "Calibration error",
            ]
        ),
        "|---|---|---|---|---|---|",
    ]
    for name, model in models.items():
        figures = scores(model, customers, labels, SEED)
        lines.append(
            row(
                [
                    name,
                    f"{figures['roc_auc']:.4f}",
                    f"{figures['average_precision']:.4f}",
                    f"{figures['lift']:.2f}",
                    f"{figures['brier']:.4f}",
                    f"{figures['calibration']:.3f}",
                ]
            )
        )
    return "\n".join(lines)


def features_table(customers: pd.DataFrame, labels: np.ndarray) -> str:
    models = {
        "the raw columns": standardised_logistic(),
        "the raw columns and `log_tenure`": standardised_logistic(["log_tenure"]),
        "the raw columns, `charge_increase` and `charge_ratio`": standardised_logistic(
            ["charge_increase", "charge_ratio"]
        ),
        "the raw columns and the three features (the reference)": build_pipeline("logistic", SEED),
    }
    lines = [
        row(
            [
                "Standardised logistic regression on",
                "ROC-AUC",
                "Average precision",
                "ROC-AUC on seeds " + " and ".join(map(str, OTHER_SEEDS)),
            ]
        ),
        "|---|---|---|---|",
    ]
    for name, model in models.items():
        figures = scores(model, customers, labels, SEED)
        others = [
            metrics.roc_auc(labels, out_of_fold_probabilities(model, customers, labels, seed))
            for seed in OTHER_SEEDS
        ]
        lines.append(
            row(
                [
                    name,
                    f"{figures['roc_auc']:.4f}",
                    f"{figures['average_precision']:.4f}",
                    ", ".join(f"{auc:.4f}" for auc in others),
                ]
            )
        )
    return "\n".join(lines)


def main() -> None:
    customers = coerce_types(load_customers())
    labels = churn_labels(customers)
    print("<!-- block: features -->")
    print(features_table(customers, labels))
    print("<!-- block: baselines -->")
    print(baselines_table(customers, labels))


if __name__ == "__main__":
    main()

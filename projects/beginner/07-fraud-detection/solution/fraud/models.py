"""The models: a logistic regression, default boosting (a trap), and boosting that sees fraud.

HistGradientBoosting with its defaults holds out 10% of the rows to decide
when to stop, and stops when its log-loss on them stops falling. With 0.2%
fraud the loss is almost all about the legitimate rows, it barely moves, and
the model stops after a handful of rounds that learnt next to nothing about
fraud. Weighting the classes makes each fraud row count, and the trees then
split on what separates fraud.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

MAX_ITER_LINEAR = 1_000
BOOSTING_ROUNDS = 100  # SOLUTION
BOOSTING_BINS = 63  # SOLUTION


def linear_preprocessing() -> ColumnTransformer:
    """One-hot encode the categorical columns; log1p then standardise the numeric ones.

    Amounts and counts are heavy-tailed: on a log scale a linear model can weigh
    a payment of 20 against one of 2,000 sensibly.
    """
    numeric = Pipeline(
        [
            ("log", FunctionTransformer(np.log1p, feature_names_out="one-to-one")),
            ("scale", StandardScaler()),
        ]
    )
    return ColumnTransformer(
        [
            (
                "categories",
                OneHotEncoder(handle_unknown="ignore"),
                make_column_selector("category"),
            ),
            ("numbers", numeric, make_column_selector(dtype_include="number")),
        ],
        verbose_feature_names_out=False,
    )


def logistic_regression(seed: int = 0, class_weight: dict | str | None = None) -> Pipeline:
    """The linear baseline: `linear_preprocessing`, then a logistic regression."""
    model = LogisticRegression(
        class_weight=class_weight, max_iter=MAX_ITER_LINEAR, random_state=seed
    )
    return Pipeline([("prepare", linear_preprocessing()), ("model", model)])


def default_boosting(seed: int = 0) -> HistGradientBoostingClassifier:
    """HistGradientBoosting exactly as it comes, seeded: the trap."""
    return HistGradientBoostingClassifier(random_state=seed)


def weighted_boosting(seed: int = 0) -> HistGradientBoostingClassifier:
    """HistGradientBoosting that sees fraud: balanced class weights, fixed rounds, seeded.

    Use `class_weight="balanced"`, so that fraud and legitimate rows weigh the
    same in total; turn early stopping off (`early_stopping=False`) and fit a
    fixed number of rounds, so that no 10% of the few fraud rows is held back
    to decide when to stop; `random_state=seed`. Other settings are yours to
    tune, on the validation split, never on the test split.
    """
    # BEGIN SOLUTION (task 5): balanced class weights, no early stopping, a fixed number of rounds
    # 63 bins rather than 255 score as well on validation, and bin twice as fast with weights.
    return HistGradientBoostingClassifier(
        class_weight="balanced",
        early_stopping=False,
        max_iter=BOOSTING_ROUNDS,
        max_bins=BOOSTING_BINS,
        random_state=seed,
    )
    # END SOLUTION


def fraud_scores(model: BaseEstimator, features: pd.DataFrame) -> np.ndarray:
    """The fitted model's fraud probability for each row."""
    return model.predict_proba(features)[:, 1]


def caught_by_scenario(scenarios: pd.Series, flagged: np.ndarray) -> pd.Series:
    """Return the share of the rows of each scenario that are flagged, by scenario name.

    `scenarios` is the generator's `scenario` column (the truth, first, as in
    every evaluation function), and `flagged` a boolean array aligned with it
    (True = the model raised an alert). The result is indexed
    by the scenarios present, in the order of their first appearance, named
    "caught"; read it for the fraud patterns (what share of each is caught) and
    for the look-alikes (what share of each raises a false alarm).
    """
    # BEGIN SOLUTION (task 5): group the flags by scenario and take the mean
    names = np.asarray(scenarios, dtype=object)
    caught = pd.Series(np.asarray(flagged, dtype=float), name="caught")
    return caught.groupby(names, sort=False).mean()
    # END SOLUTION

"""Which features carry the signal: mutual information, an L1 penalty, permutation importance.

Three ways to ask the same question, each with its blind spot. Mutual
information scores one feature at a time, before any model, and misses
features that only matter together. An L1-penalised logistic regression keeps
the features a linear model needs and sets the others' weights to exactly
zero, but it only sees linear effects. Permutation importance asks a fitted
model how much worse it gets on held-out data when one column is shuffled,
which breaks that column's link to the label and keeps everything else. All
three are computed on training or validation rows, never on the test split.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.feature_selection import mutual_info_classif
from sklearn.linear_model import LogisticRegression  # SOLUTION
from sklearn.metrics import average_precision_score  # SOLUTION
from sklearn.pipeline import Pipeline  # SOLUTION

from fraud.models import fraud_scores, linear_preprocessing  # SOLUTION

N_REPEATS = 3
L1_C = 0.001  # the inverse strength of the L1 penalty: smaller keeps fewer features


def mutual_information(features: pd.DataFrame, labels: np.ndarray, seed: int = 0) -> pd.Series:
    """Each column's estimated mutual information with the label, highest first (in nats).

    Categorical columns are compared by their codes as discrete values, the
    others by scikit-learn's nearest-neighbour estimator (slow on many rows:
    pass a sample).
    """
    discrete = [isinstance(dtype, pd.CategoricalDtype) for dtype in features.dtypes]
    numeric = features.apply(
        lambda column: column.cat.codes if isinstance(column.dtype, pd.CategoricalDtype) else column
    )
    scores = mutual_info_classif(numeric, labels, discrete_features=discrete, random_state=seed)
    return pd.Series(scores, index=features.columns, name="mutual_information").sort_values(
        ascending=False
    )


def permutation_importance(
    model: BaseEstimator,
    features: pd.DataFrame,
    labels: np.ndarray,
    n_repeats: int = N_REPEATS,
    seed: int = 0,
) -> pd.Series:
    """Return how much the fitted model's average precision drops when each column is shuffled.

    For each column, `n_repeats` times: copy `features`, replace that column by
    a random permutation of its own values (keep its dtype: a categorical
    column must stay categorical), score the copy with `fraud_scores`, and take
    the baseline average precision (`sklearn.metrics.average_precision_score`
    on the unshuffled rows) minus the shuffled one. Return the mean drop per
    column, as a Series named "importance" indexed by column and sorted from
    most to least important. One `np.random.default_rng(seed)` draws every
    permutation. `features` itself is never changed.
    """
    # BEGIN SOLUTION (task 4): score once; per column and repeat, shuffle it in a copy and re-score
    rng = np.random.default_rng(seed)
    baseline = average_precision_score(labels, fraud_scores(model, features))
    importance = {}
    for column in features.columns:
        drops = []
        for _ in range(n_repeats):
            shuffled = features.copy()
            order = rng.permutation(len(features))
            shuffled[column] = features[column].iloc[order].set_axis(features.index)
            drops.append(baseline - average_precision_score(labels, fraud_scores(model, shuffled)))
        importance[column] = float(np.mean(drops))
    return pd.Series(importance, name="importance").sort_values(ascending=False)
    # END SOLUTION


def l1_selected_features(
    features: pd.DataFrame, labels: np.ndarray, c: float = L1_C, seed: int = 0
) -> list[str]:
    """Return the names of the encoded features an L1-penalised logistic regression keeps.

    Fit `linear_preprocessing()` (from `fraud.models`) followed by a
    `LogisticRegression` with a pure L1 penalty (`l1_ratio=1.0` and a solver
    that supports it, such as "liblinear"), `C=c`, balanced class weights and
    `random_state=seed`. Return, in the order of
    `get_feature_names_out()` of the fitted preprocessing (for example
    "amount" or "category_digital"), the names whose coefficient is not zero.
    """
    # BEGIN SOLUTION (task 4): fit preprocessing + L1 logistic regression, keep nonzero weights
    pipeline = Pipeline(
        [
            ("prepare", linear_preprocessing()),
            (
                "model",
                LogisticRegression(
                    l1_ratio=1.0,
                    solver="liblinear",
                    C=c,
                    class_weight="balanced",
                    random_state=seed,
                ),
            ),
        ]
    ).fit(features, labels)
    names = pipeline.named_steps["prepare"].get_feature_names_out()
    weights = pipeline.named_steps["model"].coef_[0]
    return [str(name) for name, weight in zip(names, weights, strict=True) if weight != 0]
    # END SOLUTION

"""The brief's baselines: the remedies for imbalance, and what each model catches and costs.

Everything runs on the generated log (seed 0 unless said) and the split of Task 1, as the
suite does, with the reference's functions. Too slow for the suite, it prints four blocks:

- `resampling`: out-of-time PR-AUC (Task 2's setting: raw features, the fit and validation
  parts, 4 folds) of default boosting and of the logistic regression with every remedy
  for imbalance, and how many rows each fits;
- `scenarios`: the share of each scenario of the test split that each model flags at its
  cost-minimising threshold, chosen on the validation part (Task 6);
- `baselines`: each model's test PR-AUC, ROC-AUC, recall at 50% precision and cost at
  that threshold, and the reference's on two more seeds of the generator;
- `default`: approving everyone and a logistic regression on ISLR's `Default`.

`nox -s sync` runs this script on the reference (PYTHONPATH=solution, one thread per
library) and writes each block it prints into README.md; `nox -s verify` runs it again
and compares. Everything is seeded, so the output is the same on every run.
"""

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, average_precision_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from fraud.data import generate_transactions, load_default
from fraud.evaluation import (
    MIN_PRECISION,
    cost_minimising_threshold,
    expected_cost,
    recall_at_precision,
)
from fraud.features import RAW_FEATURES, model_features, raw_features
from fraud.models import (
    caught_by_scenario,
    default_boosting,
    fraud_scores,
    logistic_regression,
    weighted_boosting,
)
from fraud.resampling import (
    LEGIT_PER_FRAUD,
    OVERSAMPLED_FRAUD_SHARE,
    Resampler,
    balanced_class_weights,
    out_of_time_scores,
    oversample,
    undersample,
)
from fraud.split import VALIDATION_SHARE, time_split

SEED = 0  # of the generator, the resampling and every model, as in the suite
OTHER_SEEDS = (1, 2)  # the reference again, on other logs from the generator
DEFAULT_TEST_SHARE = 0.3  # ISLR Default: the held-out share, as in the suite
SCENARIO_NAMES = {
    "card_testing": "card testing (fraud)",
    "account_takeover": "account takeover (fraud)",
    "big_ticket": "big-ticket (fraud)",
    "quiet_fraud": "quiet fraud",
    "bulk_buyer": "bulk buyers (legitimate)",
    "traveller": "travellers (legitimate)",
    "night_shopper": "night shoppers (legitimate)",
    "in_app_burst": "in-app bursts (legitimate)",
    "everyday": "everyday (legitimate)",
}


class ApproveEverything(BaseEstimator):
    """The model without a model: the same fraud score, 0, for every payment."""

    def fit(self, features: pd.DataFrame, labels: np.ndarray) -> "ApproveEverything":
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        return np.column_stack([np.ones(len(features)), np.zeros(len(features))])


def decimals(value: float) -> str:
    """Three decimals, or two significant digits below 0.01 (the fraud share, 0.0016)."""
    return f"{value:.3f}" if value >= 0.01 else f"{value:.2g}"


def counted(resample: Resampler | None, fitted: list[tuple[int, int]]) -> Resampler:
    """`resample` (None: every row), noting each fold's (rows fitted, training rows)."""

    def resample_and_count(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        rows = np.arange(len(labels)) if resample is None else resample(labels, rng)
        fitted.append((len(rows), len(labels)))
        return rows

    return resample_and_count


def out_of_time(model: BaseEstimator, features, labels, resample) -> tuple[float, float]:
    """Task 2's out-of-time PR-AUC, and the rows fitted as a share of the folds' training rows."""
    fitted: list[tuple[int, int]] = []
    scores = out_of_time_scores(model, features, labels, counted(resample, fitted), seed=SEED)
    scored = ~np.isnan(scores)
    rows, training = np.sum(fitted, axis=0)
    return average_precision_score(labels[scored], scores[scored]), rows / training


def resampling(transactions: pd.DataFrame) -> str:
    """Out-of-time PR-AUC of default boosting and the logistic regression, each remedy."""
    train, _ = time_split(transactions)
    features, labels = raw_features(train), train["is_fraud"].to_numpy()
    weights = balanced_class_weights(labels)
    boosting = {
        "default HistGradientBoosting, every row": (default_boosting(SEED), None),
        "the same, class weights (`balanced_class_weights`)": (
            default_boosting(SEED).set_params(class_weight=weights),
            None,
        ),
        f"the same, undersampled ({LEGIT_PER_FRAUD} legitimate rows per fraud)": (
            default_boosting(SEED),
            undersample,
        ),
        f"the same, oversampled (fraud to {OVERSAMPLED_FRAUD_SHARE:.0%})": (
            default_boosting(SEED),
            oversample,
        ),
        "the same, early stopping off, every row": (
            default_boosting(SEED).set_params(early_stopping=False),
            None,
        ),
    }
    rows = []
    for name, (model, resample) in boosting.items():
        pr_auc, share = out_of_time(model, features, labels, resample)
        figure = f"**{pr_auc:.3f}**" if resample is undersample else f"{pr_auc:.3f}"
        rows.append(f"| {name} | {figure} | {share:.1%} |")
    linear = [
        (logistic_regression(SEED), None),
        (logistic_regression(SEED, weights), None),
        (logistic_regression(SEED), undersample),
        (logistic_regression(SEED), oversample),
    ]
    results = [out_of_time(model, features, labels, resample) for model, resample in linear]
    pr_aucs = " / ".join(f"{pr_auc:.3f}" for pr_auc, _ in results)
    shares = " / ".join(f"{share:.1%}" for _, share in results)
    rows.append(
        f"| logistic regression: every row / weighted / under / over | {pr_aucs} | {shares} |"
    )
    header = "| model, training rows | PR-AUC | rows fitted, share of the training rows |"
    return "\n".join([header, "|---|---|---|", *rows])


def parts(transactions: pd.DataFrame) -> dict[str, tuple[pd.DataFrame, np.ndarray, np.ndarray]]:
    """Task 1's fit, validation and test parts: (features, labels, amounts) of each."""
    train, test = time_split(transactions)
    fit, validation = time_split(train, VALIDATION_SHARE)
    features = model_features(transactions)
    return {
        name: (features.loc[part.index], part["is_fraud"].to_numpy(), part["amount"].to_numpy())
        for name, part in zip(("fit", "validation", "test"), (fit, validation, test), strict=True)
    }


def judge(model: BaseEstimator, columns: list[str], split: dict) -> dict:
    """Fit on the fit part; threshold on the validation part; every figure on the test part."""
    fit_features, fit_labels, _ = split["fit"]
    model.fit(fit_features[columns], fit_labels)
    validation_features, validation_labels, validation_amounts = split["validation"]
    threshold = cost_minimising_threshold(
        validation_labels, fraud_scores(model, validation_features[columns]), validation_amounts
    )
    test_features, labels, amounts = split["test"]
    scores = fraud_scores(model, test_features[columns])
    flagged = scores >= threshold
    cost = expected_cost(labels, flagged, amounts)
    return {
        "flagged": flagged,
        "pr_auc": decimals(average_precision_score(labels, scores)),
        "roc_auc": f"{roc_auc_score(labels, scores):.3f}",
        "recall": f"{recall_at_precision(labels, scores, MIN_PRECISION):.3f}",
        "cost": f"{cost:,.0f}",
        "share": f"{cost / expected_cost(labels, np.zeros_like(flagged), amounts):.3f}",
    }


def models(transactions: pd.DataFrame, scenarios: pd.Series) -> tuple[str, str]:
    """The `scenarios` and `baselines` blocks: the models of the brief on the test split."""
    split = parts(transactions)
    everything = list(split["fit"][0].columns)
    judged = {
        "approving everything (no model)": judge(ApproveEverything(), everything, split),
        "logistic regression, raw features only": judge(
            logistic_regression(SEED), list(RAW_FEATURES), split
        ),
        "logistic regression, raw and velocity features (Task 3)": judge(
            logistic_regression(SEED), everything, split
        ),
        "the same, balanced class weights": judge(
            logistic_regression(SEED, "balanced"), everything, split
        ),
        "default boosting": judge(default_boosting(SEED), everything, split),
        "weighted boosting (Task 5, the reference)": judge(
            weighted_boosting(SEED), everything, split
        ),
    }
    others = [
        judge(weighted_boosting(seed), everything, parts(generate_transactions(seed=seed)))
        for seed in OTHER_SEEDS
    ]
    columns = ("pr_auc", "roc_auc", "recall", "cost", "share")
    rows = [
        "| " + " | ".join([name, *(result[column] for column in columns)]) + " |"
        for name, result in judged.items()
    ]
    seeds = ", ".join(str(seed) for seed in OTHER_SEEDS)
    rows.append(
        f"| the reference on generator seeds {seeds} | "
        + " | ".join(", ".join(result[column] for result in others) for column in columns)
        + " |"
    )
    header = (
        "| model | PR-AUC | ROC-AUC | recall at "
        f"{MIN_PRECISION:.0%} precision | cost | share of approving everything |"
    )
    baselines = "\n".join([header, "|---|---|---|---|---|---|", *rows])

    compared = {
        "logistic regression": "logistic regression, raw and velocity features (Task 3)",
        "default boosting": "default boosting",
        "weighted boosting": "weighted boosting (Task 5, the reference)",
    }
    caught = {
        column: caught_by_scenario(scenarios, judged[name]["flagged"])
        for column, name in compared.items()
    }
    rows = [
        "| " + " | ".join([label, *(f"{caught[column][name]:.2f}" for column in compared)]) + " |"
        for name, label in SCENARIO_NAMES.items()
        if name in set(scenarios)
    ]
    header = "| scenario | " + " | ".join(compared) + " |"
    return "\n".join([header, "|---|---|---|---|", *rows]), baselines


def default() -> str:
    """ISLR's Default, as in the suite: approving everyone, and a logistic regression."""
    features, labels = load_default()
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=DEFAULT_TEST_SHARE, stratify=labels, random_state=SEED
    )
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(train_x, train_y)
    candidates = {
        "approving everyone": np.zeros(len(test_y)),
        "logistic regression (`balance`, `income`, `student`)": model.predict_proba(test_x)[:, 1],
    }
    rows = [
        f"| {name} | {accuracy_score(test_y, scores >= 0.5):.3f} | "
        f"{roc_auc_score(test_y, scores):.3f} | {average_precision_score(test_y, scores):.3f} |"
        for name, scores in candidates.items()
    ]
    header = (
        f"| ISLR `Default`, held-out {DEFAULT_TEST_SHARE:.0%} | accuracy | ROC-AUC "
        "| average precision |"
    )
    return "\n".join([header, "|---|---|---|---|", *rows])


def main() -> None:
    transactions = generate_transactions(seed=SEED)
    _, test = time_split(transactions)
    print("<!-- block: resampling -->")
    print(resampling(transactions))
    scenarios, baselines = models(transactions, test["scenario"])
    print("<!-- block: scenarios -->")
    print(scenarios)
    print("<!-- block: baselines -->")
    print(baselines)
    print("<!-- block: default -->")
    print(default())


if __name__ == "__main__":
    main()

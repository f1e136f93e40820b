"""Task 2: a deterministic training run from the config."""

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline

from mlops_pipeline.config import load_config
from mlops_pipeline.data import TARGET
from mlops_pipeline.training import CV_FOLDS, accuracy, build_pipeline, split_data, train

# A config away from every default: another seed, C, holdout share and feature set.
OTHER_RUN = {"C": 0.05, "holdout_fraction": 0.4, "features": ["bill_length_mm", "island", "sex"]}


@pytest.mark.task(2)
def test_the_split_is_stratified_disjoint_and_seeded(penguins, base_config, split):
    holdout_share = len(split.holdout) / len(penguins)
    assert abs(holdout_share - base_config.holdout_fraction) < 0.01, (
        f"Task 2: the holdout should be {base_config.holdout_fraction:.0%} of the rows, "
        f"got {holdout_share:.1%}"
    )
    assert not set(split.train.index) & set(split.holdout.index), (
        "Task 2: no row may be both in the training rows and in the holdout"
    )
    shares = split.holdout[TARGET].value_counts(normalize=True)
    overall = penguins[TARGET].value_counts(normalize=True)
    assert (shares - overall).abs().max() < 0.02, (
        f"Task 2: stratify by species: holdout shares {shares.round(3).to_dict()} should "
        f"match the data's {overall.round(3).to_dict()}"
    )
    again = split_data(penguins, base_config.holdout_fraction, base_config.seed)
    other = split_data(penguins, base_config.holdout_fraction, base_config.seed + 1)
    assert list(again.holdout.index) == list(split.holdout.index), (
        "Task 2: the same seed must hold out the same rows"
    )
    assert list(other.holdout.index) != list(split.holdout.index), (
        "Task 2: another seed should hold out other rows: pass the seed to the split"
    )


@pytest.mark.task(2)
def test_the_model_is_a_pipeline_of_the_config(trained, base_config):
    model = trained.model
    assert isinstance(model, Pipeline) and isinstance(model[-1], LogisticRegression), (
        "Task 2: train should return a fitted sklearn Pipeline ending in LogisticRegression, "
        f"got {model!r}"
    )
    assert list(model.feature_names_in_) == list(base_config.features), (
        f"Task 2: fit on exactly the config's features, got {list(model.feature_names_in_)}"
    )
    assert model[-1].C == base_config.C and model[-1].max_iter == base_config.max_iter, (
        "Task 2: the logistic regression should take C and max_iter from the config"
    )


@pytest.mark.task(2)
def test_training_twice_gives_the_same_model(trained, base_config, split):
    again = train(base_config, split.train)
    assert np.array_equal(again.model[-1].coef_, trained.model[-1].coef_), (
        "Task 2: the same config and data must give exactly the same coefficients"
    )
    assert again.metrics == trained.metrics, (
        f"Task 2: the same run must give the same metrics, got {again.metrics} and "
        f"{trained.metrics}"
    )


@pytest.mark.task(2)
def test_the_model_handles_missing_values_and_unseen_categories(trained, split):
    rows = split.holdout.head(3).copy()
    rows.loc[rows.index[0], "bill_length_mm"] = np.nan
    rows.loc[rows.index[1], "island"] = "Anvers"
    rows.loc[rows.index[2], "sex"] = None
    predictions = trained.model.predict(rows[list(trained.model.feature_names_in_)])
    assert len(predictions) == 3, "Task 2: every row should get a prediction"


@pytest.mark.task(2)
def test_cross_validated_accuracy(trained, metric):
    assert "cv_accuracy" in trained.metrics, (
        f"Task 2: metrics should hold 'cv_accuracy', got {sorted(trained.metrics)}"
    )
    metric("cv_accuracy", trained.metrics["cv_accuracy"])


@pytest.mark.task(2)
def test_held_out_accuracy(trained, split, metric):
    metric("holdout_accuracy", accuracy(trained.model, split.holdout))


@pytest.mark.task(2)
@pytest.mark.parametrize("seed", [3, 11])
def test_a_run_at_another_seed_follows_the_config(penguins, config_file, seed):
    config = load_config(config_file(seed=seed, **OTHER_RUN))
    split = split_data(penguins, config.holdout_fraction, config.seed)
    train_rows, holdout_rows = train_test_split(
        penguins, test_size=0.4, stratify=penguins[TARGET], random_state=seed
    )
    assert (list(split.train.index), list(split.holdout.index)) == (
        list(train_rows.index),
        list(holdout_rows.index),
    ), (
        f"Task 2: holdout_fraction 0.4 and seed {seed} should split the rows as "
        "train_test_split(frame, test_size=0.4, stratify=frame[TARGET], random_state=seed)"
    )
    result = train(config, split.train)
    classifier = result.model[-1]
    assert (classifier.C, classifier.max_iter, classifier.random_state) == (0.05, 1000, seed), (
        f"Task 2: the logistic regression should take C, max_iter and the seed from the "
        f"config (0.05, 1000, {seed}), got ({classifier.C}, {classifier.max_iter}, "
        f"{classifier.random_state})"
    )
    features, labels = split.train[list(config.features)], split.train[TARGET]
    folds = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=seed)
    expected = cross_val_score(build_pipeline(config), features, labels, cv=folds).mean()
    assert result.metrics.get("cv_accuracy") == pytest.approx(expected, abs=1e-12), (
        f"Task 2: cv_accuracy should be the mean over StratifiedKFold({CV_FOLDS}, shuffle=True, "
        f"random_state={seed}) passed as cv=, {expected:.6f}; got {result.metrics}"
    )


@pytest.mark.task(2)
def test_a_missing_category_counts_as_the_most_frequent_one(trained, split):
    rows = split.holdout.head(8)
    features = list(trained.model.feature_names_in_)
    most_frequent = split.train["sex"].mode()[0]
    missing, imputed = rows[features].copy(), rows[features].copy()
    missing["sex"] = np.nan
    imputed["sex"] = most_frequent
    assert np.array_equal(
        trained.model.predict_proba(missing), trained.model.predict_proba(imputed)
    ), (
        f"Task 2: a missing sex should be imputed as the training rows' most frequent one "
        f"({most_frequent!r}) before one-hot encoding: impute first, then encode"
    )

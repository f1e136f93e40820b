"""Task 5: boosting that does not collapse on 0.2% fraud, and what it catches."""

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score

from fraud.models import caught_by_scenario, default_boosting, fraud_scores, weighted_boosting

MIN_GAIN_OVER_DEFAULT = 0.15


@pytest.mark.task(5)
def test_weighted_boosting_is_configured(seed):
    model = weighted_boosting(seed)
    assert isinstance(model, HistGradientBoostingClassifier), (
        f"Task 5: return a HistGradientBoostingClassifier, got {type(model).__name__}"
    )
    weights = model.class_weight
    weighted = weights == "balanced" or (isinstance(weights, dict) and weights[1] > weights[0])
    assert weighted, (
        "Task 5: weigh the fraud class up: class_weight='balanced' (or a dict giving class 1 "
        f"more weight than class 0); got class_weight={weights!r}"
    )
    assert model.early_stopping is False, (
        "Task 5: turn early stopping off (early_stopping=False): it would hold back 10% of the "
        f"few fraud rows and stop on a loss that barely moves; got {model.early_stopping!r}"
    )
    assert model.random_state == seed, (
        f"Task 5: seed the model (random_state={seed}), got {model.random_state!r}"
    )
    reseeded = weighted_boosting(seed + 5).random_state
    assert reseeded == seed + 5, (
        f"Task 5: weighted_boosting({seed + 5}) should give random_state={seed + 5}, got "
        f"{reseeded!r}: pass the seed argument on"
    )


@pytest.fixture(scope="session")
def boosting_pr_auc(boosting_scores, parts) -> float:
    return average_precision_score(parts["test"][1], boosting_scores["test"])


@pytest.mark.task(5)
def test_weights_rescue_boosting_from_the_trap(boosting_pr_auc, logistic, parts, seed):
    fit_features, fit_labels, _ = parts["fit"]
    test_features, test_labels, _ = parts["test"]
    trap = default_boosting(seed).fit(fit_features, fit_labels)
    default = average_precision_score(test_labels, fraud_scores(trap, test_features))
    linear = average_precision_score(test_labels, fraud_scores(logistic, test_features))
    assert boosting_pr_auc > default + MIN_GAIN_OVER_DEFAULT, (
        f"Task 5: default boosting stopped after {trap.n_iter_} rounds with test PR-AUC "
        f"{default:.3f}; your weighted boosting scored {boosting_pr_auc:.3f}, and should beat it "
        f"by at least {MIN_GAIN_OVER_DEFAULT}"
    )
    assert boosting_pr_auc > linear, (
        f"Task 5: your weighted boosting (test PR-AUC {boosting_pr_auc:.3f}) should beat the "
        f"logistic regression on the same features ({linear:.3f})"
    )


@pytest.mark.task(5)
def test_caught_by_scenario_by_hand():
    scenarios = pd.Series(["everyday", "card_testing", "everyday", "traveller", "card_testing"])
    flagged = np.array([False, True, True, False, False])
    caught = caught_by_scenario(scenarios, flagged)
    expected = {"everyday": 0.5, "card_testing": 0.5, "traveller": 0.0}
    assert isinstance(caught, pd.Series) and caught.to_dict() == expected, (
        f"Task 5: expected the share flagged per scenario {expected}, got {caught!r}"
    )
    assert list(caught.index) == list(expected) and caught.name == "caught", (
        "Task 5: index the result by scenario in order of first appearance, named 'caught'; "
        f"got index {list(caught.index)}, name {caught.name!r}"
    )


@pytest.mark.task(5)
def test_card_testing_is_caught_and_everyday_payments_pass(boosting_scores, split):
    test = split[2]
    scores = boosting_scores["test"]
    top = scores >= np.sort(scores)[-len(test) // 200]  # the 0.5% highest scores
    caught = caught_by_scenario(test["scenario"], top)
    assert caught["card_testing"] > 0.5 and caught["everyday"] < 0.01, (
        "Task 5: among the 0.5% highest test scores of your weighted boosting, expected most "
        "card-testing payments and under 1% of everyday ones; got "
        f"{caught.round(3).to_dict()}"
    )


@pytest.mark.task(5)
def test_weighted_boosting_pr_auc(metric, boosting_pr_auc):
    metric("boosting_pr_auc", boosting_pr_auc)

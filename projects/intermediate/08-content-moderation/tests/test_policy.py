"""Task 4: thresholds from costs, actions, the removal threshold for a precision, the report."""

import math

import numpy as np
import pytest

TARGET_PRECISION = 0.95


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("costs", "approve_below", "remove_from"),
    [
        ((8.0, 4.0, 1.0), 0.125, 0.75),
        ((16.0, 2.0, 0.5), 0.03125, 0.75),
        ((4.0, 4.0, 3.0), 0.5, 0.5),  # a review never pays: where approve and remove cost the same
        ((6.0, 2.0, 1.75), 0.25, 0.25),
        ((4.0, 2.0, 1.0), 0.25, 0.5),
    ],
)
def test_cost_policy(costs, approve_below, remove_from):
    from moderation.policy import Costs, Policy, cost_policy

    missed_harm, wrong_removal, review = costs
    got = cost_policy(Costs(missed_harm=missed_harm, wrong_removal=wrong_removal, review=review))
    want = Policy(approve_below, remove_from)
    assert got == want, f"Task 4: cost_policy(Costs{costs}) should be {want}, got {got}"


@pytest.mark.task(4)
def test_cost_policy_defaults():
    from moderation.policy import Costs, Policy, cost_policy

    assert cost_policy(Costs()) == Policy(0.1, 0.8), "Task 4: the default costs give (0.1, 0.8)"


@pytest.mark.task(4)
def test_decide_with_scores_on_the_thresholds():
    from moderation.policy import APPROVE, REMOVE, REVIEW, Policy, decide

    scores = np.array([0.0, 0.1249, 0.125, 0.5, 0.7499, 0.75, 1.0])
    got = decide(Policy(0.125, 0.75), scores)
    want = [APPROVE, APPROVE, REVIEW, REVIEW, REVIEW, REMOVE, REMOVE]
    assert list(got) == want and got.dtype == object, (
        f"Task 4: with approve_below 0.125 and remove_from 0.75, the actions of {scores.tolist()} "
        f"should be {want} (dtype object); got {list(got)} ({got.dtype})"
    )
    assert list(decide(Policy(0.5, 0.5), np.array([0.4, 0.5]))) == [APPROVE, REMOVE], (
        "Task 4: with both thresholds at 0.5, 0.5 is removed and nothing is reviewed"
    )


@pytest.mark.task(4)
def test_the_expected_cost_is_the_cheapest_action():
    from moderation.policy import APPROVE, REMOVE, Costs, cost_policy, decide

    rng = np.random.default_rng(23)
    for costs in (Costs(), Costs(9.0, 3.0, 0.7), Costs(3.0, 7.0, 2.5)):
        scores = rng.random(400)
        expected = np.stack(
            [
                scores * costs.missed_harm,
                np.full_like(scores, costs.review),
                (1 - scores) * costs.wrong_removal,
            ]
        )
        got = decide(cost_policy(costs), scores)
        index = np.select([got == APPROVE, got == REMOVE], [0, 2], default=1)
        paid = expected[index, np.arange(len(scores))]
        assert np.all(paid <= expected.min(axis=0) + 1e-12), (
            f"Task 4: with {costs}, every action should be one of the cheapest by expected cost"
        )


def oracle_threshold(y_true, scores, target):
    from sklearn.metrics import precision_recall_curve

    precision, _, thresholds = precision_recall_curve(y_true, scores)
    meets = np.flatnonzero(precision[:-1] >= target)
    return float(thresholds[meets[0]]) if meets.size else math.inf


@pytest.mark.task(4)
def test_removal_threshold_by_hand():
    from moderation.policy import removal_threshold

    y = np.array([1, 1, 0, 1, 0, 0])
    s = np.array([0.9, 0.8, 0.7, 0.6, 0.6, 0.1])
    # removing from 0.9: 1/1; 0.8: 2/2; 0.7: 2/3; 0.6: 3/5 (both posts at 0.6); 0.1: 3/6
    cases = {1.0: 0.8, 2 / 3: 0.7, 0.6: 0.6, 0.5: 0.1, 0.61: 0.7}
    for target, want in cases.items():
        got = removal_threshold(y, s, target)
        assert got == want, (
            f"Task 4: removal_threshold({y.tolist()}, {s.tolist()}, {target:.3f}) should be "
            f"{want}, got {got} (precisions 1, 1, 2/3, 3/5 (two posts at 0.6), 1/2)"
        )
    assert removal_threshold(np.array([0, 1]), np.array([0.9, 0.1]), 0.9) == math.inf, (
        "Task 4: no threshold reaches the precision: math.inf, remove nothing"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize("seed", [3, 8])
def test_removal_threshold_against_scikit_learn(seed):
    from moderation.policy import removal_threshold

    rng = np.random.default_rng(seed)
    y = (rng.random(500) < 0.3).astype(int)
    s = np.round(np.clip(0.3 + 0.4 * y + rng.normal(0, 0.2, 500), 0, 1), 2)  # many ties
    for target in (0.8, 0.9, 0.95):
        want = oracle_threshold(y, s, target)
        got = removal_threshold(y, s, target)
        assert got == want, (
            f"Task 4: removal_threshold at precision {target} should be {want} (as "
            f"sklearn's precision_recall_curve gives it), got {got}"
        )


@pytest.mark.task(4)
def test_at_precision_only_raises_the_removal_threshold():
    from moderation.policy import Policy, at_precision

    y = np.array([1, 1, 0, 1, 0, 0])
    s = np.array([0.9, 0.8, 0.7, 0.6, 0.6, 0.1])
    assert at_precision(Policy(0.2, 0.5), y, s, 1.0) == Policy(0.2, 0.8), (
        "Task 4: a removal threshold below the one that meets the precision is raised to it"
    )
    assert at_precision(Policy(0.2, 0.85), y, s, 1.0) == Policy(0.2, 0.85), (
        "Task 4: a removal threshold above it is kept"
    )


@pytest.mark.task(4)
def test_policy_report_by_hand():
    from moderation.policy import APPROVE, REMOVE, REVIEW, Costs, policy_report

    y = np.array([1, 0, 1, 0, 1, 0, 0, 1])
    actions = np.array([REMOVE, REMOVE, APPROVE, APPROVE, REVIEW, REVIEW, REVIEW, REMOVE])
    got = policy_report(y, actions, Costs(missed_harm=8.0, wrong_removal=4.0, review=1.0))
    want = {
        "removal_precision": 2 / 3,
        "review_share": 3 / 8,
        "missed": 1 / 4,
        "cost_per_post": (8.0 + 4.0 + 3.0) / 8,
    }
    assert got.keys() == want.keys() and all(
        math.isclose(got[key], want[key], abs_tol=1e-12) for key in want
    ), f"Task 4: policy_report should be {want}, got {got}"
    none = policy_report(np.array([0, 0]), np.array([APPROVE, REVIEW]), Costs())
    assert math.isnan(none["removal_precision"]) and math.isnan(none["missed"]), (
        f"Task 4: no removal and no unsafe post give NaN precision and missed, got {none}"
    )


@pytest.mark.task(4)
def test_the_policy_on_the_test_posts(fitted, calibration, scores, test_posts, metric, figure):
    from moderation.policy import Costs, at_precision, cost_policy, decide, policy_report

    calibration_scores = fitted.score(calibration.posts).late
    policy = at_precision(
        cost_policy(Costs()), calibration.label, calibration_scores, TARGET_PRECISION
    )
    report = policy_report(test_posts.label, decide(policy, scores.late), Costs())
    figure("cost_per_post", report["cost_per_post"])
    metric("removal_precision", report["removal_precision"])
    metric("review_share", report["review_share"])

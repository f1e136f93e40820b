"""Task 3: per-card velocity features that never look into the future."""

import numpy as np
import pandas as pd
import pytest

from fraud.features import NO_HISTORY_HOURS, RAW_FEATURES, VELOCITY_FEATURES, velocity_features
from fraud.models import fraud_scores, logistic_regression

MIN_LIFT = 0.1
BUSY_CARDS = 300
SLOW_LOOP_CARDS = 3


def hand_log() -> pd.DataFrame:
    """Two cards; card 7 pays twice at 10:30:00, and again 45 minutes and a day later."""
    rows = [
        # index, card, time, amount, merchant
        ("a", 7, "2024-03-01 10:00:00", 10.0, 1),
        ("b", 9, "2024-03-01 10:10:00", 50.0, 1),
        ("c", 7, "2024-03-01 10:30:00", 20.0, 2),
        ("d", 7, "2024-03-01 10:30:00", 30.0, 2),
        ("e", 7, "2024-03-01 11:15:00", 60.0, 1),
        ("f", 9, "2024-03-01 12:10:00", 5.0, 3),
        ("g", 7, "2024-03-02 10:30:00", 40.0, 3),
    ]
    frame = pd.DataFrame(rows, columns=["index", "card_id", "timestamp", "amount", "merchant_id"])
    frame["timestamp"] = pd.to_datetime(frame["timestamp"])
    return frame.set_index("index")


EXPECTED = pd.DataFrame(
    {
        # a: first payment of card 7. c and d: 30 min after a, at the same second as each other.
        # e: 45 min after c and d; a is 75 min back, outside the hour. g: exactly 24h after c, d.
        "count_1h": [0, 0, 1, 1, 2, 0, 0],
        "amount_1h": [0.0, 0.0, 10.0, 10.0, 50.0, 0.0, 0.0],
        "count_24h": [0, 0, 1, 1, 3, 1, 3],
        "amount_24h": [0.0, 0.0, 10.0, 10.0, 60.0, 50.0, 110.0],
        "hours_since_last": [NO_HISTORY_HOURS, NO_HISTORY_HOURS, 0.5, 0.0, 0.75, 2.0, 23.25],
        "amount_to_mean": [1.0, 1.0, 2.0, 2.0, 3.0, 0.1, 40 / 30],
        "new_merchant": [1, 1, 1, 0, 0, 1, 1],
    },
    index=pd.Index(list("abcdefg"), name="index"),
)


def compare(got: pd.DataFrame, expected: pd.DataFrame, context: str) -> None:
    assert list(got.columns) == list(VELOCITY_FEATURES), (
        f"Task 3: expected the columns {list(VELOCITY_FEATURES)}, got {list(got.columns)}"
    )
    assert list(got.index) == list(expected.index), (
        f"Task 3: {context}: return one row per input row, in the input's order and with its "
        f"index; expected index {list(expected.index)}, got {list(got.index)}"
    )
    for column in VELOCITY_FEATURES:
        values = got[column].to_numpy(dtype=float)
        wanted = expected[column].to_numpy(dtype=float)
        assert np.allclose(values, wanted), (
            f"Task 3: {context}: {column} should be {wanted.round(4).tolist()} for rows "
            f"{list(expected.index)}, got {values.round(4).tolist()} (a window holds the card's "
            "payments in [t - window, t): never the payment itself, nor one at the same second)"
        )


@pytest.mark.task(3)
def test_velocity_features_by_hand():
    compare(velocity_features(hand_log()), EXPECTED, "the hand-made log of cards 7 and 9")


@pytest.mark.task(3)
def test_input_order_does_not_matter():
    shuffled = hand_log().loc[list("gebfadc")]
    expected = EXPECTED.loc[list("gebfadc")]
    columns = ["hours_since_last", "amount_to_mean", "new_merchant"]
    expected.loc[["c", "d"], columns] = [[0.0, 20 / 20, 0], [0.5, 30 / 10, 1]]
    compare(
        velocity_features(shuffled),
        expected,
        "the same log in another row order (d now comes before c at the same second)",
    )


@pytest.fixture(scope="session")
def busy_cards_log(transactions) -> pd.DataFrame:
    """Every payment of the busiest cards: long histories, bursts, repeats."""
    busiest = transactions["card_id"].value_counts().index[:BUSY_CARDS]
    return transactions[transactions["card_id"].isin(busiest)]


@pytest.mark.task(3)
def test_later_payments_never_change_earlier_features(busy_cards_log):
    before = velocity_features(busy_cards_log)
    cutoff = busy_cards_log["timestamp"].quantile(0.5)
    later = busy_cards_log["timestamp"] >= cutoff
    changed = busy_cards_log.copy()
    changed.loc[later, "amount"] *= 100
    changed.loc[later, "merchant_id"] += 1
    extra = changed[later].iloc[::3].assign(amount=1.0)  # a burst of new later payments
    extra.index = extra.index + 10_000_000
    after = velocity_features(pd.concat([changed[~later], changed[later].iloc[1::2], extra]))
    earlier = busy_cards_log.index[~later]
    differs = ~np.isclose(before.loc[earlier].to_numpy(float), after.loc[earlier].to_numpy(float))
    rows, columns = np.nonzero(differs)
    assert not differs.any(), (
        f"Task 3: changing, removing or adding payments at or after {cutoff} changed the "
        f"features of {len(set(rows))} earlier payments (columns "
        f"{sorted({VELOCITY_FEATURES[c] for c in columns})}): a feature may only use the "
        "card's earlier payments"
    )


@pytest.mark.task(3)
def test_windows_match_a_slow_loop_on_real_cards(busy_cards_log):
    cards = busy_cards_log["card_id"].unique()[:SLOW_LOOP_CARDS]
    log = busy_cards_log[busy_cards_log["card_id"].isin(cards)]
    got = velocity_features(log)
    for card in cards:
        rows = log[log["card_id"] == card]
        times, amounts = rows["timestamp"].to_numpy(), rows["amount"].to_numpy()
        for index, time in zip(rows.index, times, strict=True):
            in_day = (times < time) & (times >= time - np.timedelta64(24, "h"))
            expected = (int(in_day.sum()), round(float(amounts[in_day].sum()), 2))
            actual = tuple(got.loc[index, ["count_24h", "amount_24h"]])
            assert np.allclose(actual, expected), (
                f"Task 3: payment {index} of card {card} at {time}: (count_24h, amount_24h) "
                f"should be {expected}, got {actual}"
            )


@pytest.fixture(scope="session")
def velocity_pr_auc(logistic, parts) -> float:
    from sklearn.metrics import average_precision_score

    features, labels, _ = parts["test"]
    return average_precision_score(labels, fraud_scores(logistic, features))


@pytest.mark.task(3)
def test_velocity_features_lift_the_linear_model(parts, velocity_pr_auc, seed):
    from sklearn.metrics import average_precision_score

    fit_features, fit_labels, _ = parts["fit"]
    test_features, test_labels, _ = parts["test"]
    raw = list(RAW_FEATURES)
    model = logistic_regression(seed).fit(fit_features[raw], fit_labels)
    raw_only = average_precision_score(test_labels, fraud_scores(model, test_features[raw]))
    assert velocity_pr_auc > raw_only + MIN_LIFT, (
        f"Task 3: the logistic regression scored PR-AUC {raw_only:.3f} on the test split with "
        f"the raw features alone and {velocity_pr_auc:.3f} with your velocity features too; "
        f"they should add at least {MIN_LIFT}"
    )


@pytest.mark.task(3)
def test_linear_model_with_velocity_features(metric, velocity_pr_auc):
    metric("velocity_pr_auc", velocity_pr_auc)

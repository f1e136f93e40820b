"""Task 1: a split by time, and the accuracy of approving everything."""

import numpy as np
import pandas as pd
import pytest

from fraud.data import FRAUD, LEGIT
from fraud.split import majority_baseline, time_split

MIN_TRAP_ACCURACY = 0.99


def small_log(times: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "timestamp": pd.to_datetime(times),
            "amount": np.arange(len(times), dtype=float) + 1,
        },
        index=[f"row{i}" for i in range(len(times))],
    )


@pytest.mark.task(1)
def test_split_is_by_time_and_loses_no_row(transactions):
    shuffled = transactions.sample(frac=1.0, random_state=0)
    earlier, later = time_split(shuffled, 0.2)
    assert earlier["timestamp"].max() < later["timestamp"].min(), (
        "Task 1: every payment of the first part must be earlier than every payment of the "
        f"second; got first part up to {earlier['timestamp'].max()}, second part from "
        f"{later['timestamp'].min()}"
    )
    ids = np.sort(np.r_[earlier["transaction_id"], later["transaction_id"]])
    assert np.array_equal(ids, np.sort(transactions["transaction_id"])), (
        f"Task 1: the two parts should hold each of the {len(transactions)} rows exactly once; "
        f"got {len(earlier)} + {len(later)} rows, {len(np.unique(ids))} distinct"
    )
    share = len(later) / len(transactions)
    assert share == pytest.approx(0.2, abs=0.001), (
        f"Task 1: test_share=0.2 should put about 20% of the rows in the second part, got "
        f"{share:.2%}"
    )
    for part, name in ((earlier, "first"), (later, "second")):
        assert part["timestamp"].is_monotonic_increasing, (
            f"Task 1: the {name} part should be sorted by time, whatever the input order"
        )
        assert part.index.isin(transactions.index).all(), (
            f"Task 1: keep the index of the input rows (the {name} part has new labels)"
        )
    unchanged = later.sort_index().equals(transactions.loc[later.index].sort_index())
    assert unchanged, "Task 1: the rows of each part should be the input's rows, unchanged"


@pytest.mark.task(1)
def test_payments_at_the_same_second_stay_together():
    log = small_log(
        ["2024-03-01 10:00", "2024-03-01 11:00", "2024-03-01 12:00", "2024-03-01 12:00",
         "2024-03-01 12:00", "2024-03-01 13:00"]
    )  # fmt: skip
    earlier, later = time_split(log, 0.5)  # position 3 is one of the three 12:00 rows
    assert list(earlier.index) == ["row0", "row1"] and len(later) == 4, (
        "Task 1: six payments, three of them at 12:00, split with test_share=0.5: the cutoff "
        "is the time of the row at position 3 (12:00), so rows before 12:00 come first and all "
        f"of 12:00 goes after; got first part {list(earlier.index)}, second {list(later.index)}"
    )


@pytest.mark.task(1)
def test_the_cutoff_row_is_at_the_floor_of_the_position():
    log = small_log([f"2024-03-01 {hour:02d}:00" for hour in range(10)])
    earlier, later = time_split(log, 0.25)  # 10 * 0.75 = 7.5 rounds down to position 7
    assert len(earlier) == 7 and len(later) == 3, (
        "Task 1: ten payments at different times, test_share=0.25: the cutoff is the row at "
        f"position floor(10 * 0.75) = 7, so 7 rows come first and 3 after; got {len(earlier)} "
        f"and {len(later)} (round down with np.floor, not round)"
    )


@pytest.mark.task(1)
def test_rows_at_the_same_time_keep_their_order():
    rng = np.random.default_rng(4)
    times = pd.Timestamp("2024-03-01") + pd.to_timedelta(rng.integers(0, 5, 200), unit="h")
    log = small_log(list(times.astype(str)))
    earlier, later = time_split(log, 0.2)
    expected = log.sort_values("timestamp", kind="stable").index
    got = earlier.index.append(later.index)
    assert got.equals(expected), (
        "Task 1: 200 payments at only 5 distinct times: rows at the same time should keep "
        'their order in the log (sort_values(..., kind="stable")); the default sort does '
        f"not. First rows expected {list(expected[:6])}, got {list(got[:6])}"
    )


@pytest.mark.task(1)
def test_a_share_too_small_to_leave_a_test_row_is_an_error():
    log = small_log(["2024-03-01 10:00", "2024-03-01 11:00", "2024-03-01 12:00"])
    with pytest.raises(ValueError):
        time_split(log, 1e-17)  # 1 - 1e-17 is 1.0: the cutoff would be past the last row


@pytest.mark.task(1)
@pytest.mark.parametrize("share", [0.0, 1.0, -0.1, 1.5])
def test_a_share_outside_zero_one_is_an_error(share):
    log = small_log(["2024-03-01 10:00", "2024-03-01 11:00", "2024-03-01 12:00"])
    with pytest.raises(ValueError, match=r"(?i)share"):
        time_split(log, share)


@pytest.mark.task(1)
def test_a_log_without_timestamps_is_an_error():
    log = small_log(["2024-03-01 10:00", "2024-03-01 11:00"]).rename(columns={"timestamp": "t"})
    with pytest.raises(ValueError, match="timestamp"):
        time_split(log, 0.5)


@pytest.mark.task(1)
def test_a_split_with_an_empty_side_is_an_error():
    same_second = small_log(["2024-03-01 10:00"] * 4)
    with pytest.raises(ValueError):
        time_split(same_second, 0.5)  # every row is at the cutoff: nothing comes before it
    with pytest.raises(ValueError):
        time_split(small_log(["2024-03-01 10:00"]), 0.5)


@pytest.mark.task(1)
def test_majority_baseline_by_hand():
    scores = majority_baseline(np.array([0, 0, 0, 1]), np.array([0, 1, 0, 0, 1]))
    assert (scores.predicted_class, scores.accuracy, scores.fraud_recall) == (LEGIT, 0.6, 0.0), (
        "Task 1: training labels [0, 0, 0, 1] make 0 the majority; on test labels "
        "[0, 1, 0, 0, 1] it is right 3 times of 5 and catches no fraud: expected (0, 0.6, 0.0), "
        f"got {scores}"
    )
    scores = majority_baseline(np.array([1, 1, 0]), np.array([1, 0, 1, 1]))
    assert (scores.predicted_class, scores.accuracy, scores.fraud_recall) == (FRAUD, 0.75, 1.0), (
        "Task 1: with fraud the training majority, every test row is called fraud: expected "
        f"(1, 0.75, 1.0), got {scores}"
    )
    scores = majority_baseline(np.array([1, 1, 0]), np.array([0, 0]))
    assert scores.fraud_recall == 0.0, (
        "Task 1: with no fraud in the test labels there is no fraud to catch, so fraud_recall "
        f"is 0.0 even when fraud is predicted; got {scores.fraud_recall}"
    )


@pytest.mark.task(1)
def test_the_accuracy_trap(split):
    fit, validation, test = split
    train_labels = np.r_[fit["is_fraud"], validation["is_fraud"]]
    scores = majority_baseline(train_labels, test["is_fraud"].to_numpy())
    assert scores.accuracy > MIN_TRAP_ACCURACY and scores.fraud_recall == 0.0, (
        "Task 1: approving every payment should be more than 99% accurate on the test split "
        f"and catch no fraud at all; got accuracy {scores.accuracy:.4f}, fraud recall "
        f"{scores.fraud_recall}. That is the trap: accuracy cannot judge a fraud model."
    )
    assert len(test) / (len(fit) + len(validation) + len(test)) == pytest.approx(0.2, abs=0.001), (
        "Task 1: the test split should be the last 20% of the log (TEST_SHARE)"
    )

"""Task 3: the funnel in pandas: strict and relaxed order, time to convert, segments, and
Wilson intervals."""

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from oracles import assert_same_table, funnel_oracle, wilson_by_roots

FIVE = ("landing", "product_view", "cart", "checkout", "purchase")


def hand_sessions(log_of):
    """Five sessions written to sit on every rule of a funnel."""
    rows = [
        # 0: the whole funnel in order
        (1, "a", "landing", 100),
        (2, "a", "product_view", 110),
        (3, "a", "cart", 120),
        (4, "a", "checkout", 130),
        (5, "a", "purchase", 140),
        # 1: checkout before the cart: strict stops after the cart, relaxed goes on
        (6, "b", "landing", 0, {"device": "mobile"}),
        (7, "b", "product_view", 5),
        (8, "b", "checkout", 15),
        (9, "b", "cart", 20),
        (10, "b", "checkout", 25),
        # 2: cart and checkout in the same second: in order
        (11, "c", "landing", 50),
        (12, "c", "product_view", 60),
        (13, "c", "checkout", 70),
        (14, "c", "cart", 70),
        # 3: a product first, then the landing page: strict stops after the landing
        (15, "d", "product_view", 0, {"device": "mobile"}),
        (16, "d", "landing", 7),
        (17, "d", "product_view", 9),
        # 4: no cart at all
        (18, "e", "landing", 0, {"device": "mobile"}),
        (19, "e", "product_view", 4),
        (20, "e", "checkout", 8),
    ]
    log = log_of(rows)
    log["session"] = log["user"].map({"a": 0, "b": 1, "c": 2, "d": 3, "e": 4})
    return log


@pytest.mark.task(3)
def test_wilson_interval_against_the_roots_of_its_quadratic():
    from journeys.funnel import wilson_interval

    successes = np.array([0, 1, 7, 50, 99, 100, 3])
    trials = np.array([10, 1, 20, 100, 100, 100, 3000])
    for confidence in (0.95, 0.8):
        low, high = wilson_interval(successes, trials, confidence=confidence)
        for k, (s, n) in enumerate(zip(successes, trials, strict=True)):
            expected = wilson_by_roots(int(s), int(n), confidence)
            assert low[k] == pytest.approx(expected[0], abs=1e-12) and high[k] == pytest.approx(
                expected[1], abs=1e-12
            ), (
                f"Task 3: the Wilson interval of {s}/{n} at confidence {confidence} is "
                f"({expected[0]:.6f}, {expected[1]:.6f}); got ({low[k]:.6f}, {high[k]:.6f})"
            )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low, high = wilson_interval(np.array([0, 0]), np.array([0, 5]))
    assert math.isnan(low[0]) and math.isnan(high[0]), "Task 3: over 0 trials, both ends are NaN"
    assert low[1] == pytest.approx(0.0, abs=1e-15), "Task 3: 0 of 5 has a lower end of 0"
    default = wilson_interval(np.array([7]), np.array([20]))
    assert default[0][0] == pytest.approx(wilson_by_roots(7, 20, 0.95)[0], abs=1e-12), (
        "Task 3: the default confidence is 0.95"
    )


@pytest.mark.task(3)
def test_step_times_strict_and_relaxed(log_of):
    from journeys.funnel import step_times

    sessions = hand_sessions(log_of)
    nan = math.nan
    expected = {
        True: [[0, 10, 20, 30, 40], [0, 5, 20, nan, nan], [0, 10, 20, 20, nan]]
        + [[7, nan, nan, nan, nan], [0, 4, nan, nan, nan]],
        False: [[0, 10, 20, 30, 40], [0, 5, 20, 20, nan], [0, 10, 20, 20, nan]]
        + [[7, 7, nan, nan, nan], [0, 4, nan, nan, nan]],
    }
    for strict, rows in expected.items():
        times = step_times(sessions, FIVE, strict=strict)
        want = pd.DataFrame(rows, index=range(5), columns=list(FIVE), dtype=float)
        assert list(times.columns) == list(FIVE) and list(times.index) == list(range(5)), (
            "Task 3: step_times has one row per session (indexed by session) and one "
            f"column per step; got columns {list(times.columns)}, index {list(times.index)}"
        )
        assert np.allclose(times.to_numpy(), want.to_numpy(), equal_nan=True, atol=0), (
            f"Task 3: seconds from each session's start to each step with strict={strict}"
            f"\nexpected\n{want}\ngot\n{times}"
        )


@pytest.mark.task(3)
def test_step_times_with_other_steps(log_of):
    from journeys.funnel import step_times

    sessions = hand_sessions(log_of)
    times = step_times(sessions, ("landing", "checkout", "cart"))
    expected = [0, 30, math.nan]
    assert list(times.columns) == ["landing", "checkout", "cart"]
    assert np.allclose(times.loc[0].to_numpy(), expected, equal_nan=True), (
        "Task 3: with steps (landing, checkout, cart), session 0 (cart at 20 s, checkout "
        f"at 30 s) reaches landing and checkout only, in strict order; got {times.loc[0].tolist()}"
    )
    assert np.allclose(times.loc[1].to_numpy(), [0, 15, 20]), (
        "Task 3: session 1 (checkout first at 15 s, cart at 20 s) reaches all three steps "
        f"of (landing, checkout, cart); got {times.loc[1].tolist()}"
    )
    late = step_times(sessions, ("checkout", "purchase"), strict=False)
    assert list(late.index) == list(range(5)), (
        "Task 3: every session has a row, even one without any event of the steps "
        f"(session 3 here); got the sessions {list(late.index)}"
    )
    assert late.loc[3].isna().all() and late.loc[0].tolist() == [30, 40]


@pytest.mark.task(3)
def test_funnel_of_the_hand_sessions_by_device(log_of):
    from journeys.funnel import funnel

    sessions = hand_sessions(log_of)
    table = funnel(sessions, FIVE, strict=True, by=["device"], confidence=0.9)
    expected = funnel_oracle(sessions, FIVE, strict=True, by=["device"], confidence=0.9)
    pd.testing.assert_frame_equal(
        table, expected, check_dtype=False, rtol=1e-12, obj="Task 3: funnel(by=['device'])"
    )
    desktop = table[table["device"] == "desktop"]
    assert desktop["sessions"].tolist() == [2, 2, 2, 2, 1]
    assert desktop["median_seconds"].tolist() == [0, 10, 20, 25, 40]


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("strict", "by", "confidence"),
    [(True, (), 0.95), (False, ("channel",), 0.9), (True, ("device", "channel"), 0.99)],
)
def test_funnel_of_the_simulated_shop(small_sessions, strict, by, confidence):
    from journeys.funnel import funnel

    table = funnel(small_sessions, FIVE, strict=strict, by=list(by), confidence=confidence)
    expected = funnel_oracle(small_sessions, FIVE, strict, by, confidence)
    assert_same_table(3, table, expected, f"strict={strict}, by={list(by)}")
    assert table.index.tolist() == list(range(len(table))), "Task 3: a fresh 0..n-1 index"


@pytest.mark.task(3)
def test_funnel_with_other_steps_and_empty_steps(small_sessions, log_of):
    from journeys.funnel import funnel

    steps = ("landing", "checkout", "cart")
    table = funnel(small_sessions, steps, strict=False, by=["device"])
    assert_same_table(3, table, funnel_oracle(small_sessions, steps, False, ["device"]), "steps")
    sessions = hand_sessions(log_of)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = funnel(sessions, ("purchase", "checkout"), by=["device"])
    expected = funnel_oracle(sessions, ("purchase", "checkout"), by=["device"])
    assert_same_table(3, table, expected, "steps no mobile session reaches, without a warning")


@pytest.mark.task(3)
def test_funnel_defaults(small_sessions):
    from journeys.funnel import funnel

    expected = funnel_oracle(small_sessions, FIVE)
    assert_same_table(3, funnel(small_sessions), expected, "the defaults")

"""Task 1: malformed rows set aside with their reason, duplicates dropped, bots dropped."""

import numpy as np
import pandas as pd
import pytest

BOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1)"


@pytest.mark.task(1)
def test_a_log_without_its_columns_is_refused_by_name(log_of):
    from journeys.cleaning import split_valid

    log = log_of([(1, "u1", "landing", 0)]).drop(columns=["channel", "received"])
    with pytest.raises(ValueError) as raised:
        split_valid(log)
    message = str(raised.value)
    assert "'channel'" in message and "'received'" in message, (
        f"Task 1: a log without 'channel' and 'received' must be refused with a ValueError "
        f"that names both missing columns; the message was {message!r}"
    )


@pytest.mark.task(1)
def test_each_malformed_row_gets_its_first_problem_as_its_reason(log_of):
    from journeys.cleaning import split_valid

    log = log_of(
        [
            (1, "u1", "landing", 0),
            (2, None, "landing", 1),
            (3, "u1", "prodcut_view", 2),
            (4, "u1", "cart", 3, {"channel": "tv"}),
            (5, "u1", "cart", np.nan),
            (6, None, "oops", 4),
            (7, "u2", "oops", 5, {"channel": "tv"}),
            (8, "u2", "cart", np.inf, {"channel": "radio"}),
            (9, "u2", "checkout", -np.inf),
            (10, "u2", "purchase", 6),
            (11, "u2", "purchase", 0, {"received": "n/a"}),
        ]
    )
    good, rejected = split_valid(log)
    assert good["event_id"].tolist() == [1, 10], (
        f"Task 1: the well-formed rows are events 1 and 10, in the log's order; "
        f"got events {good['event_id'].tolist()}"
    )
    pd.testing.assert_frame_equal(good, log.loc[[0, 9]], obj="Task 1: the good rows, untouched")
    expected = {
        2: "user missing",
        3: "unknown event 'prodcut_view'",
        4: "unknown channel 'tv'",
        5: "received time missing",
        6: "user missing",
        7: "unknown event 'oops'",
        8: "unknown channel 'radio'",
        9: "received time missing",
        11: "received time missing",
    }
    got = dict(zip(rejected["event_id"], rejected["reason"], strict=True))
    assert got == expected, (
        "Task 1: each malformed row's reason is its first problem, checked in the order "
        "user, event, channel, received time (a time that is not a number is missing too)."
        f"\nexpected {expected}\ngot      {got}"
    )
    pd.testing.assert_frame_equal(
        rejected.drop(columns="reason"),
        log.loc[[*range(1, 9), 10]],
        obj="Task 1: the rejected rows, untouched",
    )


@pytest.mark.task(1)
def test_nothing_is_lost_on_a_simulated_log(small_shop):
    from journeys.cleaning import split_valid
    from journeys.simulator import CHANNELS, STEPS

    log = small_shop.log
    good, rejected = split_valid(log)
    well_formed = (
        log["user"].notna()
        & log["event"].isin(STEPS)
        & log["channel"].isin(CHANNELS)
        & np.isfinite(log["received"])
    )
    assert good.index.tolist() == log.index[well_formed].tolist(), (
        f"Task 1: of {len(log)} rows, {int(well_formed.sum())} are well formed; "
        f"you kept {len(good)}"
    )
    assert rejected.index.tolist() == log.index[~well_formed].tolist(), (
        f"Task 1: every other row must be in the rejected frame; expected "
        f"{int((~well_formed).sum())} rows, got {len(rejected)}"
    )


@pytest.mark.task(1)
def test_the_first_receipt_of_an_event_is_kept(log_of):
    from journeys.cleaning import drop_duplicates

    log = log_of(
        [
            (1, "u1", "landing", 10, {"device": "late"}),
            (2, "u1", "cart", 20),
            (1, "u1", "landing", 5, {"device": "first"}),
            (3, "u1", "checkout", 30, {"device": "first"}),
            (3, "u1", "checkout", 30, {"device": "tie, later row"}),
            (1, "u1", "landing", 12, {"device": "later still"}),
        ]
    )
    kept = drop_duplicates(log)
    assert kept.index.tolist() == [1, 2, 3], (
        "Task 1: keep each event_id's earliest receipt (on a tie in time, the earlier row), "
        f"in the log's order: rows [1, 2, 3]; got rows {kept.index.tolist()}"
    )
    assert kept["device"].tolist() == ["desktop", "first", "first"]


@pytest.mark.task(1)
def test_duplicates_of_a_simulated_log(small_shop):
    from journeys.cleaning import drop_duplicates

    log = small_shop.log.dropna(subset=["received"])
    expected = log.loc[sorted(log.groupby("event_id")["received"].idxmin())]
    kept = drop_duplicates(log)
    assert kept.index.tolist() == expected.index.tolist(), (
        f"Task 1: {len(log)} rows hold {len(expected)} distinct events; you kept {len(kept)} "
        "rows, or not the first receipt of each, or not in the log's order"
    )


@pytest.mark.task(1)
def test_bots_by_their_user_agent(log_of):
    from journeys.cleaning import bot_users

    log = log_of(
        [
            (1, "human", "landing", 0),
            (2, "google", "landing", 0, {"user_agent": BOT_AGENT}),
            (3, "shouting", "landing", 0, {"user_agent": "SITE-CRAWLER/1.0"}),
            (4, "spider", "landing", 0),
            (5, "spider", "landing", 500, {"user_agent": "a Spider"}),
            (6, "robot-fan", "landing", 0, {"user_agent": "Mozilla/5.0 Chrome"}),
        ]
    )
    found = bot_users(log)
    assert found == {"google", "shouting", "spider"}, (
        "Task 1: a user is a bot when any of their user agents matches bot, crawler or "
        f"spider in any case (the user's name does not matter); got {sorted(found)}"
    )


@pytest.mark.task(1)
def test_bots_by_their_rate_with_the_window_on_its_ends(log_of):
    from journeys.cleaning import bot_users

    def user(name, times):
        return [(k, name, "landing", t) for k, t in enumerate(times)]

    rows = (
        user("four_in_59s", [100, 120, 140, 159])
        + user("three_then_60s", [0, 1, 2, 60])
        + user("three", [7, 8, 9, 200, 201, 202])
        + user("four_unsorted", [300, 250, 270, 299])
    )
    found = bot_users(log_of(rows), max_per_minute=3)
    assert found == {"four_in_59s", "four_unsorted"}, (
        "Task 1: with max_per_minute=3 a user is a bot when 4 or more events fall in one "
        "[t, t + 60) window: 4 events within 59 s are a bot; 3 events, or an event exactly "
        f"60 s after the first, are not. Got {sorted(found)}"
    )
    relaxed = bot_users(log_of(user("twenty", np.arange(20.0))))
    strict = bot_users(log_of(user("twenty_one", np.arange(21.0))))
    assert (relaxed, strict) == (frozenset(), {"twenty_one"}), (
        "Task 1: by default (20 per minute) 20 events in a minute are human, 21 a bot; "
        f"got {sorted(relaxed)} and {sorted(strict)}"
    )


@pytest.mark.task(1)
def test_the_simulated_bots_are_found_and_no_human(small_shop):
    from journeys.cleaning import clean_log

    clean = clean_log(small_shop.log)
    assert clean.bots == small_shop.bots, (
        f"Task 1: the simulated shop has {len(small_shop.bots)} bots; you found "
        f"{len(clean.bots)}, missing {sorted(small_shop.bots - clean.bots)[:5]} and "
        f"wrongly {sorted(clean.bots - small_shop.bots)[:5]}"
    )
    humans = small_shop.visits["event_id"].nunique()
    assert clean.events["event_id"].nunique() == len(clean.events) <= humans

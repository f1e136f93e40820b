"""Tasks 1 and 2: the online feature store and the offline point-in-time features."""

import numpy as np
import pandas as pd
import pytest

from streamrec.features import (
    EVENT_FIELDS,
    FEATURE_NAMES,
    BadEvent,
    OnlineFeatureStore,
    check_event,
    ingest_all,
    offline_features,
    serve_features,
)

WINDOW, PRIOR_CTR, PRIOR_WEIGHT = 100, 0.25, 4.0


def event(timestamp, user=1, item=2, clicked=0):
    return {"timestamp": timestamp, "user": user, "item": item, "clicked": clicked}


def expected(clicks, impressions, prior_ctr=PRIOR_CTR, prior_weight=PRIOR_WEIGHT):
    return (clicks + prior_weight * prior_ctr) / (impressions + prior_weight)


def brute_force(log, requests, window, prior_ctr, prior_weight) -> pd.DataFrame:
    """The oracle: for each request, filter the log by hand."""
    rows = []
    for _, request in requests.iterrows():
        t = request["timestamp"]
        in_window = (log["timestamp"] >= t - window) & (log["timestamp"] < t)
        row = {}
        for entity in ("user", "item"):
            seen = log.loc[in_window & (log[entity] == request[entity]), "clicked"]
            row[f"{entity}_impressions"] = len(seen)
            row[f"{entity}_clicks"] = int(seen.sum())
            row[f"{entity}_ctr"] = expected(seen.sum(), len(seen), prior_ctr, prior_weight)
        rows.append(row)
    return pd.DataFrame(rows, index=requests.index, columns=list(FEATURE_NAMES))


def assert_same_features(got: pd.DataFrame, want: pd.DataFrame, task: int, what: str) -> None:
    assert list(got.columns) == list(FEATURE_NAMES), (
        f"Task {task}: {what}: the columns should be {list(FEATURE_NAMES)}, got {list(got.columns)}"
    )
    assert got.index.equals(want.index), (
        f"Task {task}: {what}: the result should be indexed like the requests"
    )
    differ = ~np.isclose(got.to_numpy(float), want.to_numpy(float), rtol=0, atol=1e-12)
    if differ.any():
        row, column = np.argwhere(differ)[0]
        raise AssertionError(
            f"Task {task}: {what}: {FEATURE_NAMES[column]} of request {want.index[row]} "
            f"({want.index[row]!r}) should be {want.iloc[row, column]!r}, got "
            f"{got.iloc[row, column]!r}. A read at t counts the events with "
            "t - window <= timestamp < t."
        )


# Task 1: checking events ------------------------------------------------------------


@pytest.mark.task(1)
def test_a_good_event_is_returned_as_four_integers():
    got = check_event({"timestamp": np.int64(50), "user": 3, "item": 0, "clicked": 1}, clock=50)
    assert got == (50, 3, 0, 1), f"Task 1: expected (50, 3, 0, 1), got {got!r}"
    assert all(type(value) is int for value in got), f"Task 1: return plain ints, got {got!r}"
    assert check_event(event(0, clicked=0), clock=None) == (0, 1, 2, 0)


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("bad", "clock", "named"),
    [
        ({"user": 1, "item": 2, "clicked": 0}, None, "timestamp"),
        ({"timestamp": 5, "item": 2, "clicked": 0}, None, "user"),
        ({"timestamp": 5, "user": 1, "clicked": 0}, None, "item"),
        ({"timestamp": 5, "user": 1, "item": 2}, None, "clicked"),
        (event(5.0), None, "timestamp"),
        (event("5"), None, "timestamp"),
        (event(5, user=1.5), None, "user"),
        (event(5, item=None), None, "item"),
        (event(5, clicked=True), None, "clicked"),
        (event(5, user=-1), None, "user"),
        (event(5, item=-3), None, "item"),
        (event(5, clicked=2), None, "clicked"),
        (event(5, clicked=-1), None, "clicked"),
        (event(5), 6, "timestamp"),
        ({"user": -1, "item": 2, "clicked": 0}, None, "timestamp"),
        ({"timestamp": 1.5, "user": -1, "item": 2, "clicked": 0}, None, "timestamp"),
        (event(5, user=-1, clicked=3), 9, "user"),
        (event(5, clicked=3), 9, "clicked"),
    ],
)
def test_a_bad_event_is_refused_by_name(bad, clock, named):
    with pytest.raises(BadEvent) as refused:
        check_event(bad, clock)
    message = str(refused.value)
    others = [field for field in EVENT_FIELDS if field != named and repr(field) in message]
    assert repr(named) in message and not others, (
        f"Task 1: the event {bad!r} (clock {clock}) should be refused naming {named!r} (the "
        f"first problem in the docstring's order, quoted), got {message!r}"
    )


@pytest.mark.task(1)
def test_a_refused_event_changes_nothing_and_the_good_ones_are_kept():
    store = OnlineFeatureStore(window=WINDOW)
    events = [event(10, clicked=1), event(9), event(12, user=-1), event(12), {"user": 1}]
    refused = ingest_all(store, events)
    assert [position for position, _ in refused] == [1, 2, 4], (
        f"Task 1: events 1 (late), 2 (negative user) and 4 (fields missing) should be refused, "
        f"got {refused!r}"
    )
    assert store.clock == 12, f"Task 1: the clock should be 12, got {store.clock!r}"
    assert store.kept("user", 1) == 2 and store.kept("item", 2) == 2, (
        "Task 1: the two good events should be kept for user 1 and item 2, got "
        f"{store.kept('user', 1)} and {store.kept('item', 2)}"
    )
    assert store.kept("user", -1) == 0, "Task 1: a refused event must leave nothing behind"


# Task 1: reading and forgetting ----------------------------------------------------


@pytest.mark.task(1)
def test_a_read_sees_exactly_the_window_before_t():
    store = OnlineFeatureStore(window=WINDOW, prior_ctr=PRIOR_CTR, prior_weight=PRIOR_WEIGHT)
    for e in [
        event(0, clicked=1),
        event(40, item=7, clicked=1),
        event(99, user=5, clicked=0),
        event(100, clicked=1),
    ]:
        store.ingest(e)
    cases = {
        # t: user 1's (impressions, clicks), item 2's (impressions, clicks)
        100: ((2, 2), (2, 1)),  # the event at t - window counts, the one at t does not
        101: ((2, 2), (2, 1)),  # 0 falls out, 100 comes in
        140: ((2, 2), (2, 1)),
        141: ((1, 1), (2, 1)),  # 40 falls out
        199: ((1, 1), (2, 1)),
        200: ((1, 1), (1, 1)),  # 99 falls out
        201: ((0, 0), (0, 0)),
    }
    for t, ((user_seen, user_clicks), (item_seen, item_clicks)) in cases.items():
        got = store.read(1, 2, t)
        want = {
            "user_impressions": user_seen,
            "user_clicks": user_clicks,
            "user_ctr": expected(user_clicks, user_seen),
            "item_impressions": item_seen,
            "item_clicks": item_clicks,
            "item_ctr": expected(item_clicks, item_seen),
        }
        assert set(got) == set(FEATURE_NAMES), (
            f"Task 1: read should return the keys {FEATURE_NAMES}, got {sorted(got)}"
        )
        for name in FEATURE_NAMES:
            assert got[name] == pytest.approx(want[name], abs=1e-12), (
                f"Task 1: read(user=1, item=2, t={t}) with window {WINDOW}: {name} should be "
                f"{want[name]}, got {got[name]} (the window is [t - window, t): an event at "
                "t - window counts, one at t does not)"
            )


@pytest.mark.task(1)
def test_a_new_entity_reads_the_prior_and_defaults_apply():
    store = OnlineFeatureStore()
    store.ingest(event(0, clicked=1))
    got = store.read(8, 9, 3600)
    assert got["user_impressions"] == 0 and got["user_ctr"] == pytest.approx(0.1), (
        f"Task 1: an unseen user reads 0 impressions and the default prior 0.1, got {got!r}"
    )
    got = store.read(1, 2, 3600)
    assert got["user_impressions"] == 1 and got["item_ctr"] == pytest.approx(2 / 11), (
        f"Task 1: by default the window is 3600 s and the prior 0.1 with weight 10, got {got!r}"
    )
    assert store.read(1, 2, 3601)["item_impressions"] == 0


@pytest.mark.task(1)
def test_a_read_before_the_clock_is_refused():
    store = OnlineFeatureStore(window=WINDOW)
    store.read(1, 2, 0)
    store.ingest(event(50))
    store.read(1, 2, 50)
    with pytest.raises(ValueError, match="clock"):
        store.read(1, 2, 49)


@pytest.mark.task(1)
def test_the_store_forgets_what_no_read_can_ask_for():
    store = OnlineFeatureStore(window=WINDOW)
    for timestamp in (0, 30, 60):
        store.ingest(event(timestamp, item=timestamp))
    store.ingest(event(100, item=0))
    assert store.kept("user", 1) == 4 and store.kept("item", 0) == 2, (
        "Task 1: at clock 100 with window 100 an event at 0 is still needed (a read at 100 "
        f"counts it): kept {store.kept('user', 1)} events of user 1, expected 4"
    )
    store.ingest(event(131))
    assert store.kept("user", 1) == 3, (
        f"Task 1: at clock 131 the events at 0 and 30 are forgotten, got {store.kept('user', 1)}"
        " kept of user 1, expected 3"
    )


@pytest.mark.task(1)
def test_memory_stays_bounded_on_a_stream(small_stream):
    log = small_stream.log
    window = 300
    store = OnlineFeatureStore(window=window)
    events = log[list(EVENT_FIELDS)].to_numpy()
    for position, row in enumerate(events[:3000]):
        store.ingest(dict(zip(EVENT_FIELDS, row.tolist(), strict=True)))
        if position % 97 == 0:
            past = events[: position + 1]
            recent = past[past[:, 0] >= row[0] - window]
            for column, entity in ((1, "user"), (2, "item")):
                want = int(np.sum(recent[:, column] == row[column]))
                assert store.kept(entity, int(row[column])) == want, (
                    f"Task 1: after event {position} the store should keep {want} events of "
                    f"{entity} {row[column]} (those at or after clock - window), "
                    f"got {store.kept(entity, int(row[column]))}"
                )


# Task 2: the offline features ---------------------------------------------------------


def hand_log():
    return pd.DataFrame(
        {
            "timestamp": [100, 0, 40, 99, 100, 160],
            "user": [1, 1, 1, 5, 5, 1],
            "item": [2, 2, 7, 2, 2, 2],
            "clicked": [1, 1, 1, 0, 1, 0],
        },
        index=[10, 11, 12, 13, 14, 15],
    )


@pytest.mark.task(2)
def test_offline_features_by_hand():
    log = hand_log()
    requests = pd.DataFrame(
        {
            "timestamp": [100, 101, 141, 100, 250, 5],
            "user": [1, 1, 1, 5, 9, 1],
            "item": [2, 2, 7, 3, 2, 2],
        },
        index=["a", "b", "c", "d", "e", "f"],
    )
    got = offline_features(
        log, requests, window=WINDOW, prior_ctr=PRIOR_CTR, prior_weight=PRIOR_WEIGHT
    )
    assert_same_features(
        got, brute_force(log, requests, WINDOW, PRIOR_CTR, PRIOR_WEIGHT), 2, "a hand-made log"
    )
    assert got.loc["a", "user_impressions"] == 2 and got.loc["a", "item_impressions"] == 2


@pytest.mark.task(2)
def test_offline_features_with_the_defaults(small_stream):
    log = small_stream.log
    requests = log.sample(150, random_state=3)
    assert_same_features(
        offline_features(log, requests),
        brute_force(log, requests, 3600, 0.1, 10.0),
        2,
        "150 impressions of the stream, default window and prior",
    )


@pytest.mark.task(2)
def test_offline_features_of_a_shuffled_log(small_stream):
    log = small_stream.log
    requests = log.sample(120, random_state=4)
    shuffled = log.sample(frac=1.0, random_state=5)
    assert_same_features(
        offline_features(shuffled, requests, window=450, prior_ctr=0.3, prior_weight=2.5),
        brute_force(log, requests, 450, 0.3, 2.5),
        2,
        "a log that is not in time order, window 450",
    )


@pytest.mark.task(2)
def test_offline_features_never_see_the_future(small_stream):
    log = small_stream.log
    cut = int(log["timestamp"].iloc[len(log) // 2])
    requests = log[log["timestamp"] <= cut].sample(300, random_state=6)
    rewritten = log.copy()
    future = rewritten["timestamp"] >= cut
    rewritten.loc[future, "clicked"] = 1 - rewritten.loc[future, "clicked"]
    rewritten.loc[future, "user"] = rewritten.loc[future, "user"].to_numpy()[::-1]
    before = offline_features(log, requests, window=900)
    after = offline_features(rewritten, requests, window=900)
    assert_same_features(
        after, before, 2, f"after rewriting every event from t={cut} on (requests up to {cut})"
    )


@pytest.mark.task(2)
def test_online_equals_offline_for_every_impression(small_stream, metric):
    log = small_stream.log
    params = {"window": 600, "prior_ctr": 0.2, "prior_weight": 4.0}
    online = serve_features(log, OnlineFeatureStore(**params))
    offline = offline_features(log, log, **params)
    mismatches = int(
        (~np.isclose(online.to_numpy(), offline.to_numpy(float), rtol=0, atol=1e-12))
        .any(axis=1)
        .sum()
    )
    metric("online_offline_mismatches", mismatches)

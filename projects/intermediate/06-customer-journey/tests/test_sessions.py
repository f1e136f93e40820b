"""Task 2: sessions by the inactivity rule, on the server's clock."""

import pytest


@pytest.mark.task(2)
def test_a_gap_of_exactly_the_timeout_continues_the_session(log_of):
    from journeys.sessions import sessionise

    log = log_of(
        [
            (5, "b", "landing", 100),
            (1, "a", "landing", 0),
            (3, "a", "cart", 3601),
            (2, "a", "product_view", 1800),
            (4, "a", "checkout", 3601 + 1801),
            (6, "b", "cart", 100 + 1799),
        ]
    )
    sessions = sessionise(log)
    assert sessions["event_id"].tolist() == [1, 2, 3, 4, 5, 6], (
        "Task 2: sort by user, then received time, then event_id; got the events in the "
        f"order {sessions['event_id'].tolist()}"
    )
    assert sessions["session"].tolist() == [0, 0, 1, 2, 3, 3], (
        "Task 2: a gap of exactly 1800 s continues a session, 1801 s starts one, and each "
        f"user starts a new one: expected [0, 0, 1, 2, 3, 3], got {sessions['session'].tolist()}"
    )
    assert sessions.index.tolist() == list(range(6)), "Task 2: return a fresh 0..n-1 index"
    assert list(sessions.columns) == [*log.columns, "session"], (
        f"Task 2: the columns are the events' own, then `session`; got {list(sessions.columns)}"
    )


@pytest.mark.task(2)
def test_the_timeout_is_a_parameter(log_of):
    from journeys.sessions import sessionise

    log = log_of([(1, "a", "landing", 0), (2, "a", "cart", 600), (3, "a", "checkout", 1201)])
    sessions = sessionise(log, timeout=600)
    assert sessions["session"].tolist() == [0, 0, 1], (
        "Task 2: with timeout=600 a gap of 600 s continues the session and one of 601 s "
        f"ends it; got {sessions['session'].tolist()}"
    )


@pytest.mark.task(2)
def test_the_server_clock_not_the_device_clock(log_of):
    from journeys.sessions import sessionise

    log = log_of(
        [
            (1, "a", "landing", 0, {"sent": 0}),
            (2, "a", "product_view", 60, {"device": "mobile", "sent": 60 + 7200}),
            (3, "a", "cart", 120, {"sent": 120}),
            (4, "a", "checkout", 130, {"sent": 130}),
            (5, "a", "purchase", 130, {"sent": 10}),
        ]
    )
    sessions = sessionise(log)
    assert sessions["event_id"].tolist() == [1, 2, 3, 4, 5], (
        "Task 2: order by `received` (ties by event_id): `sent` comes from device clocks "
        f"that can be hours wrong; got {sessions['event_id'].tolist()}"
    )
    assert sessions["session"].tolist() == [0] * 5, (
        "Task 2: these five events came within two minutes by the server's clock: one "
        f"session; got {sessions['session'].tolist()}"
    )


@pytest.mark.task(2)
def test_the_simulated_visits_are_found_exactly(small_shop, small_sessions):
    from journeys.cleaning import clean_log
    from journeys.sessions import sessionise

    sessions = sessionise(clean_log(small_shop.log).events)
    expected = small_sessions.set_index("event_id")["session"]
    got = sessions.set_index("event_id")["session"].reindex(expected.index)
    wrong = int((got != expected).sum())
    assert wrong == 0 and len(sessions) == len(expected), (
        f"Task 2: the simulated shop's {expected.nunique()} visits are its sessions; "
        f"{wrong} of {len(expected)} events got another session number (you found "
        f"{sessions['session'].nunique()} sessions in {len(sessions)} events)"
    )

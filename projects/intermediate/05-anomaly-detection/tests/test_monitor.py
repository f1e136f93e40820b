"""Task 3: the monitor: bad events refused, late ones dropped, gaps found, signals exact."""

import math

import numpy as np
import pandas as pd
import pytest
from oracles import monitor_signals

SEED = 19
START = pd.Timestamp("2010-06-01 08:00")
STEP = pd.Timedelta(minutes=5)
PARAMS = {
    "jump_window": 10,
    "level_alpha": 0.2,
    "jump_threshold": 5.0,
    "level_threshold": 3.0,
    "stuck_readings": 4,
}


def wandering(n: int, seed: int = SEED) -> np.ndarray:
    """Whole numbers that wander, with flat runs and a jump: every signal has work."""
    rng = np.random.default_rng(seed)
    values = np.round(140 + np.cumsum(rng.normal(0, 4, n)))
    values[40:49] = values[40]
    values[70] += 80
    values[90:] += 50
    return np.clip(values, 40, 400)


def events_of(values, start=START, step=STEP) -> list[dict]:
    return [
        {"sensor": "cgm-1", "time": (start + i * step).isoformat(), "value": float(v)}
        for i, v in enumerate(values)
    ]


def signals_table(scores) -> pd.DataFrame:
    return pd.DataFrame([score.signals for score in scores])[["jump", "level", "flatline"]]


def assert_signals(scores, expected: pd.DataFrame, what: str) -> None:
    got = signals_table(scores)
    assert len(got) == len(expected), (
        f"Task 3: {what}: expected {len(expected)} scores, got {len(got)}"
    )
    close = np.isclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12, atol=1e-12)
    if not close.all():
        row, column = np.argwhere(~close)[0]
        name = expected.columns[column]
        raise AssertionError(
            f"Task 3: {what}: the {name!r} signal of reading {row} should be "
            f"{expected.iloc[row, column]!r}, got {got.iloc[row, column]!r}. jump is |robust z| "
            "of the change from the last reading (0 for a first reading) / jump_threshold; "
            "level is |EWMA z| of the value / level_threshold; flatline is the readings in a "
            "row equal to the one before / stuck_readings; NaN counts as 0"
        )
    scores_ok = all(s.score == max(s.signals.values()) for s in scores)
    assert scores_ok, "Task 3: each Score's score should be the largest of its signals"


@pytest.mark.task(3)
def test_a_good_event_becomes_a_reading():
    from monitoring.monitor import Reading, parse_reading

    got = parse_reading({"sensor": "cgm-1", "time": "2010-06-01T08:05:00", "value": 0})
    assert got == Reading(pd.Timestamp("2010-06-01 08:05"), 0.0) and type(got.value) is float, (
        "Task 3: {'time': '2010-06-01T08:05:00', 'value': 0} should give "
        f"Reading(Timestamp('2010-06-01 08:05'), 0.0), a float (0 is a valid reading); got {got!r}"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("event", "named"),
    [
        (["2010-06-01T08:05:00", 120.0], "object"),
        ({"value": 120.0}, "time"),
        ({"time": "2010-06-01T08:05:00"}, "value"),
        ({"time": "yesterday", "value": 120.0}, "time"),
        ({"time": None, "value": 120.0}, "time"),
        ({"time": "2010-06-01T08:05:00", "value": "120"}, "number"),
        ({"time": "2010-06-01T08:05:00", "value": True}, "number"),
        ({"time": "2010-06-01T08:05:00", "value": None}, "number"),
        ({"time": "2010-06-01T08:05:00", "value": float("nan")}, "finite"),
        ({"time": "2010-06-01T08:05:00", "value": float("-inf")}, "finite"),
        ({"time": "2010-06-01T08:05:00", "value": -0.5}, "negative"),
    ],
)
def test_a_bad_event_is_refused_with_a_reason(event, named):
    from monitoring.monitor import BadReading, parse_reading

    with pytest.raises(BadReading) as refusal:
        parse_reading(event)
    assert named in str(refusal.value), (
        f"Task 3: parse_reading({event!r}) should raise BadReading with a message that says "
        f"{named!r}; got {str(refusal.value)!r}"
    )


@pytest.mark.task(3)
def test_signals_of_a_clean_stream_equal_the_batch_ones():
    from monitoring.monitor import Monitor

    values = wandering(160)
    monitor = Monitor(**PARAMS)
    scores = [monitor.process(event) for event in events_of(values)]
    assert all(score is not None for score in scores), "Task 3: every good reading gets a Score"
    assert [s.time for s in scores] == [START + i * STEP for i in range(len(values))], (
        "Task 3: each Score carries its reading's time"
    )
    assert [s.value for s in scores] == list(values), "Task 3: each Score carries its value"
    assert_signals(scores, monitor_signals(values, **PARAMS), f"Monitor({PARAMS})")
    assert monitor.counts == {"scored": 160, "refused": 0, "late": 0, "gaps": 0}, (
        f"Task 3: after 160 good readings in order, counts should say 160 scored: {monitor.counts}"
    )


@pytest.mark.task(3)
def test_the_default_signals():
    from monitoring.monitor import Monitor

    values = wandering(120, seed=23)
    monitor = Monitor()
    scores = [monitor.process(event) for event in events_of(values)]
    defaults = {
        "jump_window": 24,
        "level_alpha": 0.1,
        "jump_threshold": 12.0,
        "level_threshold": 8.0,
        "stuck_readings": 18,
    }
    assert_signals(scores, monitor_signals(values, **defaults), "Monitor() with its defaults")


@pytest.mark.task(3)
def test_a_messy_stream_scores_exactly_the_readings_it_keeps(glucose):
    from monitoring.data import to_events
    from monitoring.monitor import Monitor, parse_reading

    readings = glucose.iloc[:1500]
    events = to_events(
        readings, seed=SEED, late_fraction=0.05, duplicate_fraction=0.04, malformed_fraction=0.03
    )
    kept, late, refused, last = [], 0, 0, None
    for event in events:
        if not (
            isinstance(event, dict)
            and "time" in event
            and isinstance(event.get("value"), float)
            and math.isfinite(event["value"])
            and event["value"] >= 0
            and event["time"] != "yesterday"
        ):
            refused += 1
        elif last is not None and pd.Timestamp(event["time"]) <= last:
            late += 1
        else:
            kept.append(parse_reading(event))
            last = kept[-1].time
    monitor = Monitor(**PARAMS, max_gap=pd.Timedelta(days=1))
    scores = [s for s in map(monitor.process, events) if s is not None]
    assert monitor.counts == {"scored": len(kept), "refused": refused, "late": late, "gaps": 0}, (
        f"Task 3: the messy stream holds {refused} malformed events and {late} that are late or "
        f"sent twice, and {len(kept)} to score; your counts say {monitor.counts}"
    )
    assert len(monitor.refused) == refused and all(
        isinstance(reason, str) and reason for _, reason in monitor.refused
    ), "Task 3: each refused event should be kept with its reason, as (event, reason)"
    expected = monitor_signals([r.value for r in kept], **PARAMS)
    assert [s.time for s in scores] == [r.time for r in kept], (
        "Task 3: the readings scored should be, in order, those newer than every one before"
    )
    assert_signals(scores, expected, "a stream with late, repeated and malformed events")


@pytest.mark.task(3)
def test_a_silence_longer_than_max_gap_is_a_gap_and_restarts_the_detectors():
    from monitoring.monitor import Gap, Monitor

    values = wandering(150, seed=31)
    events = (
        events_of(values[:80])
        + events_of(values[80:115], start=START + 79 * STEP + pd.Timedelta(minutes=25))
        + events_of(values[115:], start=START + 113 * STEP + pd.Timedelta(minutes=25 + 45))
    )
    monitor = Monitor(**PARAMS, max_gap=pd.Timedelta(minutes=25))
    scores = [monitor.process(event) for event in events]
    expected = pd.concat(
        [
            monitor_signals(values[:115], **PARAMS),  # a silence of exactly max_gap is no gap
            monitor_signals(values[115:], **PARAMS),
        ],
        ignore_index=True,
    )
    after_gap = pd.Timestamp(events[115]["time"])
    assert list(monitor.gaps) == [Gap(pd.Timestamp(events[114]["time"]), after_gap)], (
        "Task 3: with max_gap=25 minutes, a silence of exactly 25 minutes is not a gap, one of "
        f"45 is: expected one Gap({events[114]['time']}, {events[115]['time']}); "
        f"got {list(monitor.gaps)}"
    )
    assert monitor.counts["gaps"] == 1, f"Task 3: counts['gaps'] should be 1, got {monitor.counts}"
    assert_signals(scores, expected, "after a gap the detectors start again, as on a new stream")


@pytest.mark.task(3)
def test_memory_stays_bounded():
    from monitoring.monitor import KEPT, Monitor

    monitor = Monitor(jump_window=8)
    for event in events_of(wandering(400, seed=3)):
        monitor.process(event)
    for _ in range(KEPT + 5):
        monitor.process({"time": "yesterday", "value": 1.0})
    assert len(monitor.jump.values) == 8 and len(monitor.refused) == KEPT, (
        f"Task 3: the monitor should keep only the detector's window (8 changes, got "
        f"{len(monitor.jump.values)}) and the last {KEPT} refusals (got {len(monitor.refused)})"
    )
    assert monitor.counts["refused"] == KEPT + 5, "Task 3: every refusal is counted"

"""The data of the kata, loaded offline from installed packages, and its seeded faults.

- `load_glucose`: a continuous glucose monitor's readings, one about every 5 minutes
  for 200 days (`bokeh_sampledata`), as a Series of mg/dL indexed by time.
- `inject_anomalies`: the same series with sensor faults of known kind and time written
  into it from a seed (spikes, level shifts, a stuck sensor, missing data), and the
  table of what was injected: the truth the alert system is judged against.
- `to_events`: the series as a messy stream of JSON-like events, as a real collector
  sends them: some late, some twice, some malformed.
- `load_shuttle`: the Statlog Shuttle sensor set (`river`), rare classes as anomalies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GLUCOSE_RANGE = (40.0, 400.0)  # mg/dL the sensor can report: it saturates at both ends
READING_INTERVAL = pd.Timedelta(minutes=5)
KINDS = ("spike", "level_shift", "stuck", "missing")
SPIKE_SIZE = (80.0, 150.0)  # mg/dL added to one reading: no blood changes that fast
SHIFT_SIZE = (50.0, 90.0)  # mg/dL added to a run of readings: a calibration gone wrong
SHIFT_READINGS = (36, 72)  # 3 to 6 hours
STUCK_READINGS = (24, 48)  # 2 to 4 hours of the same value
MISSING_READINGS = (24, 72)  # 2 to 6 hours without a reading
MARGIN_READINGS = 600  # readings kept clear between two faults (about two days)


def load_glucose() -> pd.Series:
    """The glucose readings (mg/dL, float), indexed by a sorted DatetimeIndex named "time"."""
    from bokeh_sampledata.glucose import data

    readings = data["glucose"].astype(float).sort_index()
    readings = readings[~readings.index.duplicated(keep="first")]
    readings.index.name = "time"
    return readings.rename("glucose")


def inject_anomalies(
    readings: pd.Series, seed: int, per_kind: int = 6
) -> tuple[pd.Series, pd.DataFrame]:
    """Write `per_kind` faults of each kind into a copy of `readings`, at random places.

    Returns the faulty series (a missing stretch is dropped from it) and the truth, one
    row per fault sorted by start: kind, start and end (the first and last reading the
    fault touched, or dropped), and size (mg/dL added before rounding to whole mg/dL, as
    the sensor reports them; 0 for stuck and missing). Faults
    never overlap and keep MARGIN_READINGS clear of each other and of the ends.
    """
    rng = np.random.default_rng(seed)
    kinds = [kind for kind in KINDS for _ in range(per_kind)]
    rng.shuffle(kinds)
    slot = len(readings) // len(kinds)
    if slot < 2 * MARGIN_READINGS + max(SHIFT_READINGS[1], MISSING_READINGS[1]):
        raise ValueError(f"{len(readings)} readings are too few for {len(kinds)} faults")
    values = readings.to_numpy(dtype=float).copy()
    low, high = GLUCOSE_RANGE
    keep = np.ones(len(values), dtype=bool)
    rows = []
    for number, kind in enumerate(kinds):
        start = number * slot + int(rng.integers(MARGIN_READINGS, slot - MARGIN_READINGS))
        size = 0.0
        if kind == "spike":
            length = 1
            size = rng.uniform(*SPIKE_SIZE) * (1 if values[start] < (low + high) / 2 else -1)
        elif kind == "level_shift":
            length = int(rng.integers(*SHIFT_READINGS, endpoint=True))
            middle = np.median(values[start : start + length])
            size = rng.uniform(*SHIFT_SIZE) * (1 if middle < (low + high) / 2 else -1)
        elif kind == "stuck":
            length = int(rng.integers(*STUCK_READINGS, endpoint=True))
        else:
            length = int(rng.integers(*MISSING_READINGS, endpoint=True))
        stretch = slice(start, start + length)
        if kind == "stuck":
            values[stretch] = values[start]
        elif kind == "missing":
            keep[stretch] = False
        else:
            values[stretch] = np.round(np.clip(values[stretch] + size, low, high))
        rows.append(
            {
                "kind": kind,
                "start": readings.index[start],
                "end": readings.index[start + length - 1],
                "size": size,
            }
        )
    faulty = pd.Series(values, index=readings.index, name=readings.name)[keep]
    truth = pd.DataFrame(rows).sort_values("start", ignore_index=True)
    return faulty, truth


def to_events(
    readings: pd.Series,
    seed: int,
    late_fraction: float = 0.01,
    duplicate_fraction: float = 0.01,
    malformed_fraction: float = 0.005,
) -> list[dict]:
    """The readings as a stream of events {"sensor", "time", "value"}, with realistic faults.

    Each reading is sent once, in order, except that a share of them arrive one to
    three readings late, a share are sent twice, and a share of extra malformed events
    (a missing field, a value that is text, NaN or negative, a time that is no time)
    are slipped in. Every good reading is in the stream at least once.
    """
    rng = np.random.default_rng(seed)
    events = [
        {"sensor": "cgm-1", "time": time.isoformat(), "value": float(value)}
        for time, value in readings.items()
    ]
    order = np.arange(len(events), dtype=float)
    late = rng.random(len(events)) < late_fraction
    order[late] += rng.integers(1, 4, size=int(late.sum())) + 0.5
    stream = [events[i] for i in np.argsort(order, kind="stable")]
    malformed = [
        {"sensor": "cgm-1", "time": "2010-05-01T10:00:00"},
        {"sensor": "cgm-1", "time": "2010-05-01T10:00:00", "value": "high"},
        {"sensor": "cgm-1", "time": "2010-05-01T10:00:00", "value": float("nan")},
        {"sensor": "cgm-1", "time": "2010-05-01T10:00:00", "value": -12.0},
        {"sensor": "cgm-1", "time": "yesterday", "value": 120.0},
        {"sensor": "cgm-1", "value": 120.0},
        ["not", "an", "object"],
    ]
    result = []
    for event in stream:
        result.append(event)
        if rng.random() < duplicate_fraction:
            result.append(dict(event))
        if rng.random() < malformed_fraction:
            result.append(malformed[int(rng.integers(len(malformed)))])
    return result


def load_shuttle(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`n` rows of the Shuttle set drawn at random without replacement, in stream order.

    Returns the nine sensor attributes (float) and the labels (1 for an anomaly).
    """
    from river.datasets import Shuttle

    table = pd.read_csv(Shuttle().path)
    rows = np.sort(np.random.default_rng(seed).choice(len(table), size=n, replace=False))
    sample = table.iloc[rows]
    return sample.drop(columns="anomaly").to_numpy(dtype=float), sample["anomaly"].to_numpy()

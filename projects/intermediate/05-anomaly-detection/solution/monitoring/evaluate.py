"""The whole system on a stream, and its judgement at the level a person feels: incidents.

Counting readings would reward an alert system that pages ten times for one fault and
punish one that pages once, a little late. What matters is: of the faults, how many
paged someone (recall), in time (time to detect); of the pages, how many were about a
fault (precision); and how many pages a day someone must read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitoring.alerts import AlertManager
from monitoring.monitor import Monitor

TOLERANCE = pd.Timedelta(minutes=30)
DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class IncidentReport:
    """Incident-level figures: precision, recall, F1, median minutes to detect, alerts a day."""

    precision: float
    recall: float
    f1: float
    median_minutes_to_detect: float
    alerts_per_day: float


def run_stream(events: Iterable[object], monitor: Monitor, manager: AlertManager) -> None:
    """Feed each event to the monitor, and each score it returns to the alert manager."""
    # BEGIN SOLUTION (task 5): monitor.process each event; manager.update each score that comes out
    for event in events:
        score = monitor.process(event)
        if score is not None:
            manager.update(score)
    # END SOLUTION


def first_detections(
    truth: pd.DataFrame, detections: Sequence[pd.Timestamp], tolerance: pd.Timedelta = TOLERANCE
) -> pd.Series:
    """For each fault of `truth` (columns start, end), the first detection that matches it.

    A detection matches a fault when start - tolerance <= detection <= end + tolerance.
    NaT where none does. Indexed as `truth`.
    """
    # BEGIN SOLUTION (task 5): the earliest detection inside each fault's widened window
    times = pd.DatetimeIndex(sorted(detections))
    first = []
    for fault in truth.itertuples():
        inside = times[(times >= fault.start - tolerance) & (times <= fault.end + tolerance)]
        first.append(inside[0] if len(inside) else pd.NaT)
    return pd.Series(pd.DatetimeIndex(first), index=truth.index)
    # END SOLUTION


def incident_report(
    truth: pd.DataFrame,
    detections: Sequence[pd.Timestamp],
    days: float,
    alerts: int | None = None,
    tolerance: pd.Timedelta = TOLERANCE,
) -> IncidentReport:
    """Judge `detections` (one time per incident: when it paged) against the faults of `truth`.

    - recall: the share of faults with a matching detection (first_detections);
    - precision: the share of detections that match at least one fault (1.0 when there
      are no detections); F1 their harmonic mean (0.0 when both are 0);
    - median minutes to detect: over the detected faults, first detection - start,
      counted as 0 when the detection came before the start; NaN when none is detected;
    - alerts per day: `alerts` (default: one per detection) divided by `days`.
    """
    # BEGIN SOLUTION (task 5): recall from first_detections, precision per detection, then F1
    first = first_detections(truth, detections, tolerance)
    recall = float(first.notna().mean())
    starts, ends = truth["start"] - tolerance, truth["end"] + tolerance
    matching = [bool(((starts <= time) & (time <= ends)).any()) for time in detections]
    precision = float(np.mean(matching)) if matching else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    delays = (first - truth["start"]).dropna().clip(lower=pd.Timedelta(0))
    median = delays.median() / pd.Timedelta(minutes=1) if len(delays) else float("nan")
    count = len(detections) if alerts is None else alerts
    return IncidentReport(precision, recall, f1, float(median), count / days)
    # END SOLUTION


def stream_days(readings: pd.Series) -> float:
    """The days a series spans, from its first reading to its last."""
    return (readings.index[-1] - readings.index[0]) / DAY

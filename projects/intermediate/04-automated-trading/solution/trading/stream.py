"""A replayed market data feed: the bars of a price frame as the events a live feed sends.

A real feed is not the clean table a backtest reads. It sends a bar twice after a
reconnection, delivers one late (after bars that came later), loses one, and now and
then sends an event that cannot be a bar at all. `replay` makes such a stream from real
bars, from a seed, and says exactly what it did, so that the tests can hold the live
trader's report to it.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from trading.data import BAR_COLUMNS

MALFORMATIONS = ("missing field", "not a number", "negative price", "high below low")


@dataclass
class Replay:
    """The events, in the order they arrive, and what was done to the clean bars."""

    events: list[dict] = field(default_factory=list)
    duplicated: list[pd.Timestamp] = field(default_factory=list)
    delayed: list[pd.Timestamp] = field(default_factory=list)  # arrive after `delay` bars
    dropped: list[pd.Timestamp] = field(default_factory=list)  # never arrive
    malformed: list[int] = field(default_factory=list)  # positions in `events`


def as_event(timestamp: pd.Timestamp, values: dict[str, float]) -> dict:
    """A bar as a feed sends it: JSON-like, the timestamp an ISO date string."""
    return {
        "timestamp": timestamp.isoformat(),
        **{name: float(values[name]) for name in BAR_COLUMNS},
    }


def malform(event: dict, kind: str) -> dict:
    """A copy of `event` broken in the way `kind` (one of MALFORMATIONS) says."""
    broken = dict(event)
    if kind == "missing field":
        del broken["close"]
    elif kind == "not a number":
        broken["open"] = "n/a"
    elif kind == "negative price":
        broken["low"] = -broken["low"]
    else:
        broken["high"], broken["low"] = broken["low"] / 2, broken["high"]
    return broken


def replay(
    prices: pd.DataFrame,
    seed: int,
    duplicate_rate: float = 0.0,
    delay_rate: float = 0.0,
    drop_rate: float = 0.0,
    malformed_rate: float = 0.0,
    delay: int = 3,
) -> Replay:
    """Turn each bar of `prices` into an event; with the given probabilities (from one
    generator seeded by `seed`) send it again right after (a duplicate), hold it back
    until `delay` more bars have been sent (late), lose it (dropped), or send a malformed
    event before it (a broken copy of it, then the bar itself)."""
    rng = np.random.default_rng(seed)
    result = Replay()
    held: list[tuple[int, dict, pd.Timestamp]] = []  # (release after bar i, event, timestamp)
    for position, (timestamp, values) in enumerate(prices[list(BAR_COLUMNS)].iterrows()):
        event = as_event(timestamp, values.to_dict())
        draw = rng.random(4)
        if draw[3] < malformed_rate:
            result.malformed.append(len(result.events))
            result.events.append(malform(event, MALFORMATIONS[rng.integers(len(MALFORMATIONS))]))
        if position > 0 and draw[0] < drop_rate:
            result.dropped.append(timestamp)
        elif position > 0 and draw[1] < delay_rate:
            result.delayed.append(timestamp)
            held.append((position + delay, event, timestamp))
        else:
            result.events.append(event)
            if draw[2] < duplicate_rate:
                result.duplicated.append(timestamp)
                result.events.append(dict(event))
        for release in [item for item in held if item[0] == position]:
            result.events.append(release[1])
            held.remove(release)
    result.events.extend(item[1] for item in held)
    return result

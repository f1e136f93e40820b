"""Task 1: from the collector's log to events worth counting.

Malformed rows are set aside with the reason, events received twice are kept once, and
bots are dropped by two stated rules. Nothing good is lost on the way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeys.simulator import CHANNELS, LOG_COLUMNS, STEPS

BOT_AGENT = re.compile(r"bot|crawler|spider", re.IGNORECASE)
MAX_EVENTS_PER_MINUTE = 20
MINUTE = 60.0


@dataclass(frozen=True)
class CleanLog:
    """events: the good, unique events of humans; rejected: the malformed rows, with a
    `reason` column; bots: the users dropped as bots."""

    events: pd.DataFrame
    rejected: pd.DataFrame
    bots: frozenset[str]


def split_valid(log: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the log into its well-formed rows and the rest, each kept in the log's order.

    A log without one of LOG_COLUMNS is refused whole: a ValueError that names every
    missing column. A row is malformed when, checked in this order (the first problem
    is its reason): its user is missing ("user missing"), its event is not one of
    STEPS ("unknown event 'prodcut_view'"), its channel is not one of CHANNELS
    ("unknown channel 'tv'"), or its received time is missing, not a number or not
    finite ("received time missing"). Return (good rows, malformed rows with a `reason`
    column added).
    """
    # BEGIN SOLUTION (task 1): refuse missing columns; give each bad row its first problem
    missing = [column for column in LOG_COLUMNS if column not in log.columns]
    if missing:
        raise ValueError(f"the log has no column {', '.join(map(repr, missing))}")
    received = pd.to_numeric(log["received"], errors="coerce").to_numpy(dtype=float)
    problems = [
        (log["user"].isna().to_numpy(), lambda row: "user missing"),
        (~log["event"].isin(STEPS).to_numpy(), lambda row: f"unknown event {row['event']!r}"),
        (
            ~log["channel"].isin(CHANNELS).to_numpy(),
            lambda row: f"unknown channel {row['channel']!r}",
        ),
        (~np.isfinite(received), lambda row: "received time missing"),
    ]
    reasons = pd.Series(None, index=log.index, dtype=object)
    for broken, reason in problems:
        fresh = broken & reasons.isna().to_numpy()
        reasons[fresh] = [reason(row) for _, row in log[fresh].iterrows()]
    bad = reasons.notna().to_numpy()
    return log[~bad], log[bad].assign(reason=reasons[bad])
    # END SOLUTION


def drop_duplicates(events: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per event_id: the one received first (on a tie, the earlier row).

    A collector that retries sends the same event again seconds later, under the same
    event_id; the first receipt is the event. Return the kept rows in the log's order.
    """
    # BEGIN SOLUTION (task 1): the row of each event_id's earliest receipt (idxmin), in log order
    first = events.groupby("event_id")["received"].idxmin()
    return events.loc[events.index.isin(first)]
    # END SOLUTION


def bot_users(events: pd.DataFrame, max_per_minute: int = MAX_EVENTS_PER_MINUTE) -> frozenset[str]:
    """The users that are bots by either stated rule.

    A user is a bot when any of their events has a user agent that matches BOT_AGENT,
    or when more than `max_per_minute` of their events were received within one minute:
    some event at time t has more than max_per_minute events of the user received in
    [t, t + 60) seconds, itself included. Count unique events (drop duplicates first).
    """
    # BEGIN SOLUTION (task 1): the agent rule, then per user a window count by np.searchsorted
    bots = set(events.loc[events["user_agent"].str.contains(BOT_AGENT), "user"])
    for user, times in events.groupby("user")["received"]:
        times = np.sort(times.to_numpy())
        in_window = np.searchsorted(times, times + MINUTE) - np.arange(len(times))
        if in_window.max() > max_per_minute:
            bots.add(user)
    return frozenset(bots)
    # END SOLUTION


def clean_log(log: pd.DataFrame, max_per_minute: int = MAX_EVENTS_PER_MINUTE) -> CleanLog:
    """The three steps in order: set malformed rows aside, drop duplicates, drop bots."""
    good, rejected = split_valid(log)
    unique = drop_duplicates(good)
    bots = bot_users(unique, max_per_minute)
    events = unique[~unique["user"].isin(bots)].reset_index(drop=True)
    return CleanLog(events=events, rejected=rejected, bots=bots)

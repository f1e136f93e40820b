"""Task 5: a Markov chain over states, and the chance it ends in a conversion.

One class serves twice: over the pages of a visit it predicts whether a partial
journey will buy (Task 5); over the channels of a user's journey it measures how
much each channel's removal would cost (Task 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
import pandas as pd

START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"
ABSORBING = (CONVERSION, NULL)


class MarkovChain:
    """A first-order Markov chain fitted on paths that end in a conversion or not."""

    def __init__(self, smoothing: float = 0.0):
        self.smoothing = smoothing
        self.transitions: pd.DataFrame | None = None

    def fit(self, paths: Iterable[Sequence[str]], converted: Iterable[bool]) -> MarkovChain:
        """Count the transitions of START -> path... -> CONVERSION (or NULL), and normalise.

        `transitions` becomes a frame of probabilities: one row per transient state
        (START first, then the states seen, sorted), one column per transient state in
        the same order and then CONVERSION and NULL. `smoothing` is added to every
        count of a row before it is normalised (additive smoothing). Paths and outcomes
        of different lengths are a ValueError. Return self.
        """
        raise NotImplementedError(
            "Task 5: count the (from, to) pairs, add smoothing, normalise rows"
        )

    def conversion_probabilities(self, removed: Sequence[str] = ()) -> pd.Series:
        """The chance that a walk from each transient state is absorbed in CONVERSION.

        Solve (I - Q) B = R, Q the transitions between transient states and R those
        into CONVERSION and NULL; return B's CONVERSION column as a Series indexed by
        the transient states. A state of `removed` is taken out of the chain: every
        transition into it goes to NULL instead, and it is left out of the result.
        """
        raise NotImplementedError("Task 5: removed states to NULL; solve (I - Q) B = R")


def partial_journeys(sessions: pd.DataFrame, k: int = 3) -> pd.DataFrame:
    """The sessions still open after their first k events, cut there.

    One row per session with more than k events before its first purchase: session,
    user, start, channel and device (of its first event), prefix (a tuple of its first
    k events), pages (a tuple of all its events before the purchase, if any) and
    converted (whether it went on to buy).
    """
    ordered = sessions.sort_values(["session", "received", "event_id"], kind="stable")
    bought = ordered["event"].eq("purchase").groupby(ordered["session"]).cummax()
    grouped = ordered.groupby("session", sort=True)
    pages = ordered[~bought].groupby("session")["event"].agg(tuple)
    table = pd.DataFrame(
        {
            "user": grouped["user"].first(),
            "start": grouped["received"].first(),
            "channel": grouped["channel"].first(),
            "device": grouped["device"].first(),
            "pages": pages,
            "converted": bought.groupby(ordered["session"]).any(),
        }
    ).dropna(subset=["pages"])
    table = table[table["pages"].map(len) > k]
    table.insert(4, "prefix", table["pages"].map(lambda journey: journey[:k]))
    return table.rename_axis("session").reset_index()


def split_by_time(journeys: pd.DataFrame, cutoff: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hold out, by time, the users who arrived at or after `cutoff`.

    A user arrives at the start of their first journey. Test: every journey of the users
    who arrived at or after the cutoff. Train: the journeys of the other users that
    started before the cutoff (what was known then). Both keep the input's order.
    """
    raise NotImplementedError("Task 5: arrival = earliest start; test from the cutoff on")


def markov_scores(train: pd.DataFrame, test: pd.DataFrame, smoothing: float = 1.0) -> np.ndarray:
    """Score each test journey by the chance that a chain fitted on the pages of the
    `train` journeys (with `smoothing`) converts from the last page of its prefix."""
    raise NotImplementedError("Task 5: fit on train's pages; score each prefix's last page")

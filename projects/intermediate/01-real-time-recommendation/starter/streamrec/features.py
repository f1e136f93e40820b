"""A point-in-time feature store: the same features online, at serving time, and offline.

A model trained on features computed one way and served features computed another
learns one world and acts in another (training/serving skew). Here both paths compute
the same six counters, and a read at time ``t`` sees only the events *strictly before*
``t``, within the window ``[t - window, t)``:

- ``OnlineFeatureStore`` is fed one event at a time and answers a read in the middle
  of a request; it forgets what no read can ask for any more, so its memory stays
  bounded however long it runs;
- ``offline_features`` computes the same features for a whole table of requests at
  once, from the log, as a training job would.

The tests hold the two equal for every impression of a stream.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

FEATURE_NAMES = (
    "user_impressions",
    "user_clicks",
    "user_ctr",
    "item_impressions",
    "item_clicks",
    "item_ctr",
)
ENTITIES = ("user", "item")
EVENT_FIELDS = ("timestamp", "user", "item", "clicked")
DEFAULT_WINDOW = 3600
DEFAULT_PRIOR_CTR = 0.1
DEFAULT_PRIOR_WEIGHT = 10.0


class BadEvent(ValueError):
    """An event the store refuses; its message names the field and what was wrong."""


def smoothed_ctr(clicks, impressions, prior_ctr: float, prior_weight: float):
    """The click-through rate shrunk towards ``prior_ctr``, as if ``prior_weight`` impressions
    at that rate had been seen already: an entity with no history gets the prior."""
    return (clicks + prior_weight * prior_ctr) / (impressions + prior_weight)


def check_event(event: Mapping, clock: int | None) -> tuple[int, int, int, int]:
    """Return ``(timestamp, user, item, clicked)`` of a valid event, or raise ``BadEvent``.

    Checked in this order: each field of ``EVENT_FIELDS`` is present; each is an ``int``
    (``bool`` is not a number here); ``user`` and ``item`` are not negative; ``clicked``
    is 0 or 1; and ``timestamp`` is not before ``clock`` (the newest event already
    ingested: a late event is refused, since what it would change has been served).
    """
    raise NotImplementedError(
        "Task 1: check in the docstring's order; raise BadEvent naming the field"
    )


class OnlineFeatureStore:
    """Windowed click and impression counters per user and per item, fed one event at a time.

    ``window`` is in seconds; ``prior_ctr`` and ``prior_weight`` smooth the rates
    (``smoothed_ctr``). ``clock`` is the timestamp of the newest event ingested, or
    ``None`` before the first.
    """

    def __init__(
        self,
        window: int = DEFAULT_WINDOW,
        prior_ctr: float = DEFAULT_PRIOR_CTR,
        prior_weight: float = DEFAULT_PRIOR_WEIGHT,
    ) -> None:
        if window <= 0:
            raise ValueError(f"window must be positive, got {window}")
        self.window = window
        self.prior_ctr = prior_ctr
        self.prior_weight = prior_weight
        self.clock: int | None = None
        # (timestamp, clicked) of each entity's kept events, oldest first
        self.events: dict[str, defaultdict[int, deque]] = {
            entity: defaultdict(deque) for entity in ENTITIES
        }

    def kept(self, entity: str, key: int) -> int:
        """How many events the store keeps for one user or item."""
        return len(self.events[entity].get(key, ()))

    def ingest(self, event: Mapping) -> None:
        """Add one event (a mapping with ``EVENT_FIELDS``), or raise ``BadEvent``, changing nothing.

        Once the event is in, move ``clock`` to its timestamp and forget, for its user
        and its item, the events older than ``clock - window``: no read from now on can
        see them (an event exactly at ``clock - window`` is still kept).
        """
        raise NotImplementedError(
            "Task 1: check; append to the user's and item's deques; clock; evict"
        )

    def read(self, user: int, item: int, t: int) -> dict[str, float]:
        """The features of ``FEATURE_NAMES`` for serving ``user`` the ``item`` at time ``t``.

        Counts the events with ``t - window <= timestamp < t`` (never one at ``t`` or
        later). A read before ``clock`` raises ``ValueError``: what the store forgot could
        be missing, and such a question is for ``offline_features``.
        """
        raise NotImplementedError(
            "Task 1: refuse t before the clock; count the events in [t - window, t)"
        )


def ingest_all(store: OnlineFeatureStore, events: Iterable[Mapping]) -> list[tuple[int, str]]:
    """Ingest every good event; return ``(position, reason)`` of each refused one."""
    refused = []
    for position, event in enumerate(events):
        try:
            store.ingest(event)
        except BadEvent as error:
            refused.append((position, str(error)))
    return refused


def serve_features(log: pd.DataFrame, store: OnlineFeatureStore) -> pd.DataFrame:
    """Replay ``log`` through ``store`` as a live system would, one second at a time.

    All the impressions of one second are served (read) before any of them is
    ingested: requests that arrive together cannot see each other's clicks. Returns
    the features each impression was served with, indexed like ``log``.
    """
    events = log[list(EVENT_FIELDS)].to_numpy(dtype=np.int64)
    order = np.argsort(events[:, 0], kind="stable")
    seconds = np.split(order, np.flatnonzero(np.diff(events[order, 0])) + 1)
    served = np.empty((len(log), len(FEATURE_NAMES)))
    for second in seconds:
        for row in second:
            timestamp, user, item, _ = events[row].tolist()
            features = store.read(user, item, timestamp)
            served[row] = [features[name] for name in FEATURE_NAMES]
        for row in second:
            store.ingest(dict(zip(EVENT_FIELDS, events[row].tolist(), strict=True)))
    return pd.DataFrame(served, index=log.index, columns=list(FEATURE_NAMES))


def offline_features(
    log: pd.DataFrame,
    requests: pd.DataFrame,
    window: int = DEFAULT_WINDOW,
    prior_ctr: float = DEFAULT_PRIOR_CTR,
    prior_weight: float = DEFAULT_PRIOR_WEIGHT,
) -> pd.DataFrame:
    """The features of ``FEATURE_NAMES`` for each request, computed from the whole log at once.

    ``requests`` has the columns ``user``, ``item`` and ``timestamp``; each gets the
    counts of the log's events of its user (and of its item) with
    ``timestamp - window <= event timestamp < timestamp``, exactly as
    ``OnlineFeatureStore.read`` would. Returns a frame indexed like ``requests``.
    """
    features = pd.DataFrame(index=requests.index, columns=list(FEATURE_NAMES), dtype=float)
    raise NotImplementedError(
        "Task 2: per entity, searchsorted both ends of each window in its sorted times"
    )
    return features

"""Shared fixtures: simulated shops and a way to write small logs by hand.

The kata's package is imported inside the fixtures, never at the top: this file loads
before the implementation switch has put the chosen package on the path.
"""

import pytest

SEED = 11  # the tests' seed for the small shop
SHOP_SEED = 7  # the seed of the shop the metrics are measured on
SMALL_USERS = 1500


@pytest.fixture(scope="session")
def small_shop():
    """A small simulated shop: 1,500 users and their bots, faults included."""
    from journeys.simulator import simulate_journeys

    return simulate_journeys(n_users=SMALL_USERS, seed=SEED)


@pytest.fixture(scope="session")
def shop():
    """The shop the metrics are measured on: 6,000 users over 60 days."""
    from journeys.simulator import simulate_journeys

    return simulate_journeys(seed=SHOP_SEED)


def make_log(rows):
    """A log in the collector's columns from short rows: (event_id, user, event, received)
    plus optional overrides in a dict as a fifth item."""
    import pandas as pd

    records = []
    for row in rows:
        event_id, user, event, received, *rest = row
        record = {
            "event_id": event_id,
            "user": user,
            "device": "desktop",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            "channel": "search",
            "event": event,
            "sent": received,
            "received": float(received),
        }
        record.update(rest[0] if rest else {})
        records.append(record)
    return pd.DataFrame(records)


@pytest.fixture(scope="session")
def log_of():
    """Return make_log: a small log written by hand."""
    return make_log


def true_sessions(simulation):
    """The sessions a perfect sessioniser finds, built from the simulator's truth alone.

    The log's well-formed rows, each event_id's first receipt, joined to the true visits
    (which leaves the bots out); sorted by user, received time and event_id, with the
    visits numbered 0, 1, 2, ... in that order as `session`.
    """
    import numpy as np

    from journeys.simulator import CHANNELS, STEPS

    log = simulation.log
    good = log[
        log["user"].notna()
        & log["event"].isin(STEPS)
        & log["channel"].isin(CHANNELS)
        & np.isfinite(log["received"].astype(float))
    ]
    first = good.loc[good.groupby("event_id")["received"].idxmin()]
    joined = first.merge(simulation.visits[["event_id", "visit"]], on="event_id")
    joined = joined.sort_values(["user", "received", "event_id"]).reset_index(drop=True)
    joined["session"] = joined.groupby(["user", "visit"], sort=True).ngroup()
    return joined.drop(columns="visit")


@pytest.fixture(scope="session")
def small_sessions(small_shop):
    """The small shop's true sessions (see true_sessions): no learner code involved."""
    return true_sessions(small_shop)


@pytest.fixture(scope="session")
def shop_sessions(shop):
    """The metric shop's true sessions (see true_sessions)."""
    return true_sessions(shop)

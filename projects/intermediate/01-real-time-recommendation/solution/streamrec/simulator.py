"""A seeded click stream: users see slates of items and click some of them.

The log holds every impression, clicked or not, because a click-through rate is
clicks over impressions and a model learns as much from what was ignored as from
what was clicked. What makes a click:

- each user and each item has a latent taste vector; their dot product is the
  user's affinity for the item;
- items have a popularity that follows Zipf's law: the logging policy shows popular
  items far more often, and popular items are also a little more clickable;
- each item is liked best at its own hour of the day;
- a slate shows ``slate_size`` items, and position ``k`` (1-based) is seen with
  probability ``1 / log2(k + 1)`` (the position bias of DCG): the same item is
  clicked less far down the slate;
- at ``drift_time`` a share of the users changes taste: they draw a new vector.

Timestamps are whole seconds and may repeat: two requests can arrive in the same
second, which is exactly where point-in-time bugs hide.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SECONDS_PER_HOUR = 3600
HOURS_PER_DAY = 24
TASTE_SCALE = 4.0  # how strongly taste, rather than popularity, decides a click
COLUMNS = ("request", "timestamp", "hour", "user", "item", "position", "clicked")


@dataclass(frozen=True)
class ClickStream:
    """A simulated log and the truth behind it (what a real log would not tell you)."""

    log: pd.DataFrame
    drift_time: int
    drifted_users: np.ndarray
    popularity: np.ndarray


def position_bias(position: np.ndarray | int) -> np.ndarray | float:
    """The probability that a user looks at the slate's position (1-based): 1 / log2(1 + k)."""
    return 1.0 / np.log2(np.asarray(position) + 1.0)


def simulate_clicks(
    n_requests: int = 4000,
    n_users: int = 200,
    n_items: int = 100,
    slate_size: int = 10,
    n_factors: int = 6,
    zipf_exponent: float = 1.0,
    mean_gap: float = 20.0,
    drift_share: float = 0.5,
    drift_fraction: float = 0.5,
    seed: int = 7,
) -> ClickStream:
    """Simulate ``n_requests`` slates of ``slate_size`` items, one row per impression.

    Columns: ``request`` (its number), ``timestamp`` (whole seconds, non-decreasing),
    ``hour`` (of the day, 0-23), ``user``, ``item``, ``position`` (1..slate_size),
    ``clicked`` (0 or 1). The drift happens at the timestamp of request
    ``int(drift_fraction * n_requests)``, for ``drift_share`` of the users.
    """
    if n_requests < 1:
        raise ValueError(f"n_requests must be at least 1, got {n_requests}")
    if not 1 <= slate_size <= n_items:
        raise ValueError(f"slate_size must be between 1 and n_items={n_items}, got {slate_size}")
    rng = np.random.default_rng(seed)
    users = rng.normal(0.0, 1.0, (n_users, n_factors)) / np.sqrt(n_factors)
    items = rng.normal(0.0, 1.0, (n_items, n_factors)) / np.sqrt(n_factors)
    popularity = 1.0 / np.arange(1, n_items + 1) ** zipf_exponent
    popularity = rng.permutation(popularity / popularity.sum())
    item_bias = 0.4 * np.log(popularity * n_items) - 2.0
    best_hour = rng.uniform(0, HOURS_PER_DAY, n_items)
    activity = rng.gamma(1.0, 1.0, n_users)

    gaps = rng.geometric(1.0 / (mean_gap + 1.0), n_requests) - 1
    timestamps = 8 * SECONDS_PER_HOUR + np.cumsum(gaps)
    hours = (timestamps // SECONDS_PER_HOUR) % HOURS_PER_DAY
    request_users = rng.choice(n_users, n_requests, p=activity / activity.sum())
    drift_request = int(drift_fraction * n_requests)
    drift_time = int(timestamps[min(drift_request, n_requests - 1)])
    drifted = np.sort(rng.choice(n_users, int(round(drift_share * n_users)), replace=False))
    drifted_taste = users.copy()
    drifted_taste[drifted] = rng.normal(0.0, 1.0, (drifted.size, n_factors)) / np.sqrt(n_factors)

    # The logging policy: a popularity-weighted sample without replacement (Gumbel top-k),
    # shown in the order of the sampled keys.
    keys = np.log(popularity) + rng.gumbel(size=(n_requests, n_items))
    slates = np.argsort(-keys, axis=1)[:, :slate_size]

    after_drift = (np.arange(n_requests) >= drift_request)[:, None]
    taste = np.where(after_drift, drifted_taste[request_users], users[request_users])
    affinity = TASTE_SCALE * np.einsum("rf,rkf->rk", taste, items[slates])
    daypart = 0.6 * np.cos(2 * np.pi * (hours[:, None] - best_hour[slates]) / HOURS_PER_DAY)
    logit = affinity + item_bias[slates] + daypart
    positions = np.arange(1, slate_size + 1)
    seen = position_bias(positions)[None, :]
    clicked = rng.random((n_requests, slate_size)) < seen / (1.0 + np.exp(-logit))

    log = pd.DataFrame(
        {
            "request": np.repeat(np.arange(n_requests), slate_size),
            "timestamp": np.repeat(timestamps, slate_size).astype(np.int64),
            "hour": np.repeat(hours, slate_size).astype(np.int64),
            "user": np.repeat(request_users, slate_size).astype(np.int64),
            "item": slates.ravel().astype(np.int64),
            "position": np.tile(positions, n_requests).astype(np.int64),
            "clicked": clicked.ravel().astype(np.int64),
        },
        columns=list(COLUMNS),
    )
    return ClickStream(log, drift_time, drifted, popularity)


def simulate_outcomes(
    treated: np.ndarray,
    rng: np.random.Generator,
    base_ctr: float = 0.1,
    uplift: float = 0.0,
    mean_impressions: float = 8.0,
    concentration: float = 4.0,
) -> pd.DataFrame:
    """The impressions and clicks of each user of an experiment, one row per user.

    Users differ: each sees ``1 + Poisson(mean_impressions - 1)`` impressions and has
    their own click-through rate, drawn from a Beta distribution with mean ``base_ctr``
    (a smaller ``concentration`` spreads users further apart). A treated user's rate is
    multiplied by ``1 + uplift``. Clicks are binomial given the user's rate, so the
    impressions of one user are not independent of each other: a test that treats them
    as independent is overconfident.
    """
    treated = np.asarray(treated, dtype=bool)
    impressions = 1 + rng.poisson(mean_impressions - 1.0, treated.size)
    rate = rng.beta(concentration * base_ctr, concentration * (1.0 - base_ctr), treated.size)
    rate = np.minimum(rate * np.where(treated, 1.0 + uplift, 1.0), 1.0)
    clicks = rng.binomial(impressions, rate)
    return pd.DataFrame({"impressions": impressions, "clicks": clicks})

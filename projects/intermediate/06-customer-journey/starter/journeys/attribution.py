"""Tasks 7 and 8: share the credit for each conversion among the channels that led to it.

Rules (last touch, first touch, linear, time decay) split each conversion among the
touches of its own path; Shapley values and the Markov removal effect read the whole
population of paths, converted or not, and so can tell a channel that causes
purchases from one that merely comes last.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd

from journeys.markov import START, MarkovChain
from journeys.simulator import CHANNELS, DAY

RULES = ("last_touch", "first_touch", "linear", "time_decay")
HALF_LIFE_DAYS = 7.0


def user_paths(table: pd.DataFrame) -> pd.DataFrame:
    """One row per user from the session table: the channels of their sessions in time
    order (up to and including the first that bought), the sessions' start times,
    whether they converted, and when (the start of the session that bought, else NaN)."""
    ordered = table.sort_values(["user", "start", "session"], kind="stable")
    purchases = ordered["purchased"].astype(int)
    bought_before = purchases.groupby(ordered["user"]).cumsum() - purchases
    kept = ordered[bought_before == 0]
    grouped = kept.groupby("user", sort=True)
    converted = grouped["purchased"].any()
    return pd.DataFrame(
        {
            "channels": grouped["channel"].agg(tuple),
            "times": grouped["start"].agg(tuple),
            "converted": converted,
            "conversion_time": grouped["start"].max().where(converted),
        }
    ).reset_index()


def rule_based(paths: pd.DataFrame, rule: str, half_life_days: float = HALF_LIFE_DAYS) -> pd.Series:
    """Each conversion's credit shared among its path's touches by a rule.

    last_touch gives it all to the last touch, first_touch to the first, linear
    equally to every touch, time_decay to each touch in proportion to
    2 ** (-(conversion_time - touch time) / (half_life_days * DAY)). A channel touched
    twice gets both shares. Return the credits as a float Series indexed by CHANNELS
    (0.0 for a channel never credited); they sum to the number of conversions. An
    unknown rule is a ValueError that names it.
    """
    raise NotImplementedError(
        "Task 7: per converted path, a weight per touch, normalised; sum by channel"
    )


def shapley(paths: pd.DataFrame) -> pd.Series:
    """Credits by exact Shapley values over the sets of channels that users saw.

    The value of a set T of channels, v(T), is the conversion rate of the users whose
    paths touched exactly the channels of T (0 for a set no user has, the empty set
    included). For each set S that users have, every channel c of S gets, per user of S,
    phi_c(S) = sum over T subset of S without c of |T|! (|S| - |T| - 1)! / |S|! *
    (v(T with c) - v(T)). Return the credits indexed by CHANNELS; they sum to the
    number of conversions.
    """
    raise NotImplementedError(
        "Task 7: rate of each exact set; Shapley over the subsets of each set S"
    )


def markov_removal(paths: pd.DataFrame, smoothing: float = 0.0) -> pd.Series:
    """Credits by the removal effect of each channel in a Markov chain of the paths.

    Fit journeys.markov.MarkovChain(smoothing) on every user's channels and whether
    they converted; p = the conversion probability from START. A channel's removal
    effect is 1 - (the probability from START with the channel removed) / p. Share the
    conversions in proportion to the removal effects. Return the credits indexed by
    CHANNELS (0.0 for a channel no path has).
    """
    raise NotImplementedError(
        "Task 8: one chain; each channel's removal effect; credits in proportion"
    )


def shares(credits: pd.Series) -> pd.Series:
    """Credits as shares that sum to 1."""
    return credits / credits.sum()


def attribution_error(truth: pd.Series, credits: pd.Series) -> float:
    """Half the summed absolute gap between the credits' shares and the true shares:
    the share of the conversions credited to the wrong channel (0 is perfect, 1 the
    worst)."""
    return float(0.5 * (shares(credits) - truth).reindex(list(CHANNELS)).abs().sum())

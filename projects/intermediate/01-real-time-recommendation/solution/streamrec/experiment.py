"""An A/B testing framework: assignment, a sample-ratio check, the delta method and power.

Each part has a classic way to fail quietly. An assignment that is not stable moves
users between arms; one that is not uniform breaks the comparison, and a sample-ratio
mismatch (SRM) is the alarm for it. A click-through rate is a ratio of two sums per
user, and the impressions of one user are not independent: the delta method gives the
variance that treats the user, not the impression, as the unit. Power says how many
users an experiment needs before it starts, and a simulation of many A/A tests says
whether the whole framework keeps its promise of 5% false alarms.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from streamrec.simulator import simulate_outcomes

ARMS = ("control", "treatment")
HASH_SPACE = 2**64
SRM_ALPHA = 0.001  # an SRM alarm must be rare when all is well: it stops the experiment


def assign(
    user: int | str,
    experiment: str,
    arms: Sequence[str] = ARMS,
    weights: Sequence[float] | None = None,
    salt: str = "",
) -> str:
    """The arm of ``user`` in ``experiment``: stable, and in proportion to ``weights``.

    ``digest = hashlib.sha256(f"{experiment}|{salt}|{user}".encode()).digest()``; its
    first 8 bytes, read big-endian, over ``2**64`` give a number ``u`` in [0, 1). The
    arm is the first whose cumulative share of the weights (normalised to sum to 1;
    equal when ``None``) is greater than ``u``. Raises ``ValueError`` for weights that
    are not one per arm, negative, or all 0.
    """
    # BEGIN SOLUTION (task 5): check the weights; hash to u in [0, 1); first cumulative share > u
    shares = [1.0] * len(arms) if weights is None else [float(weight) for weight in weights]
    if len(shares) != len(arms):
        raise ValueError(f"weights must be one per arm ({len(arms)}), got {weights!r}")
    if any(share < 0 for share in shares) or sum(shares) == 0:
        raise ValueError(f"weights must be non-negative and not all 0, got {weights!r}")
    digest = hashlib.sha256(f"{experiment}|{salt}|{user}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / HASH_SPACE
    total = sum(shares)
    cumulative = [share / total for share in itertools.accumulate(shares)]
    return arms[bisect.bisect_right(cumulative, u)]
    # END SOLUTION


def srm_pvalue(counts: Sequence[int], weights: Sequence[float] | None = None) -> float:
    """The p-value of a chi-square test that the arms' user counts follow ``weights``.

    The expected count of an arm is the total times its share of the weights (equal
    shares when ``None``); ``scipy.stats.chisquare`` does the test.
    """
    # BEGIN SOLUTION (task 5): expected counts from the shares, then scipy's chisquare
    observed = np.asarray(counts, dtype=float)
    shares = np.ones(observed.size) if weights is None else np.asarray(weights, dtype=float)
    expected = observed.sum() * shares / shares.sum()
    return float(stats.chisquare(observed, expected).pvalue)
    # END SOLUTION


def has_srm(
    counts: Sequence[int], weights: Sequence[float] | None = None, alpha: float = SRM_ALPHA
) -> bool:
    """Whether the counts show a sample-ratio mismatch: ``srm_pvalue`` strictly below ``alpha``."""
    # BEGIN SOLUTION (task 5): compare the p-value with alpha
    return srm_pvalue(counts, weights) < alpha
    # END SOLUTION


@dataclass(frozen=True)
class RatioEstimate:
    """A ratio metric (clicks over impressions, summed over users) and its variance."""

    ratio: float
    variance: float
    n_users: int

    @property
    def user_std(self) -> float:
        """The standard deviation of one user's linearised contribution: what power needs."""
        return math.sqrt(self.variance * self.n_users)


@dataclass(frozen=True)
class Comparison:
    """Treatment minus control, with its confidence interval and two-sided p-value."""

    difference: float
    low: float
    high: float
    p_value: float


def delta_method(clicks: np.ndarray, impressions: np.ndarray) -> RatioEstimate:
    """The ratio ``sum(clicks) / sum(impressions)`` and its variance by the delta method.

    With ``n`` users, ``R`` the ratio, ``mean_i`` the mean impressions per user, and
    sample variances and covariance (``ddof=1``) over users:
    ``variance = (var(clicks) - 2 R cov(clicks, impressions) + R**2 var(impressions))
    / (n * mean_i**2)``. Raises ``ValueError`` whose message says which: arrays that
    "differ" in length, fewer than "2 users", or no "impressions" at all.
    """
    # BEGIN SOLUTION (task 6): check the input; the ratio; the covariance matrix over users
    clicks = np.asarray(clicks, dtype=float)
    impressions = np.asarray(impressions, dtype=float)
    if clicks.shape != impressions.shape:
        raise ValueError(f"clicks {clicks.shape} and impressions {impressions.shape} differ")
    if clicks.size < 2:
        raise ValueError(f"the delta method needs at least 2 users, got {clicks.size}")
    if impressions.sum() <= 0:
        raise ValueError("there are no impressions: the ratio is undefined")
    n = clicks.size
    ratio = clicks.sum() / impressions.sum()
    covariance = np.cov(clicks, impressions)  # over users, normalised by n - 1
    spread = covariance[0, 0] - 2 * ratio * covariance[0, 1] + ratio**2 * covariance[1, 1]
    return RatioEstimate(float(ratio), float(spread / (n * impressions.mean() ** 2)), n)
    # END SOLUTION


def compare(control: RatioEstimate, treatment: RatioEstimate, alpha: float = 0.05) -> Comparison:
    """A two-sided z-test of ``treatment.ratio - control.ratio``, the arms independent.

    The standard error is ``sqrt(control.variance + treatment.variance)``; the interval
    is the difference plus or minus ``norm.ppf(1 - alpha / 2)`` standard errors.
    """
    # BEGIN SOLUTION (task 6): the difference, its standard error, z, the interval and p
    difference = treatment.ratio - control.ratio
    error = math.sqrt(control.variance + treatment.variance)
    margin = stats.norm.ppf(1 - alpha / 2) * error
    p_value = 2 * stats.norm.sf(abs(difference) / error)
    return Comparison(difference, difference - margin, difference + margin, float(p_value))
    # END SOLUTION


def power(n_per_arm: int, user_std: float, effect: float, alpha: float = 0.05) -> float:
    """The probability that ``compare`` rejects at ``alpha`` when the true difference is
    ``effect``, with ``n_per_arm`` users in each arm of per-user spread ``user_std``.

    The test statistic is normal with mean ``d = |effect| / (user_std * sqrt(2 / n))``;
    both tails count: ``norm.sf(z - d) + norm.cdf(-z - d)``, ``z = norm.ppf(1 - alpha / 2)``.
    """
    # BEGIN SOLUTION (task 7): the shift d of the statistic, then both rejection tails
    shift = abs(effect) / (user_std * math.sqrt(2 / n_per_arm))
    critical = stats.norm.ppf(1 - alpha / 2)
    return float(stats.norm.sf(critical - shift) + stats.norm.cdf(-critical - shift))
    # END SOLUTION


def users_per_arm(
    user_std: float, effect: float, alpha: float = 0.05, target_power: float = 0.8
) -> int:
    """The fewest users per arm whose ``power`` is at least ``target_power``.

    Start from the normal approximation ``2 * ((z_alpha + z_power) * user_std / effect)**2``
    rounded up, then step down while one user fewer still reaches the target, and up
    while this number does not. An arm has at least 2 users (a variance needs 2).
    """
    # BEGIN SOLUTION (task 7): the closed form, rounded up, then corrected by power()
    z_sum = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(target_power)
    n = math.ceil(2 * (z_sum * user_std / effect) ** 2)
    while n > 2 and power(n - 1, user_std, effect, alpha) >= target_power:
        n -= 1
    while n < 2 or power(n, user_std, effect, alpha) < target_power:
        n += 1
    return n
    # END SOLUTION


def simulated_pvalues(
    n_experiments: int, n_users: int, uplift: float, seed: int, base_ctr: float = 0.1
) -> np.ndarray:
    """The p-values of ``n_experiments`` simulated experiments, compared by the delta method.

    One generator, ``np.random.default_rng(seed)``, drives every experiment. Experiment
    ``k`` (from 0) assigns users ``0 .. n_users - 1`` with ``assign(user,
    "calibration", salt=f"{seed}-{k}")``, draws their outcomes with
    ``simulate_outcomes(treated, rng, base_ctr=base_ctr, uplift=uplift)``, and keeps
    the p-value of ``compare`` of the control's ``delta_method`` with the treatment's.
    """
    # BEGIN SOLUTION (task 7): one generator; per experiment assign, simulate, compare
    rng = np.random.default_rng(seed)
    users = range(n_users)
    pvalues = np.empty(n_experiments)
    for k in range(n_experiments):
        arms = [assign(user, "calibration", salt=f"{seed}-{k}") for user in users]
        treated = np.array(arms) == ARMS[1]
        outcomes = simulate_outcomes(treated, rng, base_ctr=base_ctr, uplift=uplift)
        clicks, impressions = outcomes["clicks"].to_numpy(), outcomes["impressions"].to_numpy()
        result = compare(
            delta_method(clicks[~treated], impressions[~treated]),
            delta_method(clicks[treated], impressions[treated]),
        )
        pvalues[k] = result.p_value
    return pvalues
    # END SOLUTION


def rejection_rate(
    n_experiments: int,
    n_users: int,
    uplift: float,
    seed: int,
    alpha: float = 0.05,
    base_ctr: float = 0.1,
) -> float:
    """The share of ``simulated_pvalues`` strictly below ``alpha``.

    With ``uplift=0`` (A/A tests) it should be near ``alpha``: a framework that cries
    wolf more often than it promises is broken, however sound each formula looks. With
    a planted uplift it should be near the power planned for it.
    """
    pvalues = simulated_pvalues(n_experiments, n_users, uplift, seed, base_ctr=base_ctr)
    return float(np.mean(pvalues < alpha))

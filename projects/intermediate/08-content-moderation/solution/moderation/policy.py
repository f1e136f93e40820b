"""Task 4: from a calibrated P(unsafe) to an action, by expected cost.

Each action has a price. Approving a post costs `missed_harm` if it was unsafe;
removing it costs `wrong_removal` if it was safe (a user silenced, an appeal to
answer); sending it to a moderator costs `review` (a moderator's minute), and the
moderator is taken to be right. With a calibrated p = P(unsafe), the expected costs
are p * missed_harm, (1 - p) * wrong_removal and review: the cheapest wins. Two
thresholds follow, and between them a person looks.

A platform also promises that automatic removals are right, say 97% of the time:
the removal threshold is then raised until removals reach that precision on
labelled posts, and the reviewers take what it leaves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

APPROVE, REVIEW, REMOVE = "approve", "review", "remove"


@dataclass(frozen=True)
class Costs:
    """The price of each outcome, in moderator-minutes."""

    missed_harm: float = 10.0  # an unsafe post approved
    wrong_removal: float = 5.0  # a safe post removed
    review: float = 1.0  # a moderator's look


@dataclass(frozen=True)
class Policy:
    """Approve when p < approve_below, remove when p >= remove_from, else review."""

    approve_below: float
    remove_from: float


def cost_policy(costs: Costs) -> Policy:
    """The thresholds at which the expected costs cross:

    approve_below = review / missed_harm (below it, approving costs less than a
    review; at it, the tie goes to the review) and remove_from = 1 - review /
    wrong_removal (from it, removing costs no more than a review). When
    approve_below > remove_from, a review never pays: both thresholds are then the
    p at which approving and removing cost the same,
    wrong_removal / (missed_harm + wrong_removal).
    """
    # BEGIN SOLUTION (task 4): where p * missed_harm, (1 - p) * wrong_removal and review cross
    approve_below = costs.review / costs.missed_harm
    remove_from = 1 - costs.review / costs.wrong_removal
    if approve_below > remove_from:
        even = costs.wrong_removal / (costs.missed_harm + costs.wrong_removal)
        return Policy(even, even)
    return Policy(approve_below, remove_from)
    # END SOLUTION


def decide(policy: Policy, scores: np.ndarray) -> np.ndarray:
    """The action of each score, an array of APPROVE, REVIEW and REMOVE strings (dtype
    object): APPROVE when score < approve_below, REMOVE when score >= remove_from, REVIEW
    otherwise."""
    # BEGIN SOLUTION (task 4): REVIEW everywhere, then APPROVE below, REMOVE from the thresholds
    scores = np.asarray(scores, dtype=float)
    actions = np.full(scores.shape, REVIEW, dtype=object)
    actions[scores < policy.approve_below] = APPROVE
    actions[scores >= policy.remove_from] = REMOVE
    return actions
    # END SOLUTION


def removal_threshold(y_true: np.ndarray, scores: np.ndarray, target_precision: float) -> float:
    """The smallest t among `scores` such that the precision of removing every post with
    score >= t is at least `target_precision`; math.inf (remove nothing) when no t
    reaches it. The smallest such t removes the most unsafe posts."""
    # BEGIN SOLUTION (task 4): sort descending, precision at each distinct score, keep the least
    scores, y_true = np.asarray(scores, dtype=float), np.asarray(y_true)
    order = np.argsort(-scores, kind="stable")
    sorted_scores, hits = scores[order], np.cumsum(y_true[order])
    last_of_each = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(scores) - 1]
    precision = hits[last_of_each] / (last_of_each + 1)
    meets = np.flatnonzero(precision >= target_precision)
    return float(sorted_scores[last_of_each[meets[-1]]]) if meets.size else math.inf
    # END SOLUTION


def at_precision(
    policy: Policy, y_true: np.ndarray, scores: np.ndarray, target_precision: float
) -> Policy:
    """`policy` with remove_from raised, if need be, to removal_threshold(y_true, scores,
    target_precision); approve_below is kept."""
    # BEGIN SOLUTION (task 4): the larger of the two removal thresholds
    threshold = removal_threshold(y_true, scores, target_precision)
    return Policy(policy.approve_below, max(policy.remove_from, threshold))
    # END SOLUTION


def policy_report(y_true: np.ndarray, actions: np.ndarray, costs: Costs) -> dict[str, float]:
    """How a policy did on labelled posts:

    - "removal_precision": the share of REMOVE that were unsafe (NaN with no removal);
    - "review_share": the share of posts sent to REVIEW (the reviewers' workload);
    - "missed": the share of unsafe posts that were approved (NaN with none unsafe);
    - "cost_per_post": the mean cost, missed_harm per unsafe post approved,
      wrong_removal per safe post removed, review per post reviewed.
    """
    # BEGIN SOLUTION (task 4): masks of each action and of the unsafe posts, then the four figures
    y_true, actions = np.asarray(y_true).astype(bool), np.asarray(actions)
    removed, reviewed, approved = actions == REMOVE, actions == REVIEW, actions == APPROVE
    missed = approved & y_true
    total = (
        missed.sum() * costs.missed_harm
        + (removed & ~y_true).sum() * costs.wrong_removal
        + reviewed.sum() * costs.review
    )
    return {
        "removal_precision": float(y_true[removed].mean()) if removed.any() else math.nan,
        "review_share": float(reviewed.mean()),
        "missed": float(missed.sum() / y_true.sum()) if y_true.any() else math.nan,
        "cost_per_post": float(total / len(actions)),
    }
    # END SOLUTION

"""Maintenance policies replayed on a fleet whose failures the simulator knows.

Every unit starts new at cycle 0 and fails after its last cycle. Every ``period``
cycles the planner meets: units that failed since the last meeting are counted as
failures, then the policy names the units a crew services now, at most ``capacity``.
A serviced unit leaves the replay; the life it had left is the cost of replacing it
early. Three policies: run to failure, service at a fixed age, and the predictive
policy that plans with the quantile model and the integer programme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from maintenance.schedule import (
    DEFAULT_COSTS,
    Costs,
    expected_costs,
    schedule_greedy,
    schedule_milp,
    spread_from_quantiles,
)

Policy = Callable[[int, list[int]], list[int]]  # (cycle, alive units) -> units to service now


@dataclass(frozen=True)
class Outcome:
    """What a policy cost over a fleet, and why."""

    cost: float
    failures: int
    services: int
    wasted_cycles: int


def simulate_policy(
    last: pd.Series,
    policy: Policy,
    period: int = 10,
    capacity: int = 3,
    costs: Costs = DEFAULT_COSTS,
) -> Outcome:
    """Replay ``policy`` on units whose last cycles are ``last`` (indexed by unit).

    Meetings at cycles ``period, 2 * period, ...`` while a unit is alive. At the meeting
    at cycle ``c``: first, every alive unit with ``last < c`` has failed (cost
    ``costs.failure``); then, if any unit is left, ``policy(c, alive)`` (``alive`` the
    units still running, in increasing order) names the units serviced at ``c``: each
    costs ``costs.service + costs.wasted_cycle * (last - c)``. A policy that names more
    than ``capacity`` units, a unit twice, or a unit that is not alive, raises
    ``ValueError``.
    """
    raise NotImplementedError(
        "Task 8: meet every period: failures first, then the policy's services"
    )


def run_to_failure(cycle: int, alive: list[int]) -> list[int]:
    """Never service: every unit fails."""
    return []


def fixed_interval(age: int, capacity: int = 3) -> Policy:
    """Service units from ``age`` cycles on, the lowest unit numbers first, as crews allow."""

    def policy(cycle: int, alive: list[int]) -> list[int]:
        return alive[:capacity] if cycle >= age else []

    return policy


def best_fixed_age(
    last: pd.Series, period: int = 10, capacity: int = 3, costs: Costs = DEFAULT_COSTS
) -> int:
    """The fixed age (a multiple of ``period``) with the lowest cost on ``last``: training units."""
    ages = range(period, int(last.max()) + period, period)
    outcomes = {
        age: simulate_policy(last, fixed_interval(age, capacity), period, capacity, costs).cost
        for age in ages
    }
    return min(outcomes, key=outcomes.get)


def predictive_policy(
    forecasts: pd.DataFrame,
    slots: int = 3,
    period: int = 10,
    capacity: int = 3,
    costs: Costs = DEFAULT_COSTS,
    greedy: bool = False,
) -> Policy:
    """A policy that plans ``slots`` meetings ahead and carries out the first.

    ``forecasts`` is indexed by (unit, cycle), with columns ``low``, ``median`` and
    ``high``: the RUL quantiles predicted at that cycle. At cycle ``c`` the policy reads
    the alive units' forecasts at ``c``, prices them with ``expected_costs`` (the spread
    from ``spread_from_quantiles``), plans with ``schedule_milp`` (or, when ``greedy``,
    with ``schedule_greedy``, the median as urgency) and services the units planned for
    slot 0, in increasing order.
    """

    def policy(cycle: int, alive: list[int]) -> list[int]:
        raise NotImplementedError(
            "Task 8: read the forecasts at this cycle, price, plan, take slot 0"
        )

    return policy

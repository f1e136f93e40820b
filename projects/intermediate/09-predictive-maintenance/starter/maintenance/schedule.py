"""A crew schedule from predicted RUL: which units to service in which slot.

Each unit's RUL is uncertain: a normal distribution whose median and spread come from
the quantile model. Servicing a unit at cycle ``c`` (slot ``t`` starts at ``c = t *
period`` cycles from now) costs the failure's cost if it fails first, the planned
service's cost if not, plus the useful life thrown away. Not servicing it within the
horizon costs the failure's cost times the chance it fails within the horizon. A crew
can service ``capacity`` units per slot. Choosing the slots is an assignment problem
with a capacity: an integer programme, solved exactly by ``scipy.optimize.milp``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

SKIP = -1  # a unit left unserviced within the horizon
Z_90 = stats.norm.ppf(0.9)  # a normal's 10% and 90% quantiles are 2 * Z_90 sigmas apart
MIN_SPREAD = 1.0  # cycles: no prediction is surer than this


@dataclass(frozen=True)
class Costs:
    """What a failure, a planned service and one cycle of life thrown away cost."""

    failure: float = 100.0
    service: float = 20.0
    wasted_cycle: float = 0.5


DEFAULT_COSTS = Costs()


def spread_from_quantiles(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """The standard deviation of a normal whose 10% and 90% quantiles are ``low``, ``high``."""
    return np.maximum((np.asarray(high) - np.asarray(low)) / (2 * Z_90), MIN_SPREAD)


def expected_costs(
    median: np.ndarray, spread: np.ndarray, slots: int, period: int, costs: Costs = DEFAULT_COSTS
) -> tuple[np.ndarray, np.ndarray]:
    """The expected cost of servicing each unit in each slot, and of not servicing it.

    The RUL ``R`` of a unit is normal (``median``, ``spread``). In slot ``t``, at ``c = t
    * period``, with ``p = P(R < c)`` and ``z = (median - c) / spread``:
    ``p * failure + (1 - p) * service + wasted_cycle * E[max(R - c, 0)]``, where
    ``E[max(R - c, 0)] = (median - c) * Phi(z) + spread * phi(z)``. Not servicing it
    costs ``P(R < slots * period) * failure``. Returns arrays of shape ``(units,
    slots)`` and ``(units,)``.
    """
    raise NotImplementedError("Task 7: the cycles of the slots, then the normal's cdf and pdf")


def plan_cost(plan: np.ndarray, slot_costs: np.ndarray, skip_costs: np.ndarray) -> float:
    """The expected cost of a plan: each unit's slot (or SKIP)."""
    plan = np.asarray(plan)
    served = plan != SKIP
    units = np.arange(plan.size)
    return float(slot_costs[units[served], plan[served]].sum() + skip_costs[~served].sum())


def schedule_milp(slot_costs: np.ndarray, skip_costs: np.ndarray, capacity: int) -> np.ndarray:
    """The cheapest plan, exactly, by ``scipy.optimize.milp``: each unit's slot or SKIP.

    Binary variables: ``x[i, t]`` (unit ``i`` serviced in slot ``t``) flattened row by
    row, then ``skip[i]``. Each unit is serviced once or skipped (``sum_t x[i, t] +
    skip[i] == 1``); each slot serves at most ``capacity`` units. Minimise the total
    expected cost.
    """
    raise NotImplementedError("Task 7: the cost vector, two constraint blocks, integrality, bounds")


def schedule_greedy(
    slot_costs: np.ndarray, skip_costs: np.ndarray, capacity: int, urgency: np.ndarray
) -> np.ndarray:
    """A greedy rule: the most urgent unit first takes its cheapest slot with room left.

    Units are taken in increasing ``urgency`` (the median RUL; ties by unit index, a
    stable sort); each takes the cheapest slot that still has room (the earliest among
    equal costs), if that slot costs less than skipping, and is skipped otherwise.
    """
    raise NotImplementedError("Task 7: a stable order by urgency, then the cheapest open slot")

"""Price optimisation: the profit-maximising prices of a constant-elasticity demand curve.

Demand on day t at price p is scale[t] * p ** -elasticity. Without constraints, the
profit (p - cost) * demand peaks at p* = cost * elasticity / (elasticity - 1), for an
elasticity above 1 (below 1, a higher price always earns more, and only a bound stops
it). With price bounds, a largest change from one day to the next and a limited
inventory, `scipy.optimize.minimize` finds the plan.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize


@dataclass(frozen=True)
class Plan:
    """A price per day, the demand those prices expect, and the plan's expected profit."""

    prices: np.ndarray
    demand: np.ndarray
    profit: float


def analytic_price(cost: float, elasticity: float) -> float:
    """The unconstrained optimum cost * elasticity / (elasticity - 1).

    Raise ValueError naming the elasticity when it is not above 1 (no finite optimum)
    and naming the cost when it is not positive.
    """
    # BEGIN SOLUTION (task 5): the Lerner markup; refuse an elasticity <= 1 and a cost <= 0
    if not elasticity > 1:
        raise ValueError(f"no finite optimal price for elasticity {elasticity} (it must be > 1)")
    if not cost > 0:
        raise ValueError(f"cost must be positive, got {cost}")
    return cost * elasticity / (elasticity - 1)
    # END SOLUTION


def plan_profit(prices: np.ndarray, cost: float, elasticity: float, scale: np.ndarray) -> float:
    """The expected profit of `prices`: sum of (price - cost) * scale * price ** -elasticity."""
    prices = np.asarray(prices, dtype=float)
    return float(np.sum((prices - cost) * np.asarray(scale) * prices**-elasticity))


def price_constraints(
    scale: np.ndarray,
    elasticity: float,
    max_change: float | None = None,
    inventory: float | None = None,
    start_price: float | None = None,
) -> list[dict]:
    """The plan's constraints for scipy.optimize.minimize, each {"type": "ineq", "fun": f}.

    f(prices) is an array (or a number) that is >= 0 wherever the constraint holds. With
    `max_change`: max_change - np.diff(prices) and max_change + np.diff(prices), and, when
    `start_price` is given, the same two for prices[0] - start_price; with `inventory`:
    inventory - sum(scale * prices ** -elasticity). None of them when all three are None.
    """
    # BEGIN SOLUTION (task 5): each limit as f(prices) >= 0; |x| <= m as m - x and m + x
    scale = np.asarray(scale, dtype=float)
    constraints = []
    if max_change is not None:
        constraints.append({"type": "ineq", "fun": lambda p: max_change - np.diff(p)})
        constraints.append({"type": "ineq", "fun": lambda p: max_change + np.diff(p)})
        if start_price is not None:
            constraints.append({"type": "ineq", "fun": lambda p: max_change - (p[0] - start_price)})
            constraints.append({"type": "ineq", "fun": lambda p: max_change + (p[0] - start_price)})
    if inventory is not None:
        constraints.append(
            {"type": "ineq", "fun": lambda p: inventory - np.sum(scale * p**-elasticity)}
        )
    return constraints
    # END SOLUTION


def optimal_prices(
    cost: float,
    elasticity: float,
    scale: np.ndarray,
    lower: float,
    upper: float,
    max_change: float | None = None,
    inventory: float | None = None,
    start_price: float | None = None,
) -> Plan:
    """The prices of len(scale) days that maximise the expected profit under constraints.

    Every price lies in [lower, upper]; with `max_change`, consecutive prices differ by at
    most max_change (and the first from `start_price`, when given); with `inventory`,
    the plan's total expected demand is at most the inventory (price_constraints). Solve
    with scipy.optimize.minimize, method "SLSQP", from every price at the middle of the
    bounds; raise ValueError when the solver finds no feasible plan.
    """
    # BEGIN SOLUTION (task 5): SLSQP on minus the profit, the bounds and price_constraints
    scale = np.asarray(scale, dtype=float)
    middle = (lower + upper) / 2
    # one day's revenue at the middle price puts the objective on a scale near 1 (revenue,
    # not profit: the profit there is 0 or less when the middle is at or below cost)
    unit = plan_profit([middle], 0.0, elasticity, [scale.mean()])
    result = minimize(
        lambda prices: -plan_profit(prices, cost, elasticity, scale) / unit,
        np.full(len(scale), middle),
        method="SLSQP",
        bounds=[(lower, upper)] * len(scale),
        constraints=price_constraints(scale, elasticity, max_change, inventory, start_price),
        options={"ftol": 1e-12, "maxiter": 500},
    )
    if not result.success:
        raise ValueError(f"no feasible price plan under these constraints: {result.message}")
    prices = result.x
    demand = scale * prices**-elasticity
    return Plan(prices=prices, demand=demand, profit=plan_profit(prices, cost, elasticity, scale))
    # END SOLUTION

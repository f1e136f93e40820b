"""Task 5: profit-maximising prices, analytic where it applies, under constraints in general."""

import warnings

import numpy as np
import pytest
from scipy.optimize import LinearConstraint, NonlinearConstraint, minimize

from pricing.optimise import analytic_price, optimal_prices, plan_profit, price_constraints

SEASON = 1000 * np.exp(0.3 * np.sin(np.arange(14)))  # fourteen days of a demand scale


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("cost", "elasticity"), [(10.0, 3.0), (4.0, 1.5), (25.0, 1.01), (1.0, 2.0), (0.4, 5.0)]
)
def test_analytic_price_is_the_lerner_markup(cost, elasticity):
    want = cost * elasticity / (elasticity - 1)
    assert analytic_price(cost, elasticity) == pytest.approx(want, rel=1e-12), (
        f"Task 5: analytic_price({cost}, {elasticity}) should be cost * e / (e - 1) = {want}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("cost", "elasticity", "word"),
    [(10.0, 1.0, "elasticity"), (10.0, 0.5, "elasticity"), (0.0, 2.0, "cost"), (-1.0, 2.0, "cost")],
)
def test_analytic_price_refuses_what_has_no_optimum(cost, elasticity, word):
    with pytest.raises(ValueError, match=word):
        analytic_price(cost, elasticity)


def constraint_values(constraints, prices):
    return np.concatenate([np.atleast_1d(c["fun"](prices)) for c in constraints])


@pytest.mark.task(5)
def test_price_constraints_hold_exactly_where_the_limits_do():
    scale = SEASON[:4]
    assert price_constraints(scale, 2.0) == [], "Task 5: no limit given, no constraint"
    constraints = price_constraints(scale, 2.0, max_change=1.0, inventory=10.0, start_price=20.0)
    assert all(c["type"] == "ineq" for c in constraints), "Task 5: every constraint is 'ineq'"
    on_the_edge = np.array([21.0, 20.0, 21.0, 20.0])
    values = constraint_values(constraints, on_the_edge)
    inventory_left = 10.0 - np.sum(scale * on_the_edge**-2.0)
    want = np.array([2.0, 0.0, 2.0, 0.0, 0.0, 2.0, 0.0, 2.0, inventory_left])
    np.testing.assert_allclose(
        np.sort(values),
        np.sort(want),
        atol=1e-12,
        err_msg=(
            "Task 5: for prices [21, 20, 21, 20] from a start of 20 with max_change=1 and an "
            f"inventory of 10, the constraint values should be {np.sort(want)}, got "
            f"{np.sort(values)}: max_change -/+ each move (the first from start_price), and "
            "inventory - total demand"
        ),
    )
    no_start = constraint_values(price_constraints(scale, 2.0, max_change=1.0), on_the_edge)
    assert len(no_start) == 6, "Task 5: without start_price, only the moves between days"
    only_stock = constraint_values(price_constraints(scale, 3.0, inventory=5.0), on_the_edge)
    np.testing.assert_allclose(only_stock, [5.0 - np.sum(scale * on_the_edge**-3.0)], rtol=1e-12)


@pytest.mark.task(5)
@pytest.mark.parametrize(("cost", "elasticity"), [(10.0, 3.0), (4.0, 1.5), (8.0, 2.2)])
def test_without_binding_constraints_the_plan_is_analytic(cost, elasticity):
    plan = optimal_prices(cost, elasticity, SEASON[:5], lower=1.0, upper=100.0)
    want = cost * elasticity / (elasticity - 1)
    np.testing.assert_allclose(
        plan.prices,
        want,
        rtol=1e-4,
        err_msg=f"Task 5: with no binding constraint, each price is c e / (e - 1) = {want:.4f}",
    )
    np.testing.assert_allclose(plan.demand, SEASON[:5] * plan.prices**-elasticity, rtol=1e-12)
    assert plan.profit == pytest.approx(
        plan_profit(plan.prices, cost, elasticity, SEASON[:5]), rel=1e-12
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("days", [1, 5])
@pytest.mark.parametrize(("upper", "best"), [(20.0, 15.0), (14.0, 14.0)])
def test_a_range_that_starts_below_cost_still_finds_the_optimum(days, upper, best):
    plan = optimal_prices(10.0, 3.0, SEASON[:days], lower=5.0, upper=upper)
    np.testing.assert_allclose(
        plan.prices,
        best,
        rtol=1e-4,
        err_msg=(
            f"Task 5: with prices in [5, {upper:g}] and a cost of 10, the optimum is "
            f"{best:g} (c e / (e - 1) = 15, within the bounds). Start SLSQP from the middle of "
            "the bounds and scale the objective by one day's revenue there: at a middle of "
            "9.5, below cost, one day's profit is negative and cannot be the scale"
        ),
    )


@pytest.mark.task(5)
def test_bounds_bind_on_both_sides():
    inelastic = optimal_prices(10.0, 0.7, SEASON[:3], lower=5.0, upper=40.0)
    np.testing.assert_allclose(
        inelastic.prices,
        40.0,
        rtol=1e-6,
        err_msg="Task 5: below an elasticity of 1 a higher price earns more: the upper bound binds",
    )
    cheap = optimal_prices(10.0, 3.0, SEASON[:3], lower=20.0, upper=60.0)
    np.testing.assert_allclose(
        cheap.prices,
        20.0,
        rtol=1e-6,
        err_msg="Task 5: with the optimum (15) below the lower bound (20), the lower bound binds",
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("binding_price", [30.0, 45.0])
def test_a_binding_inventory_gives_one_price_that_sells_it_all(binding_price):
    inventory = float(np.sum(SEASON * binding_price**-2.0))
    plan = optimal_prices(10.0, 2.0, SEASON, lower=5.0, upper=60.0, inventory=inventory)
    np.testing.assert_allclose(
        plan.prices,
        binding_price,
        rtol=1e-3,
        err_msg=(
            f"Task 5: an inventory of {inventory:.2f} units binds (the optimum 20 would sell "
            "more): the best plan sells it all at one price, (sum(scale) / inventory) ** (1 / e) "
            f"= {binding_price}"
        ),
    )
    assert plan.demand.sum() <= inventory * (1 + 1e-6)


@pytest.mark.task(5)
@pytest.mark.parametrize(("max_change", "start_price"), [(1.5, 30.0), (0.5, 19.0)])
def test_daily_changes_are_limited_and_the_plan_is_optimal(max_change, start_price):
    inventory = float(np.sum(SEASON * 22.0**-2.0))
    plan = optimal_prices(
        10.0,
        2.0,
        SEASON,
        lower=5.0,
        upper=60.0,
        max_change=max_change,
        inventory=inventory,
        start_price=start_price,
    )
    steps = np.abs(np.diff(np.concatenate([[start_price], plan.prices])))
    assert steps.max() <= max_change + 1e-6, (
        f"Task 5: no price may move more than max_change={max_change} from the day before "
        f"(the first from start_price={start_price}); the largest move was {steps.max():.4f}"
    )
    assert plan.demand.sum() <= inventory * (1 + 1e-6), (
        "Task 5: the plan sells more than the inventory"
    )
    assert np.all((plan.prices >= 5.0 - 1e-9) & (plan.prices <= 60.0 + 1e-9))
    # an independent solver on the same problem (trust-constr, the changes as linear bounds)
    changes = np.eye(14) - np.eye(14, k=-1)
    low, high = np.full(14, -max_change), np.full(14, max_change)
    low[0] += start_price
    high[0] += start_price
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        oracle = minimize(
            lambda p: -plan_profit(p, 10.0, 2.0, SEASON),
            np.full(14, start_price),
            method="trust-constr",
            bounds=[(5.0, 60.0)] * 14,
            constraints=[
                LinearConstraint(changes, low, high),
                NonlinearConstraint(lambda p: np.sum(SEASON * p**-2.0), -np.inf, inventory),
            ],
            options={"gtol": 1e-10, "xtol": 1e-12, "maxiter": 3000},
        )
    np.testing.assert_allclose(
        plan.prices,
        oracle.x,
        atol=1e-3,
        err_msg=(
            f"Task 5: scipy's trust-constr finds another plan (profit "
            f"{plan_profit(oracle.x, 10.0, 2.0, SEASON):.4f}, yours {plan.profit:.4f}); are the "
            "changes, the start price and the inventory all constraints of your SLSQP call?"
        ),
    )


@pytest.mark.task(5)
def test_a_plan_the_changes_cannot_reach_is_refused():
    inventory = float(np.sum(SEASON * 30.0**-2.0))
    with pytest.raises(ValueError, match="feasible"):
        optimal_prices(
            10.0,
            2.0,
            SEASON,
            lower=5.0,
            upper=60.0,
            max_change=0.5,
            start_price=12.0,
            inventory=inventory,
        )


@pytest.mark.task(5)
def test_prices_from_the_estimated_elasticities_earn_near_the_oracle(market, metric, figure):
    """The system end to end: history -> elasticity (Task 2) -> price (Task 5) -> profit."""
    from pricing.elasticity import iv_elasticity, log_log_frame, naive_elasticity

    shares = {"iv": [], "naive": []}
    for product, truth in enumerate(market.elasticity):
        cost = market.unit_cost[product]
        lower, upper = cost, 4 * cost

        def profit(price, truth=truth, cost=cost):
            return plan_profit([price], cost, truth, [1.0])

        best = optimal_prices(cost, truth, [1.0], lower, upper).prices[0]
        frame = log_log_frame(market.history, product)
        for name, estimate in (("iv", iv_elasticity(frame)), ("naive", naive_elasticity(frame))):
            price = optimal_prices(cost, estimate.elasticity, [1.0], lower, upper).prices[0]
            shares[name].append(profit(price) / profit(best))
    figure("naive_profit_share", float(np.mean(shares["naive"])))
    metric("iv_profit_share", float(np.mean(shares["iv"])))


@pytest.mark.task(5)
def test_the_command_line_runs_the_system(capsys):
    from pricing.__main__ import OK, main

    assert main(["--seed", "5", "--endogeneity", "0.5"]) == OK
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 + 6, (
        f"Task 5: python -m pricing should print a header and six products, got {lines}"
    )
    assert lines[2].split()[0] == "0" and "%" in lines[-1], f"Task 5: unexpected table {lines}"

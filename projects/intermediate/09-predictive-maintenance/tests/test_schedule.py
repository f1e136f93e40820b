"""Task 7: expected costs from uncertain RUL, the schedule by milp, and a greedy rule."""

import itertools

import numpy as np
import pytest
import scipy.optimize
from scipy import stats

from maintenance.schedule import (
    SKIP,
    Costs,
    expected_costs,
    plan_cost,
    schedule_greedy,
    schedule_milp,
)


@pytest.mark.task(7)
@pytest.mark.parametrize(
    ("slots", "period", "costs"), [(3, 10, Costs()), (5, 7, Costs(250.0, 30.0, 0.8))]
)
def test_expected_costs_by_hand(slots, period, costs):
    median = np.array([-5.0, 0.0, 12.0, 40.0, 300.0])
    spread = np.array([3.0, 1.0, 6.0, 15.0, 20.0])
    args = {} if costs == Costs() else {"costs": costs}
    slot_costs, skip_costs = expected_costs(median, spread, slots, period, **args)
    assert slot_costs.shape == (5, slots) and skip_costs.shape == (5,), (
        f"Task 7: costs of shape (units, slots) and (units,), got {slot_costs.shape}, "
        f"{skip_costs.shape}"
    )
    for unit in range(5):
        m, s = median[unit], spread[unit]
        for slot in range(slots):
            c = slot * period
            p = stats.norm.cdf(c, loc=m, scale=s)
            z = (m - c) / s
            leftover = (m - c) * stats.norm.cdf(z) + s * stats.norm.pdf(z)
            want = p * costs.failure + (1 - p) * costs.service + costs.wasted_cycle * leftover
            assert slot_costs[unit, slot] == pytest.approx(want, rel=1e-9, abs=1e-12), (
                f"Task 7: unit {unit} (median {m}, spread {s}) in slot {slot} (cycle {c}) "
                f"should cost {want:.6f}, got {slot_costs[unit, slot]:.6f}"
            )
        want_skip = stats.norm.cdf(slots * period, loc=m, scale=s) * costs.failure
        assert skip_costs[unit] == pytest.approx(want_skip, rel=1e-9, abs=1e-12), (
            f"Task 7: skipping unit {unit} costs P(R < {slots * period}) * failure = "
            f"{want_skip:.6f}, got {skip_costs[unit]:.6f}"
        )


def brute_force(slot_costs, skip_costs, capacity):
    n_units, n_slots = slot_costs.shape
    best, best_cost = None, np.inf
    for plan in itertools.product(range(-1, n_slots), repeat=n_units):
        if any(plan.count(slot) > capacity for slot in range(n_slots)):
            continue
        cost = plan_cost(np.array(plan), slot_costs, skip_costs)
        if cost < best_cost - 1e-12:
            best, best_cost = plan, cost
    return np.array(best), best_cost


def random_instance(rng, n_units, slots):
    median = rng.uniform(-5, 50, n_units)
    spread = rng.uniform(2, 15, n_units)
    return (*expected_costs(median, spread, slots, 10), median)


@pytest.mark.task(7)
@pytest.mark.parametrize(("n_units", "slots", "capacity"), [(4, 3, 1), (5, 2, 2), (3, 4, 1)])
def test_milp_matches_brute_force(n_units, slots, capacity):
    rng = np.random.default_rng(n_units * 10 + capacity)
    for trial in range(25):
        slot_costs, skip_costs, _ = random_instance(rng, n_units, slots)
        plan = schedule_milp(slot_costs, skip_costs, capacity)
        _, best = brute_force(slot_costs, skip_costs, capacity)
        assert plan.shape == (n_units,) and set(plan.tolist()) <= set(range(-1, slots)), (
            f"Task 7: one slot (or SKIP = -1) per unit, got {plan}"
        )
        assert all(np.sum(plan == slot) <= capacity for slot in range(slots)), (
            f"Task 7: at most {capacity} unit(s) per slot, got {plan}"
        )
        assert plan_cost(plan, slot_costs, skip_costs) == pytest.approx(best, abs=1e-7), (
            f"Task 7: trial {trial}: your plan {plan.tolist()} costs "
            f"{plan_cost(plan, slot_costs, skip_costs):.4f}; the best plan costs {best:.4f}"
        )


@pytest.mark.task(7)
def test_milp_skips_when_skipping_is_cheapest_and_uses_capacity():
    slot_costs = np.array([[5.0, 9.0], [5.0, 6.0], [30.0, 30.0]])
    skip_costs = np.array([50.0, 50.0, 10.0])
    plan = schedule_milp(slot_costs, skip_costs, 1)
    assert plan.tolist() == [0, 1, SKIP], (
        f"Task 7: with one crew a slot, unit 0 in slot 0, unit 1 in slot 1 and unit 2 "
        f"skipped costs 5 + 6 + 10; got {plan.tolist()}"
    )
    assert schedule_milp(slot_costs, skip_costs, 2).tolist() == [0, 0, SKIP], (
        "Task 7: with two crews a slot both fit in slot 0"
    )


@pytest.mark.task(7)
def test_milp_services_each_unit_once_even_when_two_slots_pay():
    # Negative costs (a rebate for servicing): without "exactly once" the programme would
    # take both slots, and the plan would read the first.
    slot_costs = np.array([[-1.0, -5.0], [3.0, 4.0]])
    skip_costs = np.array([0.0, 10.0])
    plan = schedule_milp(slot_costs, skip_costs, 2)
    assert plan.tolist() == [1, 0], (
        "Task 7: each unit is serviced in one slot or skipped (its slot variables plus its "
        "skip variable sum to exactly 1): unit 0 takes its cheaper slot 1 (-5), not both "
        f"slots; got {plan.tolist()}. Check the bounds of the 'once' constraint."
    )


@pytest.mark.task(7)
def test_milp_rounds_the_solvers_values(monkeypatch):
    real_milp = scipy.optimize.milp

    def nearly_integral(*args, **kwargs):
        # A solver may return a binary variable a hair off 0 or 1, within its tolerance.
        result = real_milp(*args, **kwargs)
        result.x = np.where(result.x > 0.5, result.x - 1e-7, result.x + 1e-7)
        return result

    monkeypatch.setattr(scipy.optimize, "milp", nearly_integral)
    slot_costs = np.array([[5.0, 9.0], [5.0, 6.0], [30.0, 30.0]])
    skip_costs = np.array([50.0, 50.0, 10.0])
    plan = schedule_milp(slot_costs, skip_costs, 1)
    assert plan.tolist() == [0, 1, SKIP], (
        "Task 7: when milp returns 0.9999999 for a chosen slot and 1e-7 for the others, the "
        f"plan is still [0, 1, SKIP]; got {plan.tolist()}. Round result.x (np.round) before "
        "reading it: int() or astype(int) truncates 0.9999999 to 0."
    )


@pytest.mark.task(7)
def test_greedy_by_hand():
    slot_costs = np.array([[5.0, 9.0], [5.0, 6.0], [7.0, 7.0], [30.0, 30.0]])
    skip_costs = np.array([50.0, 50.0, 7.0, 10.0])
    urgency = np.array([3.0, 1.0, 0.0, 1.0])
    plan = schedule_greedy(slot_costs, skip_costs, 1, urgency)
    assert plan.tolist() == [1, 0, SKIP, SKIP], (
        "Task 7: in order of urgency (unit 2, then 1 and 3 tied by index, then 0): unit 2's "
        "cheapest slot costs exactly its skip (7): skipped; unit 1 takes slot 0; unit 3 "
        f"skips (10 < 30); unit 0 takes slot 1, the only one left; got {plan.tolist()}"
    )
    ties = schedule_greedy(np.array([[4.0, 4.0], [4.0, 4.0]]), np.array([9.0, 9.0]), 1, np.zeros(2))
    assert ties.tolist() == [0, 1], (
        f"Task 7: equal costs go to the earliest slot, equal urgency by unit index; got {ties}"
    )
    many = schedule_greedy(np.ones((40, 1)), np.full(40, 5.0), 5, np.array([1.0, 0.0] * 20))
    assert np.flatnonzero(many == 0).tolist() == [1, 3, 5, 7, 9], (
        "Task 7: 20 units tie at urgency 0: the first five by index take the five places "
        f"(a stable sort); got {np.flatnonzero(many == 0).tolist()}"
    )
    full = schedule_greedy(np.ones((3, 1)), np.full(3, 5.0), 2, np.array([2.0, 0.0, 1.0]))
    assert full.tolist() == [SKIP, 0, 0], f"Task 7: no room left means skipped, got {full}"


@pytest.mark.task(7)
def test_greedy_is_never_better_than_milp(metric, figure):
    rng = np.random.default_rng(21)
    gaps = []
    for _ in range(200):
        slot_costs, skip_costs, median = random_instance(rng, 6, 3)
        exact = plan_cost(schedule_milp(slot_costs, skip_costs, 2), slot_costs, skip_costs)
        greedy = plan_cost(
            schedule_greedy(slot_costs, skip_costs, 2, median), slot_costs, skip_costs
        )
        gaps.append(greedy - exact)
    gaps = np.array(gaps)
    metric("greedy_never_better", max(0.0, -gaps.min()))
    figure("greedy_excess", gaps.mean())
    figure("greedy_worse_share", np.mean(gaps > 1e-9))
    assert np.mean(gaps > 1e-9) > 0.05, (
        "Task 7: the greedy rule should lose to the optimum sometimes"
    )

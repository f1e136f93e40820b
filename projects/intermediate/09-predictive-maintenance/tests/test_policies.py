"""Task 8: the fleet replayed under three policies, and the whole system's command line."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from maintenance.policies import (
    best_fixed_age,
    fixed_interval,
    predictive_policy,
    run_to_failure,
    simulate_policy,
)
from maintenance.schedule import Costs, expected_costs, schedule_greedy, schedule_milp

PERIOD = 10


class Scripted:
    """A policy that services given units at given cycles, and remembers what it saw."""

    def __init__(self, script):
        self.script, self.seen = script, []

    def __call__(self, cycle, alive):
        self.seen.append((cycle, list(alive)))
        return self.script.get(cycle, [])


@pytest.mark.task(8)
def test_replay_by_hand():
    last = pd.Series({4: 19, 7: 20, 9: 35, 12: 41}, name="last")
    policy = Scripted({20: [7], 30: [12]})
    outcome = simulate_policy(last, policy, period=PERIOD, capacity=1)
    assert policy.seen == [(10, [4, 7, 9, 12]), (20, [7, 9, 12]), (30, [9, 12])], (
        "Task 8: meetings at 10, 20, ... while a unit lives; each sees the alive units in "
        "order, after the failures since the last meeting (at 40 none is left: no call); "
        f"got {policy.seen}"
    )
    want = 100.0 * 2 + (20.0 + 0.5 * 0) + (20.0 + 0.5 * 11)  # unit 7 serviced on its last cycle
    assert (outcome.cost, outcome.failures, outcome.services, outcome.wasted_cycles) == (
        pytest.approx(want),
        2,
        2,
        11,
    ), (
        "Task 8: units 4 (last 19) and 9 (last 35) fail; unit 7 is serviced at 20, its last "
        f"cycle, in time and with nothing wasted; unit 12 at 30, 11 cycles early: cost {want}; "
        f"got {outcome}"
    )


@pytest.mark.task(8)
def test_replay_with_other_period_and_costs():
    last = pd.Series({1: 14, 2: 30, 3: 31}, name="last")
    costs = Costs(failure=300.0, service=15.0, wasted_cycle=2.0)
    policy = Scripted({7: [2, 3]})
    outcome = simulate_policy(last, policy, period=7, capacity=2, costs=costs)
    assert policy.seen == [(7, [1, 2, 3]), (14, [1])], (
        "Task 8: with period 7 the meetings are at 7, 14, 21 ...; unit 1 is alive at 14 "
        f"(its last cycle) and has failed by 21; got {policy.seen}"
    )
    assert outcome.cost == pytest.approx(300.0 + 2 * 15.0 + 2.0 * (23 + 24)), (
        f"Task 8: unit 1 fails after 14 (met at 21); 2 and 3 serviced at 7; got {outcome}"
    )
    assert simulate_policy(last, run_to_failure).cost == pytest.approx(300.0), (
        "Task 8: the default costs are Costs(): three failures cost 300"
    )


@pytest.mark.task(8)
def test_a_policy_that_breaks_the_rules_is_refused():
    last = pd.Series({1: 50, 2: 50, 3: 50, 4: 5})
    with pytest.raises(ValueError, match="at most 2"):
        simulate_policy(last, lambda cycle, alive: alive[:3], capacity=2)
    assert simulate_policy(last, lambda cycle, alive: alive[:2], capacity=2).services == 3
    with pytest.raises(ValueError):
        simulate_policy(last, lambda cycle, alive: [4])  # unit 4 failed before cycle 10
    with pytest.raises(ValueError):
        simulate_policy(last, lambda cycle, alive: [1, 1])


@pytest.fixture(scope="module")
def forecasts(quantile_model, test_features):
    from maintenance.__main__ import forecasts_at_meetings

    return forecasts_at_meetings(quantile_model, test_features)


def decisions_by_hand(forecasts, cycle, alive, slots, period, capacity, costs, greedy):
    rows = forecasts.loc[[(unit, cycle) for unit in alive]]
    width = (rows["high"] - rows["low"]).to_numpy()
    spread = np.maximum(width / (2 * stats.norm.ppf(0.9)), 1.0)
    median = rows["median"].to_numpy()
    slot_costs, skip_costs = expected_costs(median, spread, slots, period, costs)
    if greedy:
        plan = schedule_greedy(slot_costs, skip_costs, capacity, median)
    else:
        plan = schedule_milp(slot_costs, skip_costs, capacity)
    return [unit for unit, slot in zip(alive, plan, strict=True) if slot == 0]


EAGER = Costs(failure=400.0, service=10.0, wasted_cycle=0.05)
SETTINGS = [  # slots, period, capacity, costs, greedy; the first is the defaults
    (3, 10, 3, Costs(), False),
    (1, 20, 2, EAGER, False),
    (4, 20, 1, Costs(150.0, 25.0, 0.3), False),
    (2, 20, 2, EAGER, True),
]


@pytest.mark.task(8)
@pytest.mark.parametrize("setting", range(len(SETTINGS)))
def test_the_predictive_policy_plans_then_acts(forecasts, setting):
    slots, period, capacity, costs, greedy = SETTINGS[setting]
    args = {"slots": slots, "period": period, "capacity": capacity, "costs": costs}
    policy = predictive_policy(forecasts, **({} if setting == 0 else args | {"greedy": greedy}))
    chosen = 0
    for cycle in range(60, 220, 20):
        alive = sorted(unit for unit, at in forecasts.index if at == cycle)
        want = decisions_by_hand(forecasts, cycle, alive, slots, period, capacity, costs, greedy)
        got = policy(cycle, alive)
        assert list(got) == want, (
            f"Task 8: at cycle {cycle}, planning {slots} slots of {period} cycles with "
            f"capacity {capacity}, {costs} ({'greedy' if greedy else 'milp'}), the units "
            f"planned for slot 0 are {want}; got {list(got)}"
        )
        chosen += len(want)
    assert chosen > 0
    assert policy(80, []) == []


@pytest.mark.task(8)
def test_the_replayed_fleet(forecasts, train_fleet, test_fleet, metric, figure):
    last = test_fleet.units.set_index("unit")["last"]
    age = best_fixed_age(train_fleet.units.set_index("unit")["last"])
    outcomes = {
        "run_to_failure": simulate_policy(last, run_to_failure),
        "fixed_interval": simulate_policy(last, fixed_interval(age)),
        "predictive": simulate_policy(last, predictive_policy(forecasts)),
        "predictive_greedy": simulate_policy(last, predictive_policy(forecasts, greedy=True)),
    }
    for name, outcome in outcomes.items():
        figure(f"{name}_cost", outcome.cost)
    predictive = outcomes["predictive"].cost
    metric("cost_over_fixed_interval", predictive / outcomes["fixed_interval"].cost)
    metric("cost_over_run_to_failure", predictive / outcomes["run_to_failure"].cost)


@pytest.mark.task(8)
def test_the_command_line_runs_on_a_cmapss_file(tmp_path, capsys):
    from maintenance.__main__ import BAD_INPUT, OK, main
    from maintenance.simulator import simulate_fleet, write_cmapss

    path = tmp_path / "train_FD.txt"
    write_cmapss(simulate_fleet(18, seed=4).readings, path)
    assert main(["--train", str(path), "--seed", "3"]) == OK
    printed = capsys.readouterr().out
    assert "12 training units, 6 held out" in printed and "predictive (milp)" in printed, printed
    broken = tmp_path / "broken.txt"
    broken.write_text(path.read_text(encoding="utf-8") + "1 2 3\n", encoding="utf-8")
    assert main(["--train", str(broken)]) == BAD_INPUT
    assert "expected 26 fields" in capsys.readouterr().err

"""The reference's runs that the brief shows: one engine's journey, and the command line.

- `example`: one held-out engine at one cycle: its raw line, its cleaned features, the
  health index, the RUL quantiles and what the planner does with them;
- `system`: what `python -m maintenance` prints.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the simulator and the models are seeded.
"""

import contextlib
import io

from maintenance.__main__ import main as command_line
from maintenance.pipeline import FEATURES, fit_pipeline
from maintenance.rul import QuantileBoosting, piecewise_rul
from maintenance.schedule import expected_costs, spread_from_quantiles
from maintenance.simulator import SENSORS, simulate_fleet

SEED = 11  # the tests' seed
SHOWN_UNIT, CYCLES_BEFORE_FAILURE = 2, 40  # a held-out engine, 40 cycles before it fails


def example() -> str:
    train = simulate_fleet(60, seed=SEED).readings
    test = simulate_fleet(30, seed=SEED + 1)
    pipeline = fit_pipeline(train, seed=SEED)
    train_features = pipeline.features(train)
    model = QuantileBoosting(seed=SEED).fit(
        train_features[list(FEATURES)], piecewise_rul(train_features)
    )
    readings = test.readings
    last = int(test.units.set_index("unit").loc[SHOWN_UNIT, "last"])
    shown_cycle = last - CYCLES_BEFORE_FAILURE
    raw = readings[(readings["unit"] == SHOWN_UNIT) & (readings["cycle"] == shown_cycle)].iloc[0]
    features = pipeline.features(readings[readings["unit"] == SHOWN_UNIT])
    row = features[features["cycle"] == shown_cycle]
    low, median, high = model.predict(row[list(FEATURES)])[0]
    spread = spread_from_quantiles([low], [high])
    slot_costs, skip_cost = expected_costs([median], spread, slots=3, period=10)
    sensors = ", ".join(f"{raw[name]:.1f}" for name in SENSORS[:4])
    cleaned = ", ".join(f"{row[name].iloc[0]:+.2f}" for name in SENSORS[:4])
    costs = ", ".join(f"{cost:.1f}" for cost in slot_costs[0])
    return "\n".join(
        [
            "```text",
            f"unit {SHOWN_UNIT}, cycle {shown_cycle}: settings "
            f"({raw['setting_1']:.3f}, {raw['setting_2']:.4f}, {raw['setting_3']:.0f}), "
            f"sensors {sensors}, ... (14 in all)",
            f"normalised per regime and cleaned: {cleaned}, ...",
            f"health index {row['health'].iloc[0]:.2f}    "
            f"RUL 10% / 50% / 90%: {low:.0f} / {median:.0f} / {high:.0f} cycles"
            f"    (truth: {last - shown_cycle})",
            f"expected cost of a service now / in 10 / in 20 cycles: {costs}; "
            f"of waiting: {skip_cost[0]:.1f}",
            "```",
        ]
    )


def system() -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line([])
    return f"```text\n$ python -m maintenance\n{output.getvalue()}```"


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: system -->")
    print(system())


if __name__ == "__main__":
    main()

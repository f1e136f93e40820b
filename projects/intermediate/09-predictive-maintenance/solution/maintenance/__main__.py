"""The whole system on a run-to-failure log: ``python -m maintenance [--train FILE]``.

Without ``--train``, a simulated fleet; with it, a C-MAPSS file (``train_FD002.txt``
from NASA, for example). The last ``--test-share`` of the units are held out: the
pipeline and the models are fitted on the others. The RUL models are scored at every cycle of
the held-out units (every step looks only backwards, so each cycle is an honest cut),
and the held-out units are replayed to price three maintenance policies.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from maintenance.cmapss import BadFile, read_cmapss
from maintenance.health import onset_cycles
from maintenance.pipeline import FEATURES, fit_pipeline, last_reading_rul, linear_degradation_rul
from maintenance.policies import (
    best_fixed_age,
    fixed_interval,
    predictive_policy,
    run_to_failure,
    simulate_policy,
)
from maintenance.rul import QuantileBoosting, piecewise_rul, rmse
from maintenance.simulator import simulate_fleet

OK, BAD_INPUT = 0, 2
PERIOD = 10  # cycles between two meetings of the planner


def forecasts_at_meetings(
    model: QuantileBoosting, features: pd.DataFrame, period: int = PERIOD
) -> pd.DataFrame:
    """The RUL quantiles of every unit at every meeting cycle, indexed by (unit, cycle)."""
    rows = features[features["cycle"] % period == 0]
    quantiles = model.predict(rows[list(FEATURES)])
    index = pd.MultiIndex.from_frame(rows[["unit", "cycle"]])
    return pd.DataFrame(quantiles, columns=["low", "median", "high"], index=index)


def run(readings: pd.DataFrame, test_share: float, seed: int, n_regimes: int = 3) -> list[str]:
    """Fit on the first units, evaluate on the rest; the lines of the report."""
    units = np.sort(readings["unit"].unique())
    n_test = max(1, int(round(test_share * units.size)))
    is_test = readings["unit"].isin(units[-n_test:])
    train, test = readings[~is_test], readings[is_test]
    pipeline = fit_pipeline(train, seed=seed, n_regimes=n_regimes)
    train_features = pipeline.features(train)
    target = piecewise_rul(train_features)
    model = QuantileBoosting(seed=seed).fit(train_features[list(FEATURES)], target)

    test_features = pipeline.features(test)
    truth = piecewise_rul(test_features)
    scores = {
        "quantile boosting (median)": model.predict(test_features[list(FEATURES)])[:, 1],
        "last reading, linear": last_reading_rul(train_features, target, test_features),
        "health trend, extrapolated": linear_degradation_rul(test_features),
    }
    last = test_features.groupby("unit")["cycle"].max()
    onsets = onset_cycles(test_features, test_features["health"].to_numpy())
    age = best_fixed_age(train.groupby("unit")["cycle"].max(), PERIOD)
    policies = {
        "run to failure": run_to_failure,
        f"fixed age {age}": fixed_interval(age),
        "predictive (milp)": predictive_policy(forecasts_at_meetings(model, test_features)),
    }
    lines = [
        f"{units.size - n_test} training units, {n_test} held out; {len(readings):,} cycles logged",
        f"{'RUL, every held-out cycle':<30}{'RMSE':>8}",
    ]
    lines += [f"  {name:<28}{rmse(truth, score):>8.1f}" for name, score in scores.items()]
    lead = (last - onsets).dropna()
    lines.append(
        f"onset alarms on {lead.size} of {last.size} held-out units, "
        f"median lead time {lead.median():.0f} cycles"
    )
    lines.append(f"{'policy':<30}{'cost':>8}{'failures':>10}{'wasted':>8}")
    for name, policy in policies.items():
        outcome = simulate_policy(last, policy, PERIOD)
        lines.append(
            f"  {name:<28}{outcome.cost:>8.0f}{outcome.failures:>10}{outcome.wasted_cycles:>8}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m maintenance", description=__doc__)
    parser.add_argument("--train", type=Path, help="a C-MAPSS file (default: a simulated fleet)")
    parser.add_argument("--units", type=int, default=90, help="units to simulate")
    parser.add_argument("--test-share", type=float, default=1 / 3, help="units held out")
    parser.add_argument("--seed", type=int, default=11, help="seed of the simulator and models")
    parser.add_argument("--regimes", type=int, default=3, help="operating regimes (FD002: 6)")
    args = parser.parse_args(argv)
    if args.train is None:
        readings = simulate_fleet(args.units, seed=args.seed).readings
    else:
        try:
            readings, _ = read_cmapss(args.train)
        except (BadFile, OSError) as problem:
            print(f"cannot read {args.train}: {problem}", file=sys.stderr)
            return BAD_INPUT
    print("\n".join(run(readings, args.test_share, args.seed, args.regimes)))
    return OK


if __name__ == "__main__":
    sys.exit(main())

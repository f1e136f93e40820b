"""`python -m journeys report.html`: simulate a shop (or read a log), analyse, report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from journeys.pipeline import report
from journeys.simulator import simulate_journeys

OK, BAD_INPUT = 0, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m journeys",
        description="Clean a shop's event log, sessionise it, and write an HTML report "
        "of its funnel and of every attribution method's channel shares.",
    )
    parser.add_argument("report", type=Path, help="where to write the HTML report")
    parser.add_argument("--log", type=Path, help="a CSV event log (default: simulate one)")
    parser.add_argument("--users", type=int, default=6000, help="users to simulate")
    parser.add_argument("--seed", type=int, default=7, help="the simulator's seed")
    args = parser.parse_args(argv)
    truth = None
    if args.log is None:
        simulation = simulate_journeys(n_users=args.users, seed=args.seed)
        log, truth = simulation.log, simulation.truth
    else:
        try:
            log = pd.read_csv(args.log)
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            print(f"cannot read the log {args.log}: {error}", file=sys.stderr)
            return BAD_INPUT
    try:
        analysis = report(log, args.report, truth)
    except ValueError as error:
        print(f"bad log {args.log}: {error}", file=sys.stderr)
        return BAD_INPUT
    clean = analysis.clean
    print(
        f"{len(log):,} rows: {len(clean.events):,} events kept, "
        f"{len(clean.rejected)} malformed, {len(clean.bots)} bots dropped"
    )
    steps = ", ".join(f"{row.step} {row.sessions:,}" for row in analysis.funnel.itertuples())
    print(f"funnel (sessions): {steps}")
    if truth is not None:
        print("attribution error against the planted effects (0 is perfect):")
        for method, error in analysis.errors(truth).items():
            print(f"  {method:<15} {error:.3f}")
    print(f"report written to {args.report}")
    return OK


if __name__ == "__main__":
    sys.exit(main())

"""Run the kata's pieces from the command line.

    python -m trading backtest SP500 --fast 10 --slow 40 [--short]
    python -m trading live AAPL --seed 3

`backtest` runs a moving-average crossover and buy-and-hold through your engine and
prints their figures side by side; `live` replays a messy stream of the crossover's bars
through your live trader and prints what its report holds.
"""

import argparse
import sys

import pandas as pd

from trading.data import SYMBOLS, load_prices, to_bars
from trading.engine import run_backtest
from trading.live import LiveTrader, run_live
from trading.metrics import summarise
from trading.ml import affordable_shares
from trading.strategies import BuyAndHold, MovingAverageCrossover
from trading.stream import replay

OK = 0
STREAM_RATES = {
    "duplicate_rate": 0.02,
    "delay_rate": 0.01,
    "drop_rate": 0.01,
    "malformed_rate": 0.02,
}


def backtest_command(symbol: str, fast: int, slow: int, short: bool) -> int:
    prices = load_prices(symbol)
    shares = affordable_shares(1_000_000.0, prices["close"].iloc[0])
    runs = {
        "buy and hold": BuyAndHold(shares),
        f"crossover {fast}/{slow}": MovingAverageCrossover(fast, slow, shares, short=short),
    }
    rows = {name: summarise(run_backtest(to_bars(prices), s).ledger()) for name, s in runs.items()}
    print(f"{symbol}, {prices.index[0].date()} to {prices.index[-1].date()}, {shares} shares")
    with pd.option_context("display.width", 120, "display.precision", 3):
        print(pd.DataFrame.from_dict(rows, orient="index").T)
    return OK


def live_command(symbol: str, seed: int) -> int:
    prices = load_prices(symbol)
    feed = replay(prices, seed, **STREAM_RATES)
    strategy = MovingAverageCrossover(
        10, 40, affordable_shares(1_000_000.0, prices["close"].iloc[0])
    )
    trader = run_live(feed.events, LiveTrader(strategy, prices.index))
    report = trader.report
    print(
        f"{len(feed.events)} events, {len(trader.engine.timestamps)} bars traded, "
        f"{len(trader.engine.orders)} orders"
    )
    print(
        f"rejected {len(report.rejected)}, duplicates {len(report.duplicates)}, "
        f"late {len(report.late)}, missing {len(report.missing)}"
    )
    for position, reason in report.rejected[:5]:
        print(f"  event {position}: {reason}")
    halted = report.halted_at.date() if report.halted_at is not None else "never"
    print(f"kill switch: {halted}")
    return OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m trading", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    backtest = commands.add_parser("backtest", help="a crossover against buy-and-hold")
    backtest.add_argument("symbol", choices=SYMBOLS)
    backtest.add_argument("--fast", type=int, default=10)
    backtest.add_argument("--slow", type=int, default=40)
    backtest.add_argument("--short", action="store_true", help="go short below the slow mean")
    live = commands.add_parser("live", help="the crossover on a replayed, messy stream")
    live.add_argument("symbol", choices=SYMBOLS)
    live.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    if args.command == "backtest":
        return backtest_command(args.symbol, args.fast, args.slow, args.short)
    return live_command(args.symbol, args.seed)


if __name__ == "__main__":
    sys.exit(main())

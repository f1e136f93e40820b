"""How fast is the event-driven backtester, beside the vectorised one in pandas?

The engine handles one bar at a time in Python, as a live system must; pandas handles
the whole series in a few array operations. The price of being event-driven is the
ratio between the two. The live trader adds the checks of each event on top.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints rates and ratios from one run, never a pass or a fail.
"""

import time

from trading.broker import Costs
from trading.data import load_prices, to_bars
from trading.engine import run_backtest
from trading.live import LiveTrader, run_live
from trading.strategies import MovingAverageCrossover
from trading.stream import replay
from trading.vectorised import vectorised_backtest

REPEATS = 3  # the best of three runs of each
FAST, SLOW, SHARES = 10, 40, 700


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    prices = load_prices("SP500")
    bars = to_bars(prices)
    costs = Costs()
    feed = replay(prices, seed=7, duplicate_rate=0.02, malformed_rate=0.02)

    def strategy():
        return MovingAverageCrossover(FAST, SLOW, SHARES)

    vectorised = best_time(
        lambda: vectorised_backtest(prices, strategy().targets(prices["close"]), costs=costs)
    )
    engine = best_time(lambda: run_backtest(bars, strategy(), costs=costs).ledger())
    live = best_time(
        lambda: run_live(feed.events, LiveTrader(strategy(), prices.index, costs=costs))
    )
    print(f"{len(bars)} daily bars of the S&P 500, a {FAST}/{SLOW} crossover, best of {REPEATS}")
    print(f"  vectorised (pandas):      {len(bars) / vectorised:12,.0f} bars a second")
    print(f"  your event-driven engine: {len(bars) / engine:12,.0f} bars a second")
    print(f"  your live trader:         {len(feed.events) / live:12,.0f} events a second")
    print(f"yours: {engine / vectorised:.1f}x the vectorised backtest's time")
    print(f"yours, live: {live / engine:.2f}x your engine's time (the checks of each event)")


if __name__ == "__main__":
    main()

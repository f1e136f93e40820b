"""The event-driven backtester: bars go in one at a time, as they would arrive live.

At each bar the engine (1) fills the order pending from the previous bar at this bar's
open, (2) writes a ledger row marked at this bar's close, then (3) asks the strategy for
its target position, clips it to the position limit and, if it differs from the position
held, places an order to be filled at the next bar's open. The strategy sees one bar at a
time, so it cannot peek at the future; the same Engine runs the live trader (Task 8).
"""

from collections.abc import Iterable
from typing import Protocol

import pandas as pd

from trading.broker import INITIAL_CASH, Costs, Fill, Order, Portfolio, limit_target
from trading.data import Bar

MAX_POSITION = 1_000_000  # shares: the default limit is generous; a risk desk sets a real one
LEDGER_COLUMNS = (
    "open",
    "close",
    "trade",  # shares bought (> 0) or sold (< 0) at this bar's open
    "fill_price",  # NaN without a trade
    "commission",
    "position",  # shares held after the open's fill, until the next bar's open
    "cash",
    "holdings",  # position * close
    "equity",  # cash + holdings
)


class Strategy(Protocol):
    """Anything that, shown a bar at its close (and the portfolio, read-only, to size its
    positions), says how many shares it wants to hold."""

    def on_bar(self, bar: Bar, portfolio: Portfolio) -> int: ...


class Engine:
    """One instrument, one strategy, and the books: feed it bars with `step`."""

    def __init__(
        self,
        strategy: Strategy,
        cash: float = INITIAL_CASH,
        costs: Costs | None = None,
        max_position: int = MAX_POSITION,
    ) -> None:
        self.strategy = strategy
        self.costs = costs if costs is not None else Costs()
        self.max_position = max_position
        self.portfolio = Portfolio(cash)
        self.orders: list[Order] = []
        self.pending: Order | None = None  # placed at the last close, filled at the next open
        self.rows: list[dict] = []
        self.timestamps: list[pd.Timestamp] = []

    def step(self, bar: Bar) -> None:
        """Process one bar: fill the pending order at bar.open (with `self.costs`, into
        `self.portfolio`), `record` the bar, then ask the strategy for its target
        (`on_bar(bar, self.portfolio)`), `limit_target` it to `self.max_position`, and
        when it differs from the position held place (append to `self.orders`, and keep
        as `self.pending`) an Order for the difference, stamped with this bar's timestamp."""
        # BEGIN SOLUTION (task 3): fill the pending order at the open, record, then decide
        fill = None
        if self.pending is not None:
            fill = self.costs.fill(self.pending, bar.timestamp, bar.open)
            self.portfolio.apply(fill)
            self.pending = None
        self.record(bar, fill)
        target = limit_target(self.strategy.on_bar(bar, self.portfolio), self.max_position)
        quantity = target - self.portfolio.position
        if quantity != 0:
            self.pending = Order(bar.timestamp, quantity)
            self.orders.append(self.pending)
        # END SOLUTION

    def record(self, bar: Bar, fill: Fill | None) -> None:
        """Append the ledger row of `bar`, marked at its close, after `fill` (or None)."""
        holdings = self.portfolio.holdings(bar.close)
        self.timestamps.append(bar.timestamp)
        self.rows.append(
            {
                "open": bar.open,
                "close": bar.close,
                "trade": fill.quantity if fill else 0,
                "fill_price": fill.price if fill else float("nan"),
                "commission": fill.commission if fill else 0.0,
                "position": self.portfolio.position,
                "cash": self.portfolio.cash,
                "holdings": holdings,
                "equity": self.portfolio.cash + holdings,
            }
        )

    def ledger(self) -> pd.DataFrame:
        """The ledger so far: one row per bar, the LEDGER_COLUMNS, indexed by timestamp."""
        index = pd.DatetimeIndex(self.timestamps, name="date")
        return pd.DataFrame(self.rows, index=index, columns=list(LEDGER_COLUMNS))


def run_backtest(
    bars: Iterable[Bar],
    strategy: Strategy,
    cash: float = INITIAL_CASH,
    costs: Costs | None = None,
    max_position: int = MAX_POSITION,
) -> Engine:
    """Feed every bar to a new Engine, in order, and return it (its ledger and orders).

    An order placed at the last bar stays `pending`: there is no next open to fill it.
    """
    # BEGIN SOLUTION (task 3): one Engine, every bar through step, in order
    engine = Engine(strategy, cash, costs, max_position)
    for bar in bars:
        engine.step(bar)
    return engine
    # END SOLUTION

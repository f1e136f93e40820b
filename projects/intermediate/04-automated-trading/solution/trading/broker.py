"""The broker of the backtest: what an order costs, and the books it changes.

An order placed at bar t's close is filled at bar t+1's open, never at the close it
was decided on (nobody can trade at a price already gone). A fill pays two costs:
slippage, a worse price than the open by a fraction of it (buying higher, selling
lower), and a commission, a fraction of the traded value. Every fill moves cash and
position together, so that at any moment cash + position * price is the equity.
"""

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

COMMISSION_RATE = 0.0005  # 5 basis points of the traded value
SLIPPAGE_RATE = 0.0005  # 5 basis points of the open, against the trader
INITIAL_CASH = 1_000_000.0


class Order(NamedTuple):
    """Buy (quantity > 0) or sell (< 0) shares, decided at the close of `timestamp`."""

    timestamp: pd.Timestamp
    quantity: int


class Fill(NamedTuple):
    """An order executed at `timestamp`'s open: at `price` per share, paying `commission`."""

    timestamp: pd.Timestamp
    quantity: int
    price: float
    commission: float


@dataclass(frozen=True)
class Costs:
    """The cost of trading: `commission_rate` of the traded value and `slippage_rate` of
    the open, both fractions (0.0005 is 5 basis points)."""

    commission_rate: float = COMMISSION_RATE
    slippage_rate: float = SLIPPAGE_RATE

    def fill(self, order: Order, timestamp: pd.Timestamp, open_price: float) -> Fill:
        """Execute `order` at the open of the bar `timestamp`.

        The price is open * (1 + slippage_rate) for a buy, open * (1 - slippage_rate)
        for a sell; the commission is commission_rate * |quantity| * price.
        """
        # BEGIN SOLUTION (task 2): slip the open against the order's side, then charge commission
        price = open_price * (1.0 + self.slippage_rate * np.sign(order.quantity))
        commission = self.commission_rate * abs(order.quantity) * price
        return Fill(timestamp, order.quantity, float(price), float(commission))
        # END SOLUTION


def limit_target(target: int, max_position: int) -> int:
    """The target position allowed by the position limit: `target` clipped to
    [-max_position, max_position] shares. Raises ValueError for a negative limit."""
    # BEGIN SOLUTION (task 2): refuse a negative limit, then clip on both sides
    if max_position < 0:
        raise ValueError(f"the position limit must be 0 or more shares, got {max_position}")
    return min(max(target, -max_position), max_position)
    # END SOLUTION


class Portfolio:
    """Cash and a position in one instrument, changed only by fills."""

    def __init__(self, cash: float = INITIAL_CASH) -> None:
        self.cash = float(cash)
        self.position = 0
        self.fills: list[Fill] = []

    def apply(self, fill: Fill) -> None:
        """Book `fill`: the shares join the position, and cash pays their price and the
        commission (a sale brings cash in, less its commission). Keep the fill in `fills`."""
        # BEGIN SOLUTION (task 2): move shares and cash together; record the fill
        self.position += fill.quantity
        self.cash -= fill.quantity * fill.price + fill.commission
        self.fills.append(fill)
        # END SOLUTION

    def holdings(self, price: float) -> float:
        """The value of the position at `price`."""
        return self.position * price

    def equity(self, price: float) -> float:
        """Cash plus the position's value at `price`."""
        return self.cash + self.holdings(price)

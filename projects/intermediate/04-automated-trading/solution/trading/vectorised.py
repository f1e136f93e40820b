"""The same backtest in a few lines of pandas: the reference the event-driven engine must
agree with, and the fast way to run a rule whose targets are known for every bar at once.

It cannot run a strategy that learns from its own fills or a live stream, nor stop on a
risk limit mid-way; that is what the event-driven engine is for.
"""

import numpy as np
import pandas as pd

from trading.broker import INITIAL_CASH, Costs
from trading.engine import LEDGER_COLUMNS, MAX_POSITION


def vectorised_backtest(
    prices: pd.DataFrame,
    targets: pd.Series,
    cash: float = INITIAL_CASH,
    costs: Costs | None = None,
    max_position: int = MAX_POSITION,
) -> pd.DataFrame:
    """The ledger (LEDGER_COLUMNS) of trading `targets` (shares wanted at each close) on
    `prices` (open and close columns): the target of bar t is held from bar t+1's open."""
    costs = costs if costs is not None else Costs()
    wanted = targets.clip(-max_position, max_position).astype(int)
    position = wanted.shift(1, fill_value=0)
    trade = position - position.shift(1, fill_value=0)
    side = np.sign(trade)
    fill_price = (prices["open"] * (1.0 + costs.slippage_rate * side)).where(trade != 0)
    commission = (costs.commission_rate * trade.abs() * fill_price).fillna(0.0)
    cash_flow = trade * fill_price.fillna(0.0) + commission
    balance = cash - cash_flow.cumsum()
    holdings = position * prices["close"]
    ledger = pd.DataFrame(
        {
            "open": prices["open"],
            "close": prices["close"],
            "trade": trade,
            "fill_price": fill_price,
            "commission": commission,
            "position": position,
            "cash": balance,
            "holdings": holdings,
            "equity": balance + holdings,
        }
    )
    return ledger[list(LEDGER_COLUMNS)]

"""The ML strategy, bar by bar, and an honest verdict on it: after costs, beside buy-and-hold.

`MLStrategy` computes its features online (Task 6) and asks the fold model of the current
test block (Task 5) for the probability of a rise: it is long when that probability is
above `threshold`, out of the market otherwise. It buys with `fraction` of its equity when
it enters, and keeps that position while it stays long (rebalancing at every bar would pay
costs for nothing); a fixed number of shares instead would lever a strategy that loses.
It never sees a model fitted on the block it trades, and it is an ordinary Strategy: the
engine backtests it, the live trader runs it.
"""

import numpy as np
import pandas as pd

from trading.broker import INITIAL_CASH, Costs, Portfolio
from trading.data import Bar, to_bars
from trading.engine import run_backtest
from trading.features import MOMENTUM_WINDOW, RSI_WINDOW, VOLATILITY_WINDOW
from trading.metrics import summarise
from trading.online import OnlineFeatures
from trading.strategies import BuyAndHold
from trading.walkforward import FoldModel

THRESHOLD = 0.5
INVESTED_FRACTION = 0.95  # of the cash, when sizing a position: room for slippage and fees
RISE = 1.0  # the label of a rise


class MLStrategy:
    """Be long while the current fold model's probability of a rise is above `threshold`."""

    def __init__(
        self,
        fold_models: list[FoldModel],
        fraction: float = INVESTED_FRACTION,
        threshold: float = THRESHOLD,
        momentum_window: int = MOMENTUM_WINDOW,
        volatility_window: int = VOLATILITY_WINDOW,
        rsi_window: int = RSI_WINDOW,
    ) -> None:
        self.fold_models = fold_models
        self.fraction = fraction
        self.threshold = threshold
        self.features = OnlineFeatures(momentum_window, volatility_window, rsi_window)
        self.probabilities: dict[pd.Timestamp, float] = {}  # what it saw, for reports

    def on_bar(self, bar: Bar, portfolio: Portfolio) -> int:
        """Update the features with bar.close (at every bar, even before any model may
        trade), find the latest fold model whose start is at or before bar.timestamp, and
        ask it for the probability of RISE of this row. Above `threshold`: stay long
        (return portfolio.position) if already long, else enter with
        `affordable_shares(portfolio.equity(bar.close), bar.close, self.fraction)`; otherwise
        0. Hold 0 before the first model's start and while a feature is still NaN. Record
        each probability computed in `probabilities`, by timestamp."""
        # BEGIN SOLUTION (task 7): update the features; the current fold model decides
        row = self.features.update(bar.close)
        current = [fold for fold in self.fold_models if fold.start <= bar.timestamp]
        if not current or np.isnan(row).any():
            return 0
        model = current[-1].model
        rising = list(model.classes_).index(RISE)
        probability = float(model.predict_proba(row.reshape(1, -1))[0, rising])
        self.probabilities[bar.timestamp] = probability
        if probability <= self.threshold:
            return 0
        if portfolio.position > 0:
            return portfolio.position
        return affordable_shares(portfolio.equity(bar.close), bar.close, self.fraction)
        # END SOLUTION


def affordable_shares(cash: float, price: float, fraction: float = INVESTED_FRACTION) -> int:
    """How many whole shares `fraction` of `cash` buys at `price` (0 for no cash)."""
    return max(int(fraction * cash // price), 0)


def judge(
    prices: pd.DataFrame,
    fold_models: list[FoldModel],
    costs: Costs,
    cash: float = INITIAL_CASH,
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """The `summarise` figures of three backtests over the test period (from the first fold
    model's start to the end), one row each: "buy and hold" and "ML" with `costs`, and
    "ML without costs" (Costs(0, 0)). Buy-and-hold holds `affordable_shares(cash, close at
    the start)`, as many as the ML strategy buys if it enters at the start. The ML strategy
    sees every bar (its features warm up before the test period); buy-and-hold starts at
    the test period.
    """
    # BEGIN SOLUTION (task 7): three backtests; summarise each from the start
    start = fold_models[0].start
    shares = affordable_shares(cash, prices.loc[start, "close"])
    bars = to_bars(prices)
    test_bars = to_bars(prices.loc[start:])
    runs = {
        "buy and hold": run_backtest(test_bars, BuyAndHold(shares), cash, costs),
        "ML": run_backtest(bars, MLStrategy(fold_models, threshold=threshold), cash, costs),
        "ML without costs": run_backtest(
            bars, MLStrategy(fold_models, threshold=threshold), cash, Costs(0.0, 0.0)
        ),
    }
    rows = {name: summarise(engine.ledger().loc[start:]) for name, engine in runs.items()}
    return pd.DataFrame.from_dict(rows, orient="index")
    # END SOLUTION

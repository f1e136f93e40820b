"""Task 7: the ML strategy bar by bar, equal to the batch predictions, judged after costs."""

import numpy as np
import pandas as pd
import pytest

from trading.broker import Costs, Fill, Portfolio
from trading.data import to_bars
from trading.engine import run_backtest
from trading.features import make_features
from trading.metrics import summarise
from trading.ml import THRESHOLD, MLStrategy, affordable_shares, judge
from trading.online import OnlineFeatures
from trading.strategies import BuyAndHold
from trading.walkforward import FoldModel, predict_walk_forward

WINDOWS = {"momentum_window": 6, "volatility_window": 9, "rsi_window": 4}
COSTS = Costs(commission_rate=0.001, slippage_rate=0.001)


class Fixed:
    """A fitted model that gives every row the same probability of a rise, and keeps the rows."""

    def __init__(self, rise: float, rising_first: bool = False):
        self.rise, self.rising_first = rise, rising_first
        self.classes_ = np.array([1.0, 0.0] if rising_first else [0.0, 1.0])
        self.rows: list[np.ndarray] = []

    def predict_proba(self, X):
        X = np.asarray(X)
        assert X.ndim == 2 and X.shape[0] == 1, (
            f"Task 7: predict one row as a 2-D array, got shape {X.shape}"
        )
        self.rows.append(X[0].copy())
        pair = [self.rise, 1 - self.rise] if self.rising_first else [1 - self.rise, self.rise]
        return np.array([pair])


class FollowMomentum:
    """A fitted model: 0.8 for a rise when the momentum feature is positive, 0.6 otherwise."""

    classes_ = np.array([0.0, 1.0])

    def predict_proba(self, X):
        rise = np.where(np.asarray(X)[:, 1] > 0, 0.8, 0.6)
        return np.column_stack([1 - rise, rise])


@pytest.mark.task(7)
def test_the_current_fold_model_decides(aapl):
    prices = aapl.iloc[:60]
    days = prices.index
    models = [Fixed(0.7), Fixed(0.6), Fixed(0.65, rising_first=True)]
    folds = [
        FoldModel(days[30], models[0]),
        FoldModel(days[40], models[1]),
        FoldModel(days[50], models[2]),
    ]
    strategy = MLStrategy(folds, fraction=0.5, threshold=0.6, **WINDOWS)
    portfolio = Portfolio(cash=10_000.0)
    targets = [strategy.on_bar(bar, portfolio) for bar in to_bars(prices)]
    entry = [int(5_000.0 // close) for close in prices["close"]]
    expected = [0] * 30 + entry[30:40] + [0] * 10 + entry[50:60]
    assert targets == expected, (
        "Task 7: with fold models from bars 30 (p=0.7), 40 (p=0.6) and 50 (p=0.65, classes_ "
        "[1, 0]) and threshold 0.6, holding no shares and 10,000 in cash: nothing before bar "
        "30, the shares half the equity buys (fraction 0.5) from bar 30 (a model trades from "
        "its start, inclusive), none from 40 (0.6 is not above 0.6), then again from 50; got "
        f"{targets}"
    )
    online = OnlineFeatures(**WINDOWS)
    rows = [online.update(value) for value in prices["close"]]
    for model, (first, last) in zip(models, [(30, 40), (40, 50), (50, 60)], strict=True):
        assert np.allclose(np.array(model.rows), np.array(rows[first:last])), (
            "Task 7: each model should be asked once per bar of its block, about that bar's "
            "online features (with the strategy's windows), updated at every bar since the first"
        )
    assert (
        list(strategy.probabilities) == list(days[30:]) and strategy.probabilities[days[45]] == 0.6
    )


@pytest.mark.task(7)
def test_no_position_while_a_feature_is_missing(aapl):
    prices = aapl.iloc[:30]
    strategy = MLStrategy([FoldModel(prices.index[0], Fixed(0.9))])
    portfolio = Portfolio(cash=1_000.0)
    portfolio.apply(Fill(prices.index[0], 1, 1.0, 0.0))  # already long, by 1 share
    targets = [strategy.on_bar(bar, portfolio) for bar in to_bars(prices)]
    assert targets == [0] * 20 + [1] * 10, (
        "Task 7: with the default windows the features are complete from bar 20: hold nothing "
        f"before, then (p 0.9 > the default threshold {THRESHOLD}) keep the 1 share already "
        f"held: a strategy that stays long does not trade; got {targets}"
    )
    entering = MLStrategy([FoldModel(prices.index[0], Fixed(0.9))])
    bars = to_bars(prices)
    for bar in bars[:-1]:
        entering.on_bar(bar, Portfolio(cash=1_000.0))
    shares = entering.on_bar(bars[-1], Portfolio(cash=1_000.0))
    assert shares == affordable_shares(1_000.0, bars[-1].close), (
        "Task 7: entering, the strategy buys what INVESTED_FRACTION (the default fraction) of "
        f"its equity buys at the close: {affordable_shares(1_000.0, bars[-1].close)}, got {shares}"
    )


@pytest.mark.task(7)
def test_the_strategy_agrees_with_the_batch_predictions(sp500, sp500_fold_models):
    folds = sp500_fold_models[-2:]
    strategy = MLStrategy(folds)
    run_backtest(to_bars(sp500), strategy)
    batch = predict_walk_forward(make_features(sp500["close"]), folds).dropna()
    online = pd.Series(strategy.probabilities)
    assert online.index.equals(batch.index), (
        f"Task 7: the strategy should compute a probability for each of the {len(batch)} bars "
        f"of the last two test blocks, got {len(online)}"
    )
    assert np.allclose(online, batch, rtol=0, atol=1e-9), (
        "Task 7: bar by bar, the strategy's probabilities should equal predict_walk_forward's on "
        f"the batch features; the largest gap is {np.max(np.abs(online - batch)):.3g}"
    )


def momentum_folds(prices):
    return [FoldModel(prices.index[300], FollowMomentum())]


@pytest.mark.task(7)
def test_judge_runs_three_honest_backtests(aapl):
    prices = aapl.iloc[:700]
    folds = momentum_folds(prices)
    table = judge(prices, folds, COSTS, cash=50_000.0, threshold=0.7)
    start = prices.index[300]
    shares = affordable_shares(50_000.0, prices.loc[start, "close"])
    runs = {
        "buy and hold": run_backtest(
            to_bars(prices.loc[start:]), BuyAndHold(shares), 50_000.0, COSTS
        ),
        "ML": run_backtest(to_bars(prices), MLStrategy(folds, threshold=0.7), 50_000.0, COSTS),
        "ML without costs": run_backtest(
            to_bars(prices), MLStrategy(folds, threshold=0.7), 50_000.0, Costs(0, 0)
        ),
    }
    assert list(table.index) == list(runs), (
        f"Task 7: judge's rows should be {list(runs)}, got {list(table.index)}"
    )
    for name, engine in runs.items():
        expected = summarise(engine.ledger().loc[start:])
        for column, value in expected.items():
            assert np.isclose(table.loc[name, column], value), (
                f"Task 7: judge's {column} of {name!r} should be {value:.6g} (the test period from "
                f"{start.date()}, {shares} shares), got {table.loc[name, column]:.6g}"
            )


@pytest.mark.task(7)
def test_a_strategy_that_always_buys_is_buy_and_hold(aapl):
    prices = aapl.iloc[:500]
    table = judge(prices, [FoldModel(prices.index[250], Fixed(0.9))], COSTS)
    assert np.allclose(table.loc["ML"], table.loc["buy and hold"]), (
        "Task 7: an ML strategy whose model always predicts a rise holds the same shares as "
        "buy-and-hold from the same close: their figures must be the same"
    )


@pytest.mark.task(7)
def test_the_ml_strategy_on_the_sp500_after_costs(sp500, sp500_fold_models, figure):
    table = judge(sp500, sp500_fold_models, Costs())
    ml, hold, free = table.loc["ML"], table.loc["buy and hold"], table.loc["ML without costs"]
    assert free["annualised_return"] > ml["annualised_return"], "Task 7: costs must cost something"
    figure("buy_and_hold_sharpe", hold["sharpe"])
    figure("ml_sharpe", ml["sharpe"])
    figure("ml_sharpe_without_costs", free["sharpe"])
    figure("buy_and_hold_return", hold["annualised_return"])
    figure("ml_return", ml["annualised_return"])
    figure("buy_and_hold_max_drawdown", hold["max_drawdown"])
    figure("ml_max_drawdown", ml["max_drawdown"])
    figure("ml_turnover", ml["turnover"])

"""Task 3: the event loop, held to the vectorised pandas backtest on real prices."""

import math

import numpy as np
import pandas as pd
import pytest

from trading.broker import INITIAL_CASH, Costs, Order
from trading.data import Bar, to_bars
from trading.engine import LEDGER_COLUMNS, Engine, run_backtest
from trading.strategies import BuyAndHold, MovingAverageCrossover
from trading.vectorised import vectorised_backtest

MONEY = 1e-6  # dollars: the engine and the vectorised backtest agree to a millionth
COSTS = Costs(commission_rate=0.001, slippage_rate=0.0007)


class Scripted:
    """A strategy that wants the given targets, one per bar, and records the bars it saw."""

    def __init__(self, targets):
        self.targets = list(targets)
        self.seen: list[pd.Timestamp] = []

    def on_bar(self, bar, portfolio):
        self.seen.append(bar.timestamp)
        return self.targets[len(self.seen) - 1]


def bars(opens, closes):
    days = pd.date_range("2024-01-01", periods=len(opens), freq="B")
    return [
        Bar(day, o, max(o, c), min(o, c), c, 1000.0)
        for day, o, c in zip(days, opens, closes, strict=True)
    ]


@pytest.mark.task(3)
def test_an_order_is_filled_at_the_next_open():
    feed = bars([10.0, 11.0, 12.0, 13.0], [10.5, 11.5, 12.5, 13.5])
    strategy = Scripted([100, 100, 40, 0])
    engine = run_backtest(feed, strategy, cash=5000.0, costs=Costs(0.01, 0.02))
    days = [bar.timestamp for bar in feed]
    assert strategy.seen == days, "Task 3: the strategy should be asked once per bar, in order"
    assert engine.orders == [Order(days[0], 100), Order(days[2], -60), Order(days[3], -40)], (
        "Task 3: targets 100, 100, 40, 0 should place orders of +100 (bar 0), none at bar 1 "
        "(already there), -60 (bar 2) and -40 (bar 3); got "
        f"{[(o.timestamp.date(), o.quantity) for o in engine.orders]}"
    )
    assert engine.pending == Order(days[3], -40), (
        "Task 3: the order placed at the last bar has no next open: it stays pending"
    )
    ledger = engine.ledger()
    assert list(ledger["trade"]) == [0, 100, 0, -60] and list(ledger["position"]) == [
        0,
        100,
        100,
        40,
    ], (
        "Task 3: the order decided at bar t's close is filled at bar t+1's open: expected trades "
        f"[0, 100, 0, -60], got {list(ledger['trade'])}"
    )
    buy, sell = 11.0 * 1.02, 13.0 * 0.98
    cash = [5000.0, 5000.0 - 100 * buy - 0.01 * 100 * buy]
    cash += [cash[1], cash[1] + 60 * sell - 0.01 * 60 * sell]
    assert np.allclose(ledger["cash"], cash, rtol=0, atol=MONEY), (
        f"Task 3: expected cash {np.round(cash, 4).tolist()}, "
        f"got {ledger['cash'].round(4).tolist()}"
    )
    assert np.allclose(ledger["equity"], np.array(cash) + ledger["position"] * ledger["close"]), (
        "Task 3: equity is cash + position * close, at every bar"
    )
    assert math.isclose(ledger["fill_price"].iloc[1], buy) and math.isnan(
        ledger["fill_price"].iloc[2]
    )


@pytest.mark.task(3)
def test_the_position_limit_holds():
    feed = bars([10.0] * 5, [10.0] * 5)
    engine = run_backtest(
        feed, Scripted([500, -500, 30, 30, 0]), max_position=200, costs=Costs(0, 0)
    )
    assert [order.quantity for order in engine.orders] == [200, -400, 230, -30], (
        "Task 3: with max_position=200, targets 500, -500, 30, 30, 0 become 200, -200, 30, 30, 0: "
        f"orders +200, -400, +230, -30; got {[order.quantity for order in engine.orders]}"
    )
    assert engine.ledger()["position"].abs().max() <= 200


@pytest.mark.task(3)
def test_the_defaults(aapl):
    feed = to_bars(aapl.iloc[:30])
    engine = run_backtest(feed, BuyAndHold(100))
    ledger = engine.ledger()
    fill = engine.portfolio.fills[0]
    assert ledger["cash"].iloc[0] == INITIAL_CASH and math.isclose(
        fill.price, Costs().fill(engine.orders[0], feed[1].timestamp, feed[1].open).price
    ), "Task 3: run_backtest's defaults are INITIAL_CASH and Costs()"
    assert isinstance(engine, Engine) and list(ledger.columns) == list(LEDGER_COLUMNS)


def assert_matches_vectorised(prices, strategy, cash, max_position, what):
    engine = run_backtest(
        to_bars(prices), strategy, cash=cash, costs=COSTS, max_position=max_position
    )
    ledger = engine.ledger()
    expected = vectorised_backtest(
        prices, strategy.targets(prices["close"]), cash, COSTS, max_position
    )
    assert ledger.index.equals(expected.index), f"Task 3: {what}: one ledger row per bar, by date"
    for name in ("trade", "position"):
        bad = np.flatnonzero(ledger[name].to_numpy() != expected[name].to_numpy())
        assert bad.size == 0, (
            f"Task 3: {what}: on {expected.index[bad[0]].date()} the vectorised backtest's "
            f"{name} is {expected[name].iloc[bad[0]]}, the engine's {ledger[name].iloc[bad[0]]}"
        )
    for name in ("fill_price", "commission", "cash", "holdings", "equity"):
        same = np.isclose(ledger[name], expected[name], rtol=0, atol=MONEY, equal_nan=True)
        bad = np.flatnonzero(~same)
        assert bad.size == 0, (
            f"Task 3: {what}: on {expected.index[bad[0]].date()} the vectorised backtest's "
            f"{name} is {expected[name].iloc[bad[0]]}, the engine's {ledger[name].iloc[bad[0]]}"
        )
    balance = ledger["cash"] + ledger["holdings"] - ledger["equity"]
    assert balance.abs().max() < MONEY, "Task 3: cash + holdings must equal equity at every bar"


@pytest.mark.task(3)
@pytest.mark.parametrize("symbol", ["aapl", "sp500"])
def test_buy_and_hold_matches_the_vectorised_backtest(request, symbol):
    prices = request.getfixturevalue(symbol)
    shares = int(250_000 // prices["close"].iloc[0])
    assert_matches_vectorised(
        prices, BuyAndHold(shares), 250_000.0, 10**6, f"buy-and-hold of {symbol}"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize("short", [False, True])
@pytest.mark.parametrize("symbol", ["aapl", "sp500"])
def test_a_crossover_matches_the_vectorised_backtest(request, symbol, short):
    prices = request.getfixturevalue(symbol)
    shares = int(400_000 // prices["close"].iloc[0])
    strategy = MovingAverageCrossover(10, 40, shares, short=short)
    kind = "long/short" if short else "long only"
    what = f"a 10/40 crossover ({kind}) of {symbol}, limit {shares // 2}"
    assert_matches_vectorised(prices, strategy, 400_000.0, shares // 2, what)


@pytest.mark.task(3)
def test_the_gap_to_the_vectorised_backtest(sp500, metric):
    strategy = MovingAverageCrossover(10, 40, 700, short=True)
    ledger = run_backtest(to_bars(sp500), strategy, costs=COSTS).ledger()
    expected = vectorised_backtest(sp500, strategy.targets(sp500["close"]), costs=COSTS)
    metric("vectorised_gap", (ledger["equity"] - expected["equity"]).abs().max())

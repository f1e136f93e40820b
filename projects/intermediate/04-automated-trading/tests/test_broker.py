"""Task 2: fills at the open with slippage and commission, the position limit, the books."""

import math

import pandas as pd
import pytest

from trading.broker import (
    COMMISSION_RATE,
    SLIPPAGE_RATE,
    Costs,
    Fill,
    Order,
    Portfolio,
    limit_target,
)

DAY = pd.Timestamp("2024-05-02")
NEXT_DAY = pd.Timestamp("2024-05-03")


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("quantity", "price", "commission"),
    [
        (100, 50.0 * 1.002, 0.001 * 100 * 50.0 * 1.002),
        (-40, 50.0 * 0.998, 0.001 * 40 * 50.0 * 0.998),
    ],
)
def test_a_fill_pays_slippage_and_commission(quantity, price, commission):
    fill = Costs(commission_rate=0.001, slippage_rate=0.002).fill(
        Order(DAY, quantity), NEXT_DAY, 50.0
    )
    side = "buy" if quantity > 0 else "sell"
    assert isinstance(fill, Fill) and fill.timestamp == NEXT_DAY and fill.quantity == quantity, (
        f"Task 2: a {side} order of {quantity} filled on {NEXT_DAY.date()} should give "
        f"Fill({NEXT_DAY.date()}, {quantity}, ...), got {fill!r}"
    )
    assert math.isclose(fill.price, price, rel_tol=1e-12), (
        f"Task 2: a {side} at an open of 50.0 with 0.2% slippage fills at {price} (a buyer "
        f"pays more, a seller gets less), got {fill.price}"
    )
    assert math.isclose(fill.commission, commission, rel_tol=1e-12), (
        f"Task 2: 0.1% commission on {abs(quantity)} shares at {price} is {commission}, got "
        f"{fill.commission} (commission is positive for buys and sells alike)"
    )


@pytest.mark.task(2)
def test_the_default_costs():
    fill = Costs().fill(Order(DAY, 10), NEXT_DAY, 200.0)
    price = 200.0 * (1 + SLIPPAGE_RATE)
    assert math.isclose(fill.price, price) and math.isclose(
        fill.commission, COMMISSION_RATE * 10 * price
    ), f"Task 2: with the default Costs(), expected a fill at {price}, got {fill!r}"
    free = Costs(0.0, 0.0).fill(Order(DAY, -3), NEXT_DAY, 200.0)
    assert free.price == 200.0 and free.commission == 0.0, (
        f"Task 2: without costs a fill is at the open, free of commission; got {free!r}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("target", "limit", "expected"),
    [
        (150, 100, 100),
        (-150, 100, -100),
        (100, 100, 100),
        (-100, 100, -100),
        (99, 100, 99),
        (-7, 100, -7),
        (5, 0, 0),
    ],
)
def test_the_position_limit_clips_the_target(target, limit, expected):
    got = limit_target(target, limit)
    assert got == expected and isinstance(got, int), (
        f"Task 2: limit_target({target}, {limit}) should be {expected} (an int), got {got!r}"
    )


@pytest.mark.task(2)
def test_a_negative_limit_is_an_error():
    with pytest.raises(ValueError, match="-1"):
        limit_target(10, -1)


@pytest.mark.task(2)
def test_the_portfolio_books_each_fill():
    portfolio = Portfolio(cash=10_000.0)
    assert portfolio.cash == 10_000.0 and portfolio.position == 0
    buy = Fill(NEXT_DAY, 30, 101.0, 1.5)
    portfolio.apply(buy)
    assert portfolio.position == 30 and math.isclose(portfolio.cash, 10_000.0 - 30 * 101.0 - 1.5), (
        "Task 2: buying 30 shares at 101 with 1.5 commission from 10,000 in cash leaves "
        f"position 30 and cash {10_000 - 3030 - 1.5}; got position {portfolio.position}, "
        f"cash {portfolio.cash}"
    )
    sell = Fill(NEXT_DAY + pd.Timedelta(days=1), -50, 110.0, 2.0)
    portfolio.apply(sell)
    expected_cash = 10_000.0 - 3030.0 - 1.5 + 5500.0 - 2.0
    assert portfolio.position == -20 and math.isclose(portfolio.cash, expected_cash), (
        "Task 2: then selling 50 at 110 with 2.0 commission (going short 20) should leave "
        f"position -20 and cash {expected_cash}; got {portfolio.position}, {portfolio.cash}"
    )
    assert portfolio.fills == [buy, sell], "Task 2: Portfolio.apply must keep each fill in fills"
    assert math.isclose(portfolio.equity(105.0), expected_cash - 20 * 105.0), (
        "Task 2: equity is cash + position * price"
    )

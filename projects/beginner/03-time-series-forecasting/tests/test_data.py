"""Task 1: monthly CO2 with its gaps filled, AAPL's prices read safely, splits by time."""

import numpy as np
import pandas as pd
import pytest
from statsmodels.datasets import co2

from forecasting.data import load_aapl, load_co2_monthly, parse_prices, split_by_time, to_monthly

CO2_MONTHS = 526  # 1958-03 to 2001-12
AAPL_DAYS = 3270
EMPTY_MONTHS = ["1958-06", "1958-10", "1964-02", "1964-03", "1964-04"]
SPLIT_DAY = "2005-02-28"  # AAPL's 2-for-1 split: the raw close halved that day
TOLERANCE = 1e-9


def weekly(values: list[float], start: str = "2020-01-04") -> pd.Series:
    """Saturdays from `start`, like the CO2 record; NaN marks a missing week."""
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="W-SAT"))


def quotes(dates: list[str], prices: list) -> dict[str, list]:
    return {"date": dates, "close": [1.0] * len(dates), "adj_close": prices}


@pytest.mark.task(1)
def test_to_monthly_averages_each_month_and_fills_an_empty_one():
    # In 2020 January has four Saturdays, February five (all missing here), March four.
    series = weekly([1.0, 2.0, 3.0, 6.0] + [np.nan] * 5 + [10.0, 11.0, 12.0, 15.0])
    monthly = to_monthly(series)
    assert list(monthly.index) == list(pd.date_range("2020-01-01", periods=3, freq="MS")), (
        "Task 1: months should be labelled by their first day (resample('MS')); got the index "
        f"{list(monthly.index)}"
    )
    assert monthly.index.freqstr == "MS", (
        f"Task 1: the monthly series should keep the frequency 'MS', got {monthly.index.freqstr}"
    )
    january, february, march = monthly.to_numpy()
    assert abs(january - 3.0) < TOLERANCE and abs(march - 12.0) < TOLERANCE, (
        "Task 1: each month is the mean of its weeks: January (1, 2, 3, 6) is 3.0 and March "
        f"(10, 11, 12, 15) is 12.0; got {january} and {march}"
    )
    # Linear in time: 31 of the 60 days from January 1st to March 1st have passed on February 1st.
    expected = 3.0 + (12.0 - 3.0) * 31 / 60
    assert abs(february - expected) < TOLERANCE, (
        "Task 1: an empty month is interpolated linearly in time between its neighbours "
        f"(interpolate(method='time')): February should be {expected:.4f}, got {february}"
    )


@pytest.mark.task(1)
def test_to_monthly_ignores_missing_weeks_inside_a_month():
    monthly = to_monthly(weekly([1.0, np.nan, 3.0, np.nan]))
    assert monthly.to_numpy().tolist() == [2.0], (
        "Task 1: a missing week is left out of its month's mean, not counted as 0: January "
        f"(1, missing, 3, missing) should be [2.0], got {monthly.to_numpy().tolist()}"
    )


@pytest.mark.task(1)
def test_to_monthly_invents_no_month_beyond_the_observations():
    # January observed, February and March missing: nothing after January can be filled.
    series = weekly([1.0, 2.0, 3.0, 6.0] + [np.nan] * 9)
    monthly = to_monthly(series)
    assert monthly.iloc[0] == 3.0 and monthly.iloc[1:].isna().all(), (
        "Task 1: a month after the last observation has no neighbour on its right, so it stays "
        f"missing (interpolate(..., limit_area='inside')); got {monthly.to_numpy().tolist()}"
    )


@pytest.mark.task(1)
def test_co2_is_monthly_complete_and_keeps_the_real_values():
    series = load_co2_monthly()
    raw = co2.load_pandas().data
    assert len(series) == CO2_MONTHS and series.index[0] == pd.Timestamp("1958-03-01"), (
        f"Task 1: expected {CO2_MONTHS} months from 1958-03-01 to 2001-12-01, got "
        f"{len(series)} from {series.index[0]} to {series.index[-1]}"
    )
    assert not series.isna().any(), (
        f"Task 1: every month should have a value; missing: {list(series.index[series.isna()])}"
    )
    for month in EMPTY_MONTHS:
        before = series.shift(1)[month].iloc[0]
        after = series.shift(-1)[month].iloc[0]
        value = series[month].iloc[0]
        assert min(before, after) <= value <= max(before, after), (
            f"Task 1: {month} had no observed week, so it should lie between its neighbours "
            f"{before:.2f} and {after:.2f}; got {value:.2f}"
        )
    expected = raw.loc["1990-01", "co2"].mean()
    assert abs(series["1990-01"].iloc[0] - expected) < TOLERANCE, (
        f"Task 1: January 1990 should be the mean of its weeks, {expected:.4f}; got "
        f"{series['1990-01'].iloc[0]:.4f}"
    )


@pytest.mark.task(1)
def test_parse_prices_sorts_by_date_and_keeps_every_row():
    records = quotes(["2020-01-03", "2020-01-01", "2020-01-02"], [30.0, 0.5, "20"])
    prices = parse_prices(records)
    assert isinstance(prices.index, pd.DatetimeIndex) and prices.index.name == "date", (
        "Task 1: the index should hold the dates (a DatetimeIndex) and be named 'date', got a "
        f"{type(prices.index).__name__} named {prices.index.name!r}"
    )
    assert prices.to_dict() == {
        pd.Timestamp("2020-01-01"): 0.5,
        pd.Timestamp("2020-01-02"): 20.0,
        pd.Timestamp("2020-01-03"): 30.0,
    }, (
        "Task 1: expected the three prices sorted by date, each a float (a price of 0.5 is "
        f"fine, and so is the text '20'), got {prices.to_dict()}"
    )
    assert prices.name == "adj_close", (
        f"Task 1: the series should be named after its column, 'adj_close'; got {prices.name!r}"
    )
    assert parse_prices(records, column="close").to_numpy().tolist() == [1.0, 1.0, 1.0], (
        "Task 1: column='close' should read the close column"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("records", "named"),
    [
        ({"date": ["2020-01-01"], "close": [1.0]}, "adj_close"),
        ({"date": ["2020-01-01", "2020-01-02"], "adj_close": [1.0]}, "adj_close"),
        (quotes(["2020-01-01", "2020-31-01"], [1.0, 2.0]), "2020-31-01"),
        (quotes(["2020-01-01", "2020-01-02", "2020-01-01"], [1.0, 2.0, 3.0]), "2020-01-01"),
        (quotes(["2020-01-01", "2020-01-02"], [1.0, None]), "2020-01-02"),
        (quotes(["2020-01-01", "2020-01-02"], [1.0, float("nan")]), "2020-01-02"),
        (quotes(["2020-01-01", "2020-01-02"], [-1.0, 2.0]), "2020-01-01"),
        (quotes(["2020-01-01", "2020-01-02"], [1.0, 0.0]), "2020-01-02"),
        (quotes(["2020-01-01", "2020-01-02"], [1.0, "n/a"]), "2020-01-02"),
        (quotes(["01/02/2020", "2020-01-03"], [1.0, 2.0]), "01/02/2020"),
    ],
    ids=[
        "missing column",
        "columns of different lengths",
        "unreadable date",
        "duplicate date",
        "missing price",
        "NaN price",
        "negative price",
        "zero price",
        "unreadable price",
        "date in another format",
    ],
)
def test_parse_prices_rejects_bad_quotes_and_names_the_problem(records, named):
    with pytest.raises(ValueError) as error:
        parse_prices(records)
        pytest.fail(f"Task 1: parse_prices({records}) should raise a ValueError")
    assert named in str(error.value), (
        f"Task 1: the ValueError should name {named!r} so that the data's owner can fix it; "
        f"got {str(error.value)!r}"
    )


@pytest.mark.task(1)
def test_aapl_uses_adjusted_prices_on_trading_days():
    prices = load_aapl()
    assert len(prices) == AAPL_DAYS and prices.index.is_monotonic_increasing, (
        f"Task 1: expected {AAPL_DAYS} trading days in date order, got {len(prices)}"
    )
    assert prices.notna().all() and (prices > 0).all(), "Task 1: every price should be positive"
    day = prices.index.get_loc(pd.Timestamp(SPLIT_DAY))
    change = prices.iloc[day] / prices.iloc[day - 1] - 1
    assert abs(change) < 0.2, (
        f"Task 1: on {SPLIT_DAY} the price moves by {change:.0%}: that is Apple's 2-for-1 split, "
        "not a crash. Use the adjusted close, which corrects the past for splits"
    )


@pytest.mark.task(1)
def test_split_by_time_keeps_the_past_before_the_future():
    series = load_co2_monthly()
    train, test = split_by_time(series, "1997-12", horizon=48)
    assert train.index[-1] == pd.Timestamp("1997-12-01") and len(test) == 48, (
        "Task 1: cutting at '1997-12' keeps every month up to December 1997 in training and "
        f"the next 48 months in test; got training up to {train.index[-1]} and {len(test)} "
        "test months"
    )
    assert test.index[0] == pd.Timestamp("1998-01-01") and train.index[-1] < test.index[0], (
        f"Task 1: the test months should start right after training, got {test.index[0]}"
    )
    assert pd.concat([train, test]).equals(series.iloc[: len(train) + 48]), (
        "Task 1: training then test should be the series itself, in order, with nothing "
        "shuffled, dropped or repeated"
    )
    train, test = split_by_time(series, pd.Timestamp("2000-06-01"))
    assert len(train) + len(test) == len(series) and test.index[0] == pd.Timestamp("2000-07-01"), (
        "Task 1: with a timestamp and no horizon, the test part is everything after it"
    )
    train, test = split_by_time(series, "1958-03", horizon=2)
    assert len(train) == 1 and list(test.index) == list(series.index[1:3]), (
        "Task 1: cutting at the first month leaves one training observation, which is enough; "
        f"got {len(train)} training and {len(test)} test observations"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("cut", "horizon", "shuffled"),
    [
        ("1950-01", None, False),
        ("2001-12", None, False),
        ("2001-06", 12, False),
        ("1990-12", 12, True),
    ],
    ids=["empty training part", "empty test part", "horizon beyond the data", "unsorted series"],
)
def test_split_by_time_refuses_an_impossible_split(cut, horizon, shuffled):
    series = load_co2_monthly()
    if shuffled:
        series = series.sample(frac=1.0, random_state=0)
    with pytest.raises(ValueError):
        split_by_time(series, cut, horizon)
        pytest.fail(
            f"Task 1: split_by_time(series, {cut!r}, horizon={horizon}) on a "
            f"{'shuffled' if shuffled else 'sorted'} series should raise a ValueError"
        )

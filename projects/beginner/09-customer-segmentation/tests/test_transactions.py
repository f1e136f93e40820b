"""Tasks 1 and 2: read the log, refusing bad lines clearly; then RFM per customer, scaled."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.preprocessing import StandardScaler

from segmentation.transactions import (
    RFM_COLUMNS,
    TRANSACTION_COLUMNS,
    read_transactions,
    rfm_table,
    scale_features,
)

CDNOW_LINES = 69_659
CDNOW_CUSTOMERS = 23_570
TOLERANCE = 1e-9
GOOD_LINES = 1_000


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "log.txt"
    path.write_bytes(content)
    return path


def load_error(path: Path, what: str) -> str:
    """Load a bad log; return the ValueError's message, or fail saying what went unnoticed."""
    try:
        transactions = read_transactions(path)
    except ValueError as error:
        return str(error)
    pytest.fail(
        f"Task 1: {what} should raise ValueError, but the file loaded:\n{transactions.head()}"
    )


@pytest.mark.task(1)
def test_reads_a_small_log(tmp_path):
    path = write(
        tmp_path,
        b" customer_id  date number_of_cds  dollar_value\r\n"
        b" 00001 19970101  1   11.77\r\n"
        b"\r\n"
        b" 00002 19970112  5   77.00\r\n"
        b"   \r\n"
        b"00010\t19980630 2 0\r\n",
    )
    transactions = read_transactions(path)
    assert list(transactions.columns) == list(TRANSACTION_COLUMNS), (
        f"Task 1: expected the columns {list(TRANSACTION_COLUMNS)}, "
        f"got {list(transactions.columns)}"
    )
    assert transactions["customer_id"].tolist() == [1, 2, 10], (
        "Task 1: the header and blank lines are skipped and ids lose their leading zeros: "
        f"expected customer ids [1, 2, 10], got {transactions['customer_id'].tolist()}"
    )
    assert pd.api.types.is_datetime64_any_dtype(transactions["date"]), (
        "Task 1: the date column should hold datetime64 values (pd.to_datetime), got "
        f"{transactions['date'].dtype}"
    )
    dates = [f"{date:%Y-%m-%d}" for date in transactions["date"]]
    assert dates == ["1997-01-01", "1997-01-12", "1998-06-30"], (
        f"Task 1: YYYYMMDD dates 19970101, 19970112, 19980630 read as {dates}"
    )
    assert transactions["cds"].tolist() == [1, 5, 2], (
        f"Task 1: expected CDs [1, 5, 2], got {transactions['cds'].tolist()}"
    )
    assert np.allclose(transactions["amount"], [11.77, 77.0, 0.0]), (
        f"Task 1: expected amounts [11.77, 77.0, 0.0], got {transactions['amount'].tolist()}"
    )


@pytest.mark.task(1)
def test_reads_the_whole_cdnow_log(cdnow_path, cdnow_rfm):
    transactions = read_transactions(cdnow_path)
    assert len(transactions) == CDNOW_LINES, (
        f"Task 1: CDNOW_master.txt holds {CDNOW_LINES} purchase lines after its header; "
        f"got {len(transactions)} rows"
    )
    customers = transactions["customer_id"].nunique()
    assert customers == CDNOW_CUSTOMERS, (
        f"Task 1: expected {CDNOW_CUSTOMERS} distinct customers, got {customers}"
    )
    expected_total = (cdnow_rfm["frequency"] * cdnow_rfm["monetary"]).sum()
    assert transactions["amount"].sum() == pytest.approx(expected_total), (
        f"Task 1: the amounts should add up to ${expected_total:,.2f}, "
        f"got ${transactions['amount'].sum():,.2f}"
    )


@pytest.mark.task(1)
def test_keeps_every_good_line(tmp_path):
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 500, size=GOOD_LINES)
    days = pd.Timestamp("1997-01-01") + pd.to_timedelta(rng.integers(0, 540, GOOD_LINES), "D")
    cds = rng.integers(1, 20, size=GOOD_LINES)
    amounts = np.round(rng.gamma(2.0, 15.0, size=GOOD_LINES), 2)
    lines = [
        f" {i:05d} {day:%Y%m%d} {n:>2d} {amount:>8.2f}"
        for i, day, n, amount in zip(ids, days, cds, amounts, strict=True)
    ]
    transactions = read_transactions(write(tmp_path, "\n".join(lines).encode()))
    assert len(transactions) == GOOD_LINES, (
        f"Task 1: {GOOD_LINES} good lines should give {GOOD_LINES} rows, got {len(transactions)}"
    )
    assert np.array_equal(transactions["customer_id"], ids), (
        "Task 1: the rows should keep the file's order and every customer id"
    )
    assert np.allclose(transactions["amount"], amounts), "Task 1: every amount should be kept"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("bad_line", "problem", "named"),
    [
        ("00003 19970102 2", "a line with three fields", None),
        ("00003 19970102 2 20.76 x", "a line with five fields", None),
        ("0000A 19970102 2 20.76", "a customer id that is not an integer", "0000A"),
        ("00003 1997-01-02 2 20.76", "a date that is not YYYYMMDD", "1997-01-02"),
        ("00003 19970230 2 20.76", "a date that is no real day (30 February)", "19970230"),
        ("00003 19970102 2.5 20.76", "a number of CDs that is not an integer", "2.5"),
        ("00003 19970102 0 20.76", "a number of CDs that is zero", None),
        ("00003 19970102 2 $20.76", "an amount that is not a number", "$20.76"),
        ("00003 19970102 2 -20.76", "a negative amount", "-20.76"),
        ("00003 19970102 2 nan", "an amount that is NaN", "nan"),
    ],
)
def test_a_bad_line_names_its_line(tmp_path, bad_line, problem, named):
    path = write(
        tmp_path, f"customer_id date cds amount\n00001 19970101 1 11.77\n\n{bad_line}\n".encode()
    )
    message = load_error(path, problem)
    assert "line 4" in message, (
        f"Task 1: for {problem} ({bad_line!r}) the error should name the line ('line 4': the "
        f"header and blank lines count); got {message!r}"
    )
    if named:
        assert named in message, (
            f"Task 1: for {problem} the error should quote the bad value {named!r}; got {message!r}"
        )


@pytest.mark.task(1)
def test_a_file_that_is_not_text_is_an_error(tmp_path):
    load_error(write(tmp_path, b"\xff\xfe\x00\x01 19970101 1 11.77\n"), "a file of binary bytes")


@pytest.mark.task(1)
def test_a_file_without_purchases_is_an_error(tmp_path):
    load_error(write(tmp_path, b"customer_id date cds amount\n\n  \n"), "a header and no purchase")


@pytest.fixture
def small_log() -> pd.DataFrame:
    """Three customers; customer 2 buys twice on 10 January (one visit) and again later."""
    return pd.DataFrame(
        {
            "customer_id": [2, 1, 2, 2, 3],
            "date": pd.to_datetime(
                ["1997-01-10", "1997-01-05", "1997-01-10", "1997-01-31", "1997-01-31"]
            ),
            "cds": [1, 2, 3, 1, 1],
            "amount": [10.0, 30.0, 20.0, 6.0, 0.0],
        }
    )


@pytest.mark.task(2)
def test_rfm_of_a_small_log(small_log):
    rfm = rfm_table(small_log)
    assert list(rfm.columns) == list(RFM_COLUMNS) and list(rfm.index) == [1, 2, 3], (
        f"Task 2: expected columns {list(RFM_COLUMNS)} and the customer ids [1, 2, 3] as the "
        f"index, sorted; got columns {list(rfm.columns)}, index {list(rfm.index)}"
    )
    expected = pd.DataFrame(
        {"recency": [27, 1, 1], "frequency": [1, 2, 1], "monetary": [30.0, 18.0, 0.0]},
        index=[1, 2, 3],
    )
    assert np.allclose(rfm.to_numpy(dtype=float), expected.to_numpy(dtype=float)), (
        "Task 2: the log runs to 31 January, so recency counts days to 1 February; customer 2's "
        "two lines on 10 January are one visit of $30, then $6 on the 31st: frequency 2, "
        f"monetary (30 + 6) / 2 = 18.\nExpected\n{expected}\ngot\n{rfm}"
    )


@pytest.mark.task(2)
def test_rfm_as_of_a_given_day(small_log):
    rfm = rfm_table(small_log, as_of="1997-03-01")
    assert rfm["recency"].tolist() == [55, 29, 29], (
        "Task 2: as of 1 March 1997 the last visits (5 and 31 January) are 55 and 29 days "
        f"back; got recency {rfm['recency'].tolist()}"
    )
    with pytest.raises(ValueError):
        rfm_table(small_log, as_of="1997-01-31")


@pytest.mark.task(2)
def test_rfm_of_the_cdnow_customers(cdnow_path, cdnow_rfm):
    rfm = rfm_table(read_transactions(cdnow_path))
    assert len(rfm) == CDNOW_CUSTOMERS and np.array_equal(rfm.index, cdnow_rfm.index), (
        f"Task 2: expected one row per customer, {CDNOW_CUSTOMERS} rows indexed by the sorted "
        f"customer ids; got {len(rfm)} rows"
    )
    for column in RFM_COLUMNS:
        worst = np.max(np.abs(rfm[column].to_numpy(float) - cdnow_rfm[column].to_numpy(float)))
        assert worst < TOLERANCE, (
            f"Task 2: {column} differs from the expected value by up to {worst:.4g} on the "
            "CDNOW log; recheck its definition in the docstring of rfm_table"
        )


@pytest.mark.task(2)
def test_scaled_features_match_log_then_standard_scaler(cdnow_rfm):
    features = scale_features(cdnow_rfm)
    expected = StandardScaler().fit_transform(np.log1p(cdnow_rfm[list(RFM_COLUMNS)]))
    assert isinstance(features, np.ndarray) and features.shape == expected.shape, (
        f"Task 2: expected an array of shape {expected.shape}, got "
        f"{type(features).__name__} of shape {getattr(features, 'shape', None)}"
    )
    assert np.allclose(features, expected, atol=TOLERANCE), (
        "Task 2: expected log1p of each column, then (x - mean) / std with ddof=0, as "
        "StandardScaler().fit_transform(np.log1p(rfm)) gives"
    )


@pytest.mark.task(2)
def test_a_constant_column_scales_to_zeros():
    once_each = pd.DataFrame(
        {"recency": [3, 40, 200], "frequency": [1, 1, 1], "monetary": [10.0, 20.0, 0.0]}
    )
    features = scale_features(once_each)
    assert np.all(np.isfinite(features)) and np.allclose(features[:, 1], 0.0), (
        "Task 2: when every customer bought once, frequency has no spread: it should scale to "
        f"zeros, not NaN (divide by 1 where the std is 0); got {features[:, 1]}"
    )

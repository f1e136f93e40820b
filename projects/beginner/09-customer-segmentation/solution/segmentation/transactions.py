"""Read a transaction log, and sum each customer up as recency, frequency and monetary value.

The log has one purchase a line, four fields separated by whitespace:

    00002 19970112  5   77.00
    ^id   ^date     ^CDs ^dollars

RFM (Hughes, 1994) describes a customer by three numbers that a marketer reads
at a glance: how long ago they last bought (recency), how often they buy
(frequency) and how much they spend (monetary value). Clustering needs them on
comparable scales, so `scale_features` takes logs (all three are skewed: most
customers buy once, a few buy dozens of times) and standardises them.
"""

import datetime
import math  # SOLUTION
from os import PathLike
from pathlib import Path  # SOLUTION

import numpy as np
import pandas as pd

RFM_COLUMNS = ("recency", "frequency", "monetary")
TRANSACTION_COLUMNS = ("customer_id", "date", "cds", "amount")
HEADER_FIRST_FIELD = "customer_id"  # a first line starting with this is a header, not a purchase
DATE_DIGITS = 8  # YYYYMMDD


def read_transactions(path: str | PathLike[str]) -> pd.DataFrame:
    """Read a whitespace-separated purchase log into a DataFrame, one row per line.

    Each line holds four fields: the customer id (an integer, leading zeros
    allowed), the date as YYYYMMDD, the number of CDs bought (an integer >= 1)
    and the dollars paid (a number >= 0). A first line whose first field is
    `customer_id` is a header and skipped; blank lines are skipped; line ends
    may be `\\n` or `\\r\\n`.

    Returns the columns TRANSACTION_COLUMNS: customer_id (int64), date
    (datetime64), cds (int64), amount (float64), in the order of the file.

    Raises ValueError naming the path and the 1-based line number for a line
    with the wrong number of fields, an id that is not an integer, a date that
    is not a real YYYYMMDD day, a count that is not a positive integer, or an
    amount that is not a finite number >= 0; ValueError too for a file that is
    not text or holds no purchase. A bad line is never skipped in silence.
    """
    # BEGIN SOLUTION (task 1): parse each non-blank line's four fields, naming the line on error
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not a text file ({error})") from error

    rows = []
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields or (number == 1 and fields[0] == HEADER_FIRST_FIELD):
            continue
        try:
            rows.append(parse_purchase(fields))
        except ValueError as error:
            raise ValueError(f"{path}, line {number}: {error}: {line.strip()!r}") from error
    if not rows:
        raise ValueError(f"{path}: no purchases in the file")
    transactions = pd.DataFrame(rows, columns=list(TRANSACTION_COLUMNS))
    transactions["date"] = pd.to_datetime(transactions["date"])
    return transactions
    # END SOLUTION


def parse_purchase(fields: list[str]) -> tuple[int, datetime.date, int, float]:
    """Check and convert one line's fields into (customer_id, date, cds, amount).

    Raises ValueError saying what is wrong (without the line number, which
    `read_transactions` adds): not four fields, an id that is not made of digits,
    a date that is not eight digits or not a real day, a count of CDs that is not
    a positive integer, an amount that is not a finite number >= 0.
    """
    # BEGIN SOLUTION (task 1): check and convert the four fields of one purchase
    if len(fields) != len(TRANSACTION_COLUMNS):
        raise ValueError(f"expected {len(TRANSACTION_COLUMNS)} fields, found {len(fields)}")
    customer, day, cds, amount = fields
    if not customer.isdecimal():
        raise ValueError(f"the customer id {customer!r} is not an integer")
    if not (len(day) == DATE_DIGITS and day.isdecimal()):
        raise ValueError(f"the date {day!r} is not YYYYMMDD")
    try:
        date = datetime.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError as error:
        raise ValueError(f"the date {day!r} is not a real day") from error
    if not cds.isdecimal() or int(cds) < 1:
        raise ValueError(f"the number of CDs {cds!r} is not a positive integer")
    try:
        dollars = float(amount)
    except ValueError as error:
        raise ValueError(f"the amount {amount!r} is not a number") from error
    if not (math.isfinite(dollars) and dollars >= 0):
        raise ValueError(f"the amount {amount!r} is not a finite number >= 0")
    return int(customer), date, int(cds), dollars
    # END SOLUTION


def rfm_table(transactions: pd.DataFrame, as_of: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Return one row per customer, indexed by customer_id (sorted), with RFM_COLUMNS.

    All the lines of one customer on one day are one visit (a basket split over
    several lines is still one purchase occasion):

    - recency: whole days from the customer's last visit to `as_of` (default: the
      day after the last date in the log, so the most recent buyers have 1);
    - frequency: the number of visits (distinct days with a purchase);
    - monetary: the mean dollars spent per visit. The mean, not the total: the
      total is frequency times the mean, so it would count frequency twice.

    Raises ValueError if `as_of` is not after every purchase.
    """
    # BEGIN SOLUTION (task 2): group lines into visits, then visits into customers
    as_of = (
        transactions["date"].max() + pd.Timedelta(days=1) if as_of is None else pd.Timestamp(as_of)
    )
    if as_of <= transactions["date"].max():
        raise ValueError(f"as_of {as_of.date()} must be after the last purchase")
    visits = transactions.groupby(["customer_id", "date"], as_index=False)["amount"].sum()
    customers = visits.groupby("customer_id").agg(
        last_visit=("date", "max"), frequency=("date", "size"), monetary=("amount", "mean")
    )
    customers["recency"] = (as_of - customers["last_visit"]).dt.days
    return customers[list(RFM_COLUMNS)]
    # END SOLUTION


def scale_features(rfm: pd.DataFrame) -> np.ndarray:
    """Return the RFM_COLUMNS of `rfm` as an (n, 3) array: log1p of each, then standardised.

    log1p(x) = log(1 + x) tames the long right tails and keeps a zero amount
    finite. Standardising (subtract each column's mean, divide by its standard
    deviation, ddof=0, as scikit-learn's StandardScaler) gives each feature the
    same weight in a Euclidean distance. A constant column becomes zeros.
    """
    # BEGIN SOLUTION (task 2): log1p, then subtract the mean and divide by the std of each column
    logged = np.log1p(rfm[list(RFM_COLUMNS)].to_numpy(dtype=np.float64))
    spread = logged.std(axis=0)
    return (logged - logged.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
    # END SOLUTION

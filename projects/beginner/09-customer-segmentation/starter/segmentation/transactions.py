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
from os import PathLike

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
    raise NotImplementedError(
        "Task 1: parse each non-blank line's four fields, naming the line on error"
    )


def parse_purchase(fields: list[str]) -> tuple[int, datetime.date, int, float]:
    """Check and convert one line's fields into (customer_id, date, cds, amount).

    Raises ValueError saying what is wrong (without the line number, which
    `read_transactions` adds): not four fields, an id that is not made of digits,
    a date that is not eight digits or not a real day, a count of CDs that is not
    a positive integer, an amount that is not a finite number >= 0.
    """
    raise NotImplementedError("Task 1: check and convert the four fields of one purchase")


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
    raise NotImplementedError("Task 2: group lines into visits, then visits into customers")


def scale_features(rfm: pd.DataFrame) -> np.ndarray:
    """Return the RFM_COLUMNS of `rfm` as an (n, 3) array: log1p of each, then standardised.

    log1p(x) = log(1 + x) tames the long right tails and keeps a zero amount
    finite. Standardising (subtract each column's mean, divide by its standard
    deviation, ddof=0, as scikit-learn's StandardScaler) gives each feature the
    same weight in a Euclidean distance. A constant column becomes zeros.
    """
    raise NotImplementedError(
        "Task 2: log1p, then subtract the mean and divide by the std of each column"
    )

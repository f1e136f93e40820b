"""Score a CSV file of customers with a saved pipeline, from the command line.

    python -m churn.train model.joblib
    python -m churn.score model.joblib customers.csv scored.csv

A batch of customer records from another system always holds a few bad rows: a
field left empty, a typo in a category, a line cut short. One bad row must
neither stop the batch nor be scored as if it were fine. Every bad row is
reported with its line and field, and every good row is scored.
"""

import argparse
import sys
from collections.abc import Sequence
from os import PathLike

import pandas as pd
from sklearn.pipeline import Pipeline

from churn import schema

PROBABILITY_COLUMN = "churn_probability"
ALL_SCORED, SOME_REJECTED, FAILED = 0, 1, 2  # the exit statuses of `main`


def save_model(pipeline: Pipeline, path: str | PathLike[str]) -> None:
    """Write a fitted pipeline to `path` with joblib, with the scikit-learn version that fitted it.

    The file holds the dict {"pipeline": pipeline, "sklearn_version": sklearn.__version__}.
    """
    raise NotImplementedError("Task 5: joblib.dump a dict of the pipeline and sklearn.__version__")


def load_model(path: str | PathLike[str]) -> Pipeline:
    """Return the pipeline that `save_model` wrote to `path`.

    Raises ValueError, naming the path, when the file holds something else than
    save_model's dict, and when its scikit-learn version is not the one running
    (naming both): a pickled model is only sure to work in the version that wrote
    it, so retrain rather than score with a model that may have changed meaning.
    (And never load a pickle you did not write: loading one can run any code.)
    """
    raise NotImplementedError(
        "Task 5: joblib.load, then check it is save_model's dict and the version"
    )


def read_customers(path: str | PathLike[str]) -> tuple[pd.DataFrame, list[schema.Problem]]:
    """Read a CSV file of customers as strings; return them and the rows that could not be read.

    - The file is UTF-8 (a byte-order mark is allowed), comma-separated, quoted
      as the `csv` module reads it; its first line is the header of column names.
    - The frame's index is each row's line number in the file (the header is
      line 1), so that a problem's `row` tells the user where to look.
    - Every value is a string stripped of spaces at either end; an empty value is
      None (missing). Blank lines are skipped.
    - A row with more or fewer fields than the header is left out of the frame
      and reported as Problem(line, None, message giving both counts).

    Raises ValueError naming the path for a file that is not UTF-8 or is empty.
    """
    raise NotImplementedError(
        "Task 5: csv.reader and its line_num; a row of the wrong length is a Problem"
    )


def score_customers(
    pipeline: Pipeline, customers: pd.DataFrame
) -> tuple[pd.DataFrame, list[schema.Problem]]:
    """Score every valid customer; return the scored rows and the problems of the others.

    The customers are checked with `find_problems(customers, FEATURE_SCHEMA)`: a
    row with any problem is not scored. The scored frame holds the other rows, in
    their order, with their index and every input column as it came (an id column
    travels through), plus PROBABILITY_COLUMN: the pipeline's churn probability of
    the row, typed with `coerce_types` first. Raises SchemaError when a column of
    FEATURE_SCHEMA is missing altogether: then no row can be scored.
    """
    raise NotImplementedError(
        "Task 5: find the problems; drop the rows that have one, score the rest"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Score a CSV file of customers from the command line; return the exit status.

    Usage: python -m churn.score MODEL CUSTOMERS OUTPUT. Writes the scored rows to
    OUTPUT as CSV (every input column, then PROBABILITY_COLUMN; no index) and
    prints one line per problem to standard error, in line order, each naming the
    input file, the line and the field (when there is one), such as
    `customers.csv, line 7, tenure: 'seven' is not a finite number`.
    Returns ALL_SCORED when every row was scored, SOME_REJECTED when some were
    reported and the others scored, FAILED (with one line saying why, and no
    traceback) when nothing could be scored: an unreadable model or input file,
    or a missing column.
    """
    parser = argparse.ArgumentParser(
        prog="python -m churn.score", description="Score a CSV file of customers."
    )
    parser.add_argument("model", help="a model saved by python -m churn.train")
    parser.add_argument("customers", help="the CSV file of customers to score")
    parser.add_argument("output", help="where to write the scored customers (CSV)")
    args = parser.parse_args(argv)
    raise NotImplementedError(
        "Task 5: load, read, score and write; report problems on stderr; exit status"
    )


if __name__ == "__main__":
    sys.exit(main())

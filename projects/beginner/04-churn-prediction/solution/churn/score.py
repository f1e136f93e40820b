"""Save and load the fitted pipeline; read and score a CSV file of customers.

The command line (`churn/__main__.py`) puts these together:

    python -m churn train
    python -m churn score customers.csv --output scored.csv

A batch of customer records from another system always holds a few bad rows: a
field left empty, a typo in a category, a line cut short. One bad row must
neither stop the batch nor be scored as if it were fine. Every bad row is
reported with its line and field, and every good row is scored.
"""

import csv
from os import PathLike

import pandas as pd
import sklearn
import skops.io as sio
from sklearn.pipeline import Pipeline

from churn import schema

PROBABILITY_COLUMN = "churn_probability"
MODEL_FILE = "model.skops"  # where `python -m churn train` saves and `score` loads by default
TRUSTED_TYPES = [
    "churn.features.ChurnFeatures",  # Task 2's transformer: this kata's own code
    # The boosting's trees. skops does not trust them by default: a forged file could make
    # them read memory out of bounds. Load them only from files you wrote yourself.
    "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
]
"""The types of a churn pipeline that skops does not trust by default, and this kata does."""


def save_model(pipeline: Pipeline, path: str | PathLike[str]) -> None:
    """Write a fitted pipeline to `path` with skops, with the scikit-learn version that fitted it.

    The file holds the dict {"pipeline": pipeline, "sklearn_version": sklearn.__version__}.
    """
    # BEGIN SOLUTION (task 5): skops.io.dump a dict of the pipeline and sklearn.__version__
    sio.dump({"pipeline": pipeline, "sklearn_version": sklearn.__version__}, path)
    # END SOLUTION


def load_model(path: str | PathLike[str]) -> Pipeline:
    """Return the pipeline that `save_model` wrote to `path`.

    Load it with `skops.io.load(path, trusted=TRUSTED_TYPES)`: skops rebuilds the
    objects from their recorded state, without running code from the file (loading a
    pickle runs whatever it holds), and refuses any type that neither skops nor
    TRUSTED_TYPES vouches for. Raises ValueError, naming the path, when the file
    cannot be loaded that way (it is not a skops file, or it holds an untrusted
    type), when it holds something else than save_model's dict, and when its
    scikit-learn version is not the one running (naming both): a model is only sure
    to mean the same in the version that fitted it, so retrain rather than score
    with one that may have changed. A file that cannot be opened raises the OSError
    of opening it (FileNotFoundError for a missing one).
    """
    # BEGIN SOLUTION (task 5): skops.io.load with TRUSTED_TYPES; check the dict and the version
    try:
        saved = sio.load(path, trusted=TRUSTED_TYPES)
    except OSError:
        raise
    except Exception as error:  # skops's errors for a file it cannot load safely vary
        raise ValueError(f"{path}: not a model skops can load safely ({error})") from error
    if not isinstance(saved, dict) or not {"pipeline", "sklearn_version"} <= saved.keys():
        raise ValueError(f"{path}: not a churn model written by save_model")
    if saved["sklearn_version"] != sklearn.__version__:
        raise ValueError(
            f"{path}: the model was saved with scikit-learn {saved['sklearn_version']}, "
            f"this is {sklearn.__version__}; retrain it with python -m churn train"
        )
    return saved["pipeline"]
    # END SOLUTION


def read_customers(path: str | PathLike[str]) -> tuple[pd.DataFrame, list[schema.Problem]]:
    """Read a CSV file of customers as strings; return them and the rows that could not be read.

    - The file is UTF-8 (a byte-order mark is allowed), comma-separated, quoted
      as the `csv` module reads it; its first line is the header of column names.
    - The frame's index is each row's line number in the file (the header is
      line 1), so that a problem's `row` tells the user where to look.
    - Every value is a string stripped of spaces at either end; an empty value is
      None (missing). Blank lines are skipped.
    - A row with more or fewer fields than the header is left out of the frame
      and reported as Problem(line, None, "expected 20 fields, found 9"), with
      the header's count and the row's.

    Raises ValueError naming the path for a file that is not UTF-8 or is empty.
    """
    # BEGIN SOLUTION (task 6): csv.reader and its line_num; a row of the wrong length is a Problem
    try:
        with open(path, encoding="utf-8-sig", newline="") as file:
            reader = csv.reader(file)
            header = [name.strip() for name in next(reader, [])]
            if not header:
                raise ValueError(f"{path}: the file is empty, expected a header line")
            rows, lines, problems = [], [], []
            for row in reader:
                if not any(field.strip() for field in row):
                    continue
                if len(row) != len(header):
                    message = f"expected {len(header)} fields, found {len(row)}"
                    problems.append(schema.Problem(reader.line_num, None, message))
                    continue
                rows.append([field.strip() or None for field in row])
                lines.append(reader.line_num)
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error})") from error
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name="line"), dtype=object)
    return frame, problems
    # END SOLUTION


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
    # BEGIN SOLUTION (task 7): find the problems; drop the rows that have one, score the rest
    problems = schema.find_problems(customers, schema.FEATURE_SCHEMA)
    missing_columns = [problem for problem in problems if problem.row is None]
    if missing_columns:
        raise schema.SchemaError(missing_columns)
    scored = customers.drop(index={problem.row for problem in problems})
    features = schema.coerce_types(scored, schema.FEATURE_SCHEMA)
    probabilities = pipeline.predict_proba(features)[:, 1] if len(scored) else []
    return scored.assign(**{PROBABILITY_COLUMN: probabilities}), problems
    # END SOLUTION

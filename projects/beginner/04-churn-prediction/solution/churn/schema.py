"""What a customer record must look like, and a validator that says what is wrong with one.

A model trained on data that silently changed shape (a new contract type, charges
in cents, a column renamed) keeps predicting, and its predictions are wrong. So
the data is checked against a written schema before anything learns from it or is
scored by it, and every problem is reported at once, with its row and column, so
that whoever owns the data can fix them all in one go.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np  # SOLUTION
import pandas as pd

from churn.data import TARGET

YES_NO = ("No", "Yes")
NO_INTERNET = (*YES_NO, "No internet service")  # an add-on of a customer without internet


@dataclass(frozen=True)
class Column:
    """The rules for one column.

    kind: "category" (one of `categories`), "integer" (a whole number) or "number".
    minimum, maximum: the allowed range of an integer or number, inclusive; None for no bound.
    missing_when: None if a value is always required; (other column, value) if a value
        may be missing, but only in rows where the other column equals that value.
    """

    kind: Literal["category", "integer", "number"]
    categories: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    missing_when: tuple[str, float] | None = None


FLAG = Column("integer", minimum=0, maximum=1)  # 1 for yes, 0 for no

FEATURE_SCHEMA: dict[str, Column] = {
    "female": FLAG,
    "senior_citizen": FLAG,
    "partner": FLAG,
    "dependents": FLAG,
    "tenure": Column("integer", minimum=0),  # months with the company
    "phone_service": FLAG,
    "multiple_lines": Column("category", (*YES_NO, "No phone service")),
    "internet_service": Column("category", ("DSL", "Fiber optic", "No")),
    "online_security": Column("category", NO_INTERNET),
    "online_backup": Column("category", NO_INTERNET),
    "device_protection": Column("category", NO_INTERNET),
    "tech_support": Column("category", NO_INTERNET),
    "streaming_tv": Column("category", NO_INTERNET),
    "streaming_movies": Column("category", NO_INTERNET),
    "contract": Column("category", ("Month-to-month", "One year", "Two year")),
    "paperless_billing": FLAG,
    "payment_method": Column(
        "category",
        (
            "Bank transfer (automatic)",
            "Credit card (automatic)",
            "Electronic check",
            "Mailed check",
        ),
    ),
    "monthly_charges": Column("number", minimum=0.0),  # dollars a month
    # Dollars billed so far: a customer in their first month (tenure 0) has no bill yet.
    "total_charges": Column("number", minimum=0.0, missing_when=("tenure", 0)),
}
"""The columns a customer needs to be scored: what the model may use."""

SCHEMA: dict[str, Column] = FEATURE_SCHEMA | {TARGET: Column("category", YES_NO)}
"""The columns of a training record: the features and the target."""


class Problem(NamedTuple):
    """One thing wrong with the data.

    row: the index label of the row (for a CSV file, its line number), or None when
    the problem is the whole column's (or file's). column: the column's name, or None
    when the problem is the whole row's. message: what is wrong, naming the bad value.
    """

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(self.column)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class SchemaError(ValueError):
    """Data that breaks its schema; `problems` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) with the data:\n{listed}")


def find_problems(frame: pd.DataFrame, schema: Mapping[str, Column] = SCHEMA) -> list[Problem]:
    """Return every way `frame` breaks `schema`; an empty list when it is valid.

    The values may be typed (as `load_customers` gives them) or strings (as read
    from a CSV file): a number column holds anything `pd.to_numeric` reads as a
    finite number. Missing values are None or NaN. Columns the schema does not
    name are allowed and ignored. One Problem per finding:

    - a column of the schema absent from the frame: Problem(None, column, "the
      column is missing"), and nothing else about that column;
    - a missing value: Problem(row, column, "the value is missing"), unless the
      column's `missing_when = (other, value)` holds in that row;
    - a present value that breaks its column's rule (`value_problems`).

    A value gets at most one Problem. The order of the list is not part of the contract.
    """
    # BEGIN SOLUTION (task 1): check the schema a whole column at a time, collecting problems
    absent = [name for name in schema if name not in frame]
    problems = [Problem(None, name, "the column is missing") for name in absent]
    for name, column in schema.items():
        if name in absent:
            continue
        values = frame[name]
        missing = values.isna()
        excused = pd.Series(False, index=frame.index)
        if column.missing_when is not None:
            other, value = column.missing_when
            if other in frame:
                excused = pd.to_numeric(frame[other], errors="coerce") == value
        problems += [
            Problem(row, name, "the value is missing") for row in frame.index[missing & ~excused]
        ]
        present = values[~missing]
        for row, message in value_problems(present, column):
            problems.append(Problem(row, name, message))
    return problems
    # END SOLUTION


def value_problems(values: pd.Series, column: Column) -> list[tuple[int, str]]:
    """Return (row, message) for each present value that breaks `column`'s rule.

    The message is the value's repr and what is wrong with it, the first that
    applies of:
    - a category not among `categories`: "'Monthly' is not one of ['Month-to-month', ...]"
      (the list of the categories);
    - for "integer" and "number": not read as a number by `pd.to_numeric`:
      "'seven' is not a number"; infinite: "'inf' is not a finite number";
    - then, for finite numbers only: an "integer" that is not whole: "'2.5' is not
      a whole number"; below `minimum`: "'-5' is below 0.0"; above `maximum`:
      "'2' is above 1".
    """
    # BEGIN SOLUTION (task 1): flag unknown categories, non-numbers, fractions, out-of-range values
    if column.kind == "category":
        unknown = ~values.isin(column.categories)
        return [
            (row, f"{value!r} is not one of {list(column.categories)}")
            for row, value in values[unknown].items()
        ]
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    checks = [(numbers.isna(), "is not a number"), (np.isinf(numbers), "is not a finite number")]
    finite = np.isfinite(numbers)
    if column.kind == "integer":
        checks.append((finite & (numbers % 1 != 0), "is not a whole number"))
    if column.minimum is not None:
        checks.append((finite & (numbers < column.minimum), f"is below {column.minimum}"))
    if column.maximum is not None:
        checks.append((finite & (numbers > column.maximum), f"is above {column.maximum}"))
    found: dict[int, str] = {}
    for broken, message in checks:
        for row in values.index[broken]:
            found.setdefault(row, f"{values[row]!r} {message}")
    return list(found.items())
    # END SOLUTION


def coerce_types(frame: pd.DataFrame, schema: Mapping[str, Column] = SCHEMA) -> pd.DataFrame:
    """Return a copy of a valid `frame` with each schema column in its proper type.

    Integers become int64, numbers float64 (missing stays NaN) and categories
    strings; other columns are kept as they are. Call it only on data that
    `find_problems` passed: a value that cannot be converted raises.
    """
    typed = frame.copy()
    for name, column in schema.items():
        if column.kind == "category":
            typed[name] = typed[name].astype(str)
        else:
            numbers = pd.to_numeric(typed[name], errors="raise").astype(float)
            typed[name] = numbers.astype("int64") if column.kind == "integer" else numbers
    return typed


def validate(frame: pd.DataFrame, schema: Mapping[str, Column] = SCHEMA) -> pd.DataFrame:
    """Return `frame` with its schema columns typed, or raise SchemaError with every problem.

    The one gate data passes before a model learns from it: all or nothing.
    """
    # BEGIN SOLUTION (task 1): find the problems; raise SchemaError with all of them, or coerce
    problems = find_problems(frame, schema)
    if problems:
        raise SchemaError(problems)
    return coerce_types(frame, schema)
    # END SOLUTION

"""Task 1: the schema as data tests, and a validator that names every problem."""

import numpy as np
import pandas as pd
import pytest

from churn.schema import FEATURE_SCHEMA, SCHEMA, SchemaError, find_problems, validate

ROWS = 12  # customers taken from the real data to corrupt


def as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a CSV reader sees it: every value a string, missing values None."""
    return frame.astype(object).map(lambda value: None if pd.isna(value) else str(value))


def pairs(problems) -> set[tuple]:
    return {(problem.row, problem.column) for problem in problems}


@pytest.fixture
def clean_rows(raw_customers) -> pd.DataFrame:
    """The first ROWS customers with a total charge, as strings: nothing wrong with them."""
    return as_strings(raw_customers[raw_customers["tenure"] > 0].head(ROWS))


@pytest.mark.task(1)
def test_the_real_data_meets_its_schema(raw_customers):
    problems = find_problems(raw_customers)
    assert problems == [], (
        f"Task 1: the 7,043 customers of wa_churn meet SCHEMA, so find_problems should return "
        f"[]; it returned {len(problems)} problem(s), the first: {problems[:3]}. The 11 missing "
        "total_charges all have tenure 0, which the column's missing_when allows."
    )


@pytest.mark.task(1)
def test_validate_returns_typed_columns(raw_customers):
    typed = validate(raw_customers)
    kinds = {
        "tenure": pd.api.types.is_integer_dtype,
        "female": pd.api.types.is_integer_dtype,
        "monthly_charges": pd.api.types.is_float_dtype,
        "total_charges": pd.api.types.is_float_dtype,
    }
    wrong = {
        name: str(typed[name].dtype) for name, check in kinds.items() if not check(typed[name])
    }
    assert isinstance(typed, pd.DataFrame) and not wrong and len(typed) == len(raw_customers), (
        "Task 1: validate should return the frame with its schema columns typed by "
        f"coerce_types (integers int64, numbers float64); these came out wrong: {wrong}"
    )
    assert typed["total_charges"].isna().sum() == 11, (
        "Task 1: validate must not fill in missing values: that is a modelling decision "
        "(Task 2), not the validator's"
    )


@pytest.mark.task(1)
def test_every_kind_of_broken_value_is_found(clean_rows):
    broken = clean_rows.copy()
    rows = broken.index
    contracts = "['Month-to-month', 'One year', 'Two year']"
    changes = {  # (row, column): (the value written there, the message expected)
        (rows[0], "tenure"): ("seven", "'seven' is not a number"),
        (rows[1], "tenure"): ("2.5", "'2.5' is not a whole number"),
        (rows[2], "female"): ("2", "'2' is above 1"),
        (rows[3], "monthly_charges"): ("-5", "'-5' is below 0.0"),
        (rows[4], "contract"): ("Monthly", f"'Monthly' is not one of {contracts}"),
        (rows[5], "payment_method"): (None, "the value is missing"),
        (rows[6], "total_charges"): (None, "the value is missing"),  # with a tenure above 0
        (rows[7], "monthly_charges"): ("inf", "'inf' is not a finite number"),
        (rows[8], "churn"): ("yes", "'yes' is not one of ['No', 'Yes']"),  # exact: "Yes"
    }
    for (row, column), (value, _) in changes.items():
        broken.loc[row, column] = value
    problems = find_problems(broken)
    assert pairs(problems) == set(changes), (
        "Task 1: expected exactly one problem at each (row, column) of "
        f"{sorted(changes, key=str)}; missing: {sorted(set(changes) - pairs(problems), key=str)}, "
        f"unexpected: {sorted(pairs(problems) - set(changes), key=str)}"
    )
    for problem in problems:
        value, expected = changes[(problem.row, problem.column)]
        assert problem.message == expected, (
            f"Task 1: {problem.column} {value!r}: the message names the value and what is "
            f"wrong with it, as value_problems' docstring says: expected {expected!r}, got "
            f"{problem.message!r}"
        )


@pytest.mark.task(1)
def test_a_value_gets_one_problem_only(clean_rows):
    broken = clean_rows.copy()
    broken.loc[broken.index[0], "tenure"] = "-2.5"  # not whole and below the minimum
    problems = find_problems(broken)
    assert len(problems) == 1 and pairs(problems) == {(broken.index[0], "tenure")}, (
        "Task 1: tenure '-2.5' is both not whole and below 0, but it is one bad value: "
        f"expected one Problem, got {problems}"
    )
    assert problems[0].message == "'-2.5' is not a whole number", (
        "Task 1: the first rule that applies names the problem, in the order of "
        f"value_problems' docstring: expected \"'-2.5' is not a whole number\", got "
        f"{problems[0].message!r}"
    )


@pytest.mark.task(1)
def test_typed_values_are_checked_too(raw_customers):
    broken = raw_customers.head(ROWS).copy()
    broken.loc[broken.index[0], "tenure"] = -1
    broken.loc[broken.index[1], "senior_citizen"] = 3
    broken.loc[broken.index[2], "monthly_charges"] = np.nan
    expected = {
        (broken.index[0], "tenure"),
        (broken.index[1], "senior_citizen"),
        (broken.index[2], "monthly_charges"),
    }
    problems = find_problems(broken)
    assert pairs(problems) == expected, (
        "Task 1: find_problems must check typed frames as well as strings: expected problems "
        f"at {sorted(expected)}, got {sorted(pairs(problems))}"
    )


@pytest.mark.task(1)
def test_missing_total_charges_is_excused_only_at_tenure_zero(clean_rows):
    frame = clean_rows.copy()
    first, second, third = frame.index[:3]
    frame.loc[[first, second, third], "total_charges"] = None
    frame.loc[first, "tenure"] = "0"  # a new customer, not billed yet: fine
    frame.loc[second, "tenure"] = "1"  # billed once: the total must be there
    frame.loc[third, "tenure"] = "soon"  # no number at all: nothing excuses the missing total
    found = pairs(find_problems(frame))
    expected = {(second, "total_charges"), (third, "tenure"), (third, "total_charges")}
    assert found == expected, (
        "Task 1: total_charges may be missing only where tenure is 0, compared as numbers (a "
        f"CSV holds the string '0'). Unexpected problems at {sorted(found - expected)}, "
        f"missing problems at {sorted(expected - found)}"
    )


@pytest.mark.task(1)
def test_a_missing_column_is_one_problem_and_extra_columns_are_fine(clean_rows):
    frame = clean_rows.drop(columns="contract").assign(notes="called twice")
    problems = find_problems(frame)
    assert len(problems) == 1 and problems[0].row is None, (
        "Task 1: a column of the schema that is absent is one Problem(None, column, ...), not "
        "one per row, and a column the schema does not name ('notes', 'customer_id') is no "
        f"problem at all; got {problems}"
    )
    assert problems[0].column == "contract" and "missing" in problems[0].message, (
        f"Task 1: expected Problem(None, 'contract', '... missing ...'), got {problems[0]}"
    )


@pytest.mark.task(1)
def test_the_schema_can_be_chosen(clean_rows):
    customers = clean_rows.drop(columns="churn")
    assert find_problems(customers, FEATURE_SCHEMA) == [], (
        "Task 1: new customers have no churn column yet: checked against FEATURE_SCHEMA they "
        "have no problem. Check the columns of the schema you are given, not always SCHEMA."
    )
    assert pairs(find_problems(customers, SCHEMA)) == {(None, "churn")}, (
        "Task 1: against SCHEMA, a frame without churn has one problem: the column is missing"
    )


@pytest.mark.task(1)
def test_validate_raises_with_every_problem(clean_rows):
    broken = clean_rows.copy()
    broken.loc[broken.index[0], "tenure"] = "seven"
    broken.loc[broken.index[3], "internet_service"] = "5G"
    with pytest.raises(SchemaError) as raised:
        validate(broken)
    expected = {(broken.index[0], "tenure"), (broken.index[3], "internet_service")}
    assert pairs(raised.value.problems) == expected, (
        f"Task 1: validate should raise SchemaError listing every problem, {sorted(expected)}; "
        f"it listed {sorted(pairs(raised.value.problems))}"
    )
    assert isinstance(raised.value, ValueError) and "5G" in str(raised.value), (
        "Task 1: SchemaError is a ValueError whose message lists the problems"
    )


@pytest.mark.task(1)
def test_an_empty_frame_with_all_columns_is_valid(clean_rows):
    problems = find_problems(clean_rows.head(0))
    assert problems == [], f"Task 1: no rows, no problems; got {problems}"
    assert len(validate(clean_rows)) == ROWS, "Task 1: validate keeps every row of a valid frame"


@pytest.mark.task(1)
def test_validate_checks_and_types_the_schema_it_is_given(clean_rows):
    new_customers = clean_rows.drop(columns="churn")
    typed = validate(new_customers, FEATURE_SCHEMA)
    assert len(typed) == ROWS and "churn" not in typed, (
        "Task 1: validate(frame, FEATURE_SCHEMA) checks new customers, who have no churn "
        "column yet, against the schema it is given: no problem, every row kept. Pass "
        "`schema` on to find_problems and coerce_types, not SCHEMA"
    )

"""Task 7: score every good row of a CSV file, report every bad one, from the command line."""

import re
import runpy
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio

import churn
from churn.__main__ import FAILED, NONE_SCORED, OK, SOME_REJECTED, main
from churn.data import ID_COLUMN, TARGET
from churn.schema import SchemaError
from churn.score import PROBABILITY_COLUMN, read_customers, score_customers

KATA = Path(__file__).resolve().parents[1]
SAMPLE_FILE = KATA / "data" / "new_customers.csv"
FILE_ROWS = 30  # customers in a generated test file; the first is on line 2
TOLERANCE = 1e-9
# (line, column) -> the bad value written there
BAD_VALUES = {
    (3, "tenure"): "seven",
    (7, "contract"): "Monthly",
    (12, "total_charges"): "",
    (20, "monthly_charges"): "-3.5",
}
CUT_SHORT_LINE = 25


def write_customers(raw: pd.DataFrame, path: Path, bad: dict, cut_short: int | None) -> Path:
    """Write the first FILE_ROWS customers (no churn column) to a CSV file, with bad values."""
    frame = raw.head(FILE_ROWS).drop(columns=TARGET).astype(object)
    for (line, column), value in bad.items():
        frame.iloc[line - 2, frame.columns.get_loc(column)] = value
    lines = frame.to_csv(index=False, lineterminator="\n").splitlines()
    if cut_short is not None:
        lines[cut_short - 1] = ",".join(lines[cut_short - 1].split(",")[:8])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_ids(raw: pd.DataFrame, bad_lines: set[int]) -> list:
    return [
        customer
        for line, customer in enumerate(raw.head(FILE_ROWS)[ID_COLUMN], start=2)
        if line not in bad_lines
    ]


def reference_probabilities(pipeline, customers: pd.DataFrame, ids: list) -> np.ndarray:
    """The pipeline's probabilities for these customers, from the typed data itself."""
    rows = customers.set_index(ID_COLUMN, drop=False).loc[ids]
    return pipeline.predict_proba(rows)[:, 1]


def score(model, source, output=None) -> int:
    """`python -m churn score SOURCE --model-file MODEL [--output OUTPUT]`, in this process."""
    extra = [] if output is None else ["--output", str(output)]
    return main(["score", str(source), "--model-file", str(model), *extra])


@pytest.mark.task(7)
def test_good_rows_are_scored_and_bad_rows_reported(
    raw_customers, customers, fitted_pipeline, tmp_path
):
    path = write_customers(raw_customers, tmp_path / "in.csv", BAD_VALUES, cut_short=None)
    frame, _ = read_customers(path)
    scored, problems = score_customers(fitted_pipeline, frame)
    found = {(problem.row, problem.column) for problem in problems}
    assert found == set(BAD_VALUES), (
        f"Task 7: expected problems at (line, column) {sorted(BAD_VALUES)}, got {sorted(found)}"
    )
    ids = good_ids(raw_customers, {line for line, _ in BAD_VALUES})
    assert list(scored[ID_COLUMN].astype(int)) == ids, (
        f"Task 7: every good row, and only those, in their order, with their {ID_COLUMN}: "
        f"expected {ids}, got {list(scored[ID_COLUMN])}"
    )
    expected = reference_probabilities(fitted_pipeline, customers, ids)
    assert np.allclose(scored[PROBABILITY_COLUMN].astype(float), expected, atol=TOLERANCE), (
        f"Task 7: {PROBABILITY_COLUMN} should be the pipeline's churn probability of each row "
        "(after coerce_types, so that the strings of the file become numbers)"
    )


@pytest.mark.task(7)
def test_a_missing_column_stops_the_batch(raw_customers, fitted_pipeline, tmp_path):
    path = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    frame, _ = read_customers(path)
    with pytest.raises(SchemaError) as raised:
        score_customers(fitted_pipeline, frame.drop(columns="monthly_charges"))
    assert "monthly_charges" in str(raised.value), (
        "Task 7: without a monthly_charges column no row can be scored: raise SchemaError "
        "naming the column"
    )


@pytest.mark.task(7)
def test_a_batch_of_bad_rows_gives_an_empty_result(raw_customers, fitted_pipeline, tmp_path):
    path = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    frame, _ = read_customers(path)
    scored, problems = score_customers(fitted_pipeline, frame.assign(tenure="unknown"))
    assert len(scored) == 0 and PROBABILITY_COLUMN in scored and len(problems) == FILE_ROWS, (
        "Task 7: when every row is bad, return an empty frame (with the probability column) "
        f"and one problem per row; got {len(scored)} scored rows and {len(problems)} problems"
    )


@pytest.mark.task(7)
def test_the_command_line_scores_good_rows_and_reports_bad_ones(
    raw_customers, customers, fitted_pipeline, model_path, tmp_path, capsys
):
    source = write_customers(raw_customers, tmp_path / "in.csv", BAD_VALUES, CUT_SHORT_LINE)
    output = tmp_path / "out.csv"
    status = score(model_path, source, output)
    errors = capsys.readouterr().err
    assert status == SOME_REJECTED, (
        f"Task 7: some rows were rejected, so the exit status is SOME_REJECTED "
        f"({SOME_REJECTED}); got {status}"
    )
    lines = errors.splitlines()
    expected_first = f"{source}, line 3, tenure: 'seven' is not a number"
    assert lines and lines[0] == expected_first, (
        "Task 7: one line per problem on standard error, in line order, as FILE, line N, "
        f"FIELD: MESSAGE; the first should read\n{expected_first}\nbut standard error said:\n"
        f"{errors}"
    )
    reported = [int(match[1]) for line in lines if (match := re.search(r", line (\d+)", line))]
    expected_lines = sorted([line for line, _ in BAD_VALUES] + [CUT_SHORT_LINE])
    assert reported == expected_lines, (
        f"Task 7: expected one line for each of the lines {expected_lines} of the file, in "
        f"that order; standard error said:\n{errors}"
    )
    for line, column in [*BAD_VALUES, (CUT_SHORT_LINE, None)]:
        where = f"{source}, line {line}" + (f", {column}: " if column else ": ")
        assert any(text.startswith(where) for text in lines), (
            f"Task 7: standard error should have a line beginning {where!r}; it said:\n{errors}"
        )
    scored = pd.read_csv(output)
    ids = good_ids(raw_customers, {line for line, _ in BAD_VALUES} | {CUT_SHORT_LINE})
    assert scored[ID_COLUMN].tolist() == ids, (
        f"Task 7: the output should hold every good row in order: ids {ids}, "
        f"got {scored[ID_COLUMN].tolist()}"
    )
    assert list(scored.columns[:-1]) == [c for c in raw_customers if c != TARGET] and (
        scored.columns[-1] == PROBABILITY_COLUMN
    ), f"Task 7: the output's columns are the input's, then {PROBABILITY_COLUMN}"
    expected = reference_probabilities(fitted_pipeline, customers, ids)
    assert np.allclose(scored[PROBABILITY_COLUMN], expected, atol=TOLERANCE), (
        "Task 7: the output's probabilities differ from the pipeline's"
    )


@pytest.mark.task(7)
def test_a_clean_file_exits_ok_and_prints_to_standard_output(
    raw_customers, model_path, tmp_path, capsys
):
    source = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    status = score(model_path, source)
    printed = capsys.readouterr()
    assert status == OK and printed.err == "", (
        f"Task 7: every row was good: exit status OK ({OK}) and nothing on standard error; "
        f"got status {status} and:\n{printed.err}"
    )
    (tmp_path / "printed.csv").write_text(printed.out)
    scored = pd.read_csv(tmp_path / "printed.csv")
    assert len(scored) == FILE_ROWS and scored.columns[-1] == PROBABILITY_COLUMN, (
        f"Task 7: without --output the scored rows go to standard output as CSV: expected "
        f"{FILE_ROWS} rows ending in {PROBABILITY_COLUMN}; it printed:\n{printed.out[:500]}"
    )


@pytest.mark.task(7)
def test_a_file_of_bad_rows_only_exits_none_scored(raw_customers, model_path, tmp_path, capsys):
    source = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    pd.read_csv(source).assign(contract="Monthly").to_csv(source, index=False)
    output = tmp_path / "out.csv"
    status = score(model_path, source, output)
    errors = capsys.readouterr().err.splitlines()
    assert status == NONE_SCORED, (
        f"Task 7: every row was bad, so nothing was scored: the exit status is NONE_SCORED "
        f"({NONE_SCORED}), not SOME_REJECTED ({SOME_REJECTED}); got {status}"
    )
    assert len(errors) == FILE_ROWS, (
        f"Task 7: each of the {FILE_ROWS} bad rows is reported, one line each; got {len(errors)}"
    )
    scored = pd.read_csv(output)
    assert len(scored) == 0 and scored.columns[-1] == PROBABILITY_COLUMN, (
        f"Task 7: the output holds the header only (the input's columns, then "
        f"{PROBABILITY_COLUMN}); got {len(scored)} rows and columns {list(scored.columns)}"
    )


@pytest.mark.task(7)
@pytest.mark.parametrize(
    "broken", ["no model file", "not a model", "missing column", "no input file", "no output"]
)
def test_nothing_to_score_fails_in_one_line(broken, raw_customers, model_path, tmp_path, capsys):
    source = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    model, output = model_path, tmp_path / "out.csv"
    if broken == "no model file":
        model = tmp_path / "nowhere.skops"
    elif broken == "not a model":
        model = tmp_path / "list.skops"
        sio.dump([1, 2, 3], model)
    elif broken == "missing column":
        pd.read_csv(source).drop(columns="contract").to_csv(source, index=False)
    elif broken == "no input file":
        source = tmp_path / "nowhere.csv"
    else:
        output = tmp_path / "no such folder" / "out.csv"
    status = score(model, source, output)
    errors = capsys.readouterr().err
    assert status == FAILED and "Traceback" not in errors and errors.strip(), (
        f"Task 7: with {broken}, nothing can be scored: print a message that says why and "
        f"return FAILED ({FAILED}), without a traceback; got status {status} and:\n{errors}"
    )


@pytest.mark.task(7)
def test_python_dash_m_churn_score_on_the_sample_file(model_path, tmp_path, capsys, monkeypatch):
    # `python -m churn` runs churn/__main__.py as the program; so does run_path, in this
    # process (a new interpreter would spend seconds importing scikit-learn and skops again).
    output = tmp_path / "scored.csv"
    arguments = [
        "score",
        str(SAMPLE_FILE),
        "--model-file",
        str(model_path),
        "--output",
        str(output),
    ]
    monkeypatch.setattr(sys, "argv", ["python -m churn", *arguments])
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(Path(churn.__file__).with_name("__main__.py")), run_name="__main__")
    status, errors = exited.value.code, capsys.readouterr().err
    assert status == SOME_REJECTED, (
        f"Task 7: python -m churn score data/new_customers.csv should exit with "
        f"SOME_REJECTED ({SOME_REJECTED}): four of its nine rows are bad. It exited with "
        f"{status}; standard error:\n{errors}"
    )
    expected = [
        f"{SAMPLE_FILE}, line 4, tenure: 'seven' is not a number",
        f"{SAMPLE_FILE}, line 6, contract: 'Monthly' is not one of "
        "['Month-to-month', 'One year', 'Two year']",
        f"{SAMPLE_FILE}, line 8, total_charges: the value is missing",
        f"{SAMPLE_FILE}, line 9: expected 20 fields, found 9",
    ]
    assert errors.splitlines() == expected, (
        "Task 7: the report on the sample file should read, line for line:\n"
        + "\n".join(expected)
        + f"\nit said:\n{errors}"
    )
    scored = pd.read_csv(output)
    assert scored[ID_COLUMN].tolist() == ["N-1001", "N-1002", "N-1004", "N-1006", "N-1009"], (
        "Task 7: the five good rows of the sample file (N-1004 is a new customer: tenure 0, "
        f"no total yet) should be scored; got {scored[ID_COLUMN].tolist()}"
    )

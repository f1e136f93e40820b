"""Task 5: save the pipeline, and score a CSV file of customers from the command line."""

import os
import subprocess
import sys
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest
import sklearn

import churn
from churn.data import ID_COLUMN, TARGET
from churn.schema import SchemaError
from churn.score import (
    ALL_SCORED,
    FAILED,
    PROBABILITY_COLUMN,
    SOME_REJECTED,
    load_model,
    main,
    read_customers,
    score_customers,
)

KATA = Path(__file__).resolve().parents[1]
SAMPLE_FILE = KATA / "data" / "new_customers.csv"
FILE_ROWS = 30  # customers in a generated test file; the first is on line 2
TOLERANCE = 1e-9
# (line, column) -> the bad value written there; a column of None marks a cut-short row
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


@pytest.mark.task(5)
def test_a_saved_model_loads_and_predicts_the_same(model_path, fitted_pipeline, customers):
    saved = joblib.load(model_path)
    assert isinstance(saved, dict) and saved.get("sklearn_version") == sklearn.__version__, (
        "Task 5: save_model should write {'pipeline': ..., 'sklearn_version': "
        "sklearn.__version__} with joblib; the file holds "
        f"{sorted(saved) if isinstance(saved, dict) else type(saved).__name__}"
    )
    loaded = load_model(model_path)
    sample = customers.head(50)
    assert np.allclose(
        loaded.predict_proba(sample), fitted_pipeline.predict_proba(sample), rtol=0, atol=0
    ), "Task 5: the loaded pipeline should predict exactly as the one that was saved"


@pytest.mark.task(5)
def test_a_model_from_another_scikit_learn_is_refused(fitted_pipeline, tmp_path):
    path = tmp_path / "old.joblib"
    joblib.dump({"pipeline": fitted_pipeline, "sklearn_version": "0.24.2"}, path)
    with pytest.raises(ValueError) as raised:
        load_model(path)
    message = str(raised.value)
    assert "0.24.2" in message and sklearn.__version__ in message, (
        "Task 5: a model saved by scikit-learn 0.24.2 must be refused with a message naming "
        f"both versions (0.24.2 and {sklearn.__version__}); got {message!r}"
    )


@pytest.mark.task(5)
def test_a_file_that_is_no_model_is_refused(tmp_path):
    path = tmp_path / "list.joblib"
    joblib.dump(["not", "a", "model"], path)
    with pytest.raises(ValueError, match="list.joblib"):
        load_model(path)


@pytest.mark.task(5)
def test_read_customers_knows_the_csv_format(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_bytes(
        b"\xef\xbb\xbfcustomer_id, tenure ,notes\r\n"
        b'A-1, 5 ,"called, twice"\r\n'
        b"\r\n"
        b"A-2,,fine\r\n"
        b"A-3,7\r\n"
        b"A-4,8,ok,extra\r\n"
        b"A-5,9,last\r\n"
    )
    frame, problems = read_customers(path)
    assert list(frame.columns) == ["customer_id", "tenure", "notes"], (
        "Task 5: the header (after a byte-order mark, stripped of spaces) names the columns: "
        f"expected ['customer_id', 'tenure', 'notes'], got {list(frame.columns)}"
    )
    assert list(frame.index) == [2, 4, 7], (
        "Task 5: the frame's index is each row's line in the file (the header is line 1, a "
        "blank line is skipped but still counted, rows of the wrong length are left out): "
        f"expected [2, 4, 7], got {list(frame.index)}"
    )
    expected = [["A-1", "5", "called, twice"], ["A-2", None, "fine"], ["A-5", "9", "last"]]
    got = [[None if pd.isna(value) else value for value in row] for row in frame.to_numpy()]
    assert got == expected, (
        "Task 5: values are strings stripped of spaces, an empty value is None, and a quoted "
        f"field may hold a comma: expected {expected}, got {got}"
    )
    found = sorted((problem.row, problem.column) for problem in problems)
    assert found == [(5, None), (6, None)], (
        "Task 5: lines 5 (two fields) and 6 (four) do not match the header's three: expected "
        f"Problem(5, None, ...) and Problem(6, None, ...), got {problems}"
    )
    assert all("3" in problem.message for problem in problems) and "2" in problems[0].message, (
        "Task 5: a cut-short or overlong row's message gives the expected and the found "
        f"number of fields; got {[problem.message for problem in problems]}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("content", "what"), [(b"tenure\n\xe9t\xe9\n", "not UTF-8"), (b"", "empty")]
)
def test_read_customers_refuses_an_unreadable_file(content, what, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="bad.csv"):
        read_customers(path)


@pytest.mark.task(5)
def test_good_rows_are_scored_and_bad_rows_reported(
    raw_customers, customers, fitted_pipeline, tmp_path
):
    path = write_customers(raw_customers, tmp_path / "in.csv", BAD_VALUES, cut_short=None)
    frame, _ = read_customers(path)
    scored, problems = score_customers(fitted_pipeline, frame)
    found = {(problem.row, problem.column) for problem in problems}
    assert found == set(BAD_VALUES), (
        f"Task 5: expected problems at (line, column) {sorted(BAD_VALUES)}, got {sorted(found)}"
    )
    ids = good_ids(raw_customers, {line for line, _ in BAD_VALUES})
    assert list(scored[ID_COLUMN].astype(int)) == ids, (
        f"Task 5: every good row, and only those, in their order, with their {ID_COLUMN}: "
        f"expected {ids}, got {list(scored[ID_COLUMN])}"
    )
    expected = reference_probabilities(fitted_pipeline, customers, ids)
    assert np.allclose(scored[PROBABILITY_COLUMN].astype(float), expected, atol=TOLERANCE), (
        f"Task 5: {PROBABILITY_COLUMN} should be the pipeline's churn probability of each row "
        "(after coerce_types, so that the strings of the file become numbers)"
    )


@pytest.mark.task(5)
def test_a_missing_column_stops_the_batch(raw_customers, fitted_pipeline, tmp_path):
    path = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    frame, _ = read_customers(path)
    with pytest.raises(SchemaError) as raised:
        score_customers(fitted_pipeline, frame.drop(columns="monthly_charges"))
    assert "monthly_charges" in str(raised.value), (
        "Task 5: without a monthly_charges column no row can be scored: raise SchemaError "
        "naming the column"
    )


@pytest.mark.task(5)
def test_a_batch_of_bad_rows_gives_an_empty_result(raw_customers, fitted_pipeline, tmp_path):
    path = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    frame, _ = read_customers(path)
    scored, problems = score_customers(fitted_pipeline, frame.assign(tenure="unknown"))
    assert len(scored) == 0 and PROBABILITY_COLUMN in scored and len(problems) == FILE_ROWS, (
        "Task 5: when every row is bad, return an empty frame (with the probability column) "
        f"and one problem per row; got {len(scored)} scored rows and {len(problems)} problems"
    )


@pytest.mark.task(5)
def test_the_command_line_scores_good_rows_and_reports_bad_ones(
    raw_customers, customers, fitted_pipeline, model_path, tmp_path, capsys
):
    source = write_customers(raw_customers, tmp_path / "in.csv", BAD_VALUES, CUT_SHORT_LINE)
    output = tmp_path / "out.csv"
    status = main([str(model_path), str(source), str(output)])
    errors = capsys.readouterr().err
    assert status == SOME_REJECTED, (
        f"Task 5: some rows were rejected, so the exit status is SOME_REJECTED "
        f"({SOME_REJECTED}); got {status}"
    )
    lines = errors.splitlines()
    for line, column in [*BAD_VALUES, (CUT_SHORT_LINE, None)]:
        named = [text for text in lines if f"line {line}" in text and (column or "") in text]
        assert named, (
            f"Task 5: standard error should name line {line}"
            f"{' and the field ' + column if column else ''}; it said:\n{errors}"
        )
    scored = pd.read_csv(output)
    ids = good_ids(raw_customers, {line for line, _ in BAD_VALUES} | {CUT_SHORT_LINE})
    assert scored[ID_COLUMN].tolist() == ids, (
        f"Task 5: the output should hold every good row in order: ids {ids}, "
        f"got {scored[ID_COLUMN].tolist()}"
    )
    assert list(scored.columns[:-1]) == [c for c in raw_customers if c != TARGET] and (
        scored.columns[-1] == PROBABILITY_COLUMN
    ), f"Task 5: the output's columns are the input's, then {PROBABILITY_COLUMN}"
    expected = reference_probabilities(fitted_pipeline, customers, ids)
    assert np.allclose(scored[PROBABILITY_COLUMN], expected, atol=TOLERANCE), (
        "Task 5: the output's probabilities differ from the pipeline's"
    )


@pytest.mark.task(5)
def test_a_clean_file_exits_zero(raw_customers, model_path, tmp_path, capsys):
    source = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    status = main([str(model_path), str(source), str(tmp_path / "out.csv")])
    assert status == ALL_SCORED and len(pd.read_csv(tmp_path / "out.csv")) == FILE_ROWS, (
        f"Task 5: every row was good: all {FILE_ROWS} scored and exit status ALL_SCORED "
        f"({ALL_SCORED}); got status {status}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("broken", ["no model file", "not a model", "missing column"])
def test_nothing_to_score_fails_in_one_line(broken, raw_customers, model_path, tmp_path, capsys):
    source = write_customers(raw_customers, tmp_path / "in.csv", {}, cut_short=None)
    model = model_path
    if broken == "no model file":
        model = tmp_path / "nowhere.joblib"
    elif broken == "not a model":
        model = tmp_path / "list.joblib"
        joblib.dump([1, 2, 3], model)
    else:
        pd.read_csv(source).drop(columns="contract").to_csv(source, index=False)
    status = main([str(model), str(source), str(tmp_path / "out.csv")])
    errors = capsys.readouterr().err
    assert status == FAILED and "Traceback" not in errors and errors.strip(), (
        f"Task 5: with {broken}, nothing can be scored: print one line that says why and "
        f"return FAILED ({FAILED}), without a traceback; got status {status} and:\n{errors}"
    )


@pytest.mark.task(5)
def test_python_dash_m_churn_score_on_the_sample_file(model_path, tmp_path):
    output = tmp_path / "scored.csv"
    package_home = Path(churn.__file__).resolve().parents[1]
    environment = os.environ | {"PYTHONPATH": str(package_home)}
    command = [sys.executable, "-m", "churn.score", str(model_path), str(SAMPLE_FILE), str(output)]
    run = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert run.returncode == SOME_REJECTED, (
        f"Task 5: python -m churn.score on data/new_customers.csv should exit with "
        f"SOME_REJECTED ({SOME_REJECTED}): four of its nine rows are bad. It exited with "
        f"{run.returncode}; standard error:\n{run.stderr}"
    )
    for line in (4, 6, 8, 9):
        assert f"line {line}" in run.stderr, (
            f"Task 5: the report should name line {line} of the sample file; it said:\n{run.stderr}"
        )
    scored = pd.read_csv(output)
    assert scored[ID_COLUMN].tolist() == ["N-1001", "N-1002", "N-1004", "N-1006", "N-1009"], (
        "Task 5: the five good rows of the sample file (N-1004 is a new customer: tenure 0, "
        f"no total yet) should be scored; got {scored[ID_COLUMN].tolist()}"
    )

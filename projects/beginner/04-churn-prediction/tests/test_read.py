"""Task 6: read a CSV file of customers as strings, setting aside rows of the wrong length."""

import pandas as pd
import pytest

from churn.score import read_customers


@pytest.mark.task(6)
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
        "Task 6: the header (after a byte-order mark, stripped of spaces) names the columns: "
        f"expected ['customer_id', 'tenure', 'notes'], got {list(frame.columns)}"
    )
    assert list(frame.index) == [2, 4, 7], (
        "Task 6: the frame's index is each row's line in the file (the header is line 1, a "
        "blank line is skipped but still counted, rows of the wrong length are left out): "
        f"expected [2, 4, 7], got {list(frame.index)}"
    )
    expected = [["A-1", "5", "called, twice"], ["A-2", None, "fine"], ["A-5", "9", "last"]]
    got = [[None if pd.isna(value) else value for value in row] for row in frame.to_numpy()]
    assert got == expected, (
        "Task 6: values are strings stripped of spaces, an empty value is None, and a quoted "
        f"field may hold a comma: expected {expected}, got {got}"
    )
    found = sorted((problem.row, problem.column) for problem in problems)
    assert found == [(5, None), (6, None)], (
        "Task 6: lines 5 (two fields) and 6 (four) do not match the header's three: expected "
        f"Problem(5, None, ...) and Problem(6, None, ...), got {problems}"
    )
    messages = [problem.message for problem in sorted(problems)]
    expected = ["expected 3 fields, found 2", "expected 3 fields, found 4"]
    assert messages == expected, (
        "Task 6: a cut-short or overlong row's message gives the header's and the row's "
        f"number of fields: expected {expected}, got {messages}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("content", "what"), [(b"tenure\n\xe9t\xe9\n", "not UTF-8"), (b"", "empty")]
)
def test_read_customers_refuses_an_unreadable_file(content, what, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="bad.csv"):
        read_customers(path)


@pytest.mark.task(6)
def test_a_quoted_line_break_is_kept_as_written(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b'customer_id,notes\r\nA-1,"two\r\nlines"\r\nA-2,ok\r\n')
    frame, problems = read_customers(path)
    notes = frame["notes"].tolist()
    assert problems == [] and notes == ["two\r\nlines", "ok"], (
        "Task 6: a quoted field may hold a line break, which the csv module reads as written "
        'only from a file opened with newline="" (see the csv docs): expected the notes '
        f"['two\\r\\nlines', 'ok'] and no problem, got {notes} and {problems}"
    )

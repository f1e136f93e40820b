"""Task 1: reading C-MAPSS's text format, and refusing a broken file by its line."""

import numpy as np
import pandas as pd
import pytest

from maintenance.cmapss import BadFile, parse_line, read_cmapss
from maintenance.simulator import (
    CMAPSS_SENSORS,
    COLUMNS,
    SENSORS,
    UNOBSERVED_LEVEL,
    simulate_fleet,
    write_cmapss,
)


def line(unit="1", cycle="1", settings=("0.0", "0.0", "100.0"), sensors=None) -> str:
    sensors = [f"{500 + k}.5" for k in range(21)] if sensors is None else sensors
    return " ".join([unit, cycle, *settings, *sensors]) + " "


@pytest.fixture(scope="module")
def small_fleet():
    return simulate_fleet(4, seed=5).readings


@pytest.mark.task(1)
def test_a_written_fleet_reads_back(tmp_path, small_fleet):
    path = tmp_path / "train_FD.txt"
    write_cmapss(small_fleet, path)
    frame, problems = read_cmapss(path)
    assert problems == [], f"Task 1: a clean file has no problems, got {problems[:3]}"
    assert list(frame.columns) == list(COLUMNS), (
        f"Task 1: the columns should be COLUMNS (unit, cycle, 3 settings, 21 sensors), got "
        f"{list(frame.columns)}"
    )
    assert len(frame) == len(small_fleet), (
        f"Task 1: the file has {len(small_fleet)} lines of data, you read {len(frame)} rows"
    )
    assert frame["unit"].dtype == np.int64 and frame["cycle"].dtype == np.int64, (
        f"Task 1: unit and cycle should be int64, got {frame['unit'].dtype}, {frame['cycle'].dtype}"
    )
    for name in COLUMNS[2:]:
        assert frame[name].dtype == np.float64, f"Task 1: {name} should be float64"
    np.testing.assert_array_equal(frame["unit"], small_fleet["unit"])
    np.testing.assert_array_equal(frame["cycle"], small_fleet["cycle"])
    for name in [*COLUMNS[2:5], *SENSORS]:
        np.testing.assert_allclose(
            frame[name],
            small_fleet[name],
            atol=5e-5,
            equal_nan=True,
            err_msg=f"Task 1: column {name} does not read back what was written",
        )
    flat = [name for name in CMAPSS_SENSORS if name not in SENSORS]
    assert (frame[flat] == UNOBSERVED_LEVEL).all().all(), "Task 1: the flat sensors read 1.0"
    assert (
        frame[list(SENSORS)].isna().sum().sum() == small_fleet[list(SENSORS)].isna().sum().sum()
    ), "Task 1: a sensor that reads 'nan' is a dropout: keep it as NaN"


@pytest.mark.task(1)
def test_blank_lines_and_interleaved_units_are_fine(tmp_path):
    text = "\n".join(
        [line("1", "1"), "", line("2", "1"), "   ", line("1", "2"), line("2", "3"), ""]
    )
    path = tmp_path / "ok.txt"
    path.write_text(text, encoding="utf-8")
    frame, problems = read_cmapss(path)
    assert problems == [] and frame[["unit", "cycle"]].values.tolist() == [
        [1, 1],
        [2, 1],
        [1, 2],
        [2, 3],
    ], (
        "Task 1: blank lines are no data; each unit's cycles only have to increase within "
        f"that unit, got {frame[['unit', 'cycle']].values.tolist()} and problems {problems}"
    )


BAD_LINES = [
    (line()[:-8], "expected 26 fields, got 25"),
    (line() + "1.0", "expected 26 fields, got 27"),
    (line(sensors=["x"] + ["1"] * 20), "field 6 (sensor_1) is not a number: 'x'"),
    (line(settings=("0", "abc", "1")), "field 4 (setting_2) is not a number"),
    (line(unit="0"), "unit must be a whole number >= 1"),
    (line(unit="-3"), "unit must be a whole number >= 1"),
    (line(cycle="2.5"), "cycle must be a whole number >= 1"),
    (line(cycle="nan"), "cycle must be a whole number >= 1"),
    (line(unit="inf"), "unit must be a whole number >= 1"),
    (line(settings=("0", "nan", "1")), "setting_2 must be finite"),
    (line(settings=("0", "0", "-inf")), "setting_3 must be finite"),
]


@pytest.mark.task(1)
@pytest.mark.parametrize(("text", "message"), BAD_LINES)
def test_a_bad_line_is_refused_by_number_and_reason(text, message):
    with pytest.raises(BadFile) as caught:
        parse_line(text, 17)
    assert f"line 17: {message}" in str(caught.value), (
        f"Task 1: parse_line should refuse {text[:40]!r}... with a message containing "
        f"'line 17: {message}', got {str(caught.value)!r}"
    )


@pytest.mark.task(1)
def test_edge_values_that_are_fine():
    values = parse_line(line(unit="1", cycle="1.0", sensors=["nan"] * 21), 3)
    assert values[:2] == [1.0, 1.0] and len(values) == 26 and np.isnan(values[5:]).all(), (
        "Task 1: unit 1 and cycle 1.0 (a whole number) are fine, and a sensor may read nan "
        f"(a dropout); got {values[:6]}"
    )


@pytest.mark.task(1)
def test_a_broken_file_raises_at_its_first_bad_line(tmp_path):
    text = "\n".join([line("1", "1"), line("1", "2"), "", line("1", "2"), line("1", "x")])
    path = tmp_path / "broken.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadFile, match=r"line 4: cycle 2 of unit 1 does not follow cycle 2"):
        read_cmapss(path)


@pytest.mark.task(1)
def test_skip_keeps_every_good_line_and_names_every_bad_one(tmp_path):
    lines = [
        line("1", "1"),
        line("1", "2")[:-9],  # 2: a field short
        line("1", "2"),
        line("1", "1"),  # 4: goes back in time
        line("2", "5"),
        line("2", "6", settings=("0", "0", "nan")),  # 6: a setting that is not finite
        line("2", "7"),
        line("2", "7"),  # 8: a cycle repeated
    ]
    path = tmp_path / "mixed.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, problems = read_cmapss(path, errors="skip")
    assert frame[["unit", "cycle"]].values.tolist() == [[1, 1], [1, 2], [2, 5], [2, 7]], (
        "Task 1: with errors='skip' every good line is kept and only the bad ones left out; "
        f"got {frame[['unit', 'cycle']].values.tolist()}"
    )
    starts = [problem.split(":")[0] for problem in problems]
    assert starts == ["line 2", "line 4", "line 6", "line 8"], (
        f"Task 1: one problem per bad line, in order, each naming its line; got {problems}"
    )
    assert "cycle 1 of unit 1 does not follow cycle 2" in problems[1], problems[1]
    assert "cycle 7 of unit 2 does not follow cycle 7" in problems[3], problems[3]
    assert frame["sensor_1"].tolist() == [500.5] * 4


@pytest.mark.task(1)
def test_an_empty_file_and_an_unknown_errors_mode(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    frame, problems = read_cmapss(path, errors="skip")
    assert frame.empty and list(frame.columns) == list(COLUMNS) and problems == [], (
        "Task 1: a file of blank lines is an empty log with the 26 columns"
    )
    assert isinstance(frame, pd.DataFrame)
    with pytest.raises(ValueError, match="errors"):
        read_cmapss(path, errors="ignore")

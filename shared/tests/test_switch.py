"""The implementation switch and the results file of the generated conftest."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def pytest_in(folder: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "KATA_IMPL"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env=environment | (env or {}),
        capture_output=True,
        text=True,
    )


@pytest.fixture
def kata(collection) -> Path:
    return collection / "projects" / "beginner" / "01-word-count"


def results(kata: Path) -> dict:
    return json.loads((kata / ".kata" / "results.json").read_text())


def outcomes(kata: Path) -> set[str]:
    return {test["outcome"] for test in results(kata)["tests"]}


def test_bare_pytest_tests_the_starter(kata):
    run = pytest_in(kata)
    assert run.returncode == 1
    assert results(kata)["impl"] == str(kata / "starter")
    assert outcomes(kata) == {"failed"}


@pytest.mark.parametrize("form", [["--impl=solution"], ["--impl", "solution"]])
def test_impl_solution_tests_the_reference(kata, form):
    run = pytest_in(kata, *form)
    assert run.returncode == 0, run.stdout
    assert results(kata)["impl"] == str(kata / "solution")


def test_impl_path_tests_a_copy_anywhere_with_the_katas_own_tests(kata, tmp_path):
    copy = tmp_path / "mine"
    shutil.copytree(kata / "solution", copy)
    (copy / "tests").mkdir()
    (copy / "tests" / "test_cheat.py").write_text("def test_nothing():\n    pass\n")
    run = pytest_in(kata, f"--impl={copy}")
    assert run.returncode == 0, run.stdout
    assert results(kata)["impl"] == str(copy)
    assert all("test_cheat" not in test["nodeid"] for test in results(kata)["tests"])


def test_a_relative_path_is_read_from_where_pytest_runs(kata, tmp_path):
    shutil.copytree(kata / "solution", tmp_path / "mine")
    run = pytest_in(tmp_path, str(kata), "--impl=mine")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_environment_chooses_too(kata):
    assert pytest_in(kata, env={"KATA_IMPL": "solution"}).returncode == 0


def test_a_folder_without_the_package_is_a_clear_usage_error(kata, tmp_path):
    run = pytest_in(kata, f"--impl={tmp_path}")
    assert run.returncode == 4
    assert "there is no package word_count/" in run.stderr
    assert "--impl=solution" in run.stderr


def test_results_record_task_outcome_message_and_metrics(kata):
    pytest_in(kata)
    data = results(kata)
    first = data["tests"][0]
    assert first["nodeid"].endswith("test_words_are_lower_cased")
    assert first["task"] == 1 and first["outcome"] == "failed"
    assert (
        first["message"] == "NotImplementedError: Task 1: split the lower-cased text on whitespace"
    )
    assert data["tasks"] == {
        "1": {"title": "Split into words", "passed": 0, "skipped": 0, "total": 1},
        "2": {"title": "Count them", "passed": 0, "skipped": 0, "total": 2},
    }
    pytest_in(kata, "--impl=solution")
    [metric] = results(kata)["metrics"]
    assert metric == {
        "name": "distinct",
        "label": "distinct words in the sample",
        "task": 2,
        "value": 4.0,
        "bar": 3,
        "direction": "higher",
        "met": True,
    }


def test_a_metric_below_its_bar_fails_with_the_figures(kata, tmp_path):
    copy = tmp_path / "mine"
    shutil.copytree(kata / "solution", copy)
    module = copy / "word_count" / "__init__.py"
    module.write_text(module.read_text().replace("dict(Counter(words(text)))", "{'one': 1}"))
    run = pytest_in(kata, f"--impl={copy}")
    assert "Task 2: distinct words in the sample is 1.0000; the bar is at least 3." in run.stdout
    [metric] = results(kata)["metrics"]
    assert (metric["value"], metric["met"]) == (1.0, False)


def test_a_hanging_function_is_stopped_with_a_message(kata, tmp_path):
    copy = tmp_path / "mine"
    shutil.copytree(kata / "solution", copy)
    module = copy / "word_count" / "__init__.py"
    module.write_text(
        module.read_text().replace("return text.lower().split()", "while True:\n        pass")
    )
    pytest_in(kata, f"--impl={copy}", "-o", "timeout=1")
    hung = results(kata)["tests"][0]
    assert hung["outcome"] == "failed"
    assert "stopped by the time limit" in hung["message"]


def test_unknown_markers_are_refused(kata):
    (kata / "tests" / "test_typo.py").write_text(
        "import pytest\n\n@pytest.mark.tsak(1)\ndef test_x():\n    pass\n"
    )
    run = pytest_in(kata, "--impl=solution")
    assert "'tsak' not found in `markers`" in run.stdout


def test_task_option_runs_one_tasks_tests(kata):
    run = pytest_in(kata, "--impl=solution", "--task=2")
    assert "2 passed, 1 deselected" in run.stdout
    assert {test["task"] for test in results(kata)["tests"]} == {2}


def test_task_option_leaves_other_tasks_files_unread(kata):
    (kata / "tests" / "test_later.py").write_text(
        "import pytest\n\nimport a_library_that_is_not_installed\n\n\n"
        "@pytest.mark.task(2)\ndef test_later():\n    pass\n"
    )
    run = pytest_in(kata, "--impl=solution", "--task=1")
    assert run.returncode == 0, run.stdout
    assert "1 passed" in run.stdout
    run = pytest_in(kata, "--impl=solution", "--task=2")
    assert "No module named 'a_library_that_is_not_installed'" in run.stdout


def test_stop_at_failing_task_runs_the_tasks_in_order_up_to_the_first_failure(kata):
    run = pytest_in(kata, "--stop-at-failing-task")
    assert "task 1 fails: the tasks after it were not run" in run.stdout
    assert {test["task"] for test in results(kata)["tests"]} == {1}


def test_a_failure_shows_the_tests_own_message_and_where_an_error_was_raised(kata, tmp_path):
    copy = tmp_path / "mine"
    shutil.copytree(kata / "solution", copy)
    module = copy / "word_count" / "__init__.py"
    source = module.read_text()
    source = source.replace("return text.lower().split()", "return text.split()")
    source = source.replace(
        "return dict(Counter(words(text)))", "raise ValueError('no counting today')"
    )
    module.write_text(source)
    pytest_in(kata, f"--impl={copy}")
    messages = {test["nodeid"].split("::")[1]: test["message"] for test in results(kata)["tests"]}
    assert messages["test_words_are_lower_cased"] == "Task 1: expected ['the', 'cat']"
    line = source.splitlines().index("    raise ValueError('no counting today')") + 1
    assert messages["test_counts"] == (
        f"ValueError: no counting today (raised at word_count/__init__.py:{line})"
    )


def test_an_assertion_without_a_message_shows_pytests_first_line_only(kata, tmp_path):
    copy = tmp_path / "mine"
    shutil.copytree(kata / "solution", copy)
    module = copy / "word_count" / "__init__.py"
    module.write_text(module.read_text().replace("dict(Counter(words(text)))", "{}"))
    pytest_in(kata, f"--impl={copy}", "--task=2")
    messages = {test["nodeid"].split("::")[1]: test["message"] for test in results(kata)["tests"]}
    assert messages["test_counts"] == "assert {} == {'a': 2, 'b': 1}"

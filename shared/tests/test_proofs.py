"""Recorded proofs and references, skipped components, and the checks of a kata's metadata."""

import json
import sys
from pathlib import Path

import pytest

from kata_harness import grading, learner, maintainer, pins, records, skeleton
from kata_harness.kata import find

PYTHON = sys.executable
RUNNING_MEAN = Path("projects/beginner/02-running-mean")
SKIPPED_TEST = """

@pytest.mark.task(1)
def test_widget():
    pytest.skip("no widget here: `apt-get install widget` enables this test")
"""


def add_skipped_test(collection: Path) -> None:
    tests = collection / RUNNING_MEAN / "tests" / "test_running_mean.py"
    tests.write_text(tests.read_text() + SKIPPED_TEST)


def test_a_skip_is_reported_with_its_reason_not_as_a_broken_reference(collection, capsys):
    add_skipped_test(collection)
    assert learner.tier(collection, "beginner", PYTHON) is True
    out = capsys.readouterr().out
    assert "02 running-mean: 0/1 (1 skipped) tasks" in out
    assert "Not proven on this machine" in out and "`apt-get install widget`" in out


def test_verify_passes_with_a_skip_and_says_what_was_not_proven(collection, capsys):
    add_skipped_test(collection)
    maintainer.sync(collection, PYTHON, ["running-mean"])
    assert records.current(collection, find(collection, "running-mean")) == {}  # not recorded
    assert maintainer.verify(collection, PYTHON, ["running-mean"]) == []
    assert "not proven on this machine, skipped: no widget here" in capsys.readouterr().out


def test_where_every_component_is_required_a_skip_fails(collection, monkeypatch):
    add_skipped_test(collection)
    monkeypatch.setenv(grading.REQUIRE_ALL_VARIABLE, "1")
    assert learner.tier(collection, "beginner", PYTHON) is False
    problems = "\n".join(maintainer.verify(collection, PYTHON, ["running-mean"]))
    assert "test_widget skipped on the solution: no widget here" in problems


def test_check_shows_a_skipped_task_with_its_reason(collection, capsys):
    add_skipped_test(collection)
    learner.start(collection, "running-mean")
    copy = collection / "work" / "running-mean" / "running_mean" / "__init__.py"
    solution = collection / RUNNING_MEAN / "solution" / "running_mean" / "__init__.py"
    copy.write_text(solution.read_text())
    assert learner.check(collection, "running-mean", None, PYTHON) is True
    out = capsys.readouterr().out
    assert "SKIP 2/3" in out and "test_widget skipped: no widget here" in out
    assert "task 1 could not be checked on this machine" in out


def test_sync_records_a_proof_that_verify_reuses_until_the_kata_changes(collection, capsys):
    kata = find(collection, "running-mean")
    record = records.current(collection, kata)
    assert record["strength"] == [] and record["reference"]["tasks"]["1"]["passed"] == 2
    capsys.readouterr()
    assert maintainer.verify(collection, PYTHON, ["running-mean"]) == []
    assert "strength proof reused" in capsys.readouterr().out
    tests = kata.path / "tests" / "test_running_mean.py"
    tests.write_text(tests.read_text() + "\n# a change to the tests\n")
    assert records.current(collection, kata) == {}
    assert maintainer.verify(collection, PYTHON, ["running-mean"]) == []
    assert "strength proof reused" not in capsys.readouterr().out
    assert records.current(collection, kata)["strength"] == []
    assert maintainer.verify(collection, PYTHON, ["running-mean"], full=True) == []
    assert "strength proof reused" not in capsys.readouterr().out


def test_a_stale_record_is_never_trusted(collection):
    kata = find(collection, "running-mean")
    module = kata.solution_dir / "running_mean" / "__init__.py"
    module.write_text(
        module.read_text()
        + "\n    def reset(self) -> None:\n"
        + "        # BEGIN SOLUTION (task 1): forget every value\n"
        + "        self.__init__()\n"
        + "        # END SOLUTION\n"
    )
    maintainer.sync(collection, PYTHON, ["running-mean"])
    recorded = json.loads((kata.path / records.RECORD_FILE).read_text())
    recorded["strength"] = []  # a record claiming the tests strong, but for other content
    recorded["hash"] = "0" * 64
    (kata.path / records.RECORD_FILE).write_text(json.dumps(recorded))
    problems = maintainer.verify(collection, PYTHON, ["running-mean"])
    assert problems == [
        "running-mean: no test of task 1 fails with region 2 of running_mean/__init__.py "
        "(task 1) stubbed"
    ]


def test_check_shows_the_recorded_reference_and_refreshes_it_when_stale(collection, capsys):
    kata = find(collection, "word-count")
    path = kata.path / records.RECORD_FILE
    recorded = json.loads(path.read_text())
    recorded["reference"]["metrics"][0]["value"] = 7.0  # only a record could say 7
    path.write_text(json.dumps(recorded))
    learner.start(collection, "word-count")
    learner.check(collection, "word-count", None, PYTHON)
    assert "distinct words in the sample  -      7" in capsys.readouterr().out
    (kata.path / "kata.toml").write_text((kata.path / "kata.toml").read_text() + "\n")
    learner.check(collection, "word-count", None, PYTHON)
    assert "distinct words in the sample  -      4" in capsys.readouterr().out
    assert records.current(collection, kata)["reference"]["metrics"][0]["value"] == 4.0


def test_verify_catches_a_recorded_figure_that_a_run_does_not_repeat(collection):
    kata = find(collection, "word-count")
    path = kata.path / records.RECORD_FILE
    recorded = json.loads(path.read_text())
    recorded["reference"]["metrics"][0]["value"] = 7.0
    path.write_text(json.dumps(recorded))
    problems = maintainer.verify(collection, PYTHON, ["word-count"])
    assert problems == [
        "word-count: distinct is 4.0 now, 7.0 in proof.json: is the kata deterministic?"
    ]


def test_verify_names_a_capability_without_a_task_and_a_task_that_does_not_exist(collection):
    kata_toml = collection / "projects/beginner/01-word-count/kata.toml"
    text = kata_toml.read_text().replace('"counting" = [2]', '"counting" = [3]')
    kata_toml.write_text(text.replace('"splitting text" = [1]\n', ""))
    problems = maintainer.verify(collection, PYTHON, ["word-count"])
    assert (
        "word-count: kata.toml's [teaches] names no task for the capability 'splitting text'"
        in (problems)
    )
    assert (
        "word-count: kata.toml's [teaches] names task 3 for 'counting', but there is no task 3"
        in problems
    )


def test_verify_compares_the_briefs_task_headings_with_kata_toml(collection):
    brief = collection / "projects/beginner/01-word-count/README.md"
    brief.write_text(brief.read_text().replace("### Task 2: Count them", "### Task 2: Count"))
    problems = maintainer.verify(collection, PYTHON, ["word-count"])
    assert problems == ["word-count: README.md titles task 2 'Count'; kata.toml says 'Count them'"]


def test_figures_without_a_bar_are_written_into_the_brief_and_checked(collection):
    kata_path = collection / "projects/beginner/01-word-count"
    kata_toml = kata_path / "kata.toml"
    kata_toml.write_text(kata_toml.read_text() + '\n[figures.words]\nlabel = "words in a text"\n')
    tests = kata_path / "tests" / "test_word_count.py"
    tests.write_text(
        tests.read_text()
        + "\n\n@pytest.mark.task(1)\ndef test_words_figure(figure):\n"
        + '    figure("words", len(words("a b c")))\n'
        + '    assert words("A") == ["a"]\n'
    )
    brief = kata_path / "README.md"
    brief.write_text(
        brief.read_text() + "\n<!-- BEGIN GENERATED figures -->\n<!-- END GENERATED figures -->\n"
    )
    maintainer.sync(collection, PYTHON, ["word-count"])
    assert "| words in a text | 3 |" in brief.read_text()
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == []
    brief.write_text(
        brief.read_text().replace("| words in a text | 3 |", "| words in a text | 2 |")
    )
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == [
        "word-count: README.md's figures block differs from a live run (nox -s sync)"
    ]


def test_a_record_depends_on_the_pins_of_the_katas_own_packages_only(collection):
    kata = find(collection, "running-mean")
    constraints = collection / "constraints.txt"
    text = constraints.read_text()
    before = records.content_hash(collection, kata)
    constraints.write_text(text + "another-katas-package==1.0  # via -r constraints.in\n")
    assert records.content_hash(collection, kata) == before
    for needed in ("pytest", "pluggy"):  # its own dependency; one of pytest's
        version = pins.versions(collection)[needed]
        constraints.write_text(text.replace(f"{needed}=={version}", f"{needed}==0.0.1"))
        assert records.content_hash(collection, kata) != before, needed


def test_a_katas_dependencies_are_pinned_as_the_collection_tests_them(collection):
    pins = dict(
        line.split("#")[0].strip().split("==")
        for line in (collection / "constraints.txt").read_text().splitlines()
        if "==" in line
    )
    pyproject = (collection / RUNNING_MEAN / "pyproject.toml").read_text()
    assert f'"pytest=={pins["pytest"]}"' in pyproject
    assert f'"pytest-timeout=={pins["pytest-timeout"]}"' in pyproject
    assert skeleton.pinned(collection, "numpy, scikit-learn") == [
        f"numpy=={pins['numpy']}",
        f"scikit-learn=={pins['scikit-learn']}",
        f"pytest=={pins['pytest']}",
        f"pytest-timeout=={pins['pytest-timeout']}",
    ]
    with pytest.raises(ValueError, match="not-a-package is not pinned in constraints.txt"):
        skeleton.pinned(collection, "not-a-package")


BASELINES = """import word_count

print("<!-- block: baselines -->")
print("| splitter | words |")
print("|---|---|")
print(f"| yours | {len(word_count.words('a b c d'))} |")
"""


def test_a_baselines_scripts_output_is_written_into_the_brief_and_recorded(collection):
    kata = find(collection, "word-count")
    (kata.path / "baselines.py").write_text(BASELINES)
    brief = kata.path / "README.md"
    brief.write_text(
        brief.read_text()
        + "\n<!-- BEGIN GENERATED baselines -->\n<!-- END GENERATED baselines -->\n"
    )
    maintainer.sync(collection, PYTHON, ["word-count"])
    assert "| yours | 4 |" in brief.read_text()
    assert "| yours | 4 |" in records.current(collection, kata)["baselines"]
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == []
    brief.write_text(brief.read_text().replace("| yours | 4 |", "| yours | 5 |"))
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == [
        "word-count: README.md's baselines block differs from a live run (nox -s sync)"
    ]

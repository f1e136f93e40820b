"""The learner's and maintainer's commands, on the fixture collection, against golden output."""

import json
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from kata_harness import learner, maintainer, mutation, progress, regions
from kata_harness.kata import UserError, find

GOLDEN = Path(__file__).parent / "golden"
PYTHON = sys.executable

SECONDS = re.compile(r"\b\d+\.\d s\b")
PROGRESS = re.compile(r"^\[\d+/\d+\] .*$", re.M)  # one line per kata, in the order they finish
BOARD_SECONDS = re.compile(r"(\d+/\d+ +)\d+\.\d\b")  # the column after tasks passed
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def normalised(text: str, root: Path) -> str:
    """The text with paths, times and the finishing order of parallel runs made stable."""
    finished = iter(sorted(line.split("] ", 1)[1] for line in PROGRESS.findall(text)))
    text = PROGRESS.sub(lambda _: f"[n/N] {next(finished)}", text)
    text = text.replace(str(root), "<root>")
    text = BOARD_SECONDS.sub(r"\1<s>", SECONDS.sub("<s>", text))
    return TIMESTAMP.sub("<time>", text)


def assert_golden(name: str, text: str, root: Path) -> None:
    """Compare with golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    text = normalised(text, root)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


def solved_copy(root: Path, slug: str, package: str) -> Path:
    """A learner's copy with every task done, as the reference does it."""
    kata = find(root, slug)
    copy = learner.start(root, slug)
    for relative in regions.solution_files(kata.solution_dir):
        text = (kata.solution_dir / relative).read_text(encoding="utf-8")
        (copy / relative).write_text(regions.render_clean_solution(text), encoding="utf-8")
    return copy


def test_start_copies_the_starter_and_brief(collection):
    copy = learner.start(collection, "word-count")
    assert copy == collection / "work" / "word-count"
    assert sorted(path.name for path in copy.iterdir()) == ["README.md", "word_count"]
    starter = collection / "projects/beginner/01-word-count/starter/word_count/__init__.py"
    assert (copy / "word_count" / "__init__.py").read_text() == starter.read_text()


def test_start_copies_what_the_briefs_commands_read_and_run_runs_in_the_copy(collection, capfd):
    kata = collection / "projects/beginner/01-word-count"
    (kata / "data").mkdir()
    (kata / "data/words.txt").write_text("The cat\n")
    toml = kata / "kata.toml"
    toml.write_text('learner_files = ["data/words.txt"]\n' + toml.read_text())
    copy = learner.start(collection, "word-count")
    assert (copy / "data/words.txt").read_text() == "The cat\n"
    solved = solved_copy(collection, "running-mean", "running_mean")
    command = [PYTHON, "-c", "import running_mean; print(running_mean.__file__)"]
    assert learner.run(collection, "running-mean", command) == 0
    assert str(solved / "running_mean" / "__init__.py") in capfd.readouterr().out
    assert learner.run(collection, "running-mean", [PYTHON, "-c", "raise SystemExit(3)"]) == 3
    with pytest.raises(UserError, match="Name the command to run"):
        learner.run(collection, "running-mean", [])


def test_start_never_overwrites(collection):
    copy = learner.start(collection, "word-count")
    mine = copy / "word_count" / "__init__.py"
    mine.write_text("my work")
    with pytest.raises(UserError, match="already exists, so nothing was copied"):
        learner.start(collection, "word-count")
    assert mine.read_text() == "my work"
    assert sorted(path.name for path in copy.iterdir()) == ["README.md", "word_count"]


def test_an_unknown_slug_suggests_the_nearest(collection):
    with pytest.raises(UserError, match="Did you mean word-count"):
        learner.start(collection, "word-cont")


def test_check_of_the_untouched_starter_fails_everything(collection, capsys):
    learner.start(collection, "word-count")
    assert learner.check(collection, "word-count", None, PYTHON) is False
    assert_golden("check_starter.txt", capsys.readouterr().out, collection)


def test_check_of_a_solved_copy_passes_everything(collection, capsys):
    solved_copy(collection, "running-mean", "running_mean")
    assert learner.check(collection, "running-mean", None, PYTHON) is True
    assert_golden("check_solved.txt", capsys.readouterr().out, collection)


def test_check_runs_up_to_the_first_unfinished_task_then_all_or_one(collection, capsys):
    copy = learner.start(collection, "word-count")
    module = copy / "word_count" / "__init__.py"
    module.write_text(
        module.read_text().replace(
            'raise NotImplementedError("Task 1: split the lower-cased text on whitespace")',
            "return text.lower().split()",
        )
    )
    capsys.readouterr()
    learner.check(collection, "word-count", None, PYTHON)
    out = capsys.readouterr().out
    assert "PASS 1/1" in out and "FAIL 0/2" in out and "not run" not in out
    assert learner.check(collection, "word-count", None, PYTHON, task=2) is False
    out = capsys.readouterr().out
    assert "Ran task 2; not run: 1." in out and "FAIL 0/2" in out
    assert learner.check(collection, "word-count", None, PYTHON, task=1) is True
    assert "Task 1 passes. The others were not run" in capsys.readouterr().out
    assert progress.recorded(collection)["word-count"]["done"] == [1]  # kept from the last run
    learner.check(collection, "word-count", None, PYTHON, every_task=True)
    assert "not run" not in capsys.readouterr().out
    with pytest.raises(UserError, match="word-count has no task 3; its tasks are 1, 2"):
        learner.check(collection, "word-count", None, PYTHON, task=3)


def test_check_without_a_copy_says_how_to_start(collection):
    with pytest.raises(UserError, match="nox -s start -- word-count"):
        learner.check(collection, "word-count", None, PYTHON)


def test_a_copy_that_cannot_be_imported_is_reported(collection, capsys):
    copy = learner.start(collection, "word-count")
    (copy / "word_count" / "__init__.py").write_text("def broken(:\n")
    assert learner.check(collection, "word-count", None, PYTHON) is False
    out = capsys.readouterr().out
    assert "The tests could not run on your copy" in out and "SyntaxError" in out


def test_scoreboard_shows_references_and_started_copies(collection, capsys):
    solved_copy(collection, "running-mean", "running_mean")
    assert learner.tier(collection, "beginner", PYTHON) is True
    assert_golden("scoreboard.txt", capsys.readouterr().out, collection)


def test_an_empty_tier_says_so_and_succeeds(collection, capsys):
    assert learner.tier(collection, "advanced", PYTHON) is True
    assert "The advanced tier has no katas yet." in capsys.readouterr().out


def row(table: str, kata: str) -> str:
    """What a table says after the kata's name, spaces squeezed."""
    line = next(line for line in table.splitlines() if kata in line)
    return " ".join(line.split(kata, 1)[1].split())


def test_progress_is_recorded_and_rebuilt_when_lost(collection, capsys):
    solved_copy(collection, "running-mean", "running_mean")
    learner.start(collection, "word-count")
    learner.check(collection, "running-mean", None, PYTHON)
    assert row(learner.status(collection), "01 word-count") == "started, not checked yet"
    assert row(learner.status(collection), "02 running-mean").startswith("1/1 tasks")
    (collection / progress.PROGRESS_FILE).unlink()
    assert row(learner.status(collection), "02 running-mean") == "started, not checked yet"
    rebuilt = learner.status(collection, PYTHON)
    assert_golden("status.txt", rebuilt, collection)


def test_a_damaged_progress_file_reads_as_empty(collection):
    (collection / "work").mkdir()
    (collection / progress.PROGRESS_FILE).write_text("{not json")
    assert "not started" in learner.status(collection)


def test_each_hint_reveals_one_more(collection):
    first = learner.hint(collection, "word-count", 1)
    assert "Hint 1 of 2: str.split()" in first and "Hint 2" not in first
    second = learner.hint(collection, "word-count", 1)
    assert "Hint 2 of 2: Lower-case first." in second and "every hint" in second
    assert learner.hint(collection, "word-count", 1) == second


def test_hint_defaults_to_the_first_unfinished_task(collection):
    progress.write_json(collection / progress.PROGRESS_FILE, {"word-count": {"done": [1]}})
    assert "task 2: Count them" in learner.hint(collection, "word-count")


def test_hint_for_a_task_that_does_not_exist(collection):
    with pytest.raises(UserError, match="its tasks are 1, 2"):
        learner.hint(collection, "word-count", 7)


def test_solution_is_refused_until_every_task_passes(collection):
    learner.start(collection, "word-count")
    with pytest.raises(UserError, match="0 of 2 tasks of word-count pass"):
        learner.solution(collection, "word-count", None, PYTHON, give_up=False)
    diff = learner.solution(collection, "word-count", None, PYTHON, give_up=True)
    assert "+    return text.lower().split()" in diff and "BEGIN SOLUTION" not in diff


def test_solution_of_a_solved_copy(collection):
    solved_copy(collection, "running-mean", "running_mean")
    text = learner.solution(collection, "running-mean", None, PYTHON, give_up=False)
    assert text == "Your copy is the same as the reference."


def test_verify_passes_a_sound_collection(collection):
    assert maintainer.verify(collection, PYTHON) == []


def test_verify_catches_every_kind_of_drift(collection):
    kata = collection / "projects" / "beginner" / "01-word-count"
    starter = kata / "starter" / "word_count" / "__init__.py"
    starter.write_text(starter.read_text() + "\n# edited by hand\n")
    (kata / "conftest.py").write_text((kata / "conftest.py").read_text() + "\n# edited\n")
    brief = kata / "README.md"
    brief.write_text(brief.read_text().replace("| 4 |", "| 5 |"))
    readme = collection / "README.md"
    readme.write_text(readme.read_text().replace("Count the words of a text.", "Count words."))
    problems = "\n".join(maintainer.verify(collection, PYTHON))
    assert "word_count/__init__.py: differs from its rendering" in problems
    assert "conftest.py: differs from the template's rendering" in problems
    assert "acceptance block differs from a live run" in problems
    assert "catalogue differs" in problems


def test_verify_catches_a_test_that_passes_on_the_starter(collection):
    tests = collection / "projects" / "beginner" / "02-running-mean" / "tests"
    (tests / "test_weak.py").write_text(
        "import pytest\n\n\n@pytest.mark.task(1)\ndef test_weak():\n    assert True\n"
    )
    problems = maintainer.verify(collection, PYTHON)
    assert problems == [
        "running-mean: tests/test_weak.py::test_weak passed on the starter; "
        "every graded test must fail there"
    ]


def test_verify_catches_unmarked_tests_and_tasks_without_tests(collection):
    tests = collection / "projects" / "beginner" / "02-running-mean" / "tests"
    source = (tests / "test_running_mean.py").read_text()
    (tests / "test_running_mean.py").write_text(source.replace("@pytest.mark.task(1)\n", "", 1))
    problems = "\n".join(maintainer.verify(collection, PYTHON, ["running-mean"]))
    assert "test_mean_of_two has no @pytest.mark.task(N)" in problems


def test_watch_polls_and_yields_on_a_save(tmp_path):
    (tmp_path / "module.py").write_text("a = 1\n")
    changes = learner.changes(tmp_path, poll=True)

    def save_later():
        time.sleep(0.3)
        (tmp_path / "module.py").write_text("a = 2  # longer\n")

    threading.Thread(target=save_later).start()
    started = time.monotonic()
    next(changes)
    assert time.monotonic() - started < 5


def test_drafts_stay_out_of_the_tier_and_verify(collection, capsys):
    kata_toml = collection / "projects" / "beginner" / "01-word-count" / "kata.toml"
    kata_toml.write_text("draft = true\n" + kata_toml.read_text())
    shutil.rmtree(collection / "projects" / "beginner" / "01-word-count" / "starter")
    readme = collection / "README.md"
    maintainer.sync(collection, PYTHON, ["running-mean"])
    assert "| 01 word-count | Counting words. | splitting text; counting | coming |" in (
        readme.read_text()
    )
    assert maintainer.verify(collection, PYTHON) == []
    assert "Drafts, not verified: word-count" in capsys.readouterr().out
    assert json.loads(
        (collection / "projects/beginner/02-running-mean/.cookiecutter.json").read_text()
    )


def test_verify_catches_a_region_that_no_test_needs(collection):
    module = collection / "projects/beginner/02-running-mean/solution/running_mean/__init__.py"
    module.write_text(
        module.read_text()
        + "\n    def reset(self) -> None:\n"
        + '        """Forget every value."""\n'
        + "        # BEGIN SOLUTION (task 1): set the count and the mean back to zero\n"
        + "        self.__init__()\n"
        + "        # END SOLUTION\n"
    )
    maintainer.sync(collection, PYTHON, ["running-mean"])
    assert maintainer.verify(collection, PYTHON, ["running-mean"]) == [
        "running-mean: no test of task 1 fails with region 2 of running_mean/__init__.py "
        "(task 1) stubbed"
    ]


def test_verify_fails_on_a_surviving_mutant_until_it_is_listed_with_a_reason(collection, capsys):
    kata = collection / "projects/beginner/01-word-count"
    module = kata / "solution/word_count/__init__.py"
    module.write_text(module.read_text().replace(".split()", ".split(sep=None)"))
    maintainer.sync(collection, PYTHON, ["word-count"])
    survivor = (
        "word_count/__init__.py::words [argument] return text.lower().split(sep=None) "
        "=> return text.lower().split()"
    )
    problems = maintainer.verify(collection, PYTHON, ["word-count"])
    assert problems == [
        f"word-count: mutant survives its task's tests: {survivor} (kill it with a test, "
        "or list it in equivalent-mutants.toml with a reason)"
    ]
    (kata / "equivalent-mutants.toml").write_text(
        f'[[equivalent]]\nmutant = "{survivor}"\nreason = "sep=None is the default of split"\n'
    )
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == []
    assert "mutation record reused" in capsys.readouterr().out
    assert mutation.mutate(collection, ["word-count"], PYTHON)
    out = capsys.readouterr().out
    assert "listed as equivalent: sep=None is the default of split" in out
    assert "-    return text.lower().split(sep=None)" in out
    assert "1/1 non-equivalent mutants killed (100%)" not in out  # the only mutant is listed
    assert "0/0 non-equivalent mutants killed (100%); mutants: 1, 1 listed as equivalent" in out


def test_a_listed_mutant_that_no_longer_survives_is_reported(collection):
    kata = collection / "projects/beginner/01-word-count"
    (kata / "equivalent-mutants.toml").write_text(
        '[[equivalent]]\nmutant = "word_count/__init__.py::gone"\nreason = "it was"\n'
    )
    assert maintainer.verify(collection, PYTHON, ["word-count"]) == [
        "word-count: equivalent-mutants.toml lists a mutant that is not a survivor: "
        "word_count/__init__.py::gone"
    ]


def test_verify_reads_the_brief_for_missing_files_and_words_that_do_not_belong(collection):
    kata = collection / "projects/beginner/01-word-count"
    brief = kata / "README.md"
    brief.write_text(
        brief.read_text().replace(
            "## Tasks",
            "Read `data/notes.md` first; the issue that asked for this kata wanted it.\n\n"
            "```\nnox -s run -- word-count python -m word_count data/words.txt\n```\n\n## Tasks",
        )
    )
    (kata / "data").mkdir()
    (kata / "data/words.txt").write_text("a b\n")
    problems = "\n".join(maintainer.verify(collection, PYTHON, ["word-count"]))
    assert "README.md names `data/notes.md`, which the kata does not have" in problems
    assert "speaks of the issue that asked for the kata" in problems
    assert "reads data/words.txt, which start does not copy" in problems


def test_bench_runs_the_katas_benchmark_on_your_copy_then_the_reference(collection, capfd):
    kata = find(collection, "word-count")
    with pytest.raises(UserError, match="word-count has no benchmark"):
        learner.bench(collection, "word-count", None, PYTHON)
    (kata.path / "bench.py").write_text(
        "import word_count\n\nprint('from', word_count.__file__.split('/')[-3])\n"
    )
    learner.bench(collection, "word-count", None, PYTHON)
    assert "from solution" in capfd.readouterr().out  # the reference alone
    learner.start(collection, "word-count")
    learner.bench(collection, "word-count", None, PYTHON)
    out = capfd.readouterr().out
    assert out.index("benchmark of your copy") < out.index("from word-count")
    assert out.index("from word-count") < out.index("benchmark of the reference")
    assert out.rstrip().endswith("from solution")


def test_run_reads_the_copy_before_the_command_and_leaves_the_commands_options_alone():
    from kata_harness.__main__ import copy_and_command

    assert copy_and_command(["python", "-m", "x", "--copy", "y"]) == (
        None,
        ["python", "-m", "x", "--copy", "y"],
    )
    assert copy_and_command(["--copy", "mine", "python", "x.py"]) == ("mine", ["python", "x.py"])
    with pytest.raises(UserError, match="--copy needs the path"):
        copy_and_command(["--copy"])

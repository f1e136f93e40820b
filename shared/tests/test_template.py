"""The cookiecutter skeleton: a rendered kata is complete, runs both ways, and passes verify."""

import json
import subprocess
import sys

import pytest

from kata_harness import maintainer, skeleton
from kata_harness.kata import UserError, find

PYTHON = sys.executable

ANSWERS = {"title": "Median filter", "tier": "intermediate", "number": "3", "dependencies": ""}


@pytest.fixture
def rendered(collection):
    path = maintainer.new(collection, ANSWERS)
    catalogue = collection / "projects" / "catalogue.toml"
    entry = '\n[[kata]]\ntier = "intermediate"\nnumber = 3\nslug = "median-filter"\nbuild = "x"\n'
    entry += 'teaches = ["the first capability", "the second capability", "the third capability"]\n'
    catalogue.write_text(catalogue.read_text() + entry)
    return path


def test_new_renders_a_complete_draft_kata_into_its_tier(collection, rendered):
    assert rendered == collection / "projects" / "intermediate" / "03-median-filter"
    for part in [
        "README.md",
        "kata.toml",
        "pyproject.toml",
        "conftest.py",
        ".gitignore",
        "data/SOURCE.md",
    ]:
        assert (rendered / part).is_file(), part
    assert (rendered / "starter" / "median_filter" / "stats.py").is_file()
    kata = find(collection, "median-filter")
    assert kata.draft and kata.package == "median_filter"
    brief = (rendered / "README.md").read_text()
    for section in [
        "The scenario",
        "What you will learn",
        "Tasks",
        "Acceptance bar",
        "Going further",
        "In production",
        "References",
    ]:
        assert f"## {section}" in brief
    context = json.loads((rendered / skeleton.CONTEXT_FILE).read_text())
    assert context["slug"] == "median-filter" and context["test_timeout"] == "30"


def test_the_rendered_kata_fails_on_its_starter_and_passes_on_its_solution(rendered):
    def pytest_run(*args):
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
        return subprocess.run(command, cwd=rendered, capture_output=True, text=True)

    assert pytest_run().returncode == 1
    assert pytest_run("--impl=solution").returncode == 0


def test_the_rendered_kata_passes_verify_once_synced(collection, rendered):
    maintainer.sync(collection, PYTHON, ["median-filter"])
    assert maintainer.verify(collection, PYTHON, ["median-filter"]) == []


def test_new_refuses_to_overwrite_and_unknown_fields(collection, rendered):
    with pytest.raises(UserError, match="already exists"):
        maintainer.new(collection, ANSWERS)
    with pytest.raises(UserError, match="asks no colour"):
        maintainer.new(collection, ANSWERS | {"colour": "red"})


def test_owned_files_are_rerendered_from_the_context(collection, rendered):
    kata = find(collection, "median-filter")
    (rendered / "conftest.py").write_text("# edited\n")
    assert skeleton.drift(collection, kata) == [
        "conftest.py: differs from the template's rendering"
    ]
    skeleton.rerender_owned(collection, kata)
    assert skeleton.drift(collection, kata) == []

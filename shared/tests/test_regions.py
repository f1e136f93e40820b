"""The starter rendered from the solution's marked regions."""

import pytest

from kata_harness import regions

SOLUTION = '''"""A module."""

import math  # SOLUTION


def area(radius: float) -> float:
    """The area of a circle."""
    # BEGIN SOLUTION (task 1): multiply pi by the radius squared
    return math.pi * radius**2
    # END SOLUTION


def scaled(values: list[float]) -> list[float]:
    """Values divided by their sum."""
    # BEGIN SOLUTION (task 2): divide each value by the "total"
    # BEGIN PROMPT
    # total = sum(values)
    # END PROMPT
    total = sum(values)
    return [value / total for value in values]
    # END SOLUTION
'''

STARTER = '''"""A module."""


def area(radius: float) -> float:
    """The area of a circle."""
    raise NotImplementedError("Task 1: multiply pi by the radius squared")


def scaled(values: list[float]) -> list[float]:
    """Values divided by their sum."""
    total = sum(values)
    raise NotImplementedError("Task 2: divide each value by the \\"total\\"")
'''


def test_regions_become_raises_and_solution_lines_go():
    assert regions.render_starter(SOLUTION) == STARTER


def test_the_starter_is_valid_python_that_raises_with_the_task():
    namespace: dict = {}
    exec(regions.render_starter(SOLUTION), namespace)
    with pytest.raises(NotImplementedError, match="Task 2: divide each value"):
        namespace["scaled"]([1.0])


def test_a_long_prompt_is_wrapped_as_ruff_format_would():
    source = (
        "def f():\n    # BEGIN SOLUTION (task 3): " + "x" * 90 + "\n    pass\n    # END SOLUTION\n"
    )
    lines = regions.render_starter(source).splitlines()
    assert lines[1:] == ["    raise NotImplementedError(", f'        "Task 3: {"x" * 90}"', "    )"]


def test_clean_solution_drops_markers_and_prompts():
    clean = regions.render_clean_solution(SOLUTION)
    assert "SOLUTION" not in clean and "PROMPT" not in clean
    assert "import math\n" in clean and clean.count("total = sum(values)") == 1


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# BEGIN SOLUTION (task 1): x\npass\n", "no '# END SOLUTION'"),
        ("pass\n# END SOLUTION\n", "outside a solution region"),
        ("# BEGIN SOLUTION (task 1): x\n# BEGIN SOLUTION (task 2): y\n# END SOLUTION\n", "opens"),
        ("# BEGIN SOLUTION (task 1): x\n# BEGIN PROMPT\n# END SOLUTION\n", "PROMPT"),
    ],
)
def test_unpaired_markers_are_reported_with_their_line(source, problem):
    with pytest.raises(regions.RegionError, match=problem):
        regions.render_starter(source, "mod.py")


def test_stale_starter_is_detected_file_by_file(tmp_path):
    solution, starter = tmp_path / "solution", tmp_path / "starter"
    (solution / "pkg").mkdir(parents=True)
    (solution / "pkg" / "__init__.py").write_text(SOLUTION)
    (solution / "pkg" / "data.csv").write_text("a,b\n")
    assert regions.stale_starter_files(solution, starter) == [
        "pkg/__init__.py: missing from the starter",
        "pkg/data.csv: missing from the starter",
    ]
    regions.write_starter(solution, starter)
    assert regions.stale_starter_files(solution, starter) == []
    assert (starter / "pkg" / "__init__.py").read_text() == STARTER
    (starter / "pkg" / "extra.py").write_text("")
    (solution / "pkg" / "data.csv").write_text("a,b,c\n")
    assert regions.stale_starter_files(solution, starter) == [
        "pkg/extra.py: not in the solution",
        "pkg/data.csv: differs from its rendering",
    ]


def test_one_region_is_stubbed_alone():
    assert regions.region_tasks(SOLUTION) == [1, 2]
    mutant = regions.stub_region(SOLUTION, 1)
    assert "return math.pi * radius**2" in mutant and "import math  # SOLUTION" in mutant
    assert 'raise NotImplementedError("Task 2: divide' in mutant
    assert "return [value / total" not in mutant

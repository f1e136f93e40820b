"""The starter is rendered from the solution by marked regions, as otter-grader and nbgrader do.

In a solution's Python files:

    # BEGIN SOLUTION (task 2): count each token's documents     the region's task and prompt
    ...reference code...
    # END SOLUTION

becomes `raise NotImplementedError("Task 2: count each token's documents")` in the
starter, at the indentation of the BEGIN line. A `# BEGIN PROMPT` ... `# END PROMPT`
block at the start of a region holds commented-out lines that the starter shows
uncommented above the raise. A line that ends in `# SOLUTION` is left out of the
starter. Every other file and line is copied as it is, so the starter and the
solution cannot disagree on names, signatures or scaffolding.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

BEGIN = re.compile(r"^(?P<indent>\s*)# BEGIN SOLUTION \(task (?P<task>\d+)\): (?P<prompt>.+)$")
END = re.compile(r"^\s*# END SOLUTION$")
PROMPT_BEGIN = re.compile(r"^\s*# BEGIN PROMPT$")
PROMPT_END = re.compile(r"^\s*# END PROMPT$")
LINE_MARKER = re.compile(r"\s*# SOLUTION$")
LINE_LENGTH = 100


class RegionError(ValueError):
    """A solution file whose markers do not pair up."""


def raise_statement(indent: str, task: str, prompt: str) -> list[str]:
    """The starter's stand-in for a region, wrapped the way `ruff format` would wrap it."""
    message = f"Task {task}: {prompt}".replace("\\", "\\\\").replace('"', '\\"')
    one_line = f'{indent}raise NotImplementedError("{message}")'
    if len(one_line) <= LINE_LENGTH:
        return [one_line]
    return [f"{indent}raise NotImplementedError(", f'{indent}    "{message}"', f"{indent})"]


def uncomment(line: str, indent: str) -> str:
    body = line.strip().removeprefix("#").removeprefix(" ")
    return f"{indent}{body}" if body else ""


def render_starter(source: str, name: str = "<source>") -> str:
    """Return the starter version of one solution file's text."""
    out: list[str] = []
    dropped_between_blanks = False
    lines = iter(enumerate(source.splitlines(), start=1))
    for number, line in lines:
        begin = BEGIN.match(line)
        if begin:
            out += region_stand_in(begin, lines, f"{name}:{number}")
        elif END.match(line) or PROMPT_BEGIN.match(line) or PROMPT_END.match(line):
            raise RegionError(f"{name}:{number}: '{line.strip()}' outside a solution region")
        elif LINE_MARKER.search(line):
            dropped_between_blanks = bool(out) and not out[-1].strip()
            continue
        elif not (dropped_between_blanks and not line.strip()):
            out.append(line)
        dropped_between_blanks = False
    return "\n".join(out) + "\n"


def region_stand_in(begin: re.Match, lines, where: str) -> list[str]:
    """Consume a region up to its END line; return the prompt lines and the raise."""
    indent = begin["indent"]
    prompt: list[str] = []
    in_prompt = False
    for number, line in lines:
        if END.match(line):
            if in_prompt:
                raise RegionError(f"{where}: the region ends inside its PROMPT block")
            return prompt + raise_statement(indent, begin["task"], begin["prompt"])
        if BEGIN.match(line):
            raise RegionError(f"{where}: a region opens at line {number} before this one ends")
        if PROMPT_BEGIN.match(line):
            in_prompt = True
        elif PROMPT_END.match(line):
            in_prompt = False
        elif in_prompt:
            prompt.append(uncomment(line, indent))
    raise RegionError(f"{where}: no '# END SOLUTION' for this region")


def region_tasks(source: str) -> list[int]:
    """The task of each solution region of a file, in order."""
    return [int(match["task"]) for match in map(BEGIN.match, source.splitlines()) if match]


def stub_region(source: str, index: int, name: str = "<source>") -> str:
    """The solution with only its index-th region replaced as in the starter.

    Used to prove the tests strong: each region stubbed alone must fail a test of its task.
    """
    out: list[str] = []
    seen = 0
    lines = iter(enumerate(source.splitlines(), start=1))
    for number, line in lines:
        begin = BEGIN.match(line)
        if begin and seen == index:
            out += region_stand_in(begin, lines, f"{name}:{number}")
        else:
            out.append(line)
        seen += begin is not None
    return "\n".join(out) + "\n"


def render_clean_solution(source: str) -> str:
    """Return the solution as a learner should read it: markers and prompts removed."""
    out: list[str] = []
    in_prompt = False
    for line in source.splitlines():
        if PROMPT_BEGIN.match(line) or PROMPT_END.match(line):
            in_prompt = PROMPT_BEGIN.match(line) is not None
        elif not (in_prompt or BEGIN.match(line) or END.match(line)):
            out.append(LINE_MARKER.sub("", line))
    return "\n".join(out) + "\n"


def solution_files(solution_dir: Path) -> list[Path]:
    return sorted(
        path.relative_to(solution_dir)
        for path in solution_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def expected_starter(solution_dir: Path) -> dict[Path, bytes]:
    """Every file of the starter, as rendered from the solution: relative path to content."""
    files = {}
    for relative in solution_files(solution_dir):
        source = solution_dir / relative
        if source.suffix == ".py":
            text = render_starter(source.read_text(encoding="utf-8"), str(source))
            files[relative] = text.encode("utf-8")
        else:
            files[relative] = source.read_bytes()
    return files


def stale_starter_files(solution_dir: Path, starter_dir: Path) -> list[str]:
    """Describe each way the committed starter differs from its rendering; empty when in sync."""
    expected = expected_starter(solution_dir)
    actual = set(solution_files(starter_dir)) if starter_dir.is_dir() else set()
    problems = [f"{path}: missing from the starter" for path in sorted(expected.keys() - actual)]
    problems += [f"{path}: not in the solution" for path in sorted(actual - expected.keys())]
    problems += [
        f"{path}: differs from its rendering"
        for path in sorted(expected.keys() & actual)
        if (starter_dir / path).read_bytes() != expected[path]
    ]
    return problems


def write_starter(solution_dir: Path, starter_dir: Path) -> None:
    """Render the starter afresh from the solution."""
    expected = expected_starter(solution_dir)
    if starter_dir.exists():
        shutil.rmtree(starter_dir)
    for relative, content in expected.items():
        target = starter_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

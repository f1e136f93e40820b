"""The learner's side of the collection: copies under work/, recorded progress, hints shown.

Nothing here is precious: progress is rebuilt by checking the copies again, and a
lost hints file only means the hints start again from the first.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

from .grading import NOT_RUN, SuiteResult
from .kata import Kata

WORK = Path("work")
PROGRESS_FILE = WORK / ".progress.json"
HINTS_FILE = WORK / ".hints.json"
# The tier grades several copies at once: one update of the progress file at a time.
_recording = threading.Lock()


def read_json(path: Path) -> dict:
    """A state file's content; a missing or damaged file reads as empty."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def default_copy(root: Path, kata: Kata) -> Path:
    return root / WORK / kata.slug


def record(root: Path, result: SuiteResult, copy: Path) -> None:
    """Remember how far the learner's copy of a kata has come; a task not run keeps its state."""
    with _recording:
        progress = read_json(root / PROGRESS_FILE)
        before = progress.get(result.kata.slug, {})
        kept = set(before.get("done", [])) if before.get("copy") == str(copy) else set()
        done = [
            number
            for number in (task["number"] for task in result.kata.tasks)
            if result.task_done(number) or (number in kept and result.task_state(number) == NOT_RUN)
        ]
        progress[result.kata.slug] = {
            "copy": str(copy),
            "tasks_passed": len(done),
            "tasks_total": len(result.kata.tasks),
            "done": done,
            "checked": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        write_json(root / PROGRESS_FILE, progress)


def recorded(root: Path) -> dict[str, dict]:
    return read_json(root / PROGRESS_FILE)


def next_hint(root: Path, kata: Kata, task_number: int) -> tuple[list[str], int]:
    """Reveal one more hint for a task; return the hints shown so far and how many there are."""
    task = next((task for task in kata.tasks if task["number"] == task_number), None)
    if task is None:
        numbers = ", ".join(str(task["number"]) for task in kata.tasks)
        raise ValueError(f"{kata.slug} has no task {task_number}; its tasks are {numbers}.")
    hints = task["hints"]
    shown = read_json(root / HINTS_FILE)
    count = min(shown.get(kata.slug, {}).get(str(task_number), 0) + 1, len(hints))
    shown.setdefault(kata.slug, {})[str(task_number)] = count
    write_json(root / HINTS_FILE, shown)
    return hints[:count], len(hints)


def done_tasks(root: Path, kata: Kata, copy: Path) -> list[int]:
    """The tasks that passed in the last check of this copy, by the record."""
    entry = recorded(root).get(kata.slug, {})
    return entry.get("done", []) if entry.get("copy") == str(copy) else []


def first_unfinished_task(root: Path, kata: Kata) -> int:
    """The task to hint at when none is named: the first one not yet passed, by the record."""
    done = recorded(root).get(kata.slug, {}).get("done", [])
    return next(
        (t["number"] for t in kata.tasks if t["number"] not in done), kata.tasks[0]["number"]
    )

"""The learner's commands: start, check, watch, hint, status, solution, bench, and the tiers.

Every command takes the collection's root, so the harness's own tests can run it on
fixture collections. A mistake a user can fix raises UserError with a message that
says how; the command line shows it without a traceback.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from . import progress, records, regions, report
from .grading import SuiteResult, run_suite, suite_environment
from .kata import Kata, UserError, discover, find

POLL_SECONDS = 1.0
BENCH_SCRIPT = "bench.py"


def learner_copy(root: Path, kata: Kata, path: Path | None) -> Path:
    """The learner's copy to grade: the path given, or work/<slug>; it must hold the package."""
    copy = (path or progress.default_copy(root, kata)).resolve()
    if not (copy / kata.package / "__init__.py").is_file():
        raise UserError(
            f"There is no copy of {kata.slug} at {copy} (no {kata.package}/ in it). "
            f"Start one with: nox -s start -- {kata.slug}"
        )
    return copy


def start(root: Path, slug: str, dest: Path | None = None) -> Path:
    """Copy a kata's starter package and brief into work/<slug> or dest; never overwrite."""
    kata = find(root, slug)
    target = (dest or progress.default_copy(root, kata)).resolve()
    if target.exists():
        raise UserError(
            f"{target} already exists, so nothing was copied: your work there is untouched. "
            f"Check it with: nox -s check -- {slug}"
            + (f" {target}" if dest else "")
            + f", or give another destination: nox -s start -- {slug} OTHER_FOLDER"
        )
    shutil.copytree(kata.starter_dir / kata.package, target / kata.package)
    for name in ["README.md", *kata.learner_files]:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(kata.path / name, target / name)
    where = f" {target}" if dest else ""
    print(f"Started {kata.title} in {target}.")
    print(f"Read {target / 'README.md'}, edit {target / kata.package}/, then run:")
    print(f"  nox -s check -- {slug}{where}")
    print("Run your own code in the kata's environment, in your copy (the brief shows how):")
    print(f"  nox -s run -- {slug}{' --copy' + where if dest else ''} python ...")
    return target


def run(root: Path, slug: str, command: list[str], path: Path | None = None) -> int:
    """Run a command in the learner's copy, with its package importable; return its status.

    The command runs in the kata's environment (the session installed its dependencies)
    with the suite's settings, so what it prints is what the tests would see.
    """
    kata = find(root, slug)
    copy = learner_copy(root, kata, path)
    if not command:
        raise UserError(
            f"Name the command to run in your copy, e.g. nox -s run -- {slug} "
            f"python -m {kata.package} --help"
        )
    env = suite_environment(PYTHONPATH=str(copy))
    try:
        return subprocess.run(command, cwd=copy, env=env, check=False).returncode
    except FileNotFoundError:
        raise UserError(f"There is no program called {command[0]} here.") from None


def grade_copy(root: Path, kata: Kata, copy: Path, python: str) -> SuiteResult:
    """Run every task's tests on the learner's copy and record the progress it shows."""
    result = run_suite(kata, str(copy), python)
    progress.record(root, result, copy)
    return result


def check(
    root: Path,
    slug: str,
    path: Path | None,
    python: str,
    task: int | None = None,
    every_task: bool = False,
) -> bool:
    """Grade the learner's copy beside the reference, print both, and record the progress.

    True when every task passes, or the one task asked for does.

    By default the tasks run in order up to the first unfinished one (the finished ones
    again, to catch what a change broke; see window_run); task runs only that one,
    every_task runs them all. The reference's side comes from its recorded run while that
    is current.
    """
    kata = find(root, slug)
    copy = learner_copy(root, kata, path)
    if task is not None and str(task) not in {str(t["number"]) for t in kata.tasks}:
        numbers = ", ".join(str(t["number"]) for t in kata.tasks)
        raise UserError(f"{slug} has no task {task}; its tasks are {numbers}.")
    with ThreadPoolExecutor(max_workers=2) as pool:
        reference = pool.submit(records.reference, root, kata, python)
        if task is not None or every_task:
            yours = run_suite(kata, str(copy), python, tasks=(task,) if task else ())
        else:
            yours = window_run(root, kata, copy, python)
        reference = reference.result()
    print(report.check_report(yours, reference, str(copy)))
    progress.record(root, yours, copy)
    return yours.complete or (task is not None and not yours.failing)


def window_run(root: Path, kata: Kata, copy: Path, python: str) -> SuiteResult:
    """The tasks up to the first unfinished one by the record, stopping at the first failure.

    Only those tasks' test files are read, so the run imports no more than they need. When
    they all pass (a task just finished), the later tasks run too, up to the next failure.
    """
    numbers = [task["number"] for task in kata.tasks]
    done = progress.done_tasks(root, kata, copy)
    end = next((i for i, number in enumerate(numbers) if number not in done), len(numbers) - 1)
    window = {"stop_at_failing_task": True}
    result = run_suite(kata, str(copy), python, tasks=tuple(numbers[: end + 1]), **window)
    if result.failing or end + 1 == len(numbers):
        return result
    later = run_suite(kata, str(copy), python, tasks=tuple(numbers[end + 1 :]), **window)
    return result.merged(later)


def status(root: Path, python: str | None = None) -> str:
    """Every kata with the learner's progress; with python, the copies are checked afresh."""
    if python:
        for kata in discover(root):
            copy = progress.default_copy(root, kata)
            if copy.is_dir():
                grade_copy(root, kata, copy, python)
    recorded = progress.recorded(root)
    rows = []
    for kata in discover(root):
        entry = recorded.get(kata.slug)
        started = progress.default_copy(root, kata).is_dir() or entry
        if entry:
            state = f"{entry['tasks_passed']}/{entry['tasks_total']} tasks"
        else:
            state = "started, not checked yet" if started else "not started"
        rows.append([kata.tier, kata.name, state, entry["checked"] if entry else ""])
    headers = ["tier", "kata", "progress", "last checked"]
    return report.table(headers, rows) + (
        "\n\nProgress comes from your last check of each kata; "
        "nox -s status -- --rebuild checks every copy in work/ again."
    )


def hint(root: Path, slug: str, task: int | None = None) -> str:
    """One more hint for a task (by default the first unfinished one) each time it is asked."""
    kata = find(root, slug)
    number = task or progress.first_unfinished_task(root, kata)
    try:
        shown, total = progress.next_hint(root, kata, number)
    except ValueError as error:
        raise UserError(str(error)) from None
    lines = [f"{kata.title}, task {number}: {kata.task_title(number)}"]
    lines += [f"  Hint {i} of {total}: {text}" for i, text in enumerate(shown, start=1)]
    if len(shown) == total:
        lines.append(
            "  That is every hint for this task. The brief's Task section has one more; "
            f"to read the reference: nox -s solution -- {slug} --give-up"
        )
    else:
        lines.append(f"  Ask again for the next one: nox -s hint -- {slug} {number}")
    return "\n".join(lines)


def snapshot(folder: Path) -> dict[Path, tuple[int, int]]:
    return {
        path: (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def changes(folder: Path, poll: bool) -> Iterator[None]:
    """Yield once per burst of saves in folder: by file-system events, or by polling."""
    if not poll:
        try:
            from watchfiles import watch
        except ImportError:
            print("watchfiles is not installed, so watch falls back to polling.")
        else:
            print(f"Watching {folder} for saves (file-system events, via watchfiles).")
            for _ in watch(folder):
                yield
            return
    print(f"Watching {folder} for saves (polling every {POLL_SECONDS:g} s).")
    before = snapshot(folder)
    while True:
        time.sleep(POLL_SECONDS)
        now = snapshot(folder)
        if now != before:
            before = now
            yield


def watch(
    root: Path, slug: str, path: Path | None, python: str, poll: bool = False, **window
) -> None:
    """Check the learner's copy, then again on every save, until interrupted."""
    copy = learner_copy(root, find(root, slug), path)
    check(root, slug, copy, python, **window)
    for _ in changes(copy, poll):
        print("\n" + "=" * 30 + f" {time.strftime('%H:%M:%S')}: change seen, checking again\n")
        check(root, slug, copy, python, **window)


def solution(root: Path, slug: str, path: Path | None, python: str, give_up: bool) -> str:
    """The learner's copy beside the reference as a diff, once every task passes."""
    kata = find(root, slug)
    copy = learner_copy(root, kata, path)
    yours = grade_copy(root, kata, copy, python)
    if not (yours.complete or give_up):
        raise UserError(
            f"{yours.tasks_passed} of {len(kata.tasks)} tasks of {slug} pass; the reference "
            "opens once they all do. Try a hint first (nox -s hint -- "
            f"{slug}), or look anyway: nox -s solution -- {slug} --give-up"
        )
    return solution_diff(kata, copy)


def solution_diff(kata: Kata, copy: Path) -> str:
    """A unified diff from each of the learner's Python files to the clean reference."""
    parts = []
    for relative in regions.solution_files(kata.solution_dir):
        if relative.suffix != ".py":
            continue
        reference = regions.render_clean_solution(
            (kata.solution_dir / relative).read_text(encoding="utf-8")
        )
        mine = copy / relative
        text = mine.read_text(encoding="utf-8") if mine.is_file() else ""
        parts += difflib.unified_diff(
            text.splitlines(keepends=True),
            reference.splitlines(keepends=True),
            fromfile=f"yours/{relative}",
            tofile=f"reference/{relative}",
        )
    return "".join(parts) or "Your copy is the same as the reference."


def tier(root: Path, tier_name: str, python: str) -> bool:
    """Run a tier's reference solutions and the learner's started copies; print the scoreboard.

    Katas run side by side, one per core; a line is printed as each one finishes.
    """

    def run(kata: Kata) -> tuple[SuiteResult, SuiteResult | None]:
        copy = progress.default_copy(root, kata)
        with ThreadPoolExecutor(max_workers=2) as pool:
            reference = pool.submit(run_suite, kata, "solution", python)
            yours = grade_copy(root, kata, copy, python) if copy.is_dir() else None
            return reference.result(), yours

    katas = discover(root, tier_name)
    rows: dict[str, tuple[SuiteResult, SuiteResult | None]] = {}
    with ThreadPoolExecutor(max_workers=len(katas) or 1) as pool:
        futures = {pool.submit(run, kata): kata for kata in katas}
        for count, future in enumerate(as_completed(futures), start=1):
            rows[futures[future].slug] = future.result()
            reference = rows[futures[future].slug][0]
            print(f"[{count}/{len(katas)}] {report.progress_line(reference)}", flush=True)
    ordered = [rows[kata.slug] for kata in katas]
    print()
    print(report.scoreboard(tier_name, ordered))
    return all(reference.complete for reference, _ in ordered)


def bench(root: Path, slug: str, path: Path | None, python: str) -> None:
    """Run the kata's benchmark on the learner's copy, then on the reference."""
    kata = find(root, slug)
    script = kata.path / BENCH_SCRIPT
    if not script.is_file():
        raise UserError(f"{slug} has no benchmark: its lesson is not a system whose speed counts.")
    targets = [("the reference", kata.solution_dir)]
    copy = path or progress.default_copy(root, kata)
    if path or copy.is_dir():
        targets.insert(0, ("your copy", learner_copy(root, kata, copy)))
    for who, folder in targets:
        print(f"\n{kata.title}: benchmark of {who} ({folder})\n", flush=True)
        env = suite_environment(PYTHONPATH=str(folder))
        finished = subprocess.run([python, str(script)], cwd=kata.path, env=env, check=False)
        if finished.returncode != 0:
            raise UserError(f"the benchmark of {who} stopped with exit code {finished.returncode}")

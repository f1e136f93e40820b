"""Running a kata's tests against one implementation, and reading the results file it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .kata import Kata

# A whole run is stopped after this many times the kata's budget; a single hanging
# test is already cut off sooner by pytest-timeout, with the test named.
RUN_TIMEOUT_FACTOR = 4
OUTPUT_TAIL_LINES = 15
# Compiled bytecode goes here, not beside the sources: kata folders and learners' copies stay
# clean, and the libraries (which uv installs uncompiled) are compiled once, not every run.
PYCACHE = Path(tempfile.gettempdir()) / "kata-harness-pycache"


@dataclass
class SuiteResult:
    """The outcome of one pytest run of a kata against one implementation."""

    kata: Kata
    impl: str
    returncode: int
    seconds: float
    tests: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    tasks: dict[str, dict] = field(default_factory=dict)
    error: str = ""

    def task_done(self, number: int | str) -> bool:
        task = self.tasks.get(str(number), {"passed": 0, "total": 0})
        return task["total"] > 0 and task["passed"] == task["total"]

    @property
    def tasks_passed(self) -> int:
        return sum(self.task_done(task["number"]) for task in self.kata.tasks)

    @property
    def complete(self) -> bool:
        return not self.error and self.tasks_passed == len(self.kata.tasks)

    def first_failure(self, number: int | str) -> str:
        """The first failing test of a task and its message, or the run's error."""
        for test in self.tests:
            if str(test["task"]) == str(number) and test["outcome"] != "passed":
                return f"{test['nodeid'].split('::')[-1]}: {test['message']}"
        return self.error

    def metric(self, name: str) -> dict | None:
        return next((entry for entry in self.metrics if entry["name"] == name), None)


def impl_label(impl: str) -> str:
    return impl if impl in ("starter", "solution") else str(Path(impl).resolve())


def run_suite(
    kata: Kata,
    impl: str,
    python: str = sys.executable,
    tasks: tuple[int, ...] = (),
    stop_at_failure: bool = False,
) -> SuiteResult:
    """Run the kata's tests (or only those of tasks) against impl: starter, solution or a path.

    With stop_at_failure the run ends at the first failing test (pytest -x): enough to
    know that something fails, at a fraction of the cost.
    """
    timeout = RUN_TIMEOUT_FACTOR * kata.budget_seconds
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results.json"
        # Only the plugins a kata needs: the others installed beside it (hypothesis,
        # schemathesis, anyio ...) would each be imported by every run.
        command = [python, "-m", "pytest", "-q", "-p", "pytest_timeout", "-p", "no:cacheprovider"]
        command += ["--color=no"]
        command += [f"--impl={impl_label(impl)}", f"--results={results}"]
        command += [f"--task={task}" for task in tasks]
        command += ["-x"] * stop_at_failure
        env = {key: value for key, value in os.environ.items() if key != "KATA_IMPL"}
        env |= {
            "PYTHONHASHSEED": "0",
            "PYTHONPYCACHEPREFIX": str(PYCACHE),
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        }
        try:
            process = subprocess.run(
                command, cwd=kata.path, env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            message = (
                f"the test run did not finish in {timeout} s and was stopped: does your code hang?"
            )
            return SuiteResult(kata, impl, returncode=-1, seconds=timeout, error=message)
        if not results.is_file():
            return SuiteResult(kata, impl, process.returncode, 0.0, error=output_tail(process))
        data = json.loads(results.read_text(encoding="utf-8"))
    error = "" if process.returncode in (0, 1) else output_tail(process)
    return SuiteResult(
        kata,
        impl,
        process.returncode,
        data["seconds"],
        tests=data["tests"],
        metrics=data["metrics"],
        tasks=data["tasks"],
        error=error,
    )


def output_tail(process: subprocess.CompletedProcess) -> str:
    """What pytest said when it could not run the tests (a syntax error, a bad --impl ...)."""
    lines = (process.stdout + process.stderr).strip().splitlines()
    errors = [line for line in lines if line.startswith(("E ", "ERROR"))]
    return "\n".join((errors or lines)[-OUTPUT_TAIL_LINES:])


def run_suites(
    runs: list[tuple], python: str, jobs: int = 2, stop_at_failure: bool = False
) -> list[SuiteResult]:
    """Run several suites, each (kata, impl) or (kata, impl, tasks), jobs at a time, in order."""

    def run(entry: tuple) -> SuiteResult:
        return run_suite(*entry[:2], python, *entry[2:], stop_at_failure=stop_at_failure)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run, runs))

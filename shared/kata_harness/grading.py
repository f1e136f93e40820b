"""Running a kata's tests against one implementation, and reading the results file it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .kata import Kata

# A whole run is stopped after this many times the kata's budget; a single hanging
# test is already cut off sooner by pytest-timeout, with the test named.
RUN_TIMEOUT_FACTOR = 4
OUTPUT_TAIL_LINES = 15
# Compiled bytecode goes here, not beside the sources: kata folders and learners' copies stay
# clean, and the libraries (which uv installs uncompiled) are compiled once, not every run.
PYCACHE = Path(tempfile.gettempdir()) / "kata-harness-pycache"
# The environment of every suite: one thread per numeric library (the generated conftest
# sets the same when pytest is run by hand), a fixed hash seed, no stray plugins.
SUITE_ENVIRONMENT = {
    "PYTHONHASHSEED": "0",
    "PYTHONPYCACHEPREFIX": str(PYCACHE),
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
# At most this many suites run at once, however many threads ask: one per core (KATA_JOBS).
PARALLEL_SUITES = int(os.environ.get("KATA_JOBS", 0)) or os.cpu_count() or 1
_slots = threading.BoundedSemaphore(PARALLEL_SUITES)
_taking = threading.Lock()  # slots are taken by one thread at a time, so none waits forever


@contextmanager
def machine_share(alone: bool) -> Iterator[None]:
    """Hold one slot, or every slot for a run that must have the machine to itself."""
    wanted = PARALLEL_SUITES if alone else 1
    with _taking:
        for _ in range(wanted):
            _slots.acquire()
    try:
        yield
    finally:
        for _ in range(wanted):
            _slots.release()


# Where every component must be proven (CI sets it), a skipped test fails its task.
REQUIRE_ALL_VARIABLE = "KATA_REQUIRE_ALL"


def suite_environment(**extra: str) -> dict[str, str]:
    """The environment a kata's tests or scripts run in: this one, with the suite's settings.

    The same for the tests, the baselines script and the benchmark, so each sees the same
    libraries behave the same way (KATA_IMPL is dropped: the harness names the implementation).
    """
    inherited = {key: value for key, value in os.environ.items() if key != "KATA_IMPL"}
    return inherited | SUITE_ENVIRONMENT | extra


def require_all() -> bool:
    """True where a test skipped for a missing component counts as a failure (CI)."""
    return os.environ.get(REQUIRE_ALL_VARIABLE, "") not in ("", "0")


# The state of one task in one run.
PASS, FAIL, SKIP, NOT_RUN = "PASS", "FAIL", "SKIP", "NOT RUN"


@dataclass
class SuiteResult:
    """The outcome of one pytest run of a kata against one implementation."""

    kata: Kata
    impl: str
    returncode: int
    seconds: float
    tests: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    tasks: dict[str, dict] = field(default_factory=dict)
    error: str = ""

    def task_state(self, number: int | str) -> str:
        """PASS, FAIL, SKIP (only skipped tests short of passing) or NOT RUN (no test ran)."""
        task = self.tasks.get(str(number), {})
        total, passed = task.get("total", 0), task.get("passed", 0)
        skipped = task.get("skipped", 0)
        if total == 0:
            return NOT_RUN
        if passed == total:
            return PASS
        if passed + skipped == total and not require_all():
            return SKIP
        return FAIL

    def task_done(self, number: int | str) -> bool:
        return self.task_state(number) == PASS

    @property
    def tasks_passed(self) -> int:
        return sum(self.task_done(task["number"]) for task in self.kata.tasks)

    def tasks_in(self, state: str) -> list[int]:
        return [
            task["number"] for task in self.kata.tasks if self.task_state(task["number"]) == state
        ]

    @property
    def complete(self) -> bool:
        """Nothing failed and every task ran: passed, or skipped for a missing component."""
        states = {self.task_state(task["number"]) for task in self.kata.tasks}
        return not self.error and states <= {PASS, SKIP}

    @property
    def skips(self) -> list[str]:
        """Each skipped test's reason, once: what this machine could not prove."""
        return list(dict.fromkeys(t["message"] for t in self.tests if t["outcome"] == "skipped"))

    def first_failure(self, number: int | str) -> str:
        """Why a task is not done: its first failing (or skipped) test, or the run's error."""
        strict = " (skipped, but this run requires every component)" if require_all() else ""
        for test in self.tests:
            if str(test["task"]) == str(number) and test["outcome"] != "passed":
                name = test["nodeid"].split("::")[-1]
                if test["outcome"] == "skipped":
                    return f"{name} skipped{strict}: {test['message']}"
                return f"{name}: {test['message']}"
        return self.error

    def why_incomplete(self) -> str:
        """One line on why the run is not complete: the error, or the first unfinished task."""
        if self.error:
            return " ".join(self.error.split())
        for task in self.kata.tasks:
            if self.task_state(task["number"]) not in (PASS, SKIP):
                return f"task {task['number']}: {self.first_failure(task['number'])}"
        return ""

    def metric(self, name: str) -> dict | None:
        return next((entry for entry in self.metrics if entry["name"] == name), None)

    def figure(self, name: str) -> dict | None:
        return next((entry for entry in self.figures if entry["name"] == name), None)

    def verdict_on(self, task: int) -> str:
        """What this run says of a change to task's code (a stub, a mutant): "caught" when a
        test of the task failed or the run broke, "unproven" when its tests were skipped,
        else "missed"."""
        outcomes = {test["outcome"] for test in self.tests if test["task"] == task}
        if self.error or not outcomes or outcomes & {"failed", "error"}:
            return "caught"
        return "unproven" if "skipped" in outcomes else "missed"

    @property
    def failing(self) -> bool:
        """The run stopped short: an error, or a task that ran and failed."""
        return bool(self.error) or bool(self.tasks_in(FAIL))

    def merged(self, later: SuiteResult) -> SuiteResult:
        """This run and a later one of other tasks, as if they had been one run."""
        return replace(
            self,
            returncode=max(self.returncode, later.returncode),
            seconds=self.seconds + later.seconds,
            tests=self.tests + later.tests,
            metrics=self.metrics + later.metrics,
            figures=self.figures + later.figures,
            tasks={
                number: later.tasks[number] if later.tasks[number]["total"] else task
                for number, task in self.tasks.items()
            },
            error=self.error or later.error,
        )

    def to_record(self) -> dict:
        """What a recorded run keeps: everything but the kata and the implementation's path."""
        return {key: value for key, value in asdict(self).items() if key not in ("kata", "impl")}

    @classmethod
    def from_record(cls, kata: Kata, impl: str, record: dict) -> SuiteResult:
        return cls(kata, impl, **record)


def impl_label(impl: str) -> str:
    return impl if impl in ("starter", "solution") else str(Path(impl).resolve())


def run_suite(
    kata: Kata,
    impl: str,
    python: str = sys.executable,
    tasks: tuple[int, ...] = (),
    stop_at_failure: bool = False,
    stop_at_failing_task: bool = False,
    alone: bool = False,
) -> SuiteResult:
    """Run the kata's tests (or only those of tasks) against impl: starter, solution or a path.

    With stop_at_failure the run ends at the first failing test (pytest -x): enough to
    know that something fails, at a fraction of the cost. With stop_at_failing_task the
    tasks run in order and the run ends after the first task that fails: the learner's
    window, which re-runs what they finished and shows what they are working on. A run
    alone has the machine to itself, so its time is the suite's own (the budget's measure).
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
        command += ["--stop-at-failing-task"] * stop_at_failing_task
        env = suite_environment()
        try:
            with machine_share(alone):
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
        figures=data.get("figures", []),
        tasks=data["tasks"],
        error=error,
    )


def output_tail(process: subprocess.CompletedProcess) -> str:
    """What pytest said when it could not run the tests (a syntax error, a bad --impl ...)."""
    lines = (process.stdout + process.stderr).strip().splitlines()
    errors = [line for line in lines if line.startswith(("E ", "ERROR"))]
    return "\n".join((errors or lines)[-OUTPUT_TAIL_LINES:])


def run_suites(runs: list[tuple], python: str, stop_at_failure: bool = False) -> list[SuiteResult]:
    """Run several suites, each (kata, impl) or (kata, impl, tasks), as many at once as allowed."""

    def run(entry: tuple) -> SuiteResult:
        return run_suite(*entry[:2], python, *entry[2:], stop_at_failure=stop_at_failure)

    with ThreadPoolExecutor(max_workers=PARALLEL_SUITES) as pool:
        return list(pool.map(run, runs))

"""The implementation switch and the grading hooks of this kata.

Generated from the collection's template (templates/); change the template, not this file.

    pytest                    tests the starter (starter/); --task=N runs one task's tests
    pytest --stop-at-failing-task   runs the tasks in order, up to the first that fails
    pytest --impl=solution    tests the reference solution (solution/)
    pytest --impl=PATH        tests your copy: the folder that holds the package
    KATA_IMPL=PATH pytest     the same, chosen from the environment

The tests always come from this folder's tests/, whichever implementation they
import. Every test grades one task of the brief (@pytest.mark.task(N)); metric
tests go through the `metric` fixture, which checks the figure against its bar
in kata.toml; the `figure` fixture records a figure without a bar (a baseline, an
ablation) for the brief. Each run writes its results to .kata/results.json (or --results).

BLAS, OpenMP and PyTorch are held to one thread each, set here before any of them
loads: on a small machine a pool of threads per library only waits on itself, and
one thread keeps every figure the same from run to run.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import sys
import time
import tomllib
from pathlib import Path

import pytest

THREAD_LIMITS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
for _variable in THREAD_LIMITS:
    os.environ.setdefault(_variable, "1")

KATA_ROOT = Path(__file__).resolve().parent
KATA = tomllib.loads((KATA_ROOT / "kata.toml").read_text(encoding="utf-8"))
PACKAGE = KATA["package"]
RESULTS = pytest.StashKey[dict]()
TASK_MARK = re.compile(r"mark\.task\((\d+)\)")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "kata implementation switch")
    group.addoption(
        "--impl",
        default=os.environ.get("KATA_IMPL", "starter"),
        help="starter (default), solution, or the path of your copy (env: KATA_IMPL)",
    )
    group.addoption(
        "--task",
        action="append",
        type=int,
        default=[],
        help="run only the tests of this task (repeat for several)",
    )
    group.addoption(
        "--stop-at-failing-task",
        action="store_true",
        help="run the tasks in order and stop after the first task with a failing test",
    )
    group.addoption(
        "--results",
        default=str(KATA_ROOT / ".kata" / "results.json"),
        help="where to write the machine-readable results (JSON)",
    )


def resolve_impl(choice: str, invocation_dir: Path) -> Path:
    """Return the folder to import the kata's package from."""
    if choice in ("starter", "solution"):
        return KATA_ROOT / choice
    path = (invocation_dir / choice).expanduser().resolve()
    if (path / PACKAGE / "__init__.py").is_file():
        return path
    if path.name == PACKAGE and (path / "__init__.py").is_file():
        return path.parent
    raise pytest.UsageError(
        f"--impl={choice}: there is no package {PACKAGE}/ in {path}. "
        f"Give the folder that holds {PACKAGE}/ (for example work/{KATA['slug']}), "
        "or --impl=starter or --impl=solution."
    )


def pytest_configure(config: pytest.Config) -> None:
    impl = resolve_impl(config.getoption("impl"), config.invocation_params.dir)
    sys.path.insert(0, str(impl))
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not Path(spec.origin).is_relative_to(impl):
        raise pytest.UsageError(f"{PACKAGE} would not be imported from {impl}")
    config.stash[RESULTS] = {
        "kata": KATA["slug"],
        "impl": str(impl),
        "started": time.time(),
        "tests": {},
        "metrics": [],
        "figures": [],
        "failing_task": None,
    }


def task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    return marker.args[0] if marker else None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With --task, leave unread a test file whose tests all grade other tasks.

    A check of the early tasks then never imports what only the later ones need. A file
    whose tasks cannot be read from its text is collected as usual, and deselected below.
    """
    wanted = set(config.getoption("task"))
    is_test_file = collection_path.name.startswith("test_") and collection_path.suffix == ".py"
    if not (wanted and is_test_file):
        return None
    tasks = {int(n) for n in TASK_MARK.findall(collection_path.read_text(encoding="utf-8"))}
    return True if tasks and not tasks & wanted else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("task")
    if wanted:
        config.hook.pytest_deselected(items=[i for i in items if task_of(i) not in wanted])
        items[:] = [item for item in items if task_of(item) in wanted]
    if config.getoption("stop_at_failing_task"):
        items.sort(key=lambda item: task_of(item) or 0)


def failure_message(report: pytest.TestReport, call: pytest.CallInfo, impl: Path) -> str:
    """What a learner should read: the test's own message in full, or the error raised.

    pytest's explanation of an assertion (`assert False` and its `where` lines) is left
    out when the test gave a message of its own; an error raised by the implementation
    is named with the line of the implementation that raised it.
    """
    if report.skipped and isinstance(report.longrepr, tuple):
        return report.longrepr[2].removeprefix("Skipped: ")
    error = call.excinfo.value if call.excinfo else None
    if error is None:
        crash = getattr(report.longrepr, "reprcrash", None)
        return crash.message if crash else str(report.longrepr).strip().splitlines()[-1]
    text = str(error).strip()
    if isinstance(error, pytest.fail.Exception):  # pytest.fail, or pytest-timeout's
        if text.startswith("Timeout"):
            limit = text.splitlines()[0]
            return f"stopped by the time limit ({limit}): does your code loop forever?"
        return text
    if isinstance(error, AssertionError):
        own, _, explanation = text.partition("\nassert ")
        if own.startswith("assert "):  # no message of the test's own: pytest's first line
            return own.splitlines()[0]
        return own or f"assert {explanation.splitlines()[0]}"
    if type(error) is NotImplementedError:  # a starter's stand-in: its message names the task
        return f"NotImplementedError: {text}"
    return f"{type(error).__name__}: {text}{raised_at(call.excinfo, impl)}"


def raised_at(excinfo: pytest.ExceptionInfo, impl: Path) -> str:
    """Where in the implementation an error was raised: ' (raised at pkg/module.py:42)'."""
    for entry in reversed(excinfo.traceback):
        path = Path(entry.path)
        if path.is_relative_to(impl):
            return f" (raised at {path.relative_to(impl).as_posix()}:{entry.lineno + 1})"
    return ""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    results = item.config.stash[RESULTS]
    tests = results["tests"]
    entry = tests.setdefault(
        item.nodeid, {"task": task_of(item), "outcome": "passed", "message": ""}
    )
    if entry["outcome"] == "passed" and (report.when == "call" or not report.passed):
        outcome = "skipped" if report.skipped else report.outcome
        entry["outcome"] = outcome if report.when == "call" or report.skipped else "error"
        impl = Path(results["impl"])
        entry["message"] = "" if report.passed else failure_message(report, call, impl)
        if entry["outcome"] in ("failed", "error") and results["failing_task"] is None:
            results["failing_task"] = entry["task"]
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """With --stop-at-failing-task, end the run once a failing task has run all its tests."""
    outcome = yield
    failing = item.config.stash[RESULTS]["failing_task"]
    if (
        item.config.getoption("stop_at_failing_task")
        and failing is not None
        and nextitem is not None
        and task_of(nextitem) != failing
    ):
        item.session.shouldfail = f"task {failing} fails: the tasks after it were not run"
    return outcome


@pytest.fixture
def metric(request: pytest.FixtureRequest):
    """Return a function that records a metric and asserts it meets its bar from kata.toml."""

    def check(name: str, value: float) -> None:
        spec = KATA["metrics"][name]
        value = float(value)
        higher = spec["direction"] == "higher"
        met = not math.isnan(value) and (value >= spec["bar"] if higher else value <= spec["bar"])
        request.config.stash[RESULTS]["metrics"].append(
            {"name": name, "label": spec["label"], "task": task_of(request.node), "value": value}
            | {"bar": spec["bar"], "direction": spec["direction"], "met": met}
        )
        assert met, (
            f"Task {task_of(request.node)}: {spec['label']} is {value:.4f}; the bar is "
            f"{'at least' if higher else 'at most'} {spec['bar']}. "
            "The reference solution's figure is in README.md, under 'Acceptance bar'."
        )

    return check


@pytest.fixture
def figure(request: pytest.FixtureRequest):
    """Return a function that records a figure without a bar (a baseline, an ablation).

    Its label comes from kata.toml's [figures.NAME]; `nox -s sync` writes the figures of
    the reference into the brief, and `nox -s verify` checks them against a live run.
    """

    def record(name: str, value: float) -> None:
        spec = KATA.get("figures", {}).get(name)
        if spec is None:
            raise KeyError(f"figure {name!r} has no [figures.{name}] table in kata.toml")
        request.config.stash[RESULTS]["figures"].append(
            {"name": name, "label": spec["label"], "task": task_of(request.node)}
            | {"value": float(value)}
        )

    return record


def task_summary(tests: dict) -> dict[str, dict]:
    """Tests passed of total, per task of kata.toml."""
    summary = {
        str(task["number"]): {"title": task["title"], "passed": 0, "skipped": 0, "total": 0}
        for task in KATA["tasks"]
    }
    for test in tests.values():
        row = summary.get(str(test["task"]))
        if row is not None:
            row["total"] += 1
            row["passed"] += test["outcome"] == "passed"
            row["skipped"] += test["outcome"] == "skipped"
    return summary


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    results = session.config.stash.get(RESULTS, None)
    if results is None:
        return
    results["seconds"] = round(time.time() - results.pop("started"), 2)
    results["tasks"] = task_summary(results["tests"])
    results["tests"] = [{"nodeid": nodeid} | test for nodeid, test in results["tests"].items()]
    path = Path(session.config.getoption("results"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2), encoding="utf-8")


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    results = config.stash.get(RESULTS, None)
    if not results or "tasks" not in results:
        return
    terminalreporter.section(f"{KATA['title']}: tasks ({results['impl']})")
    for number, task in results["tasks"].items():
        unproven = task["skipped"] and task["passed"] + task["skipped"] == task["total"]
        done = task["total"] and task["passed"] == task["total"]
        mark = "PASS" if done else "skip" if unproven else "todo" if task["total"] else "----"
        skipped = f", {task['skipped']} skipped" if task["skipped"] else ""
        terminalreporter.line(
            f"  {mark}  Task {number}: {task['title']} "
            f"({task['passed']}/{task['total']} tests{skipped})"
        )

"""The tables a learner and a maintainer read: scoreboards, per-task checks, metrics."""

from __future__ import annotations

import textwrap

from .grading import FAIL, NOT_RUN, PASS, SKIP, SuiteResult

MESSAGE_LIMIT = 300  # a message on a one-line row (a scoreboard, a progress line)
FULL_MESSAGE_LIMIT = 2000  # a failure message under its task: in full, unless runaway
MESSAGE_WIDTH = 100
MESSAGE_INDENT = " " * 6
NO_FIGURE = "-"


def table(headers: list[str], rows: list[list[str] | str]) -> str:
    """A plain-text table with columns padded to their widest cell; a str row is a note line."""
    cells = [headers] + [row for row in rows if not isinstance(row, str)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str] | str) -> str:
        text = (
            row
            if isinstance(row, str)
            else "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
        )
        return text.rstrip()

    return "\n".join(
        [line(headers), line(["-" * width for width in widths])] + list(map(line, rows))
    )


def figure(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value:.4g}"


def bar(spec: dict) -> str:
    return f"{'>=' if spec['direction'] == 'higher' else '<='} {spec['bar']:g}"


def shortened(text: str) -> str:
    """A message on one line, cut at MESSAGE_LIMIT characters."""
    text = " ".join(text.split())
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."


def message_lines(text: str) -> list[str]:
    """A failure message in full, each of its lines wrapped under its task's row.

    Only a runaway message (a whole array printed) is cut, at FULL_MESSAGE_LIMIT characters.
    """
    if len(text) > FULL_MESSAGE_LIMIT:
        text = text[:FULL_MESSAGE_LIMIT] + f" ... (cut at {FULL_MESSAGE_LIMIT} characters)"
    lines = []
    for number, line in enumerate(text.strip().splitlines()):
        first = MESSAGE_INDENT if number == 0 else MESSAGE_INDENT + "  "
        lines += textwrap.wrap(
            line, MESSAGE_WIDTH, initial_indent=first, subsequent_indent=MESSAGE_INDENT + "  "
        ) or [""]
    return lines


def task_cell(result: SuiteResult, number: int) -> str:
    state = result.task_state(number)
    if state == NOT_RUN:
        return "not run"
    task = result.tasks[str(number)]
    return f"{state} {task['passed']}/{task['total']}"


def tasks_cell(result: SuiteResult) -> str:
    """How many tasks passed, and how many were skipped for a missing component."""
    skipped = len(result.tasks_in(SKIP))
    return f"{result.tasks_passed}/{len(result.kata.tasks)}" + (
        f" ({skipped} skipped)" if skipped else ""
    )


def progress_line(result: SuiteResult) -> str:
    """One line as a kata's run finishes: its name, tasks passed, time, and why if not all."""
    why = "" if result.complete and not result.skips else f"  {why_line(result)}"
    return f"{result.kata.name}: {tasks_cell(result)} tasks in {result.seconds:.1f} s{why}"


def why_line(result: SuiteResult) -> str:
    """Why a run is not a clean pass, in one line: its first failure, or what it skipped."""
    return shortened(result.why_incomplete() or "skipped: " + "; ".join(result.skips))


def metric_value(result: SuiteResult | None, name: str) -> float | None:
    entry = result.metric(name) if result else None
    return entry["value"] if entry else None


def scoreboard(tier: str, rows: list[tuple[SuiteResult, SuiteResult | None]]) -> str:
    """The tier's table: each kata's reference run and, where started, the learner's copy."""
    if not rows:
        return f"The {tier} tier has no katas yet."
    lines = []
    for reference, yours in rows:
        kata = reference.kata
        for who, result in [("reference", reference), ("your copy", yours)]:
            if result is None:
                continue
            metrics = [
                [name, figure(metric_value(result, name)), bar(spec)]
                for name, spec in kata.metrics.items()
            ] or [["", "", ""]]
            name = kata.name if who == "reference" else ""
            lines.append([name, who, tasks_cell(result), f"{result.seconds:.1f}", *metrics[0]])
            lines += [["", "", "", "", *metric] for metric in metrics[1:]]
            if not result.complete or result.skips:
                lines.append(f"{'':4}{who}: {why_line(result)}")
    headers = ["kata", "run", "tasks", "seconds", "metric", "figure", "bar"]
    parts = [f"{tier.capitalize()} tier", "", table(headers, lines)]
    unproven = [ref for ref, _ in rows if ref.complete and ref.skips]
    if unproven:
        parts += ["", "Not proven on this machine (skipped for a missing component):"]
        parts += [f"  {ref.kata.name}: {reason}" for ref in unproven for reason in ref.skips]
    return "\n".join(parts)


def check_report(yours: SuiteResult, reference: SuiteResult, where: str) -> str:
    """The learner's copy beside the reference: each task, each metric, and what to do next."""
    kata = yours.kata
    rows = []
    for task in kata.tasks:
        number = task["number"]
        rows.append(
            [str(number), task["title"], task_cell(yours, number), task_cell(reference, number)]
        )
        if yours.task_state(number) not in (PASS, NOT_RUN):
            rows += message_lines(yours.first_failure(number))
    parts = [f"{kata.title} ({kata.slug}): your copy in {where}, beside the reference", ""]
    if yours.error:
        parts += ["The tests could not run on your copy:", yours.error, ""]
    parts.append(table(["task", "title", "yours", "reference"], rows))
    if kata.metrics:
        metric_rows = [
            [spec["label"], figure(metric_value(yours, name))]
            + [figure(metric_value(reference, name)), bar(spec)]
            for name, spec in kata.metrics.items()
        ]
        parts += ["", table(["metric", "yours", "reference", "bar"], metric_rows)]
    not_run = yours.tasks_in(NOT_RUN)
    if not_run and not yours.error:
        ran = [t["number"] for t in kata.tasks if t["number"] not in not_run]
        parts += [
            "",
            f"Ran task{'s' * (len(ran) > 1)} {numbers(ran)}; not run: {numbers(not_run)}. "
            f"Every task: nox -s check -- {kata.slug} --all",
        ]
    parts += ["", next_step(yours)]
    return "\n".join(parts)


def numbers(tasks: list[int]) -> str:
    """Task numbers as a reader says them: 1-3, 5 or 2, 4."""
    runs: list[list[int]] = []
    for number in tasks:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def next_step(yours: SuiteResult) -> str:
    kata = yours.kata
    done = yours.tasks_passed
    if yours.complete:
        skipped = yours.tasks_in(SKIP)
        if skipped:
            return (
                f"{done} of {len(kata.tasks)} tasks pass; task {numbers(skipped)} could not be "
                "checked on this machine (the reason is above). See your copy beside the "
                f"reference: nox -s solution -- {kata.slug}"
            )
        return (
            f"Every task passes ({done} of {done}). See your copy beside the reference: "
            f"nox -s solution -- {kata.slug}"
        )
    passed, failing = yours.tasks_in(PASS), yours.tasks_in(FAIL)
    so_far = "" if yours.tasks_in(NOT_RUN) else f"{done} of {len(kata.tasks)} tasks pass. "
    if failing:
        todo = failing[0]
        return (
            f"{so_far}Next: task {todo}, {kata.task_title(todo)}. "
            f"Stuck? nox -s hint -- {kata.slug} {todo}"
        )
    if yours.error:
        return "The run reported an error (above); fix it and check again."
    tasks = f"Task {passed[0]} passes" if len(passed) == 1 else f"Tasks {numbers(passed)} pass"
    return f"{tasks}. The others were not run; check them: nox -s check -- {kata.slug}"

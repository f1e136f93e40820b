"""The tables a learner and a maintainer read: scoreboards, per-task checks, metrics."""

from __future__ import annotations

import textwrap

from .grading import SuiteResult

MESSAGE_LIMIT = 300
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


def message_lines(text: str) -> list[str]:
    """A failure message, cut at MESSAGE_LIMIT characters and wrapped under its task's row."""
    text = " ".join(text.split())
    text = text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."
    return textwrap.wrap(
        text, MESSAGE_WIDTH, initial_indent=MESSAGE_INDENT, subsequent_indent=MESSAGE_INDENT + "  "
    )


def task_cell(result: SuiteResult, number: int) -> str:
    task = result.tasks.get(str(number), {"passed": 0, "total": 0})
    verdict = "PASS" if result.task_done(number) else "FAIL"
    return f"{verdict} {task['passed']}/{task['total']}"


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
            tasks = f"{result.tasks_passed}/{len(kata.tasks)}"
            lines.append([name, who, tasks, f"{result.seconds:.1f}", *metrics[0]])
            lines += [["", "", "", "", *metric] for metric in metrics[1:]]
    headers = ["kata", "run", "tasks", "seconds", "metric", "figure", "bar"]
    return f"{tier.capitalize()} tier\n\n" + table(headers, lines)


def check_report(yours: SuiteResult, reference: SuiteResult, where: str) -> str:
    """The learner's copy beside the reference: each task, each metric, and what to do next."""
    kata = yours.kata
    rows = []
    for task in kata.tasks:
        number = task["number"]
        rows.append(
            [str(number), task["title"], task_cell(yours, number), task_cell(reference, number)]
        )
        if not yours.task_done(number):
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
    parts += ["", next_step(yours)]
    return "\n".join(parts)


def next_step(yours: SuiteResult) -> str:
    kata = yours.kata
    done = yours.tasks_passed
    if yours.complete:
        return (
            f"Every task passes ({done} of {done}). See your copy beside the reference: "
            f"nox -s solution -- {kata.slug}"
        )
    todo = next((task for task in kata.tasks if not yours.task_done(task["number"])), None)
    if todo is None:
        return "Every task passes, but the run reported an error (above); fix it and check again."
    return (
        f"{done} of {len(kata.tasks)} tasks pass. Next: task {todo['number']}, {todo['title']}. "
        f"Stuck? nox -s hint -- {kata.slug} {todo['number']}"
    )

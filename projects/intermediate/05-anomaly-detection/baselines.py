"""The reference's runs that the brief shows: the command line's output, and the trade-off.

- `example`: one event of the replayed stream, the first injected spike, and what the
  monitor and the alert manager make of it;
- `replay`: what `python -m monitoring replay --seed 7` prints;
- `thresholds`: the same system at four thresholds of the jump signal, the one knob
  that trades missed faults against false alarms, judged incident by incident.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the faults and the stream come from seeds, the data is fixed.
"""

import contextlib
import io
import json
import tempfile
from pathlib import Path

from monitoring.__main__ import main as command_line
from monitoring.alerts import AlertManager
from monitoring.data import inject_anomalies, load_glucose, to_events
from monitoring.evaluate import incident_report, run_stream, stream_days
from monitoring.monitor import Monitor

SEED = 7
JUMP_THRESHOLDS = (6.0, 12.0, 20.0, 30.0)


def replay() -> str:
    output = io.StringIO()
    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(output):
        command_line(["replay", "--seed", str(SEED), "--store", str(Path(folder) / "i.sqlite")])
    return f"```text\n$ python -m monitoring replay --seed {SEED}\n{output.getvalue()}```"


def example() -> str:
    readings, truth = inject_anomalies(load_glucose(), seed=SEED)
    spike = truth[truth["kind"] == "spike"].iloc[0]
    monitor, manager = Monitor(), AlertManager()
    for event in to_events(readings, seed=SEED):
        score = monitor.process(event)
        alert = manager.update(score) if score is not None else None
        if score is not None and score.time == spike["start"]:
            break
    signals = ", ".join(f'"{name}": {value:.2f}' for name, value in score.signals.items())
    return "\n".join(
        [
            "```text",
            f"in:   {json.dumps(event)}",
            f"out:  Score(time={score.time}, value={score.value},",
            f"            signals={{{signals}}}, score={score.score:.2f})",
            f"      -> Alert(incident={alert.incident}, time={alert.time}, "
            f'severity="{alert.severity}", reason="{alert.reason}")',
            "```",
        ]
    )


def threshold_table() -> str:
    readings, truth = inject_anomalies(load_glucose(), seed=SEED)
    events = to_events(readings, seed=SEED)
    faults = truth[truth["kind"] != "missing"]
    header = [
        "jump_threshold",
        "Incidents",
        "Precision",
        "Recall",
        "F1",
        "Median minutes to detect",
        "Alerts a day",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for threshold in JUMP_THRESHOLDS:
        monitor, manager = Monitor(jump_threshold=threshold), AlertManager()
        run_stream(events, monitor, manager)
        detections = [incident.start for incident in manager.incidents]
        report = incident_report(
            faults, detections, stream_days(readings), alerts=len(manager.alerts)
        )
        cells = [
            f"{threshold:g}",
            str(len(detections)),
            f"{report.precision:.3f}",
            f"{report.recall:.3f}",
            f"{report.f1:.3f}",
            f"{report.median_minutes_to_detect:.0f}",
            f"{report.alerts_per_day:.2f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: replay -->")
    print(replay())
    print("<!-- block: thresholds -->")
    print(threshold_table())


if __name__ == "__main__":
    main()

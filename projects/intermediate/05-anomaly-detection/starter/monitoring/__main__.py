"""Run the system over the glucose stream: `python -m monitoring replay` or `... serve`.

python -m monitoring replay --seed 7 [--store incidents.sqlite]
    injects faults from the seed, replays the readings as a messy stream through
    your monitor and alert manager, prints what they did and how they did, and
    saves the incidents in the store;
python -m monitoring serve --seed 7 [--store incidents.sqlite]
    the same, then serves the dashboard at http://127.0.0.1:8000.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from monitoring.alerts import AlertManager
from monitoring.data import inject_anomalies, load_glucose, to_events
from monitoring.evaluate import incident_report, run_stream, stream_days
from monitoring.monitor import Monitor
from monitoring.store import IncidentStore

OK = 0
HOST, PORT = "127.0.0.1", 8000


def replay(seed: int, store_path: Path) -> tuple[IncidentStore, object]:
    """Run the system over the faulty stream; print its figures; save its incidents."""
    readings, truth = inject_anomalies(load_glucose(), seed=seed)
    monitor, manager = Monitor(), AlertManager()
    run_stream(to_events(readings, seed=seed), monitor, manager)
    faults = truth[truth["kind"] != "missing"]
    report = incident_report(
        faults,
        [incident.start for incident in manager.incidents],
        stream_days(readings),
        alerts=len(manager.alerts),
    )
    print(f"events: {monitor.counts}")
    print(f"faults injected: {truth['kind'].value_counts().to_dict()}")
    print(f"incidents: {len(manager.incidents)}, alerts: {len(manager.alerts)}")
    print(
        f"precision {report.precision:.3f}, recall {report.recall:.3f}, F1 {report.f1:.3f}, "
        f"median minutes to detect {report.median_minutes_to_detect:.1f}, "
        f"alerts a day {report.alerts_per_day:.2f}"
    )
    store = IncidentStore(store_path)
    store.save(manager.incidents)
    return store, readings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitoring", description=__doc__)
    parser.add_argument("command", choices=["replay", "serve"])
    parser.add_argument("--seed", type=int, default=7, help="where the faults go")
    parser.add_argument("--store", type=Path, default=Path("incidents.sqlite"))
    args = parser.parse_args(argv)
    store, readings = replay(args.seed, args.store)
    if args.command == "serve":
        import uvicorn

        from monitoring.app import create_app

        uvicorn.run(create_app(store, readings), host=HOST, port=PORT)
    store.close()
    return OK


if __name__ == "__main__":
    sys.exit(main())

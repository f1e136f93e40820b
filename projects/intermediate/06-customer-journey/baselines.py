"""The reference's runs that the brief shows: one user's journey, and the command line.

- `example`: one simulated user's raw log rows, the sessions they become, and the
  user's path as attribution reads it;
- `shares`: every attribution method's shares of the conversions beside the truth;
- `system`: what `python -m journeys report.html` prints.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md). Every figure is
the same on every run: the simulator is seeded.
"""

import contextlib
import io
import tempfile
from pathlib import Path

from journeys.__main__ import main as command_line
from journeys.attribution import user_paths
from journeys.cleaning import clean_log
from journeys.pipeline import analyse
from journeys.sessions import session_table, sessionise
from journeys.simulator import simulate_journeys

SEED = 7  # the shop of the tests' metrics, and the command line's default
SHOWN_USER = "u00728"


def example() -> str:
    log = simulate_journeys(seed=SEED).log
    sessions = sessionise(clean_log(log).events)
    rows = log[log["user"] == SHOWN_USER].sort_values(["received", "event_id"])
    lines = ["```text", "event_id  user    device   channel  event         sent      received"]
    for row in rows.itertuples():
        lines.append(
            f"{row.event_id:<9} {row.user:<7} {row.device:<8} {row.channel:<8} {row.event:<13}"
            f" {row.sent:>9.0f} {row.received:>9.0f}"
        )
    table = session_table(sessions[sessions["user"] == SHOWN_USER])
    lines.append("")
    for row in table.itertuples():
        lines.append(
            f"session {row.session}: {row.channel} on {row.device}, {row.events} event(s), "
            f"{row.end - row.start:.0f} s, purchased: {row.purchased}"
        )
    path = user_paths(table).iloc[0]
    lines.append(f"path: {' > '.join(path.channels)}, converted: {path.converted}")
    lines.append("```")
    return "\n".join(lines)


def shares() -> str:
    simulation = simulate_journeys(seed=SEED)
    table = analyse(simulation.log).shares(simulation.truth).set_index("channel")
    lines = ["| channel | " + " | ".join(table.columns) + " |"]
    lines.append("|---" * (len(table.columns) + 1) + "|")
    for channel, row in table.iterrows():
        lines.append(f"| {channel} | " + " | ".join(f"{v:.3f}" for v in row) + " |")
    return "\n".join(lines)


def system() -> str:
    output = io.StringIO()
    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(output):
        command_line([str(Path(folder) / "report.html")])
    text = output.getvalue().rsplit("report written to", 1)[0]
    return f"```text\n$ python -m journeys report.html\n{text}report written to report.html\n```"


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: shares -->")
    print(shares())
    print("<!-- block: system -->")
    print(system())


if __name__ == "__main__":
    main()

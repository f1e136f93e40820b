"""The dashboard's HTML: a list of incidents, and one page per incident with its plot.

Each page is one self-contained document: the plot is inline SVG drawn by matplotlib,
the style and the script are inline, nothing is fetched but the API of the same app.
Every text that came from outside (a name, a note) is escaped before it is written.
"""

from __future__ import annotations

import io
from html import escape

import pandas as pd
from matplotlib.figure import Figure

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
table { border-collapse: collapse; } td, th { padding: 0.3rem 0.8rem; text-align: left; }
tr:nth-child(even) { background: #f4f4f4; } .critical { color: #b00020; font-weight: bold; }
label { display: block; margin-top: 0.6rem; } [role=alert] { color: #b00020; }
"""

ACK_SCRIPT = """
const form = document.getElementById("ack");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("ack-status");
  const alert = document.getElementById("ack-error");
  status.textContent = ""; alert.textContent = "";
  const body = {by: form.elements.by.value, note: form.elements.note.value};
  const response = await fetch(form.dataset.url, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (response.ok) {
    status.textContent = "Acknowledged by " + answer.acknowledged.by;
    form.querySelector("button").disabled = true;
  } else {
    const detail = answer.detail;
    alert.textContent = Array.isArray(detail) ? detail.map((d) => d.msg).join("; ") : detail;
  }
});
"""


def document(title: str, body: str) -> str:
    """A whole HTML page around `body`."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def acknowledged_text(incident: dict) -> str:
    ack = incident["acknowledged"]
    return "" if ack is None else f"Acknowledged by {ack['by']}"


def list_page(incidents: list[dict]) -> str:
    """The table of incidents, each linked to its page, newest first."""
    rows = "".join(
        f'<tr><td><a href="/incidents/{i["id"]}">#{i["id"]}</a></td>'
        f"<td>{escape(i['start'])}</td><td>{escape(i['end'])}</td>"
        f'<td class="{escape(i["severity"])}">{escape(i["severity"])}</td>'
        f"<td>{i['peak_score']:.1f}</td><td>{escape(acknowledged_text(i)) or 'open'}</td></tr>"
        for i in reversed(incidents)
    )
    header = "<tr><th>Incident</th><th>Start</th><th>End</th><th>Severity</th>"
    header += "<th>Peak score</th><th>Status</th></tr>"
    return document(
        "Incidents",
        f"<h1>Incidents</h1><p>{len(incidents)} incidents</p><table>{header}{rows}</table>",
    )


def not_found_page(message: str) -> str:
    """The page of an incident the store does not hold: what is missing, and the way back."""
    body = f'<p><a href="/">All incidents</a></p><h1>Not found</h1><p>{escape(message)}</p>'
    return document("Not found", body)


def incident_page(incident: dict, plot_svg: str, signals: list[tuple[str, float]]) -> str:
    """One incident: its facts, its plot, its strongest signals, and the acknowledgement form."""
    items = "".join(f"<li>{escape(name)}: {value:.2f}</li>" for name, value in signals)
    ack = incident["acknowledged"]
    done = "" if ack is None else f"{acknowledged_text(incident)}: {ack['note']}"
    disabled = "" if ack is None else " disabled"
    form = (
        f'<form id="ack" data-url="/api/incidents/{incident["id"]}/ack">'
        '<label for="by">Your name</label><input id="by" name="by" autocomplete="name">'
        '<label for="note">Note</label><textarea id="note" name="note"></textarea>'
        f'<p><button type="submit"{disabled}>Acknowledge</button></p></form>'
        f'<p id="ack-status" role="status">{escape(done)}</p>'
        '<p id="ack-error" role="alert"></p>'
    )
    body = (
        f'<p><a href="/">All incidents</a></p><h1>Incident #{incident["id"]}</h1>'
        f"<p>From {escape(incident['start'])} to {escape(incident['end'])}, "
        f"{incident['readings']} readings, severity "
        f'<span class="{escape(incident["severity"])}">{escape(incident["severity"])}</span>, '
        f"peak score {incident['peak_score']:.2f} at {escape(incident['peak_time'])}.</p>"
        f"<figure>{plot_svg}</figure><h2>Strongest signals</h2><ol>{items}</ol>"
        f"<h2>Acknowledge</h2>{form}<script>{ACK_SCRIPT}</script>"
    )
    return document(f"Incident #{incident['id']}", body)


def plot_around(readings: pd.Series, incident: dict, margin: pd.Timedelta) -> str:
    """The readings from `margin` before the incident to `margin` after, as inline SVG.

    The incident's span is shaded and its peak marked.
    """
    start, end = pd.Timestamp(incident["start"]), pd.Timestamp(incident["end"])
    window = readings.loc[start - margin : end + margin]
    figure = Figure(figsize=(8, 3))
    axes = figure.subplots()
    axes.plot(window.index, window.to_numpy(), color="#1f77b4", linewidth=1)
    axes.axvspan(start, end + pd.Timedelta(minutes=1), color="#d62728", alpha=0.2)
    peak = pd.Timestamp(incident["peak_time"])
    if peak in window.index:
        axes.plot([peak], [window.loc[peak]], "o", color="#d62728")
    axes.set_ylabel(readings.name or "value")
    figure.autofmt_xdate()
    figure.tight_layout()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]

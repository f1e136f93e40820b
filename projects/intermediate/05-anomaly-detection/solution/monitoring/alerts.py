"""The alert system: scores in, incidents and a few alerts out.

A person is paged per alert, so one fault must page once, not once per reading:
- hysteresis: an incident opens when a score reaches `on`, and stays open while the
  scores stay at or above `off` (lower than `on`): a score that hovers around the
  threshold does not open and close it again and again;
- deduplication: the readings of an open incident alert no one;
- cooldown: a score that reaches `on` within `cooldown` of the end of the last
  incident reopens that incident rather than opening a new one;
- severity: "warning", or "critical" once the incident's peak score reaches
  `critical`. An incident that becomes critical alerts once more (an escalation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monitoring.monitor import Score

ON, OFF = 1.0, 0.5  # scores, in threshold units, that open an incident and keep it open
CRITICAL = 3.0  # the peak score from which an incident is critical
COOLDOWN = pd.Timedelta(minutes=30)
WARNING_LEVEL, CRITICAL_LEVEL = "warning", "critical"


@dataclass
class Incident:
    """Consecutive unusual readings, seen as one problem.

    `signals` holds the largest value each signal took over the incident's readings;
    `readings` counts them; `reopened` counts the times the cooldown merged a new
    opening into it.
    """

    id: int
    start: pd.Timestamp
    end: pd.Timestamp
    peak_time: pd.Timestamp
    peak_score: float
    severity: str
    signals: dict[str, float] = field(default_factory=dict)
    readings: int = 0
    reopened: int = 0
    open: bool = True


@dataclass(frozen=True)
class Alert:
    """A page sent to a person: a new incident ("opened") or one turned critical ("escalated")."""

    incident: int
    time: pd.Timestamp
    severity: str
    reason: str


class AlertManager:
    """Group scores into incidents and decide which of them page someone."""

    def __init__(
        self,
        on: float = ON,
        off: float = OFF,
        critical: float = CRITICAL,
        cooldown: pd.Timedelta = COOLDOWN,
    ) -> None:
        if not off <= on <= critical:
            raise ValueError(
                f"thresholds must satisfy off <= on <= critical, got {off, on, critical}"
            )
        self.on, self.off, self.critical, self.cooldown = on, off, critical, cooldown
        self.incidents: list[Incident] = []
        self.alerts: list[Alert] = []

    def update(self, score: Score) -> Alert | None:
        """Take the next score; return the Alert it raises, if any (also kept in self.alerts).

        - No incident open: a score >= on opens one, ids counting from 1, or, when it
          comes within `cooldown` (<=) of the last incident's end, reopens that one
          (reopened + 1) without an alert. Anything else changes nothing.
        - An incident open: a score >= off extends it; a lower score closes it (and is
          not part of it).
        A reading that opens or extends an incident sets its end to the reading's time,
        counts in `readings`, raises each of `signals` to the reading's signal where
        higher, and, when its score is above the peak, becomes the peak. Severity is
        critical once the peak reaches `critical`; a new incident that is critical at
        once alerts "opened" with severity critical, an open one that becomes critical
        alerts "escalated". A reopened incident that becomes critical escalates too.
        """
        # BEGIN SOLUTION (task 4): open, reopen within the cooldown, extend or close; then alert
        # BEGIN PROMPT
        # current = self.incidents[-1] if self.incidents else None
        # alert = None  # the reason of the alert this score raises, if any
        # ...  # none open: below on, return None; within the cooldown, reopen current;
        # ...  # else a new Incident, appended, and alert = "opened"
        # ...  # one open: below off, close it and return None
        # self._extend(current, score)
        # ...  # a warning whose peak reached critical turns critical: "escalated" unless opened
        # # Return None without an alert; else append the Alert to self.alerts and return it.
        # END PROMPT
        current = self.incidents[-1] if self.incidents else None
        alert = None
        if current is None or not current.open:
            if score.score < self.on:
                return None
            if current is not None and score.time - current.end <= self.cooldown:
                current.open = True
                current.reopened += 1
            else:
                current = Incident(
                    id=len(self.incidents) + 1,
                    start=score.time,
                    end=score.time,
                    peak_time=score.time,
                    peak_score=score.score,
                    severity=WARNING_LEVEL,
                )
                self.incidents.append(current)
                alert = "opened"
        elif score.score < self.off:
            current.open = False
            return None
        self._extend(current, score)
        if current.severity == WARNING_LEVEL and current.peak_score >= self.critical:
            current.severity = CRITICAL_LEVEL
            alert = alert or "escalated"
        if alert is None:
            return None
        self.alerts.append(Alert(current.id, score.time, current.severity, alert))
        return self.alerts[-1]
        # END SOLUTION

    @staticmethod
    def _extend(incident: Incident, score: Score) -> None:
        """Add one reading to an incident: its end, its count, its signals and its peak."""
        # BEGIN SOLUTION (task 4): end, readings, the largest of each signal, the peak
        incident.end = score.time
        incident.readings += 1
        for name, value in score.signals.items():
            incident.signals[name] = max(incident.signals.get(name, value), value)
        if score.score > incident.peak_score:
            incident.peak_score, incident.peak_time = score.score, score.time
        # END SOLUTION

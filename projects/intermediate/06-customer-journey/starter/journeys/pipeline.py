"""The whole system, part after part: log -> clean events -> sessions -> funnel and
attribution -> report. Provided: it only calls the functions of the tasks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from journeys.attribution import (
    RULES,
    attribution_error,
    markov_removal,
    rule_based,
    shapley,
    user_paths,
)
from journeys.cleaning import CleanLog, clean_log
from journeys.funnel import funnel
from journeys.report import write_report
from journeys.sessions import session_table, sessionise
from journeys.simulator import CHANNELS


@dataclass(frozen=True)
class Analysis:
    """What the pipeline found: the cleaned log, the funnel table, and the credits of
    each attribution method (a Series per method, indexed by channel)."""

    clean: CleanLog
    funnel: pd.DataFrame
    credits: dict[str, pd.Series]

    def shares(self, truth: pd.Series | None = None) -> pd.DataFrame:
        """A table of shares: a `channel` column, one column per method (and `truth`)."""
        table = pd.DataFrame({name: c / c.sum() for name, c in self.credits.items()})
        if truth is not None:
            table["truth"] = truth
        return table.reindex(list(CHANNELS)).rename_axis("channel").reset_index()

    def errors(self, truth: pd.Series) -> dict[str, float]:
        """Each method's attribution error against the truth."""
        return {name: attribution_error(truth, c) for name, c in self.credits.items()}


def analyse(log: pd.DataFrame) -> Analysis:
    """Run every part on a raw log."""
    clean = clean_log(log)
    sessions = sessionise(clean.events)
    paths = user_paths(session_table(sessions))
    credits = {rule: rule_based(paths, rule) for rule in RULES}
    credits["shapley"] = shapley(paths)
    credits["markov_removal"] = markov_removal(paths)
    return Analysis(clean=clean, funnel=funnel(sessions), credits=credits)


def report(log: pd.DataFrame, path: Path, truth: pd.Series | None = None) -> Analysis:
    """Analyse the log and write the HTML report to `path`."""
    analysis = analyse(log)
    write_report(path, analysis.funnel, analysis.shares(truth))
    return analysis

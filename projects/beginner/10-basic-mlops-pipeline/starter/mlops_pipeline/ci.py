"""The CI job: every config a change touches goes through the pipeline, and a worse model
fails the job, as a failing test fails a merge.

`python -m mlops_pipeline CONFIG ...` runs `ci_job` and exits with its status; the nox
session in ci/noxfile.py and the GitHub Actions workflow in ci/model-pipeline.yml run
that command. On GitHub the job also writes its summary, a markdown table shown on the
run's page, to the file named by the GITHUB_STEP_SUMMARY variable.
"""

import sys
from collections.abc import Sequence
from pathlib import Path

from mlops_pipeline.artefacts import ArtefactError
from mlops_pipeline.config import ConfigError
from mlops_pipeline.pipeline import Outcome, PipelineError, run_pipeline
from mlops_pipeline.registry import RegistryError

# The job's exit statuses, which CI acts on: anything but PROMOTED fails the job.
PROMOTED, REFUSED, BAD_INPUT = 0, 1, 2
# What a run may raise that is the input's fault (a config, the data, an artefact or the
# registry), not a bug: the job reports it and goes on with the next config.
RUN_ERRORS = (ConfigError, PipelineError, ArtefactError, RegistryError)
SUMMARY_HEADER = (
    "| Config | Model | Version | Verdict | Candidate | Production |\n|---|---|---|---|---|---|\n"
)


def verdict(outcome: Outcome) -> str:
    """What the gate did with the candidate, in two words."""
    return "promoted to production" if outcome.decision.promote else "refused"


def outcome_line(outcome: Outcome) -> str:
    """The line the job prints for a run, e.g. `penguin-species version 2 (ecdbc46beb95):
    refused: the candidate's held-out accuracy ...`."""
    candidate = outcome.candidate
    return (
        f"{candidate.name} version {candidate.version} ({candidate.content_version}): "
        f"{verdict(outcome)}: {outcome.decision.reason}"
    )


def summary_row(config_path: Path, outcome: Outcome | None) -> str:
    """The summary table's row for a run; a run that failed (outcome None) is an error row."""
    if outcome is None:
        return f"| `{config_path}` | | | error | | |\n"
    candidate, decision = outcome.candidate, outcome.decision
    production = "" if decision.production_score is None else f"{decision.production_score:.4f}"
    return (
        f"| `{config_path}` | {candidate.name} | {candidate.version} ({candidate.content_version})"
        f" | {verdict(outcome)} | {decision.candidate_score:.4f} | {production} |\n"
    )


def ci_job(
    config_paths: Sequence[Path],
    registry_path: Path,
    artefact_root: Path,
    summary: Path | None = None,
) -> int:
    """Run the pipeline for each config, in the order given, and return the job's status.

    Print `outcome_line` of each run on stdout. A run that raises one of RUN_ERRORS is
    reported on stderr as `error: CONFIG_PATH: the error`, and the job goes on with the
    next config, so that one broken file does not hide the verdict on the others. The
    status is the worst of the runs: BAD_INPUT if any run failed, else REFUSED if the
    gate refused any candidate, else PROMOTED (also for no config at all). When summary
    is given, append SUMMARY_HEADER and one `summary_row` per config to that file
    (keeping what it held), as UTF-8 whatever the machine's locale.
    """
    raise NotImplementedError(
        "Task 8: run each config, print its line or error; the worst status wins"
    )

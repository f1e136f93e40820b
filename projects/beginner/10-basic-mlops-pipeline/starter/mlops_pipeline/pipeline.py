"""The pipeline CI runs: train, version, register, validate and promote, from one config.

    python -m mlops_pipeline CONFIG [--registry FILE] [--artefacts DIR]

Exit status: 0 when the candidate is (or already was) production, 1 when the gate
refuses it (CI fails on a worse model), 2 when the config, the data or an artefact is
unusable.
"""

import argparse
import sys
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

import pandas as pd

from mlops_pipeline.artefacts import ArtefactError, save_artefact
from mlops_pipeline.config import ConfigError, load_config
from mlops_pipeline.data import load_penguins
from mlops_pipeline.gate import Decision, data_problems, decide
from mlops_pipeline.registry import ModelRegistry, ModelVersion, RegistryError
from mlops_pipeline.training import accuracy, split_data, train
from mlops_pipeline.versioning import (
    fingerprint_code,
    fingerprint_data,
    fingerprint_params,
    model_version,
)

STAGING, PRODUCTION = "staging", "production"
DEFAULT_REGISTRY = Path("models/registry.db")
DEFAULT_ARTEFACTS = Path("models/artefacts")
# Exit statuses of the command line, which CI acts on.
PROMOTED, REFUSED, BAD_INPUT = 0, 1, 2
LIBRARIES = ("scikit-learn", "skops", "pandas", "numpy")


class PipelineError(Exception):
    """A run that cannot go on: its data fails the checks."""


@dataclass(frozen=True)
class Outcome:
    """The candidate registered by a run, and the gate's decision on it."""

    candidate: ModelVersion
    decision: Decision


def run_pipeline(
    config_path: Path,
    registry_path: Path,
    artefact_root: Path,
    frame: pd.DataFrame | None = None,
) -> Outcome:
    """One run: check the data (the penguins unless a frame is given), split, train, save the
    artefact under its content version with its metrics and lineage, register it as a
    version and point "staging" at it; then judge it and production's model (both loaded
    from the registry) on this run's held-out rows, and point "production" at it if the
    gate says so. A candidate that already is production is kept, with no second vote.

    Raise PipelineError when data_problems finds any, before anything is trained.
    """
    raise NotImplementedError("Task 6: the steps in order, each through the function that does it")


def main(argv: list[str] | None = None) -> int:
    """The command line: run the pipeline, say what happened, and return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m mlops_pipeline", description=__doc__)
    parser.add_argument("config", type=Path, help="the TOML training config")
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY)
    parser.add_argument("--artefacts", type=Path, default=DEFAULT_ARTEFACTS)
    arguments = parser.parse_args(argv)
    try:
        outcome = run_pipeline(arguments.config, arguments.registry, arguments.artefacts)
    except (ConfigError, PipelineError, ArtefactError, RegistryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return BAD_INPUT
    candidate, decision = outcome.candidate, outcome.decision
    verdict = "promoted to production" if decision.promote else "refused"
    print(
        f"{candidate.name} version {candidate.version} ({candidate.content_version}): "
        f"{verdict}: {decision.reason}"
    )
    return PROMOTED if decision.promote else REFUSED

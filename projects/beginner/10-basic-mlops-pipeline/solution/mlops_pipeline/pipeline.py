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
    # BEGIN SOLUTION (task 6): the steps in order, each through the function that does it
    config = load_config(config_path)
    frame = load_penguins() if frame is None else frame
    problems = data_problems(frame)
    if problems:
        raise PipelineError("the data fails its checks: " + "; ".join(problems))
    split = split_data(frame, config.holdout_fraction, config.seed)
    result = train(config, split.train)
    hashes = {
        "data": fingerprint_data(frame),
        "code": fingerprint_code(),
        "params": fingerprint_params(config.params()),
    }
    version = model_version(hashes["data"], hashes["code"], hashes["params"])
    metrics = result.metrics | {"holdout_accuracy": accuracy(result.model, split.holdout)}
    lineage = {
        "config": str(Path(config_path).resolve()),
        "params": config.params(),
        "libraries": {library: package_version(library) for library in LIBRARIES},
    }
    artefact = save_artefact(
        result.model, artefact_root, version, {"hashes": hashes, "metrics": metrics} | lineage
    )
    registry = ModelRegistry(registry_path)
    candidate = registry.register(config.name, artefact)
    registry.promote(config.name, STAGING, candidate.version)

    candidate_score = accuracy(registry.load_model(config.name, candidate.version), split.holdout)
    try:
        production = registry.get(config.name, alias=PRODUCTION)
    except RegistryError:
        production = None
    if production is not None and production.version == candidate.version:
        reason = f"version {candidate.version} is already production"
        return Outcome(candidate, Decision(True, reason, candidate_score, candidate_score))
    production_score = (
        None
        if production is None
        else accuracy(registry.load_model(config.name, production.version), split.holdout)
    )
    decision = decide(candidate_score, production_score, config.promotion_margin)
    if decision.promote:
        registry.promote(config.name, PRODUCTION, candidate.version)
    return Outcome(candidate, decision)
    # END SOLUTION


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

"""The pipeline of one config: check the data, train, version, register, judge and promote.

`run_pipeline` is one run, in three steps: `run_pipeline` itself checks the data and
splits it, `save_candidate` trains and stores the artefact under its content version,
and after registering it as "staging", `judge` decides whether it becomes "production".
The CI job (ci.py) runs it for each config a change touches.
"""

from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

import pandas as pd

from mlops_pipeline.artefacts import save_artefact
from mlops_pipeline.config import TrainConfig, load_config
from mlops_pipeline.data import load_penguins
from mlops_pipeline.gate import Decision, data_problems, decide
from mlops_pipeline.registry import ModelRegistry, ModelVersion, RegistryError
from mlops_pipeline.training import Split, accuracy, split_data, train
from mlops_pipeline.versioning import (
    fingerprint_code,
    fingerprint_data,
    fingerprint_params,
    model_version,
)

STAGING, PRODUCTION = "staging", "production"
LIBRARIES = ("scikit-learn", "skops", "pandas", "numpy")


class PipelineError(Exception):
    """A run that cannot go on: its data fails the checks."""


@dataclass(frozen=True)
class Outcome:
    """The candidate registered by a run, and the gate's decision on it."""

    candidate: ModelVersion
    decision: Decision


def save_candidate(
    config: TrainConfig, config_path: Path, frame: pd.DataFrame, split: Split, artefact_root: Path
) -> Path:
    """Train the config's model on split.train and save it as an artefact; return its folder.

    The artefact is saved under the model_version of three hashes: of the whole frame,
    of the package's code and of config.params(). Its metadata holds "hashes" (the three,
    keyed "data", "code" and "params"), "metrics" (train's metrics plus
    "holdout_accuracy" on split.holdout) and the lineage: "config" (the config file's
    absolute path), "params" and "libraries" (the version of each of LIBRARIES).
    """
    # BEGIN SOLUTION (task 7): train, hash the three inputs, then save the artefact with metadata
    result = train(config, split.train)
    hashes = {
        "data": fingerprint_data(frame),
        "code": fingerprint_code(),
        "params": fingerprint_params(config.params()),
    }
    version = model_version(hashes["data"], hashes["code"], hashes["params"])
    metrics = result.metrics | {"holdout_accuracy": accuracy(result.model, split.holdout)}
    metadata = {
        "hashes": hashes,
        "metrics": metrics,
        "config": str(Path(config_path).resolve()),
        "params": config.params(),
        "libraries": {library: package_version(library) for library in LIBRARIES},
    }
    return save_artefact(result.model, artefact_root, version, metadata)
    # END SOLUTION


def judge(
    registry: ModelRegistry, candidate: ModelVersion, holdout: pd.DataFrame, margin: float
) -> Decision:
    """Decide whether the registered candidate replaces production, and promote it if so.

    Score the candidate and production's model (both loaded from the registry, as
    production would run them) on the same held-out rows, and let `decide` choose. A
    candidate that already is production is kept with no second vote: promote=True, both
    scores the candidate's, and a reason that says so. Without a production model, the
    production score is None.
    """
    # BEGIN SOLUTION (task 7): score both from the registry, decide, promote to production on a win
    name = candidate.name
    candidate_score = accuracy(registry.load_model(name, candidate.version), holdout)
    try:
        production = registry.get(name, alias=PRODUCTION)
    except RegistryError:
        production = None
    if production is not None and production.version == candidate.version:
        reason = f"version {candidate.version} is already production"
        return Decision(True, reason, candidate_score, candidate_score)
    production_score = (
        None
        if production is None
        else accuracy(registry.load_model(name, production.version), holdout)
    )
    decision = decide(candidate_score, production_score, margin)
    if decision.promote:
        registry.promote(name, PRODUCTION, candidate.version)
    return decision
    # END SOLUTION


def run_pipeline(
    config_path: Path,
    registry_path: Path,
    artefact_root: Path,
    frame: pd.DataFrame | None = None,
) -> Outcome:
    """One run of a config: check the data (the penguins unless a frame is given), split it,
    save the candidate (save_candidate), register it in the registry at registry_path and
    point "staging" at it, then judge it on the split's held-out rows with the config's
    promotion margin.

    Raise PipelineError, listing what data_problems found, before anything is trained.
    """
    # BEGIN SOLUTION (task 7): load, check and split; save the candidate; register, stage, judge
    config = load_config(config_path)
    frame = load_penguins() if frame is None else frame
    problems = data_problems(frame)
    if problems:
        raise PipelineError("the data fails its checks: " + "; ".join(problems))
    split = split_data(frame, config.holdout_fraction, config.seed)
    artefact = save_candidate(config, config_path, frame, split, artefact_root)
    registry = ModelRegistry(registry_path)
    candidate = registry.register(config.name, artefact)
    registry.promote(config.name, STAGING, candidate.version)
    return Outcome(candidate, judge(registry, candidate, split.holdout, config.promotion_margin))
    # END SOLUTION

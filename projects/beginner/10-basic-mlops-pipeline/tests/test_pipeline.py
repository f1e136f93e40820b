"""Task 7: the pipeline of one config: a better model is promoted, a worse one is refused."""

from importlib.metadata import version as version_of
from pathlib import Path

import pytest
from config_files import write_config

from mlops_pipeline.pipeline import LIBRARIES, PipelineError, run_pipeline
from mlops_pipeline.registry import ModelRegistry

NAME = "penguin-species"
WEAK_FEATURES = ["body_mass_g"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A registry and artefact folder that outlive one run, as a CI's store would."""
    root = tmp_path_factory.mktemp("store")
    return root / "registry.db", root / "artefacts"


@pytest.fixture(scope="module")
def first_run(store, tmp_path_factory):
    """Your pipeline on the reference config, against an empty registry."""
    config = write_config(tmp_path_factory.mktemp("configs") / "all.toml")
    return run_pipeline(config, *store)


@pytest.mark.task(7)
def test_the_first_model_goes_to_production(first_run, store):
    assert first_run.decision.promote, (
        f"Task 7: with no production model the first candidate should be promoted, got "
        f"{first_run.decision}"
    )
    registry = ModelRegistry(store[0])
    production = registry.get(NAME, alias="production")
    staging = registry.get(NAME, alias="staging")
    assert production.version == staging.version == first_run.candidate.version == 1, (
        f"Task 7: version 1 should be registered and be both staging and production, got "
        f"production {production.version}, staging {staging.version}"
    )
    assert "holdout_accuracy" in production.metrics, (
        f"Task 7: the artefact's metrics should hold holdout_accuracy, got {production.metrics}"
    )


@pytest.mark.task(7)
def test_the_artefact_records_its_hashes_metrics_and_lineage(
    first_run, penguins, base_config, split, trained
):
    from mlops_pipeline.artefacts import read_metadata
    from mlops_pipeline.training import accuracy
    from mlops_pipeline.versioning import (
        fingerprint_code,
        fingerprint_data,
        fingerprint_params,
        model_version,
    )

    metadata = read_metadata(first_run.candidate.artefact)
    expected = {
        "data": fingerprint_data(penguins),
        "code": fingerprint_code(),
        "params": fingerprint_params(base_config.params()),
    }
    assert metadata.get("hashes") == expected, (
        "Task 7: metadata['hashes'] should hold the data hash of the whole frame, the code "
        f"hash of the package and the hash of config.params(), got {metadata.get('hashes')}"
    )
    version = model_version(expected["data"], expected["code"], expected["params"])
    assert first_run.candidate.content_version == metadata["version"] == version, (
        f"Task 7: the version should be model_version(data, code, params) = {version}, got "
        f"{metadata['version']}"
    )
    metrics = trained.metrics | {"holdout_accuracy": accuracy(trained.model, split.holdout)}
    assert metadata.get("metrics") == pytest.approx(metrics), (
        f"Task 7: the metrics should be train's plus holdout_accuracy on the held-out rows, "
        f"{metrics}, got {metadata.get('metrics')}"
    )
    assert metadata.get("params") == base_config.params(), (
        f"Task 7: the lineage should record config.params(), got {metadata.get('params')}"
    )
    config = Path(metadata.get("config", ""))
    assert config.is_absolute() and config.name == "all.toml", (
        f"Task 7: the lineage should record the config file's absolute path, got {config}"
    )
    libraries = {library: version_of(library) for library in LIBRARIES}
    assert metadata.get("libraries") == libraries, (
        f"Task 7: record the version of each of LIBRARIES, {libraries}, got "
        f"{metadata.get('libraries')}"
    )


@pytest.mark.task(7)
def test_the_same_inputs_make_the_same_version(first_run, store, tmp_path):
    again = run_pipeline(write_config(tmp_path / "same.toml"), *store)
    assert again.candidate.version == first_run.candidate.version, (
        "Task 7: running again on the same data, code and config should find the same "
        f"version {first_run.candidate.version}, got version {again.candidate.version}"
    )
    decision = again.decision
    assert decision.promote is True and "already production" in decision.reason, (
        "Task 7: the model already in production should stay there (promote=True, a reason "
        f"that says it is already production), got {decision}"
    )
    assert decision.production_score == decision.candidate_score, (
        f"Task 7: a candidate that is production is compared with itself, got {decision}"
    )


@pytest.mark.task(7)
def test_a_worse_model_is_refused_and_leaves_production_alone(first_run, store, tmp_path):
    weak = run_pipeline(write_config(tmp_path / "weak.toml", features=WEAK_FEATURES), *store)
    assert not weak.decision.promote, (
        f"Task 7: a body-mass-only candidate should be refused by the gate, got {weak.decision}"
    )
    registry = ModelRegistry(store[0])
    assert registry.get(NAME, alias="production").version == first_run.candidate.version, (
        "Task 7: a refused candidate must leave production where it was"
    )
    staging = registry.get(NAME, alias="staging")
    assert staging.version == weak.candidate.version > first_run.candidate.version, (
        "Task 7: the refused candidate is still registered, and staging points at it"
    )
    production_score = first_run.candidate.metrics["holdout_accuracy"]
    assert weak.decision.production_score == pytest.approx(production_score), (
        "Task 7: judge production's model on the same held-out rows: its score should be its "
        f"recorded holdout_accuracy {production_score:.4f}, got {weak.decision.production_score}"
    )


@pytest.mark.task(7)
def test_a_better_model_replaces_production(tmp_path):
    registry_path, artefacts = tmp_path / "registry.db", tmp_path / "artefacts"
    weak_config = write_config(tmp_path / "weak.toml", features=WEAK_FEATURES)
    weak = run_pipeline(weak_config, registry_path, artefacts)
    strong = run_pipeline(write_config(tmp_path / "all.toml"), registry_path, artefacts)
    assert weak.decision.promote and strong.decision.promote, (
        f"Task 7: a better candidate should replace a weaker production model, got "
        f"{strong.decision}"
    )
    production = ModelRegistry(registry_path).get(NAME, alias="production")
    assert production.version == strong.candidate.version == 2


@pytest.mark.task(7)
def test_bad_data_stops_the_run_before_anything_is_registered(penguins, tmp_path):
    frame = penguins.copy()
    frame["body_mass_g"] = frame["body_mass_g"] / 1000
    registry_path = tmp_path / "registry.db"
    with pytest.raises(PipelineError, match="body_mass_g"):
        run_pipeline(write_config(tmp_path / "all.toml"), registry_path, tmp_path / "a", frame)
    assert not registry_path.exists() or ModelRegistry(registry_path).versions(NAME) == [], (
        "Task 7: a run on bad data must register nothing"
    )


@pytest.mark.task(7)
def test_a_bad_config_stops_the_run(tmp_path):
    from mlops_pipeline.config import ConfigError

    with pytest.raises(ConfigError, match="C"):
        run_pipeline(write_config(tmp_path / "bad.toml", C="strong"), tmp_path / "r.db", tmp_path)

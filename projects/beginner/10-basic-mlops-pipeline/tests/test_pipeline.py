"""Task 6: the whole pipeline, as CI runs it: a better model is promoted, a worse one fails."""

import pytest
from config_files import write_config

from mlops_pipeline.pipeline import PipelineError, main, run_pipeline
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


@pytest.mark.task(6)
def test_the_first_model_goes_to_production(first_run, store):
    assert first_run.decision.promote, (
        f"Task 6: with no production model the first candidate should be promoted, got "
        f"{first_run.decision}"
    )
    registry = ModelRegistry(store[0])
    production = registry.get(NAME, alias="production")
    staging = registry.get(NAME, alias="staging")
    assert production.version == staging.version == first_run.candidate.version == 1, (
        f"Task 6: version 1 should be registered and be both staging and production, got "
        f"production {production.version}, staging {staging.version}"
    )
    assert "holdout_accuracy" in production.metrics, (
        f"Task 6: the artefact's metrics should hold holdout_accuracy, got {production.metrics}"
    )


@pytest.mark.task(6)
def test_the_artefact_records_its_lineage(first_run):
    from mlops_pipeline.artefacts import read_metadata

    metadata = read_metadata(first_run.candidate.artefact)
    hashes = metadata.get("hashes", {})
    assert set(hashes) >= {"data", "code", "params"}, (
        f"Task 6: the metadata should record the data, code and params hashes, got {hashes}"
    )
    assert first_run.candidate.content_version == metadata["version"], (
        "Task 6: the registered content version should be the artefact's version"
    )


@pytest.mark.task(6)
def test_the_same_inputs_make_the_same_version(first_run, store, tmp_path):
    again = run_pipeline(write_config(tmp_path / "same.toml"), *store)
    assert again.candidate.version == first_run.candidate.version, (
        "Task 6: running again on the same data, code and config should find the same "
        f"version {first_run.candidate.version}, got version {again.candidate.version}"
    )
    assert again.decision.promote, (
        f"Task 6: the model already in production should stay there, got {again.decision}"
    )


@pytest.mark.task(6)
def test_a_worse_model_is_refused_and_fails_the_command(first_run, store, tmp_path, capsys):
    config = write_config(tmp_path / "weak.toml", features=WEAK_FEATURES)
    registry_path, artefacts = store
    status = main([str(config), "--registry", str(registry_path), "--artefacts", str(artefacts)])
    printed = capsys.readouterr().out
    assert status == 1, (
        f"Task 6: a worse candidate should make the command exit with 1 so CI fails, got "
        f"{status}; it printed {printed!r}"
    )
    assert "refused" in printed, f"Task 6: say the candidate was refused, got {printed!r}"
    registry = ModelRegistry(registry_path)
    assert registry.get(NAME, alias="production").version == first_run.candidate.version, (
        "Task 6: a refused candidate must leave production where it was"
    )
    weak = registry.get(NAME, alias="staging")
    assert weak.version > first_run.candidate.version, (
        "Task 6: the refused candidate is still registered, and staging points at it"
    )


@pytest.mark.task(6)
def test_a_better_model_replaces_production(tmp_path):
    registry_path, artefacts = tmp_path / "registry.db", tmp_path / "artefacts"
    weak_config = write_config(tmp_path / "weak.toml", features=WEAK_FEATURES)
    weak = run_pipeline(weak_config, registry_path, artefacts)
    strong = run_pipeline(write_config(tmp_path / "all.toml"), registry_path, artefacts)
    assert weak.decision.promote and strong.decision.promote, (
        f"Task 6: a better candidate should replace a weaker production model, got "
        f"{strong.decision}"
    )
    production = ModelRegistry(registry_path).get(NAME, alias="production")
    assert production.version == strong.candidate.version == 2


@pytest.mark.task(6)
def test_bad_data_stops_the_run_before_anything_is_registered(penguins, tmp_path):
    frame = penguins.copy()
    frame["body_mass_g"] = frame["body_mass_g"] / 1000
    registry_path = tmp_path / "registry.db"
    with pytest.raises(PipelineError, match="body_mass_g"):
        run_pipeline(write_config(tmp_path / "all.toml"), registry_path, tmp_path / "a", frame)
    assert not registry_path.exists() or ModelRegistry(registry_path).versions(NAME) == [], (
        "Task 6: a run on bad data must register nothing"
    )


@pytest.mark.task(6)
def test_a_bad_config_exits_with_2_and_a_message(tmp_path, capsys):
    config = write_config(tmp_path / "bad.toml", C="strong")
    status = main([str(config), "--registry", str(tmp_path / "r.db")])
    error = capsys.readouterr().err
    assert status == 2 and "C" in error, (
        f"Task 6: a bad config should exit with 2 and say why on stderr, got {status}: {error!r}"
    )

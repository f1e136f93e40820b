"""Task 3: content-hashed versions, and artefacts that are checked before they are loaded."""

import json
import shutil

import pytest
import skops.io as sio

from mlops_pipeline import versioning
from mlops_pipeline.artefacts import (
    METADATA_FILE,
    MODEL_FILE,
    ArtefactError,
    load_artefact,
    read_metadata,
    save_artefact,
)
from mlops_pipeline.versioning import (
    fingerprint_code,
    fingerprint_data,
    fingerprint_params,
    model_version,
)

HEX_DIGITS = set("0123456789abcdef")


@pytest.mark.task(3)
def test_the_data_fingerprint_sees_every_cell(penguins):
    digest = fingerprint_data(penguins)
    assert fingerprint_data(penguins.copy()) == digest, (
        "Task 3: the same data should give the same fingerprint"
    )
    changed = penguins.copy()
    changed.loc[changed.index[200], "body_mass_g"] += 1
    assert fingerprint_data(changed) != digest, (
        "Task 3: one gram more on one penguin should change the data fingerprint"
    )
    assert fingerprint_data(penguins.iloc[::-1]) != digest, (
        "Task 3: reordered rows are other data for a seeded split: the fingerprint should change"
    )


@pytest.mark.task(3)
def test_the_code_fingerprint_covers_the_python_files_only(tmp_path):
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "model.py").write_text("C = 1\n")
    (package / "sub" / "steps.py").write_text("STEPS = 3\n")
    digest = fingerprint_code(package)
    moved = tmp_path / "elsewhere" / "package"
    shutil.copytree(package, moved)
    (moved / "notes.txt").write_text("not code")
    assert fingerprint_code(moved) == digest, (
        "Task 3: the same .py files elsewhere (and a non-.py file beside them) should give the "
        "same code fingerprint: hash paths relative to the package"
    )
    (moved / "sub" / "steps.py").write_text("STEPS = 4\n")
    assert fingerprint_code(moved) != digest, (
        "Task 3: changing the code of a file in a subfolder should change the fingerprint"
    )
    (moved / "sub" / "steps.py").write_text("STEPS = 3\n")
    (moved / "sub" / "steps.py").rename(moved / "sub" / "stages.py")
    assert fingerprint_code(moved) != digest, (
        "Task 3: renaming a file should change the code fingerprint: hash its path too"
    )


@pytest.mark.task(3)
def test_the_params_fingerprint_ignores_key_order():
    params = {"C": 1.0, "features": ["sex"], "seed": 0}
    reordered = {"seed": 0, "features": ["sex"], "C": 1.0}
    assert fingerprint_params(params) == fingerprint_params(reordered), (
        "Task 3: the same parameters in another key order should give the same fingerprint"
    )
    assert fingerprint_params(params) != fingerprint_params(params | {"C": 2.0}), (
        "Task 3: another C should change the parameters' fingerprint"
    )


@pytest.mark.task(3)
def test_the_version_is_a_short_hash_of_all_three():
    hashes = ("a" * 64, "b" * 64, "c" * 64)
    version = model_version(*hashes)
    assert (
        isinstance(version, str)
        and len(version) == versioning.VERSION_LENGTH
        and set(version) <= HEX_DIGITS
    ), f"Task 3: a version is {versioning.VERSION_LENGTH} hex digits, got {version!r}"
    assert model_version(*hashes) == version, "Task 3: the same inputs give the same version"
    for changed in range(3):
        other = list(hashes)
        other[changed] = "d" * 64
        assert model_version(*other) != version, (
            f"Task 3: changing hash number {changed + 1} (data, code, params) should change "
            "the version"
        )
    assert model_version("ab", "c", "d") != model_version("a", "bc", "d"), (
        "Task 3: keep the three hashes apart (a separator) so that shifted text cannot collide"
    )


@pytest.fixture
def artefact(trained, tmp_path):
    """Your trained model saved by your save_artefact."""
    return save_artefact(trained.model, tmp_path / "artefacts", "0123456789ab", {"metrics": {}})


@pytest.mark.task(3)
def test_an_artefact_holds_the_model_beside_its_metadata(artefact, trained, split):
    assert artefact.name == "0123456789ab" and artefact.is_dir(), (
        f"Task 3: save_artefact should return the folder root/version, got {artefact}"
    )
    metadata = json.loads((artefact / METADATA_FILE).read_text())
    assert metadata.get("version") == "0123456789ab" and "model_sha256" in metadata, (
        f"Task 3: metadata.json should record the version and model_sha256, got {metadata}"
    )
    model, loaded = load_artefact(artefact)
    features = split.holdout[list(trained.model.feature_names_in_)]
    assert (model.predict(features) == trained.model.predict(features)).all(), (
        "Task 3: the loaded model should predict exactly as the saved one"
    )
    assert loaded == metadata, "Task 3: load_artefact should return the metadata it checked"
    leftovers = [path.name for path in artefact.parent.iterdir() if path != artefact]
    assert not leftovers, f"Task 3: only the artefact's folder should remain, found {leftovers}"


@pytest.mark.task(3)
def test_saving_the_same_version_again_keeps_the_first(artefact, trained):
    before = (artefact / METADATA_FILE).read_text()
    again = save_artefact(trained.model, artefact.parent, artefact.name, {"metrics": {"x": 1}})
    assert again == artefact and (artefact / METADATA_FILE).read_text() == before, (
        "Task 3: the same version means the same inputs: keep the existing artefact as it is"
    )


def tamper_model(artefact):
    content = bytearray((artefact / MODEL_FILE).read_bytes())
    content[len(content) // 2] ^= 0xFF
    (artefact / MODEL_FILE).write_bytes(bytes(content))


def drop_model(artefact):
    (artefact / MODEL_FILE).unlink()


def break_metadata(artefact):
    (artefact / METADATA_FILE).write_text("{not json")


def drop_metadata(artefact):
    (artefact / METADATA_FILE).unlink()


@pytest.mark.task(3)
@pytest.mark.parametrize("damage", [tamper_model, drop_model, break_metadata, drop_metadata])
def test_a_damaged_artefact_is_a_clear_error_and_never_loaded(artefact, damage, monkeypatch):
    calls = []
    monkeypatch.setattr(sio, "load", lambda *args, **kwargs: calls.append(args))
    damage(artefact)
    with pytest.raises(ArtefactError) as caught:
        load_artefact(artefact)
    assert str(artefact) in str(caught.value), (
        f"Task 3: the error should name the artefact's folder, got {caught.value}"
    )
    assert not calls, "Task 3: check the artefact before loading: sio.load must not be called"
    with pytest.raises(ArtefactError):
        read_metadata(artefact)


class Untrusted:
    """A type that no allow-list trusts: loading it could run its code."""


@pytest.mark.task(3)
def test_a_rehashed_file_of_untrusted_types_is_refused(artefact):
    sio.dump({"payload": Untrusted()}, artefact / MODEL_FILE)
    metadata = json.loads((artefact / METADATA_FILE).read_text())
    metadata["model_sha256"] = versioning.sha256_hex((artefact / MODEL_FILE).read_bytes())
    (artefact / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ArtefactError, match="loaded safely|trusted|Untrusted"):
        load_artefact(artefact)

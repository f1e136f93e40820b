"""Task 4: artefacts on disk, the model beside its metadata, checked before they are loaded."""

import json

import pytest
import skops.io as sio
from locales import ascii_locale

from mlops_pipeline import versioning
from mlops_pipeline.artefacts import (
    METADATA_FILE,
    MODEL_FILE,
    ArtefactError,
    load_artefact,
    read_metadata,
    save_artefact,
)


@pytest.fixture
def artefact(trained, tmp_path):
    """Your trained model saved by your save_artefact."""
    return save_artefact(trained.model, tmp_path / "artefacts", "0123456789ab", {"metrics": {}})


@pytest.mark.task(4)
def test_an_artefact_holds_the_model_beside_its_metadata(artefact, trained, split):
    assert artefact.name == "0123456789ab" and artefact.is_dir(), (
        f"Task 4: save_artefact should return the folder root/version, got {artefact}"
    )
    metadata = json.loads((artefact / METADATA_FILE).read_text())
    assert metadata.get("version") == "0123456789ab" and "model_sha256" in metadata, (
        f"Task 4: metadata.json should record the version and model_sha256, got {metadata}"
    )
    model, loaded = load_artefact(artefact)
    features = split.holdout[list(trained.model.feature_names_in_)]
    assert (model.predict(features) == trained.model.predict(features)).all(), (
        "Task 4: the loaded model should predict exactly as the saved one"
    )
    assert loaded == metadata, "Task 4: load_artefact should return the metadata it checked"
    leftovers = [path.name for path in artefact.parent.iterdir() if path != artefact]
    assert not leftovers, f"Task 4: only the artefact's folder should remain, found {leftovers}"


@pytest.mark.task(4)
def test_versions_share_a_root_that_did_not_exist(trained, tmp_path):
    root = tmp_path / "store" / "artefacts"  # neither folder exists yet
    first = save_artefact(trained.model, root, "aaaaaaaaaaaa", {"metrics": {"cv_accuracy": 1}})
    second = save_artefact(trained.model, root, "bbbbbbbbbbbb", {"note": "second"})
    assert sorted(path.name for path in root.iterdir()) == [first.name, second.name], (
        "Task 4: save_artefact should make the root and its parents if need be, and keep "
        f"each version in its own folder under it, got {sorted(root.iterdir())}"
    )
    metadata = read_metadata(second)
    assert metadata.get("note") == "second" and metadata.get("version") == "bbbbbbbbbbbb", (
        f"Task 4: the metadata written is the given metadata plus the version, got {metadata}"
    )
    assert read_metadata(first).get("metrics") == {"cv_accuracy": 1}


@pytest.mark.task(4)
def test_saving_the_same_version_again_keeps_the_first(artefact, trained):
    before = (artefact / METADATA_FILE).read_text()
    again = save_artefact(trained.model, artefact.parent, artefact.name, {"metrics": {"x": 1}})
    assert again == artefact and (artefact / METADATA_FILE).read_text() == before, (
        "Task 4: the same version means the same inputs: keep the existing artefact as it is"
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


@pytest.mark.task(4)
@pytest.mark.parametrize("damage", [tamper_model, drop_model, break_metadata, drop_metadata])
def test_a_damaged_artefact_is_a_clear_error_and_never_loaded(artefact, damage, monkeypatch):
    calls = []
    monkeypatch.setattr(sio, "load", lambda *args, **kwargs: calls.append(args))
    damage(artefact)
    with pytest.raises(ArtefactError) as caught:
        load_artefact(artefact)
    assert str(artefact) in str(caught.value), (
        f"Task 4: the error should name the artefact's folder, got {caught.value}"
    )
    assert not calls, "Task 4: check the artefact before loading: sio.load must not be called"
    with pytest.raises(ArtefactError):
        read_metadata(artefact)


class Untrusted:
    """A type that no allow-list trusts: loading it could run its code."""


@pytest.mark.task(4)
def test_a_rehashed_file_of_untrusted_types_is_refused(artefact):
    sio.dump({"payload": Untrusted()}, artefact / MODEL_FILE)
    metadata = json.loads((artefact / METADATA_FILE).read_text())
    metadata["model_sha256"] = versioning.sha256_hex((artefact / MODEL_FILE).read_bytes())
    (artefact / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ArtefactError, match="loaded safely|trusted|Untrusted"):
        load_artefact(artefact)


@pytest.mark.task(4)
def test_metadata_is_read_as_utf8_whatever_the_locale(artefact):
    # JSON files are UTF-8 (RFC 8259); a person or a tool may write accents unescaped.
    metadata = json.loads((artefact / METADATA_FILE).read_text(encoding="utf-8"))
    metadata["note"] = "Adélie, Pointe Géologie"
    text = json.dumps(metadata, ensure_ascii=False)
    (artefact / METADATA_FILE).write_bytes(text.encode("utf-8"))
    with ascii_locale():
        try:
            read = read_metadata(artefact)
        except ArtefactError as error:
            pytest.fail(f"Task 4: read metadata.json with encoding='utf-8', got {error}")
    assert read.get("note") == "Adélie, Pointe Géologie", (
        f"Task 4: read metadata.json as UTF-8 on every machine, got {read.get('note')!r}"
    )

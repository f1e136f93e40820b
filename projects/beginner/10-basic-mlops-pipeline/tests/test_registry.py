"""Task 5: a SQLite model registry with versions, aliases, promotion and roll-back."""

import json
import multiprocessing

import pytest

from mlops_pipeline.artefacts import METADATA_FILE, MODEL_FILE
from mlops_pipeline.registry import ModelRegistry, ModelVersion, RegistryError
from mlops_pipeline.versioning import sha256_hex

NAME = "penguin-species"


def fake_artefact(root, content_version, accuracy=0.9):
    """An artefact folder whose model file is a few bytes: the registry only reads metadata."""
    folder = root / content_version
    folder.mkdir(parents=True, exist_ok=True)
    model = f"model {content_version}".encode()
    (folder / MODEL_FILE).write_bytes(model)
    metadata = {
        "version": content_version,
        "model_sha256": sha256_hex(model),
        "metrics": {"holdout_accuracy": accuracy},
    }
    (folder / METADATA_FILE).write_text(json.dumps(metadata))
    return folder


@pytest.fixture
def registry(tmp_path):
    return ModelRegistry(tmp_path / "registry.db")


@pytest.mark.task(5)
def test_versions_are_numbered_from_one_per_model(registry, tmp_path):
    first = registry.register(NAME, fake_artefact(tmp_path, "aaaaaaaaaaaa", 0.9))
    second = registry.register(NAME, fake_artefact(tmp_path, "bbbbbbbbbbbb", 0.95))
    other = registry.register("other-model", fake_artefact(tmp_path, "cccccccccccc"))
    assert isinstance(first, ModelVersion), (
        f"Task 5: register should return a ModelVersion, got {type(first).__name__}"
    )
    assert (first.version, second.version, other.version) == (1, 2, 1), (
        "Task 5: each registered model numbers its versions 1, 2, ...; got "
        f"{first.version}, {second.version} and {other.version} for another model"
    )
    assert second.content_version == "bbbbbbbbbbbb" and second.metrics == {
        "holdout_accuracy": 0.95
    }, f"Task 5: a version keeps its content version and metrics, got {second}"
    assert [v.version for v in registry.versions(NAME)] == [1, 2]


@pytest.mark.task(5)
def test_the_same_content_is_not_registered_twice(registry, tmp_path):
    folder = fake_artefact(tmp_path, "aaaaaaaaaaaa")
    first = registry.register(NAME, folder)
    again = registry.register(NAME, folder)
    assert again.version == first.version and len(registry.versions(NAME)) == 1, (
        "Task 5: registering an artefact of a content version the model has should return "
        f"that version, not a new one; got versions {[v.version for v in registry.versions(NAME)]}"
    )


@pytest.mark.task(5)
def test_a_tampered_artefact_is_not_registered(registry, tmp_path):
    from mlops_pipeline.artefacts import ArtefactError

    folder = fake_artefact(tmp_path, "aaaaaaaaaaaa")
    (folder / MODEL_FILE).write_bytes(b"swapped")
    with pytest.raises(ArtefactError):
        registry.register(NAME, folder)
    assert registry.versions(NAME) == [], "Task 5: nothing should be registered"


@pytest.mark.task(5)
def test_aliases_promote_and_roll_back(registry, tmp_path):
    for content in ("aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"):
        registry.register(NAME, fake_artefact(tmp_path, content))
    registry.promote(NAME, "production", 1)
    registry.promote(NAME, "staging", 3)
    registry.promote(NAME, "production", 2)
    assert registry.get(NAME, alias="production").version == 2, (
        "Task 5: the alias should point at the version it was last promoted to"
    )
    assert registry.get(NAME, alias="staging").version == 3, "Task 5: each alias moves on its own"
    rolled = registry.roll_back(NAME, "production")
    assert rolled.version == 1 and registry.get(NAME, alias="production").version == 1, (
        "Task 5: rolling back production should bring back version 1, the one it named before"
    )
    with pytest.raises(RegistryError):
        registry.roll_back(NAME, "production")
    assert registry.get(NAME, alias="production").version == 1, (
        "Task 5: a refused roll-back should leave the alias where it was"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize(
    "lookup, named",
    [
        ({"name": "no-such-model", "version": 1}, "no-such-model"),
        ({"name": NAME, "version": 7}, "7"),
        ({"name": NAME, "alias": "production"}, "production"),
    ],
)
def test_missing_things_are_named_in_the_error(registry, tmp_path, lookup, named):
    registry.register(NAME, fake_artefact(tmp_path, "aaaaaaaaaaaa"))
    with pytest.raises(RegistryError) as caught:
        registry.get(**lookup)
    assert named in str(caught.value), (
        f"Task 5: looking up {lookup} should raise RegistryError naming {named!r}, got "
        f"{caught.value}"
    )
    with pytest.raises(RegistryError):
        registry.promote(NAME, "production", 9)


@pytest.mark.task(5)
def test_the_registry_lives_in_its_file(tmp_path):
    path = tmp_path / "registry.db"
    ModelRegistry(path).register(NAME, fake_artefact(tmp_path, "aaaaaaaaaaaa"))
    ModelRegistry(path).promote(NAME, "production", 1)
    reopened = ModelRegistry(path)
    assert reopened.get(NAME, alias="production").content_version == "aaaaaaaaaaaa", (
        "Task 5: what one registry object writes, another opened on the same file should read"
    )


PER_PROCESS = 15  # registrations by each of the two processes


def register_many(path, folders, start):
    start.wait()
    registry = ModelRegistry(path)
    for folder in folders:
        registry.register(NAME, folder)


@pytest.mark.task(5)
def test_two_processes_registering_at_once_lose_nothing(tmp_path):
    path = tmp_path / "registry.db"
    ModelRegistry(path)
    context = multiprocessing.get_context("fork")
    start = context.Event()
    batches = [
        [fake_artefact(tmp_path, f"{worker}{index:011d}") for index in range(PER_PROCESS)]
        for worker in (1, 2)
    ]
    workers = [
        context.Process(target=register_many, args=(path, batch, start)) for batch in batches
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=60)
    versions = ModelRegistry(path).versions(NAME)
    assert [worker.exitcode for worker in workers] == [0, 0], (
        "Task 5: a process registering at the same time as another crashed: take the write "
        "lock for the whole read-then-insert (the registry's transaction())"
    )
    assert sorted(v.version for v in versions) == list(range(1, 2 * PER_PROCESS + 1)), (
        f"Task 5: two processes registering at once should number every version once, got "
        f"{sorted(v.version for v in versions)}"
    )
    assert len({v.content_version for v in versions}) == 2 * PER_PROCESS, (
        "Task 5: every registered artefact should have its own version"
    )

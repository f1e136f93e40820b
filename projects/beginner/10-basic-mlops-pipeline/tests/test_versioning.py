"""Task 3: content-hashed versions: the same data, code and parameters give the same version."""

import hashlib
import os
import shutil

import numpy as np
import pandas as pd
import pytest

from mlops_pipeline import versioning
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


def documented_hash(text: str) -> str:
    """The SHA-256 of text encoded as UTF-8, computed here without the kata's code."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.task(3)
def test_the_data_fingerprint_follows_its_recipe_on_every_platform(monkeypatch):
    frame = pd.DataFrame(
        {"species": ["Adélie", "Gentoo"], "body_mass_g": [3750.0, np.nan]}, index=[7, 3]
    )
    expected = documented_hash("species,body_mass_g\nAdélie,3750.0\nGentoo,\n")
    assert fingerprint_data(frame) == expected, (
        "Task 3: the data fingerprint is the sha256_hex of the frame's CSV text without the "
        "index (frame.to_csv(index=False, ...)), lines ending in '\\n', encoded as UTF-8"
    )
    monkeypatch.setattr(os, "linesep", "\r\n")  # what pandas ends lines with on Windows
    assert fingerprint_data(frame) == expected, (
        "Task 3: on Windows (os.linesep '\\r\\n') the same data should give the same "
        "fingerprint: pass lineterminator='\\n' to to_csv"
    )


@pytest.mark.task(3)
def test_the_params_fingerprint_follows_its_recipe():
    params = {"seed": 3, "features": ["sex", "island"], "C": 0.5}
    expected = documented_hash('{"C":0.5,"features":["sex","island"],"seed":3}')
    assert fingerprint_params(params) == expected, (
        "Task 3: the params fingerprint is the sha256_hex of compact JSON with sorted keys, "
        "json.dumps(params, sort_keys=True, separators=(',', ':')), encoded as UTF-8"
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

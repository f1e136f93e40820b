"""Model artefacts on disk: the model file beside its metadata, checked before every load.

An artefact is a folder named by the model's version, holding `model.skops` and
`metadata.json` (the version, the hashes of data, code, parameters and model file, the
metrics and the lineage). skops stores a scikit-learn model without pickle, so loading
it never runs code from the file; the recorded hash catches a file changed since.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import skops.io as sio
from sklearn.pipeline import Pipeline

from mlops_pipeline.versioning import sha256_hex

MODEL_FILE = "model.skops"
METADATA_FILE = "metadata.json"
# The only types outside skops's own trusted list that a pipeline of this kata holds.
TRUSTED_TYPES = ["numpy.dtype"]


class ArtefactError(Exception):
    """An artefact that is missing, corrupt or changed since it was saved; it is never loaded."""


def save_artefact(model: Pipeline, root: Path, version: str, metadata: dict[str, Any]) -> Path:
    """Store the model and its metadata in root/version and return that folder.

    The metadata written is the given metadata plus "version" and "model_sha256" (the
    hash of the model file). The folder appears whole or not at all: it is written
    under a temporary name in root, then renamed. A folder of that version that already
    exists is kept as it is (the same version means the same inputs) and returned.
    """
    # BEGIN SOLUTION (task 4): write both files to a temporary folder, then rename it into place
    root = Path(root)
    target = root / version
    if target.is_dir():
        return target
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=root))
    try:
        sio.dump(model, staging / MODEL_FILE)
        digest = sha256_hex((staging / MODEL_FILE).read_bytes())
        record = metadata | {"version": version, "model_sha256": digest}
        (staging / METADATA_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")
        os.rename(staging, target)
    except OSError:
        if not target.is_dir():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
    # END SOLUTION


def read_metadata(directory: Path) -> dict[str, Any]:
    """The artefact's metadata, once the model file is found to hash to its "model_sha256".

    The metadata file is JSON, so it is read as UTF-8 whatever the machine's locale.
    Raise ArtefactError, naming the folder, when the metadata file is missing or not a
    JSON object with a "model_sha256", or the model file is missing or hashes otherwise.
    """
    # BEGIN SOLUTION (task 4): read the JSON, hash the model file, compare, or raise ArtefactError
    directory = Path(directory)
    try:
        metadata = json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtefactError(f"{directory}: no {METADATA_FILE}; is this an artefact?") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ArtefactError(f"{directory}: {METADATA_FILE} is not valid JSON: {error}") from error
    if not isinstance(metadata, dict) or "model_sha256" not in metadata:
        raise ArtefactError(f"{directory}: {METADATA_FILE} records no model_sha256")
    try:
        digest = sha256_hex((directory / MODEL_FILE).read_bytes())
    except FileNotFoundError:
        raise ArtefactError(f"{directory}: the model file {MODEL_FILE} is missing") from None
    if digest != metadata["model_sha256"]:
        raise ArtefactError(
            f"{directory}: {MODEL_FILE} hashes to {digest[:12]}..., but the metadata records "
            f"{metadata['model_sha256'][:12]}...: the file changed after it was saved, so it "
            "is not loaded"
        )
    return metadata
    # END SOLUTION


def load_artefact(directory: Path) -> tuple[Pipeline, dict[str, Any]]:
    """The checked artefact's model and metadata; ArtefactError if it fails a check or holds
    types outside skops's trusted ones and TRUSTED_TYPES."""
    # BEGIN SOLUTION (task 4): read_metadata first, then sio.load with trusted=TRUSTED_TYPES
    metadata = read_metadata(directory)
    try:
        model = sio.load(Path(directory) / MODEL_FILE, trusted=TRUSTED_TYPES)
    except Exception as error:
        raise ArtefactError(
            f"{directory}: the model file cannot be loaded safely: {error}"
        ) from error
    return model, metadata
    # END SOLUTION

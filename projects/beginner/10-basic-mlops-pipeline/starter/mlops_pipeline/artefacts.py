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
    raise NotImplementedError(
        "Task 4: write both files to a temporary folder, then rename it into place"
    )


def read_metadata(directory: Path) -> dict[str, Any]:
    """The artefact's metadata, once the model file is found to hash to its "model_sha256".

    The metadata file is JSON, so it is read as UTF-8 whatever the machine's locale.
    Raise ArtefactError, naming the folder, when the metadata file is missing or not a
    JSON object with a "model_sha256", or the model file is missing or hashes otherwise.
    """
    raise NotImplementedError(
        "Task 4: read the JSON, hash the model file, compare, or raise ArtefactError"
    )


def load_artefact(directory: Path) -> tuple[Pipeline, dict[str, Any]]:
    """The checked artefact's model and metadata; ArtefactError if it fails a check or holds
    types outside skops's trusted ones and TRUSTED_TYPES."""
    raise NotImplementedError(
        "Task 4: read_metadata first, then sio.load with trusted=TRUSTED_TYPES"
    )

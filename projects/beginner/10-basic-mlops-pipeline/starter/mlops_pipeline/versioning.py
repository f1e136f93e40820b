"""Content-addressed model versions: the same data, code and parameters give the same version.

A version is not a counter: it is a hash of everything the model was made from, so two
runs from the same inputs agree on it and any change to an input makes a new one. Each
hash follows a documented recipe, so that any tool, on any platform, can recompute it.
"""

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent
VERSION_LENGTH = 12


def sha256_hex(content: bytes) -> str:
    """The SHA-256 digest of content, as 64 hex digits."""
    return hashlib.sha256(content).hexdigest()


def fingerprint_data(frame: pd.DataFrame) -> str:
    """The sha256_hex of the frame's CSV text, without the index and with every line ending
    in "\\n" (on Windows too), encoded as UTF-8: its columns, values and row order count,
    its index labels do not."""
    raise NotImplementedError("Task 3: hash the frame's CSV text: no index, Unix line ends, UTF-8")


def fingerprint_code(package_dir: Path = PACKAGE_DIR) -> str:
    """A hash of every .py file under package_dir, with its path relative to package_dir,
    in sorted order, so that it does not depend on where the package lies or on caches."""
    raise NotImplementedError("Task 3: hash each relative path and file content, in sorted order")


def fingerprint_params(params: Mapping[str, Any]) -> str:
    """The sha256_hex of the parameters as compact JSON with sorted keys, encoded as UTF-8,
    e.g. of '{"C":1.0,"seed":0}': the order of the keys does not count."""
    raise NotImplementedError("Task 3: hash compact JSON with sorted keys and no spaces")


def model_version(data_hash: str, code_hash: str, params_hash: str) -> str:
    """The model's version: the first VERSION_LENGTH hex digits of a hash of the three hashes."""
    raise NotImplementedError(
        "Task 3: hash the three hashes together and keep VERSION_LENGTH digits"
    )

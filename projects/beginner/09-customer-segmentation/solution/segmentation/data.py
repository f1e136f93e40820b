"""The data of this kata: the real CDNOW transaction log, and blobs with known segments.

The CDNOW log (Fader and Hardie) records every purchase made by 23,570 customers
who first bought CDs at the online retailer CDNOW in the first quarter of 1997,
up to the end of June 1998: about 70,000 lines of `customer_id date cds dollars`.
The `lifetimes` package ships it as a text file. Importing `lifetimes` fails with
current setuptools (it needs `pkg_resources`), so `cdnow_path` finds the file
through the package's installed metadata instead, without importing it.

Real customers come with no true segments to check a clustering against, so
`planted_segments` draws points around known centres: there, a correct k-means
must find the segments it was given. It is provided, not a task.
"""

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CDNOW_FILE = "lifetimes/datasets/CDNOW_master.txt"

# Four planted segments in three dimensions (read them as scaled recency, frequency
# and monetary value): unequal sizes and spreads, as real segments have.
PLANTED_CENTRES = np.array(
    [
        [0.0, 0.0, 0.0],
        [4.0, 0.5, 0.5],
        [0.5, 4.0, 1.0],
        [1.0, 1.0, 4.5],
    ]
)
PLANTED_SIZES = (600, 450, 300, 150)
PLANTED_SPREADS = (1.0, 0.8, 0.7, 0.6)  # standard deviation of each segment, every axis


@dataclass(frozen=True)
class Blobs:
    """Points with the segment each was drawn from, and the segments' true centres."""

    features: np.ndarray  # (n, d) floats
    labels: np.ndarray  # (n,) ints in range(len(centres))
    centres: np.ndarray  # (k, d) floats


def cdnow_path() -> Path:
    """Return the path of CDNOW_master.txt inside the installed `lifetimes` distribution.

    Raises FileNotFoundError with what to install when the file is not there.
    """
    try:
        path = Path(importlib.metadata.distribution("lifetimes").locate_file(CDNOW_FILE))
    except importlib.metadata.PackageNotFoundError as error:
        raise FileNotFoundError(
            "the CDNOW log ships with the lifetimes package: pip install lifetimes"
        ) from error
    if not path.is_file():
        raise FileNotFoundError(f"lifetimes is installed, but {path} is missing")
    return path


def planted_segments(seed: int = 0) -> Blobs:
    """Draw Gaussian blobs around PLANTED_CENTRES, PLANTED_SIZES points each, shuffled.

    Deterministic for a given seed. The labels are the index of the centre each point
    was drawn around: the ground truth that the adjusted Rand index compares with.
    """
    rng = np.random.default_rng(seed)
    features = np.concatenate(
        [
            rng.normal(centre, spread, size=(size, len(centre)))
            for centre, size, spread in zip(
                PLANTED_CENTRES, PLANTED_SIZES, PLANTED_SPREADS, strict=True
            )
        ]
    )
    labels = np.repeat(np.arange(len(PLANTED_SIZES)), PLANTED_SIZES)
    order = rng.permutation(len(labels))
    return Blobs(features[order], labels[order], PLANTED_CENTRES.copy())


def sample_rows(n_rows: int, size: int, seed: int = 0) -> np.ndarray:
    """Return the sorted indices of a seeded sample of `size` rows out of `n_rows`, or all rows.

    For the methods whose cost grows with the square of the rows (silhouette,
    agglomerative clustering): a few thousand customers estimate them well.
    """
    if n_rows <= size:
        return np.arange(n_rows)
    return np.sort(np.random.default_rng(seed).choice(n_rows, size=size, replace=False))

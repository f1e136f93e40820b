"""Shared fixtures: the CDNOW log, an independent RFM table to check against, the blobs.

Everything costly is built once per session. The package is imported inside the
fixtures, not at the top: this file loads before the kata's conftest.py has
chosen which implementation (starter, solution or yours) to import.

The fixtures that later tasks cluster (`cdnow_rfm`, `cdnow_features`) are
computed here with pandas, not with your Task 1 and 2 code, so that Tasks 3 to 6
can be done in any order and a slip in Task 1 or 2 does not echo through them.
"""

import numpy as np
import pandas as pd
import pytest

SEED = 0
K_REPORTED = 4  # the number of segments the Task 4 metric and the comparisons use on CDNOW


def oracle_rfm(path) -> pd.DataFrame:
    """The RFM table of a CDNOW-format log, computed independently of the kata's code."""
    log = pd.read_csv(
        path,
        sep=r"\s+",
        names=["customer_id", "date", "cds", "amount"],
        skiprows=1,
        dtype={"customer_id": "int64", "date": "string", "cds": "int64", "amount": "float64"},
    )
    log["date"] = pd.to_datetime(log["date"], format="%Y%m%d")
    as_of = log["date"].max() + pd.Timedelta(days=1)
    visits = log.groupby(["customer_id", "date"])["amount"].sum().reset_index()
    by_customer = visits.groupby("customer_id")
    return pd.DataFrame(
        {
            "recency": (as_of - by_customer["date"].max()).dt.days,
            "frequency": by_customer.size(),
            "monetary": by_customer["amount"].mean(),
        }
    )


@pytest.fixture(scope="session")
def seed() -> int:
    """The one seed of every sample, restart and model."""
    return SEED


@pytest.fixture(scope="session")
def cdnow_path():
    """The CDNOW log as the lifetimes package ships it (found without importing lifetimes)."""
    from segmentation.data import cdnow_path

    return cdnow_path()


@pytest.fixture(scope="session")
def cdnow_rfm(cdnow_path) -> pd.DataFrame:
    """Recency, frequency and monetary value of the 23,570 CDNOW customers (the tests' own)."""
    return oracle_rfm(cdnow_path)


@pytest.fixture(scope="session")
def cdnow_features(cdnow_rfm) -> np.ndarray:
    """The RFM table, log1p-transformed and standardised (the tests' own)."""
    logged = np.log1p(cdnow_rfm.to_numpy(dtype=np.float64))
    return (logged - logged.mean(axis=0)) / logged.std(axis=0)


@pytest.fixture(scope="session")
def blobs():
    """Points around four planted centres, with the segment each was drawn from."""
    from segmentation.data import planted_segments

    return planted_segments(seed=SEED)


@pytest.fixture(scope="session")
def cdnow_curves(cdnow_features):
    """Your Task 4 elbow and silhouette curves on the CDNOW customers."""
    from segmentation.choosing_k import k_curves

    return k_curves(cdnow_features, seed=SEED)

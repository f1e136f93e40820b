"""Task 7: the whole analysis of a log in one call, every random step on one seed."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA

from segmentation.choosing_k import elbow_k, k_curves, silhouette_k
from segmentation.kmeans import kmeans
from segmentation.naming import name_segments, segment_profiles
from segmentation.pipeline import project_2d, segment_log
from segmentation.transactions import read_transactions, rfm_table, scale_features

PIPELINE_SEED = 3  # neither 0 nor the default: the seed must reach every step
SMALL_LOG_CUSTOMERS = 150
GIVEN_K = 3


def write_small_log(path: Path, customers: int, seed: int = 0) -> Path:
    """A log in the CDNOW format: customers with 1 to 5 purchases over 18 months."""
    rng = np.random.default_rng(seed)
    lines = ["customer_id date cds amount"]
    for customer in range(1, customers + 1):
        for _ in range(rng.integers(1, 6)):
            day = pd.Timestamp("1997-01-01") + pd.Timedelta(days=int(rng.integers(0, 540)))
            lines.append(f"{customer:05d} {day:%Y%m%d} 1 {rng.gamma(2.0, 15.0):.2f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.task(7)
def test_projection_is_the_first_two_principal_components(cdnow_features, seed):
    coordinates, explained = project_2d(cdnow_features, seed)
    pca = PCA(n_components=2).fit(cdnow_features)
    expected = pca.transform(cdnow_features)
    assert coordinates.shape == expected.shape, (
        f"Task 7: expected coordinates of shape {expected.shape}, got {coordinates.shape}"
    )
    assert np.allclose(np.abs(coordinates), np.abs(expected), atol=1e-6), (
        "Task 7: the coordinates should be the projections on the first two principal "
        "components (up to each axis's sign), as sklearn's PCA(n_components=2) gives"
    )
    assert np.allclose(explained, pca.explained_variance_ratio_, atol=1e-6), (
        f"Task 7: the shares of variance should be {pca.explained_variance_ratio_.round(3)}; "
        f"got {np.round(explained, 3)}"
    )


@pytest.mark.task(7)
def test_segment_log_runs_every_step_with_the_seed(tmp_path):
    log = write_small_log(tmp_path / "log.txt", SMALL_LOG_CUSTOMERS)
    analysis = segment_log(log, seed=PIPELINE_SEED)
    transactions = read_transactions(log)
    rfm = rfm_table(transactions)
    features = scale_features(rfm)
    curves = k_curves(features, seed=PIPELINE_SEED)
    elbow = elbow_k(curves)
    clusters = kmeans(features, elbow, PIPELINE_SEED)
    names = name_segments(clusters.centres)
    assert analysis.transactions.equals(transactions) and analysis.rfm.equals(rfm), (
        "Task 7: transactions and rfm should be read_transactions(log_path) and its rfm_table"
    )
    assert np.array_equal(analysis.features, features), (
        "Task 7: features should be scale_features of the RFM table"
    )
    assert np.array_equal(analysis.curves.inertias, curves.inertias), (
        f"Task 7: curves should be k_curves(features, seed={PIPELINE_SEED}): the seed passed on"
    )
    chosen = (analysis.elbow, analysis.best_silhouette, analysis.k)
    assert chosen == (elbow, silhouette_k(curves), elbow), (
        "Task 7: elbow and best_silhouette should be what elbow_k and silhouette_k pick, and "
        f"k the elbow's when none is given: expected {(elbow, silhouette_k(curves), elbow)}, "
        f"got {chosen}"
    )
    assert np.array_equal(analysis.clusters.labels, clusters.labels), (
        f"Task 7: clusters should be kmeans(features, k, seed={PIPELINE_SEED}): the same "
        "seed as every other step"
    )
    profiles = segment_profiles(rfm, clusters.labels, names)
    assert analysis.names == names and analysis.profiles.equals(profiles), (
        "Task 7: names should be name_segments of the centres, profiles segment_profiles of "
        f"the RFM table by the labels; expected names {names}, got {analysis.names}"
    )


@pytest.mark.task(7)
def test_segment_log_takes_the_given_k(tmp_path):
    log = write_small_log(tmp_path / "log.txt", SMALL_LOG_CUSTOMERS)
    analysis = segment_log(log, k=GIVEN_K, seed=PIPELINE_SEED)
    features = scale_features(rfm_table(read_transactions(log)))
    expected = kmeans(features, GIVEN_K, PIPELINE_SEED)
    assert analysis.k == GIVEN_K and np.array_equal(analysis.clusters.labels, expected.labels), (
        f"Task 7: with k={GIVEN_K} given, the segments should be kmeans(features, {GIVEN_K}, "
        f"seed), whatever the elbow says; got k = {analysis.k}"
    )
    assert len(analysis.names) == GIVEN_K and len(analysis.profiles) == GIVEN_K, (
        f"Task 7: {GIVEN_K} segments should get {GIVEN_K} names and {GIVEN_K} profiles"
    )

"""Task 5: Gaussian mixtures, DBSCAN and agglomerative clustering beside k-means."""

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.mixture import GaussianMixture

from segmentation.compare import (
    ALGORITHMS,
    DBSCAN_MIN_SAMPLES_PER_FEATURE,
    NOISE,
    TABLE_COLUMNS,
    compare_on_sample,
    comparison_table,
    dbscan_eps,
    fit_algorithms,
)
from segmentation.kmeans import N_INIT, kmeans

TOLERANCE = 1e-9
SAME = 1.0  # the adjusted Rand index of two labellings that agree up to renaming
CDNOW_K = 4
COMPARE_SEED = 3  # neither 0 nor the default: every seeded method must get it


@pytest.fixture(scope="module")
def blob_labelings(blobs):
    return fit_algorithms(blobs.features, len(blobs.centres), COMPARE_SEED)


@pytest.mark.task(5)
def test_every_algorithm_labels_every_point(blob_labelings, blobs):
    assert list(blob_labelings) == list(ALGORITHMS), (
        f"Task 5: expected one labelling per algorithm, in the order {list(ALGORITHMS)}; "
        f"got {list(blob_labelings)}"
    )
    for name, labels in blob_labelings.items():
        labels = np.asarray(labels)
        assert labels.shape == (len(blobs.features),), (
            f"Task 5: {name} should label all {len(blobs.features)} points; got shape "
            f"{labels.shape}"
        )


@pytest.mark.task(5)
def test_each_algorithm_is_configured_as_asked(blob_labelings, blobs):
    features, k, seed = blobs.features, len(blobs.centres), COMPARE_SEED
    min_samples = DBSCAN_MIN_SAMPLES_PER_FEATURE * features.shape[1]
    expected = {
        "k-means (yours)": kmeans(features, k, seed).labels,
        "KMeans (scikit-learn)": KMeans(k, n_init=N_INIT, random_state=seed).fit_predict(features),
        "Gaussian mixture": GaussianMixture(k, random_state=seed).fit_predict(features),
        "DBSCAN": DBSCAN(
            eps=dbscan_eps(features, min_samples), min_samples=min_samples
        ).fit_predict(features),
        "Agglomerative (Ward)": AgglomerativeClustering(k, linkage="ward").fit_predict(features),
    }
    for name, labels in expected.items():
        agreement = adjusted_rand_score(labels, blob_labelings[name])
        assert agreement == pytest.approx(SAME), (
            f"Task 5: {name} should give the clustering of the settings in fit_algorithms' "
            f"docstring (with seed {seed}); yours agrees with it only at ARI {agreement:.3f}"
        )
    assert np.all(np.asarray(blob_labelings["DBSCAN"]) >= NOISE), (
        "Task 5: DBSCAN labels noise -1 and clusters 0, 1, ...; keep its labels as they are"
    )


@pytest.mark.task(5)
def test_scikit_learns_kmeans_gets_its_restarts():
    # Eight clusters in a uniform square: one k-means++ start and four end in other minima.
    points = np.random.default_rng(0).uniform(size=(300, 2))
    labels = fit_algorithms(points, 8, COMPARE_SEED)["KMeans (scikit-learn)"]
    expected = KMeans(8, n_init=N_INIT, random_state=COMPARE_SEED).fit_predict(points)
    agreement = adjusted_rand_score(expected, labels)
    assert agreement == pytest.approx(SAME), (
        f"Task 5: scikit-learn's KMeans should run n_init=N_INIT ({N_INIT}) restarts, as yours "
        "does (its own default is one k-means++ start), with random_state=seed; on 300 "
        f"uniform points at k = 8 yours agrees with that only at ARI {agreement:.3f}"
    )


@pytest.mark.task(5)
def test_comparison_table_by_hand():
    features = np.array([[0.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 6.0], [20.0, 20.0]])
    truth = np.array([0, 0, 1, 1, 2])
    labelings = {
        "two and noise": np.array([0, 0, 1, 1, NOISE]),
        "one cluster": np.array([0, 0, 0, 0, 0]),
        "perfect": np.array([2, 2, 0, 0, 1]),
    }
    table = comparison_table(features, labelings, truth)
    assert isinstance(table, pd.DataFrame) and list(table.index) == list(labelings), (
        f"Task 5: expected a DataFrame with one row per labelling, indexed {list(labelings)}; "
        f"got {type(table).__name__} indexed {list(getattr(table, 'index', []))}"
    )
    assert list(table.columns) == list(TABLE_COLUMNS), (
        f"Task 5: expected the columns {list(TABLE_COLUMNS)}, got {list(table.columns)}"
    )
    row = table.loc["two and noise"]
    expected_silhouette = silhouette_score(features[:4], labelings["two and noise"][:4])
    assert row["clusters"] == 2 and row["noise"] == pytest.approx(0.2), (
        "Task 5: labels [0, 0, 1, 1, -1] are 2 clusters (noise is not one) and 20% noise; got "
        f"clusters {row['clusters']}, noise {row['noise']}"
    )
    assert row["silhouette"] == pytest.approx(expected_silhouette, abs=TOLERANCE), (
        f"Task 5: the silhouette leaves the noise out: expected {expected_silhouette:.4f}, got "
        f"{row['silhouette']}"
    )
    expected_ari = adjusted_rand_score(truth, labelings["two and noise"])
    assert row["ari"] == pytest.approx(expected_ari, abs=TOLERANCE), (
        f"Task 5: the ARI counts noise as one more label over all points: expected "
        f"{expected_ari:.4f}, got {row['ari']}"
    )
    single = table.loc["one cluster"]
    assert single["clusters"] == 1 and math.isnan(single["silhouette"]), (
        "Task 5: one cluster has no silhouette (it needs two): expect NaN; got "
        f"{single['silhouette']}"
    )
    assert table.loc["perfect", "ari"] == pytest.approx(1.0), (
        "Task 5: the ARI does not care how clusters are numbered: [2, 2, 0, 0, 1] matches the "
        f"truth [0, 0, 1, 1, 2] perfectly; got {table.loc['perfect', 'ari']}"
    )
    without_truth = comparison_table(features, labelings)
    assert without_truth["ari"].isna().all(), (
        "Task 5: without a truth to compare with, the ari column should be NaN"
    )


@pytest.mark.task(5)
def test_the_mixture_fits_the_blobs_and_k_means_agrees(blob_labelings, blobs):
    table = comparison_table(blobs.features, blob_labelings, blobs.labels)
    for name in ("k-means (yours)", "KMeans (scikit-learn)", "Gaussian mixture"):
        assert table.loc[name, "ari"] > 0.9, (
            f"Task 5: on the planted blobs {name} should recover the segments (ARI above 0.9); "
            f"got {table.loc[name, 'ari']:.3f}\n{table}"
        )


@pytest.mark.task(5)
def test_comparison_on_a_sample_of_cdnow(cdnow_features, seed):
    table = compare_on_sample(cdnow_features, CDNOW_K, seed)
    assert list(table.index) == list(ALGORITHMS), (
        f"Task 5: expected a row per algorithm, got {list(table.index)}"
    )
    for name in ALGORITHMS:
        if name != "DBSCAN":
            assert table.loc[name, "clusters"] == CDNOW_K and table.loc[name, "noise"] == 0, (
                f"Task 5: {name} should make exactly {CDNOW_K} clusters, no noise:\n{table}"
            )
    ours, theirs = (
        table.loc["k-means (yours)", "silhouette"],
        table.loc["KMeans (scikit-learn)", "silhouette"],
    )
    assert ours == pytest.approx(theirs, abs=0.02), (
        f"Task 5: on the same sample of CDNOW customers your k-means (silhouette {ours:.3f}) "
        f"and scikit-learn's ({theirs:.3f}) should be about as good:\n{table}"
    )

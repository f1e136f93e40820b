"""Task 4: the elbow and silhouette curves, and the k each of them suggests."""

import numpy as np
import pytest
from sklearn.metrics import silhouette_score

from segmentation.choosing_k import K_RANGE, KCurves, elbow_k, k_curves, silhouette_k
from segmentation.data import sample_rows
from segmentation.kmeans import kmeans

TOLERANCE = 1e-9
SMALL_SAMPLE = 500
CURVES_SEED = 3  # neither 0 nor the default: the seed must reach the sample and k-means


def curves(ks, inertias, silhouettes=None) -> KCurves:
    silhouettes = np.zeros(len(ks)) if silhouettes is None else silhouettes
    return KCurves(
        np.array(ks), np.array(inertias, dtype=float), np.array(silhouettes, dtype=float)
    )


@pytest.fixture(scope="module")
def blob_curves(blobs, seed):
    return k_curves(blobs.features, seed=seed)


@pytest.mark.task(4)
def test_curves_come_from_your_kmeans_and_one_sample(blobs):
    seed = CURVES_SEED
    ks = (2, 3, 4)
    found = k_curves(blobs.features, ks=ks, seed=seed, sample_size=SMALL_SAMPLE)
    assert list(found.ks) == list(ks), f"Task 4: expected ks {list(ks)}, got {list(found.ks)}"
    sample = sample_rows(len(blobs.features), SMALL_SAMPLE, seed)
    for position, k in enumerate(ks):
        result = kmeans(blobs.features, k, seed)
        assert found.inertias[position] == pytest.approx(result.inertia), (
            f"Task 4: at k = {k} the inertia should be kmeans(features, {k}, seed)'s, "
            f"{result.inertia:.2f}; got {found.inertias[position]:.2f}"
        )
        expected = silhouette_score(blobs.features[sample], result.labels[sample])
        assert found.silhouettes[position] == pytest.approx(expected, abs=TOLERANCE), (
            f"Task 4: at k = {k} the silhouette on the rows of sample_rows(n, {SMALL_SAMPLE}, "
            f"seed) should be {expected:.4f}; got {found.silhouettes[position]:.4f}. Use the "
            "same sample for every k"
        )


@pytest.mark.task(4)
def test_default_curves_cover_k_range(blob_curves):
    assert list(blob_curves.ks) == list(K_RANGE), (
        f"Task 4: by default the curves cover K_RANGE, {list(K_RANGE)}; got {list(blob_curves.ks)}"
    )
    assert len(blob_curves.inertias) == len(blob_curves.silhouettes) == len(K_RANGE), (
        "Task 4: one inertia and one silhouette per k"
    )


@pytest.mark.task(4)
def test_elbow_is_the_point_farthest_below_the_chord():
    found = elbow_k(curves([1, 2, 3, 4, 5, 6], [100, 40, 20, 15, 12, 10]))
    assert found == 3, (
        "Task 4: inertias [100, 40, 20, 15, 12, 10] at k = 1..6, both axes rescaled to [0, 1]: "
        "the point of k = 3 lies 0.489 below the line from the first point to the last, k = 2 "
        f"only 0.467; expected 3, got {found}. (The biggest drop, at k = 2, is not the elbow.)"
    )


@pytest.mark.task(4)
def test_elbow_uses_the_values_of_k_not_their_positions():
    found = elbow_k(curves([2, 3, 4, 10], [100, 60, 40, 30]))
    assert found == 4, (
        "Task 4: ks [2, 3, 4, 10] are not evenly spaced; rescale the ks themselves, "
        "(k - 2) / (10 - 2), not their positions 0, 1/3, 2/3, 1: the elbow of inertias "
        f"[100, 60, 40, 30] is then at k = 4; got {found}"
    )


@pytest.mark.task(4)
def test_elbow_of_a_straight_line_is_the_smallest_k():
    found = elbow_k(curves([2, 3, 4], [3.0, 2.0, 1.0]))
    assert found == 2, (
        f"Task 4: a straight line has no elbow: ties go to the smallest k; got {found}"
    )


@pytest.mark.task(4)
def test_silhouette_picks_the_highest_score():
    found = silhouette_k(curves([2, 3, 4, 5], [4, 3, 2, 1], [0.3, 0.5, 0.5, 0.2]))
    assert found == 3, (
        f"Task 4: silhouettes [0.3, 0.5, 0.5, 0.2] at k = 2..5: the highest is 0.5, first at "
        f"k = 3 (ties go to the smallest k); got {found}"
    )


@pytest.mark.task(4)
def test_both_rules_find_the_planted_segments(blob_curves, blobs):
    planted = len(blobs.centres)
    assert elbow_k(blob_curves) == planted and silhouette_k(blob_curves) == planted, (
        f"Task 4: the blobs have {planted} planted segments, which both rules find; the elbow "
        f"says {elbow_k(blob_curves)}, the silhouette {silhouette_k(blob_curves)}. Inertias: "
        f"{np.round(blob_curves.inertias, 1).tolist()}, silhouettes: "
        f"{np.round(blob_curves.silhouettes, 3).tolist()}"
    )


@pytest.mark.task(4)
def test_inertia_falls_as_k_grows_on_cdnow(cdnow_curves):
    steps = np.diff(cdnow_curves.inertias)
    assert np.all(steps < 0), (
        "Task 4: with more centres the best inertia can only fall; on CDNOW yours goes "
        f"{np.round(cdnow_curves.inertias, 1).tolist()} for k = {list(cdnow_curves.ks)}"
    )
    assert np.all(np.abs(cdnow_curves.silhouettes) <= 1), (
        f"Task 4: a silhouette lies in [-1, 1]; got {cdnow_curves.silhouettes.tolist()}"
    )


@pytest.mark.task(4)
def test_silhouette_of_the_cdnow_segments_at_the_elbow(metric, cdnow_curves):
    position = list(cdnow_curves.ks).index(elbow_k(cdnow_curves))
    metric("rfm_silhouette", cdnow_curves.silhouettes[position])

"""Task 2: half-space trees, score for score against river's, and the batch contrast."""

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

TRAIN_SHARE = 0.5  # the isolation forest learns from the first half of the sample


def limits_of(rows: np.ndarray) -> list[tuple[float, float]]:
    return [(float(low), float(high)) for low, high in zip(rows.min(0), rows.max(0), strict=True)]


def river_scores(rows: np.ndarray, limits, **params) -> np.ndarray:
    """river's HalfSpaceTrees over the same rows, score then learn, as dicts keyed 0..8."""
    from river.anomaly import HalfSpaceTrees

    model = HalfSpaceTrees(limits=dict(enumerate(limits)), **params)
    scores = []
    for row in rows:
        x = dict(enumerate(row.tolist()))
        scores.append(model.score_one(x))
        model.learn_one(x)
    return np.array(scores, dtype=float)


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("rows", "params"),
    [
        (900, {"n_trees": 4, "height": 5, "window_size": 60, "seed": 13}),
        (700, {"n_trees": 10, "height": 8, "window_size": 250, "seed": 3}),
        (400, {"n_trees": 3, "height": 1, "window_size": 100, "seed": 21}),
        (300, {"n_trees": 5, "height": 4, "window_size": 10, "seed": 8}),
    ],
)
def test_scores_equal_rivers(shuttle, rows, params):
    from monitoring.hst import HalfSpaceTrees, progressive_scores

    features = shuttle[0][:rows]
    limits = limits_of(features)
    got = progressive_scores(HalfSpaceTrees(limits, **params), features)
    expected = river_scores(features, limits, **params)
    assert got.shape == expected.shape, f"Task 2: one score per row, got {got.shape}"
    differ = np.flatnonzero(~np.isclose(got, expected, rtol=0, atol=1e-12))
    assert len(differ) == 0, (
        f"Task 2: with {params}, each row scored and then learnt, your scores should equal "
        "river.anomaly.HalfSpaceTrees' exactly (the trees are built the same way from the "
        f"seed); the first difference is at row {differ[:1]}: expected "
        f"{expected[differ[:1]]}, got {got[differ[:1]]}: check the window swap (after "
        "window_size readings), the 2 ** depth weights and the stop after the first node "
        "under the size limit"
    )


@pytest.mark.task(2)
def test_masses_after_one_window_and_a_bit(shuttle):
    from monitoring.hst import HalfSpaceTrees

    features = shuttle[0][:70]
    trees = HalfSpaceTrees(limits_of(features), n_trees=2, height=3, window_size=50, seed=9)
    assert trees.score_one(features[0]) == 0.0, "Task 2: before a full window the score is 0"
    for row in features:
        trees.learn_one(row)
    roots = [(tree.reference, tree.latest) for tree in trees.trees]
    assert roots == [(50, 20), (50, 20)], (
        "Task 2: after 70 readings with window_size=50, each root should hold reference 50 "
        f"(the full window) and latest 20 (the window being filled); got {roots}"
    )
    path = trees.path(trees.trees[0], features[60])
    masses = [node.latest for node in path]
    assert all(a >= b >= 1 for a, b in zip(masses, masses[1:], strict=False)), (
        "Task 2: along the path of a reading learnt in the current window, the latest masses "
        f"should shrink from the root (20) to the leaf, none below 1; got {masses}"
    )


@pytest.mark.task(2)
def test_a_reading_never_seen_scores_higher_than_a_common_one(shuttle):
    from monitoring.hst import HalfSpaceTrees

    features, labels = shuttle
    normal = features[labels == 0][:300]
    trees = HalfSpaceTrees(limits_of(features), n_trees=6, height=6, window_size=100, seed=4)
    for row in normal:
        trees.learn_one(row)
    common, rare = trees.score_one(normal[0]), trees.score_one(features[labels == 1][0])
    assert 0.0 <= common < rare <= 1.0, (
        "Task 2: after learning normal readings, a normal reading should score lower than "
        f"an anomaly, both in [0, 1]; got {common} and {rare}"
    )


@pytest.mark.task(2)
def test_isolation_forest_scores_are_sklearns(shuttle):
    from sklearn.ensemble import IsolationForest

    from monitoring.hst import isolation_forest_scores

    features = shuttle[0]
    train, rows = features[:400], features[400:700]
    got = isolation_forest_scores(train, rows, seed=17, n_estimators=30)
    forest = IsolationForest(n_estimators=30, random_state=17).fit(train)
    expected = -forest.score_samples(rows)
    assert np.allclose(got, expected, rtol=0, atol=1e-12), (
        "Task 2: isolation_forest_scores(train, rows, seed=17, n_estimators=30) should be "
        "-IsolationForest(n_estimators=30, random_state=17).fit(train).score_samples(rows): "
        "higher for more unusual rows"
    )


@pytest.fixture(scope="module")
def shuttle_scores(shuttle):
    from monitoring.hst import HalfSpaceTrees, isolation_forest_scores, progressive_scores

    features, labels = shuttle
    split = int(len(features) * TRAIN_SHARE)
    limits = limits_of(features[:split])
    streaming = progressive_scores(HalfSpaceTrees(limits, seed=42), features)
    batch = isolation_forest_scores(features[:split], features[split:], seed=42)
    return labels[split:], streaming[split:], batch


@pytest.mark.task(2)
def test_isolation_forest_finds_shuttle_anomalies(shuttle_scores, metric):
    labels, _, batch = shuttle_scores
    metric("shuttle_isolation_forest_auc", roc_auc_score(labels, batch))


@pytest.mark.task(2)
def test_half_space_trees_find_shuttle_anomalies_in_one_pass(shuttle_scores, metric):
    labels, streaming, _ = shuttle_scores
    metric("shuttle_half_space_trees_auc", roc_auc_score(labels, streaming))

"""Task 7: a faiss index of MiniLM's vectors, checked against numpy, and fusion by RRF."""

import math

import numpy as np
import pytest

SEED = 17
DEPTH = 100  # how deep each ranking goes into the fusion


@pytest.mark.task(7)
def test_dense_search_equals_exact_cosine_by_numpy():
    from search.hybrid import build_dense_index, dense_search

    generator = np.random.default_rng(SEED)
    vectors = generator.normal(size=(300, 24)) * generator.uniform(0.1, 9.0, size=(300, 1))
    queries = generator.normal(size=(7, 24)) * 5.0
    before, asked = vectors.copy(), queries.copy()
    index = build_dense_index(vectors)
    got = dense_search(index, queries, k=12)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    cosines = (queries / np.linalg.norm(queries, axis=1, keepdims=True)) @ unit.T
    want = [list(np.argsort(-row, kind="stable")[:12]) for row in cosines]
    assert got == want, (
        "Task 7: dense_search should return, per query, the 12 rows of largest cosine, nearest "
        f"first: scale rows and queries to unit length; expected {want[0]}, got {got[0]}"
    )
    assert np.array_equal(vectors, before) and np.array_equal(queries, asked), (
        "Task 7: the caller's arrays must not change: faiss.normalize_L2 works in place, so "
        "normalise a float32 copy"
    )
    assert index.ntotal == 300 and index.d == 24
    single = vectors.astype(np.float32)
    kept = single.copy()
    dense_search(build_dense_index(single), single[:2], k=3)
    assert np.array_equal(single, kept), (
        "Task 7: a float32 array must not change either: np.array(..., copy=True) copies it, "
        "np.asarray does not"
    )


@pytest.mark.task(7)
def test_fewer_rows_than_k():
    from search.hybrid import build_dense_index, dense_search

    vectors = np.array([[1.0, 0.0], [0.6, 0.8], [0.0, 2.0]])
    got = dense_search(build_dense_index(vectors), np.array([[0.0, 1.0], [3.0, 0.1]]), k=5)
    assert got == [[2, 1, 0], [0, 1, 2]], (
        f"Task 7: with 3 rows and k=5 each list holds the 3 rows, without faiss's -1; got {got}"
    )


@pytest.mark.task(7)
def test_reciprocal_rank_fusion_by_hand():
    from search.hybrid import reciprocal_rank_fusion

    def same(got, want):
        return [d for d, _ in got] == [d for d, _ in want] and all(
            math.isclose(a, b) for (_, a), (_, b) in zip(got, want, strict=True)
        )

    rankings = [[3, 1, 2], [1, 4], [5, 3]]
    got = reciprocal_rank_fusion(rankings)
    scores = {3: 1 / 61 + 1 / 62, 1: 1 / 62 + 1 / 61, 2: 1 / 63, 4: 1 / 62, 5: 1 / 61}
    want = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    assert same(got, want), (
        f"Task 7: RRF with k=60 should give {want} (1 / (60 + rank), ranks from 1, ties by "
        f"the smaller id); got {got}"
    )
    got = reciprocal_rank_fusion(rankings, weights=[1.0, 3.0, 0.5], k=1, limit=3)
    scores = {3: 1 / 2 + 0.5 / 3, 1: 1 / 3 + 3 / 2, 2: 1 / 4, 4: 3 / 3, 5: 0.5 / 2}
    want = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:3]
    assert same(got, want), (
        f"Task 7: RRF with weights [1, 3, 0.5], k=1 and limit=3 should give {want}; got {got}"
    )
    assert same(reciprocal_rank_fusion([[2], [2]], weights=[1.0, 2.0], k=0), [(2, 3.0)])
    assert reciprocal_rank_fusion([]) == []


@pytest.mark.task(7)
def test_reciprocal_rank_fusion_refuses_weights_of_another_length():
    from search.hybrid import reciprocal_rank_fusion

    rankings = [[3, 1, 2], [1, 4], [5, 3]]
    for weights in ([1.0, 3.0], [1.0, 3.0, 0.5, 2.0]):
        with pytest.raises(ValueError):
            got = reciprocal_rank_fusion(rankings, weights=weights)
            pytest.fail(
                f"Task 7: RRF of 3 rankings with {len(weights)} weights should raise "
                f"ValueError, not fuse what zip pairs up ({got}): zip them with strict=True"
            )


@pytest.fixture(scope="module")
def rankings(pages, page_index, embeddings):
    """The evaluation titles' BM25 and dense rankings, DEPTH deep, and the pages they want."""
    from search.analysis import analyse
    from search.data import evaluation_sample
    from search.hybrid import build_dense_index, dense_search
    from search.rank import bm25_scores, top_k

    queried = evaluation_sample(pages)
    bodies, titles = embeddings
    dense = dense_search(build_dense_index(bodies), titles, DEPTH)
    lexical = [
        [doc for doc, _ in top_k(bm25_scores(page_index, analyse(pages["title"].iloc[i])), DEPTH)]
        for i in queried
    ]
    return [{int(i)} for i in queried], lexical, dense


@pytest.mark.task(7)
def test_hybrid_retrieval_beats_bm25_alone(rankings, metric, figure):
    from search.evaluate import mrr_at_k
    from search.hybrid import hybrid_rankings

    relevant, lexical, dense = rankings
    bm25 = mrr_at_k(relevant, lexical)
    hybrid = mrr_at_k(relevant, hybrid_rankings(lexical, dense))
    figure("dense_mrr_at_10", mrr_at_k(relevant, dense))
    figure("hybrid_mrr_at_10", hybrid)
    metric("hybrid_over_bm25", hybrid - bm25)

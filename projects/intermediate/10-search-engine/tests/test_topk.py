"""Task 6: MaxScore returns exactly the exhaustive top k, ties included, and scores fewer."""

import math

import pandas as pd
import pytest
from conftest import K1, B, build

TITLE_QUERIES = 200


def same_hits(got, want, what):
    ids = [doc for doc, _ in got.hits]
    want_ids = [doc for doc, _ in want.hits]
    assert ids == want_ids, (
        f"Task 6: MaxScore's top {what} should be the exhaustive one, in the same order (ties "
        f"by the smaller id): expected {want_ids}, got {ids}"
    )
    for (_, score), (_, want_score) in zip(got.hits, want.hits, strict=True):
        assert math.isclose(score, want_score, rel_tol=1e-12), (
            f"Task 6: the scores of {what} should be the full BM25 sums: {want.hits} != {got.hits}"
        )


@pytest.mark.task(6)
def test_a_small_case_by_hand():
    from search.topk import TermList, max_score_top_k

    lists = [
        TermList("rare", {4: 3.0, 9: 2.5}, 3.0),
        TermList("common", {1: 0.5, 2: 0.4, 4: 0.5, 7: 0.5, 9: 0.1}, 0.5),
        TermList("middle", {2: 1.0, 7: 1.0, 8: 0.9}, 1.0),
    ]
    got = max_score_top_k(lists, k=2)
    assert got.hits == [(4, 3.5), (9, 2.6)], (
        f"Task 6: the top 2 of the three lists should be [(4, 3.5), (9, 2.6)]; got {got.hits}"
    )
    assert got.scored == 5, (
        "Task 6: of the six candidates, 1, 2, 4, 7 and 9 are scored in full; after 7 the "
        "threshold is 1.5 = the bounds of 'common' and 'middle' together, so only 'rare' is "
        f"essential and 8 is skipped; got scored={got.scored}"
    )
    three = max_score_top_k(lists, k=3)
    assert three.hits == [(4, 3.5), (9, 2.6), (7, 1.5)] and three.scored == 5, (
        "Task 6: the top 3 should be [(4, 3.5), (9, 2.6), (7, 1.5)] with 5 documents scored: "
        "8 is abandoned when its 0.9 plus the bound 0.5 of 'common' only ties the threshold "
        f"1.4 (<=); got {three.hits}, scored={three.scored}"
    )
    everything = max_score_top_k(lists, k=10)
    assert len(everything.hits) == 6 and everything.hits[-2:] == [(8, 0.9), (1, 0.5)], (
        f"Task 6: with k larger than the candidates, all six come back; got {everything.hits}"
    )
    assert max_score_top_k([], k=3).hits == []
    cut = [TermList("a", {1: 1.0, 3: 1.0}, 1.0), TermList("b", {2: 0.5, 4: 3.0}, 3.0)]
    got = max_score_top_k(cut, k=1)
    assert got.hits == [(4, 3.0)] and got.scored == 3, (
        "Task 6: once document 1 sets the threshold to 1.0, list 'a' (bound 1.0) can at best "
        "tie it: it leaves the essentials (<=), and document 3, only in 'a', is never scored; "
        f"expected [(4, 3.0)] with 3 scored, got {got.hits} with {got.scored}"
    )


@pytest.mark.task(6)
def test_ties_are_broken_by_id_exactly_as_the_exhaustive_ranking(topics):
    from search.analysis import analyse
    from search.topk import exhaustive_top_k, max_score_top_k, term_lists

    base = topics.head(30)
    copies = [base.assign(id=base["id"] + offset) for offset in (0, 100, 200)]
    index = build(pd.concat(copies).sort_values("id"))
    for title in topics["title"].head(30):
        lists = term_lists(index, analyse(title), k1=K1, b=B)
        for k in (1, 2, 3, 4, 7):
            same_hits(max_score_top_k(lists, k), exhaustive_top_k(lists, k), f"{k} for {title!r}")


@pytest.mark.task(6)
def test_maxscore_equals_exhaustive_on_many_queries(pages, page_index, metric):
    from search.analysis import analyse
    from search.topk import exhaustive_top_k, max_score_top_k, term_lists

    scored = candidates = 0
    for title in pages["title"].iloc[::10].head(TITLE_QUERIES):
        lists = term_lists(page_index, analyse(title))
        for k in (1, 10):
            got, want = max_score_top_k(lists, k), exhaustive_top_k(lists, k)
            same_hits(got, want, f"{k} for {title!r}")
        scored, candidates = scored + got.scored, candidates + want.scored
    metric("maxscore_scored_share", scored / candidates)

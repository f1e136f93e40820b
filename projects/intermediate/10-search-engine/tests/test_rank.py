"""Task 4: BM25 equal to bm25s's, TF-IDF by its formula, and the measures of a ranking."""

import math

import bm25s
import numpy as np
import pytest
from conftest import K1, B, analysed_fields, build

EVALUATION_K = 10


def bm25s_scores(bodies, query, k1, b):
    retriever = bm25s.BM25(k1=k1, b=b, method="lucene", dtype="float64")
    retriever.index(bodies, show_progress=False)
    return retriever.get_scores(list(dict.fromkeys(query)))


def compare(got: dict, want: np.ndarray, ids, query, what):
    expected = {int(i): float(s) for i, s in zip(ids, want, strict=True) if s > 0}
    assert set(got) == set(expected), (
        f"Task 4: BM25 for {query} should score exactly the {len(expected)} documents holding a "
        f"query term; got {len(got)} ({what})"
    )
    worst = max((abs(got[d] - expected[d]) for d in expected), default=0.0)
    assert worst < 1e-9, (
        f"Task 4: BM25 for {query} should equal bm25s (method='lucene') to 1e-9 ({what}); the "
        f"largest gap is {worst:.3g}. Check the idf, k1, b and the average length."
    )


QUERIES = [
    ["assign", "statement", "target"],
    ["except", "handler", "finally", "except"],
    ["lambda"],
    ["yield", "generat", "coroutin", "await", "nothere"],
]


@pytest.mark.task(4)
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_bm25_equals_bm25s(topics, topic_index, query):
    from search.rank import bm25_scores

    _, bodies = analysed_fields(topics)
    want = bm25s_scores(bodies, query, K1, B)
    got = bm25_scores(topic_index, query, k1=K1, b=B)
    distinct = list(dict.fromkeys(query))
    assert got == bm25_scores(topic_index, distinct, k1=K1, b=B), (
        f"Task 4: a term repeated in the query counts once: BM25 for {query} should equal "
        f"BM25 for {distinct}"
    )
    compare(got, want, topics["id"], query, f"k1={K1}, b={B}")
    titles, _ = analysed_fields(topics)
    want = bm25s_scores([t or ["_"] for t in titles], ["statement"], 1.5, 0.75)
    got = bm25_scores(topic_index, ["statement"], field="title")
    compare(got, want, topics["id"], ["statement"], "in the title field, with the defaults")


@pytest.mark.task(4)
def test_bm25_after_deletions_equals_bm25s_on_what_is_left(topics):
    from search.rank import bm25_scores

    index = build(topics.head(40))
    for doc_id in (3, 17, 39):
        index.delete(doc_id)
    kept = topics.head(40)[~topics.head(40)["id"].isin([3, 17, 39])]
    _, bodies = analysed_fields(kept)
    query = ["statement", "object", "valu"]
    compare(
        bm25_scores(index, query, k1=0.9, b=0.4),
        bm25s_scores(bodies, query, 0.9, 0.4),
        kept["id"],
        query,
        "after deleting 3 of 40 documents: N and the average length are those of what is left",
    )


@pytest.mark.task(4)
def test_tfidf_by_its_formula():
    from search.index import InvertedIndex
    from search.rank import tfidf_scores

    index = InvertedIndex()
    index.add(0, {"title": "", "body": "variance variance test"})
    index.add(1, {"title": "", "body": "test data data data"})
    index.add(2, {"title": "", "body": "nothing relevant here"})
    index.add(5, {"title": "test", "body": "variance"})
    got = tfidf_scores(index, ["varianc", "test", "varianc"])
    idf_v, idf_t = math.log(4 / 2), math.log(4 / 2)
    want = {
        0: (1 + math.log(2)) * idf_v / math.sqrt(3) + idf_t / math.sqrt(3),
        1: idf_t / math.sqrt(4),
        5: idf_v / math.sqrt(1),
    }
    assert got.keys() == want.keys() and all(math.isclose(got[d], want[d]) for d in want), (
        f"Task 4: TF-IDF adds (1 + ln tf) * ln(N / df) / sqrt(len) per distinct term; "
        f"expected {want}, got {got}"
    )
    title = tfidf_scores(index, ["test"], field="title")
    assert title.keys() == {5} and math.isclose(title[5], math.log(4)), (
        f"Task 4: in the title field only document 5 has 'test' (ln(4/1) / sqrt(1)); got {title}"
    )


RELEVANT = [{3}, {1, 2}, {9}, {4, 5, 6}]
RANKED = [[5, 3, 8], [2, 7, 1, 0], [1, 2, 3], [6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]]


@pytest.mark.task(4)
def test_measures_by_hand():
    from search.evaluate import mrr_at_k, ndcg_at_k, recall_at_k

    cases = [
        (mrr_at_k, 3, (1 / 2 + 1 + 0 + 1) / 4),
        (mrr_at_k, 1, (0 + 1 + 0 + 1) / 4),
        (recall_at_k, 3, (1 + 2 / 2 + 0 + 1 / 3) / 4),
        (recall_at_k, 2, (1 + 1 / 2 + 0 + 1 / 3) / 4),
        (recall_at_k, 11, (1 + 1 + 0 + 2 / 3) / 4),
    ]
    ideal_2 = 1 + 1 / math.log2(3)
    ideal_3 = ideal_2 + 1 / math.log2(4)
    ndcg_3 = [1 / math.log2(3), (1 + 1 / math.log2(4)) / ideal_2, 0.0, 1 / ideal_3]
    ndcg_11 = [ndcg_3[0], ndcg_3[1], 0.0, (1 + 1 / math.log2(12)) / ideal_3]
    cases += [(ndcg_at_k, 3, sum(ndcg_3) / 4), (ndcg_at_k, 11, sum(ndcg_11) / 4)]
    ndcg_1 = [0.0, 1.0, 0.0, 1.0]
    cases += [(ndcg_at_k, 1, sum(ndcg_1) / 4)]
    for measure, k, want in cases:
        got = measure(RELEVANT, RANKED, k=k)
        assert math.isclose(got, want), (
            f"Task 4: {measure.__name__}(relevant, ranked, k={k}) should be {want:.4f}, got "
            f"{got:.4f}; relevant {RELEVANT}, ranked {RANKED}"
        )
    ranked = [list(range(20))]
    for measure, at_10 in ((mrr_at_k, 1 / 10), (recall_at_k, 1.0), (ndcg_at_k, 1 / math.log2(11))):
        got = (measure([{9}], ranked), measure([{10}], ranked))
        assert math.isclose(got[0], at_10) and got[1] == 0.0, (
            f"Task 4: {measure.__name__}'s k defaults to 10: the 10th id counts, the 11th not; "
            f"got {got}"
        )


@pytest.mark.task(4)
def test_measures_refuse_rankings_of_another_length():
    from search.evaluate import mrr_at_k, ndcg_at_k, recall_at_k

    for measure in (mrr_at_k, recall_at_k, ndcg_at_k):
        for relevant, ranked in ((RELEVANT, RANKED[:3]), (RELEVANT[:3], RANKED)):
            with pytest.raises(ValueError):
                measure(relevant, ranked, k=3)
                pytest.fail(
                    f"Task 4: {measure.__name__} with {len(relevant)} sets of relevant ids and "
                    f"{len(ranked)} rankings should raise ValueError, not drop a query: zip "
                    "them with strict=True"
                )


@pytest.fixture(scope="module")
def known_item_rankings(pages, page_index):
    """BM25 and TF-IDF's top 10 for each evaluation title, with the page each one wants."""
    from search.analysis import analyse
    from search.data import evaluation_sample
    from search.rank import bm25_scores, tfidf_scores, top_k

    queried = evaluation_sample(pages)
    relevant = [{int(i)} for i in queried]
    rankings = {}
    for name, scores in (("bm25", bm25_scores), ("tfidf", tfidf_scores)):
        rankings[name] = [
            [doc for doc, _ in top_k(scores(page_index, analyse(pages["title"].iloc[i])), 10)]
            for i in queried
        ]
    return relevant, rankings


@pytest.mark.task(4)
def test_bm25_finds_the_page_a_title_names(known_item_rankings, metric, figure):
    from search.evaluate import mrr_at_k, ndcg_at_k, recall_at_k

    relevant, rankings = known_item_rankings
    bm25 = mrr_at_k(relevant, rankings["bm25"], EVALUATION_K)
    tfidf = mrr_at_k(relevant, rankings["tfidf"], EVALUATION_K)
    figure("bm25_recall_at_10", recall_at_k(relevant, rankings["bm25"], EVALUATION_K))
    figure("bm25_ndcg_at_10", ndcg_at_k(relevant, rankings["bm25"], EVALUATION_K))
    figure("tfidf_mrr_at_10", tfidf)
    metric("bm25_mrr_at_10", bm25)
    metric("bm25_over_tfidf", bm25 - tfidf)

"""Task 6: TextRank (PageRank over sentence similarity, equal to networkx) and the lead baseline."""

import math

import numpy as np
import pytest

OTHER_SEED = 41
TEXT = (
    "Prices of houses sold in Ames. "
    "The houses were sold between 2006 and 2010 in Ames. "
    "Each house has a price and an area. "
    "Ok."
)


def random_graph(generator, n, dangling):
    """A symmetric weighted graph of n nodes; the last `dangling` nodes have no edges."""
    weights = generator.random((n, n)) * (generator.random((n, n)) < 0.5)
    weights = np.triu(weights, 1)
    weights = weights + weights.T
    if dangling:
        weights[-dangling:, :] = 0
        weights[:, -dangling:] = 0
    return weights


def networkx_ranks(weights, damping, tolerance=1e-6, max_iterations=100):
    import networkx as nx

    graph = nx.from_numpy_array(weights)
    ranks = nx.pagerank(graph, alpha=damping, tol=tolerance, max_iter=max_iterations)
    return np.array([ranks[i] for i in range(len(weights))])


@pytest.mark.task(6)
def test_similarity_of_two_sentences():
    from documents.summarise import similarity_matrix

    sentences = ["The houses of Ames.", "Houses sold, in Ames!", "Ok.", "", "Ok, fine."]
    result = similarity_matrix(sentences)
    expected = np.zeros((5, 5))
    # {houses, ames} shared by {the, houses, of, ames} and {houses, sold, in, ames}
    expected[0, 1] = expected[1, 0] = 2 / (math.log(4) + math.log(4))
    expected[2, 4] = expected[4, 2] = 1 / (math.log(1) + math.log(2))  # ok: a log of 1 is 0
    assert result.shape == (5, 5) and np.allclose(result, expected, atol=1e-12), (
        f"Task 6: the similarities should be\n{expected}\ngot\n{result}\nShared lower-case words "
        "over log |W(a)| + log |W(b)|; 0 on the diagonal, beside a sentence without a word, "
        "and where the denominator is not positive."
    )


@pytest.mark.task(6)
def test_two_one_word_sentences_are_not_similar():
    from documents.summarise import similarity_matrix

    result = similarity_matrix(["Ok.", "OK!"])
    assert np.array_equal(result, np.zeros((2, 2))), (
        "Task 6: log 1 + log 1 = 0: two one-word sentences have similarity 0, not a division "
        f"by zero; got {result}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(("n", "dangling", "damping"), [(6, 0, 0.85), (9, 2, 0.6), (1, 1, 0.85)])
def test_pagerank_equals_networkx(n, dangling, damping):
    from documents.summarise import pagerank

    generator = np.random.default_rng(OTHER_SEED + n)
    weights = random_graph(generator, n, dangling)
    result = pagerank(weights, damping=damping, tolerance=1e-10)
    expected = networkx_ranks(weights, damping, tolerance=1e-10)
    assert result.shape == (n,) and np.allclose(result, expected, atol=1e-9), (
        f"Task 6: PageRank with damping {damping} should equal networkx's\n{expected}\ngot\n"
        f"{result}\nCheck: each row divided by its total weight, a node without edges giving "
        "its rank to every node equally, and (1 - damping) / n for everyone."
    )


@pytest.mark.task(6)
def test_pagerank_stops_where_networkx_stops():
    import networkx as nx

    from documents.summarise import pagerank

    weights = random_graph(np.random.default_rng(OTHER_SEED), 8, 1)
    needed = next(
        steps
        for steps in range(1, 100)
        if not _fails(lambda s=steps: networkx_ranks(weights, 0.85, 1e-8, s), nx)
    )
    result = pagerank(weights, tolerance=1e-8, max_iterations=needed)
    assert np.allclose(result, networkx_ranks(weights, 0.85, 1e-8, needed), atol=1e-12), (
        f"Task 6: networkx converges in {needed} steps; so should yours, to the same ranks"
    )
    with pytest.raises(RuntimeError):
        pagerank(weights, tolerance=1e-8, max_iterations=needed - 1)
    assert pagerank(np.zeros((0, 0))).shape == (0,), "Task 6: an empty graph has no ranks"


@pytest.mark.task(6)
def test_pagerank_stops_only_below_the_tolerance():
    from documents.summarise import pagerank

    pair = np.array([[0.0, 1.0], [1.0, 0.0]])  # the ranks start, and stay, at exactly 0.5
    assert np.array_equal(pagerank(pair, damping=0.5, tolerance=1e-300), [0.5, 0.5]), (
        "Task 6: two nodes joined by one edge keep the ranks 1/2 and 1/2"
    )
    with pytest.raises(RuntimeError):
        # a change of exactly 0 is not below n * 0: like networkx, never converged
        pagerank(pair, damping=0.5, tolerance=0.0, max_iterations=3)


def _fails(compute, nx) -> bool:
    try:
        compute()
    except nx.PowerIterationFailedConvergence:
        return True
    return False


@pytest.mark.task(6)
def test_textrank_picks_the_central_sentences():
    from documents.summarise import textrank

    assert textrank(TEXT) == "The houses were sold between 2006 and 2010 in Ames.", (
        f"Task 6: the sentence that shares most with the others is the summary; got "
        f"{textrank(TEXT)!r}"
    )
    two = textrank(TEXT, n_sentences=2)
    assert (
        two == "Prices of houses sold in Ames. The houses were sold between 2006 and 2010 in Ames."
    ), f"Task 6: the best two sentences, in the text's order; got {two!r}"
    assert textrank("") == "" and textrank("One sentence only.") == "One sentence only.", (
        "Task 6: no sentence gives '', one sentence gives itself"
    )
    tie = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    assert textrank(tie) == "Alpha beta gamma.", (
        "Task 6: sentences of equal rank: the earlier one wins"
    )


@pytest.mark.task(6)
def test_textrank_passes_its_damping_on(monkeypatch):
    from documents import summarise

    seen = []
    real = summarise.pagerank

    def spy(weights, damping=summarise.DAMPING, *args, **kwargs):
        seen.append(damping)
        return real(weights, damping, *args, **kwargs)

    monkeypatch.setattr(summarise, "pagerank", spy)
    summarise.textrank(TEXT, damping=0.5)
    assert seen == [0.5], f"Task 6: textrank ranks with the damping it is given; saw {seen}"


@pytest.mark.task(6)
def test_lead():
    from documents.summarise import lead

    assert lead(TEXT) == "Prices of houses sold in Ames.", "Task 6: lead is the first sentence"
    assert lead(TEXT, n_sentences=2) == (
        "Prices of houses sold in Ames. The houses were sold between 2006 and 2010 in Ames."
    ), "Task 6: lead(text, 2) is the first two sentences joined by a space"
    assert lead("") == "", "Task 6: no sentence, no summary"


@pytest.mark.task(6)
def test_summary_figures(docstrings, metric, figure):
    from rouge_score import rouge_scorer

    from documents.summarise import lead, textrank

    scorer = rouge_scorer.RougeScorer(["rouge1"])
    for name, summarise in [("textrank", textrank), ("lead", lead)]:
        scores = [scorer.score(d.summary, summarise(d.body))["rouge1"].fmeasure for d in docstrings]
        (metric if name == "textrank" else figure)(f"{name}_rouge1_rouge_score", np.mean(scores))

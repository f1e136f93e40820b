"""Task 7: ROUGE-1, ROUGE-2 and ROUGE-L by hand, equal to Google's rouge-score."""

import numpy as np
import pytest

OTHER_SEED = 53
EDGE_CASES = [
    ("the cat sat on the mat", "the cat the cat the cat"),  # clipped counts
    ("The Cat, sat!", "the cat sat"),  # case and punctuation
    ("", "anything at all"),
    ("a reference", ""),
    ("!!! ???", "..."),  # no tokens at all
    ("x", "x"),  # one token: no bigram
    ("a b c d e f", "f e d c b a"),
    ("Python 3.11 parses ISO-8601 dates", "parses python 3 11 iso 8601"),
    ("naïve café au lait", "naive cafe"),  # non-ASCII letters are not tokens
]


def scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rouge3", "rougeL"])


def pairs(docstrings, count):
    generator = np.random.default_rng(OTHER_SEED)
    chosen = generator.choice(len(docstrings), count, replace=False)
    bodies = [docstrings[i].body for i in generator.permutation(chosen)]
    return [(docstrings[i].summary, body[:400]) for i, body in zip(chosen, bodies, strict=True)]


@pytest.mark.task(7)
@pytest.mark.parametrize("text", [pair[0] for pair in EDGE_CASES] + ["  Don't\tstop: 2x-speed "])
def test_tokens_equal_rouge_score(text):
    from rouge_score.tokenize import tokenize

    from documents.rouge import rouge_tokens

    assert rouge_tokens(text) == tokenize(text, None), (
        f"Task 7: rouge-score reads {text!r} as {tokenize(text, None)}; got {rouge_tokens(text)}"
    )


@pytest.mark.task(7)
def test_longest_common_subsequence():
    from documents.rouge import longest_common_subsequence

    cases = [
        (["a", "b", "c", "d"], ["a", "c", "d"], 3),
        (["a", "b", "c", "d"], ["d", "c", "b", "a"], 1),
        (["a", "x", "b", "y", "c"], ["a", "b", "c"], 3),
        (["a", "b", "c"], ["a", "x", "b", "y", "c"], 3),
        ([], ["a"], 0),
        (["a", "b", "a", "b"], ["b", "a", "b", "a"], 3),
    ]
    for first, second, length in cases:
        result = longest_common_subsequence(first, second)
        assert result == length, (
            f"Task 7: the longest common subsequence of {first} and {second} has {length} "
            f"tokens; got {result}"
        )


def check(reference, candidate, expected):
    from documents.rouge import rouge_l, rouge_n

    mine = {
        "rouge1": rouge_n(reference, candidate, 1),
        "rouge2": rouge_n(reference, candidate, 2),
        "rouge3": rouge_n(reference, candidate, 3),
        "rougeL": rouge_l(reference, candidate),
    }
    for name, score in mine.items():
        theirs = expected[name]
        assert np.allclose(
            [score.precision, score.recall, score.fmeasure],
            [theirs.precision, theirs.recall, theirs.fmeasure],
            atol=1e-12,
        ), (
            f"Task 7: {name} of the candidate {candidate!r} against the reference {reference!r} "
            f"should be {theirs}; got {score}. Precision is over the candidate, recall over the "
            "reference (the reference comes first, as the truth does)."
        )


@pytest.mark.task(7)
@pytest.mark.parametrize(("reference", "candidate"), EDGE_CASES)
def test_rouge_on_edge_cases(reference, candidate):
    check(reference, candidate, scorer().score(reference, candidate))


@pytest.mark.task(7)
def test_rouge_equals_rouge_score_on_docstrings(docstrings):
    rouge = scorer()
    for reference, candidate in pairs(docstrings, 40):
        check(reference, candidate, rouge.score(reference, candidate))


@pytest.mark.task(7)
def test_rouge_figures(docstrings, metric, figure):
    from documents.rouge import rouge_l, rouge_n
    from documents.summarise import lead, textrank

    for name, summarise in [("textrank", textrank), ("lead", lead)]:
        summaries = [(d.summary, summarise(d.body)) for d in docstrings]
        figures = {
            "rouge1": np.mean([rouge_n(s, c, 1).fmeasure for s, c in summaries]),
            "rouge2": np.mean([rouge_n(s, c, 2).fmeasure for s, c in summaries]),
            "rougeL": np.mean([rouge_l(s, c).fmeasure for s, c in summaries]),
        }
        for kind, value in figures.items():
            (metric if name == "textrank" else figure)(f"{name}_{kind}", value)

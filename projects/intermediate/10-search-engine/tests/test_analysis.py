"""Task 1: analysis, checked against bm25s's tokenizer on both corpora."""

import bm25s
import pytest


def reference(texts, stop_words, stemmer):
    return bm25s.tokenize(
        list(texts),
        stopwords=list(stop_words),
        stemmer=stemmer,
        return_ids=False,
        show_progress=False,
        allow_empty=False,
    )


@pytest.mark.task(1)
def test_a_sentence_is_analysed():
    from search.analysis import analyse

    got = analyse("The Analysis of VARIANCES: 2 tests, and the t-test's power.")
    expected = ["analysi", "varianc", "test", "test", "power"]
    assert got == expected, (
        "Task 1: lower-case, TOKEN's words of two characters or more, stop words dropped "
        f"('the', 'of', 'and'), then the Snowball stem: expected {expected}, got {got}"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize("corpus", ["pages", "topics"])
def test_analysis_equals_bm25s_tokenizer(corpus, request):
    from search.analysis import STEMMER, STOP_WORDS, analyse

    frame = request.getfixturevalue(corpus).head(300)
    expected = reference(frame["body"], STOP_WORDS, STEMMER.stemWords)
    for text, want, name in zip(frame["body"], expected, frame["name"], strict=True):
        got = analyse(text)
        if got != want:
            first = next(i for i in range(len(got) + 1) if got[i : i + 1] != want[i : i + 1])
            raise AssertionError(
                f"Task 1: the body of {name} should analyse as bm25s.tokenize does with the same "
                f"stop words and stemmer; the first difference is at term {first}: expected "
                f"{want[first : first + 8]}, got {got[first : first + 8]}"
            )


@pytest.mark.task(1)
def test_stop_words_and_stemming_can_be_changed(topics):
    from search.analysis import analyse

    stop_words = {"python", "function", "the"}
    for text in topics["body"].head(40):
        want = reference([text], stop_words, None)[0]
        got = analyse(text, stop_words=stop_words, stemming=False)
        assert got == want, (
            "Task 1: analyse(text, stop_words=..., stemming=False) should drop the given stop "
            f"words (and only those) and leave words unstemmed; expected {want[:10]}..., "
            f"got {got[:10]}..."
        )
    got = analyse("Variances the", stop_words=())
    assert got == ["varianc", "the"], (
        f"Task 1: with no stop words, 'the' is kept: expected ['varianc', 'the'], got {got}"
    )

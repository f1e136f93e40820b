"""Task 1: normalisation, and the character n-gram text model."""

import numpy as np
import pytest


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("text", "expected", "what"),
    [
        ("ＦＲＥＥ Crypto", "free crypto", "fullwidth letters (NFKC) and upper case"),
        ("you are an idi\u043et", "you are an idiot", "a Cyrillic о"),
        ("\u0441h\u0435\u0430p \u0440ills", "cheap pills", "Cyrillic с, е, а and р"),
        ("\u03b1 l\u03bfser", "a loser", "Greek α and ο"),
        ("u r 4 1d10t", "u r 4 idiot", "leetspeak inside a word with letters, not alone"),
        ("get 1000 $$$ at fr33-m0n3y.info", "get 1000 $$$ at free-money.info", "numbers kept"),
        ("fr@ud $cam", "fraud scam", "@ and $ as letters"),
        ("l0s3r!", "loser!", "punctuation stays"),
        ("i d i o t", "idiot", "letters spaced out"),
        ("a b and c d e", "a b and cde", "two single letters stay apart, three join"),
        ("so loooooser", "so looser", "a letter repeated"),
        ("cooool  zz", "cool zz", "exactly two repeats kept"),
        ("  many   spaces\there \n", "many spaces here", "whitespace"),
        ("", "", "an empty text"),
    ],
)
def test_normalise(text, expected, what):
    from moderation.text import normalise

    got = normalise(text)
    assert got == expected, (
        f"Task 1: normalise({text!r}) ({what}) should be {expected!r}, got {got!r}. "
        "Follow the docstring's six steps in order."
    )


@pytest.mark.task(1)
def test_normalise_follows_the_order_of_the_steps():
    from moderation.text import normalise

    # Fullwidth digits become digits before the leet step; a spaced word made of leet
    # letters is unleeted letter by letter, then joined; repeats are cut after joining.
    cases = {
        "１d１０t": "idiot",
        "1 d 1 0 t": "1 d 1 0 t",  # no letter in any run: nothing is leet, nothing joins
        "l 0 0 0 s e r": "l 0 0 0 ser",
        "s o o o o o n": "soon",
        "\u0406D\u0406\u041eT": "idiot",  # upper-case Cyrillic lower-cased before the map
    }
    for text, expected in cases.items():
        got = normalise(text)
        assert got == expected, f"Task 1: normalise({text!r}) should be {expected!r}, got {got!r}"


def oracle_pipeline(ngram_range, c, use_normalise):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    from moderation.text import MAX_ITER, MIN_DF, normalise

    vectoriser = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        min_df=MIN_DF,
        sublinear_tf=True,
        preprocessor=normalise if use_normalise else None,
    )
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=MAX_ITER)
    return Pipeline([("tfidf", vectoriser), ("classifier", model)])


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("kwargs", "ngram_range", "c", "use_normalise"),
    [
        ({}, (2, 4), 4.0, True),
        ({"ngram_range": (1, 3), "c": 0.5, "use_normalise": False}, (1, 3), 0.5, False),
        ({"ngram_range": (3, 5), "c": 2.0}, (3, 5), 2.0, True),
    ],
)
def test_the_text_model_is_the_pipeline_asked_for(train, kwargs, ngram_range, c, use_normalise):
    from moderation.text import build_text_model

    model = build_text_model(**kwargs)
    want = oracle_pipeline(ngram_range, c, use_normalise)
    assert [name for name, _ in model.steps] == ["tfidf", "classifier"], (
        f"Task 1: the pipeline's steps should be named ['tfidf', 'classifier'], got "
        f"{[name for name, _ in model.steps]}"
    )
    for step in ("tfidf", "classifier"):
        got_params = model.named_steps[step].get_params()
        for key, value in want.named_steps[step].get_params().items():
            assert got_params.get(key) == value, (
                f"Task 1: build_text_model({kwargs}): the {step} step's {key} should be "
                f"{value!r}, got {got_params.get(key)!r}"
            )
    texts = np.array(train.texts)[train.has_text][:400]
    labels = train.text_label[train.has_text][:400]
    got = model.fit(texts, labels).predict_proba(texts[:50])[:, 1]
    expected = want.fit(texts, labels).predict_proba(texts[:50])[:, 1]
    np.testing.assert_allclose(got, expected, atol=1e-9, err_msg="Task 1: the fitted pipeline")


@pytest.mark.task(1)
def test_normalising_makes_the_text_model_robust(train, test_posts, metric, figure):
    from sklearn.metrics import f1_score

    from moderation.text import build_text_model

    fit_texts = np.array(train.texts)[train.has_text]
    fit_labels = train.text_label[train.has_text]
    texts = np.array(test_posts.texts)[test_posts.has_text]
    truth = test_posts.text_label[test_posts.has_text]
    with_normalise = build_text_model().fit(fit_texts, fit_labels).predict(texts)
    without = build_text_model(use_normalise=False).fit(fit_texts, fit_labels).predict(texts)
    robust = f1_score(truth, with_normalise, average="macro")
    plain = f1_score(truth, without, average="macro")
    figure("text_f1_without_normalise", plain)
    metric("text_f1", robust)
    assert robust > plain + 0.02, (
        f"Task 1: on texts that hide their words, normalising should help: macro-F1 "
        f"{robust:.3f} with normalise, {plain:.3f} without"
    )

"""Task 3: TF-IDF on your tokens, then logistic regression; what the preprocessing buys."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.pipeline import Pipeline

from sentiment.linear import (
    INVERSE_REGULARISATION,
    MAX_ITERATIONS,
    MIN_DOCUMENT_FREQUENCY,
    NGRAM_RANGE,
    build_pipeline,
    top_features,
)
from sentiment.preprocess import tokenise

TOY_TEXTS = [
    "I love this tea 😍",
    "I love this tea, really 😍",
    "not good at all",
    "It is not good, sadly",
]
TOY_LABELS = np.array([1, 1, 0, 0])
OTHER_SEED = 7


def vectoriser_and_classifier(pipeline):
    assert isinstance(pipeline, Pipeline), (
        f"Task 3: build_pipeline should return a sklearn Pipeline, got {type(pipeline).__name__}"
    )
    steps = [type(step).__name__ for _, step in pipeline.steps]
    vectoriser, classifier = pipeline.steps[0][1], pipeline.steps[-1][1]
    assert isinstance(vectoriser, TfidfVectorizer) and isinstance(classifier, LogisticRegression), (
        f"Task 3: the steps should be a TfidfVectorizer, then a LogisticRegression; got {steps}"
    )
    return vectoriser, classifier


@pytest.mark.task(3)
def test_pipeline_uses_your_tokens_as_tokenizer_with_bigrams():
    vectoriser, _ = vectoriser_and_classifier(build_pipeline())
    assert vectoriser.tokenizer is tokenise, (
        "Task 3: the TfidfVectorizer should use your tokenise as its tokenizer, got "
        f"tokenizer={vectoriser.tokenizer!r}"
    )
    assert vectoriser.analyzer == "word", (
        f"Task 3: keep analyzer='word' (got {vectoriser.analyzer!r}): a callable analyzer "
        "replaces scikit-learn's whole analysis, and ngram_range is then silently ignored"
    )
    assert vectoriser.ngram_range[1] >= 2, (
        f"Task 3: count word pairs too (ngram_range=(1, 2)), got {vectoriser.ngram_range}"
    )
    assert not vectoriser.lowercase, (
        "Task 3: set lowercase=False: your tokens are lower-case already, except the _NEG "
        "suffix, which scikit-learn's lower-casing would turn into _neg"
    )


@pytest.mark.task(3)
def test_without_a_tokeniser_only_the_tokenisation_changes():
    with_tokens, _ = vectoriser_and_classifier(build_pipeline())
    plain, _ = vectoriser_and_classifier(build_pipeline(None))
    assert plain.tokenizer is None and plain.lowercase, (
        "Task 3: build_pipeline(None) should keep scikit-learn's own lower-casing and "
        f"tokenisation, got tokenizer={plain.tokenizer!r}, lowercase={plain.lowercase}"
    )
    ignored = {"tokenizer", "lowercase", "token_pattern"}
    differ = {
        name: (value, plain.get_params()[name])
        for name, value in with_tokens.get_params().items()
        if name not in ignored and plain.get_params()[name] != value
    }
    assert not differ, (
        "Task 3: the two pipelines should differ only in their tokenisation, so that the "
        f"comparison measures the preprocessing alone; these settings differ: {differ}"
    )


@pytest.mark.task(3)
def test_the_settings_of_the_docstring_and_the_seed():
    vectoriser, classifier = vectoriser_and_classifier(build_pipeline(seed=OTHER_SEED))
    expected = {
        "vectoriser ngram_range": (vectoriser.ngram_range, NGRAM_RANGE),
        "vectoriser min_df": (vectoriser.min_df, MIN_DOCUMENT_FREQUENCY),
        "vectoriser sublinear_tf": (vectoriser.sublinear_tf, True),
        "classifier C": (classifier.C, INVERSE_REGULARISATION),
        "classifier max_iter": (classifier.max_iter, MAX_ITERATIONS),
        "classifier random_state": (classifier.random_state, OTHER_SEED),
    }
    wrong = {name: got for name, (got, want) in expected.items() if got != want}
    assert not wrong, (
        f"Task 3: build_pipeline(seed={OTHER_SEED}) should set "
        f"{ {name: want for name, (_, want) in expected.items()} }; these differ: {wrong}"
    )


@pytest.mark.task(3)
def test_any_tokeniser_can_be_given():
    vectoriser, _ = vectoriser_and_classifier(build_pipeline(str.split))
    assert vectoriser.tokenizer is str.split and not vectoriser.lowercase, (
        "Task 3: build_pipeline(str.split) should use str.split as the tokenizer (without "
        f"lower-casing), got tokenizer={vectoriser.tokenizer!r}, lowercase={vectoriser.lowercase}"
    )


@pytest.mark.task(3)
def test_the_fitted_vocabulary_holds_your_tokens_and_their_pairs():
    vocabulary = build_pipeline().fit(TOY_TEXTS, TOY_LABELS).steps[0][1].vocabulary_
    for gram in ("good_NEG", "not good_NEG", "emoji_smiling_face_with_heart_shaped_eyes"):
        assert gram in vocabulary, (
            f"Task 3: fitted on {TOY_TEXTS}, the vocabulary should contain {gram!r}; it holds "
            f"{sorted(vocabulary)}"
        )


@pytest.mark.task(3)
def test_top_features_follow_the_coefficients(pipeline):
    n = 7
    towards_great, towards_other = top_features(pipeline, n)
    assert len(towards_great) == n and len(towards_other) == n, (
        f"Task 3: top_features(pipeline, {n}) should return two lists of {n} n-grams, got "
        f"{len(towards_great)} and {len(towards_other)}"
    )
    vectoriser, classifier = pipeline.steps[0][1], pipeline.steps[-1][1]
    weight = dict(zip(vectoriser.get_feature_names_out(), classifier.coef_[0], strict=True))
    coefficients = np.sort(classifier.coef_[0])
    great_weights = [weight[gram] for gram in towards_great]
    other_weights = [weight[gram] for gram in towards_other]
    assert np.allclose(great_weights, coefficients[::-1][:n]), (
        f"Task 3: the first list should hold the {n} n-grams of the largest coefficients, "
        f"largest first; got {towards_great} with coefficients {np.round(great_weights, 3)}"
    )
    assert np.allclose(other_weights, coefficients[:n]), (
        f"Task 3: the second list should hold the {n} n-grams of the smallest coefficients, "
        f"smallest first; got {towards_other} with coefficients {np.round(other_weights, 3)}"
    )


@pytest.mark.task(3)
def test_tfidf_accuracy(metric, pipeline_scores, test_tweets):
    metric("tfidf_accuracy", accuracy_score(test_tweets.labels, pipeline_scores >= 0.5))


@pytest.mark.task(3)
def test_tfidf_roc_auc(metric, pipeline_scores, test_tweets):
    metric("tfidf_roc_auc", roc_auc_score(test_tweets.labels, pipeline_scores))


@pytest.mark.task(3)
def test_preprocessing_gain(metric, pipeline_scores, train, test_tweets, seed):
    plain = build_pipeline(None, seed=seed).fit(train.texts, train.labels)
    plain_scores = plain.predict_proba(test_tweets.texts)[:, 1]
    gain = roc_auc_score(test_tweets.labels, pipeline_scores) - roc_auc_score(
        test_tweets.labels, plain_scores
    )
    metric("preprocessing_gain", gain)

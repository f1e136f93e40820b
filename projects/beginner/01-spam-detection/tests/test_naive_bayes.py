"""Task 4: multinomial Naive Bayes from scratch, checked against scikit-learn's MultinomialNB."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import f1_score
from sklearn.naive_bayes import MultinomialNB

from spam_filter.naive_bayes import MultinomialNaiveBayes
from spam_filter.tokeniser import tokenise

TOLERANCE = 1e-9
LOG_PROBA_TOLERANCE = 1e-8  # a log-sum-exp adds its own rounding
LONG_MESSAGE_REPEATS = 400

# Three messages over the words [cash, win, home]: two spam (1), one ham (0).
COUNTS = np.array([[2, 1, 0], [1, 1, 0], [0, 0, 3]])
LABELS = np.array([1, 1, 0])


@pytest.fixture(scope="module")
def counts(train, held_out):
    """Word counts by scikit-learn's own tokeniser, so this task does not lean on yours."""
    vectoriser = CountVectorizer().fit(train.texts)
    return vectoriser.transform(train.texts), vectoriser.transform(held_out.texts)


@pytest.mark.task(4)
def test_priors_and_smoothed_word_probabilities_by_hand():
    model = MultinomialNaiveBayes(alpha=1.0).fit(COUNTS, LABELS)
    assert np.array_equal(model.classes_, [0, 1]), (
        f"Task 4: classes_ should be the sorted labels [0, 1], got {model.classes_}"
    )
    prior = np.log([1 / 3, 2 / 3])
    assert np.allclose(model.class_log_prior_, prior, rtol=0, atol=TOLERANCE), (
        f"Task 4: one ham and two spam messages: class_log_prior_ should be log([1/3, 2/3]) = "
        f"{np.round(prior, 6).tolist()}, got {np.round(model.class_log_prior_, 6).tolist()}"
    )
    # ham: counts [0, 0, 3] + 1 over 3 + 3; spam: counts [3, 2, 0] + 1 over 5 + 3
    expected = np.log([[1 / 6, 1 / 6, 4 / 6], [4 / 8, 3 / 8, 1 / 8]])
    assert np.allclose(model.feature_log_prob_, expected, rtol=0, atol=TOLERANCE), (
        "Task 4: feature_log_prob_[c, w] = log((N_cw + alpha) / (N_c + alpha * V)); expected "
        f"{np.round(expected, 6).tolist()}, got {np.round(model.feature_log_prob_, 6).tolist()}"
    )


@pytest.mark.task(4)
def test_a_word_never_seen_in_a_class_does_not_decide_alone():
    model = MultinomialNaiveBayes(alpha=1.0).fit(COUNTS, LABELS)
    assert np.all(np.isfinite(model.feature_log_prob_)), (
        "Task 4: 'home' never occurs in spam and 'cash' never in ham, yet every log P(w | c) must "
        f"be finite: add alpha to every count. Got {model.feature_log_prob_.tolist()}"
    )
    proba = model.predict_proba(np.array([[1, 0, 1]]))
    assert np.all(proba > 0), (
        f"Task 4: a message with 'cash' and 'home' should keep some probability of both "
        f"classes, got {proba.tolist()}"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize("alpha", [1.0, 0.1], ids=["Laplace", "Lidstone"])
def test_matches_scikit_learn(counts, train, alpha):
    train_counts, test_counts = counts
    ours = MultinomialNaiveBayes(alpha=alpha).fit(train_counts, train.labels)
    oracle = MultinomialNB(alpha=alpha).fit(train_counts, train.labels)
    for name in ("class_log_prior_", "feature_log_prob_"):
        difference = np.max(np.abs(getattr(ours, name) - getattr(oracle, name)))
        assert difference <= TOLERANCE, (
            f"Task 4: alpha={alpha}: {name} differs from MultinomialNB's by up to {difference:.3g}"
        )
    disagreements = int(np.sum(ours.predict(test_counts) != oracle.predict(test_counts)))
    assert disagreements == 0, (
        f"Task 4: alpha={alpha}: {disagreements} held-out predictions differ from MultinomialNB's"
    )
    log_proba = ours.predict_log_proba(test_counts)
    difference = np.max(np.abs(log_proba - oracle.predict_log_proba(test_counts)))
    assert difference <= LOG_PROBA_TOLERANCE, (
        f"Task 4: alpha={alpha}: predict_log_proba differs from MultinomialNB's by up to "
        f"{difference:.3g}"
    )


@pytest.mark.task(4)
def test_a_long_message_does_not_underflow(counts, train):
    train_counts, test_counts = counts
    model = MultinomialNaiveBayes().fit(train_counts, train.labels)
    long_message = test_counts[:1] * LONG_MESSAGE_REPEATS
    log_joint = model.joint_log_likelihood(long_message)
    proba = model.predict_proba(long_message)
    assert np.all(np.isfinite(proba)) and np.allclose(proba.sum(axis=1), 1), (
        f"Task 4: a message repeated {LONG_MESSAGE_REPEATS} times has joint log-likelihoods "
        f"{np.round(log_joint, 1).tolist()}: exp() of them is 0. predict_proba gave "
        f"{proba.tolist()}; normalise with the log-sum-exp trick instead"
    )


@pytest.mark.task(4)
def test_naive_bayes_f1(metric, train, held_out):
    vectoriser = CountVectorizer(analyzer=tokenise).fit(train.texts)
    model = MultinomialNaiveBayes().fit(vectoriser.transform(train.texts), train.labels)
    predictions = model.predict(vectoriser.transform(held_out.texts))
    metric("nb_f1", f1_score(held_out.labels, predictions))

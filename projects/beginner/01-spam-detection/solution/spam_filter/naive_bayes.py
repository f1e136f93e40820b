"""Multinomial Naive Bayes from scratch, the model of the first Bayesian spam filters.

The model: a message of class c is a bag of words drawn one at a time with
P(word | c). Bayes' rule turns that into

    log P(c | x) = log P(c) + sum_w x_w log P(w | c) - log P(x)

where x_w is how often word w occurs in the message. Everything stays in log
space: a product of a hundred probabilities of 0.001 is 1e-300, at the edge of
what a float holds, and a long message goes below it to exactly 0.
"""

from typing import Self

import numpy as np
from scipy import sparse
from scipy.special import logsumexp  # SOLUTION

Features = np.ndarray | sparse.spmatrix | sparse.sparray


class MultinomialNaiveBayes:
    """A multinomial Naive Bayes classifier with additive (Laplace/Lidstone) smoothing.

    `alpha` is the pseudo-count added to every word of every class: 1 is Laplace
    smoothing, below 1 Lidstone. Without it, one word never seen in ham in
    training would make every message holding it spam with certainty.
    After `fit`, as in scikit-learn's `MultinomialNB`:

    - `classes_`: the sorted distinct labels, shape (classes,);
    - `class_log_prior_`: log P(c), shape (classes,);
    - `feature_log_prob_`: log P(w | c), shape (classes, features).
    """

    def __init__(self, alpha: float = 1.0) -> None:
        if alpha <= 0:
            raise ValueError(f"alpha must be positive, got {alpha}")
        self.alpha = alpha

    def fit(self, counts: Features, labels: np.ndarray) -> Self:
        """Estimate the class priors and the smoothed word probabilities from word counts.

        `counts` has one row per message and one column per word (dense or
        sparse); `labels` one label per row. For class c:

        - P(c) = (messages of class c) / (all messages);
        - P(w | c) = (N_cw + alpha) / (N_c + alpha * V), where N_cw is the total
          count of word w in the messages of class c, N_c = sum over w of N_cw,
          and V the number of words (columns).
        """
        # BEGIN SOLUTION (task 4): compute classes_, class_log_prior_ and feature_log_prob_
        labels = np.asarray(labels)
        self.classes_, class_sizes = np.unique(labels, return_counts=True)
        self.class_log_prior_ = np.log(class_sizes / class_sizes.sum())
        word_counts = np.vstack(
            [np.asarray(counts[labels == label].sum(axis=0)).ravel() for label in self.classes_]
        )
        smoothed = word_counts + self.alpha
        self.feature_log_prob_ = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
        return self
        # END SOLUTION

    def joint_log_likelihood(self, counts: Features) -> np.ndarray:
        """Return log P(c) + sum_w x_w log P(w | c) for each row and class, shape (rows, classes).

        This is log P(c | x) up to the term log P(x) that all classes share, so
        its largest entry in a row names the predicted class.
        """
        # BEGIN SOLUTION (task 4): multiply by the word log-probabilities, add the log priors
        return np.asarray(counts @ self.feature_log_prob_.T) + self.class_log_prior_
        # END SOLUTION

    def predict_log_proba(self, counts: Features) -> np.ndarray:
        """Return log P(c | x), shape (rows, classes): each row's exponentials sum to 1.

        Normalise the joint log-likelihood by log P(x) = log sum_c exp(jll_c),
        computed without leaving log space (the log-sum-exp trick): for a long
        message every exp(jll_c) underflows to 0, and log(0) is -inf.
        """
        # BEGIN SOLUTION (task 4): subtract each row's log-sum-exp from the joint log-likelihood
        joint = self.joint_log_likelihood(counts)
        return joint - logsumexp(joint, axis=1, keepdims=True)
        # END SOLUTION

    def predict_proba(self, counts: Features) -> np.ndarray:
        """Return P(c | x), shape (rows, classes), columns in the order of `classes_`."""
        return np.exp(self.predict_log_proba(counts))

    def predict(self, counts: Features) -> np.ndarray:
        """Return the most probable class of each row."""
        return self.classes_[np.argmax(self.joint_log_likelihood(counts), axis=1)]

"""Tasks 3 and 4: a named-entity tagger, an averaged structured perceptron over BIO tags.

A sentence's tags are chosen together, not one by one: the score of a sequence of
tags is the sum, over its tokens, of an emission score (the weights of the token's
features for its tag) and a transition score (the weight of going from the previous
tag to this one, or of starting with this tag). Viterbi's dynamic programme finds
the best sequence exactly (Task 3); the perceptron learns the weights by decoding
each training sentence and, where it is wrong, adding the features of the truth and
subtracting those of its guess (Task 4, Collins 2002).
"""

import numpy as np

from documents.data import TAGS

EPOCHS = 5
SUFFIX_LENGTH = 3


def word_shape(token: str) -> str:
    """The token's letters as X (upper case), x (lower case) and d (digits), runs cut to 2."""
    shape = "".join(
        "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in token
    )
    cut = []
    for character in shape:
        if len(cut) < 2 or not (cut[-1] == cut[-2] == character):
            cut.append(character)
    return "".join(cut)


def token_features(tokens: list[str], i: int) -> list[str]:
    """The features of token `i` of a sentence, as strings "name=value".

    In this order: "bias" (always there); "word=" the token in lower case;
    "suffix=" its last SUFFIX_LENGTH characters in lower case; "shape=" its
    word_shape; "title=" True or False (str.istitle); "previous=" and "next=" the
    neighbouring tokens in lower case, "<start>" and "<end>" at the sentence's
    edges; "previous_shape=" and "next_shape=" their word_shape (the same
    markers at the edges).
    """
    raise NotImplementedError("Task 3: the token, its suffix and shape, then its two neighbours")


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> list[int]:
    """The tag sequence of highest total score, as indices.

    emissions[t, k]: the score of tag k at token t (shape n x K); transitions[j, k]:
    the score of tag k right after tag j (K x K); start[k]: the score of the first
    tag being k. The score of tags y is start[y0] + emissions[0, y0] + the sum over
    t >= 1 of transitions[y(t-1), yt] + emissions[t, yt]. Ties go to the lowest
    index (np.argmax). An empty sentence (n = 0) has the empty sequence.
    """
    n_tokens = emissions.shape[0]
    if n_tokens == 0:
        return []
    best = start + emissions[0]  # best[k]: the best score of a prefix ending in tag k
    raise NotImplementedError(
        "Task 3: best score of each tag at each token, back-pointers, walk back"
    )


class PerceptronTagger:
    """An averaged structured perceptron over TAGS, decoded with Viterbi.

    After `fit`, `features_` maps each feature string seen in training to a row of
    `emission_weights_` (features x tags); `transition_weights_` (tags x tags) and
    `start_weights_` (tags) hold the rest. All three are the averages of the
    weights over every sentence visit of training, not the last weights.
    """

    def __init__(self, epochs: int = EPOCHS, seed: int = 0):
        self.epochs = epochs
        self.seed = seed
        self.tags = TAGS

    def _emissions(self, tokens: list[str], emission_weights: np.ndarray) -> np.ndarray:
        scores = np.zeros((len(tokens), len(self.tags)))
        for i in range(len(tokens)):
            rows = [self.features_[f] for f in token_features(tokens, i) if f in self.features_]
            scores[i] = emission_weights[rows].sum(axis=0)
        return scores

    def fit(self, sentences: list[list[str]], tag_sequences: list[list[str]]) -> "PerceptronTagger":
        """Learn averaged weights from tokenised sentences and their tags; return self.

        Every feature of the training sentences gets a row, numbered in the order
        first seen. Each epoch visits the sentences in the order of
        `generator.permutation(len(sentences))`, from ONE
        `np.random.default_rng(self.seed)` made before the first epoch. For each
        sentence: decode it with the current weights; where the sequence is wrong,
        add 1 to the weights of the true tags' features, transitions and start,
        and subtract 1 from those of the predicted sequence. The averaged weights
        are the mean of the weights after each of the epochs * len(sentences) visits.
        """
        index = {tag: k for k, tag in enumerate(self.tags)}
        self.features_ = {}
        for tokens in sentences:
            for i in range(len(tokens)):
                for feature in token_features(tokens, i):
                    self.features_.setdefault(feature, len(self.features_))
        emissions = np.zeros((len(self.features_), len(self.tags)))
        transitions = np.zeros((len(self.tags), len(self.tags)))
        start = np.zeros(len(self.tags))
        raise NotImplementedError(
            "Task 4: decode, update on a mistake; keep running sums for the average"
        )

    def predict(self, sentences: list[list[str]]) -> list[list[str]]:
        """The tags of each tokenised sentence, decoded with the averaged weights."""
        raise NotImplementedError("Task 4: emission scores from the averaged weights, then viterbi")

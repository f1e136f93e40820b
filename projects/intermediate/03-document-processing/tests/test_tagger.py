"""Tasks 3 and 4: token features, Viterbi decoding, and the averaged structured perceptron."""

import itertools

import numpy as np
import pytest

OTHER_SEED = 13


def brute_force(emissions, transitions, start):
    """The best sequence by trying every one; among equal scores, the first in order."""
    n, k = emissions.shape
    best, best_score = [], -np.inf
    for path in itertools.product(range(k), repeat=n):
        score = (
            start[path[0]]
            + emissions[0, path[0]]
            + sum(transitions[path[t - 1], path[t]] + emissions[t, path[t]] for t in range(1, n))
        )
        if score > best_score + 1e-12:
            best, best_score = list(path), score
    return best, best_score


def path_score(path, emissions, transitions, start):
    return (
        start[path[0]]
        + sum(emissions[t, tag] for t, tag in enumerate(path))
        + sum(transitions[a, b] for a, b in itertools.pairwise(path))
    )


@pytest.mark.task(3)
def test_token_features_in_the_middle_of_a_sentence():
    from documents.tagger import token_features

    tokens = ["collected", "by", "R", ".", "McDonald", "in", "1986"]
    assert token_features(tokens, 4) == [
        "bias",
        "word=mcdonald",
        "suffix=ald",
        "shape=XxXxx",
        "title=False",
        "previous=.",
        "next=in",
        "previous_shape=.",
        "next_shape=xx",
    ], f"Task 3: the features of 'McDonald' are wrong: got {token_features(tokens, 4)}"


@pytest.mark.task(3)
def test_token_features_at_the_edges():
    from documents.tagger import token_features

    tokens = ["Oslo", "1986"]
    first, last = token_features(tokens, 0), token_features(tokens, 1)
    assert first == [
        "bias",
        "word=oslo",
        "suffix=slo",
        "shape=Xxx",
        "title=True",
        "previous=<start>",
        "next=1986",
        "previous_shape=<start>",
        "next_shape=dd",
    ], f"Task 3: the first token's neighbour on the left is '<start>'; got {first}"
    assert last[5:] == ["previous=oslo", "next=<end>", "previous_shape=Xxx", "next_shape=<end>"], (
        f"Task 3: the last token's neighbour on the right is '<end>'; got {last}"
    )
    assert token_features(["Al"], 0)[2] == "suffix=al", (
        "Task 3: a token shorter than SUFFIX_LENGTH is its own suffix"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize("length", [1, 2, 3, 5])
def test_viterbi_finds_the_best_sequence(length):
    from documents.tagger import viterbi

    generator = np.random.default_rng(OTHER_SEED + length)
    for _ in range(20):
        emissions = generator.normal(size=(length, 3))
        transitions = generator.normal(size=(3, 3)) * 2  # not symmetric: order matters
        start = generator.normal(size=3) * 2
        expected, best = brute_force(emissions, transitions, start)
        result = viterbi(emissions, transitions, start)
        assert result == expected, (
            f"Task 3: the best sequence of {length} tags is {expected} (score {best:.4f}); "
            f"viterbi gave {result} (score {path_score(result, emissions, transitions, start):.4f})"
            ". Check transitions[previous, next] (not [next, previous]), the start scores and "
            "the walk back along the back-pointers."
        )


@pytest.mark.task(3)
def test_viterbi_ties_and_empty_sentences():
    from documents.tagger import viterbi

    assert viterbi(np.zeros((0, 4)), np.zeros((4, 4)), np.zeros(4)) == [], (
        "Task 3: an empty sentence has the empty sequence"
    )
    assert viterbi(np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4)) == [0, 0, 0], (
        "Task 3: when every sequence scores the same, ties go to the lowest index"
    )
    assert viterbi(np.zeros((1, 2)), np.zeros((2, 2)), np.array([0.0, 1.0])) == [1], (
        "Task 3: the start scores count for the first tag"
    )


# Task 4 ---------------------------------------------------------------------


def reference_perceptron(sentences, tag_sequences, tags, epochs, seed, token_features, viterbi):
    """An averaged structured perceptron written with dicts, decoded with your viterbi."""
    index = {tag: k for k, tag in enumerate(tags)}
    features = {}
    for tokens in sentences:
        for i in range(len(tokens)):
            for feature in token_features(tokens, i):
                features.setdefault(feature, len(features))
    k = len(tags)
    emission, transition, start = {}, np.zeros((k, k)), np.zeros(k)
    sums = [{}, np.zeros((k, k)), np.zeros(k)]
    generator = np.random.default_rng(seed)
    for _ in range(epochs):
        for s in generator.permutation(len(sentences)):
            tokens, truth = sentences[s], [index[t] for t in tag_sequences[s]]
            scores = np.zeros((len(tokens), k))
            for i in range(len(tokens)):
                for feature in token_features(tokens, i):
                    scores[i] += emission.get(feature, np.zeros(k))
            guess = viterbi(scores, transition, start)
            if guess != truth:
                for path, sign in ((truth, 1), (guess, -1)):
                    start[path[0]] += sign
                    for i, tag in enumerate(path):
                        for feature in token_features(tokens, i):
                            emission.setdefault(feature, np.zeros(k))[tag] += sign
                        if i:
                            transition[path[i - 1], tag] += sign
            for feature, weights in emission.items():
                sums[0][feature] = sums[0].get(feature, 0) + weights
            sums[1] += transition
            sums[2] += start
    visits = epochs * len(sentences)
    matrix = np.zeros((len(features), k))
    for feature, total in sums[0].items():
        matrix[features[feature]] = total / visits
    return features, matrix, sums[1] / visits, sums[2] / visits


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("epochs", "seed"), [(1, OTHER_SEED), (3, OTHER_SEED), (3, OTHER_SEED + 1)]
)
def test_the_averaged_weights_are_the_perceptrons(training_sentences, epochs, seed):
    from documents.data import TAGS
    from documents.tagger import PerceptronTagger, token_features, viterbi

    sample = training_sentences[:40]
    sentences, tag_sequences = [s.tokens for s in sample], [s.tags for s in sample]
    tagger = PerceptronTagger(epochs=epochs, seed=seed).fit(sentences, tag_sequences)
    features, emission, transition, start = reference_perceptron(
        sentences, tag_sequences, TAGS, epochs, seed, token_features, viterbi
    )
    assert tagger.features_ == features, (
        "Task 4: features_ numbers every feature of the training sentences in the order first "
        "seen (this part is given: did fit change it?)"
    )
    for name, mine, expected in [
        ("start_weights_", tagger.start_weights_, start),
        ("transition_weights_", tagger.transition_weights_, transition),
        ("emission_weights_", tagger.emission_weights_, emission),
    ]:
        assert np.shape(mine) == expected.shape and np.allclose(mine, expected, atol=1e-9), (
            f"Task 4: {name} after {epochs} epoch(s) with seed {seed} differ from a reference "
            "perceptron's. Check: one np.random.default_rng(self.seed) made before the first "
            "epoch, generator.permutation(len(sentences)) each epoch, +1 for the truth and -1 "
            "for the guess only when they differ, and the average of the weights after every "
            "visit (not only after each mistake)."
        )


@pytest.mark.task(4)
def test_one_mistake_on_one_word(training_sentences):
    from documents.data import TAGS
    from documents.tagger import PerceptronTagger, token_features

    tagger = PerceptronTagger(epochs=2, seed=OTHER_SEED).fit([["Oslo"]], [["B-LOC"]])
    location, outside = TAGS.index("B-LOC"), TAGS.index("O")
    expected_start = np.zeros(len(TAGS))
    expected_start[[location, outside]] = [1.0, -1.0]  # the first visit is wrong, the second not
    assert np.allclose(tagger.start_weights_, expected_start), (
        "Task 4: on ['Oslo'] tagged B-LOC, the first visit guesses O (all scores are 0, ties go "
        "to index 0): +1 to B-LOC and -1 to O, for the start and each of its features; the "
        "second visit is right. Averaged over both visits: "
        f"{expected_start}; got {tagger.start_weights_}"
    )
    rows = [tagger.features_[f] for f in token_features(["Oslo"], 0)]
    assert np.allclose(tagger.emission_weights_[rows][:, [location, outside]], [1.0, -1.0]), (
        "Task 4: each feature of 'Oslo' gets +1 for B-LOC and -1 for O"
    )
    assert tagger.predict([["Oslo"], []]) == [["B-LOC"], []], (
        "Task 4: predict gives the tag names of each sentence (none for an empty one)"
    )


@pytest.mark.task(4)
def test_unknown_words_are_tagged(tagger):
    tags = tagger.predict([["Data", "from", "Xqzzyville", "by", "Qwerty", "Zork", "."]])
    assert tags == [["O", "O", "B-LOC", "O", "B-PER", "I-PER", "O"]], (
        "Task 4: a trained tagger reads an unseen place after 'from' and an unseen name after "
        f"'by' from their shape and context (unknown features score 0); got {tags}"
    )


@pytest.mark.task(4)
def test_tagger_figures(tagger, held_out_sentences, real_sentences, metric):
    from seqeval.metrics import f1_score

    for name, sentences in [("held_out", held_out_sentences), ("real", real_sentences)]:
        predicted = tagger.predict([s.tokens for s in sentences])
        assert [len(p) for p in predicted] == [len(s.tokens) for s in sentences], (
            "Task 4: one tag per token"
        )
        metric(f"perceptron_{name}_f1", f1_score([s.tags for s in sentences], predicted))

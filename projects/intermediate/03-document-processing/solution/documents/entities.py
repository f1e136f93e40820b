"""Task 5: entities from BIO tags, scored as whole entities, and a CRF on the same features.

A tagger is not judged by its tags: "Ronald Fisher" tagged B-PER O has one tag of
two right and finds no correct entity. The score that counts is over entities, as
CoNLL's conlleval and `seqeval` count them: an entity is right only when its type
and both its edges are.
"""

import sklearn_crfsuite

from documents.tagger import token_features

CRF_L1, CRF_L2, CRF_ITERATIONS = 0.1, 0.01, 100


def entity_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """The entities of one sentence as (type, start, end), end exclusive, in order.

    As conlleval reads tags: an entity begins at a B-X tag, and also at an I-X tag
    whose previous tag is not of type X (O, or another type: a tagger's mistake, read
    leniently); it continues over the I-X tags that follow and ends before the next
    tag that is not I-X.
    """
    # BEGIN SOLUTION (task 5): open an entity at B-X or a stray I-X, close it at anything else
    spans = []
    current = None  # the open entity: (type, start)
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, tag_type = tag.partition("-")
        if current is not None and (prefix != "I" or tag_type != current[0]):
            spans.append((*current, i))
            current = None
        if prefix in ("B", "I") and current is None:
            current = (tag_type, i)
    return spans
    # END SOLUTION


def entity_scores(y_true: list[list[str]], y_pred: list[list[str]]) -> dict[str, float]:
    """Entity-level micro precision, recall and F1 over many sentences (as seqeval computes).

    An entity counts as found when the same (type, start, end) is in the same
    sentence of both; a ratio whose denominator is 0 is 0.0. Returns
    {"precision": ..., "recall": ..., "f1": ...}. Raises ValueError when the two
    lists, or two aligned sentences, differ in length.
    """
    # BEGIN SOLUTION (task 5): count true, predicted and matching spans over every sentence
    if len(y_true) != len(y_pred):
        raise ValueError(f"{len(y_true)} true sentences but {len(y_pred)} predicted ones")
    true_count = predicted_count = found = 0
    for number, (truth, guess) in enumerate(zip(y_true, y_pred, strict=True)):
        if len(truth) != len(guess):
            raise ValueError(f"sentence {number}: {len(truth)} true tags, {len(guess)} predicted")
        true_spans, predicted_spans = set(entity_spans(truth)), set(entity_spans(guess))
        true_count += len(true_spans)
        predicted_count += len(predicted_spans)
        found += len(true_spans & predicted_spans)
    precision = found / predicted_count if predicted_count else 0.0
    recall = found / true_count if true_count else 0.0
    total = precision + recall
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / total if total else 0.0,
    }
    # END SOLUTION


def crf_features(tokens: list[str]) -> list[dict[str, float]]:
    """Task 3's token_features of each token, as the dicts sklearn-crfsuite reads."""
    return [{feature: 1.0 for feature in token_features(tokens, i)} for i in range(len(tokens))]


def train_crf(
    sentences: list[list[str]],
    tag_sequences: list[list[str]],
    l1: float = CRF_L1,
    l2: float = CRF_L2,
    iterations: int = CRF_ITERATIONS,
) -> sklearn_crfsuite.CRF:
    """A linear-chain CRF fitted on the same features as the perceptron: the baseline.

    sklearn_crfsuite.CRF(algorithm="lbfgs", c1=l1, c2=l2, max_iterations=iterations),
    fitted on crf_features of each sentence. Predict with
    crf.predict([crf_features(tokens) for tokens in sentences]).
    """
    # BEGIN SOLUTION (task 5): the CRF with L-BFGS and both penalties, fitted on crf_features
    crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=l1, c2=l2, max_iterations=iterations)
    crf.fit([crf_features(tokens) for tokens in sentences], tag_sequences)
    return crf
    # END SOLUTION

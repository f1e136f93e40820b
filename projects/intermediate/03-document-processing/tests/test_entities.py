"""Task 5: entities from BIO tags, entity-level scores equal to seqeval's, a CRF baseline."""

import numpy as np
import pytest

OTHER_SEED = 31
TAG_CHOICES = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def random_tags(generator, count):
    return [list(generator.choice(TAG_CHOICES, generator.integers(0, 9))) for _ in range(count)]


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [("PER", 0, 2), ("LOC", 3, 4)]),
        (["O", "I-LOC", "I-LOC", "O"], [("LOC", 1, 3)]),
        (["B-PER", "B-PER", "I-PER"], [("PER", 0, 1), ("PER", 1, 3)]),
        (["B-PER", "I-LOC", "I-LOC"], [("PER", 0, 1), ("LOC", 1, 3)]),
        (["I-PER", "B-LOC", "I-PER"], [("PER", 0, 1), ("LOC", 1, 2), ("PER", 2, 3)]),
        (["O", "O"], []),
        ([], []),
        (["O", "B-LOC", "I-LOC", "I-LOC"], [("LOC", 1, 4)]),
    ],
)
def test_entity_spans(tags, spans):
    from documents.entities import entity_spans

    result = entity_spans(tags)
    assert result == spans, (
        f"Task 5: the entities of {tags} are {spans} (type, start, end exclusive); got {result}. "
        "An entity starts at B-X, or at I-X after a tag that is not of type X, and runs over "
        "the I-X that follow."
    )


@pytest.mark.task(5)
def test_entity_spans_agree_with_seqeval():
    from seqeval.metrics.sequence_labeling import get_entities

    from documents.entities import entity_spans

    generator = np.random.default_rng(OTHER_SEED)
    for tags in random_tags(generator, 300):
        expected = [(kind, start, end + 1) for kind, start, end in get_entities(tags)]
        assert entity_spans(tags) == expected, (
            f"Task 5: the entities of {tags} are {expected}; got {entity_spans(tags)}"
        )


@pytest.mark.task(5)
@pytest.mark.parametrize("count", [1, 5, 60])
def test_entity_scores_equal_seqeval(count):
    from seqeval.metrics import f1_score, precision_score, recall_score

    from documents.entities import entity_scores

    generator = np.random.default_rng(OTHER_SEED + count)
    y_true = random_tags(generator, count)
    # a prediction that gets some entities right: the truth with a few tags changed
    y_pred = [
        [tag if generator.random() < 0.7 else str(generator.choice(TAG_CHOICES)) for tag in s]
        for s in y_true
    ]
    scores = entity_scores(y_true, y_pred)
    expected = {
        "precision": precision_score(y_true, y_pred, zero_division=0),
        "recall": recall_score(y_true, y_pred, zero_division=0),
        "f1": f1_score(y_true, y_pred, zero_division=0),
    }
    assert scores.keys() == expected.keys() and all(
        np.isclose(scores[k], expected[k], atol=1e-12) for k in expected
    ), (
        f"Task 5: entity-level micro scores should equal seqeval's {expected}; got {scores}. "
        "Count entities over all sentences, and match (type, start, end) within a sentence."
    )


@pytest.mark.task(5)
def test_entity_scores_edges():
    from documents.entities import entity_scores

    assert entity_scores([["B-PER", "I-PER"]], [["B-PER", "O"]]) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }, "Task 5: 'Ronald Fisher' tagged B-PER O finds no correct entity: every score is 0"
    assert entity_scores([["O", "O"]], [["O", "O"]]) == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }, "Task 5: no entity on either side: every ratio of 0 over 0 is 0.0"
    same_place_other_sentence = entity_scores([["B-LOC"], ["O"]], [["O"], ["B-LOC"]])
    assert same_place_other_sentence["f1"] == 0.0, (
        "Task 5: an entity matches only in its own sentence"
    )
    with pytest.raises(ValueError):
        entity_scores([["O"]], [["O"], ["O"]])
    with pytest.raises(ValueError):
        entity_scores([["O", "O"]], [["O"]])


@pytest.mark.task(5)
def test_the_crf_is_configured_and_trained_as_asked(training_sentences):
    import sklearn_crfsuite

    from documents.entities import crf_features, train_crf

    sample = training_sentences[:80]
    sentences, tags = [s.tokens for s in sample], [s.tags for s in sample]
    crf = train_crf(sentences, tags, l1=0.3, l2=0.05, iterations=20)
    assert isinstance(crf, sklearn_crfsuite.CRF) and (
        crf.algorithm,
        crf.c1,
        crf.c2,
        crf.max_iterations,
    ) == ("lbfgs", 0.3, 0.05, 20), (
        "Task 5: sklearn_crfsuite.CRF(algorithm='lbfgs', c1=l1, c2=l2, "
        f"max_iterations=iterations); got {crf}"
    )
    expected = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.3, c2=0.05, max_iterations=20)
    expected.fit([crf_features(tokens) for tokens in sentences], tags)
    probe = [s.tokens for s in training_sentences[80:120]]
    mine = [list(tags) for tags in crf.predict([crf_features(t) for t in probe])]
    theirs = [list(tags) for tags in expected.predict([crf_features(t) for t in probe])]
    assert mine == theirs, (
        "Task 5: the CRF should be fitted on crf_features of each sentence and its tags"
    )


@pytest.mark.task(5)
def test_crf_baseline_figures(training_sentences, held_out_sentences, real_sentences, figure):
    from documents.entities import crf_features, entity_scores, train_crf

    crf = train_crf([s.tokens for s in training_sentences], [s.tags for s in training_sentences])
    for name, sentences in [("held_out", held_out_sentences), ("real", real_sentences)]:
        predicted = crf.predict([crf_features(s.tokens) for s in sentences])
        figure(f"crf_{name}_f1", entity_scores([s.tags for s in sentences], predicted)["f1"])

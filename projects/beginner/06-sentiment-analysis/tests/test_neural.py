"""Task 4: a bag of n-gram embeddings in PyTorch, trained with a seed and a progress bar."""

import numpy as np
import pytest
import torch
from sklearn.metrics import accuracy_score, roc_auc_score

from sentiment.neural import (
    BATCH_SIZE,
    EMBEDDING_DIM,
    LEARNING_RATE,
    BagOfNgrams,
    build_vocabulary,
    encode,
    ngrams,
    train_bag_model,
)
from sentiment.preprocess import tokenise

SMALL = 300  # training tweets for the quick training tests
TOY_VOCABULARY = 10  # ids of the toy network
TOY_DIM = 4  # and the size of its embeddings
PROTOCOL_SEED = 3
PROTOCOL_EPOCHS = 3
ATOL = 1e-6  # the same operations in the same order: equal up to float rounding


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("bags", "flat", "offsets"),
    [
        ([[3, 1], [], [2, 2, 5]], [3, 1, 2, 2, 5], [0, 2, 2]),
        ([[7]], [7], [0]),
        ([[], [4, 4]], [4, 4], [0, 0]),
        ([[1, 2], []], [1, 2], [0, 2]),
    ],
)
def test_encode_packs_bags_for_embedding_bag(bags, flat, offsets):
    got_flat, got_offsets = encode(bags)
    assert got_flat.dtype == torch.int64 and got_offsets.dtype == torch.int64, (
        f"Task 4: both tensors should be int64, got {got_flat.dtype} and {got_offsets.dtype}"
    )
    assert got_flat.tolist() == flat and got_offsets.tolist() == offsets, (
        f"Task 4: encode({bags}) should give flat={flat}, offsets={offsets}; got "
        f"flat={got_flat.tolist()}, offsets={got_offsets.tolist()}"
    )


def network() -> BagOfNgrams:
    torch.manual_seed(0)
    return BagOfNgrams(TOY_VOCABULARY, TOY_DIM)


@pytest.mark.task(4)
def test_network_is_an_embedding_bag_and_a_linear_layer():
    parameters = sum(parameter.numel() for parameter in network().parameters())
    expected = TOY_VOCABULARY * TOY_DIM + TOY_DIM + 1
    assert parameters == expected, (
        f"Task 4: BagOfNgrams({TOY_VOCABULARY}, {TOY_DIM}) should have "
        f"{TOY_VOCABULARY} x {TOY_DIM} embedding weights and a linear layer from "
        f"{TOY_DIM} to 1 (with bias): {expected} parameters; got {parameters}"
    )


@pytest.mark.task(4)
def test_network_gives_one_logit_per_bag_whatever_the_order_of_its_ids():
    model = network()
    with torch.no_grad():
        logits = model(*encode([[1, 2, 3], [4], [3, 2, 1], [1, 1, 2, 2, 3, 3]]))
    assert logits.shape == (4,), (
        f"Task 4: four bags should give a tensor of shape (4,), got {tuple(logits.shape)}; "
        "squeeze the last axis of the linear layer's output"
    )
    assert torch.allclose(logits[0], logits[2]) and torch.allclose(logits[0], logits[3]), (
        "Task 4: a bag's logit should depend on the mean of its embeddings only, so "
        f"[1, 2, 3], [3, 2, 1] and [1, 1, 2, 2, 3, 3] agree; got {logits.tolist()}"
    )
    assert not torch.allclose(logits[0], logits[1]), (
        f"Task 4: different bags should get different logits, got {logits.tolist()}"
    )


@pytest.mark.task(4)
def test_training_is_repeatable_with_a_seed(train):
    texts, labels = train.texts[:SMALL], train.labels[:SMALL]
    first = train_bag_model(texts, labels, seed=0, epochs=1, progress=False)
    again = train_bag_model(texts, labels, seed=0, epochs=1, progress=False)
    other = train_bag_model(texts, labels, seed=1, epochs=1, progress=False)
    probe = train.texts[SMALL : SMALL + 50]
    assert np.array_equal(first.predict_proba(probe), again.predict_proba(probe)), (
        "Task 4: two trainings with the same seed should give the same model: seed torch "
        "(torch.manual_seed) before creating the network, and shuffle with a seeded "
        "torch.Generator"
    )
    assert not np.array_equal(first.predict_proba(probe), other.predict_proba(probe)), (
        "Task 4: another seed should give another model: use the seed you are given"
    )


@pytest.mark.task(4)
def test_training_fits_its_data(train):
    texts, labels = train.texts[:SMALL], train.labels[:SMALL]
    model = train_bag_model(texts, labels, seed=0, epochs=10, progress=False)
    accuracy = accuracy_score(labels, model.predict_proba(texts)[:, 1] >= 0.5)
    assert accuracy >= 0.9, (
        f"Task 4: after 10 epochs on {SMALL} tweets, the model should classify at least 90% "
        f"of them right, got {accuracy:.1%}: does every batch run zero_grad, the loss, "
        "backward and the optimiser's step?"
    )


@pytest.mark.task(4)
def test_training_shows_a_progress_bar(train, capsys):
    texts, labels = train.texts[:SMALL], train.labels[:SMALL]
    train_bag_model(texts, labels, seed=0, epochs=2, progress=True)
    shown = capsys.readouterr().err
    assert "100%" in shown, (
        "Task 4: with progress=True, training should show a tqdm progress bar (on stderr) "
        f"that reaches 100%; stderr was {shown[-300:]!r}"
    )
    train_bag_model(texts, labels, seed=0, epochs=2, progress=False)
    hidden = capsys.readouterr().err
    assert "100%" not in hidden, (
        "Task 4: with progress=False, no bar should be shown (tqdm(..., disable=True))"
    )


@pytest.mark.task(4)
def test_bag_accuracy(metric, bag_scores, test_tweets):
    metric("bag_accuracy", accuracy_score(test_tweets.labels, bag_scores >= 0.5))


@pytest.mark.task(4)
def test_bag_roc_auc(metric, bag_scores, test_tweets):
    metric("bag_roc_auc", roc_auc_score(test_tweets.labels, bag_scores))


def reference_training(texts, labels, seed: int, epochs: int) -> list[torch.Tensor]:
    """The protocol of train_bag_model's docstring, written out with torch alone."""
    documents = [ngrams(tokenise(text)) for text in texts]
    vocabulary = build_vocabulary(documents)
    bags = [[vocabulary[gram] for gram in grams if gram in vocabulary] for grams in documents]
    torch.manual_seed(seed)
    embeddings = torch.nn.EmbeddingBag(len(vocabulary), EMBEDDING_DIM, mode="mean")
    output = torch.nn.Linear(EMBEDDING_DIM, 1)
    parameters = [*embeddings.parameters(), *output.parameters()]
    optimiser = torch.optim.Adam(parameters, lr=LEARNING_RATE)
    loss_function = torch.nn.BCEWithLogitsLoss()
    targets = torch.as_tensor(np.asarray(labels), dtype=torch.float32)
    shuffler = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for batch in torch.randperm(len(bags), generator=shuffler).split(BATCH_SIZE):
            chosen = [bags[index] for index in batch]
            flat = torch.tensor([i for bag in chosen for i in bag], dtype=torch.int64)
            offsets = torch.tensor(np.cumsum([0] + [len(bag) for bag in chosen[:-1]]))
            optimiser.zero_grad()
            logits = output(embeddings(flat, offsets)).squeeze(-1)
            loss_function(logits, targets[batch]).backward()
            optimiser.step()
    return [parameter.detach() for parameter in parameters]


@pytest.mark.task(4)
@pytest.mark.parametrize("epochs", [0, PROTOCOL_EPOCHS])
def test_training_follows_the_protocol(train, epochs):
    texts, labels = train.texts[:SMALL], train.labels[:SMALL]
    model = train_bag_model(texts, labels, seed=PROTOCOL_SEED, epochs=epochs, progress=False)
    expected = reference_training(texts, labels, PROTOCOL_SEED, epochs)
    got = [parameter.detach() for parameter in model.network.parameters()]
    same = len(got) == len(expected) and all(
        g.shape == e.shape and torch.allclose(g, e, atol=ATOL)
        for g, e in zip(got, expected, strict=True)
    )
    what = (
        "the network as created, right after torch.manual_seed(seed): seed torch first, then "
        "create the embeddings, then the linear layer"
        if epochs == 0
        else f"the weights after {epochs} epochs of Adam (lr=LEARNING_RATE) on batches of "
        "BATCH_SIZE in the order of torch.randperm with one torch.Generator seeded once with "
        "seed (each epoch draws a new order from it), BCEWithLogitsLoss"
    )
    assert same, (
        f"Task 4: train_bag_model(seed={PROTOCOL_SEED}, epochs={epochs}) on {SMALL} tweets "
        f"should give {what}; your network's parameters differ"
    )

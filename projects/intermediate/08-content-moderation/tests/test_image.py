"""Task 2: the CNN's training protocol, its probabilities, and how well it finds the cue."""

import numpy as np
import pytest

SMALL = 160  # images for the protocol tests: a fraction of a second each


def by_the_protocol(images, labels, epochs, batch_size, learning_rate, seed):
    """The oracle: the docstring's protocol, step by step."""
    import torch
    import torch.nn.functional as F

    from moderation.image import ImageCNN

    torch.manual_seed(seed)
    model = ImageCNN()
    optimiser = torch.optim.Adam(model.parameters(), lr=learning_rate)
    generator = torch.Generator().manual_seed(seed)
    x, y = torch.tensor(images, dtype=torch.float32), torch.tensor(labels, dtype=torch.float32)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            optimiser.zero_grad()
            F.binary_cross_entropy_with_logits(model(x[batch]), y[batch]).backward()
            optimiser.step()
    return model.eval()


def assert_same_weights(got, want, what):
    for (name, mine), theirs in zip(
        got.state_dict().items(), want.state_dict().values(), strict=True
    ):
        assert torch_equal(mine, theirs), (
            f"Task 2: {what}: the trained weights {name} differ from the protocol's. Seed "
            "torch, build the model, then seed a Generator for the orders; one randperm per "
            "epoch; batches cut every batch_size; Adam with the learning rate given."
        )


def torch_equal(a, b) -> bool:
    import torch

    return bool(torch.allclose(a, b, rtol=0, atol=1e-6))


@pytest.fixture(scope="module")
def small(train):
    images = train.images()[:SMALL]
    return images, train.image_label[train.has_image][:SMALL]


@pytest.mark.task(2)
@pytest.mark.parametrize(
    "settings",
    [
        {"epochs": 2, "batch_size": 24, "learning_rate": 0.02, "seed": 5},
        {"epochs": 3, "batch_size": 50, "learning_rate": 0.003, "seed": 9},
    ],
)
def test_training_follows_the_protocol(small, settings):
    from moderation.image import train_cnn

    images, labels = small
    model = train_cnn(images, labels, **settings)
    assert not model.training, "Task 2: train_cnn should return the model in eval mode"
    assert_same_weights(model, by_the_protocol(images, labels, **settings), f"with {settings}")


@pytest.mark.task(2)
def test_training_with_the_defaults(small):
    from moderation.image import BATCH_SIZE, EPOCHS, LEARNING_RATE, train_cnn

    images, labels = small
    want = by_the_protocol(images, labels, EPOCHS, BATCH_SIZE, LEARNING_RATE, seed=1)
    assert_same_weights(train_cnn(images, labels), want, "with the defaults (seed 1)")


@pytest.mark.task(2)
def test_the_seed_decides_the_model(small):
    from moderation.image import train_cnn

    images, labels = small
    first = train_cnn(images, labels, epochs=1, seed=4)
    again = train_cnn(images, labels, epochs=1, seed=4)
    other = train_cnn(images, labels, epochs=1, seed=6)
    weight = "features.0.weight"
    assert torch_equal(first.state_dict()[weight], again.state_dict()[weight]), (
        "Task 2: the same seed should give the same model"
    )
    assert not torch_equal(first.state_dict()[weight], other.state_dict()[weight]), (
        "Task 2: another seed should give another model: is the seed used?"
    )


@pytest.mark.task(2)
def test_probabilities_are_the_sigmoid_of_the_logits_batch_by_batch(small, monkeypatch):
    import torch

    from moderation.image import image_probabilities, train_cnn

    images, labels = small
    model = train_cnn(images, labels, epochs=1, seed=2)
    with torch.no_grad():
        want = torch.sigmoid(model(torch.tensor(images[:24]))).double().numpy()
    model.train()  # image_probabilities must switch it to eval mode by itself
    calls = []
    forward = type(model).forward

    def counting(self, batch):
        calls.append(len(batch))
        assert not torch.is_grad_enabled(), "Task 2: predict without gradients (torch.no_grad)"
        return forward(self, batch)

    monkeypatch.setattr(type(model), "forward", counting)
    got = image_probabilities(model, images[:24], batch_size=8)
    assert isinstance(got, np.ndarray) and got.dtype == np.float64 and got.shape == (24,), (
        f"Task 2: image_probabilities should return 24 float64 probabilities, got "
        f"{type(got).__name__} {getattr(got, 'dtype', None)} {getattr(got, 'shape', None)}"
    )
    np.testing.assert_allclose(got, want, atol=1e-6, err_msg="Task 2: sigmoid of the logits, eval")
    assert calls == [8, 8, 8], f"Task 2: batch_size=8 over 24 images: batches {calls}"
    assert not model.training, "Task 2: image_probabilities should put the model in eval mode"
    calls.clear()
    empty = image_probabilities(model, images[:0])
    assert empty.shape == (0,) and calls == [], (
        f"Task 2: no images give an empty array without calling the model, got {empty!r} "
        f"after calls of {calls}"
    )
    image_probabilities(model, images[:20])
    assert calls == [20], f"Task 2: the default batch_size (256) takes 20 images at once: {calls}"
    calls.clear()
    image_probabilities(model, images[:21], batch_size=7)
    assert calls == [7, 7, 7], f"Task 2: batch_size=7 over 21 images: batches {calls}"


@pytest.mark.task(2)
def test_the_cnn_finds_the_cue(cnn, test_posts, metric):
    from sklearn.metrics import f1_score

    from moderation.image import image_probabilities

    probabilities = image_probabilities(cnn, test_posts.images())
    truth = test_posts.image_label[test_posts.has_image]
    metric("image_f1", f1_score(truth, probabilities >= 0.5, average="macro"))

"""Task 1: a stratified split, training-only statistics, and loaders that lose nothing."""

import numpy as np
import pytest
import torch
from sklearn.model_selection import train_test_split

from digit_classifier.data import (
    NUM_CLASSES,
    TEST_FRACTION,
    VALIDATION_FRACTION,
    Digits,
    Normaliser,
    Split,
    make_loaders,
    split_digits,
)

TOLERANCE = 1e-5
BATCH = 16
SEED, OTHER_SEED = 4, 5  # not 0, the default: a seed that is ignored shows


def numbered_split(sizes: tuple[int, int, int], offsets: tuple[float, float, float]) -> Split:
    """A synthetic split whose labels number the images 0..N-1 and whose parts differ in
    brightness, so a statistic taken from the wrong part shows."""
    generator = torch.Generator().manual_seed(0)
    parts, start = [], 0
    for size, offset in zip(sizes, offsets, strict=True):
        images = (torch.rand(size, 1, 6, 6, generator=generator) * 0.2 + offset).clamp(0, 1)
        parts.append(Digits(images, torch.arange(start, start + size)))
        start += size
    return Split(*parts)


PARTS = ("train", "validation", "test")


def pass_over(loader) -> tuple[torch.Tensor, torch.Tensor]:
    """Every batch of one pass of `loader`, concatenated: (images, labels)."""
    batches = list(loader)
    return torch.cat([images for images, _ in batches]), torch.cat(
        [labels for _, labels in batches]
    )


def fingerprints(images: torch.Tensor) -> list[float]:
    """One number per image that tells the 5,000 digits apart: a fixed random projection."""
    weights = torch.randn(images[0].numel(), generator=torch.Generator().manual_seed(0))
    return (images.flatten(1).double() @ weights.double()).tolist()


@pytest.mark.task(1)
def test_split_sizes_are_disjoint_and_cover_everything(digits, split):
    sizes = {name: len(getattr(split, name)) for name in ("train", "validation", "test")}
    expected = {
        "test": round(TEST_FRACTION * len(digits)),
        "validation": round(VALIDATION_FRACTION * len(digits)),
    }
    expected["train"] = len(digits) - expected["test"] - expected["validation"]
    assert all(abs(sizes[name] - expected[name]) <= 1 for name in expected), (
        f"Task 1: 5,000 digits with test_fraction={TEST_FRACTION} and validation_fraction="
        f"{VALIDATION_FRACTION} of ALL images should give about {expected}, got {sizes}. "
        "The validation fraction is of the whole set, not of what remains after the test part."
    )
    every_image = set(fingerprints(digits.images))
    parts = [fingerprints(getattr(split, name).images) for name in sizes]
    seen = [image for part in parts for image in part]
    assert len(seen) == len(set(seen)) and set(seen) == every_image, (
        f"Task 1: every image must land in exactly one part; {len(seen) - len(set(seen))} "
        f"images are in two parts and {len(every_image - set(seen))} are in none"
    )


@pytest.mark.task(1)
def test_split_keeps_images_with_their_labels(digits, split):
    originals = dict(zip(fingerprints(digits.images), digits.labels.tolist(), strict=True))
    wrong = sum(
        originals[image] != label
        for part in (split.train, split.validation, split.test)
        for image, label in zip(fingerprints(part.images), part.labels.tolist(), strict=True)
    )
    assert wrong == 0, (
        f"Task 1: {wrong} images of the split carry another image's label. Split indices, then "
        "take the same indices of images and labels (Digits.subset does both)."
    )


@pytest.mark.task(1)
def test_split_is_stratified(digits, split):
    overall = np.bincount(digits.labels.numpy(), minlength=NUM_CLASSES) / len(digits)
    for name in ("train", "validation", "test"):
        labels = getattr(split, name).labels.numpy()
        counts = np.bincount(labels, minlength=NUM_CLASSES)
        expected = overall * len(labels)
        assert np.all(np.abs(counts - expected) <= 1), (
            f"Task 1: the {name} part should hold each digit in the share of the whole set "
            f"(about {np.round(expected).astype(int).tolist()}), got {counts.tolist()}. "
            "Pass stratify=labels to train_test_split, and at the second cut the labels of "
            "what remains."
        )


@pytest.mark.task(1)
def test_split_is_seeded(digits, split):
    again = split_digits(digits, seed=0)
    other = split_digits(digits, seed=1)
    assert torch.equal(again.test.images, split.test.images), (
        "Task 1: the same seed must give the same split; pass random_state=seed"
    )
    assert not torch.equal(other.test.images, split.test.images), (
        "Task 1: seed 1 gave the same test part as seed 0; the seed must choose the split"
    )


@pytest.mark.task(1)
def test_split_cuts_twice_with_its_seed_and_fractions(digits):
    seed, validation_fraction, test_fraction = 3, 0.15, 0.25
    split = split_digits(digits, seed, validation_fraction, test_fraction)
    labels = digits.labels.numpy()
    rest, test = train_test_split(
        np.arange(len(digits)), test_size=test_fraction, stratify=labels, random_state=seed
    )
    train, validation = train_test_split(
        rest,
        test_size=validation_fraction / (1 - test_fraction),
        stratify=labels[rest],
        random_state=seed,
    )
    for name, positions in (("test", test), ("validation", validation), ("train", train)):
        part = getattr(split, name)
        assert torch.equal(part.images, digits.images[positions]) and torch.equal(
            part.labels, digits.labels[positions]
        ), (
            f"Task 1: split_digits(digits, seed={seed}, validation_fraction="
            f"{validation_fraction}, test_fraction={test_fraction}): the {name} part should be "
            "the images at the positions train_test_split gives: first the test part off all "
            "positions, then the validation part off the rest (test_size=validation_fraction / "
            "(1 - test_fraction)), both with stratify= the labels of what is cut and "
            "random_state=seed"
        )


@pytest.mark.task(1)
def test_normaliser_measures_each_channel():
    generator = torch.Generator().manual_seed(0)
    images = torch.rand(20, 3, 5, 5, generator=generator) * torch.tensor([1.0, 2.0, 4.0]).view(
        1, 3, 1, 1
    ) + torch.tensor([0.0, 10.0, -3.0]).view(1, 3, 1, 1)
    normaliser = Normaliser.fit(images)
    per_channel = images.transpose(0, 1).reshape(3, -1)
    assert tuple(normaliser.mean.shape) == (3,) and tuple(normaliser.std.shape) == (3,), (
        "Task 1: a batch (N, C, H, W) with C=3 needs one mean and one std per channel, shape (3,); "
        f"got {tuple(normaliser.mean.shape)} and {tuple(normaliser.std.shape)}"
    )
    assert torch.allclose(normaliser.mean, per_channel.mean(dim=1), atol=TOLERANCE), (
        f"Task 1: expected channel means {per_channel.mean(dim=1).tolist()}, got "
        f"{normaliser.mean.tolist()}: average over axes 0, 2 and 3"
    )
    assert torch.allclose(normaliser.std, per_channel.std(dim=1), rtol=0.01), (
        f"Task 1: expected channel stds {per_channel.std(dim=1).tolist()}, got "
        f"{normaliser.std.tolist()}"
    )
    standardised = normaliser(images).transpose(0, 1).reshape(3, -1)
    assert torch.allclose(standardised.mean(dim=1), torch.zeros(3), atol=1e-4) and torch.allclose(
        standardised.std(dim=1), torch.ones(3), rtol=0.01
    ), (
        "Task 1: the images the normaliser was fitted on should come out with mean 0 and std 1 "
        f"in every channel; got means {standardised.mean(dim=1).tolist()} and stds "
        f"{standardised.std(dim=1).tolist()}. Reshape mean and std to (1, C, 1, 1)."
    )


@pytest.mark.task(1)
def test_loaders_normalise_with_training_statistics_only():
    split = numbered_split((40, 12, 12), offsets=(0.1, 0.5, 0.8))
    loaders = make_loaders(split, seed=0, batch_size=BATCH)
    expected = Normaliser.fit(split.train.images)
    assert torch.allclose(loaders.normaliser.mean, expected.mean, atol=TOLERANCE), (
        f"Task 1: the normaliser's mean should be the training images' {expected.mean.tolist()}, "
        f"got {loaders.normaliser.mean.tolist()}: fit it on split.train.images only, or the "
        "validation and test images leak into training"
    )
    images, labels = pass_over(loaders.validation)
    assert torch.equal(labels, split.validation.labels), (
        "Task 1: the validation loader should yield every validation image once, in the split's "
        f"order (no shuffling); got labels {labels.tolist()}"
    )
    assert torch.allclose(images, expected(split.validation.images), atol=TOLERANCE), (
        "Task 1: validation batches should be the validation pixels normalised with the "
        "training statistics"
    )
    images, labels = pass_over(loaders.test)
    assert torch.equal(labels, split.test.labels), (
        "Task 1: the test loader should yield every test image once, in the split's order"
    )
    assert torch.allclose(images, expected(split.test.images), atol=TOLERANCE), (
        "Task 1: test batches should be the test pixels normalised with the training statistics"
    )


@pytest.mark.task(1)
def test_training_loader_shuffles_every_image_once_with_its_seed():
    split = numbered_split((40, 12, 12), offsets=(0.1, 0.5, 0.8))
    batches = make_loaders(split, seed=SEED, batch_size=BATCH)
    sizes = {name: [len(labels) for _, labels in getattr(batches, name)] for name in PARTS}
    assert sizes == {"train": [16, 16, 8], "validation": [12], "test": [12]}, (
        f"Task 1: with batch_size={BATCH}, 40 training images come in batches of 16, 16 and 8 "
        f"and 12 validation or test images in one batch of 12; got {sizes}"
    )
    first = make_loaders(split, seed=SEED, batch_size=BATCH)
    images, labels = pass_over(first.train)
    assert sorted(labels.tolist()) == split.train.labels.tolist(), (
        "Task 1: one pass of the training loader should yield every training image exactly "
        f"once; got labels {sorted(labels.tolist())}"
    )
    assert not torch.equal(labels, split.train.labels), (
        "Task 1: the training loader should shuffle (shuffle=True), or every epoch shows the "
        "images in the same order"
    )
    assert torch.allclose(images, first.normaliser(split.train.images[labels]), atol=TOLERANCE), (
        "Task 1: each training image should come with its own label, normalised"
    )
    second_epoch = pass_over(first.train)[1]
    again = pass_over(make_loaders(split, seed=SEED, batch_size=BATCH).train)[1]
    other = pass_over(make_loaders(split, seed=OTHER_SEED, batch_size=BATCH).train)[1]
    assert torch.equal(again, labels), (
        "Task 1: two loaders made with the same seed should shuffle alike; give the training "
        "DataLoader generator=torch.Generator().manual_seed(seed)"
    )
    assert not torch.equal(second_epoch, labels), (
        "Task 1: the second epoch should be shuffled anew, not repeat the first one's order"
    )
    assert not torch.equal(other, labels), (
        f"Task 1: seed {OTHER_SEED} shuffled exactly as seed {SEED}: give the training "
        "DataLoader a generator seeded with seed"
    )


@pytest.mark.task(1)
def test_augmentation_runs_on_training_pixels_before_normalising():
    split = numbered_split((40, 12, 12), offsets=(0.1, 0.5, 0.8))
    calls = []

    def blank(images: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        draw = torch.rand(1, generator=generator).item()
        calls.append((images.min().item(), images.max().item(), draw))
        return torch.zeros_like(images)

    loaders = make_loaders(split, seed=SEED, batch_size=BATCH, augment=blank)
    images, _ = pass_over(loaders.train)
    pass_over(loaders.train)
    expected_draws = torch.rand(6, generator=torch.Generator().manual_seed(SEED)).tolist()
    draws = [draw for *_, draw in calls]
    assert len(draws) == 6, (
        "Task 1: two passes of the training loader (3 batches each) should call augment(images, "
        f"generator) once per batch, 6 times; it was called {len(draws)} times"
    )
    assert draws == pytest.approx(expected_draws), (
        "Task 1: augment should get one torch.Generator seeded with the loaders' seed, "
        f"torch.Generator().manual_seed({SEED}), kept from batch to batch and from epoch to epoch "
        f"(the same as the shuffling's, but its own); its first draws should be "
        f"{[round(d, 4) for d in expected_draws]}, got {[round(d, 4) for d in draws]}"
    )
    assert all(low >= 0 and high <= 1 for low, high, _ in calls), (
        "Task 1: augment should receive pixels in [0, 1], before normalising"
    )
    expected = loaders.normaliser(torch.zeros(1, 1, 6, 6))
    assert torch.allclose(images, expected.expand_as(images), atol=TOLERANCE), (
        "Task 1: the normaliser should run on the augmented pixels: augment first, then normalise"
    )
    count = len(calls)
    pass_over(loaders.validation)
    pass_over(loaders.test)
    assert len(calls) == count, (
        "Task 1: the validation and test loaders must not augment: they measure the model on "
        "the images as they are"
    )

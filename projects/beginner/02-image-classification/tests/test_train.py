"""Task 4: one epoch of training, an evaluation that changes nothing, early stopping."""

import copy

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from digit_classifier.train import History, TrainingSettings, evaluate, fit, train_one_epoch

TOLERANCE = 1e-5
# A small noisy problem on which a wide network soon learns its 40 training points by heart:
# the validation loss falls for a few epochs, then rises.
FEATURES = 20
TRAIN_POINTS = 40
VALIDATION_POINTS = 200
LABEL_NOISE = 0.5
HIDDEN = 64
OVERFITTING = TrainingSettings(max_epochs=30, patience=3, learning_rate=1e-2)
MIN_VALIDATION_ACCURACY = 0.9
SEED, OTHER_SEED = 7, 8  # not 0, the default: a seed that is ignored shows


def noisy_problem(seed: int = 0) -> tuple[DataLoader, DataLoader]:
    """Training and validation loaders of points whose label is the sign of a noisy feature."""
    generator = torch.Generator().manual_seed(seed)
    points = torch.randn(TRAIN_POINTS + VALIDATION_POINTS, FEATURES, generator=generator)
    noise = LABEL_NOISE * torch.randn(len(points), generator=generator)
    labels = (points[:, 0] + noise > 0).long()
    train = TensorDataset(points[:TRAIN_POINTS], labels[:TRAIN_POINTS])
    validation = TensorDataset(points[TRAIN_POINTS:], labels[TRAIN_POINTS:])
    return (
        DataLoader(train, batch_size=8, shuffle=True, generator=torch.Generator().manual_seed(0)),
        DataLoader(validation, batch_size=64),
    )


def wide_network(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Linear(FEATURES, HIDDEN), nn.ReLU(), nn.Dropout(0.1), nn.Linear(HIDDEN, 2)
    )


def full_loss(model: nn.Module, loader: DataLoader) -> tuple[float, float]:
    """Cross-entropy and accuracy over the loader's whole data set at once, in eval mode."""
    images, labels = loader.dataset.tensors
    model.eval()
    with torch.no_grad():
        logits = model(images)
    return (
        F.cross_entropy(logits, labels).item(),
        (logits.argmax(dim=1) == labels).float().mean().item(),
    )


def uneven_loader(seed: int = 0) -> DataLoader:
    """50 points in batches of 16: the last batch holds only 2."""
    generator = torch.Generator().manual_seed(seed)
    points = torch.randn(50, 4, generator=generator)
    labels = torch.randint(0, 3, (50,), generator=generator)
    return DataLoader(TensorDataset(points, labels), batch_size=16)


@pytest.mark.task(4)
def test_evaluate_averages_over_images_in_eval_mode():
    loader = uneven_loader()
    torch.manual_seed(2)  # accuracy 0.28: far from 0.5, where counting the misses would agree
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(4, 3))
    expected_loss, expected_accuracy = full_loss(model, loader)
    model.train()
    before = copy.deepcopy(model.state_dict())
    loss, accuracy = evaluate(model, loader)
    assert loss == pytest.approx(expected_loss, abs=TOLERANCE), (
        f"Task 4: evaluate should return the mean cross-entropy per image, {expected_loss:.5f}, "
        f"got {loss:.5f}. With batches of 16, 16, 16 and 2, a mean of the batch means weighs the "
        "last 2 images as much as 16; and dropout must be off (model.eval())."
    )
    assert accuracy == pytest.approx(expected_accuracy, abs=TOLERANCE), (
        f"Task 4: evaluate should return the share of correct predictions, {expected_accuracy}, "
        f"got {accuracy}"
    )
    unchanged = all(torch.equal(before[name], value) for name, value in model.state_dict().items())
    assert unchanged and all(p.grad is None for p in model.parameters()), (
        "Task 4: evaluate must not change the model or compute gradients (torch.no_grad())"
    )


@pytest.mark.task(4)
def test_train_one_epoch_reports_the_mean_loss_per_image():
    loader = uneven_loader()
    torch.manual_seed(0)
    model = nn.Linear(4, 3)
    expected, _ = full_loss(model, loader)
    frozen = torch.optim.SGD(model.parameters(), lr=0.0)  # steps that change nothing
    loss = train_one_epoch(model, loader, frozen)
    assert loss == pytest.approx(expected, abs=TOLERANCE), (
        f"Task 4: with a learning rate of 0 the epoch's mean training loss per image is "
        f"{expected:.5f}, got {loss:.5f}: weight each batch's loss by its number of images"
    )


@pytest.mark.task(4)
def test_train_one_epoch_trains_with_dropout_on():
    loader = uneven_loader()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(4, 3)).eval()
    eval_loss, _ = full_loss(model, loader)
    loss = train_one_epoch(model, loader, torch.optim.SGD(model.parameters(), lr=0.0))
    assert abs(loss - eval_loss) > 0.01, (
        "Task 4: train_one_epoch should put the model in training mode (model.train()), or "
        "dropout stays off after the first evaluation"
    )
    torch.manual_seed(0)
    model = nn.Linear(4, 3)
    optimiser = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = [train_one_epoch(model, loader, optimiser) for _ in range(5)]
    assert losses[-1] < losses[0], (
        f"Task 4: five epochs of SGD should lower the training loss, got {losses}: call "
        "optimiser.zero_grad(), loss.backward() and optimiser.step() for every batch"
    )


@pytest.mark.task(4)
def test_fit_stops_early_and_restores_the_best_weights():
    train, validation = noisy_problem()
    model = wide_network()
    history = fit(model, train, validation, OVERFITTING, seed=SEED)
    assert isinstance(history, History), "Task 4: fit should return a History"
    losses = history.validation_loss
    epochs = len(losses)
    assert len(history.train_loss) == len(history.validation_accuracy) == epochs, (
        "Task 4: History should hold one train loss, one validation loss and one validation "
        "accuracy for every epoch that ran"
    )
    best = min(range(epochs), key=losses.__getitem__) + 1
    assert history.best_epoch == best, (
        f"Task 4: the validation losses were {[round(v, 4) for v in losses]}; the best epoch "
        f"(counting from 1) is {best}, got best_epoch={history.best_epoch}"
    )
    assert epochs == best + OVERFITTING.patience < OVERFITTING.max_epochs, (
        f"Task 4: on this problem the validation loss is lowest at epoch {best} and rises "
        f"after; with patience={OVERFITTING.patience} training should stop after epoch "
        f"{best + OVERFITTING.patience}, but {epochs} epochs ran"
    )
    restored, _ = full_loss(model, validation)
    assert restored == pytest.approx(losses[best - 1], abs=TOLERANCE), (
        f"Task 4: after fit the model should hold the weights of its best epoch, whose "
        f"validation loss was {losses[best - 1]:.5f}; it has {restored:.5f}. Save a "
        "copy.deepcopy(model.state_dict()) at every new best and load_state_dict it at the end."
    )


@pytest.mark.task(4)
def test_fit_is_reproducible_with_its_seed():
    runs = {}
    for seed, disturbance in ((SEED, 0), (SEED, 1000), (OTHER_SEED, 0)):
        train, validation = noisy_problem()
        model = wide_network()
        torch.rand(disturbance)  # whatever ran before fit must not matter
        history = fit(model, train, validation, OVERFITTING, seed=seed)
        runs[seed, disturbance] = (history.validation_loss, model.state_dict())
    (first_losses, first_state), (second_losses, second_state), (other_losses, _) = runs.values()
    assert first_losses == second_losses and all(
        torch.equal(first_state[name], second_state[name]) for name in first_state
    ), (
        "Task 4: two fits of the same model on the same data with the same seed should give "
        f"the same history, got {first_losses} and {second_losses}; call torch.manual_seed(seed) "
        "at the start of fit (dropout draws its masks from torch's global generator)"
    )
    assert other_losses != first_losses, (
        f"Task 4: fit with seed={OTHER_SEED} gave the same history as seed={SEED}: the seed "
        "should decide the dropout masks, torch.manual_seed(seed) with the seed given"
    )


@pytest.mark.task(4)
def test_fit_trains_with_adam_and_its_settings():
    settings = TrainingSettings(max_epochs=3, patience=3, learning_rate=0.02, weight_decay=0.1)
    train, validation = noisy_problem()
    model = wide_network()
    history = fit(model, train, validation, settings, seed=SEED)
    train, validation = noisy_problem()
    model = wide_network()
    torch.manual_seed(SEED)
    optimiser = torch.optim.Adam(
        model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    expected_train, expected_validation = [], []
    for _ in range(settings.max_epochs):
        expected_train.append(train_one_epoch(model, train, optimiser))
        expected_validation.append(evaluate(model, validation)[0])
    assert history.train_loss == pytest.approx(expected_train, abs=TOLERANCE) and (
        history.validation_loss == pytest.approx(expected_validation, abs=TOLERANCE)
    ), (
        f"Task 4: fit(..., {settings}, seed={SEED}) should seed torch, then train with "
        "torch.optim.Adam(model.parameters(), lr=settings.learning_rate, "
        "weight_decay=settings.weight_decay) one train_one_epoch and one evaluate per epoch: "
        f"expected the losses {[round(v, 4) for v in expected_train]} (train) and "
        f"{[round(v, 4) for v in expected_validation]} (validation), got "
        f"{[round(v, 4) for v in history.train_loss]} and "
        f"{[round(v, 4) for v in history.validation_loss]}"
    )


@pytest.mark.task(4)
def test_fit_counts_only_a_strictly_lower_loss_as_a_new_best():
    frozen = TrainingSettings(max_epochs=10, patience=2, learning_rate=0.0)
    train, validation = noisy_problem()
    history = fit(wide_network(), train, validation, frozen, seed=SEED)
    epochs = len(history.validation_loss)
    assert history.best_epoch == 1 and epochs == 1 + frozen.patience, (
        "Task 4: with a learning rate of 0 every epoch has the same validation loss; only a "
        "loss strictly below the best counts as a new best, so epoch 1 stays the best and "
        f"training stops after epoch {1 + frozen.patience} (patience={frozen.patience}); got "
        f"best_epoch={history.best_epoch} after {epochs} epochs"
    )


@pytest.mark.task(4)
def test_training_the_digit_network(trained, loaders):
    model, history = trained
    restored_loss, restored_accuracy = evaluate_digits(model, loaders.validation)
    best = history.best_epoch
    assert 1 <= best <= len(history.validation_loss), (
        f"Task 4: best_epoch should count from 1, got {best}"
    )
    assert restored_loss == pytest.approx(history.validation_loss[best - 1], abs=TOLERANCE), (
        "Task 4: after fit the digit network should hold the weights of its best epoch"
    )
    assert restored_accuracy >= MIN_VALIDATION_ACCURACY, (
        f"Task 4: after training, the network gets {restored_accuracy:.1%} of the validation "
        f"digits right; expected at least {MIN_VALIDATION_ACCURACY:.0%}"
    )


def evaluate_digits(model: nn.Module, loader: DataLoader) -> tuple[float, float]:
    """Mean cross-entropy and accuracy over a loader, computed here rather than by your code."""
    model.eval()
    total, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for images, labels in loader:
            logits = model(images)
            total += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == labels).sum().item()
            count += len(labels)
    return total / count, correct / count

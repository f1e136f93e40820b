"""Train a classifier with early stopping on the validation loss.

Training longer always lowers the training loss; past some epoch the model
starts to learn its training images by heart and the loss on images it never
trains on, the validation loss, goes up again. Early stopping watches that loss,
stops once it has not improved for `patience` epochs, and puts back the weights
of the best epoch, so the model you keep is the one that generalised best.
"""

from __future__ import annotations

import copy  # SOLUTION
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F  # SOLUTION
from torch import nn
from torch.utils.data import DataLoader
from tqdm.auto import tqdm  # SOLUTION


@dataclass(frozen=True)
class TrainingSettings:
    """How long and how fast to train: Adam with this learning rate, at most max_epochs."""

    max_epochs: int = 12
    patience: int = 3  # epochs without a better validation loss before stopping
    learning_rate: float = 5e-3
    weight_decay: float = 0.0


@dataclass
class History:
    """One entry per epoch that ran; `best_epoch` counts from 1 and is the epoch whose weights
    the model holds after `fit`."""

    train_loss: list[float] = field(default_factory=list)
    validation_loss: list[float] = field(default_factory=list)
    validation_accuracy: list[float] = field(default_factory=list)
    best_epoch: int = 0


def train_one_epoch(
    model: nn.Module, loader: DataLoader, optimiser: torch.optim.Optimizer
) -> float:
    """Take one optimiser step per batch of `loader`; return the mean training loss per image.

    The model is in training mode (dropout on). The loss is cross-entropy on the
    logits. The mean is over images, not batches, so a small last batch counts
    for what it holds; each batch's loss is the one computed before its step.
    """
    # BEGIN SOLUTION (task 4): train mode; per batch zero_grad, loss, backward, step; weight by size
    model.train()
    total_loss, count = 0.0, 0
    for images, labels in loader:
        optimiser.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimiser.step()
        total_loss += loss.item() * len(labels)
        count += len(labels)
    return total_loss / count
    # END SOLUTION


def evaluate(model: nn.Module, loader: DataLoader) -> tuple[float, float]:
    """Return the mean cross-entropy per image and the accuracy of `model` on `loader`.

    Evaluation changes nothing: evaluation mode (dropout off), no gradients.
    """
    # BEGIN SOLUTION (task 4): eval mode and torch.no_grad(); sum the losses and hits over images
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for images, labels in loader:
            logits = model(images)
            total_loss += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == labels).sum().item()
            count += len(labels)
    return total_loss / count, correct / count
    # END SOLUTION


def fit(
    model: nn.Module,
    train_loader: DataLoader,
    validation_loader: DataLoader,
    settings: TrainingSettings | None = None,
    seed: int = 0,
) -> History:
    """Train `model` with Adam until the validation loss stops improving; keep the best weights.

    Seed torch's global generator with `seed` first (dropout draws from it), so the
    same model, loaders and seed give the same history. After each epoch,
    evaluate on `validation_loader`; a loss strictly below the best so far makes
    this epoch the best and saves a copy of the weights. Stop after
    `settings.patience` epochs in a row without a new best, or after
    `settings.max_epochs`; then load the best weights back into the model. Show the
    epochs in a tqdm progress bar with the latest losses.
    """
    settings = settings or TrainingSettings()
    # BEGIN SOLUTION (task 4): seed, Adam, loop epochs in tqdm; save the best state_dict, restore it
    torch.manual_seed(seed)
    optimiser = torch.optim.Adam(
        model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay
    )
    history = History()
    best_loss, best_state = float("inf"), copy.deepcopy(model.state_dict())
    with tqdm(range(1, settings.max_epochs + 1), desc="training", unit="epoch") as epochs:
        for epoch in epochs:
            history.train_loss.append(train_one_epoch(model, train_loader, optimiser))
            validation_loss, validation_accuracy = evaluate(model, validation_loader)
            history.validation_loss.append(validation_loss)
            history.validation_accuracy.append(validation_accuracy)
            epochs.set_postfix(train_loss=history.train_loss[-1], validation_loss=validation_loss)
            if validation_loss < best_loss:
                best_loss, best_state = validation_loss, copy.deepcopy(model.state_dict())
                history.best_epoch = epoch
            elif epoch - history.best_epoch >= settings.patience:
                break
    model.load_state_dict(best_state)
    return history
    # END SOLUTION

"""A small 1-D convolutional network on windows of the cleaned sensors.

Trees see one row of features, with the history squeezed into rolling means; a
convolution reads the last ``length`` cycles of every sensor itself and learns its own
filters. Kept tiny on purpose: a few thousand windows, a few seconds of CPU.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import torch
from torch import nn

from maintenance.rul import RUL_CAP
from maintenance.simulator import SENSORS

WINDOW = 30


class RulCNN(nn.Module):
    """Two convolutions over time, averaged over the window, then one linear output."""

    def __init__(self, n_channels: int, width: int = 16, kernel: int = 5):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv1d(n_channels, width, kernel),
            nn.ReLU(),
            nn.Conv1d(width, width, kernel),
            nn.ReLU(),
            nn.AdaptiveAvgPool1d(1),
            nn.Flatten(),
            nn.Linear(width, 1),
        )

    def forward(self, windows: torch.Tensor) -> torch.Tensor:
        return self.layers(windows).squeeze(1)


def make_windows(
    frame: pd.DataFrame, columns: Sequence[str] = SENSORS, length: int = WINDOW
) -> np.ndarray:
    """For every row, its unit's last ``length`` rows of ``columns``, up to and including it.

    Shape ``(rows, len(columns), length)``, float32, time along the last axis, oldest
    first, in the rows' order. A row with fewer than ``length`` rows before it in its
    unit is padded at the start by repeating the unit's first row. In ``frame`` each
    unit's rows are together and in cycle order (the units themselves in any order).
    """
    # BEGIN SOLUTION (task 6): per unit, pad with the first row, then a sliding window
    windows = []
    for _, rows in frame.groupby("unit", sort=False):
        values = rows[list(columns)].to_numpy(dtype=np.float32)
        padded = np.concatenate([np.repeat(values[:1], length - 1, axis=0), values])
        windows.append(np.lib.stride_tricks.sliding_window_view(padded, length, axis=0))
    return np.ascontiguousarray(np.concatenate(windows))
    # END SOLUTION


def train_cnn(
    windows: np.ndarray,
    target: np.ndarray,
    seed: int = 7,
    epochs: int = 6,
    batch_size: int = 64,
    lr: float = 3e-3,
) -> RulCNN:
    """Train a ``RulCNN`` on ``target / RUL_CAP`` by mean squared error, reproducibly.

    The protocol, exactly: ``torch.manual_seed(seed)``, then ``RulCNN(windows.shape[1])``
    and ``torch.optim.Adam(model.parameters(), lr=lr)``; one
    ``generator = torch.Generator().manual_seed(seed)``; each epoch, ``order =
    torch.randperm(len(windows), generator=generator)`` cut into batches of
    ``batch_size`` (the last may be smaller); for each batch ``zero_grad``, the loss
    ``nn.functional.mse_loss(model(x), y)``, ``backward`` and ``step``.
    """
    # BEGIN SOLUTION (task 6): seed, model and optimiser, one generator, batches by randperm
    torch.manual_seed(seed)
    model = RulCNN(windows.shape[1])
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    x = torch.as_tensor(windows, dtype=torch.float32)
    y = torch.as_tensor(np.asarray(target) / RUL_CAP, dtype=torch.float32)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            optimiser.zero_grad()
            loss = nn.functional.mse_loss(model(x[batch]), y[batch])
            loss.backward()
            optimiser.step()
    return model
    # END SOLUTION


def predict_cnn(model: RulCNN, windows: np.ndarray) -> np.ndarray:
    """The RUL in cycles the model predicts for each window (its output times RUL_CAP)."""
    # BEGIN SOLUTION (task 6): evaluation mode, no gradients, scale back to cycles
    model.eval()
    with torch.no_grad():
        output = model(torch.as_tensor(windows, dtype=torch.float32))
    return output.numpy().astype(float) * RUL_CAP
    # END SOLUTION

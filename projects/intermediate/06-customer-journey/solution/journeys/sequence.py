"""Task 6: a small recurrent network that reads a partial journey and predicts a purchase.

The Markov chain of Task 5 remembers only the last page. A GRU reads the whole prefix,
and the visit's channel and device as its first two tokens.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch
from torch import nn

from journeys.simulator import CHANNELS, DEVICES, STEPS

VOCABULARY = (*CHANNELS, *DEVICES, *STEPS)
TOKEN = {name: number for number, name in enumerate(VOCABULARY)}
SEED = 13


class JourneyGRU(nn.Module):
    """Tokens -> embedding -> GRU -> the logit of a purchase, from the last hidden state."""

    def __init__(self, hidden: int = 16, embedding: int = 8):
        super().__init__()
        self.embed = nn.Embedding(len(VOCABULARY), embedding)
        self.gru = nn.GRU(embedding, hidden, batch_first=True)
        self.out = nn.Linear(hidden, 1)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        _, last = self.gru(self.embed(tokens))
        return self.out(last[-1]).squeeze(-1)


def encode(journeys: pd.DataFrame) -> torch.Tensor:
    """One row of token ids per journey: its channel, its device, then its prefix pages.

    Each name becomes TOKEN[name]; the result is a LongTensor of shape (n, 2 + k).
    """
    # BEGIN SOLUTION (task 6): [channel, device, *prefix] mapped through TOKEN, as a LongTensor
    rows = [
        [TOKEN[row.channel], TOKEN[row.device], *(TOKEN[page] for page in row.prefix)]
        for row in journeys.itertuples()
    ]
    return torch.tensor(rows, dtype=torch.long)
    # END SOLUTION


def train_sequence_model(
    journeys: pd.DataFrame,
    seed: int = SEED,
    epochs: int = 80,
    hidden: int = 16,
    lr: float = 0.03,
) -> JourneyGRU:
    """Fit a JourneyGRU on the journeys' `converted` labels, full batch.

    The protocol, so a run can be repeated exactly: torch.manual_seed(seed), then
    JourneyGRU(hidden), torch.optim.Adam(model.parameters(), lr=lr), and `epochs` steps
    of nn.BCEWithLogitsLoss() on all the journeys at once (zero_grad, loss, backward,
    step). Return the model in eval mode.
    """
    # BEGIN SOLUTION (task 6): seed, model, Adam, then epochs full-batch steps of BCEWithLogitsLoss
    torch.manual_seed(seed)
    model = JourneyGRU(hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    loss_function = nn.BCEWithLogitsLoss()
    tokens = encode(journeys)
    labels = torch.tensor(journeys["converted"].to_numpy(), dtype=torch.float32)
    model.train()
    for _ in range(epochs):
        optimiser.zero_grad()
        loss = loss_function(model(tokens), labels)
        loss.backward()
        optimiser.step()
    return model.eval()
    # END SOLUTION


def predict_conversion(model: JourneyGRU, journeys: pd.DataFrame) -> np.ndarray:
    """The model's probability of a purchase for each journey, as a float64 array."""
    # BEGIN SOLUTION (task 6): encode, forward without gradients, sigmoid
    with torch.no_grad():
        return torch.sigmoid(model(encode(journeys))).double().numpy()
    # END SOLUTION

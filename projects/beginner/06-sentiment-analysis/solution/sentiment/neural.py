"""A bag of n-gram embeddings in PyTorch: the fastText classifier, small.

Each review becomes the bag of its words and word pairs (your tokens, negations
marked); each n-gram has a learnt vector; the review's vector is the mean of its
bag, and one linear layer turns it into the log-odds of "great". Joulin et al.
(2016) showed that this simple model matches far deeper ones on sentiment.
`nn.EmbeddingBag` computes all the means of a batch in one call, from one flat
tensor of n-gram ids and the offset where each review's ids start.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm  # SOLUTION

from sentiment.preprocess import tokenise

EMBEDDING_DIM = 32
MIN_COUNT = 2  # n-grams in fewer training reviews get no vector: they would only be memorised
EPOCHS = 5
BATCH_SIZE = 128
LEARNING_RATE = 0.02


def ngrams(tokens: Sequence[str]) -> list[str]:
    """Return the words of `tokens` and the pairs of neighbouring words (`"not good_NEG"`)."""
    pairs = zip(tokens, tokens[1:], strict=False)
    return [*tokens, *(f"{first} {second}" for first, second in pairs)]


def build_vocabulary(
    documents: Sequence[Sequence[str]], min_count: int = MIN_COUNT
) -> dict[str, int]:
    """Number the n-grams found in at least `min_count` documents, in sorted order from 0."""
    counts = Counter(gram for document in documents for gram in set(document))
    kept = sorted(gram for gram, count in counts.items() if count >= min_count)
    return {gram: index for index, gram in enumerate(kept)}


def encode(bags: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Pack bags of ids into the two int64 tensors that `nn.EmbeddingBag` takes.

    Returns `flat`, every id of every bag one after the other, and `offsets`, the
    position in `flat` where each bag starts: `[[3, 1], [], [2, 2, 5]]` gives
    `flat = [3, 1, 2, 2, 5]` and `offsets = [0, 2, 2]`. An empty bag is allowed.
    """
    # BEGIN SOLUTION (task 4): join the bags; an offset is the total length of the bags before it
    flat = torch.tensor([index for bag in bags for index in bag], dtype=torch.int64)
    lengths = torch.tensor([0, *(len(bag) for bag in bags[:-1])], dtype=torch.int64)
    return flat, lengths.cumsum(0)
    # END SOLUTION


class BagOfNgrams(nn.Module):
    """The mean of a review's n-gram embeddings, then a linear layer: one logit per review."""

    def __init__(self, vocabulary_size: int, embedding_dim: int = EMBEDDING_DIM) -> None:
        """Create the layers: an `nn.EmbeddingBag` in mode "mean", then an `nn.Linear` to 1."""
        super().__init__()
        # BEGIN SOLUTION (task 4): an EmbeddingBag in mean mode and a Linear layer
        self.embeddings = nn.EmbeddingBag(vocabulary_size, embedding_dim, mode="mean")
        self.output = nn.Linear(embedding_dim, 1)
        # END SOLUTION

    def forward(self, flat: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        """Return the log-odds of "great" of each bag, a float tensor of shape (number of bags,)."""
        # BEGIN SOLUTION (task 4): mean embedding of each bag, linear layer, drop the last axis
        return self.output(self.embeddings(flat, offsets)).squeeze(-1)
        # END SOLUTION


@dataclass
class BagClassifier:
    """A trained BagOfNgrams with its vocabulary and tokeniser; it scores raw texts."""

    vocabulary: dict[str, int]
    network: BagOfNgrams
    tokeniser: Callable[[str], list[str]] = tokenise

    def index(self, documents: Sequence[Sequence[str]]) -> list[list[int]]:
        """The ids of each document's known n-grams; unknown n-grams are left out."""
        vocabulary = self.vocabulary
        return [[vocabulary[gram] for gram in grams if gram in vocabulary] for grams in documents]

    def bags(self, texts: Sequence[str]) -> list[list[int]]:
        """The ids of the known n-grams of each text's tokens."""
        return self.index([ngrams(self.tokeniser(text)) for text in texts])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), 2): P(other) and P(great) of each text."""
        self.network.eval()
        with torch.no_grad():
            great = torch.sigmoid(self.network(*encode(self.bags(texts)))).numpy()
        return np.column_stack([1.0 - great, great])


def train_bag_model(
    texts: Sequence[str],
    labels: np.ndarray,
    seed: int = 0,
    epochs: int = EPOCHS,
    progress: bool = True,
) -> BagClassifier:
    """Train a BagOfNgrams on `texts` and their 0/1 `labels`, the same for the same seed.

    The n-grams of each text and their vocabulary are given. Seed torch, then
    create the classifier, `BagClassifier(vocabulary, BagOfNgrams(len(vocabulary)))`
    (the network's initial weights are random, so the seed must come first);
    `classifier.index(documents)` gives the ids of each text's bag. Shuffle the
    training texts at each epoch with a `torch.Generator` seeded with `seed`.
    Minimise `nn.BCEWithLogitsLoss` with Adam (LEARNING_RATE) in batches of
    BATCH_SIZE, for `epochs` passes over the data, with a tqdm progress bar over
    the epochs (shown when `progress`).
    """
    documents = [ngrams(tokenise(text)) for text in texts]
    vocabulary = build_vocabulary(documents)
    # BEGIN SOLUTION (task 4): seed, build the classifier, loop over shuffled batches; Adam; tqdm
    torch.manual_seed(seed)
    classifier = BagClassifier(vocabulary, BagOfNgrams(len(vocabulary)))
    bags = classifier.index(documents)
    targets = torch.as_tensor(np.asarray(labels), dtype=torch.float32)
    optimiser = torch.optim.Adam(classifier.network.parameters(), lr=LEARNING_RATE)
    loss_function = nn.BCEWithLogitsLoss()
    shuffler = torch.Generator().manual_seed(seed)
    classifier.network.train()
    epoch_bar = tqdm(range(epochs), desc="training", unit="epoch", disable=not progress)
    for _ in epoch_bar:
        losses = []
        for batch in torch.randperm(len(bags), generator=shuffler).split(BATCH_SIZE):
            optimiser.zero_grad()
            logits = classifier.network(*encode([bags[index] for index in batch]))
            loss = loss_function(logits, targets[batch])
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
        epoch_bar.set_postfix(loss=f"{np.mean(losses):.3f}")
    return classifier
    # END SOLUTION

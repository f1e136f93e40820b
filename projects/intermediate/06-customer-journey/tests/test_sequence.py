"""Task 6: a small GRU over partial journeys, trained by a protocol that can be replayed."""

import numpy as np
import pandas as pd
import pytest

CUTOFF = 40 * 86_400.0


@pytest.fixture(scope="module")
def held_out(shop_sessions):
    from journeys.markov import partial_journeys, split_by_time

    return split_by_time(partial_journeys(shop_sessions), CUTOFF)


@pytest.fixture(scope="module")
def few():
    return pd.DataFrame(
        {
            "channel": ["email", "display", "search", "direct"],
            "device": ["tablet", "mobile", "desktop", "mobile"],
            "prefix": [
                ("landing", "cart", "checkout"),
                ("product_view", "product_view", "cart"),
                ("landing", "product_view", "product_view"),
                ("product_view", "checkout", "cart"),
            ],
            "converted": [True, False, False, True],
        }
    )


def replay(journeys, seed, epochs, hidden, lr):
    """The training protocol of the docstring, written out."""
    import torch
    from torch import nn

    from journeys.sequence import TOKEN, JourneyGRU

    torch.manual_seed(seed)
    model = JourneyGRU(hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    tokens = torch.tensor(
        [
            [TOKEN[c], TOKEN[d], *(TOKEN[p] for p in prefix)]
            for c, d, prefix in zip(
                journeys["channel"], journeys["device"], journeys["prefix"], strict=True
            )
        ]
    )
    labels = torch.tensor(journeys["converted"].to_numpy(), dtype=torch.float32)
    for _ in range(epochs):
        optimiser.zero_grad()
        loss = nn.BCEWithLogitsLoss()(model(tokens), labels)
        loss.backward()
        optimiser.step()
    model.eval()
    with torch.no_grad():
        return torch.sigmoid(model(tokens)).double().numpy()


@pytest.mark.task(6)
def test_encode(few):
    import torch

    from journeys.sequence import TOKEN, encode

    tokens = encode(few)
    expected = [
        [TOKEN["email"], TOKEN["tablet"], TOKEN["landing"], TOKEN["cart"], TOKEN["checkout"]],
        [TOKEN["display"], TOKEN["mobile"], TOKEN["product_view"], TOKEN["product_view"]]
        + [TOKEN["cart"]],
    ]
    assert tokens.dtype == torch.long and tuple(tokens.shape) == (4, 5), (
        f"Task 6: encode gives a LongTensor of shape (4, 5) here; got {tokens.dtype} "
        f"{tuple(tokens.shape)}"
    )
    assert tokens[:2].tolist() == expected, (
        f"Task 6: each row is channel, device, then the prefix's pages, as TOKEN ids: "
        f"expected {expected}, got {tokens[:2].tolist()}"
    )


@pytest.mark.task(6)
@pytest.mark.parametrize(("seed", "epochs", "hidden", "lr"), [(5, 7, 6, 0.05), (13, 80, 16, 0.03)])
def test_training_follows_its_protocol(few, seed, epochs, hidden, lr):
    from journeys.sequence import predict_conversion, train_sequence_model

    if (seed, epochs, hidden, lr) == (13, 80, 16, 0.03):
        model = train_sequence_model(few)
    else:
        model = train_sequence_model(few, seed=seed, epochs=epochs, hidden=hidden, lr=lr)
    assert not model.training, "Task 6: return the model in eval mode (model.eval())"
    assert model.gru.hidden_size == hidden, (
        f"Task 6: the GRU has hidden={hidden} units; got {model.gru.hidden_size}"
    )
    got = predict_conversion(model, few)
    expected = replay(few, seed, epochs, hidden, lr)
    assert got.dtype == np.float64, f"Task 6: predictions are float64, not {got.dtype}"
    assert np.allclose(got, expected, rtol=0, atol=1e-6), (
        f"Task 6: with seed={seed}, epochs={epochs}, hidden={hidden}, lr={lr} the protocol "
        f"gives {expected.round(5)}; your model gives {got.round(5)}. Check the order: "
        "manual_seed, then the model, then Adam; one full-batch step per epoch."
    )


@pytest.mark.task(6)
def test_the_seed_matters(few):
    from journeys.sequence import predict_conversion, train_sequence_model

    first = predict_conversion(train_sequence_model(few, seed=3, epochs=5), few)
    again = predict_conversion(train_sequence_model(few, seed=3, epochs=5), few)
    other = predict_conversion(train_sequence_model(few, seed=4, epochs=5), few)
    assert np.array_equal(first, again), "Task 6: the same seed must give the same model"
    assert not np.allclose(first, other), (
        "Task 6: seeds 3 and 4 gave the same predictions: is the seed passed to torch.manual_seed?"
    )


@pytest.mark.task(6)
def test_gru_roc_auc_on_users_held_out_by_time(held_out, metric, figure):
    from sklearn.metrics import roc_auc_score

    from journeys.sequence import predict_conversion, train_sequence_model

    train, test = held_out
    scores = predict_conversion(train_sequence_model(train), test)
    auc = roc_auc_score(test["converted"], scores)
    figure("held_out_users", len(test["user"].unique()))
    figure("held_out_conversion_rate", test["converted"].mean())
    metric("gru_auc", auc)

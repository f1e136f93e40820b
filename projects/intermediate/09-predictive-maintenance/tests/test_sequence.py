"""Task 6: windows of the cleaned sensors and a small 1-D CNN trained by a fixed protocol."""

import numpy as np
import pandas as pd
import pytest
import torch

from maintenance.rul import RUL_CAP, piecewise_rul, rmse
from maintenance.sequence import RulCNN, make_windows, predict_cnn, train_cnn
from maintenance.simulator import SENSORS

TRAIN_STRIDE = 3  # the metric trains on every third window of the training fleet
CHANNELS = [*SENSORS, "health"]  # the cleaned sensors and the health index of Task 4


@pytest.mark.task(6)
@pytest.mark.parametrize("length", [30, 4])
def test_windows_by_hand(length):
    rng = np.random.default_rng(length)
    frame = pd.DataFrame(
        {"unit": [3] * 6 + [1] * 40, "cycle": list(range(1, 7)) + list(range(1, 41))}
    )
    columns = ["sensor_2", "sensor_7", "sensor_9"]
    for column in columns:
        frame[column] = rng.normal(size=len(frame))
    got = make_windows(frame, columns) if length == 30 else make_windows(frame, columns, length)
    assert got.shape == (46, 3, length) and got.dtype == np.float32, (
        f"Task 6: windows of shape (rows, columns, length) = (46, 3, {length}), float32; "
        f"got {got.shape} {got.dtype}"
    )
    for position in range(46):
        unit = frame["unit"].iloc[position]
        mine = frame.iloc[: position + 1]
        mine = mine[mine["unit"] == unit][columns].to_numpy(np.float32)
        padded = np.concatenate([np.repeat(mine[:1], length, axis=0), mine])[-length:]
        np.testing.assert_array_equal(
            got[position],
            padded.T,
            err_msg=f"Task 6: the window of row {position} (unit {unit}): the unit's last "
            f"{length} rows up to it, oldest first, padded with the unit's first row",
        )


def train_by_hand(windows, target, seed, epochs, batch_size, lr):
    torch.manual_seed(seed)
    model = RulCNN(windows.shape[1])
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    x = torch.as_tensor(windows)
    y = torch.as_tensor(target / RUL_CAP, dtype=torch.float32)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            optimiser.zero_grad()
            torch.nn.functional.mse_loss(model(x[batch]), y[batch]).backward()
            optimiser.step()
    model.eval()
    with torch.no_grad():
        return model(x).numpy() * RUL_CAP


@pytest.fixture(scope="module")
def small_windows():
    rng = np.random.default_rng(8)
    windows = rng.normal(size=(150, 4, 12)).astype(np.float32)
    target = np.clip(60 + 30 * windows[:, 0, -3:].mean(axis=1) + rng.normal(0, 5, 150), 0, 125)
    return windows, target


@pytest.mark.task(6)
@pytest.mark.parametrize(
    ("seed", "epochs", "batch_size", "lr"), [(7, 6, 64, 3e-3), (5, 2, 32, 1e-2), (9, 3, 47, 5e-4)]
)
def test_training_follows_the_protocol(small_windows, seed, epochs, batch_size, lr):
    windows, target = small_windows
    defaults = (seed, epochs, batch_size, lr) == (7, 6, 64, 3e-3)
    args = {} if defaults else {"seed": seed, "epochs": epochs, "batch_size": batch_size, "lr": lr}
    model = train_cnn(windows, target, **args)
    got = predict_cnn(model, windows)
    want = train_by_hand(windows, target, seed, epochs, batch_size, lr)
    assert isinstance(got, np.ndarray) and got.shape == (150,), (
        f"Task 6: predict_cnn gives one RUL per window, got {getattr(got, 'shape', got)}"
    )
    np.testing.assert_allclose(
        got,
        want,
        rtol=1e-5,
        atol=1e-4,
        err_msg=f"Task 6: train_cnn(seed={seed}, epochs={epochs}, batch_size={batch_size}, "
        f"lr={lr}) should follow the docstring's protocol step by step (seed, then the model, "
        "then Adam; one generator for randperm; targets divided by RUL_CAP)",
    )


@pytest.mark.task(6)
def test_the_seed_matters_and_repeats(small_windows):
    windows, target = small_windows
    first = predict_cnn(train_cnn(windows, target, seed=3, epochs=1), windows)
    again = predict_cnn(train_cnn(windows, target, seed=3, epochs=1), windows)
    other = predict_cnn(train_cnn(windows, target, seed=4, epochs=1), windows)
    np.testing.assert_array_equal(first, again, err_msg="Task 6: the same seed, the same model")
    assert not np.allclose(first, other), "Task 6: another seed should give another model"


@pytest.mark.task(6)
def test_cnn_on_the_held_out_fleet(train_features, test_features, metric):
    windows = make_windows(train_features, CHANNELS)
    target = piecewise_rul(train_features)
    model = train_cnn(windows[::TRAIN_STRIDE], target[::TRAIN_STRIDE], seed=11)
    predicted = predict_cnn(model, make_windows(test_features, CHANNELS))
    metric("cnn_rmse", rmse(piecewise_rul(test_features), predicted))

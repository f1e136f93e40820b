"""Task 5: predictions, a confusion matrix by hand, the most confident mistakes, and the bar."""

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from PIL import Image
from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from digit_classifier.data import NUM_CLASSES
from digit_classifier.evaluate import (
    CELL_HEIGHT,
    CELL_WIDTH,
    GRID_COLUMNS,
    TITLE_FONT_SIZE,
    Predictions,
    confusion_matrix,
    most_confident_mistakes,
    plot_mistakes,
    predict,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MISTAKES_SHOWN = 16
MIN_IMAGE_PIXELS = 200  # a grid of 16 digits is at least this wide and tall
RANDOM_CASES = 20


@pytest.mark.task(5)
def test_predict_collects_every_verdict_in_order():
    generator = torch.Generator().manual_seed(0)
    points = torch.randn(37, 5, generator=generator)
    labels = torch.randint(0, 4, (37,), generator=generator)
    loader = DataLoader(TensorDataset(points, labels), batch_size=10)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Dropout(0.5), nn.Linear(5, 4)).train()
    predictions = predict(model, loader)
    model.eval()
    with torch.no_grad():
        probabilities = torch.softmax(model(points), dim=1)
    assert isinstance(predictions, Predictions) and all(
        isinstance(array, np.ndarray) and array.shape == (37,)
        for array in (predictions.labels, predictions.predicted, predictions.confidence)
    ), "Task 5: predict should return Predictions of three numpy arrays, one entry per image"
    assert np.array_equal(predictions.labels, labels.numpy()), (
        "Task 5: Predictions.labels should be the loader's labels, in the loader's order"
    )
    assert np.array_equal(predictions.predicted, probabilities.argmax(dim=1).numpy()), (
        "Task 5: Predictions.predicted should be the class with the highest logit, computed in "
        "evaluation mode (dropout off)"
    )
    assert np.allclose(
        predictions.confidence, probabilities.max(dim=1).values.numpy(), atol=1e-6
    ), (
        "Task 5: Predictions.confidence should be the softmax probability of the predicted "
        f"class, between 1/{NUM_CLASSES} and 1; got {predictions.confidence[:4]} for the first "
        f"images instead of {probabilities.max(dim=1).values[:4].numpy()}"
    )


@pytest.mark.task(5)
def test_confusion_matrix_matches_scikit_learn():
    rng = np.random.default_rng(0)
    cases = [
        (rng.integers(0, NUM_CLASSES, 60), rng.integers(0, NUM_CLASSES, 60))
        for _ in range(RANDOM_CASES)
    ]
    cases.append((np.array([1, 1, 2]), np.array([1, 2, 2])))  # most classes never occur
    for labels, predicted in cases:
        ours = np.asarray(confusion_matrix(labels, predicted, NUM_CLASSES))
        expected = sklearn_confusion_matrix(labels, predicted, labels=range(NUM_CLASSES))
        assert ours.shape == expected.shape and np.array_equal(ours, expected), (
            f"Task 5: labels {labels.tolist()}, predicted {predicted.tolist()}: expected the "
            f"{NUM_CLASSES} x {NUM_CLASSES} counts (row = true class, column = predicted)\n"
            f"{expected}\ngot\n{ours}"
        )


@pytest.mark.task(5)
def test_most_confident_mistakes_come_first():
    predictions = Predictions(
        labels=np.array([3, 3, 5, 1, 7, 7, 2]),
        predicted=np.array([3, 8, 5, 7, 1, 7, 9]),
        confidence=np.array([0.99, 0.6, 0.97, 0.95, 0.6, 0.9, 0.8]),
    )
    chosen = np.asarray(most_confident_mistakes(predictions, 3)).tolist()
    assert chosen == [3, 6, 1], (
        "Task 5: the mistakes are images 1 (60%), 3 (95%), 4 (60%) and 6 (80%); the three most "
        f"confident, most confident first and ties in order, are [3, 6, 1]; got {chosen}"
    )
    every = np.asarray(most_confident_mistakes(predictions, 10)).tolist()
    assert every == [3, 6, 1, 4], (
        f"Task 5: asking for 10 of 4 mistakes should give all 4, [3, 6, 1, 4]; got {every}"
    )
    rng = np.random.default_rng(0)
    labels = rng.integers(0, NUM_CLASSES, 80)
    wrong = rng.random(80) < 0.75
    tied = Predictions(
        labels=labels,
        predicted=np.where(wrong, (labels + 1) % NUM_CLASSES, labels),
        confidence=rng.choice([0.6, 0.7, 0.8, 0.9], 80),
    )
    mistakes = np.flatnonzero(wrong)
    expected = sorted(mistakes, key=lambda index: (-tied.confidence[index], index))
    chosen = np.asarray(most_confident_mistakes(tied, 30)).tolist()
    assert chosen == expected[:30], (
        f"Task 5: of {len(mistakes)} mistakes with confidences 60%, 70%, 80% or 90%, the 30 "
        f"most confident, ties in the loader's order, are {expected[:30]}; got {chosen}. "
        "np.argsort's default quicksort may reorder equal keys: pass kind='stable'"
    )
    right = Predictions(np.array([1, 2]), np.array([1, 2]), np.array([0.9, 0.8]))
    assert len(most_confident_mistakes(right, 5)) == 0, (
        "Task 5: a model without mistakes has no mistakes to show: return an empty array"
    )


@pytest.mark.task(5)
def test_test_accuracy(held_out_predictions, metric):
    accuracy = float(np.mean(held_out_predictions.predicted == held_out_predictions.labels))
    metric("test_accuracy", accuracy)


@pytest.mark.task(5)
def test_confusion_matrix_of_the_trained_network(held_out_predictions, split):
    matrix = np.asarray(
        confusion_matrix(held_out_predictions.labels, held_out_predictions.predicted, NUM_CLASSES)
    )
    expected_rows = np.bincount(split.test.labels.numpy(), minlength=NUM_CLASSES)
    assert np.array_equal(matrix.sum(axis=1), expected_rows), (
        f"Task 5: each row of the test confusion matrix should add up to the number of test "
        f"images of its class, {expected_rows.tolist()}; got {matrix.sum(axis=1).tolist()}"
    )
    assert np.trace(matrix) / matrix.sum() == pytest.approx(
        np.mean(held_out_predictions.predicted == held_out_predictions.labels)
    ), "Task 5: the diagonal of the confusion matrix should count the correct predictions"


@pytest.fixture
def saved_figures(monkeypatch) -> list[Figure]:
    """Every matplotlib Figure saved during the test, as it was drawn."""
    figures = []
    savefig = Figure.savefig

    def recording(self, *args, **kwargs):
        figures.append(self)
        return savefig(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", recording)
    return figures


@pytest.mark.task(5)
def test_plot_of_the_most_confident_mistakes_is_a_png(held_out_predictions, split, tmp_path):
    indices = most_confident_mistakes(held_out_predictions, MISTAKES_SHOWN)
    path = plot_mistakes(split.test.images, held_out_predictions, indices, tmp_path / "worst.png")
    assert path.is_file(), f"Task 5: plot_mistakes should write the PNG at {path}"
    assert path.read_bytes()[: len(PNG_SIGNATURE)] == PNG_SIGNATURE, (
        "Task 5: the file plot_mistakes wrote is not a PNG: figure.savefig(path, format='png') "
        "writes one"
    )
    with Image.open(path) as image:
        width, height = image.size
    assert width >= MIN_IMAGE_PIXELS and height >= MIN_IMAGE_PIXELS, (
        f"Task 5: a grid of {len(indices)} digits should be at least {MIN_IMAGE_PIXELS} pixels "
        f"wide and tall, got {width} x {height}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("shown", [1, 10])
def test_plot_of_mistakes_draws_each_digit_in_its_cell(
    held_out_predictions, split, tmp_path, saved_figures, shown
):
    indices = most_confident_mistakes(held_out_predictions, shown)
    path = tmp_path / "worst.grid"  # not .png: the PNG format is asked for, not guessed
    plot_mistakes(split.test.images, held_out_predictions, indices, path)
    assert path.read_bytes()[: len(PNG_SIGNATURE)] == PNG_SIGNATURE, (
        f"Task 5: plot_mistakes should write a PNG whatever the file is called, here {path.name}: "
        "figure.savefig(path, format='png')"
    )
    assert saved_figures, "Task 5: draw on a matplotlib Figure and save it with figure.savefig"
    figure = saved_figures[-1]
    rows, columns = -(-shown // GRID_COLUMNS), min(shown, GRID_COLUMNS)
    geometry = figure.axes[0].get_subplotspec().get_geometry()[:2]
    assert len(figure.axes) == rows * columns and geometry == (rows, columns), (
        f"Task 5: {shown} digits take a grid of {rows} row(s) of {columns} (GRID_COLUMNS="
        f"{GRID_COLUMNS} at most per row); got {len(figure.axes)} axes in a {geometry} grid"
    )
    assert tuple(figure.get_size_inches()) == pytest.approx(
        (columns * CELL_WIDTH, rows * CELL_HEIGHT)
    ) and isinstance(figure.get_layout_engine(), TightLayoutEngine), (
        f"Task 5: the figure should be CELL_WIDTH x CELL_HEIGHT inches per cell, "
        f"{(columns * CELL_WIDTH, rows * CELL_HEIGHT)}, with layout='tight'; got "
        f"{tuple(figure.get_size_inches())} and {type(figure.get_layout_engine()).__name__}"
    )
    drawn = [axis for axis in figure.axes if axis.images]
    assert len(drawn) == shown, f"Task 5: expected {shown} digits drawn, got {len(drawn)}"
    assert not any(axis.axison for axis in figure.axes), "Task 5: turn every axis off"
    for axis, index in zip(drawn, indices, strict=True):
        image = axis.images[0]
        label = held_out_predictions.labels[index]
        said = held_out_predictions.predicted[index]
        expected = f"true {label}, said {said} ({held_out_predictions.confidence[index]:.0%})"
        assert np.array_equal(np.asarray(image.get_array()), split.test.images[index, 0].numpy()), (
            f"Task 5: cell {drawn.index(axis)} should show test image {index}"
        )
        assert image.get_cmap().name == "gray" and image.get_clim() == (0.0, 1.0), (
            "Task 5: draw the digits in grey on the pixels' own scale, from 0 (black) to 1 "
            "(white): imshow(..., cmap='gray', vmin=0.0, vmax=1.0); got the colour map "
            f"{image.get_cmap().name!r} from {image.get_clim()[0]} to {image.get_clim()[1]}"
        )
        assert " ".join(axis.get_title().split()) == expected, (
            f"Task 5: the title of image {index} should read {expected!r} (the confidence may "
            f"go on a second line); got {axis.get_title()!r}"
        )
        assert axis.title.get_fontsize() == TITLE_FONT_SIZE, (
            f"Task 5: titles in TITLE_FONT_SIZE={TITLE_FONT_SIZE} points, got "
            f"{axis.title.get_fontsize()}"
        )


@pytest.mark.task(5)
def test_plot_of_no_mistakes_is_an_error(held_out_predictions, split, tmp_path):
    with pytest.raises(ValueError, match="no"):
        plot_mistakes(
            split.test.images, held_out_predictions, np.array([], dtype=int), tmp_path / "x.png"
        )

"""Task 4: errors in dollars, and a picture of the residuals."""

import numpy as np
import pytest
from PIL import Image
from sklearn.metrics import mean_absolute_error, root_mean_squared_error

from house_prices.evaluation import DollarErrors, dollar_errors, plot_residuals

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_PLOT_WIDTH = 400  # pixels: two panels side by side need room
TOLERANCE = 1e-9
SERVED_MODEL = "gradient_boosting"  # the model the API of Task 5 serves
THOUSAND = 1_000  # dollar metrics are reported in thousands of dollars


@pytest.mark.task(4)
def test_dollar_errors_match_scikit_learn():
    rng = np.random.default_rng(0)
    prices = rng.uniform(50_000, 500_000, 200)
    predicted = prices * np.exp(rng.normal(0, 0.15, 200))
    errors = dollar_errors(prices, predicted)
    assert isinstance(errors, DollarErrors), (
        f"Task 4: dollar_errors should return a DollarErrors, got {type(errors).__name__}"
    )
    expected = {
        "rmse": root_mean_squared_error(prices, predicted),
        "mae": mean_absolute_error(prices, predicted),
        "median_ape": float(np.median(np.abs(predicted - prices) / prices)),
    }
    for name, value in expected.items():
        got = getattr(errors, name)
        assert np.isclose(got, value, rtol=TOLERANCE), (
            f"Task 4: {name} should be {value:.6g}, got {got!r}"
            + (" (a share, not a percentage: 0.08 for 8%)" if name == "median_ape" else "")
        )


@pytest.mark.task(4)
def test_a_median_error_is_robust_to_one_wild_miss():
    prices = np.array([100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0])
    predicted = prices * np.array([1.05, 0.95, 1.05, 0.95, 10.0])
    errors = dollar_errors(prices, predicted)
    assert np.isclose(errors.median_ape, 0.05), (
        "Task 4: four houses 5% off and one ten times too high: the median absolute "
        f"percentage error is 0.05 whatever the wild one does, got {errors.median_ape!r}"
    )


@pytest.mark.task(4)
@pytest.mark.parametrize(
    ("prices", "predicted", "problem"),
    [
        ([100_000.0, 200_000.0], [100_000.0], "different lengths"),
        ([], [], "nothing to compare"),
        ([100_000.0, np.nan], [100_000.0, 90_000.0], "a NaN price"),
        ([100_000.0, 0.0], [100_000.0, 90_000.0], "a price of zero"),
    ],
)
def test_dollar_errors_refuse_bad_input(prices, predicted, problem):
    try:
        dollar_errors(np.array(prices), np.array(predicted))
    except ValueError:
        return
    pytest.fail(
        f"Task 4: dollar_errors should raise ValueError for {problem} (check_prices does it), "
        "rather than return a number that means nothing"
    )


@pytest.mark.task(4)
def test_residual_plot_is_a_png(tmp_path, prices):
    rng = np.random.default_rng(0)
    predicted = prices * np.exp(rng.normal(0, 0.1, len(prices)))
    path = tmp_path / "plots" / "residuals.png"
    returned = plot_residuals(prices, predicted, path)
    assert path.is_file(), f"Task 4: plot_residuals should write a file at {path}"
    assert path.read_bytes()[:8] == PNG_SIGNATURE, (
        "Task 4: the file should be a PNG image (figure.savefig(path, format='png'))"
    )
    with Image.open(path) as image:
        width, height = image.size
    assert width >= MIN_PLOT_WIDTH and height > 0, (
        f"Task 4: the plot is {width}x{height} pixels; two panels need at least "
        f"{MIN_PLOT_WIDTH} pixels of width"
    )
    assert returned is not None and str(returned) == str(path), (
        f"Task 4: plot_residuals should return the path it wrote, got {returned!r}"
    )


@pytest.fixture(scope="module")
def served_model_errors(comparison, prices) -> DollarErrors:
    """Your dollar errors of the out-of-fold predictions of the model the API serves."""
    return dollar_errors(prices, comparison[SERVED_MODEL].predictions)


@pytest.mark.task(4)
def test_dollar_rmse(metric, served_model_errors):
    metric("dollar_rmse", served_model_errors.rmse / THOUSAND)


@pytest.mark.task(4)
def test_dollar_mae(metric, served_model_errors):
    metric("dollar_mae", served_model_errors.mae / THOUSAND)


@pytest.mark.task(4)
def test_median_absolute_percentage_error(metric, served_model_errors):
    metric("median_ape", served_model_errors.median_ape)


def draw_residuals(monkeypatch, tmp_path):
    """Call plot_residuals on five houses; return the Figure it saved and the inputs."""
    from matplotlib.figure import Figure

    saved = []
    original = Figure.savefig

    def recording_savefig(figure, *args, **kwargs):
        saved.append(figure)
        return original(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", recording_savefig)
    prices = np.array([100_000.0, 150_000.0, 220_000.0, 310_000.0, 480_000.0])
    predicted = np.array([120_000.0, 140_000.0, 200_000.0, 350_000.0, 400_000.0])
    plot_residuals(prices, predicted, tmp_path / "residuals.png")
    assert len(saved) == 1, (
        f"Task 4: plot_residuals should save one matplotlib Figure, saved {len(saved)}"
    )
    return saved[0], prices, predicted


def panels(figure):
    axes = [axes for axes in figure.get_axes() if axes.collections]
    assert len(axes) == 2, (
        f"Task 4: expected two panels with a scatter each, found {len(axes)} axes with points"
    )
    return sorted(axes, key=lambda axes: axes.get_position().x0)


@pytest.mark.task(4)
def test_residual_plot_draws_the_right_points(monkeypatch, tmp_path):
    from house_prices.evaluation import POINT_ALPHA, POINT_SIZE

    figure, prices, predicted = draw_residuals(monkeypatch, tmp_path)
    left, right = panels(figure)
    expected = {
        "left (x: true price, y: predicted price)": (left, np.column_stack([prices, predicted])),
        "right (x: predicted price, y: log(predicted / true))": (
            right,
            np.column_stack([predicted, np.log(predicted / prices)]),
        ),
    }
    for name, (axes, points) in expected.items():
        scatter = axes.collections[0]
        offsets = np.asarray(scatter.get_offsets(), dtype=float)
        assert offsets.shape == points.shape and np.allclose(offsets, points, rtol=1e-12), (
            f"Task 4: the {name} panel should plot the points {points.tolist()}, got "
            f"{offsets.tolist()}"
        )
        sizes = np.asarray(scatter.get_sizes())
        alpha = scatter.get_alpha()
        assert sizes.size and np.allclose(sizes, POINT_SIZE) and alpha == POINT_ALPHA, (
            f"Task 4: the {name} points should have s=POINT_SIZE ({POINT_SIZE}) and "
            f"alpha=POINT_ALPHA ({POINT_ALPHA}), got sizes {sizes.tolist()} and alpha {alpha}"
        )


@pytest.mark.task(4)
def test_residual_plot_axes_and_reference_lines(monkeypatch, tmp_path):
    from matplotlib.colors import to_rgba

    figure, _, _ = draw_residuals(monkeypatch, tmp_path)
    left, right = panels(figure)
    scales = {
        "left x": left.get_xscale(),
        "left y": left.get_yscale(),
        "right x": right.get_xscale(),
        "right y": right.get_yscale(),
    }
    assert scales == {"left x": "log", "left y": "log", "right x": "log", "right y": "linear"}, (
        "Task 4: prices span a factor of ten: both axes of the left panel and the x axis "
        f"(predicted price) of the right one should be logarithmic, got {scales}"
    )
    black = to_rgba("black")
    zero_lines = [line for line in right.get_lines() if np.allclose(line.get_ydata(), 0)]
    assert zero_lines and all(to_rgba(line.get_color()) == black for line in zero_lines), (
        "Task 4: the right panel should have a black line at zero (axhline(0, color='black')), "
        f"got {[line.get_color() for line in zero_lines]}"
    )
    assert left.get_lines() and to_rgba(left.get_lines()[0].get_color()) == black, (
        "Task 4: the left panel should have a black line of perfect predictions"
    )

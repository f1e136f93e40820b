"""Task 1: the mean."""

import pytest

from {{ cookiecutter.package }} import stats


@pytest.mark.task(1)
def test_mean_of_three_values():
    result = stats.mean([1.0, 2.0, 6.0])
    assert result == 3.0, f"Task 1: mean([1, 2, 6]) should be 3.0, got {result!r}"


@pytest.mark.task(1)
def test_mean_of_no_values_is_an_error():
    with pytest.raises(ValueError):
        stats.mean([])


@pytest.mark.task(1)
def test_mean_error(metric):
    values = [0.1] * 10
    metric("mean_error", abs(stats.mean(values) - 0.1))

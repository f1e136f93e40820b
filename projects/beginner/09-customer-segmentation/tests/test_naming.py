"""Task 6: name the segments from their centres, and describe them in days, visits and dollars."""

import itertools

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans

from segmentation.naming import PROFILE_COLUMNS, SEGMENT_NAMES, name_segments, segment_profiles
from segmentation.transactions import RFM_COLUMNS

TOLERANCE = 1e-9
CDNOW_K = 4


@pytest.mark.task(6)
def test_every_combination_gets_its_name():
    keys = list(itertools.product((True, False), repeat=3))
    # a centre 0.5 on the good side of the average, or 0.5 on the other
    centres = np.array(
        [
            [-0.5 if recent else 0.5, 0.5 if frequent else -0.5, 0.5 if big else -0.5]
            for recent, frequent, big in keys
        ]
    )
    names = name_segments(centres)
    expected = [SEGMENT_NAMES[key] for key in keys]
    assert names == expected, (
        "Task 6: recent = recency below 0 (the average customer), frequent = frequency above 0, "
        "big spender = monetary above 0, then SEGMENT_NAMES[(recent, frequent, big spender)]; "
        f"expected {expected}, got {names}"
    )


@pytest.mark.task(6)
def test_the_average_customer_is_neither_recent_frequent_nor_big():
    names = name_segments(np.array([[0.0, 0.0, 0.0], [-1e-9, 1e-9, 1e-9]]))
    assert names == ["hibernating", "champions"], (
        "Task 6: a centre exactly at the average (0) is not below or above it: (0, 0, 0) is "
        "not recent, not frequent, not a big spender, 'hibernating'; a hair to the good side "
        f"of each is 'champions'. Expected ['hibernating', 'champions'], got {names}"
    )


@pytest.mark.task(6)
def test_repeated_names_are_numbered():
    hibernating, champions = [1.0, -1.0, -1.0], [-1.0, 1.0, 1.0]
    names = name_segments(np.array([hibernating, champions, hibernating, hibernating]))
    expected = ["hibernating", "champions", "hibernating 2", "hibernating 3"]
    assert names == expected, (
        f"Task 6: names must tell segments apart: expected {expected}, got {names}"
    )


@pytest.fixture
def small_rfm() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "recency": [10, 20, 300, 400, 500],
            "frequency": [5, 3, 1, 1, 2],
            "monetary": [40.0, 20.0, 10.0, 30.0, 5.0],
        },
        index=pd.Index([11, 12, 13, 14, 15], name="customer_id"),
    )


@pytest.mark.task(6)
def test_profiles_of_a_small_table(small_rfm):
    labels = np.array([1, 1, 0, 0, 0])
    profiles = segment_profiles(small_rfm, labels, ["hibernating", "champions"])
    assert list(profiles.columns) == list(PROFILE_COLUMNS) and list(profiles.index) == [0, 1], (
        f"Task 6: expected the columns {list(PROFILE_COLUMNS)} and one row per segment 0, 1; "
        f"got columns {list(profiles.columns)}, index {list(profiles.index)}"
    )
    assert profiles.index.name == "segment", (
        f"Task 6: the index is the segment number, named 'segment'; got {profiles.index.name!r}"
    )
    assert profiles["name"].tolist() == ["hibernating", "champions"], (
        f"Task 6: names[segment] is the segment's name; got {profiles['name'].tolist()}"
    )
    assert profiles["customers"].tolist() == [3, 2], (
        f"Task 6: segment 0 has 3 customers, 1 has 2; got {profiles['customers'].tolist()}"
    )
    assert np.allclose(profiles["share"], [0.6, 0.4]), (
        f"Task 6: shares of all customers should be [0.6, 0.4]; got {profiles['share'].tolist()}"
    )
    expected = [[400.0, 4 / 3, 15.0], [15.0, 4.0, 30.0]]
    assert np.allclose(profiles[list(RFM_COLUMNS)], expected), (
        f"Task 6: mean recency, frequency, monetary of segments 0 and 1 should be {expected}; "
        f"got\n{profiles}"
    )


@pytest.mark.task(6)
def test_a_segment_without_customers_keeps_its_row(small_rfm):
    names = ["hibernating", "champions", "loyal"]
    try:
        profiles = segment_profiles(small_rfm, np.array([1, 1, 0, 0, 0]), names)
    except Exception as error:  # any crash here is the mistake to explain
        pytest.fail(
            "Task 6: with three names and no customer labelled 2, segment 2 should still get its "
            f"row (reindex the grouped results on range(len(names))); got {error!r}"
        )
    assert list(profiles.index) == [0, 1, 2] and profiles.loc[2, "customers"] == 0, (
        "Task 6: segment 2 has no customers: its row should be there with 0 customers; got\n"
        f"{profiles}"
    )
    assert profiles.loc[2, "share"] == 0 and profiles.loc[2, list(RFM_COLUMNS)].isna().all(), (
        f"Task 6: an empty segment has share 0 and no means (NaN); got\n{profiles}"
    )


@pytest.mark.task(6)
def test_profiles_of_the_cdnow_segments(cdnow_rfm, cdnow_features, seed):
    model = KMeans(CDNOW_K, n_init=4, random_state=seed).fit(cdnow_features)
    names = name_segments(model.cluster_centers_)
    profiles = segment_profiles(cdnow_rfm, model.labels_, names)
    assert profiles["customers"].sum() == len(cdnow_rfm), (
        f"Task 6: the segments' sizes should add up to the {len(cdnow_rfm)} customers; got "
        f"{profiles['customers'].sum()}"
    )
    assert profiles["share"].sum() == pytest.approx(1.0), "Task 6: the shares should add up to 1"
    means = cdnow_rfm.groupby(model.labels_).mean()
    for column in RFM_COLUMNS:
        assert np.allclose(profiles[column], means[column], atol=TOLERANCE), (
            f"Task 6: the mean {column} of each segment should be "
            f"{means[column].round(2).tolist()}; got {profiles[column].round(2).tolist()}"
        )
    champions = profiles[profiles["name"] == "champions"]
    hibernating = profiles[profiles["name"] == "hibernating"]
    assert len(champions) == 1 and len(hibernating) == 1, (
        "Task 6: four segments of the CDNOW customers should include one named 'champions' and "
        f"one 'hibernating'; got {profiles['name'].tolist()}"
    )
    assert champions["recency"].iloc[0] < hibernating["recency"].iloc[0] and (
        champions["frequency"].iloc[0] > hibernating["frequency"].iloc[0]
    ), f"Task 6: champions bought more recently and more often than the hibernating:\n{profiles}"

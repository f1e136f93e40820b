"""Task 2: a feature transformer whose statistics come from fit alone."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from churn.features import GROUP_COLUMN, NEW_FEATURES, ChurnFeatures

TOLERANCE = 1e-9
SINGLE_ROWS = 5  # customers transformed one at a time


def expected_features(rows: pd.DataFrame, medians: dict, overall: float) -> pd.DataFrame:
    """The engineered columns of `rows`, from the docstring's formulas and given medians."""
    total = rows["total_charges"].fillna(0.0)
    tenure, monthly = rows["tenure"], rows["monthly_charges"]
    increase = np.where(tenure > 0, monthly - total / tenure.where(tenure > 0, 1), 0.0)
    typical = rows[GROUP_COLUMN].map(medians).astype(float).fillna(overall)
    return pd.DataFrame(
        {
            "log_tenure": np.log1p(tenure),
            "charge_increase": increase,
            "charge_ratio": monthly / typical,
        },
        index=rows.index,
    )


def assert_features_equal(got: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    for name in expected:
        assert name in got, f"Task 2: transform's output has no column {name!r} ({what})"
        values, wanted = got[name].to_numpy(float), expected[name].to_numpy(float)
        bad = np.flatnonzero(~np.isclose(values, wanted, rtol=0, atol=TOLERANCE))
        assert bad.size == 0, (  # the message is only built when the assertion fails
            f"Task 2: {name} {what}: for the customer at position {bad[0]}, expected "
            f"{wanted[bad[0]]}, got {values[bad[0]]}; {bad.size} value(s) differ"
        )


@pytest.fixture(scope="module")
def long_and_short(customers):
    """Customers of more than two years (to fit on) and the others (new data)."""
    return customers[customers["tenure"] > 24], customers[customers["tenure"] <= 24]


@pytest.mark.task(2)
def test_fit_learns_the_medians(customers):
    features = ChurnFeatures()
    returned = features.fit(customers)
    medians = customers.groupby(GROUP_COLUMN)["monthly_charges"].median().to_dict()
    assert returned is features, "Task 2: fit must return self, as every scikit-learn fit does"
    assert set(features.typical_charge_) == set(medians) and all(
        np.isclose(features.typical_charge_[key], value) for key, value in medians.items()
    ), f"Task 2: typical_charge_ should be {medians}, got {features.typical_charge_}"
    overall = customers["monthly_charges"].median()
    assert np.isclose(features.overall_charge_, overall), (
        f"Task 2: overall_charge_ should be the median monthly charge {overall}, "
        f"got {features.overall_charge_}"
    )


@pytest.mark.task(2)
def test_transform_adds_the_new_columns(customers):
    features = ChurnFeatures().fit(customers)
    transformed = features.transform(customers)
    assert isinstance(transformed, pd.DataFrame) and len(transformed) == len(customers), (
        "Task 2: transform should return a DataFrame with one row per customer"
    )
    kept = [name for name in customers if name not in transformed]
    assert not kept, f"Task 2: transform must keep every input column; it lost {kept}"
    assert (
        transformed["total_charges"].notna().all()
        and (transformed.loc[customers["tenure"] == 0, "total_charges"] == 0).all()
    ), (
        "Task 2: a customer of tenure 0 has not been billed yet: fill their missing "
        "total_charges with 0.0"
    )
    expected = expected_features(customers, features.typical_charge_, features.overall_charge_)
    assert_features_equal(transformed, expected, "on the customers fit saw")


@pytest.mark.task(2)
def test_transform_on_new_data_uses_the_fit_time_statistics(long_and_short):
    long_stayers, newer = long_and_short
    features = ChurnFeatures().fit(long_stayers)
    fit_medians = long_stayers.groupby(GROUP_COLUMN)["monthly_charges"].median().to_dict()
    own_medians = newer.groupby(GROUP_COLUMN)["monthly_charges"].median().to_dict()
    assert fit_medians != own_medians  # otherwise this test could not tell them apart
    expected = expected_features(newer, fit_medians, long_stayers["monthly_charges"].median())
    assert_features_equal(
        features.transform(newer),
        expected,
        "on new customers (charge_ratio must divide by the medians learnt in fit, never by "
        "medians of the rows being transformed: that would leak the test fold into its "
        "features)",
    )


@pytest.mark.task(2)
def test_one_customer_alone_gets_the_features_of_a_batch(long_and_short):
    long_stayers, newer = long_and_short
    features = ChurnFeatures().fit(long_stayers)
    batch = features.transform(newer)
    for position in range(SINGLE_ROWS):
        alone = features.transform(newer.iloc[[position]])
        assert_features_equal(
            alone,
            batch.iloc[[position]][list(NEW_FEATURES)],
            "for one customer transformed alone (scored in real time, a customer comes one "
            "at a time: their features may not depend on who else is in the batch)",
        )


@pytest.mark.task(2)
def test_a_service_fit_never_saw_uses_the_overall_median(customers):
    with_internet = customers[customers["internet_service"] != "No"]
    features = ChurnFeatures().fit(with_internet)
    offline = customers[customers["internet_service"] == "No"].head(SINGLE_ROWS)
    ratio = features.transform(offline)["charge_ratio"].to_numpy(float)
    expected = (
        offline["monthly_charges"].to_numpy(float) / with_internet["monthly_charges"].median()
    )
    assert np.allclose(ratio, expected, rtol=0, atol=TOLERANCE), (
        "Task 2: internet_service 'No' was never seen in fit: its charge_ratio should divide "
        f"by overall_charge_, giving {expected.round(4).tolist()}; got {ratio.round(4).tolist()}"
    )


@pytest.mark.task(2)
def test_transform_leaves_its_input_alone(long_and_short):
    long_stayers, newer = long_and_short
    before = newer.copy()
    ChurnFeatures().fit(long_stayers).transform(newer)
    assert newer.equals(before), (
        "Task 2: transform changed the frame it was given: work on a copy (X.copy())"
    )


@pytest.mark.task(2)
def test_it_behaves_as_a_scikit_learn_transformer(customers, labels):
    features = ChurnFeatures()
    with pytest.raises(NotFittedError):
        features.transform(customers.head())
    copy = clone(ChurnFeatures().fit(customers))
    assert not hasattr(copy, "typical_charge_"), (
        "Task 2: clone() must give an unfitted copy: learn in fit, never in __init__"
    )
    both = ChurnFeatures().fit_transform(customers, labels)
    assert_features_equal(
        both,
        ChurnFeatures().fit(customers).transform(customers)[list(NEW_FEATURES)],
        "from fit_transform (with labels, as a Pipeline calls it)",
    )


@pytest.mark.task(2)
def test_a_first_month_customer_is_compared_with_their_one_bill(customers):
    features = ChurnFeatures().fit(customers)
    first_month = customers[customers["tenure"] == 1].head(1).copy()
    first_month["total_charges"] = first_month["monthly_charges"] - 5.0  # a part-month bill
    increase = float(features.transform(first_month)["charge_increase"].iloc[0])
    assert increase == pytest.approx(5.0), (
        "Task 2: a customer of tenure 1 who paid 5.00 less than their monthly charge so far "
        f"has a charge_increase of 5.0 (monthly - total / 1); got {increase}. Only tenure 0 "
        "gets 0.0"
    )

"""Task 2: engineered columns and a ColumnTransformer that turns houses into numbers."""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer

from house_prices.features import (
    ENGINEERED_COLUMNS,
    INPUT_COLUMNS,
    MIN_CATEGORY_COUNT,
    ORDINAL_SCALES,
    build_preprocessor,
    engineer_features,
)

TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def two_houses() -> pd.DataFrame:
    """Two made-up houses with every input column, easy to work out by hand."""
    return pd.DataFrame(
        {
            "Lot_Frontage": [0, 80],
            "Lot_Area": [8_000, 12_000],
            "Year_Built": [1960, 2005],
            "Year_Remod_Add": [1990, 2005],
            "Year_Sold": [2008, 2006],
            "Total_Bsmt_SF": [900, 0],
            "First_Flr_SF": [900, 1_200],
            "Second_Flr_SF": [0, 800],
            "Gr_Liv_Area": [900, 2_000],
            "Full_Bath": [1, 2],
            "Half_Bath": [0, 1],
            "Bsmt_Full_Bath": [1, 0],
            "Bsmt_Half_Bath": [1, 0],
            "Bedroom_AbvGr": [2, 4],
            "Kitchen_AbvGr": [1, 1],
            "TotRms_AbvGrd": [5, 9],
            "Fireplaces": [0, 1],
            "Garage_Cars": [1, 2],
            "Garage_Area": [300, 500],
            "Overall_Cond": ["Average", "Very_Good"],
            "Exter_Cond": ["Typical", "Good"],
            "Heating_QC": ["Fair", "Excellent"],
            "Bsmt_Cond": ["Typical", "No_Basement"],
            "Garage_Cond": ["Typical", "Typical"],
            "Bsmt_Exposure": ["No", "No_Basement"],
            "Garage_Finish": ["Unf", "Fin"],
            "Functional": ["Typ", "Typ"],
            "Neighborhood": ["Old_Town", "Somerset"],
            "MS_Zoning": ["Residential_Medium_Density", "Floating_Village_Residential"],
            "Bldg_Type": ["OneFam", "OneFam"],
            "House_Style": ["One_Story", "Two_Story"],
            "Foundation": ["CBlock", "PConc"],
            "Central_Air": ["Y", "Y"],
            "Garage_Type": ["Detchd", "Attchd"],
            "Sale_Condition": ["Normal", "Partial"],
        }
    )


@pytest.fixture(scope="module")
def fitted_preprocessor(houses):
    """Your preprocessor, fitted on the engineered columns of every house."""
    return build_preprocessor().fit(engineer_features(houses))


def transform(preprocessor, houses: pd.DataFrame) -> np.ndarray:
    return np.asarray(preprocessor.transform(engineer_features(houses)), dtype=float)


def variants(houses: pd.DataFrame, column: str, values: list) -> pd.DataFrame:
    """Copies of the first house that differ only in `column`, one per value."""
    rows = pd.concat([houses.iloc[[0]]] * len(values), ignore_index=True)
    rows[column] = values
    return rows


@pytest.mark.task(2)
def test_engineered_columns_by_hand(two_houses):
    engineered = engineer_features(two_houses)
    expected = {
        "Total_SF": [1_800, 2_000],
        "House_Age": [48, 1],
        "Years_Since_Remodel": [18, 1],
        "Total_Baths": [2.5, 2.5],
        "Condition_x_Living_Area": [4 * 900, 7 * 2_000],
        "Log_Gr_Liv_Area": list(np.log([900, 2_000])),
        "Log_Lot_Area": list(np.log([8_000, 12_000])),
    }
    assert set(ENGINEERED_COLUMNS) <= set(engineered.columns), (
        f"Task 2: engineer_features should add {ENGINEERED_COLUMNS}; missing "
        f"{sorted(set(ENGINEERED_COLUMNS) - set(engineered.columns))}"
    )
    for column, values in expected.items():
        got = engineered[column].to_numpy(dtype=float)
        assert np.allclose(got, values, rtol=TOLERANCE), (
            f"Task 2: {column} of the two houses should be {values}, got {got.tolist()} "
            "(the comments beside ENGINEERED_COLUMNS say what each one is)"
        )
    assert set(INPUT_COLUMNS) <= set(engineered.columns), (
        "Task 2: keep every input column; only add the new ones"
    )


@pytest.mark.task(2)
def test_zero_frontage_is_missing_and_the_input_is_untouched(two_houses):
    original = two_houses.copy()
    frontage = engineer_features(two_houses)["Lot_Frontage"].to_numpy(dtype=float)
    assert np.isnan(frontage[0]) and frontage[1] == 80, (
        "Task 2: Lot_Frontage 0 means 'not recorded' in this data: it should become NaN, and "
        f"80 stay 80; got {frontage.tolist()}"
    )
    assert two_houses.equals(original), (
        "Task 2: engineer_features changed the frame it was given: work on houses.copy()"
    )


@pytest.mark.task(2)
def test_preprocessor_makes_a_dense_finite_matrix(fitted_preprocessor, houses):
    assert isinstance(fitted_preprocessor, ColumnTransformer), (
        "Task 2: build_preprocessor should return a sklearn ColumnTransformer, got "
        f"{type(fitted_preprocessor).__name__}"
    )
    matrix = fitted_preprocessor.transform(engineer_features(houses))
    assert isinstance(matrix, np.ndarray) and matrix.ndim == 2, (
        "Task 2: the output should be a dense 2-D NumPy array (gradient boosting does not take "
        f"sparse input: OneHotEncoder(sparse_output=False)), got {type(matrix).__name__}"
    )
    assert matrix.shape[0] == len(houses) and np.isfinite(matrix).all(), (
        f"Task 2: expected {len(houses)} rows of finite numbers, got shape {matrix.shape} with "
        f"{int(np.sum(~np.isfinite(matrix)))} values that are NaN or infinite: impute every "
        "branch that can see a missing value"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize("column", ["Heating_QC", "Garage_Cond", "Bsmt_Exposure"])
def test_quality_scales_become_one_ordered_number(fitted_preprocessor, houses, column):
    scale = ORDINAL_SCALES[column]
    rows = transform(fitted_preprocessor, variants(houses, column, scale))
    changed = np.flatnonzero(np.ptp(rows, axis=0) > TOLERANCE)
    assert len(changed) == 1, (
        f"Task 2: houses that differ only in {column} should differ in exactly one output "
        f"column (the level's rank, one number per scale), but {len(changed)} columns changed"
    )
    ranks = rows[:, changed[0]]
    assert np.all(np.diff(ranks) > 0), (
        f"Task 2: along the scale {scale}, the {column} column should increase strictly, got "
        f"{np.round(ranks, 3).tolist()}: give OrdinalEncoder the levels in ORDINAL_SCALES order"
    )


@pytest.mark.task(2)
def test_rare_and_unseen_neighbourhoods_share_one_column(fitted_preprocessor, houses):
    counts = houses["Neighborhood"].value_counts()
    rare = sorted(counts[counts < MIN_CATEGORY_COUNT].index)
    common = list(counts.index[:2])
    rows = transform(fitted_preprocessor, variants(houses, "Neighborhood", [*rare, "Atlantis"]))
    assert np.allclose(rows, rows[0], atol=TOLERANCE), (
        f"Task 2: neighbourhoods seen fewer than {MIN_CATEGORY_COUNT} times ({rare}) and one "
        "never seen ('Atlantis') should all fall into the same 'infrequent' column: "
        "OneHotEncoder(min_frequency=..., handle_unknown='infrequent_if_exist')"
    )
    rows = transform(fitted_preprocessor, variants(houses, "Neighborhood", common))
    assert not np.allclose(rows[0], rows[1]), (
        f"Task 2: common neighbourhoods ({common}) should keep columns of their own"
    )


@pytest.mark.task(2)
def test_missing_values_are_filled_and_flagged(fitted_preprocessor, houses):
    median = float(houses["Lot_Frontage"].replace(0, np.nan).median())
    rows = transform(fitted_preprocessor, variants(houses, "Lot_Frontage", [np.nan, median]))
    assert np.isfinite(rows).all() and not np.allclose(rows[0], rows[1]), (
        "Task 2: a missing Lot_Frontage should be filled with the median AND flagged in an "
        "indicator column (SimpleImputer(add_indicator=True)), so that the model can tell it "
        "from a house whose frontage really is the median"
    )
    for column in ["Garage_Type", "Heating_QC"]:
        rows = transform(fitted_preprocessor, variants(houses, column, [None, None]))
        assert np.isfinite(rows).all(), (
            f"Task 2: a house whose {column} is missing (None) should still give finite numbers"
        )


@pytest.mark.task(2)
def test_a_missing_nominal_value_becomes_the_missing_category(houses):
    from house_prices.features import MISSING_CATEGORY

    training = houses.copy()
    training.loc[training.index[: 2 * MIN_CATEGORY_COUNT], "Garage_Type"] = np.nan
    preprocessor = build_preprocessor().fit(engineer_features(training))
    rows = transform(preprocessor, variants(houses, "Garage_Type", [np.nan, MISSING_CATEGORY]))
    assert np.allclose(rows[0], rows[1], atol=TOLERANCE), (
        "Task 2: a missing nominal value should be filled with the category MISSING_CATEGORY "
        f"({MISSING_CATEGORY!r}): SimpleImputer(strategy='constant', "
        "fill_value=MISSING_CATEGORY). Fitted on houses whose Garage_Type is sometimes "
        f"missing (NaN), a house with Garage_Type NaN and one with {MISSING_CATEGORY!r} should "
        "give the same row"
    )
    common = transform(preprocessor, variants(houses, "Garage_Type", ["Attchd"]))
    assert not np.allclose(rows[0], common[0], atol=TOLERANCE), (
        "Task 2: a missing Garage_Type should be a category of its own, not look like 'Attchd'"
    )

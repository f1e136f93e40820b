"""Tasks 2 and 3: regimes and normalisation fitted on training units; cleaning; features."""

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans

from maintenance.processing import (
    MAD_TO_SIGMA,
    RegimeNormaliser,
    clean_unit,
    hampel_spikes,
    rolling_features,
)
from maintenance.simulator import REGIME_SETTINGS, SENSORS, SETTINGS

# Task 2: regimes and normalisation per regime -------------------------------------------


@pytest.mark.task(2)
@pytest.mark.parametrize(("n_regimes", "seed", "sensors"), [(3, 5, SENSORS), (2, 9, SENSORS[:4])])
def test_the_normaliser_is_kmeans_and_per_regime_statistics(train_fleet, n_regimes, seed, sensors):
    readings = train_fleet.readings
    normaliser = RegimeNormaliser(sensors, n_regimes=n_regimes, seed=seed).fit(readings)
    kmeans = KMeans(n_clusters=n_regimes, n_init=10, random_state=seed)
    labels = kmeans.fit_predict(readings[list(SETTINGS)].to_numpy())
    assert normaliser.kmeans.get_params() == kmeans.get_params(), (
        f"Task 2: self.kmeans should be KMeans(n_clusters={n_regimes}, n_init=10, "
        f"random_state={seed}); got {normaliser.kmeans!r}"
    )
    np.testing.assert_allclose(
        normaliser.kmeans.cluster_centers_,
        kmeans.cluster_centers_,
        rtol=1e-12,
        err_msg=f"Task 2: self.kmeans should be KMeans(n_clusters={n_regimes}, n_init=10, "
        f"random_state={seed}) fitted on the raw settings",
    )
    groups = readings[list(sensors)].groupby(labels)
    for name, want, got in (
        ("means", groups.mean(), normaliser.means),
        ("stds", groups.std(ddof=0), normaliser.stds),
    ):
        assert list(got.columns) == list(sensors) and list(got.index) == list(range(n_regimes)), (
            f"Task 2: self.{name} is indexed by regime 0..{n_regimes - 1}, one column per sensor"
        )
        np.testing.assert_allclose(
            got.to_numpy(),
            want.to_numpy(),
            rtol=1e-10,
            err_msg=f"Task 2: self.{name} per regime, NaN left out (std with ddof=0)",
        )
    np.testing.assert_array_equal(normaliser.regimes(readings), labels)


@pytest.mark.task(2)
def test_three_regimes_are_found(train_fleet):
    normaliser = RegimeNormaliser(seed=4).fit(train_fleet.readings)
    centres = normaliser.kmeans.cluster_centers_
    nearest = np.abs(centres[:, None, :] - REGIME_SETTINGS[None]).sum(axis=2).min(axis=1)
    assert np.all(nearest < 0.1), (
        f"Task 2: the three regimes' centres should sit on the fleet's three operating points, "
        f"got {centres.round(3).tolist()}"
    )


@pytest.mark.task(2)
def test_transform_standardises_each_row_by_its_regime(train_fleet, test_fleet):
    normaliser = RegimeNormaliser(SENSORS[:5], seed=3).fit(train_fleet.readings)
    test = test_fleet.readings.iloc[:400]
    before = test.copy()
    result = normaliser.transform(test)
    pd.testing.assert_frame_equal(test, before, obj="Task 2: transform must not change its input")
    labels = normaliser.regimes(test)
    for sensor in SENSORS[:5]:
        want = (test[sensor].to_numpy() - normaliser.means[sensor].to_numpy()[labels]) / (
            normaliser.stds[sensor].to_numpy()[labels]
        )
        np.testing.assert_allclose(
            result[sensor].to_numpy(),
            want,
            rtol=1e-12,
            equal_nan=True,
            err_msg=f"Task 2: {sensor} should be (reading - mean) / std of its row's regime",
        )
    untouched = [c for c in test.columns if c not in SENSORS[:5]]
    pd.testing.assert_frame_equal(result[untouched], test[untouched])
    pd.testing.assert_index_equal(result.index, test.index)


@pytest.mark.task(2)
def test_the_fitted_transform_never_depends_on_test_units(train_fleet, test_fleet):
    normaliser = RegimeNormaliser(seed=3).fit(train_fleet.readings)
    means, stds = normaliser.means.copy(), normaliser.stds.copy()
    test = test_fleet.readings
    shifted = test.copy()
    shifted[list(SENSORS)] = shifted[list(SENSORS)] * 1.5 + 40.0  # a test fleet gone astray
    whole = normaliser.transform(test)
    normaliser.transform(shifted)
    pd.testing.assert_frame_equal(normaliser.means, means, obj="Task 2: means after transform")
    pd.testing.assert_frame_equal(normaliser.stds, stds, obj="Task 2: stds after transform")
    alone = pd.concat([normaliser.transform(test.iloc[[k]]) for k in (0, 7, 500)])
    pd.testing.assert_frame_equal(
        alone,
        whole.iloc[[0, 7, 500]],
        obj="Task 2: a row alone must be transformed as it is within its fleet (a statistic "
        "of the frame being transformed leaked in: fit on training units only)",
    )


# Task 3: spikes, gaps, resampling and rolling features -----------------------------------


def hampel_by_hand(values, window, n_sigmas):
    spikes = []
    for i, value in enumerate(values):
        past = np.array(values[max(0, i - window + 1) : i + 1], dtype=float)
        past = past[~np.isnan(past)]
        if np.isnan(value) or past.size < 3:
            spikes.append(False)
            continue
        median = np.median(past)
        mad = np.median(np.abs(past - median))
        spikes.append(bool(abs(value - median) > n_sigmas * MAD_TO_SIGMA * mad))
    return np.array(spikes)


@pytest.mark.task(3)
@pytest.mark.parametrize(("window", "n_sigmas"), [(11, 3.0), (5, 2.0), (8, 4.5)])
def test_hampel_against_the_definition(window, n_sigmas):
    rng = np.random.default_rng(3 + window)
    values = rng.normal(size=300).cumsum() * 0.2 + rng.normal(size=300)
    values[rng.random(300) < 0.05] += rng.choice([-8.0, 8.0], size=1) * rng.uniform(0.3, 1.5)
    values[rng.random(300) < 0.05] = np.nan
    values[[40, 41, 42]] = np.nan
    args = {} if (window, n_sigmas) == (11, 3.0) else {"window": window, "n_sigmas": n_sigmas}
    got = hampel_spikes(values, **args)
    want = hampel_by_hand(values, window, n_sigmas)
    assert got.dtype == bool and got.shape == values.shape, (
        "Task 3: a boolean mask, one per reading"
    )
    wrong = np.flatnonzero(got != want)
    assert wrong.size == 0, (
        f"Task 3: hampel_spikes(window={window}, n_sigmas={n_sigmas}) differs at positions "
        f"{wrong[:5].tolist()}: want {want[wrong[:5]].tolist()}, got {got[wrong[:5]].tolist()}. "
        "The window is the reading and the window - 1 before it; NaN are left out"
    )


@pytest.mark.task(3)
def test_hampel_boundaries():
    on_edge = 2.0 * MAD_TO_SIGMA * 1.0  # median 0 and MAD 1 below: exactly on the threshold
    base = [-1.0, 0.0, 0.0, 1.0]
    assert not hampel_spikes(np.array([*base, on_edge]), window=5, n_sigmas=2.0)[-1], (
        "Task 3: a reading exactly n_sigmas * MAD_TO_SIGMA * MAD from the median is no spike"
    )
    assert hampel_spikes(np.array([*base, on_edge + 1e-9]), window=5, n_sigmas=2.0)[-1], (
        "Task 3: a reading beyond n_sigmas * MAD_TO_SIGMA * MAD from the median is a spike"
    )
    three = hampel_spikes(np.array([0.0, 0.0, 50.0]))
    two = hampel_spikes(np.array([np.nan, 0.0, 50.0]))
    assert three.tolist() == [False, False, True] and not two.any(), (
        "Task 3: a window of 3 valid readings judges (50 after two 0s is a spike); a window "
        f"of 2 judges nothing; got {three.tolist()} and {two.tolist()}"
    )
    far = np.array([0.0, 0.0, 0.0, 0.0, 50.0, 0.0])
    assert not hampel_spikes(far, window=2)[4], (
        "Task 3: with window=2 the reading's window holds 2 readings, too few to judge"
    )


def a_unit(seed=2):
    rng = np.random.default_rng(seed)
    cycles = np.array([3, 4, 5, 7, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20])
    frame = pd.DataFrame(rng.normal(size=(cycles.size, 2)), columns=["sensor_2", "sensor_3"])
    frame.insert(0, "unit", 4)
    frame.insert(1, "cycle", cycles)
    frame["setting_1"] = 1.0
    frame.loc[[0, 5], "sensor_2"] = np.nan  # a dropout at the start, one later
    frame.loc[12, "sensor_3"] = 25.0  # a spike
    return frame


def clean_by_hand(frame, sensors, window, n_sigmas):
    cycles = np.arange(frame["cycle"].min(), frame["cycle"].max() + 1)
    out = frame.set_index("cycle").reindex(cycles)
    out["unit"] = frame["unit"].iloc[0]
    for sensor in sensors:
        values = out[sensor].to_numpy(dtype=float, copy=True)
        values[hampel_by_hand(list(values), window, n_sigmas)] = np.nan
        filled, last = [], 0.0
        for value in values:
            last = last if np.isnan(value) else value
            filled.append(last)
        out[sensor] = filled
    return out


@pytest.mark.task(3)
@pytest.mark.parametrize(("window", "n_sigmas"), [(11, 3.0), (4, 2.0)])
def test_clean_unit_resamples_removes_spikes_and_fills_forwards(window, n_sigmas):
    frame = a_unit()
    sensors = ["sensor_2", "sensor_3"]
    got = clean_unit(frame, sensors, window=window, n_sigmas=n_sigmas)
    want = clean_by_hand(frame, sensors, window, n_sigmas)
    assert got["cycle"].tolist() == list(range(3, 21)), (
        f"Task 3: one row per cycle from 3 to 20, got cycles {got['cycle'].tolist()}"
    )
    assert list(got.index) == list(range(18)) and (got["unit"] == 4).all(), (
        "Task 3: a fresh index 0..n-1, and the unit filled in on the inserted rows"
    )
    for sensor in sensors:
        np.testing.assert_allclose(
            got[sensor].to_numpy(),
            want[sensor].to_numpy(),
            rtol=1e-12,
            err_msg=f"Task 3: {sensor}: spikes to NaN, then forward fill, 0.0 before any "
            f"reading (window={window}, n_sigmas={n_sigmas})",
        )
    assert got["setting_1"].isna().sum() == 3, "Task 3: the settings of an inserted cycle stay NaN"
    assert 25.0 not in got["sensor_3"].to_numpy(), "Task 3: the spike of 25 must be gone"


@pytest.mark.task(3)
def test_clean_unit_uses_its_sensors_only():
    frame = a_unit()
    got = clean_unit(frame, ["sensor_3"])
    assert got["sensor_2"].isna().sum() == 2 + 3, (
        "Task 3: only the sensors named are cleaned; the others are only resampled"
    )


@pytest.mark.task(3)
def test_cleaning_never_reads_the_future(train_fleet):
    from maintenance.processing import clean_fleet

    rows = train_fleet.readings[train_fleet.readings["unit"] == 3]
    rows = RegimeNormaliser(seed=3).fit(train_fleet.readings).transform(rows)
    whole = clean_unit(rows)
    for cut in (15, 60, 140):
        early = clean_unit(rows[rows["cycle"] <= cut])
        pd.testing.assert_frame_equal(
            early,
            whole[whole["cycle"] <= cut],
            obj=f"Task 3: the cleaned readings up to cycle {cut} must not change when the "
            "later cycles are cut off (a filter that looks ahead leaks the future)",
        )
    both = clean_fleet(pd.concat([rows, rows.assign(unit=9)]))
    assert (both.groupby("unit").size() == len(whole)).all()


@pytest.mark.task(3)
@pytest.mark.parametrize("window", [10, 4])
def test_rolling_features_by_hand(window):
    rng = np.random.default_rng(window)
    frame = pd.DataFrame(
        {
            "unit": [1] * 7 + [2] * 5,
            "cycle": list(range(1, 8)) + list(range(3, 8)),
            "sensor_2": rng.normal(size=12),
            "sensor_4": rng.normal(size=12),
        },
        index=range(100, 112),
    )
    args = {} if window == 10 else {"window": window}
    got = rolling_features(frame, ["sensor_2", "sensor_4"], **args)
    assert list(got.index) == list(frame.index), "Task 3: the same index as the frame"
    assert set(got.columns) == {"sensor_2_mean", "sensor_2_std", "sensor_4_mean", "sensor_4_std"}
    for position in range(12):
        unit = frame["unit"].iloc[position]
        mine = frame.iloc[: position + 1]
        mine = mine[mine["unit"] == unit].tail(window)
        for sensor in ("sensor_2", "sensor_4"):
            for stat, want in (("mean", mine[sensor].mean()), ("std", mine[sensor].std(ddof=0))):
                value = got[f"{sensor}_{stat}"].iloc[position]
                assert value == pytest.approx(want, abs=1e-12), (
                    f"Task 3: {sensor}_{stat} at row {position} (unit {unit}) should be {want:.6f}"
                    f" over the unit's last {window} rows, got {value:.6f}; never across units"
                )

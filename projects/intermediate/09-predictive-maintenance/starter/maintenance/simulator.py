"""A seeded run-to-failure fleet in the manner of NASA's C-MAPSS (provided: read it first).

Every engine of the fleet is the same type: three operating regimes (altitude, Mach
number, throttle), fourteen informative sensors whose level and noise depend on the
regime, and two failure modes that move different sensors. An engine starts healthy,
with a small manufacturing offset of its own; at its onset cycle it begins to wear,
and the wear grows exponentially until it fails. Its log runs from cycle 1 to its
last cycle: the engine fails after it, so the remaining useful life (RUL) at cycle
``c`` is ``last - c``. The log is imperfect as real ones are: readings drop out (NaN),
spike, and whole cycles go missing.

The engine type's constants (sensor levels, noise, failure signatures) are drawn from
``ENGINE_SEED`` once, so two fleets of different seeds are two fleets of one type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SETTINGS = ("setting_1", "setting_2", "setting_3")
CMAPSS_SENSORS = tuple(f"sensor_{number}" for number in range(1, 22))
SENSORS = tuple(f"sensor_{number}" for number in (2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21))
COLUMNS = ("unit", "cycle", *SETTINGS, *CMAPSS_SENSORS)

ENGINE_SEED = 2008  # the year C-MAPSS was published
REGIME_SETTINGS = np.array([[0.0, 0.0, 100.0], [20.0, 0.70, 100.0], [42.0, 0.84, 60.0]])
SETTING_NOISE = np.array([0.004, 0.0004, 0.0])
N_MODES = 2
ONSET_RANGE = (30, 140)  # cycles of healthy running before wear begins
WEAR_RANGE = (60, 180)  # cycles from onset to failure
DROPOUT_RATE = 0.01  # share of readings that are NaN
SPIKE_RATE = 0.005  # share of readings with a spike
SPIKE_SIZE = (8.0, 15.0)  # in noise standard deviations
MISSING_CYCLE_RATE = 0.01  # share of cycles absent from the log
UNOBSERVED_LEVEL = 1.0  # what the seven flat sensors read in a written file


@dataclass(frozen=True)
class EngineType:
    """The constants of the engine type: per regime and sensor, and per failure mode."""

    level: np.ndarray  # (regime, sensor): the healthy reading
    noise: np.ndarray  # (regime, sensor): the noise's standard deviation
    signature: np.ndarray  # (mode, sensor): the shift at failure, in noise units


def engine_type() -> EngineType:
    rng = np.random.default_rng(ENGINE_SEED)
    n_regimes, n_sensors = len(REGIME_SETTINGS), len(SENSORS)
    level = rng.uniform(50.0, 600.0, size=(n_regimes, n_sensors)).round(1)
    noise = rng.uniform(0.5, 2.0, size=(n_regimes, n_sensors))
    signature = np.zeros((N_MODES, n_sensors))
    order = rng.permutation(n_sensors)
    for mode, moved in enumerate((order[:8], order[6:])):  # two sensors shared
        signature[mode, moved] = rng.choice([-1.0, 1.0], moved.size) * rng.uniform(3, 6, moved.size)
    return EngineType(level, noise, signature)


@dataclass(frozen=True)
class Fleet:
    """A fleet's log and the truth about each unit, which no model may read."""

    readings: pd.DataFrame  # unit, cycle, the settings and SENSORS, one row per logged cycle
    units: pd.DataFrame  # unit, mode, onset (first cycle of wear), last (the last cycle)


def simulate_fleet(n_units: int = 100, seed: int = 7) -> Fleet:
    """Run ``n_units`` engines to failure; the same seed gives the same fleet."""
    rng = np.random.default_rng(seed)
    engine = engine_type()
    frames, truth = [], []
    for unit in range(1, n_units + 1):
        mode = int(rng.integers(N_MODES))
        onset = int(rng.integers(*ONSET_RANGE))
        wear_cycles = int(rng.integers(*WEAR_RANGE))
        last = onset + wear_cycles
        cycles = np.arange(1, last + 1)
        rate = rng.uniform(2.0, 4.0) / wear_cycles
        since = np.clip(cycles - onset, 0, None)
        wear = np.expm1(rate * since) / np.expm1(rate * wear_cycles)
        regime = rng.integers(len(REGIME_SETTINGS), size=cycles.size)
        settings = REGIME_SETTINGS[regime] + rng.normal(size=(cycles.size, 3)) * SETTING_NOISE
        offset = rng.normal(0.0, 0.3, size=len(SENSORS))
        shift = offset + rng.normal(size=(cycles.size, len(SENSORS)))
        shift += wear[:, None] * engine.signature[mode]
        spikes = rng.random(shift.shape) < SPIKE_RATE
        shift[spikes] += rng.choice([-1.0, 1.0], spikes.sum()) * rng.uniform(
            *SPIKE_SIZE, spikes.sum()
        )
        values = engine.level[regime] + engine.noise[regime] * shift
        values[rng.random(values.shape) < DROPOUT_RATE] = np.nan
        frame = pd.DataFrame(values, columns=list(SENSORS))
        frame.insert(0, "unit", unit)
        frame.insert(1, "cycle", cycles)
        for position, name in enumerate(SETTINGS):
            frame.insert(2 + position, name, settings[:, position])
        missing = rng.random(cycles.size) < MISSING_CYCLE_RATE
        missing[[0, -1]] = False  # the first and the last cycle are always logged
        frames.append(frame[~missing])
        truth.append({"unit": unit, "mode": mode, "onset": onset, "last": last})
    readings = pd.concat(frames, ignore_index=True)
    return Fleet(readings, pd.DataFrame(truth))


def write_cmapss(readings: pd.DataFrame, path: Path) -> None:
    """Write a log in C-MAPSS's text format: 26 space-separated numbers a line, no header.

    The seven sensors this fleet does not model read a constant; a dropout is written
    ``nan``. Like NASA's files, every line ends with a space.
    """
    frame = readings.copy()
    for name in CMAPSS_SENSORS:
        if name not in frame:
            frame[name] = UNOBSERVED_LEVEL
    lines = []
    for row in frame[list(COLUMNS)].itertuples(index=False):
        unit, cycle, *rest = row
        numbers = " ".join("nan" if np.isnan(value) else f"{value:.4f}" for value in rest)
        lines.append(f"{int(unit)} {int(cycle)} {numbers} \n")
    Path(path).write_text("".join(lines), encoding="utf-8")

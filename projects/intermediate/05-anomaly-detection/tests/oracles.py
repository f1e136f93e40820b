"""What the tests hold the learner's streaming code to: the same statistics, in batch, by pandas."""

import numpy as np
import pandas as pd

MAD_TO_SIGMA = 1.4826


def robust_z(values, window: int, min_periods: int, min_scale: float) -> np.ndarray:
    """The robust z-score of each value against the `window` values before it, by pandas."""
    series = pd.Series(np.asarray(values, dtype=float))
    rolling = series.rolling(window, min_periods=min_periods)
    median = rolling.median().shift(1)
    mad = rolling.apply(lambda w: np.median(np.abs(w - np.median(w))), raw=True).shift(1)
    return ((series - median) / np.maximum(MAD_TO_SIGMA * mad, min_scale)).to_numpy()


def ewma_z(values, alpha: float, warmup: int, min_std: float) -> np.ndarray:
    """The EWMA chart's z-score of each value, from pandas' ewm mean and variance before it."""
    series = pd.Series(np.asarray(values, dtype=float))
    ewm = series.ewm(alpha=alpha, adjust=False)
    mean, std = ewm.mean().shift(1), np.sqrt(ewm.var(bias=True).shift(1))
    z = ((series - mean) / np.maximum(std, min_std)).to_numpy(copy=True)
    z[:warmup] = np.nan
    return z


def monitor_signals(
    values,
    jump_window: int,
    level_alpha: float,
    jump_threshold: float,
    level_threshold: float,
    stuck_readings: int,
) -> pd.DataFrame:
    """The three signals of the monitor, in threshold units, for one stretch without gaps."""
    values = np.asarray(values, dtype=float)
    changes = np.diff(values)
    jump = robust_z(changes, jump_window, jump_window // 2, min_scale=2.0)
    jump = np.concatenate([[0.0], np.nan_to_num(np.abs(jump))])
    level = np.nan_to_num(np.abs(ewma_z(values, level_alpha, warmup=12, min_std=2.0)))
    same = np.concatenate([[False], changes == 0])
    run = pd.Series(same).groupby((~pd.Series(same)).cumsum()).cumsum().to_numpy()
    return pd.DataFrame(
        {
            "jump": jump / jump_threshold,
            "level": level / level_threshold,
            "flatline": run / stuck_readings,
        }
    )

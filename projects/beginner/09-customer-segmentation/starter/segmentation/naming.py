"""Give each segment a name a marketer can act on, and tabulate what its customers are like.

A cluster number means nothing to the people who will mail the customers. The
classic RFM segment names come from three yes/no questions about a segment,
each asked against the average customer:

- recent: did they last buy more recently than average (lower recency)?
- frequent: do they buy more often than average?
- big spenders: do they spend more per visit than average?

In the standardised space of `scale_features` the average customer sits at 0
on every axis, so the signs of a segment's centre answer all three.
"""

import numpy as np
import pandas as pd

from segmentation.transactions import RFM_COLUMNS

RECENCY, FREQUENCY, MONETARY = range(len(RFM_COLUMNS))  # the columns of the scaled features

# (recent, frequent, big spender) -> the segment's name
SEGMENT_NAMES = {
    (True, True, True): "champions",
    (True, True, False): "loyal",
    (True, False, True): "promising",
    (True, False, False): "new customers",
    (False, True, True): "can't lose them",
    (False, True, False): "at risk",
    (False, False, True): "need attention",
    (False, False, False): "hibernating",
}
PROFILE_COLUMNS = ("name", "customers", "share", *RFM_COLUMNS)


def name_segments(centres: np.ndarray) -> list[str]:
    """Name each segment from its centre, in the order of the centres' rows.

    `centres` (k, 3) are in the standardised space of `scale_features` (columns
    RECENCY, FREQUENCY, MONETARY), where 0 is the average customer: a segment is
    recent when its centre's recency is below 0, frequent and big spender when
    its frequency and monetary value are above 0. SEGMENT_NAMES gives the name.

    Two segments may get the same name; make names unique by appending " 2",
    " 3", ... to the second and later segments that share one, in the order of
    the centres: ["hibernating", "champions", "hibernating"] ->
    ["hibernating", "champions", "hibernating 2"].
    """
    raise NotImplementedError(
        "Task 6: the signs of each centre are the key of SEGMENT_NAMES; number repeats"
    )


def segment_profiles(rfm: pd.DataFrame, labels: np.ndarray, names: list[str]) -> pd.DataFrame:
    """Describe each segment in the units a person reads: one row per segment 0..k-1.

    `rfm` is `rfm_table`'s output (raw days, visits and dollars), `labels` each
    customer's segment in the same row order, `names[segment]` its name. Columns
    PROFILE_COLUMNS: the name, the number of customers, their share of all
    customers (0 to 1), and the mean recency, frequency and monetary value of the
    segment's customers. Index: the segment number, named "segment", 0 to len(names) - 1; a
    segment without customers (possible with labels from elsewhere) has 0
    customers and NaN means.
    """
    raise NotImplementedError("Task 6: group the raw RFM table by label; count and average")

"""Measures of a ranking against the pages a reader wanted, by hand.

Each query has a set of relevant ids (truth first, as scikit-learn orders its
arguments) and a ranked list of retrieved ids; each measure looks at the first `k`
and is averaged over the queries. Each measure raises ValueError when `relevant` and
`ranked` hold different numbers of queries, rather than drop the extra ones.
"""

import math
from collections.abc import Sequence, Set


def mrr_at_k(relevant: Sequence[Set[int]], ranked: Sequence[Sequence[int]], k: int = 10) -> float:
    """Mean reciprocal rank: 1 / rank of the first relevant id in the top `k` (0 if none)."""
    raise NotImplementedError(
        "Task 4: for each query, the first rank (from 1) whose id is relevant"
    )


def recall_at_k(
    relevant: Sequence[Set[int]], ranked: Sequence[Sequence[int]], k: int = 10
) -> float:
    """Mean share of each query's relevant ids found in its top `k`."""
    raise NotImplementedError("Task 4: |relevant ∩ top k| / |relevant|, averaged")


def ndcg_at_k(relevant: Sequence[Set[int]], ranked: Sequence[Sequence[int]], k: int = 10) -> float:
    """Mean NDCG with binary gains: DCG = sum of 1 / log2(rank + 1) over the relevant ids in
    the top `k`, divided by the DCG of a perfect ranking (min(k, |relevant|) hits on top)."""
    raise NotImplementedError("Task 4: the DCG of the ranking over the DCG of the ideal one")

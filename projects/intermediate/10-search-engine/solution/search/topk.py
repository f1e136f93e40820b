"""Exact top-k with early termination: MaxScore over BM25.

Scoring every document that holds any query term is wasteful when only the best k
are shown: a document that holds only the common words of a query cannot beat the
k-th best score seen so far. MaxScore (Turtle & Flood, 1995) knows, for each term,
the most it can add to any document (its upper bound). Sorted by bound, the terms
whose bounds together cannot reach the threshold are "non-essential": a document
that holds none of the essential terms is skipped without being scored, and a
candidate is abandoned as soon as its score so far plus the bounds of the terms not
yet looked at cannot beat the threshold. The result is the exhaustive top-k, exactly.
"""

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass

from search.index import InvertedIndex
from search.rank import K1, B, bm25_idf


@dataclass(frozen=True)
class TopK:
    """The best `hits` as (doc_id, score), best first; `scored`: the documents fully scored."""

    hits: list[tuple[int, float]]
    scored: int


@dataclass(frozen=True)
class TermList:
    """One query term's contribution to each document that holds it, and its upper bound."""

    term: str
    contributions: dict[int, float]
    bound: float


def term_lists(
    index: InvertedIndex, terms: Iterable[str], field: str = "body", k1: float = K1, b: float = B
) -> list[TermList]:
    """Each distinct term's BM25 contribution per document (as bm25_scores adds it) and its
    bound, the largest of them; terms without postings are left out. Provided.

    A real engine stores the bound with the posting list at indexing time; here it is
    computed from the contributions, which is the same number.
    """
    n_documents, average = len(index), index.average_length(field)
    lists = []
    for term in dict.fromkeys(terms):
        postings = index.positions(term, field)
        if not postings:
            continue
        idf = bm25_idf(len(postings), n_documents)
        contributions = {
            doc_id: idf
            * len(positions)
            / (len(positions) + k1 * (1 - b + b * index.lengths[field][doc_id] / average))
            for doc_id, positions in postings.items()
        }
        lists.append(TermList(term, contributions, max(contributions.values())))
    return lists


def max_score_top_k(lists: list[TermList], k: int) -> TopK:
    """The `k` best documents by the sum of their contributions, exactly as top_k(bm25_scores)
    ranks them (highest first, ties by the smaller id), scoring as few as MaxScore can.

    Sort the lists by bound, smallest first, and keep the running sums of their bounds.
    Walk the candidate documents in increasing id order, taken from the essential lists
    only (a cursor in each list's sorted ids): list i is essential while the bounds of
    lists 0..i together exceed the threshold (the k-th best score so far; -inf until k
    are found). Once the threshold rises, a list leaves the essentials for good. Score a candidate
    from the essential lists, then add the non-essential ones from the largest bound
    down, abandoning it once its score plus the bounds still to add is <= the threshold
    (a later document that only ties loses to the earlier one on id). A document fully
    scored counts in `scored`; one better than the threshold enters the heap.
    """
    # BEGIN SOLUTION (task 6): bounds sorted ascending, a heap of the k best, an essential cut
    # BEGIN PROMPT
    # ordered = sorted(lists, key=lambda term_list: term_list.bound)
    # prefix = [0.0]  # prefix[i]: the bounds of lists 0..i-1 together
    # for term_list in ordered:
    #     prefix.append(prefix[-1] + term_list.bound)
    # heap: list[tuple[float, int]] = []  # (score, -doc_id): heap[0] is the k-th best
    # threshold, first_essential, scored = -math.inf, 0, 0
    # doc_ids = [sorted(term_list.contributions) for term_list in ordered]
    # cursors = [0] * len(ordered)  # the next unseen document of each list
    # ...  # loop: the candidate is the smallest doc_ids[i][cursors[i]] over the essential lists
    # ...  # (stop when there is none); add its essential contributions, moving those cursors
    # ...  # on; then the non-essential ones as the docstring says; update heap and cut
    # END PROMPT
    ordered = sorted(lists, key=lambda term_list: term_list.bound)
    prefix = [0.0]
    for term_list in ordered:
        prefix.append(prefix[-1] + term_list.bound)
    heap: list[tuple[float, int]] = []
    threshold, first_essential, scored = -math.inf, 0, 0
    doc_ids = [sorted(term_list.contributions) for term_list in ordered]
    cursors = [0] * len(ordered)
    while True:
        heads = [
            doc_ids[i][cursors[i]]
            for i in range(first_essential, len(ordered))
            if cursors[i] < len(doc_ids[i])
        ]
        if not heads:
            break
        doc_id = min(heads)
        score = 0.0
        for i in range(first_essential, len(ordered)):
            if cursors[i] < len(doc_ids[i]) and doc_ids[i][cursors[i]] == doc_id:
                score += ordered[i].contributions[doc_id]
                cursors[i] += 1
        for i in range(first_essential - 1, -1, -1):
            if score + prefix[i + 1] <= threshold:
                break
            score += ordered[i].contributions.get(doc_id, 0.0)
        else:
            scored += 1
            if score > threshold:
                if len(heap) == k:
                    heapq.heapreplace(heap, (score, -doc_id))
                else:
                    heapq.heappush(heap, (score, -doc_id))
                if len(heap) == k:
                    threshold = heap[0][0]
                    while (
                        first_essential < len(ordered) and prefix[first_essential + 1] <= threshold
                    ):
                        first_essential += 1
    hits = sorted(((-neg, score) for score, neg in heap), key=lambda hit: (-hit[1], hit[0]))
    return TopK(hits, scored)
    # END SOLUTION


def exhaustive_top_k(lists: list[TermList], k: int) -> TopK:
    """Every candidate scored: the reference MaxScore must equal. Provided."""
    scores: dict[int, float] = {}
    for term_list in lists:
        for doc_id, contribution in term_list.contributions.items():
            scores[doc_id] = scores.get(doc_id, 0.0) + contribution
    hits = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]
    return TopK(hits, len(scores))

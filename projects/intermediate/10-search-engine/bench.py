"""How fast do your index and your top-k answer, and how big is the index, beside bm25s?

Known-item queries (the titles of the R help pages) against the pages' bodies, three ways:
your BM25 scoring every candidate and sorting; the same candidates' contributions
walked exhaustively or by your MaxScore (the per-term contributions and bounds are
prepared first, as an engine stores them at indexing time); and bm25s, whose index
holds every term's score per document in a sparse matrix and answers with numpy.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints rates, sizes and ratios from one run, never a pass or a fail.
"""

import time

import bm25s
import numpy as np

from search.analysis import analyse
from search.codec import encode_postings
from search.data import load_help_pages
from search.index import InvertedIndex
from search.rank import bm25_scores, top_k
from search.topk import exhaustive_top_k, max_score_top_k, term_lists

K = 10
QUERIES = 500
REPEATS = 3  # the best of three runs of each
SCORED = "your BM25, every candidate scored and sorted"
WALK = "exhaustive walk of the prepared contributions"
PRUNED = "your MaxScore over the same contributions"
BM25S = "bm25s (precomputed scores, numpy)"


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    pages = load_help_pages()
    index = InvertedIndex()
    for row in pages.itertuples():
        index.add(row.id, {"title": row.title, "body": row.body})
    queries = [analyse(title) for title in pages["title"].iloc[:: len(pages) // QUERIES][:QUERIES]]
    lists = [term_lists(index, query) for query in queries]

    retriever = bm25s.BM25(method="lucene")
    retriever.index([analyse(body) for body in pages["body"]], show_progress=False)
    known = [[t for t in query if t in retriever.vocab_dict] or ["data"] for query in queries]

    def bm25s_queries():
        for query in known:
            scores = retriever.get_scores(query)
            np.argpartition(-scores, K)[:K]

    times = {
        SCORED: best_time(lambda: [top_k(bm25_scores(index, query), K) for query in queries]),
        WALK: best_time(lambda: [exhaustive_top_k(term_list, K) for term_list in lists]),
        PRUNED: best_time(lambda: [max_score_top_k(term_list, K) for term_list in lists]),
        BM25S: best_time(bm25s_queries),
    }
    scored = sum(max_score_top_k(t, K).scored for t in lists)
    candidates = sum(exhaustive_top_k(t, K).scored for t in lists)
    print(
        f"{len(queries)} title queries over {len(pages):,} R help pages, top {K}, best of {REPEATS}"
    )
    for name, seconds in times.items():
        print(f"  {name:48s} {len(queries) / seconds:10,.0f} queries a second")
    walk, pruned = (
        times[WALK],
        times[PRUNED],
    )
    print(f"MaxScore scored {scored:,} of {candidates:,} candidates ({scored / candidates:.0%})")
    print(f"yours: MaxScore takes {pruned / walk:.2f}x the exhaustive walk's time")
    print(
        f"yours: {times[SCORED] / times[BM25S]:.1f}x bm25s's time per query (scoring at query time)"
    )

    postings = [p for field in ("body",) for p in index.postings[field].values()]
    compressed = sum(len(encode_postings(p)) for p in postings)
    positions = sum(len(x) for p in postings for x in p.values())
    matrix = retriever.scores
    bm25s_bytes = sum(matrix[key].nbytes for key in ("data", "indices", "indptr"))
    print(
        f"index of the bodies: {positions:,} positions in {compressed:,} bytes "
        f"({8 * compressed / positions:.1f} bits a position, with the documents' ids and counts)"
    )
    print(f"bm25s's score matrix: {bm25s_bytes:,} bytes (no positions: no phrases)")
    print(f"yours: {compressed / bm25s_bytes:.2f}x bm25s's size")


if __name__ == "__main__":
    main()

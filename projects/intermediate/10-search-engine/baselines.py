"""The reference's runs that the brief shows: a query from the command line, and the
choice of the hybrid's fusion settings on the tuning titles.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes the blocks into the brief (README.md). It prints the
same on every run: the pages, the stored embeddings and the rankings are deterministic.
"""

import contextlib
import io
from pathlib import Path

from search.__main__ import main as command_line
from search.analysis import analyse
from search.data import load_embeddings, load_help_pages, tuning_sample
from search.evaluate import mrr_at_k
from search.hybrid import HYBRID_K, HYBRID_WEIGHTS, build_dense_index, dense_search, hybrid_rankings
from search.index import InvertedIndex
from search.rank import bm25_scores, top_k

QUERY = '"analysis of variance" AND title:data*'
SIZE = 3
EMBEDDINGS = Path(__file__).resolve().parent / "data" / "embeddings.npz"
DEPTH = 100  # how deep each ranking goes into the fusion, as in the tests
FUSION_KS = (1, 2, 5, 10, 20, 60)
BM25_WEIGHTS = (1.0, 1.5, 2.0, 3.0, 4.0)  # MiniLM's ranking weighs 1.0


def example() -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        command_line(["--size", str(SIZE), QUERY])
    return f"```text\n$ python -m search --size {SIZE} '{QUERY}'\n{output.getvalue()}```"


def tuning_rankings() -> tuple[list[set[int]], list[list[int]], list[list[int]]]:
    """The tuning titles' wanted pages, and their BM25 and MiniLM rankings, DEPTH deep."""
    pages = load_help_pages()
    index = InvertedIndex()
    for row in pages.itertuples():
        index.add(row.id, {"title": row.title, "body": row.body})
    queried = tuning_sample(pages)
    bodies, titles = load_embeddings(EMBEDDINGS, titles="tuning_titles")
    dense = dense_search(build_dense_index(bodies), titles, DEPTH)
    lexical = [
        [doc for doc, _ in top_k(bm25_scores(index, analyse(pages["title"].iloc[i])), DEPTH)]
        for i in queried
    ]
    return [{int(i)} for i in queried], lexical, dense


def fusion() -> str:
    """MRR@10 gained over BM25 on the tuning titles, for each RRF k and BM25 weight; the
    best is the setting hybrid.py uses (refused if the two ever part)."""
    relevant, lexical, dense = tuning_rankings()
    bm25 = mrr_at_k(relevant, lexical)
    gains = {
        (k, weight): mrr_at_k(relevant, hybrid_rankings(lexical, dense, (weight, 1.0), k)) - bm25
        for k in FUSION_KS
        for weight in BM25_WEIGHTS
    }
    best = max(gains, key=gains.get)
    if best != (HYBRID_K, HYBRID_WEIGHTS[0]) or HYBRID_WEIGHTS[1] != 1.0:
        raise SystemExit(f"hybrid.py's settings are not the tuning titles' best, {best}")
    header = "| RRF k | " + " | ".join(f"BM25 x{w:g}" for w in BM25_WEIGHTS) + " |"
    lines = [header, "|---|" + "---|" * len(BM25_WEIGHTS)]
    for k in FUSION_KS:
        cells = [
            f"**{gains[k, w]:+.4f}**" if (k, w) == best else f"{gains[k, w]:+.4f}"
            for w in BM25_WEIGHTS
        ]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    dense_alone = mrr_at_k(relevant, dense)
    lines.append(
        f"\nOn these {len(relevant)} tuning titles BM25 alone reaches {bm25:.4f} and MiniLM "
        f"alone {dense_alone:.4f}; the bold cell is `HYBRID_K` and `HYBRID_WEIGHTS`."
    )
    return "\n".join(lines)


def main() -> None:
    print("<!-- block: example -->")
    print(example())
    print("<!-- block: fusion -->")
    print(fusion())


if __name__ == "__main__":
    main()

"""Search the R help pages from the command line. Provided.

    python -m search '"analysis of variance" AND title:data*'
    python -m search --size 3 --page 2 'survival NOT cancer'
    python -m search --save index.bin 'lambda'     (writes the index, then searches it)

Builds the index of the pages (a second or two), runs the query as the API does, and
prints the total, then a line per hit: its rank, score, page name and title, and its
snippet. A malformed query prints the parser's message and exits with BAD_INPUT.
"""

import argparse
import sys
from pathlib import Path

from search.app import DEFAULT_SIZE, did_you_mean, page_of, run_query, snippet, word_counts
from search.data import load_help_pages
from search.index import InvertedIndex
from search.query import QuerySyntaxError, parse, query_terms

OK, BAD_INPUT = 0, 2


def build_index() -> tuple[InvertedIndex, dict[int, str]]:
    """The index of the R help pages, and each page's name by id."""
    pages = load_help_pages()
    index = InvertedIndex()
    for row in pages.itertuples():
        index.add(row.id, {"title": row.title, "body": row.body})
    return index, dict(zip(pages["id"], pages["name"], strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search", description=__doc__.split("\n")[0])
    parser.add_argument("query", help='a query: words, AND OR NOT, "phrases", prefix*, field:')
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    parser.add_argument("--save", type=Path, help="write the index to this file first")
    args = parser.parse_args(argv)
    index, names = build_index()
    if args.save:
        index.save(args.save)
        index = InvertedIndex.load(args.save)
    try:
        ranking = run_query(index, args.query)
    except QuerySyntaxError as error:
        print(f"bad query: {error}", file=sys.stderr)
        return BAD_INPUT
    print(f"{len(ranking)} pages match {args.query}")
    if not ranking and (better := did_you_mean(args.query, word_counts(index))):
        print(f"did you mean: {better}")
    terms = set(query_terms(parse(args.query)))
    first = (args.page - 1) * args.size
    for rank, (doc_id, score) in enumerate(page_of(ranking, args.page, args.size), start=first + 1):
        document = index.documents[doc_id]
        print(f"{rank:3d}. {score:6.3f}  {names[doc_id]}: {document['title']}")
        print(f"     {snippet(document['body'], terms)}")
    return OK


if __name__ == "__main__":
    sys.exit(main())

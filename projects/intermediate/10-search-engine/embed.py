"""Encode the R help pages' bodies, the evaluation titles and the tuning titles with
all-MiniLM-L6-v2.

Writes data/embeddings.npz (float16, unit rows), which the tests and the hybrid
retrieval read: encoding 2,000 pages takes minutes on a small machine, so it is done
once, here, and committed. test_hybrid.py checks a fresh encoding of a sample against
the stored vectors.

    HF_HUB_OFFLINE=1 python embed.py    (with the reference's folder on PYTHONPATH)
"""

from pathlib import Path

import numpy as np

from search.data import evaluation_sample, load_help_pages, tuning_sample
from search.hybrid import load_encoder

BATCH = 32
EMBEDDINGS = Path(__file__).resolve().parent / "data" / "embeddings.npz"


def main() -> None:
    pages = load_help_pages()
    encoder = load_encoder()
    options = {"batch_size": BATCH, "normalize_embeddings": True, "convert_to_numpy": True}
    bodies = encoder.encode(pages["body"].tolist(), **options)
    stored = {"bodies": bodies}
    for name, sample in (("titles", evaluation_sample), ("tuning_titles", tuning_sample)):
        stored[name] = encoder.encode(pages["title"].iloc[sample(pages)].tolist(), **options)
    np.savez_compressed(EMBEDDINGS, **{k: v.astype(np.float16) for k, v in stored.items()})
    counts = ", ".join(f"{len(v)} {k}" for k, v in stored.items())
    print(f"{counts} written to {EMBEDDINGS}")


if __name__ == "__main__":
    main()

"""Task 3: calibrate each modality's score, then fuse them, late or early.

Late fusion combines the two modalities' probabilities. That needs probabilities
that mean what they say: a text model trained with balanced class weights says 0.5
where the truth is nearer 0.1. Platt scaling fits a logistic regression on the
logit of a score, on posts the model never trained on, and maps any score to a
calibrated probability. A post is unsafe when its text or its image is, so, taking
the two as independent, P(unsafe) = 1 - (1 - P(text unsafe)) (1 - P(image unsafe)),
a noisy-OR; a missing modality cannot be unsafe and drops out.

Early fusion gives one model both modalities' features at once (the text's
n-grams beside the image's embedding, zeros for a missing part and a flag saying
so), and lets it learn how they combine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

PLATT_C = 100.0  # Platt scaling fits two numbers: barely any regularisation
EPSILON = 1e-6  # scores are clipped to [EPSILON, 1 - EPSILON] before their logit


def logit(scores: np.ndarray) -> np.ndarray:
    """log(p / (1 - p)) of each score, clipped to [EPSILON, 1 - EPSILON] first."""
    p = np.clip(np.asarray(scores, dtype=float), EPSILON, 1 - EPSILON)
    return np.log(p / (1 - p))


@dataclass(frozen=True)
class Platt:
    """A fitted Platt scaling: P = sigmoid(slope * logit(score) + intercept)."""

    slope: float
    intercept: float

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.slope * logit(scores) + self.intercept)))


def fit_platt(scores: np.ndarray, labels: np.ndarray, c: float = PLATT_C) -> Platt:
    """Platt scaling of `scores` for the 0/1 `labels`: a scikit-learn LogisticRegression
    with C=`c`, fitted on the single feature logit(scores); its coefficient is the
    slope, its intercept the intercept (as Python floats)."""
    # BEGIN SOLUTION (task 3): a LogisticRegression(C=c) on logit(scores) as one column
    model = LogisticRegression(C=c).fit(logit(scores)[:, None], labels)
    return Platt(float(model.coef_[0, 0]), float(model.intercept_[0]))
    # END SOLUTION


def late_fusion(p_text: np.ndarray, p_image: np.ndarray) -> np.ndarray:
    """The noisy-OR of two calibrated probabilities per post; NaN marks a missing modality.

    1 - (1 - p_text) * (1 - p_image), where a NaN counts as 0 (a part that is not
    there cannot break a rule). A post with neither is a ValueError that names its
    position ("post 3 has neither text nor image"). Arrays of different lengths are a
    ValueError too.
    """
    # BEGIN SOLUTION (task 3): refuse bad lengths and posts with neither; NaN is safe; noisy-OR
    p_text, p_image = np.asarray(p_text, dtype=float), np.asarray(p_image, dtype=float)
    if p_text.shape != p_image.shape:
        raise ValueError(f"{len(p_text)} text scores but {len(p_image)} image scores")
    neither = np.flatnonzero(np.isnan(p_text) & np.isnan(p_image))
    if neither.size:
        raise ValueError(f"post {neither[0]} has neither text nor image")
    text_safe = np.where(np.isnan(p_text), 1.0, 1 - p_text)
    image_safe = np.where(np.isnan(p_image), 1.0, 1 - p_image)
    return 1 - text_safe * image_safe
    # END SOLUTION


def early_features(
    text_features: sparse.spmatrix, embeddings: np.ndarray, has_image: np.ndarray
) -> sparse.csr_matrix:
    """One row of joint features per post, as a CSR matrix of float64:

    [the post's text features | its image embedding, zeros where has_image is False
    | 1.0 where has_image is False, else 0.0].
    `embeddings` has a row for every post (what is in the rows of posts without an
    image does not matter). Different numbers of rows are a ValueError.
    """
    # BEGIN SOLUTION (task 3): zero the missing embeddings, add the missing flag, hstack to CSR
    has_image = np.asarray(has_image, dtype=bool)
    if not text_features.shape[0] == len(embeddings) == len(has_image):
        raise ValueError(
            f"{text_features.shape[0]} text rows, {len(embeddings)} embeddings and "
            f"{len(has_image)} has_image flags: one of each per post"
        )
    image_part = np.where(has_image[:, None], embeddings, 0.0)
    missing = (~has_image).astype(float)[:, None]
    return sparse.hstack([text_features, image_part, missing], format="csr", dtype=np.float64)
    # END SOLUTION

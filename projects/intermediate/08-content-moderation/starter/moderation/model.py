"""The two modalities' models, calibrated and fused: given, it assembles Tasks 1 to 3.

`ModerationModel.fit` trains the text model (Task 1) on the texts of the training
posts and their text labels, the CNN (Task 2) on their images and image labels, and
the early-fusion logistic regression on both at once and the post labels. Each
model's scores are then calibrated by Platt scaling (Task 3) on separate posts, the
calibration set, which none of them trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from moderation.data import Post, Posts
from moderation.fusion import Platt, early_features, fit_platt, late_fusion
from moderation.image import ImageCNN, image_embeddings, image_probabilities, train_cnn
from moderation.text import build_text_model

EARLY_C = 1.0
EARLY_MAX_ITER = 2_000


@dataclass(frozen=True)
class Scores:
    """Calibrated P(unsafe) per post: each modality alone (NaN where it is missing), and
    both fused late (noisy-OR) and early (one model over joint features)."""

    text: np.ndarray
    image: np.ndarray
    late: np.ndarray
    early: np.ndarray


@dataclass
class ModerationModel:
    text_model: Pipeline
    cnn: ImageCNN
    early_model: LogisticRegression
    text_platt: Platt
    image_platt: Platt
    early_platt: Platt

    @classmethod
    def fit(
        cls, train: Posts, calibration: Posts, seed: int = 1, cnn: ImageCNN | None = None
    ) -> ModerationModel:
        """Train the three models on `train`, calibrate them on `calibration`.

        `cnn`, when given, is a CNN already trained on `train` (with `seed`), used as it is.
        """
        has_text = train.has_text
        text_model = build_text_model()
        text_model.fit(np.array(train.texts)[has_text], train.text_label[has_text])
        if cnn is None:
            cnn = train_cnn(train.images(), train.image_label[train.has_image], seed=seed)
        early_model = LogisticRegression(C=EARLY_C, max_iter=EARLY_MAX_ITER)
        early_model.fit(joint_features(text_model, cnn, train.posts), train.label)
        raw = raw_scores(text_model, cnn, early_model, calibration.posts)
        text_platt = fit_platt(
            raw["text"][calibration.has_text], calibration.text_label[calibration.has_text]
        )
        image_platt = fit_platt(
            raw["image"][calibration.has_image], calibration.image_label[calibration.has_image]
        )
        early_platt = fit_platt(raw["early"], calibration.label)
        return cls(text_model, cnn, early_model, text_platt, image_platt, early_platt)

    def score(self, posts: list[Post]) -> Scores:
        """Calibrated scores of `posts` (each with text, an image, or both)."""
        raw = raw_scores(self.text_model, self.cnn, self.early_model, posts)
        text = np.where(np.isnan(raw["text"]), np.nan, self.text_platt(raw["text"]))
        image = np.where(np.isnan(raw["image"]), np.nan, self.image_platt(raw["image"]))
        return Scores(text, image, late_fusion(text, image), self.early_platt(raw["early"]))

    def __call__(self, posts: list[Post]) -> np.ndarray:
        """The late-fused P(unsafe) of each post: what the service scores with."""
        return self.score(posts).late


def joint_features(text_model: Pipeline, cnn: ImageCNN, posts: list[Post]):
    """Early fusion's features of `posts`: the text model's tf-idf beside the CNN's embedding."""
    has_image = np.array([post.image is not None for post in posts])
    embeddings = np.zeros((len(posts), cnn.head.in_features), dtype=np.float32)
    if has_image.any():
        images = np.stack([post.image for post in posts if post.image is not None])
        embeddings[has_image] = image_embeddings(cnn, images)
    tfidf = text_model.named_steps["tfidf"].transform([post.text for post in posts])
    return early_features(tfidf, embeddings, has_image)


def raw_scores(text_model, cnn, early_model, posts: list[Post]) -> dict[str, np.ndarray]:
    """Uncalibrated P(unsafe) of each model; NaN where a modality is missing."""
    has_text = np.array([post.text != "" for post in posts])
    has_image = np.array([post.image is not None for post in posts])
    text = np.full(len(posts), np.nan)
    if has_text.any():
        texts = [post.text for post in posts if post.text != ""]
        text[has_text] = text_model.predict_proba(texts)[:, 1]
    image = np.full(len(posts), np.nan)
    if has_image.any():
        images = np.stack([post.image for post in posts if post.image is not None])
        image[has_image] = image_probabilities(cnn, images)
    early = early_model.predict_proba(joint_features(text_model, cnn, posts))[:, 1]
    return {"text": text, "image": image, "early": early}

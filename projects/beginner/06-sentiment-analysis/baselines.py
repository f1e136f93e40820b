"""The brief's baselines and ablation: what the reference's models are measured against.

Everything is scored on the 1,000 test tweets (tweet layer seed 0) and fitted on the
training tweets, as in the suite. Two comparisons too slow for the suite, and a table:

- `baselines`: the majority class; VADER on the tweets, on the original reviews and on
  the normalised text; multinomial naive Bayes on scikit-learn's tokens; the Task 3
  pipeline with scikit-learn's tokens and with the reference's, and on the original
  reviews; the Task 4 bag of n-grams trained from three seeds.
- `ablation`: the Task 3 pipeline with each step of the reference's tokeniser left out
  in turn (the step replaced by one that changes nothing).
- `mistakes`: the test tweets the Task 3 pipeline gets most confidently wrong (Task 8),
  the worst on each side.

`nox -s sync` runs this script on the reference (PYTHONPATH=solution, one thread per
library) and writes each block it prints into README.md; `nox -s verify` runs it again
and compares. Everything is seeded, so the output is the same on every run.
"""

from contextlib import AbstractContextManager, nullcontext
from unittest import mock

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import Pipeline, make_pipeline

from sentiment import preprocess
from sentiment.data import GREAT, LABEL_NAMES, OTHER, Corpus, load_reviews, load_tweets
from sentiment.evaluation import (
    PROBABILITY_THRESHOLD,
    VADER_POSITIVE,
    compare_models,
    most_confident_mistakes,
    vader_compound,
)
from sentiment.linear import build_pipeline
from sentiment.neural import train_bag_model

SEED = 0  # of the tweet layer and of every model, as in the suite
BAG_SEEDS = (0, 1, 2)
MISTAKES_PER_SIDE = 3  # the worst "other" tweets called great, and the worst great ones missed
SHOWN_CHARS = 240  # of each mistaken tweet in the brief; the rest is cut
# Each step of the reference's tokeniser that the ablation leaves out, by its name in
# sentiment.preprocess (None: the full tokeniser).
ABLATION = {
    "nothing (the full tokeniser)": None,
    "emojis as words (they vanish, as with scikit-learn's tokens)": "emojis_to_words",
    "elongation squashing": "squash_elongations",
    "negation marking": "mark_negation",
    "links and mentions as tokens": "replace_urls_and_mentions",
    "hashtag splitting": "split_hashtags",
}


def p_great(model: Pipeline, train: Corpus, test: Corpus) -> np.ndarray:
    """P(great) of each test text by `model` fitted on `train`."""
    return model.fit(train.texts, train.labels).predict_proba(test.texts)[:, 1]


def unchanged(value):
    """A step left out: its input, as it came."""
    return value


def left_out(step: str | None) -> AbstractContextManager:
    """While it lasts, `tokenise` skips `step`: it looks the steps up by name when it runs."""
    return nullcontext() if step is None else mock.patch.object(preprocess, step, unchanged)


def baselines(train: Corpus, test: Corpus) -> str:
    """The models of the brief side by side: accuracy at each one's threshold, and ROC-AUC."""
    reviews_train, reviews_test = load_reviews("train"), load_reviews("test")
    naive_bayes = {
        "MultinomialNB on TF-IDF of words and pairs (scikit-learn's tokens)": make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2)), MultinomialNB()
        ),
        "MultinomialNB on word counts (scikit-learn's tokens)": make_pipeline(
            CountVectorizer(), MultinomialNB()
        ),
    }
    scores = {
        'Always "great" (the majority class)': np.ones(len(test)),
        f"VADER, compound ≥ {VADER_POSITIVE} means great": vader_compound(test.texts),
        "VADER on the original reviews, before the tweet layer": vader_compound(reviews_test.texts),
        "VADER on your normalised text (`normalise`)": vader_compound(
            [preprocess.normalise(text) for text in test.texts]
        ),
    }
    scores |= {name: p_great(model, train, test) for name, model in naive_bayes.items()}
    scores |= {
        "TF-IDF + logistic regression, scikit-learn's tokens": p_great(
            build_pipeline(None, seed=SEED), train, test
        ),
        "TF-IDF + logistic regression, your tokens (Task 3)": p_great(
            build_pipeline(seed=SEED), train, test
        ),
        "The same on the original reviews, scikit-learn's tokens": p_great(
            build_pipeline(None, seed=SEED), reviews_train, reviews_test
        ),
    }
    thresholds = {name: PROBABILITY_THRESHOLD for name in scores} | {
        name: VADER_POSITIVE for name in scores if name.startswith("VADER")
    }
    table = compare_models(test.labels, scores, thresholds)
    rows = [
        f"| {name} | {row.accuracy:.3f} | {row.roc_auc:.3f} |" for name, row in table.iterrows()
    ]
    bags = [
        train_bag_model(train.texts, train.labels, seed=seed, progress=False).predict_proba(
            test.texts
        )[:, 1]
        for seed in BAG_SEEDS
    ]
    bag_table = compare_models(
        test.labels,
        {seed: bag for seed, bag in zip(BAG_SEEDS, bags, strict=True)},
        dict.fromkeys(BAG_SEEDS, PROBABILITY_THRESHOLD),
    )
    seeds = ", ".join(str(seed) for seed in BAG_SEEDS)
    accuracies = ", ".join(f"{value:.3f}" for value in bag_table["accuracy"])
    roc_aucs = ", ".join(f"{value:.3f}" for value in bag_table["roc_auc"])
    rows.append(f"| Bag of n-grams (Task 4), seeds {seeds} | {accuracies} | {roc_aucs} |")
    return "\n".join(["| Model | Accuracy | ROC-AUC |", "|---|---|---|", *rows])


def ablation(train: Corpus, test: Corpus) -> str:
    """The Task 3 pipeline with each preprocessing step left out of the tokeniser in turn."""
    scores = {}
    for name, step in ABLATION.items():
        with left_out(step):
            scores[name] = p_great(build_pipeline(seed=SEED), train, test)
    table = compare_models(test.labels, scores, dict.fromkeys(scores, PROBABILITY_THRESHOLD))
    rows = [
        f"| {name} | {row.accuracy:.3f} | {row.roc_auc:.4f} |" for name, row in table.iterrows()
    ]
    return "\n".join(["| Left out | Accuracy | ROC-AUC |", "|---|---|---|", *rows])


def mistakes(train: Corpus, test: Corpus) -> str:
    """The Task 3 pipeline's most confident mistakes on the test tweets, on each side."""
    scores = p_great(build_pipeline(seed=SEED), train, test)
    every_mistake = most_confident_mistakes(test.labels, scores, test.texts, n=len(test))
    rows = []
    for label in (OTHER, GREAT):
        worst = every_mistake[every_mistake["label"] == label].head(MISTAKES_PER_SIDE)
        for position, row in worst.iterrows():
            text = row.text if len(row.text) <= SHOWN_CHARS else row.text[:SHOWN_CHARS] + " …"
            text = text.replace("|", "&#124;").replace("\n", " ")
            rows.append(f"| {position} | {LABEL_NAMES[label]} | {row.score:.3f} | {text} |")
    return "\n".join(["| Test tweet | Labelled | P(great) | Text |", "|---|---|---|---|", *rows])


def main() -> None:
    train, test = load_tweets("train", seed=SEED), load_tweets("test", seed=SEED)
    print("<!-- block: baselines -->")
    print(baselines(train, test))
    print("<!-- block: ablation -->")
    print(ablation(train, test))
    print("<!-- block: mistakes -->")
    print(mistakes(train, test))


if __name__ == "__main__":
    main()

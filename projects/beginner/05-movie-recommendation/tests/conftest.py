"""Shared fixtures: the MovieLens ratings, their split by time, and every fitted model.

Everything costly is built once per session. The package is imported inside
the fixtures, not at the top: this file loads before the kata's conftest.py
has chosen which implementation (starter, solution or yours) to import.
"""

from dataclasses import dataclass

import pandas as pd
import pytest


@dataclass(frozen=True)
class Split:
    """The training and held-out ratings, and the size of the catalogue they index."""

    train: pd.DataFrame
    test: pd.DataFrame
    n_users: int
    n_items: int


@pytest.fixture(scope="session")
def movielens():
    """ml-latest-small, checked and numbered by your Task 1 `from_frame`."""
    from recommender.data import load_movielens

    return load_movielens()


@pytest.fixture(scope="session")
def split(movielens) -> Split:
    """Each user's latest 20% of ratings held out by your Task 1 `split_by_time`."""
    from recommender.data import split_by_time

    train, test = split_by_time(movielens.ratings)
    return Split(train, test, movielens.n_users, movielens.n_items)


def fitted(model, split: Split):
    return model.fit(split.train, split.n_users, split.n_items)


def report(model, split: Split) -> dict[str, float]:
    """Your Task 2 ranking report of a model on the held-out ratings."""
    from recommender.evaluation import ranking_report

    return ranking_report(model, split.train, split.test, split.n_users, split.n_items)


@pytest.fixture(scope="session")
def popularity(split):
    from recommender.popularity import Popularity

    return fitted(Popularity(), split)


@pytest.fixture(scope="session")
def popularity_report(popularity, split):
    return report(popularity, split)


@pytest.fixture(scope="session")
def bias_baseline(split):
    from recommender.baseline import BiasBaseline

    return fitted(BiasBaseline(), split)


@pytest.fixture(scope="session")
def item_knn(split):
    from recommender.neighbours import ItemKNN

    return fitted(ItemKNN(), split)


@pytest.fixture(scope="session")
def item_knn_report(item_knn, split):
    return report(item_knn, split)


@pytest.fixture(scope="session")
def als(split):
    from recommender.factorisation import ALS

    return fitted(ALS(progress=False), split)


@pytest.fixture(scope="session")
def als_report(als, split):
    return report(als, split)


@pytest.fixture(scope="session")
def features(movielens):
    from recommender.content import item_features

    return item_features(movielens.movies)


@pytest.fixture(scope="session")
def content_based(features, split):
    from recommender.content import ContentBased

    return fitted(ContentBased(features), split)


@pytest.fixture(scope="session")
def content_report(content_based, split):
    return report(content_based, split)


@pytest.fixture(scope="session")
def hybrid(item_knn, content_based, popularity, split):
    from recommender.hybrid import Hybrid

    return fitted(Hybrid(item_knn, content_based, popularity), split)


@pytest.fixture(scope="session")
def hybrid_report(hybrid, split):
    return report(hybrid, split)


def held_out_rmse(model, split: Split) -> float:
    """Your Task 2 RMSE of a model's predictions of the held-out ratings."""
    from recommender.evaluation import rmse

    test = split.test
    predicted = model.predict(test["user"].to_numpy(), test["item"].to_numpy())
    return rmse(test["rating"].to_numpy(), predicted)


@pytest.fixture(scope="session")
def bias_rmse(bias_baseline, split) -> float:
    return held_out_rmse(bias_baseline, split)


@pytest.fixture(scope="session")
def item_knn_rmse(item_knn, split) -> float:
    return held_out_rmse(item_knn, split)


@pytest.fixture(scope="session")
def als_rmse(als, split) -> float:
    return held_out_rmse(als, split)

"""Task 6: genre and decade features, user profiles, and content-based scores."""

import math

import numpy as np
import pandas as pd
import pytest

from recommender.content import ContentBased, decade_names, item_features

TOLERANCE = 1e-12

MOVIES = pd.DataFrame(
    {
        "movie_id": [10, 20, 30, 40, 50],
        "title": ["Alien", "Notting Hill", "Untitled", "Metropolis", "Lost reel"],
        "year": [1979.0, 1999.0, 2003.0, np.nan, np.nan],
        "genres": [("Horror", "Sci-Fi"), ("Comedy", "Romance"), (), ("Sci-Fi",), ()],
    }
).rename_axis("item")


@pytest.mark.task(6)
def test_item_features_by_hand():
    features = item_features(MOVIES)
    genres = ["Comedy", "Horror", "Romance", "Sci-Fi"]
    assert list(features.columns) == genres + decade_names(), (
        f"Task 6: the columns are the genres in alphabetical order, then the decades; got "
        f"{list(features.columns)}"
    )
    assert list(features.index) == list(MOVIES.index), "Task 6: one row per movie, same index"
    alien = features.loc[0]
    expected = {"Horror": 0.5, "Sci-Fi": 0.5, "1970s": 1 / math.sqrt(2)}
    got = {name: round(value, 6) for name, value in alien.items() if value}
    assert got == {name: round(value, 6) for name, value in expected.items()}, (
        "Task 6: Alien (Horror, Sci-Fi, 1979): the genre block [1, 1] and the decade block [1] "
        "each scaled to unit length, then the row: 1/2 for each genre and 1/sqrt(2) for the "
        f"1970s; got {got}"
    )
    untitled = {name: value for name, value in features.loc[2].items() if value}
    metropolis = {name: value for name, value in features.loc[3].items() if value}
    assert untitled == {"2000s": 1.0} and metropolis == {"Sci-Fi": 1.0}, (
        "Task 6: a movie with only a year, or only genres, has a unit row in that block alone; "
        f"got {untitled} and {metropolis}"
    )
    assert not features.loc[4].any(), "Task 6: a movie with neither keeps a row of zeros"
    backwards = item_features(MOVIES.iloc[::-1])
    assert list(backwards.index) == [4, 3, 2, 1, 0], (
        "Task 6: the features keep the index of `movies`, whatever it is; for the movies in "
        f"reverse order, expected [4, 3, 2, 1, 0], got {list(backwards.index)}"
    )


@pytest.mark.task(6)
def test_decades_start_in_1900_and_end_before_2020():
    years = pd.DataFrame(
        {"year": [1899.0, 1900.0, 1909.0, 2019.0, 2020.0], "genres": [()] * 5}
    ).rename_axis("item")
    features = item_features(years)
    decades = [[name for name, value in row.items() if value] for _, row in features.iterrows()]
    expected = [[], ["1900s"], ["1900s"], ["2010s"], []]
    assert decades == expected, (
        f"Task 6: the decades run from DECADE_START (1900, included) to DECADE_END (2020, "
        f"excluded): the years 1899, 1900, 1909, 2019 and 2020 fall in {expected}; got {decades}"
    )


@pytest.mark.task(6)
def test_item_features_of_movielens(features, movielens):
    norms = np.linalg.norm(features.to_numpy(), axis=1)
    movies = movielens.movies
    described = (movies["genres"].map(len) > 0) | movies["year"].notna()
    assert len(features) == movielens.n_items and np.allclose(norms, described), (
        f"Task 6: each of the {int(described.sum())} movies with a genre or a year should have "
        f"a unit row, the {int((~described).sum())} others a row of zeros; got "
        f"{int(np.isclose(norms, 1).sum())} unit rows and {int((norms == 0).sum())} rows of zeros"
    )


RATINGS = pd.DataFrame(
    {
        # user 0 loves Alien and Metropolis, dislikes Notting Hill; user 1 rates all 2 stars
        "user": [0, 0, 0, 1, 1],
        "item": [0, 3, 1, 0, 1],
        "rating": [5.0, 4.5, 1.0, 2.0, 2.0],
    }
)


@pytest.mark.task(6)
def test_profiles_and_scores_by_hand():
    features = item_features(MOVIES)
    model = ContentBased(features).fit(RATINGS, n_users=3, n_items=5)
    liked = features.loc[0].to_numpy() + features.loc[3].to_numpy()
    expected = liked / np.linalg.norm(liked)
    assert np.allclose(model.profiles_[0], expected, rtol=0, atol=TOLERANCE), (
        "Task 6: user 0 rated Alien 5, Metropolis 4.5 and Notting Hill 1 (mean 3.5): the "
        "profile is the unit-length sum of the rows of Alien and Metropolis"
    )
    assert np.linalg.norm(model.profiles_[1]) > 0.5, (
        "Task 6: user 1 rates everything 2 stars, which is their own mean: all of it counts "
        "as liked, so their profile is not zero"
    )
    assert not np.any(model.profiles_[2]), "Task 6: a user with no rating has a zero profile"
    scores = model.scores(np.array([0, 2]))
    assert scores.shape == (2, 5) and np.allclose(scores[0], features.to_numpy() @ expected), (
        "Task 6: scores are the cosines between the profile and each movie's row, "
        f"an array (users, movies); got {np.round(scores, 3).tolist()}"
    )
    assert scores[0, 3] > scores[0, 2] and not np.any(scores[1]), (
        "Task 6: the Sci-Fi fan should score Metropolis above Untitled, and a user with no "
        "rating should score everything 0"
    )


@pytest.mark.task(6)
def test_content_reaches_movies_collaborative_filtering_cannot(content_based, features, split):
    users = np.unique(split.test["user"])[:50]
    scores = content_based.scores(users)
    unrated = np.bincount(split.train["item"], minlength=split.n_items) == 0
    described = unrated & features.to_numpy().any(axis=1)
    reached = scores[:, described].max(axis=0) > 0
    assert np.all(np.isfinite(scores)) and reached.all(), (
        f"Task 6: {int(described.sum())} movies nobody rated in training have genres or a year, "
        "so each should get a positive score from at least some of the first 50 users; "
        f"{int((~reached).sum())} got none"
    )


@pytest.mark.task(6)
def test_content_ndcg(metric, content_report):
    metric("content_ndcg", content_report["ndcg"])


@pytest.mark.task(6)
def test_content_coverage(metric, content_report, popularity_report):
    assert content_report["coverage"] > 5 * popularity_report["coverage"], (
        "Task 6: content-based lists should cover far more of the catalogue "
        f"({content_report['coverage']:.3f}) than popularity's "
        f"({popularity_report['coverage']:.3f})"
    )
    metric("content_coverage", content_report["coverage"])

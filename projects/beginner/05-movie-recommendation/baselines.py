"""Every model of the kata on the held-out ratings, and one member's list, from the reference.

Two blocks of the brief, measured with the package's own functions (the reference
solution) on the split by time, every model at its default settings (ALS seeded with 0):

- `models`: each model's RMSE (where it predicts stars), precision@10, recall@10,
  NDCG@10 and catalogue coverage, the global mean's RMSE, and the bias baseline's
  RMSE on a random 80/20 split of the same ratings (seed 0), for contrast;
- `example`: the scenario's member, what they rated before the cut-off, the hybrid's
  top 10 for them and how it scores against what they went on to rate.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from recommender.baseline import BiasBaseline
from recommender.content import ContentBased, item_features
from recommender.data import MovieLens, load_movielens, rating_matrix, split_by_time
from recommender.evaluation import (
    RELEVANT_RATING,
    TOP_K,
    ndcg_at_k,
    precision_at_k,
    ranking_report,
    recommend,
    rmse,
)
from recommender.factorisation import ALS
from recommender.hybrid import Hybrid
from recommender.neighbours import ItemKNN
from recommender.popularity import Popularity

RANDOM_SPLIT_SEED = 0
RANDOM_HOLDOUT = 0.2
EXAMPLE_USER_ID = 28  # the MovieLens id of the scenario's member
EXAMPLE_RATINGS_SHOWN = 6  # their best three and worst three ratings before the cut-off


def row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def held_out_rmse(model, test: pd.DataFrame) -> float:
    predicted = model.predict(test["user"].to_numpy(), test["item"].to_numpy())
    return rmse(test["rating"].to_numpy(), predicted)


def models_block(movielens: MovieLens, train: pd.DataFrame, test: pd.DataFrame) -> str:
    n_users, n_items = movielens.n_users, movielens.n_items
    popularity = Popularity().fit(train, n_users, n_items)
    item_knn = ItemKNN().fit(train, n_users, n_items)
    content = ContentBased(item_features(movielens.movies)).fit(train, n_users, n_items)
    models = {
        "popularity": popularity,
        "bias baseline": BiasBaseline().fit(train, n_users, n_items),
        "item-kNN": item_knn,
        "ALS": ALS(progress=False).fit(train, n_users, n_items),
        "content": content,
        "hybrid": Hybrid(item_knn, content, popularity).fit(train, n_users, n_items),
    }
    lines = [
        row(["Model", "RMSE", "Precision@10", "Recall@10", "NDCG@10", "Coverage"]),
        "|---|---|---|---|---|---|",
    ]
    mean_error = rmse(test["rating"].to_numpy(), np.full(len(test), train["rating"].mean()))
    lines.append(row(["global mean", f"{mean_error:.4f}", "", "", "", ""]))
    for name, model in models.items():
        report = ranking_report(model, train, test, n_users, n_items)
        error = f"{held_out_rmse(model, test):.4f}" if hasattr(model, "predict") else ""
        lines.append(
            row(
                [
                    name,
                    error,
                    f"{report['precision']:.4f}",
                    f"{report['recall']:.4f}",
                    f"{report['ndcg']:.4f}",
                    f"{report['coverage']:.1%}",
                ]
            )
        )
    ratings = movielens.ratings
    order = np.random.default_rng(RANDOM_SPLIT_SEED).permutation(len(ratings))
    cut = round((1 - RANDOM_HOLDOUT) * len(ratings))
    random_train, random_test = ratings.iloc[order[:cut]], ratings.iloc[order[cut:]]
    random_bias = BiasBaseline().fit(random_train, n_users, n_items)
    lines += [
        "",
        f"On a random {1 - RANDOM_HOLDOUT:.0%}/{RANDOM_HOLDOUT:.0%} split of the same ratings "
        f"(seed {RANDOM_SPLIT_SEED}) instead, the bias baseline's RMSE is "
        f"{held_out_rmse(random_bias, random_test):.4f}.",
    ]
    return "\n".join(lines)


def example_block(movielens: MovieLens, train: pd.DataFrame, test: pd.DataFrame) -> str:
    n_users, n_items = movielens.n_users, movielens.n_items
    user = int(np.searchsorted(movielens.user_ids, EXAMPLE_USER_ID))
    popularity = Popularity().fit(train, n_users, n_items)
    content = ContentBased(item_features(movielens.movies)).fit(train, n_users, n_items)
    hybrid = Hybrid(ItemKNN().fit(train, n_users, n_items), content, popularity)
    hybrid.fit(train, n_users, n_items)
    seen = rating_matrix(train, n_users, n_items, np.ones(len(train)))[[user]]
    shown = recommend(hybrid.scores(np.array([user])), seen)[0].tolist()
    titles = [
        title if np.isnan(year) else f"{title} ({year:.0f})"
        for title, year in zip(movielens.movies["title"], movielens.movies["year"], strict=True)
    ]
    history = train[train["user"] == user].sort_values(["rating", "item"], ascending=[False, True])
    half = EXAMPLE_RATINGS_SHOWN // 2
    picked = pd.concat([history.head(half), history.tail(half)])
    later = test[test["user"] == user]
    liked = set(later.loc[later["rating"] >= RELEVANT_RATING, "item"].tolist())
    hits = [item for item in shown if item in liked]
    pairs = zip(picked["item"], picked["rating"], strict=True)
    rated = [f"{rating:.1f}  {titles[item]}" for item, rating in pairs]
    nobody_seen = rating_matrix(train.iloc[:0], n_users, n_items)[[user]]
    most_rated = recommend(popularity.scores(np.array([user])), nobody_seen)[0]
    lines = [
        f"Member {EXAMPLE_USER_ID} rated {len(history)} films before the cut-off; among them "
        "their best and worst:",
        "",
        "```text",
        "input:   " + rated[0],
        *("         " + cell for cell in rated[1:]),
        f"output:  the hybrid's top {TOP_K}, none of them rated before (* rated "
        f"{RELEVANT_RATING:g} or more after the cut-off):",
        *(
            f"         {rank:2d}. {titles[item]}{' *' if item in liked else ''}"
            for rank, item in enumerate(shown, start=1)
        ),
        f"         {len(hits)} hits of the {len(liked)} films they went on to rate "
        f"{RELEVANT_RATING:g} or more: precision@{TOP_K} = "
        f"{precision_at_k(liked, shown):.1f}, NDCG@{TOP_K} = {ndcg_at_k(liked, shown):.2f}",
        "```",
        "",
        f"The popularity baseline shows everyone the same {TOP_K} most-rated films, and so "
        "does the hybrid to a member who has just joined: "
        + ", ".join(titles[item] for item in most_rated)
        + ".",
    ]
    return "\n".join(lines)


def main() -> None:
    movielens = load_movielens()
    train, test = split_by_time(movielens.ratings)
    print("<!-- block: example -->")
    print(example_block(movielens, train, test))
    print("<!-- block: models -->")
    print(models_block(movielens, train, test))


if __name__ == "__main__":
    main()

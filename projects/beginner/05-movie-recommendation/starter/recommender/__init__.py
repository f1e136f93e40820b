"""Movie recommendation on MovieLens, built step by step.

data           Task 1: check and number the ratings, split each user's history by time
evaluation     Task 2: RMSE, precision@k, recall@k, NDCG@k and catalogue coverage
popularity     Task 2: the most-rated movies for everyone, the baseline to beat
baseline       Task 3: global mean plus regularised user and movie biases
neighbours     Tasks 3 and 4: shrunk cosine similarities, then item-item collaborative filtering
factorisation  Task 5: biased matrix factorisation by alternating least squares
content        Task 6: genre and decade profiles
hybrid         Task 7: a blend of the three that copes with new users and new movies
"""

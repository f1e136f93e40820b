"""Customer segmentation of a real transaction log, built step by step.

data          the CDNOW log's location and seeded blobs with planted segments (provided)
transactions  Task 1: read the log, refusing bad lines; Task 2: recency, frequency and
              monetary value per customer, on comparable scales
kmeans        Task 3: k-means with k-means++ initialisation, from scratch
choosing_k    Task 4: the elbow and silhouette curves, and a k from each
compare       Task 5: Gaussian mixtures, DBSCAN and agglomerative clustering side by side
naming        Task 6: name each segment from its profile, and tabulate the profiles
pipeline      Task 7: the whole analysis of a log in one call, and the customers seen flat
report        Task 8: a self-contained HTML dashboard of the segments
__main__      the command line, python -m segmentation (provided)
"""

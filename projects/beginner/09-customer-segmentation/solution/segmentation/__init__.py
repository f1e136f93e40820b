"""Customer segmentation of a real transaction log, built step by step.

data          the CDNOW log's location and seeded blobs with planted segments (provided)
transactions  Task 1: read the log, then recency, frequency and monetary value per customer
kmeans        Task 2: k-means with k-means++ initialisation, from scratch
choosing_k    Task 3: the elbow and silhouette curves, and a k from each
compare       Task 4: Gaussian mixtures, DBSCAN and agglomerative clustering side by side
naming        Task 5: name each segment from its profile, and tabulate the profiles
report        Task 6: a static HTML dashboard, from the command line
"""

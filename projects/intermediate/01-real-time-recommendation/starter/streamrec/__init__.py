"""Real-time recommendation: a click-stream recommender with a point-in-time feature store,
an online learner checked against river, and A/B tests calibrated by A/A runs."""

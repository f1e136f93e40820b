"""Card-fraud detection on a 0.2% positive class, built step by step.

data         a seeded generator of card transactions, and ISLR's Default (provided)
split        Task 1: a split by time, and the accuracy of approving everything
resampling   Task 2: class weights, under- and oversampling inside training folds
features     Task 3: per-card velocity features from the past only
selection    Task 4: L1 and permutation importance (mutual information provided)
models       Task 5: boosting that does not collapse, and what it catches
evaluation   Task 6: the precision-recall curve, recall at a precision, a cost-based threshold
"""

"""Churn prediction for a telecom operator, built end to end.

data        the IBM Telco customers as the R package modeldata ships them (provided)
schema      Task 1: the data's schema, and a validator that lists every problem
features    Task 2: a scikit-learn transformer that engineers features without leakage
model       Task 3: a ColumnTransformer pipeline, logistic regression and gradient
            boosting, out-of-fold probabilities from stratified 5-fold cross-validation
metrics     Task 4: ROC-AUC, average precision, lift, Brier score and a reliability
            table by hand, and the reliability plot
score       Task 5: save and load the fitted pipeline with skops; Task 6: read a CSV
            file of customers, setting aside rows of the wrong length; Task 7: score
            every good row and report each bad one
train       fit a pipeline on every customer (provided)
__main__    the command line: python -m churn train | score (Task 7: the score command)
"""

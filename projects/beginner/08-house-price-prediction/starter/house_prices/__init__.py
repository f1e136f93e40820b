"""Ames house prices: from linear algebra to a prediction service.

data        the Ames housing data and the five folds every model is judged on (provided)
linear      Task 1: linear regression from scratch, exact and by gradient descent
features    Task 2: the feature pipeline (engineered columns and a ColumnTransformer)
models      Task 3: Ridge, Lasso and gradient boosting on the log price, cross-validated
evaluation  Task 4: errors in dollars and a residual plot
schema      Task 5: the API's contract, a pydantic House
api         Task 5: the FastAPI application
__main__    train, evaluate and serve from the command line (provided)
"""

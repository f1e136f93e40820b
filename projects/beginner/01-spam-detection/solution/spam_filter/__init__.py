"""An SMS spam filter, built step by step.

data          a seeded generator of labelled SMS messages (provided)
collection    Task 1: read the SMS Spam Collection's file format
tokeniser     Task 2: normalise a message and split it into tokens
tfidf         Task 3: vocabulary, counts and TF-IDF weights by hand
naive_bayes   Task 4: multinomial Naive Bayes from scratch
model         Task 5: a TF-IDF + linear SVM pipeline tuned by cross-validation
evaluation    Task 6: precision, recall, F1 and a threshold for a target precision;
              Task 7: the filter's most confident mistakes
"""

"""A digit classifier, built step by step.

data       Task 1: load, split and normalise the MNIST digits, and serve them in batches
augment    Task 2: random shift, rotation, scale and erasing as seeded tensor functions
model      Task 3: a small convolutional network
train      Task 4: a training loop with early stopping and the best weights restored
evaluate   Task 5: test accuracy, a confusion matrix and the most confident mistakes
"""

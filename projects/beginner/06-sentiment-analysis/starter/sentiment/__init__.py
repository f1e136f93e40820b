"""Sentiment analysis: a tweet sentiment analyser that beats VADER, behind a web page."""

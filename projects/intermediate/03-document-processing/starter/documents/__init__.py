"""Document processing: a batch pipeline over R help pages.

TF-IDF classification, a perceptron NER tagger against a CRF, and TextRank summaries
scored by ROUGE.
"""

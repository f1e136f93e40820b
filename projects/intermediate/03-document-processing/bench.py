"""How fast are your parts, beside the libraries that do the same jobs?

A nightly batch spends its time in the tagger and the summariser; the metrics run
over whole test sets. Each line times your function and the library's on the same
input and prints the ratio of their times.

    python bench.py    (with your copy's folder, or the reference's, on PYTHONPATH)

It prints rates and ratios from one run, never a pass or a fail.
"""

import time

import networkx as nx
import numpy as np
from rouge_score import rouge_scorer
from seqeval.metrics import f1_score

from documents.data import load_docstrings, template_sentences
from documents.entities import crf_features, entity_scores, train_crf
from documents.rouge import rouge_l, rouge_n
from documents.summarise import pagerank, similarity_matrix, split_sentences
from documents.tagger import PerceptronTagger

REPEATS = 3  # the best of three runs of each
SEED = 7
SENTENCES = 1000
EPOCHS = 5


def best_time(job) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    training = template_sentences(SENTENCES, SEED)
    tokens, tags = [s.tokens for s in training], [s.tags for s in training]
    tagger = PerceptronTagger(EPOCHS, SEED)
    perceptron = best_time(lambda: tagger.fit(tokens, tags))
    crf = best_time(lambda: train_crf(tokens, tags))
    fitted_crf = train_crf(tokens, tags)
    tagging = best_time(lambda: tagger.predict(tokens))
    crf_tagging = best_time(lambda: fitted_crf.predict([crf_features(t) for t in tokens]))
    print(f"Training on {SENTENCES} template sentences ({EPOCHS} epochs for the perceptron):")
    print(f"yours: {perceptron / crf:.1f}x the CRF's training time (CRFsuite, in C)")
    print(f"yours: {tagging / crf_tagging:.1f}x the CRF's tagging time ({len(tokens)} sentences)")

    predicted = tagger.predict(tokens)
    mine = best_time(lambda: entity_scores(tags, predicted))
    theirs = best_time(lambda: f1_score(tags, predicted))
    print(f"yours: {mine / theirs:.2f}x seqeval's time to score {len(tags)} sentences")

    docstrings = load_docstrings()
    graphs = [similarity_matrix(split_sentences(d.body)) for d in docstrings]
    mine = best_time(lambda: [pagerank(weights) for weights in graphs])
    theirs = best_time(lambda: [nx.pagerank(nx.from_numpy_array(weights)) for weights in graphs])
    print(f"yours: {mine / theirs:.2f}x networkx's PageRank time on {len(graphs)} sentence graphs")

    pairs = [(d.summary, d.body) for d in docstrings]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"])
    mine = best_time(
        lambda: [(rouge_n(r, c, 1), rouge_n(r, c, 2), rouge_l(r, c)) for r, c in pairs]
    )
    theirs = best_time(lambda: [scorer.score(r, c) for r, c in pairs])
    print(f"yours: {mine / theirs:.2f}x rouge-score's time on {len(pairs)} (summary, body) pairs")
    print(f"({np.mean([len(g) for g in graphs]):.1f} sentences per docstring on average)")


if __name__ == "__main__":
    main()

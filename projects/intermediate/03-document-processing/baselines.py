"""The reference beside simpler baselines, for each part of the pipeline.

- `classifiers`: the family classifier of Task 2 beside other models and beside the
  same model on the raw pages (without Task 1's cleaning), on the same five folds;
- `entities`: entity F1 by type of the perceptron (Task 4) and the CRF (Task 5), as
  the tests train them and on more sentences;
- `example`: what the command line prints on the sample file;
- `summaries`: TextRank (Task 6) beside the lead baseline, a random sentence and a
  TextRank on TF-IDF cosine similarity, scored by rouge-score.

    python baselines.py    (with the reference solution's folder on PYTHONPATH)

`nox -s sync` runs it and writes each block into the brief (README.md).
"""

import json
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

from documents.classify import build_classifier, out_of_fold_probabilities
from documents.data import family_pages, load_docstrings, read_conll, template_sentences
from documents.entities import crf_features, entity_spans, train_crf
from documents.ingest import parse_page
from documents.pipeline import Problem, process_lines, train_models
from documents.summarise import lead, pagerank, split_sentences, textrank
from documents.tagger import PerceptronTagger

SEED = 7  # the tests' seed
CLI_SEED = 7  # python -m documents process's default seed
SAMPLE_PAGES = Path(__file__).resolve().parent / "data" / "sample_pages.jsonl"
REAL_SENTENCES = Path(__file__).resolve().parent / "data" / "r_sentences.conll"


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def classifiers_table() -> str:
    pages = family_pages()
    labels = list(pages["family"])
    classes = np.unique(labels)
    prose = [parse_page(text).text for text in pages["text"]]
    models = [
        (
            "TF-IDF + calibrated linear SVM on the clean prose (the reference)",
            build_classifier(SEED),
            prose,
        ),
        (
            "The same on the raw pages, markup, usage and examples included",
            build_classifier(SEED),
            list(pages["text"]),
        ),
        (
            "TF-IDF + logistic regression (scikit-learn's defaults) on the prose",
            make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000)),
            prose,
        ),
        (
            "Multinomial naive Bayes on word counts of the prose",
            make_pipeline(CountVectorizer(), MultinomialNB()),
            prose,
        ),
    ]
    lines = [row(["Model", "Accuracy", "Macro-F1", "Log loss"]), row(["---"] * 4)]
    for name, model, texts in models:
        probabilities = out_of_fold_probabilities(model, texts, labels, SEED)
        predicted = classes[probabilities.argmax(axis=1)]
        lines.append(
            row(
                [
                    name,
                    f"{accuracy_score(labels, predicted):.3f}",
                    f"{f1_score(labels, predicted, average='macro'):.3f}",
                    f"{log_loss(labels, probabilities, labels=classes):.3f}",
                ]
            )
        )
    return "\n".join(lines)


def f1_by_type(truth: list[list[str]], predicted: list[list[str]], kind: str) -> float:
    true_spans = {
        (s, span) for s, tags in enumerate(truth) for span in entity_spans(tags) if span[0] == kind
    }
    found_spans = {
        (s, span)
        for s, tags in enumerate(predicted)
        for span in entity_spans(tags)
        if span[0] == kind
    }
    hits = len(true_spans & found_spans)
    return 2 * hits / (len(true_spans) + len(found_spans)) if true_spans or found_spans else 0.0


def entities_table() -> str:
    held_out = template_sentences(300, SEED + 1, "test")
    real = read_conll(REAL_SENTENCES)
    lines = [
        row(["Tagger", "Held-out PER", "Held-out LOC", "Real PER", "Real LOC"]),
        row(["---"] * 5),
    ]
    for count, epochs in [(400, 4), (2000, 5)]:
        training = template_sentences(count, SEED, "train")
        tokens, tags = [s.tokens for s in training], [s.tags for s in training]
        perceptron = PerceptronTagger(epochs, SEED).fit(tokens, tags)
        crf = train_crf(tokens, tags)

        def crf_predict(sentences, crf=crf):
            return [list(t) for t in crf.predict([crf_features(s) for s in sentences])]

        taggers = [
            (f"Perceptron, {count} sentences, {epochs} epochs", perceptron.predict),
            (f"CRF (L-BFGS), {count} sentences", crf_predict),
        ]
        for name, predict in taggers:
            cells = [name]
            for sentences in (held_out, real):
                predicted = predict([s.tokens for s in sentences])
                truth = [s.tags for s in sentences]
                cells += [f"{f1_by_type(truth, predicted, kind):.3f}" for kind in ("PER", "LOC")]
            lines.append(row(cells))
    return "\n".join(lines)


def tfidf_textrank(text: str) -> str:
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return " ".join(sentences)
    vectors = TfidfVectorizer().fit_transform(sentences)
    weights = (vectors @ vectors.T).toarray()
    np.fill_diagonal(weights, 0.0)
    ranks = pagerank(weights)
    return sentences[int(np.argmax(ranks))]


def summaries_table() -> str:
    docstrings = load_docstrings()
    generator = np.random.default_rng(SEED)

    def random_sentence(text: str) -> str:
        sentences = split_sentences(text)
        return sentences[generator.integers(len(sentences))]

    summarisers = [
        ("Lead: the first sentence", lead),
        ("Lead-2: the first two sentences", lambda text: lead(text, 2)),
        ("TextRank, one sentence (Task 6)", textrank),
        ("TextRank, two sentences", lambda text: textrank(text, 2)),
        ("TextRank on TF-IDF cosine similarity, one sentence", tfidf_textrank),
        ("A random sentence (seed 7)", random_sentence),
    ]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"])
    lines = [row(["Summary of the body", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-L F"]), row(["---"] * 4)]
    for name, summarise in summarisers:
        scores = [scorer.score(d.summary, summarise(d.body)) for d in docstrings]
        cells = [
            f"{np.mean([s[kind].fmeasure for s in scores]):.3f}"
            for kind in ("rouge1", "rouge2", "rougeL")
        ]
        lines.append(row([name, *cells]))
    return "\n".join(lines)


def example_block() -> str:
    """What `python -m documents process data/sample_pages.jsonl` prints, as the brief shows it."""
    models = train_models(CLI_SEED)
    lines = [
        "```text",
        "$ nox -s run -- document-processing python -m documents process data/sample_pages.jsonl",
    ]
    with open(SAMPLE_PAGES, encoding="utf-8") as source:
        for item in process_lines(source, models):
            if isinstance(item, Problem):
                lines.append(
                    f"data/sample_pages.jsonl, line {item.line}: {item.message}   (standard error)"
                )
            else:
                item["probability"] = round(item["probability"], 3)
                lines.append(json.dumps(item, ensure_ascii=False))
    lines.append("```")
    return "\n".join(lines)


def main() -> None:
    print("<!-- block: example -->")
    print(example_block())
    print("<!-- block: classifiers -->")
    print(classifiers_table())
    print("<!-- block: entities -->")
    print(entities_table())
    print("<!-- block: summaries -->")
    print(summaries_table())


if __name__ == "__main__":
    main()

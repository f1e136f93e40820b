"""Task 8: the batch pipeline. Documents in, one JSON line out per document.

Each input line is a JSON object {"id": "...", "text": "<a raw R help page>"}. Each
good document goes through every part of the kata, and out as one JSON line:

    {"id": "AER/Affairs", "line": 1, "title": "Fair's Extramarital Affairs Data",
     "family": "econometrics", "probability": 0.97,
     "entities": [{"text": "Psychology Today", "type": "PER"}, ...],
     "summary": "Infidelity data, known as Fair's Affairs."}

A bad line (not UTF-8, not JSON, not an object with a string id and a text, or a
text that Task 1 refuses) is reported with its line number and the reason, and skipped: one
bad document never stops the batch, and no good one is lost.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from documents.classify import build_classifier
from documents.data import family_pages, template_sentences, tokenise
from documents.entities import entity_spans
from documents.ingest import RejectedDocument, parse_page
from documents.summarise import split_sentences, textrank
from documents.tagger import EPOCHS, PerceptronTagger

TRAINING_SENTENCES = 1000
SUMMARY_SENTENCES = 1


@dataclass(frozen=True)
class Problem:
    """A line of the input that was not processed, and why."""

    line: int
    message: str


@dataclass
class Models:
    """What the pipeline runs: a fitted classifier (Task 2), a fitted tagger (Task 4),
    and how many sentences a summary holds (Task 6)."""

    classifier: Pipeline
    tagger: PerceptronTagger
    summary_sentences: int = SUMMARY_SENTENCES


def train_models(
    seed: int,
    sentences: int = TRAINING_SENTENCES,
    epochs: int = EPOCHS,
    summary_sentences: int = SUMMARY_SENTENCES,
) -> Models:
    """Fit the classifier on every family page and the tagger on template sentences."""
    pages = family_pages()
    texts = [parse_page(text).text for text in pages["text"]]
    classifier = build_classifier(seed).fit(texts, pages["family"])
    training = template_sentences(sentences, seed)
    tagger = PerceptronTagger(epochs, seed).fit(
        [sentence.tokens for sentence in training], [sentence.tags for sentence in training]
    )
    return Models(classifier, tagger, summary_sentences)


def read_record(line: str | bytes) -> tuple[str, object]:
    """The (id, text) of one input line; raise RejectedDocument saying what is wrong.

    A line of bytes is decoded as UTF-8 first. The reasons: "not UTF-8: <the
    UnicodeDecodeError's message>" when it cannot be; "not JSON: <json's message>"
    when json.loads fails; "expected a JSON object" when it gives anything but a
    dict; "missing 'id'" or "missing 'text'" when a key is absent (id first);
    "'id' must be a string" otherwise. The text is returned as it is, whatever
    its type: Task 1's parse_page judges it.
    """
    raise NotImplementedError(
        "Task 8: decode, json.loads, then check the object, its keys and its id"
    )


def find_entities(text: str, tagger: PerceptronTagger) -> list[dict[str, str]]:
    """The entities the tagger finds in each sentence of `text`, each once, in order.

    Each sentence (split_sentences) is tokenised (data.tokenise) and tagged; an
    entity is {"text": its tokens joined by a space, "type": "PER" or "LOC"}; an
    entity already found (same text and type) is not repeated. Raises ValueError
    when the tagger does not return one sequence of tags per sentence.
    """
    raise NotImplementedError(
        "Task 8: tag the tokens of each sentence, read the spans, drop repeats"
    )


def process_document(document_id: str, raw: object, models: Models) -> dict:
    """The output record of one raw page; RejectedDocument (from parse_page) when it is bad.

    {"id", "title", "family": the classifier's most probable class, "probability":
    its probability (a float), "entities": find_entities of the page's prose,
    "summary": textrank, with models.summary_sentences sentences, of the page's
    Description section (of all its prose when it has none)}.
    """
    raise NotImplementedError("Task 8: parse, then classify, tag and summarise the prose")


def process_lines(lines: Iterable[str | bytes], models: Models) -> Iterator[dict | Problem]:
    """For each line of the input (numbered from 1), its record or its Problem, in order.

    The lines may be str, or bytes as a file opened in binary mode gives them: then
    one line that is not UTF-8 is one Problem, not the end of the batch.

    A blank line is skipped silently. A record also holds "line", its line number,
    right after "id". A line that read_record or process_document refuses gives
    Problem(line, the RejectedDocument's message); other errors are not caught.
    """
    raise NotImplementedError(
        "Task 8: number the lines, skip blanks, turn a refusal into a Problem"
    )

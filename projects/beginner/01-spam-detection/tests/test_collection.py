"""Task 1: load the SMS Spam Collection's file format, and refuse bad files clearly."""

from pathlib import Path

import numpy as np
import pytest

from spam_filter.collection import load_sms_collection
from spam_filter.data import HAM, SPAM

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sms_sample.tsv"


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "SMSSpamCollection"
    path.write_bytes(content)
    return path


def load_error(path: Path, what: str) -> str:
    """Load a bad file; return the ValueError's message, or fail saying what went unnoticed."""
    try:
        corpus = load_sms_collection(path)
    except ValueError as error:
        return str(error)
    pytest.fail(f"Task 1: {what} should raise ValueError, but the file loaded: {corpus}")


@pytest.mark.task(1)
def test_reads_labels_and_texts(tmp_path):
    path = write(
        tmp_path,
        "\ufeffham\tOk lar... Joking wif u oni...\r\n"
        "spam\tWIN a £100 prize! Txt WIN to 87121\r\n"
        "\r\n"
        "   \r\n"
        "ham\tI'll pay\tthen text you  \r\n".encode(),
    )
    corpus = load_sms_collection(path)
    expected = [
        "Ok lar... Joking wif u oni...",
        "WIN a £100 prize! Txt WIN to 87121",
        "I'll pay\tthen text you",
    ]
    assert corpus.texts == expected, (
        "Task 1: expected the texts after the first tab, stripped, without the byte-order mark, "
        f"the \\r of CRLF line ends or the blank lines: {expected}, got {corpus.texts}"
    )
    assert isinstance(corpus.labels, np.ndarray), (
        "Task 1: a Corpus holds its labels as a NumPy array of 0 and 1 (np.array(labels)); "
        f"got a {type(corpus.labels).__name__}"
    )
    assert np.array_equal(corpus.labels, [HAM, SPAM, HAM]), (
        f"Task 1: ham -> {HAM}, spam -> {SPAM}: expected labels [0, 1, 0], got {corpus.labels}"
    )


@pytest.mark.task(1)
def test_reads_the_sample_file():
    corpus = load_sms_collection(str(SAMPLE))
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    spam = sum(line.startswith("spam\t") for line in lines)
    assert len(corpus.texts) == len(corpus.labels) == len(lines), (
        f"Task 1: data/sms_sample.tsv holds {len(lines)} messages; "
        f"got {len(corpus.texts)} texts and {len(corpus.labels)} labels"
    )
    assert int(np.sum(corpus.labels == SPAM)) == spam, (
        f"Task 1: data/sms_sample.tsv holds {spam} spam; got {int(np.sum(corpus.labels == SPAM))}"
    )


@pytest.mark.task(1)
def test_a_line_without_a_tab_names_its_line(tmp_path):
    path = write(tmp_path, b"ham\tsee you at 7\n\nspam no tab here\n")
    message = load_error(path, "a line without a tab")
    assert "line 3" in message, (
        f"Task 1: the error should name the bad line ('line 3'; blank lines count); got {message!r}"
    )


@pytest.mark.task(1)
def test_an_unknown_label_names_its_line_and_label(tmp_path):
    path = write(tmp_path, b"ham\tok\nspma\tWIN now\n")
    message = load_error(path, "the unknown label 'spma'")
    assert "line 2" in message and "spma" in message, (
        f"Task 1: the error should name the line ('line 2') and the label ('spma'); got {message!r}"
    )


@pytest.mark.task(1)
def test_an_empty_text_is_an_error(tmp_path):
    path = write(tmp_path, b"spam\t   \n")
    message = load_error(path, "a line whose text is empty")
    assert "line 1" in message, f"Task 1: the error should name 'line 1'; got {message!r}"


@pytest.mark.task(1)
def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    path = write(tmp_path, "ham\tsee you at the café\n".encode("latin-1"))
    load_error(path, "a file in Latin-1 rather than UTF-8")


@pytest.mark.task(1)
def test_a_file_without_messages_is_an_error(tmp_path):
    path = write(tmp_path, b"\n  \n")
    load_error(path, "a file of blank lines only")

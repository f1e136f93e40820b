"""Task 8: the batch pipeline, its parts with stand-in models, then end to end."""

import json
import runpy
import sys
from pathlib import Path

import numpy as np
import pytest

SAMPLE_PAGES = Path(__file__).resolve().parents[1] / "data" / "sample_pages.jsonl"
CLASSES = np.array(["econometrics", "medical", "teaching"])
PAGE = """Nile| R Documentation
---|---

## Flow of the River Nile

### Description

Measurements of the annual flow of the river Nile at Aswan, 1871-1970. The flow
fell sharply near 1898 at Aswan. Data from Cobb (1978), who studied the river.

### Format

A time series of length 100.
"""
SAMPLE_PROBLEMS = [
    (3, "not JSON: Invalid control character at: line 1 column 59 (char 58)"),
    (5, "empty document"),
    (6, "not text: got int"),
    (8, "no title"),
]
SAMPLE_IDS = ["sandwich/PublicSchools", "MASS/birthwt", "openintro/gpa", "datasets/faithful"]


class StandInClassifier:
    """Always 70% medical."""

    classes_ = CLASSES

    def predict_proba(self, texts):
        return np.tile([0.2, 0.7, 0.1], (len(texts), 1))


class StandInTagger:
    """A run of capitalised tokens (not first in its sentence) is an entity: a place after
    'at' or 'from', a person otherwise."""

    def __init__(self):
        self.seen = []

    def predict(self, sentences):
        self.seen += sentences
        tagged = []
        for tokens in sentences:
            tags = []
            for i, token in enumerate(tokens):
                if i == 0 or not token[:1].isupper():
                    tags.append("O")
                elif tags[-1] != "O":
                    tags.append("I-" + tags[-1][2:])
                else:
                    tags.append("B-LOC" if tokens[i - 1] in ("at", "from") else "B-PER")
            tagged.append(tags)
        return tagged


class ForgetfulTagger(StandInTagger):
    """A broken tagger that loses the last sentence."""

    def predict(self, sentences):
        return super().predict(sentences)[:-1]


@pytest.fixture
def models():
    from documents.pipeline import Models

    return Models(StandInClassifier(), StandInTagger(), summary_sentences=2)


def line_of(document_id, text):
    return json.dumps({"id": document_id, "text": text})


@pytest.mark.task(8)
@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            '{"id": "a", "text": "cut',
            "not JSON: Unterminated string starting at: line 1 column 21 (char 20)",
        ),
        ("[1, 2]", "expected a JSON object"),
        ('"a page"', "expected a JSON object"),
        ('{"text": "x"}', "missing 'id'"),
        ("{}", "missing 'id'"),
        ('{"id": "a"}', "missing 'text'"),
        ('{"id": 3, "text": "x"}', "'id' must be a string"),
        (
            b'{"id": "a", "text": "caf\xe9"}',
            "not UTF-8: 'utf-8' codec can't decode byte 0xe9 in position 24: invalid "
            "continuation byte",
        ),
        (b'{"id": "a", "text": cut', "not JSON: Expecting value: line 1 column 21 (char 20)"),
    ],
)
def test_read_record_refuses_with_a_reason(line, reason):
    from documents.ingest import RejectedDocument
    from documents.pipeline import read_record

    with pytest.raises(RejectedDocument) as refused:
        read_record(line)
    assert str(refused.value) == reason, (
        f"Task 8: read_record({line!r}) should refuse with {reason!r}; got {str(refused.value)!r}"
    )


@pytest.mark.task(8)
def test_read_record_returns_the_text_as_it_is():
    from documents.pipeline import read_record

    assert read_record('{"id": "é", "text": "é"}'.encode()) == ("é", "é"), (
        "Task 8: a line of bytes is decoded as UTF-8"
    )
    assert read_record('{"id": "x", "text": 42, "extra": true}') == ("x", 42), (
        "Task 8: read_record returns (id, text) whatever the text is (parse_page judges it) "
        "and ignores other keys"
    )


@pytest.mark.task(8)
def test_find_entities_tags_each_sentence_once():
    from documents.data import tokenise
    from documents.pipeline import find_entities
    from documents.summarise import split_sentences

    tagger = StandInTagger()
    text = "Data from New York. Collected by Ann Lee at New York.\n\nBy Ann Lee again."
    entities = find_entities(text, tagger)
    assert entities == [
        {"text": "New York", "type": "LOC"},
        {"text": "Ann Lee", "type": "PER"},
    ], (
        "Task 8: each entity once, in order of first appearance, its tokens joined by a space; "
        f"got {entities}"
    )
    expected = [tokenise(sentence) for sentence in split_sentences(text)]
    assert sorted(map(tuple, tagger.seen)) == sorted(map(tuple, expected)), (
        "Task 8: the tagger should see each sentence of split_sentences, tokenised with "
        f"data.tokenise; it saw {tagger.seen}"
    )
    same_text_other_type = find_entities("Data from Lee. By Lee.", StandInTagger())
    with pytest.raises(ValueError):
        find_entities("One sentence. Two sentences.", ForgetfulTagger())
    assert same_text_other_type == [
        {"text": "Lee", "type": "LOC"},
        {"text": "Lee", "type": "PER"},
    ], f"Task 8: the same words of another type are another entity; got {same_text_other_type}"


@pytest.mark.task(8)
def test_process_document(models):
    from documents.ingest import parse_page
    from documents.pipeline import find_entities, process_document
    from documents.summarise import textrank

    record = process_document("datasets/Nile", PAGE, models)
    document = parse_page(PAGE)
    expected = {
        "id": "datasets/Nile",
        "title": "Flow of the River Nile",
        "family": "medical",
        "probability": 0.7,
        "entities": find_entities(document.text, StandInTagger()),
        "summary": textrank(document.sections["Description"], 2),
    }
    assert record == expected, f"Task 8: the record should be\n{expected}\ngot\n{record}"
    assert list(record) == list(expected), f"Task 8: the keys in the order {list(expected)}"
    assert type(record["probability"]) is float, "Task 8: the probability is a Python float"
    json.dumps(record)  # the record must be JSON as it is

    no_description = PAGE.replace("### Description", "### Details")
    record = process_document("x", no_description, models)
    assert record["summary"] == textrank(parse_page(no_description).text, 2), (
        "Task 8: a page without a Description section is summarised from all its prose"
    )


@pytest.mark.task(8)
def test_process_lines_keeps_the_good_and_reports_the_bad(models):
    from documents.pipeline import Problem, process_lines

    lines = [
        line_of("a", PAGE),
        "",
        "not json",
        line_of("b", "  "),
        "   ",
        line_of("c", PAGE.replace("Nile", "Thames")),
    ]
    items = list(process_lines(lines, models))
    assert [type(item).__name__ for item in items] == ["dict", "Problem", "Problem", "dict"], (
        f"Task 8: one item per non-blank line, in order; got {items}"
    )
    assert items[1] == Problem(3, "not JSON: Expecting value: line 1 column 1 (char 0)") and items[
        2
    ] == Problem(4, "empty document"), (
        f"Task 8: a bad line is a Problem with its line number (from 1, blank lines counted) "
        f"and the reason; got {items[1:3]}"
    )
    first, last = items[0], items[3]
    assert list(first)[:2] == ["id", "line"] and (first["id"], first["line"]) == ("a", 1), (
        f"Task 8: a record begins with its id, then its line; got {list(first)[:3]}"
    )
    assert (last["id"], last["line"], last["title"]) == ("c", 6, "Flow of the River Thames"), (
        f"Task 8: the last record is line 6's; got {last}"
    )


@pytest.mark.task(8)
def test_process_lines_does_not_hide_other_errors(models):
    from documents.pipeline import Models, process_lines

    class BrokenClassifier(StandInClassifier):
        def predict_proba(self, texts):
            raise RuntimeError("the model is broken")

    broken = Models(BrokenClassifier(), models.tagger)
    with pytest.raises(RuntimeError, match="broken"):
        list(process_lines([line_of("a", PAGE)], broken))


# The command line, with the stand-in models, then for real ------------------------


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.task(8)
def test_process_command_on_the_sample(models, tmp_path, capsys):
    from documents.__main__ import SOME_REJECTED, process_command

    output = tmp_path / "out.jsonl"
    status = process_command(SAMPLE_PAGES, output, models)
    errors = capsys.readouterr().err.splitlines()
    assert status == SOME_REJECTED, (
        f"Task 8: four lines of the sample are bad and four good: SOME_REJECTED "
        f"({SOME_REJECTED}); got {status}"
    )
    expected = [f"{SAMPLE_PAGES}, line {line}: {message}" for line, message in SAMPLE_PROBLEMS]
    assert errors == expected, (
        "Task 8: one line per problem on standard error, as FILE, line N: REASON; expected\n"
        + "\n".join(expected)
        + "\ngot\n"
        + "\n".join(errors)
    )
    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == SAMPLE_IDS and [r["line"] for r in records] == [
        1,
        2,
        4,
        7,
    ], f"Task 8: one JSON line per good page, in order; got {[r['id'] for r in records]}"


@pytest.mark.task(8)
def test_process_command_statuses(models, tmp_path, capsys):
    from documents.__main__ import FAILED, NONE_PROCESSED, OK, SOME_REJECTED, process_command

    good = write_lines(tmp_path / "good.jsonl", [line_of("a", PAGE), line_of("é", PAGE)])
    assert process_command(good, None, models) == OK, "Task 8: every page processed: OK"
    printed = capsys.readouterr()
    ids = [json.loads(line)["id"] for line in printed.out.splitlines()]
    assert ids == ["a", "é"] and printed.err == "", (
        "Task 8: without an output file the records go to standard output, one JSON line each "
        f"(ensure_ascii=False keeps 'é'); got {printed.out!r} and errors {printed.err!r}"
    )
    assert '"é"' in printed.out, "Task 8: json.dumps(..., ensure_ascii=False)"

    bad = write_lines(tmp_path / "bad.jsonl", ["nope", line_of("b", "")])
    output = tmp_path / "bad-out.jsonl"
    assert process_command(bad, output, models) == NONE_PROCESSED, (
        "Task 8: every line bad: NONE_PROCESSED"
    )
    assert output.read_text(encoding="utf-8") == "", "Task 8: nothing good, an empty output"
    assert len(capsys.readouterr().err.splitlines()) == 2

    empty = write_lines(tmp_path / "empty.jsonl", [])
    assert process_command(empty, tmp_path / "e.jsonl", models) == OK, (
        "Task 8: an empty file has nothing to report: OK"
    )

    mixed = tmp_path / "mixed.jsonl"
    latin = line_of("b", "café").replace("\\u00e9", "\u00e9").encode("latin-1")
    mixed.write_bytes(line_of("a", PAGE).encode() + b"\n" + latin + b"\n")
    capsys.readouterr()
    output = tmp_path / "mixed-out.jsonl"
    assert process_command(mixed, output, models) == SOME_REJECTED, (
        "Task 8: one line that is not UTF-8 is one bad line, not the end of the batch: "
        "read the file as bytes"
    )
    assert capsys.readouterr().err.startswith(f"{mixed}, line 2: not UTF-8: "), (
        "Task 8: the line that is not UTF-8 is reported as such"
    )
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == ["a"]

    for source, output in [
        (tmp_path / "missing.jsonl", None),
        (tmp_path, tmp_path / "folder.jsonl"),
        (good, tmp_path / "no folder" / "out.jsonl"),
    ]:
        capsys.readouterr()
        status = process_command(source, output, models)
        errors = capsys.readouterr().err
        assert status == FAILED and errors.startswith("error: ") and "Traceback" not in errors, (
            f"Task 8: {source.name} -> {output}: nothing can be processed: FAILED ({FAILED}) "
            f"with one 'error: ...' line; got {status} and {errors!r}"
        )


@pytest.mark.task(8)
def test_python_dash_m_documents_end_to_end(tmp_path, capsys, monkeypatch):
    import documents

    output = tmp_path / "pages.jsonl"
    arguments = ["process", str(SAMPLE_PAGES), "--output", str(output)]
    arguments += ["--sentences", "200", "--epochs", "2", "--seed", "3"]
    monkeypatch.setattr(sys, "argv", ["python -m documents", *arguments])
    with pytest.raises(SystemExit) as exited:
        runpy.run_path(str(Path(documents.__file__).with_name("__main__.py")), run_name="__main__")
    errors = capsys.readouterr().err.splitlines()
    assert exited.value.code == 1 and len(errors) == len(SAMPLE_PROBLEMS), (
        f"Task 8: python -m documents process on the sample exits with SOME_REJECTED (1) and "
        f"reports four lines; it exited with {exited.value.code} and said {errors}"
    )
    records = {r["id"]: r for r in map(json.loads, output.read_text().splitlines())}
    assert list(records) == SAMPLE_IDS, f"Task 8: the four good pages; got {list(records)}"
    assert (
        records["sandwich/PublicSchools"]["family"] == "econometrics"
        and records["MASS/birthwt"]["family"] == "medical"
    ), (
        "Task 8: the real classifier reads public-school spending as econometrics and birth "
        "weights as medical"
    )
    assert {"text": "Springfield", "type": "LOC"} in records["MASS/birthwt"]["entities"], (
        "Task 8: the real tagger finds Springfield (Massachusetts) in MASS/birthwt"
    )
    assert records["openintro/gpa"]["summary"].startswith("A survey of 55 Duke"), (
        "Task 8: the summary of a one-sentence Description is that sentence"
    )

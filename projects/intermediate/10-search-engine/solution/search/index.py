"""A positional inverted index over two fields, updated in place, saved to one file.

For each field and term the index keeps its postings: the documents that hold the
term and, in each, the positions where it stands (a term's position is its index in
the field's analysed terms). Positions answer phrase queries; the field lengths and
document frequencies feed BM25. Documents come and go: `add` and `delete` keep every
statistic as if the index had been built from scratch on what it holds now.
"""

import json
import struct
from collections.abc import Mapping
from pathlib import Path

from search.analysis import analyse
from search.codec import decode_postings, encode_postings

FIELDS = ("title", "body")
MAGIC = b"KSI1"  # the first bytes of an index file: "kata search index", version 1
HEADER_SIZE = struct.Struct("<I")  # the length of the JSON header that follows MAGIC


class CorruptIndex(ValueError):
    """An index file that cannot be read back: says what was wrong and where."""


class InvertedIndex:
    """Postings per field: `postings[field][term][doc_id]` is the list of positions.

    Also kept: `lengths[field][doc_id]`, the number of terms of the field, and
    `documents[doc_id]`, the stored text of each field (for snippets).
    """

    def __init__(self) -> None:
        self.postings: dict[str, dict[str, dict[int, list[int]]]] = {f: {} for f in FIELDS}
        self.lengths: dict[str, dict[int, int]] = {f: {} for f in FIELDS}
        self.documents: dict[int, dict[str, str]] = {}

    def add(self, doc_id: int, document: Mapping[str, str]) -> None:
        """Index `document` (a text for each of FIELDS) under `doc_id`, a whole number >= 0.

        Raises ValueError, naming the id, when it is not an int (a bool is not one), is
        negative or is already indexed, and naming the field when one of FIELDS is
        missing or not a string; the index is unchanged then. Each field is analysed
        with `analyse`; every term's positions are appended to its postings, and the
        field's length recorded.
        """
        # BEGIN SOLUTION (task 2): check everything, then analyse each field, record positions
        if isinstance(doc_id, bool) or not isinstance(doc_id, int) or doc_id < 0:
            raise ValueError(f"document id {doc_id!r} is not a whole number >= 0")
        if doc_id in self.documents:
            raise ValueError(f"document {doc_id} is already indexed: delete it first")
        for field in FIELDS:
            if not isinstance(document.get(field), str):
                raise ValueError(f"document {doc_id} has no text in its field {field!r}")
        for field in FIELDS:
            terms = analyse(document[field])
            for position, term in enumerate(terms):
                self.postings[field].setdefault(term, {}).setdefault(doc_id, []).append(position)
            self.lengths[field][doc_id] = len(terms)
        self.documents[doc_id] = {field: document[field] for field in FIELDS}
        # END SOLUTION

    def delete(self, doc_id: int) -> None:
        """Remove `doc_id` from every posting list; a term left without postings goes too.

        Raises KeyError naming the id when it is not indexed.
        """
        # BEGIN SOLUTION (task 2): find the document's terms from its stored text, drop its postings
        if doc_id not in self.documents:
            raise KeyError(f"document {doc_id} is not in the index")
        document = self.documents.pop(doc_id)
        for field in FIELDS:
            for term in set(analyse(document[field])):
                postings = self.postings[field][term]
                del postings[doc_id]
                if not postings:
                    del self.postings[field][term]
            del self.lengths[field][doc_id]
        # END SOLUTION

    # What follows is provided: the statistics that ranking reads, and the file format.

    def __len__(self) -> int:
        return len(self.documents)

    def positions(self, term: str, field: str = "body") -> dict[int, list[int]]:
        """The postings of `term` in `field`, by document id ({} for an unknown term)."""
        return self.postings[field].get(term, {})

    def document_frequency(self, term: str, field: str = "body") -> int:
        return len(self.positions(term, field))

    def average_length(self, field: str = "body") -> float:
        lengths = self.lengths[field]
        return sum(lengths.values()) / len(lengths) if lengths else 0.0

    def save(self, path: Path) -> None:
        """Write the index to `path`: MAGIC, a JSON header, then each posting list compressed.

        The header holds the documents, the lengths, and, for each field and term, where
        its compressed postings start in the blob and how long they are.
        """
        blob, directory = bytearray(), {}
        for field in FIELDS:
            directory[field] = {}
            for term in sorted(self.postings[field]):
                encoded = encode_postings(self.postings[field][term])
                directory[field][term] = [len(blob), len(encoded)]
                blob += encoded
        header = json.dumps(
            {"documents": self.documents, "lengths": self.lengths, "directory": directory}
        ).encode("utf-8")
        Path(path).write_bytes(MAGIC + HEADER_SIZE.pack(len(header)) + header + blob)

    @classmethod
    def load(cls, path: Path) -> "InvertedIndex":
        """Read back an index that `save` wrote; CorruptIndex says what is wrong with a bad file."""
        data = Path(path).read_bytes()
        if data[: len(MAGIC)] != MAGIC:
            raise CorruptIndex(f"{path}: not an index file (it does not start with {MAGIC!r})")
        start = len(MAGIC) + HEADER_SIZE.size
        if len(data) < start:
            raise CorruptIndex(f"{path}: cut short inside the header")
        (header_size,) = HEADER_SIZE.unpack(data[len(MAGIC) : start])
        try:
            header = json.loads(data[start : start + header_size].decode("utf-8"))
        except ValueError as error:
            raise CorruptIndex(f"{path}: the header is not valid JSON ({error})") from error
        blob = data[start + header_size :]
        index = cls()
        index.documents = {int(doc): texts for doc, texts in header["documents"].items()}
        for field in FIELDS:
            index.lengths[field] = {int(doc): n for doc, n in header["lengths"][field].items()}
            for term, (offset, size) in header["directory"][field].items():
                if offset + size > len(blob):
                    raise CorruptIndex(f"{path}: the postings of {field}:{term} are cut short")
                try:
                    index.postings[field][term] = decode_postings(blob[offset : offset + size])
                except ValueError as error:
                    raise CorruptIndex(
                        f"{path}: the postings of {field}:{term}: {error}"
                    ) from error
        return index

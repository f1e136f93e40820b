"""Posting lists in few bytes: gaps between sorted numbers, written in variable bytes.

Document ids and positions in a posting list only grow, so the gaps between them are
small numbers; variable-byte coding writes a small number in one byte. Each byte
carries seven bits of the number, most significant group first; the high bit is set
on the last byte of each number (Manning, Raghavan & Schütze, section 5.3.1): 5 is
0x85, 130 is 0x01 0x82.
"""

from collections.abc import Iterable, Mapping, Sequence

PAYLOAD_BITS = 7
PAYLOAD = (1 << PAYLOAD_BITS) - 1  # 0x7F: the seven bits of a byte that carry the number
LAST = 1 << PAYLOAD_BITS  # 0x80: marks the last byte of a number


def vbyte_encode(numbers: Iterable[int]) -> bytes:
    """Each whole number >= 0 in variable bytes, most significant group first.

    Raises ValueError naming the number when one is negative.
    """
    raise NotImplementedError(
        "Task 3: split each number into 7-bit groups, low group first, then reverse"
    )


def vbyte_decode(data: bytes) -> list[int]:
    """The numbers of `data`; ValueError when it ends inside a number (a byte without LAST)."""
    raise NotImplementedError("Task 3: shift in 7 bits a byte; a byte with LAST ends the number")


def delta_encode(numbers: Sequence[int]) -> list[int]:
    """The first number, then each one's gap to the one before.

    Raises ValueError where a number does not grow, naming it and the one before it:
    "5 after 5" for [1, 5, 5], "3 after 5" for [1, 5, 3].
    """
    raise NotImplementedError("Task 3: the first number, then gaps to the previous one (each > 0)")


def delta_decode(gaps: Sequence[int]) -> list[int]:
    """The numbers whose delta_encode is `gaps` (a running sum)."""
    numbers, total = [], 0
    for gap in gaps:
        total += gap
        numbers.append(total)
    return numbers


def encode_postings(postings: Mapping[int, Sequence[int]]) -> bytes:
    """One posting list in variable bytes.

    The layout: the number of documents; then for each document, by increasing id, its
    id's gap (delta_encode of the ids), its number of positions, and its positions'
    gaps (delta_encode of its positions).
    """
    raise NotImplementedError(
        "Task 3: lay the numbers out as the docstring says, then vbyte_encode them"
    )


def decode_postings(data: bytes) -> dict[int, list[int]]:
    """The posting list that encode_postings wrote; ValueError when `data` does not hold one."""
    numbers = vbyte_decode(data)
    if not numbers:
        raise ValueError("no postings: the data is empty")
    count, cursor, doc_id, postings = numbers[0], 1, 0, {}
    for _ in range(count):
        if cursor + 2 > len(numbers):
            raise ValueError(f"cut short after {len(postings)} of {count} documents")
        doc_id += numbers[cursor]
        n_positions = numbers[cursor + 1]
        cursor += 2
        if cursor + n_positions > len(numbers):
            raise ValueError(f"cut short in the positions of document {doc_id}")
        postings[doc_id] = delta_decode(numbers[cursor : cursor + n_positions])
        cursor += n_positions
    if cursor != len(numbers):
        raise ValueError(f"{len(numbers) - cursor} numbers left over after {count} documents")
    return postings

"""Task 3: variable-byte and delta coding of postings; the index written to disk, read back."""

import pytest
from conftest import build

SHARE_AFTER_GAPS = 0.85  # the gaps take at most this share of the bytes of the whole numbers


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([824, 5, 214577], "06 b8 85 0d 0c b1"),  # Manning et al., Table 5.4
        ([0, 1, 127], "80 81 ff"),
        ([128, 16383, 16384], "01 80 7f ff 01 00 80"),
        ([], ""),
    ],
)
def test_variable_bytes_by_hand(numbers, expected):
    from search.codec import vbyte_decode, vbyte_encode

    got = vbyte_encode(numbers).hex(" ")
    assert got == expected, (
        f"Task 3: vbyte_encode({numbers}) should be {expected}: seven bits a byte, the most "
        f"significant group first, the high bit set on each number's last byte; got {got}"
    )
    assert vbyte_decode(bytes.fromhex(expected)) == numbers, (
        f"Task 3: vbyte_decode should give back {numbers}"
    )


@pytest.mark.task(3)
def test_variable_bytes_round_trip_large_numbers():
    from search.codec import vbyte_decode, vbyte_encode

    numbers = [2**k + d for k in range(0, 40, 3) for d in (-1, 0, 1)]
    assert vbyte_decode(vbyte_encode(numbers)) == numbers, (
        "Task 3: numbers of up to 40 bits should come back as they went in"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("function", "argument", "words", "why"),
    [
        ("vbyte_encode", [4, -3], "-3", "a negative number has no variable-byte code"),
        ("vbyte_decode", bytes.fromhex("85 0d 0c"), "", "0d 0c has no end mark: cut short"),
        ("delta_encode", [1, 5, 5], "5 after 5", "an id repeated does not grow"),
        ("delta_encode", [1, 5, 3], "3 after 5", "3 comes after 5"),
    ],
)
def test_bad_numbers_and_bytes_are_refused(function, argument, words, why):
    from search import codec

    try:
        getattr(codec, function)(argument)
    except ValueError as refused:
        assert words in str(refused), (
            f"Task 3: {function}({argument!r}) should say {words!r} in its ValueError, "
            f"as its docstring says; got {str(refused)!r}"
        )
    else:
        pytest.fail(f"Task 3: {function}({argument!r}) must raise ValueError: {why}")


@pytest.mark.task(3)
def test_delta_coding_by_hand():
    from search.codec import delta_decode, delta_encode

    assert delta_encode([0, 3, 4, 10]) == [0, 3, 1, 6], (
        f"Task 3: delta_encode([0, 3, 4, 10]) should be [0, 3, 1, 6]; got "
        f"{delta_encode([0, 3, 4, 10])}"
    )
    assert delta_encode([7]) == [7] and delta_encode([]) == []
    assert delta_decode([0, 3, 1, 6]) == [0, 3, 4, 10]


@pytest.mark.task(3)
def test_postings_layout_by_hand():
    from search.codec import decode_postings, encode_postings

    postings = {9: [4], 2: [0, 5, 200]}
    numbers = [2, 2, 3, 0, 5, 195, 7, 1, 4]
    expected = (
        bytes(n | 0x80 for n in numbers[:5])
        + bytes([0x01, 0xC3])
        + bytes(n | 0x80 for n in numbers[6:])
    )
    got = encode_postings(postings)
    assert got == expected, (
        "Task 3: encode_postings({9: [4], 2: [0, 5, 200]}) should encode the numbers "
        f"{numbers} (the count, then by increasing id: the id's gap, the number of positions, "
        f"the positions' gaps); expected {expected.hex(' ')}, got {got.hex(' ')}"
    )
    assert decode_postings(got) == {2: [0, 5, 200], 9: [4]}


@pytest.mark.task(3)
def test_the_index_survives_the_disk_and_is_small(topics, topic_index, tmp_path):
    from search.codec import encode_postings, vbyte_encode
    from search.index import InvertedIndex

    index = build(topics.head(30))
    index.delete(4)
    path = tmp_path / "topics.index"
    index.save(path)
    back = InvertedIndex.load(path)
    assert back.postings == index.postings and back.lengths == index.lengths, (
        "Task 3: InvertedIndex.load(save(index)) should give back every posting list and length"
    )
    assert back.documents == index.documents

    def whole(postings):  # the layout of encode_postings, without the gaps
        numbers = [len(postings)]
        for doc_id in sorted(postings):
            numbers += [doc_id, len(postings[doc_id]), *postings[doc_id]]
        return vbyte_encode(numbers)

    lists = [t for field in topic_index.postings.values() for t in field.values()]
    raw = sum(len(whole(t)) for t in lists)
    compressed = sum(len(encode_postings(t)) for t in lists)
    assert compressed <= SHARE_AFTER_GAPS * raw, (
        "Task 3: gaps should make the postings of Python's topics smaller than the same numbers "
        f"written whole: {compressed:,} bytes against {raw:,}"
    )


@pytest.mark.task(3)
@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda data: b"XXXX" + data[4:], "not an index file"),
        (lambda data: data[:6], "cut short inside the header"),
        (lambda data: data[:40], "header is not valid JSON"),
        (lambda data: data[:-3], "cut short"),
        (lambda data: data[:-1] + bytes([data[-1] & 0x7F]), "ends inside a number"),
    ],
    ids=["magic", "short header", "broken header", "short postings", "last byte unmarked"],
)
def test_a_damaged_file_is_refused_with_a_reason(topics, tmp_path, damage, says):
    from search.index import CorruptIndex, InvertedIndex

    path = tmp_path / "small.index"
    build(topics.head(5)).save(path)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(CorruptIndex, match=says):
        InvertedIndex.load(path)

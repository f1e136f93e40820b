"""Task 2: normalise a message and split it into tokens."""

import re

import pytest

from spam_filter.tokeniser import normalise, tokenise

CASES = {
    "case and punctuation": ("Are you coming TONIGHT?!", ["are", "you", "coming", "tonight"]),
    "apostrophes stay inside words": ("I'll call, don't worry", ["i'll", "call", "don't", "worry"]),
    "curly apostrophe": ("I\u2019ll be there", ["i'll", "be", "there"]),
    "one-letter words and glued digits": ("gr8, c u 2nite", ["gr8", "c", "u", "2nite"]),
    "emoji and smileys": ("ok!!! :) \U0001f44d", ["ok"]),
    "empty message": ("", []),
    "www link": ("Claim at www.win-now.com today", ["claim", "at", "__url__", "today"]),
    "http link with digits": ("see http://bit.ly/x2Y?id=12345 now", ["see", "__url__", "now"]),
    "bare domain with a path": ("go to prizeclaim.co.uk/123", ["go", "to", "__url__"]),
    "pounds with a comma": ("WIN £1,000 cash", ["win", "__money__", "cash"]),
    "pence per message": ("only 150p/msg", ["only", "__money__", "msg"]),
    "dollars and euros": ("$5 or €20.50", ["__money__", "or", "__money__"]),
    "premium phone number": ("Call 09061701461 now", ["call", "__phone__", "now"]),
    "spaced mobile number": ("ring 07700 900123", ["ring", "__phone__"]),
    "international number": ("on +44 7700 900123", ["on", "__phone__"]),
    "short code": ("Txt WIN to 87121", ["txt", "win", "to", "__shortcode__"]),
    "times and counts": ("at 7:30, in 10 mins", ["at", "__number__", "in", "__number__", "mins"]),
    "six digits are no short code": ("code 123456", ["code", "__number__"]),
}


@pytest.mark.task(2)
@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_tokenise(text, expected):
    tokens = tokenise(text)
    assert tokens == expected, f"Task 2: tokenise({text!r}) should be {expected}, got {tokens}"


@pytest.mark.task(2)
def test_normalise_keeps_the_text_around_placeholders():
    text = "FREE msg: txt STOP to 87121, £1.50/wk"
    expected = "free msg: txt stop to __shortcode__, __money__/wk"
    result = normalise(text)
    assert result == expected, f"Task 2: normalise({text!r}) should be {expected!r}, got {result!r}"


@pytest.mark.task(2)
def test_every_generated_message_gives_clean_tokens(messages):
    clean = re.compile(r"__(url|money|phone|shortcode|number)__|[^\W_A-Z]+(?:'[^\W_A-Z]+)*")
    for text in messages.texts[:1000]:
        tokens = tokenise(text)
        bad = [token for token in tokens if not clean.fullmatch(token)]
        assert not bad, (
            f"Task 2: tokens are lower-case words or placeholders; tokenise({text!r}) gave {bad}"
        )

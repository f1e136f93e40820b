"""Tasks 1 and 2: undo the habits of social media, then tokenise with negation scopes.

Spaces do not matter in Task 1: its tests compare the words of your output
(`text.split()`), so `" <url> "` and `"<url>"` both pass.
"""

import re
import unicodedata

import pytest

from sentiment.preprocess import (
    CLAUSE_PUNCTUATION,
    emojis_to_words,
    mark_negation,
    normalise,
    replace_urls_and_mentions,
    split_hashtags,
    squash_elongations,
    tokenise,
)

HEART_EYES = "emoji_smiling_face_with_heart_shaped_eyes"
LEFTOVER_HABIT = re.compile(r"https?://\S+|(?<!\w)[#@]\w+")
LEFTOVER_ELONGATION = re.compile(r"([^\W\d_])\1\1+")
TOKEN_SHAPE = re.compile(r"(?:<\w+>|\w+(?:'\w+)*)(?:_NEG)?")


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("@AmazonHelp never came https://amzn.to/x1Y", ["<user>", "never", "came", "<url>"]),
        ("see www.example.com/page?x=1 now", ["see", "<url>", "now"]),
        ("SEE WWW.Example.com OR HTTPS://amzn.to/A1", ["SEE", "<url>", "OR", "<url>"]),
        ("thanks @snack_attack and @Jo99!", ["thanks", "<user>", "and", "<user>", "!"]),
        (
            "a link with a #tag and @user: http://x.co/@a/#b ok",
            ["a", "link", "with", "a"] + ["#tag", "and", "<user>", ":", "<url>", "ok"],
        ),
        ("write to me@example.com", ["write", "to", "me@example.com"]),
        ("no link here", ["no", "link", "here"]),
    ],
)
def test_links_and_mentions_become_tokens(text, words):
    result = replace_urls_and_mentions(text)
    assert result.split() == words, (
        f"Task 1: replace_urls_and_mentions({text!r}) should give the words {words}, "
        f"got {result!r}. A link runs from http://, https:// or www. (in any case) to the next "
        "space; a mention is @ and word characters, not glued to a word before it (an e-mail "
        "address)."
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I #LoveThisTea", ["I", "<hashtag>", "Love", "This", "Tea"]),
        ("#USAFood rocks", ["<hashtag>", "USA", "Food", "rocks"]),
        ("#top10 snacks", ["<hashtag>", "top", "10", "snacks"]),
        ("#NeverAgain.", ["<hashtag>", "Never", "Again", "."]),
        ("#snack_attack", ["<hashtag>", "snack", "attack"]),
        ("#lovethistea", ["<hashtag>", "lovethistea"]),
        ("#Yum #SoGood", ["<hashtag>", "Yum", "<hashtag>", "So", "Good"]),
        ("I code in C# daily", ["I", "code", "in", "C#", "daily"]),
    ],
)
def test_hashtags_are_split_into_words(text, words):
    result = split_hashtags(text)
    assert result.split() == words, (
        f"Task 1: split_hashtags({text!r}) should give the words {words}, got {result!r}. "
        "A word of a hashtag is a capital followed by lower-case letters, a run of capitals "
        "not followed by a lower-case letter, a run of lower-case letters, or a run of digits."
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sooo gooood", "soo good"),
        ("LOOOOVE it", "LOOVE it"),
        ("zzzz", "zz"),
        ("good coffee, too", "good coffee, too"),
        ("$1000 for this!!!", "$1000 for this!!!"),
        ("Yesss!!! sooooo", "Yess!!! soo"),
        ("Mmmmm, SOoooo", "Mm, SOo"),
    ],
)
def test_elongations_are_squashed_to_two_letters(text, expected):
    result = squash_elongations(text)
    assert result == expected, (
        f"Task 1: squash_elongations({text!r}) should be {expected!r}, got {result!r}. "
        "Only runs of three or more of the same letter shrink, to their first two letters, "
        "whatever their case (Mmmm -> Mm); digits and punctuation stay as they are."
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("so good😍😍", ["so", "good", HEART_EYES, HEART_EYES]),
        ("❤️ and ❤", ["emoji_heavy_black_heart", "and", "emoji_heavy_black_heart"]),
        ("👍🏽👎", ["emoji_thumbs_up_sign", "emoji_thumbs_down_sign"]),
        ("👩\u200d🍳", ["emoji_woman", "emoji_cooking"]),
        ("café naïve £5 — ok", ["café", "naïve", "£5", "—", "ok"]),
        ("plain ascii :) ^_^", ["plain", "ascii", ":)", "^_^"]),
    ],
)
def test_emojis_become_words(text, words):
    result = emojis_to_words(text)
    assert result.split() == words, (
        f"Task 1: emojis_to_words({text!r}) should give the words {words}, got {result!r}. "
        "A character of category 'So' becomes emoji_ and its unicodedata.name, lower-cased, "
        "with every run of other characters than letters and digits turned into '_'; the "
        "invisible EMOJI_MODIFIERS go first; every other character stays."
    )


@pytest.mark.task(1)
def test_normalise_undoes_a_whole_tweet():
    tweet = "@Jo I #LoveThisTea sooo much😍 https://t.co/x?a=1#top"
    words = normalise(tweet).split()
    expected = ["<user>", "i", "<hashtag>", "love", "this", "tea", "soo", "much", HEART_EYES]
    expected.append("<url>")
    assert words == expected, (
        f"Task 1: normalise({tweet!r}) should give the words {expected}, got {words}. "
        "normalise is provided: look at the first function whose output differs."
    )


@pytest.mark.task(1)
def test_no_tweet_habit_survives_normalise(train):
    for text in train.texts[:1000]:
        result = normalise(text)
        leftovers = [
            (match.start(), match[0])
            for pattern in (LEFTOVER_HABIT, LEFTOVER_ELONGATION)
            for match in pattern.finditer(result)
        ]
        leftovers += [
            (at, char) for at, char in enumerate(result) if unicodedata.category(char) == "So"
        ]
        if leftovers:
            at = min(leftovers)[0]
            pytest.fail(
                "Task 1: after normalise, a tweet should have no link, mention, hashtag, run of "
                f"three letters or emoji left; found {[found for _, found in leftovers]}, the "
                f"first in ...{result[max(at - 60, 0) : at + 60]!r}..."
            )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (
            ["i", "don't", "like", "it", ".", "fine"],
            ["i", "don't", "like_NEG", "it_NEG", ".", "fine"],
        ),
        (["never", "again"], ["never", "again_NEG"]),
        (["it", "isn't", "good", "!", "buy", "it"], ["it", "isn't", "good_NEG", "!", "buy", "it"]),
        (["dont", "buy", ",", "ok"], ["dont", "buy_NEG", ",", "ok"]),
        (
            ["not", "bad", "not", "great", "?", "no"],
            ["not", "bad_NEG", "not", "great_NEG", "?", "no"],
        ),
        (["no", ".", "good"], ["no", ".", "good"]),
        (["good", "stuff"], ["good", "stuff"]),
        ([], []),
    ],
)
def test_mark_negation(tokens, expected):
    given = list(tokens)
    result = mark_negation(given)
    assert result == expected, (
        f"Task 2: mark_negation({tokens}) should be {expected}, got {result}. The scope of a "
        "negation starts after it and stops at the next clause punctuation mark; negations "
        "and punctuation are never marked."
    )
    assert given == tokens, "Task 2: mark_negation must not change the list it is given"


@pytest.mark.task(2)
@pytest.mark.parametrize("mark", sorted(CLAUSE_PUNCTUATION))
def test_every_clause_punctuation_mark_ends_a_scope(mark):
    result = mark_negation(["not", "good", mark, "tasty"])
    assert result == ["not", "good_NEG", mark, "tasty"], (
        f"Task 2: {mark!r} should end a negation's scope, got {result}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Not gooood at all!! 👎",
            ["not", "good_NEG", "at_NEG", "all_NEG", "emoji_thumbs_down_sign"],
        ),
        (
            "@AmazonHelp I don’t like it, but #SoGood https://x.co/1",
            [
                "<user>",
                "i",
                "don't",
                "like_NEG",
                "it_NEG",
                "but",
                "<hashtag>",
                "so",
                "good",
                "<url>",
            ],
        ),
        ("5 stars. Won't buy again...", ["5", "stars", "won't", "buy_NEG", "again_NEG"]),
        ('(great) - "really" great', ["great", "really", "great"]),
    ],
)
def test_tokenise(text, expected):
    result = tokenise(text)
    assert result == expected, (
        f"Task 2: tokenise({text!r}) should be {expected}, got {result}. Find special tokens, "
        "words (apostrophes inside allowed) and clause punctuation in normalise(text), mark "
        "the negations, then drop the punctuation."
    )


@pytest.mark.task(2)
def test_tokens_of_real_tweets_are_clean(train):
    for text in train.texts[:500]:
        tokens = tokenise(text)
        assert tokens, f"Task 2: tokenise gave no token for {text!r}"
        odd = [
            token
            for token in tokens
            if not TOKEN_SHAPE.fullmatch(token)
            or token.removesuffix("_NEG").lower() != token.removesuffix("_NEG")
        ]
        assert not odd, (
            f"Task 2: every token should be a special token like <url> or a lower-case word, "
            f"perhaps with _NEG; got {odd} from {text!r}"
        )

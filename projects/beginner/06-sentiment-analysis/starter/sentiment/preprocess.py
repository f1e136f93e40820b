"""Turn a tweet into tokens a sentiment model can count.

A tokeniser made for newspaper text loses most of what a tweet says about its
writer's mood: it splits `#NeverAgain` into nothing useful, counts `gooood` and
`goooood` as two unrelated words, and drops `😍` altogether. `normalise` undoes
the habits of social media one at a time (Task 1); `tokenise` then splits the
text and marks which words a negation reaches (Task 2). The special tokens follow
the GloVe Twitter preprocessing: `<url>`, `<user>`, `<hashtag>`.
"""

import re

URL_TOKEN = "<url>"
USER_TOKEN = "<user>"
HASHTAG_TOKEN = "<hashtag>"
EMOJI_PREFIX = "emoji_"
NEGATION_SUFFIX = "_NEG"

EMOJI_CATEGORY = "So"  # Unicode's "Symbol, other": emojis, and a few signs such as ©
# Invisible parts of emoji sequences, dropped: the zero-width joiner, variation
# selector 16 (which asks for the colour glyph) and the five skin tones.
EMOJI_MODIFIERS = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")
NEGATION_WORDS = frozenset(
    ("not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "cannot")
    + ("dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt")
    + ("wont", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint")  # apostrophe-less
)
NEGATION_ENDING = "n't"  # don't, isn't, won't, ...
CLAUSE_PUNCTUATION = frozenset(".,:;!?")


def replace_urls_and_mentions(text: str) -> str:
    """Replace each link by URL_TOKEN and each @mention by USER_TOKEN, with spaces around.

    A link starts with `http://`, `https://` or `www.`, in any case (`HTTPS://`),
    and runs to the next whitespace. A mention is `@` followed by letters, digits
    or underscores, not preceded by a letter or digit (so `me@example.com` is
    left alone).
    `"@AmazonHelp never came https://amzn.to/x1"` -> `" <user>  never came  <url> "`.
    """
    raise NotImplementedError("Task 1: replace links by URL_TOKEN, then @mentions by USER_TOKEN")


def split_hashtags(text: str) -> str:
    """Replace each hashtag by HASHTAG_TOKEN and its words, split at capitals and digits.

    A hashtag is `#` followed by letters, digits or underscores, not preceded by a
    letter or digit. Its words are the runs of one capital and lower-case
    letters (`Best`), of capitals not followed by a lower-case letter (`USA` in
    `#USAFood`), of lower-case letters, and of digits, in order.
    `"I #LoveThisTea"` -> `"I  <hashtag> Love This Tea "`; `"#USAFood"` -> `" <hashtag> USA Food "`;
    `"#top10"` -> `" <hashtag> top 10 "`. Text with no hashtag is returned unchanged.
    """

    raise NotImplementedError("Task 1: split each hashtag's body into words at capitals and digits")


def squash_elongations(text: str) -> str:
    """Shorten every run of three or more of the same letter to two: `sooo gooood` -> `soo good`.

    Only letters are squashed, and a run may mix cases: `LOOOVE` -> `LOOVE`,
    `Mmmmm` -> `Mm` (its first two letters stay). Digits (`$1000`) and
    punctuation (`!!!`) are left as they are. Two letters are kept because
    English doubles letters (`good`, `too`) but never triples them.
    """
    raise NotImplementedError(
        "Task 1: replace each run of 3+ copies of one letter by its first two"
    )


def emojis_to_words(text: str) -> str:
    """Replace each emoji by one word, EMOJI_PREFIX and its Unicode name, with spaces around.

    An emoji is a character of Unicode category EMOJI_CATEGORY; its word is its
    name from `unicodedata.name`, lower-cased, with every run of characters
    other than letters and digits turned into `_`:
    `😍` -> ` emoji_smiling_face_with_heart_shaped_eyes `.
    The invisible EMOJI_MODIFIERS are removed first, so `❤️` and `👍🏽` give the same
    word as `❤` and `👍`. Other characters are kept as they are. No ASCII character
    is an emoji, and a Python loop over every character of 5,000 reviews is slow:
    let a regular expression find the non-ASCII ones.
    """

    raise NotImplementedError(
        "Task 1: drop EMOJI_MODIFIERS, then name each character of category So"
    )


def normalise(text: str) -> str:
    """Apply the four steps of Task 1 in a safe order, then lower-case the result.

    Links go first, because they may hold `#` and `@`; hashtags are split
    before lower-casing, which would erase the capitals that mark their words.
    Curly apostrophes become straight ones, so `don’t` and `don't` are one word.
    """
    text = replace_urls_and_mentions(text.replace("\u2019", "'"))
    text = split_hashtags(text)
    text = squash_elongations(text)
    text = emojis_to_words(text)
    return text.lower()


def mark_negation(tokens: list[str]) -> list[str]:
    """Append NEGATION_SUFFIX to every token in the scope of a negation.

    A negation is a token in NEGATION_WORDS or one ending in NEGATION_ENDING.
    Its scope starts at the next token and ends before the next token in
    CLAUSE_PUNCTUATION (or at the end). Negations themselves and punctuation are
    never marked; a negation inside a scope starts a new scope. The result is as
    long as `tokens`, which is not modified:
    `["i", "don't", "like", "it", ".", "fine"]`
    -> `["i", "don't", "like_NEG", "it_NEG", ".", "fine"]`.
    """
    raise NotImplementedError(
        "Task 2: walk the tokens: a negation opens a scope, punctuation closes it"
    )


def tokenise(text: str) -> list[str]:
    """Return the tokens of `normalise(text)`, negations marked, punctuation dropped.

    The tokens of the normalised text, in order, are: special tokens in angle
    brackets (`<url>`); words, that is runs of letters, digits and underscores
    that may hold apostrophes inside (`don't`, `emoji_fire`, `10`); and the
    CLAUSE_PUNCTUATION marks, each on its own. Everything else separates tokens.
    After `mark_negation`, the punctuation marks are dropped:
    `"Not gooood at all!! 👎"`
    -> `["not", "good_NEG", "at_NEG", "all_NEG", "emoji_thumbs_down_sign"]`.
    """
    raise NotImplementedError(
        "Task 2: find special tokens, words and punctuation; mark; drop punctuation"
    )

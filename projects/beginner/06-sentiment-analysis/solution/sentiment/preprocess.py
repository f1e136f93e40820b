"""Turn a tweet into tokens a sentiment model can count.

A tokeniser made for newspaper text loses most of what a tweet says about its
writer's mood: it splits `#NeverAgain` into nothing useful, counts `gooood` and
`goooood` as two unrelated words, and drops `😍` altogether. `normalise` undoes
the habits of social media one at a time (Task 1); `tokenise` then splits the
text and marks which words a negation reaches (Task 2). The special tokens follow
the GloVe Twitter preprocessing: `<url>`, `<user>`, `<hashtag>`.
"""

import re
import unicodedata  # SOLUTION

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
    # BEGIN SOLUTION (task 1): replace links by URL_TOKEN, then @mentions by USER_TOKEN
    text = re.sub(r"(?:https?://|www\.)\S+", f" {URL_TOKEN} ", text, flags=re.IGNORECASE)
    return re.sub(r"(?<!\w)@\w+", f" {USER_TOKEN} ", text)
    # END SOLUTION


def split_hashtags(text: str) -> str:
    """Replace each hashtag by HASHTAG_TOKEN and its words, split at capitals and digits.

    A hashtag is `#` followed by letters, digits or underscores, not preceded by a
    letter or digit. Its words are the runs of one capital and lower-case
    letters (`Best`), of capitals not followed by a lower-case letter (`USA` in
    `#USAFood`), of lower-case letters, and of digits, in order.
    `"I #LoveThisTea"` -> `"I  <hashtag> Love This Tea "`; `"#USAFood"` -> `" <hashtag> USA Food "`;
    `"#top10"` -> `" <hashtag> top 10 "`. Text with no hashtag is returned unchanged.
    """

    # BEGIN SOLUTION (task 1): split each hashtag's body into words at capitals and digits
    def words_of(match: re.Match) -> str:
        words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", match[1])
        return f" {HASHTAG_TOKEN} {' '.join(words)} "

    return re.sub(r"(?<!\w)#(\w+)", words_of, text)
    # END SOLUTION


def squash_elongations(text: str) -> str:
    """Shorten every run of three or more of the same letter to two: `sooo gooood` -> `soo good`.

    Only letters are squashed, and a run may mix cases: `LOOOVE` -> `LOOVE`,
    `Mmmmm` -> `Mm` (its first two letters stay). Digits (`$1000`) and
    punctuation (`!!!`) are left as they are. Two letters are kept because
    English doubles letters (`good`, `too`) but never triples them.
    """
    # BEGIN SOLUTION (task 1): replace each run of 3+ copies of one letter by its first two
    return re.sub(r"([^\W\d_])\1{2,}", lambda run: run[0][:2], text, flags=re.IGNORECASE)
    # END SOLUTION


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

    # BEGIN SOLUTION (task 1): drop EMOJI_MODIFIERS, then name each character of category So
    def word_of(match: re.Match) -> str:
        character = match[0]
        if unicodedata.category(character) != EMOJI_CATEGORY:
            return character
        name = re.sub(r"[^a-z0-9]+", "_", unicodedata.name(character, "symbol").lower())
        return f" {EMOJI_PREFIX}{name} "

    return re.sub(r"[^\x00-\x7f]", word_of, EMOJI_MODIFIERS.sub("", text))
    # END SOLUTION


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
    # BEGIN SOLUTION (task 2): walk the tokens: a negation opens a scope, punctuation closes it
    marked = []
    in_scope = False
    for token in tokens:
        if token in CLAUSE_PUNCTUATION:
            in_scope = False
            marked.append(token)
        elif token in NEGATION_WORDS or token.endswith(NEGATION_ENDING):
            in_scope = True
            marked.append(token)
        else:
            marked.append(token + NEGATION_SUFFIX if in_scope else token)
    return marked
    # END SOLUTION


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
    # BEGIN SOLUTION (task 2): find special tokens, words and punctuation; mark; drop punctuation
    tokens = re.findall(r"<\w+>|\w+(?:'\w+)*|[.,:;!?]", normalise(text))
    return [token for token in mark_negation(tokens) if token not in CLAUSE_PUNCTUATION]
    # END SOLUTION

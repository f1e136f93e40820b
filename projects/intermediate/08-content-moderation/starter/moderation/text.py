"""Task 1: a text classifier that a disguised word does not fool.

A keyword filter reads `idiot` and misses `1d10t`, `i d i o t` and `idiоt` (with a
Cyrillic `о`). Two defences work together: `normalise` undoes the disguises it can
name, and character n-grams (pieces of 2 to 4 letters inside each word) still match
most of a word that was only partly disguised, or misspelt in a way nobody foresaw.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

# Latin letters that other scripts draw the same: Cyrillic and Greek lookalikes.
HOMOGLYPHS = {
    "\u0430": "a",  # Cyrillic а
    "\u0435": "e",  # Cyrillic е
    "\u043e": "o",  # Cyrillic о
    "\u0440": "p",  # Cyrillic р
    "\u0441": "c",  # Cyrillic с
    "\u0445": "x",  # Cyrillic х
    "\u0443": "y",  # Cyrillic у
    "\u0456": "i",  # Cyrillic і
    "\u03bf": "o",  # Greek ο
    "\u03b1": "a",  # Greek α
}
# Digits and signs written for letters, undone only inside a word that has a letter.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
MAX_REPEAT = 2  # a letter repeated more than this many times is cut to this many
NGRAM_RANGE = (2, 4)
MIN_DF = 2
C = 4.0
MAX_ITER = 2_000


def normalise(text: str) -> str:
    """`text` with the disguises undone, in this order:

    1. Unicode NFKC (fullwidth `ｆｒｅｅ` becomes `free`), then lower case;
    2. each character of HOMOGLYPHS replaced by its Latin letter;
    3. in each run of non-space characters that holds at least one letter (a-z),
       each character of LEET replaced by its letter (`1d10t` -> `idiot`, but `1000`
       and `$$$` stay as they are);
    4. three or more single letters (a-z) each separated by one space joined into one
       word (`i d i o t` -> `idiot`; `a b` stays);
    5. a letter (a-z) repeated more than MAX_REPEAT times cut to MAX_REPEAT
       (`looooser` -> `looser`);
    6. runs of whitespace made one space, and the ends stripped.
    """
    raise NotImplementedError(
        "Task 1: NFKC and lower, homoglyphs, leet inside lettered words, join, cut"
    )


def build_text_model(
    ngram_range: tuple[int, int] = NGRAM_RANGE, c: float = C, use_normalise: bool = True
) -> Pipeline:
    """An unfitted scikit-learn Pipeline of two steps, named "tfidf" and "classifier":

    - TfidfVectorizer over character n-grams inside word boundaries (analyzer
      "char_wb") of lengths `ngram_range`, min_df=MIN_DF, sublinear_tf=True, with
      `normalise` as its preprocessor when `use_normalise` (else the default one,
      which only lower-cases);
    - LogisticRegression with C=`c`, class_weight="balanced", max_iter=MAX_ITER.
    """
    raise NotImplementedError(
        "Task 1: a Pipeline of the char_wb TfidfVectorizer and the LogisticRegression"
    )

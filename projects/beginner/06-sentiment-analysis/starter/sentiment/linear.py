"""TF-IDF on your tokens, then logistic regression: the strong baseline of sentiment.

scikit-learn does the arithmetic; the lesson is the wiring. Your `tokenise`
goes in as the vectoriser's `tokenizer`, not its `analyzer`: an analyzer
replaces scikit-learn's whole analysis, word n-grams included, so a pipeline
given `analyzer=tokenise` and `ngram_range=(1, 2)` silently counts single words
only. Bigrams matter here: `not_NEG` is rare, but `good_NEG` and `no stars` are not.
"""

from collections.abc import Callable

from sklearn.pipeline import Pipeline

from sentiment.preprocess import tokenise

NGRAM_RANGE = (1, 2)  # words and pairs of neighbouring words
MIN_DOCUMENT_FREQUENCY = 2  # an n-gram seen in one review only is noise, not vocabulary
INVERSE_REGULARISATION = 3.0  # logistic regression's C: weaker regularisation than the default 1
MAX_ITERATIONS = 1_000


def build_pipeline(
    tokeniser: Callable[[str], list[str]] | None = tokenise, seed: int = 0
) -> Pipeline:
    """Return an unfitted Pipeline of a TfidfVectorizer and a LogisticRegression.

    With a `tokeniser`, the vectoriser uses it as its `tokenizer` (so it must not
    lower-case the text itself, nor use a `token_pattern`); with `None`, it keeps
    scikit-learn's own lower-casing and tokenisation, the "no preprocessing"
    baseline. Either way it counts NGRAM_RANGE word n-grams seen in at least
    MIN_DOCUMENT_FREQUENCY reviews, with sublinear tf. The classifier is a
    LogisticRegression with C=INVERSE_REGULARISATION, MAX_ITERATIONS and
    `random_state=seed`.
    """
    raise NotImplementedError(
        "Task 3: TfidfVectorizer (tokenizer=, not analyzer=), then LogisticRegression"
    )


def top_features(pipeline: Pipeline, n: int = 10) -> tuple[list[str], list[str]]:
    """Return the n n-grams that push hardest towards "great", and the n towards "other".

    `pipeline` is a fitted pipeline of `build_pipeline`. The first list holds the
    n-grams of the n largest coefficients, largest first; the second those of
    the n smallest, smallest first.
    """
    raise NotImplementedError(
        "Task 3: sort the coefficients; name them with get_feature_names_out()"
    )

"""Read the file format of the SMS Spam Collection.

The real collection (UCI, file `SMSSpamCollection`) holds one message a line: the
label `ham` or `spam`, a tab, then the text. With that file on your disk,
`load_sms_collection` gives you the same `Corpus` as the generator in `data.py`,
so every later task runs unchanged on the real messages.
"""

from os import PathLike

from spam_filter.data import LABEL_NAMES, Corpus

LABELS = {name: label for label, name in enumerate(LABEL_NAMES)}  # {"ham": 0, "spam": 1}


def load_sms_collection(path: str | PathLike[str]) -> Corpus:
    """Load a file of `label<TAB>text` lines into a `Corpus`.

    - The file is UTF-8 (a byte-order mark at the start is allowed); line ends
      may be `\\n` or `\\r\\n`.
    - Blank lines (empty, or only whitespace) are skipped.
    - The label is `ham` or `spam` (exactly, after stripping spaces around it);
      LABELS maps it to its number (ham -> HAM = 0, spam -> SPAM = 1).
    - The text is everything after the first tab, stripped of spaces at either
      end; it may hold more tabs.

    Raises ValueError, with the path and the 1-based line number in the message,
    for a line without a tab, an unknown label or an empty text; ValueError too
    for a file that is not UTF-8 or holds no messages at all. A bad line is an
    error, never skipped in silence: a filter trained on half a file is worse
    than no filter.
    """
    raise NotImplementedError(
        "Task 1: parse each non-blank line into a label and a text, failing loudly"
    )

"""Turn an SMS into tokens a model can count.

Spam gives itself away by its shapes as much as by its words: a cash amount, a
premium short code, a link. Each exact value is rare (no two spams share a short
code), but the shape is common, so `normalise` replaces each value by a
placeholder token that the model can learn once.
"""

import re  # SOLUTION

URL = "__url__"
MONEY = "__money__"
PHONE = "__phone__"
SHORTCODE = "__shortcode__"
NUMBER = "__number__"

SHORTCODE_DIGITS = 5


def normalise(text: str) -> str:
    """Return `text` lower-cased, with links, amounts and numbers replaced by placeholders.

    In this order, so that a pattern never sees the digits of an earlier one:

    1. links (`http://...`, `https://...`, `www....`, or a bare `name.com`,
       `.net`, `.org`, `.co.uk`, `.ly`, `.biz`, `.info`, with any path) -> URL;
    2. cash amounts: a currency sign (£, $, €) before a number (`£1,000`,
       `$5`, `£1.50`, `£2k`), or pence (`150p`) -> MONEY;
    3. phone numbers: 10 to 13 digits, optionally after a `+` and grouped by
       single spaces or hyphens (`09061701461`, `07700 900123`) -> PHONE;
    4. any other number standing alone (not glued to letters, as in `gr8` or
       `2nite`), with `.`, `,` or `:` inside allowed (`7:30`, `2.5`): exactly
       SHORTCODE_DIGITS digits -> SHORTCODE, anything else -> NUMBER.

    Placeholders are surrounded by spaces only where the text had them: `£5/wk`
    becomes `__money__/wk`. Curly apostrophes (’) become straight ones (').
    """
    # BEGIN SOLUTION (task 2): replace links, amounts, phone numbers and numbers, then lower-case
    url = r"(?:https?://|www\.)\S+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|co\.uk|ly|biz|info)\b(?:/\S*)?"
    money = r"[£$€]\s?\d+(?:[.,]\d+)*(?:k\b)?|\b\d+(?:\.\d+)?p\b"
    phone = r"(?<![\w+])\+?\d(?:[ -]?\d){9,12}\b"
    number = r"\b\d+(?:[.,:]\d+)*\b"

    def number_placeholder(match: re.Match) -> str:
        digits = match[0]
        return SHORTCODE if digits.isdigit() and len(digits) == SHORTCODE_DIGITS else NUMBER

    text = text.replace("\u2019", "'")
    text = re.sub(url, URL, text, flags=re.IGNORECASE)
    text = re.sub(money, MONEY, text, flags=re.IGNORECASE)
    text = re.sub(phone, PHONE, text)
    text = re.sub(number, number_placeholder, text)
    return text.lower()
    # END SOLUTION


def tokenise(text: str) -> list[str]:
    """Return the tokens of `normalise(text)`, in order.

    A token is a placeholder (`__money__`), or a run of letters and digits, which
    may hold apostrophes inside (`i'll`, `don't`, `gr8`). Everything else
    (punctuation, spaces, emoji) separates tokens and is dropped. One-letter words
    stay: in an SMS `u` and `k` carry meaning.
    """
    # BEGIN SOLUTION (task 2): find the placeholders and word tokens of the normalised text
    return re.findall(r"__[a-z]+__|[^\W_]+(?:'[^\W_]+)*", normalise(text))
    # END SOLUTION

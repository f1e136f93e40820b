"""Structured queries: boolean operators, phrases, prefixes and field filters.

    variance AND (test OR anova)        both sides; either word
    "analysis of variance"              the words in this order, next to each other
    regress*                            any term that starts with "regress"
    title:income NOT body:survey        a field filter, and a document left out

Words next to each other without an operator are joined by AND; NOT binds tightest,
then AND, then OR. Words are analysed as the index analysed its fields, so "Tests"
finds "test". A malformed query is refused with QuerySyntaxError, which says what was
wrong and at which character.
"""

import re
from dataclasses import dataclass

from search.analysis import analyse
from search.index import FIELDS, InvertedIndex

DEFAULT_FIELD = "body"
OPERATORS = ("AND", "OR", "NOT")
LEXEME = re.compile(
    r'(?P<space>\s+)|(?P<open>\()|(?P<close>\))|(?P<phrase>"[^"]*")|(?P<word>[^\s()"]+(?:"[^"]*")?)'
)
FIELD_PREFIX = re.compile(r"^(\w+):(.*)$")
MIN_PREFIX = 2  # "a*" would expand to a tenth of the vocabulary


class QuerySyntaxError(ValueError):
    """A malformed query: `message` says what is wrong, `position` the character (from 0)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at character {position})")
        self.message, self.position = message, position


@dataclass(frozen=True)
class Token:
    """A lexeme of a query: its kind (open, close, phrase, word, AND, OR, NOT), text, position."""

    kind: str
    text: str
    position: int


@dataclass(frozen=True)
class Term:
    field: str
    term: str


@dataclass(frozen=True)
class Phrase:
    field: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    field: str
    prefix: str


@dataclass(frozen=True)
class And:
    left: object
    right: object


@dataclass(frozen=True)
class Or:
    left: object
    right: object


@dataclass(frozen=True)
class Not:
    child: object


def tokenise_query(query: str) -> list[Token]:
    """The lexemes of `query`, spaces dropped; an unclosed quote is a QuerySyntaxError. Provided."""
    tokens, position = [], 0
    while position < len(query):
        match = LEXEME.match(query, position)
        if match is None:  # only a quote without its pair is left
            raise QuerySyntaxError('a phrase opened by " is never closed', position)
        kind, text = match.lastgroup, match.group()
        if kind == "word" and text in OPERATORS:
            kind = text
        if kind != "space":
            tokens.append(Token(kind, text, position))
        position = match.end()
    return tokens


def leaf(token: Token) -> Term | Phrase | Prefix:
    """The leaf node of a word or phrase token, analysed; QuerySyntaxError when it is not one.

    A `field:` before the text chooses the field (one of FIELDS; DEFAULT_FIELD without
    one). A word ending in * is a Prefix of its lower-cased letters (at least MIN_PREFIX
    of them, not stemmed: "regress*" must find "regression"); a phrase is a Phrase of its
    analysed terms; any other word is a Term of its one analysed term. Provided.
    """
    field, text = DEFAULT_FIELD, token.text
    if token.kind == "word" and (match := FIELD_PREFIX.match(text)):
        field, text = match[1], match[2]
        if field not in FIELDS:
            raise QuerySyntaxError(
                f"unknown field {field!r}: the fields are {FIELDS}", token.position
            )
    if token.kind == "phrase" or text.startswith('"'):
        terms = tuple(analyse(text.strip('"')))
        if not terms:
            raise QuerySyntaxError(f"the phrase {text} holds no searchable word", token.position)
        return Phrase(field, terms)
    if text.endswith("*"):
        prefix = text[:-1].lower()
        if len(prefix) < MIN_PREFIX or not prefix.isalnum():
            raise QuerySyntaxError(
                f"a prefix needs at least {MIN_PREFIX} letters or digits before *: {text!r}",
                token.position,
            )
        return Prefix(field, prefix)
    terms = analyse(text)
    if len(terms) != 1:
        raise QuerySyntaxError(
            f"{text!r} is not one searchable word (a stop word?)", token.position
        )
    return Term(field, terms[0])


def parse(query: str) -> object:
    """The tree of `query`: nodes Or, And, Not over leaves Term, Phrase and Prefix.

    The grammar, by recursive descent over tokenise_query(query):
        or  := and ("OR" and)*                     left-associative: Or(Or(a, b), c)
        and := not (["AND"] not)*                  AND may be left out: "a b" is And(a, b)
        not := "NOT" not | "(" or ")" | leaf
    Errors (QuerySyntaxError, at the offending token's position, or len(query) at the
    end): an empty query "the query is empty"; a missing operand "expected a word, a
    phrase or ( after ..."; a ) without ( "unmatched )"; a ( never closed "unclosed (".
    """
    tokens = tokenise_query(query)
    if not tokens:
        raise QuerySyntaxError("the query is empty", 0)
    # BEGIN SOLUTION (task 5): three mutually recursive functions over a cursor, one per rule
    # BEGIN PROMPT
    # cursor = 0  # the index in tokens of the next token to read
    #
    # def peek() -> Token | None:
    #     return tokens[cursor] if cursor < len(tokens) else None
    #
    # ...  # parse_or, parse_and, parse_not: each reads what its rule needs (nonlocal cursor)
    # ...  # parse_not raises "expected ..." when the next token is None, AND, OR or close
    # ...  # then: tree = parse_or(); a token left over is an "unmatched )"
    # END PROMPT
    cursor = 0

    def peek() -> Token | None:
        return tokens[cursor] if cursor < len(tokens) else None

    def parse_or() -> object:
        nonlocal cursor
        node = parse_and()
        while (token := peek()) is not None and token.kind == "OR":
            cursor += 1
            node = Or(node, parse_and())
        return node

    def parse_and() -> object:
        nonlocal cursor
        node = parse_not()
        while (token := peek()) is not None and token.kind not in ("OR", "close"):
            if token.kind == "AND":
                cursor += 1
            node = And(node, parse_not())
        return node

    def parse_not() -> object:
        nonlocal cursor
        token = peek()
        if token is None or token.kind in ("AND", "OR", "close"):
            after = f"{tokens[cursor - 1].text!r}" if cursor else "the start"
            where = len(query) if token is None else token.position
            raise QuerySyntaxError(f"expected a word, a phrase or ( after {after}", where)
        cursor += 1
        if token.kind == "NOT":
            return Not(parse_not())
        if token.kind == "open":
            node = parse_or()
            if peek() is None:
                raise QuerySyntaxError("unclosed (", token.position)
            cursor += 1
            return node
        return leaf(token)

    tree = parse_or()
    if cursor < len(tokens):  # only a ) can stop parse_or before the end
        raise QuerySyntaxError("unmatched )", tokens[cursor].position)
    return tree
    # END SOLUTION


def phrase_documents(index: InvertedIndex, field: str, terms: tuple[str, ...]) -> set[int]:
    """The documents where `terms` stand at consecutive positions of `field`."""
    # BEGIN SOLUTION (task 5): intersect the documents, then look for a start p with term i at p + i
    postings = [index.positions(term, field) for term in terms]
    common = set.intersection(*(set(p) for p in postings))
    found = set()
    for doc_id in common:
        later = [set(p[doc_id]) for p in postings[1:]]
        starts = postings[0][doc_id]
        if any(all(start + i in later[i - 1] for i in range(1, len(terms))) for start in starts):
            found.add(doc_id)
    return found
    # END SOLUTION


def matches(node: object, index: InvertedIndex) -> set[int]:
    """The ids of the documents of `index` that satisfy the query tree `node`.

    Not(x) is every indexed document but those of x. A Prefix matches every term of its
    field that starts with it.
    """
    # BEGIN SOLUTION (task 5): recurse; set operations for And, Or, Not; the postings for leaves
    if isinstance(node, Term):
        return set(index.positions(node.term, node.field))
    if isinstance(node, Phrase):
        return phrase_documents(index, node.field, node.terms)
    if isinstance(node, Prefix):
        vocabulary = index.postings[node.field]
        return {
            doc for term in vocabulary if term.startswith(node.prefix) for doc in vocabulary[term]
        }
    if isinstance(node, And):
        return matches(node.left, index) & matches(node.right, index)
    if isinstance(node, Or):
        return matches(node.left, index) | matches(node.right, index)
    return set(index.documents) - matches(node.child, index)
    # END SOLUTION


def query_terms(node: object, field: str = DEFAULT_FIELD) -> list[str]:
    """The terms that rank the documents a query matched: its Terms and Phrases in `field`,
    outside any Not, in the order they are written. Provided."""
    if isinstance(node, Term):
        return [node.term] if node.field == field else []
    if isinstance(node, Phrase):
        return list(node.terms) if node.field == field else []
    if isinstance(node, And | Or):
        return query_terms(node.left, field) + query_terms(node.right, field)
    return []

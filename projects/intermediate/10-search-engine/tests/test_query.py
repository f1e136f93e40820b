"""Task 5: the query parser's trees and errors, and what a tree matches, by brute force."""

import pytest
from conftest import analysed_fields


def T(term, field="body"):
    from search.query import Term

    return Term(field, term)


@pytest.fixture(scope="module")
def nodes():
    from search import query

    return query


@pytest.mark.task(5)
def test_trees_by_hand(nodes):
    And, Or, Not, Phrase, Prefix = nodes.And, nodes.Or, nodes.Not, nodes.Phrase, nodes.Prefix
    cases = {
        "variance": T("varianc"),
        "a1 b2 c3": And(And(T("a1"), T("b2")), T("c3")),
        "a1 AND b2 OR c3 d4": Or(And(T("a1"), T("b2")), And(T("c3"), T("d4"))),
        "a1 OR b2 OR c3": Or(Or(T("a1"), T("b2")), T("c3")),
        "NOT a1 b2": And(Not(T("a1")), T("b2")),
        "NOT NOT a1": Not(Not(T("a1"))),
        "a1 (b2 OR c3)": And(T("a1"), Or(T("b2"), T("c3"))),
        "((a1))": T("a1"),
        'title:"Analysis of Variance" regress*': And(
            Phrase("title", ("analysi", "varianc")), Prefix("body", "regress")
        ),
        "NOT (title:tests OR body:Data)": Not(Or(T("test", "title"), T("data"))),
    }
    for query, want in cases.items():
        got = nodes.parse(query)
        assert got == want, (
            f"Task 5: parse({query!r}) should be {want}: NOT binds tightest, then AND (implied "
            f"between neighbours), then OR, each left-associative; got {got}"
        )


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("", "the query is empty", 0),
        ("   ", "the query is empty", 0),
        ("a1 AND", "expected a word, a phrase or ( after 'AND'", 6),
        ("OR a1", "expected a word, a phrase or ( after the start", 0),
        ("a1 AND OR b2", "expected a word, a phrase or ( after 'AND'", 7),
        ("NOT", "expected a word, a phrase or ( after 'NOT'", 3),
        ("a1 ()", "expected a word, a phrase or ( after '('", 4),
        ("(a1 OR b2", "unclosed (", 0),
        ("x1 (y2 (z3)", "unclosed (", 3),
        ("a1) b2", "unmatched )", 2),
        ("a1 OR b2)", "unmatched )", 8),
        ('a1 "b2 c3', 'a phrase opened by " is never closed', 3),
        ("colour:red", "unknown field 'colour'", 0),
        ("a1 r*", "a prefix needs at least 2 letters or digits", 3),
        ('"the of"', "holds no searchable word", 0),
    ],
)
def test_malformed_queries_say_what_and_where(nodes, query, message, position):
    assert nodes.parse("ok1 ok2") == nodes.And(T("ok1"), T("ok2")), (
        "Task 5: parse('ok1 ok2') should be And(ok1, ok2) before its errors are checked"
    )
    with pytest.raises(nodes.QuerySyntaxError) as error:
        nodes.parse(query)
    assert message in error.value.message and error.value.position == position, (
        f"Task 5: parse({query!r}) should raise QuerySyntaxError({message!r}..., position "
        f"{position}); got {error.value.message!r} at {error.value.position}"
    )


@pytest.fixture(scope="module")
def brute_force(topics):
    """Each topic's analysed fields, to compute what a query should match by brute force."""
    titles, bodies = analysed_fields(topics)
    ids = [int(i) for i in topics["id"]]
    return {
        "title": dict(zip(ids, titles, strict=True)),
        "body": dict(zip(ids, bodies, strict=True)),
    }


def has_phrase(terms, phrase):
    n = len(phrase)
    return any(tuple(terms[i : i + n]) == phrase for i in range(len(terms) - n + 1))


def expected(node, fields, nodes):
    if isinstance(node, nodes.Term):
        return {d for d, terms in fields[node.field].items() if node.term in terms}
    if isinstance(node, nodes.Phrase):
        return {d for d, terms in fields[node.field].items() if has_phrase(terms, node.terms)}
    if isinstance(node, nodes.Prefix):
        return {
            d
            for d, terms in fields[node.field].items()
            if any(t.startswith(node.prefix) for t in terms)
        }
    if isinstance(node, nodes.And):
        return expected(node.left, fields, nodes) & expected(node.right, fields, nodes)
    if isinstance(node, nodes.Or):
        return expected(node.left, fields, nodes) | expected(node.right, fields, nodes)
    return set(fields["body"]) - expected(node.child, fields, nodes)


QUERIES = [
    '"assignment statement"',
    '"the target list" OR "augmented assignment"',
    '"name binding" NOT "local variable"',
    '"exception handler" AND except*',
    "title:statements NOT body:expression",
    "yield OR await OR async",
    "NOT class",
    "co* AND NOT (lambda OR title:function)",
    'title:"comparisons"',
    '"object object"',
]


@pytest.mark.task(5)
@pytest.mark.parametrize("query", QUERIES)
def test_matches_equal_brute_force(nodes, topic_index, brute_force, query):
    tree = nodes.parse(query)
    want = expected(tree, brute_force, nodes)
    got = nodes.matches(tree, topic_index)
    assert got == want, (
        f"Task 5: {query!r} should match {len(want)} of Python's help topics; got {len(got)} "
        f"(missing {sorted(want - got)[:5]}, extra {sorted(got - want)[:5]}). Phrases need the "
        "terms at consecutive positions; NOT is every document but those."
    )


@pytest.mark.task(5)
def test_a_phrase_by_hand():
    from search.index import InvertedIndex
    from search.query import phrase_documents

    index = InvertedIndex()
    index.add(0, {"title": "", "body": "mean squared error of the mean"})
    index.add(1, {"title": "", "body": "error mean squared"})
    index.add(2, {"title": "", "body": "mean error squared error mean squared"})
    index.add(3, {"title": "squared mean", "body": "squared"})
    got = phrase_documents(index, "body", ("mean", "squar"))
    assert got == {0, 1, 2}, f"Task 5: 'mean squared' stands in documents 0, 1 and 2; got {got}"
    got = phrase_documents(index, "body", ("squar", "error", "mean"))
    assert got == {0, 2}, (
        f"Task 5: 'squared error mean' stands in documents 0 and 2 (stop words are not terms); "
        f"got {got}"
    )

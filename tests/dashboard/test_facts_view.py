"""The reorganisation in figures: every press figure, its article and date, in vi and en."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import callbacks
from dashboard.figures.facts import FACT_CHARTS, fact_chart
from dashboard.views.facts import citation, fact_value, source_date


def _text(tree) -> str:
    """A component or a list of them as JSON text, Vietnamese unescaped."""
    return json.dumps(tree, default=lambda o: o.to_plotly_json(), ensure_ascii=False)


@pytest.mark.parametrize("path", ["/", "/embed/facts"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_appears_with_its_source_and_date(app_data, path, lang):
    # the dashboard draws its facts when the reader scrolls near them
    lazy = path == "/"
    drawn = (
        callbacks.lazy_facts(app_data, lang)
        if lazy
        else callbacks.page_from_url(app_data, f"?lang={lang}", path)
    )
    text = _text(drawn)
    for row in app_data.facts.itertuples():
        assert f'"data-key": "{row.key}"' in text
        named = getattr(row, f"citation_{lang}")
        assert (named or row.source_title) in text
        assert source_date(row.source_date, lang) in text
        assert getattr(row, f"label_{lang}") in text


def test_values_are_written_as_each_language_writes_them(app_data):
    facts = app_data.facts.set_index("key")
    assert fact_value(facts.loc["dossiers_received"], "vi") == "523.292 hồ sơ"
    assert fact_value(facts.loc["dossiers_received"], "en") == "523,292 dossiers"
    assert fact_value(facts.loc["policy_cost"], "en") == "more than 4,063.6 VND bn"
    assert fact_value(facts.loc["policy_cost"], "vi") == "hơn 4.063,6 tỷ đồng"
    assert fact_value(facts.loc["dossiers_processed_of_which_share"], "en") == "97.39 %"
    assert fact_value(facts.loc["headquarters_premises_after"], "vi") == "232 cơ sở nhà, đất"


@pytest.mark.parametrize("chart", [c[0] for c in FACT_CHARTS])
def test_charts_carry_labels_in_the_reader_language(app_data, chart):
    keys = next(c[3] for c in FACT_CHARTS if c[0] == chart)
    for lang in ("vi", "en"):
        fig = fact_chart(app_data.facts, chart, lang, "source")
        labels = [y.replace("<br>", " ") for y in fig.data[0].y]
        assert labels == list(app_data.facts.set_index("key").loc[keys, f"label_{lang}"])
    received = fact_chart(app_data.facts, "dossiers", "vi")
    assert list(received.data[0].x) == [523_292, 413_036, 110_256]


def test_the_97_39_and_232_are_explained(app_data):
    text = _text(callbacks.page_from_url(app_data, "?lang=en", "/embed/facts"))
    assert "does not say “on time”" in text and "premises (houses and land)" in text


def test_dashboard_draws_the_facts_after_the_page(app_data):
    from dash import dcc, html

    def graphs(tree):
        return [c.id for c in html.Div(tree)._traverse() if isinstance(c, dcc.Graph)]

    page = callbacks.page_from_url(app_data, "?lang=en", "/")
    assert not [g for g in graphs(page) if g.startswith("facts-")]
    assert "facts-table" not in _text(page) and "data-key" not in _text(page)
    assert "facts-seen" in _text(page)  # the store the page's script sets when scrolled near
    charts = callbacks.lazy_facts(app_data, "en")
    assert "facts-table" in _text(charts)
    assert graphs(charts) == [f"facts-{chart}" for chart, *_ in FACT_CHARTS]
    figures = [c.figure for c in html.Div(charts)._traverse() if isinstance(c, dcc.Graph)]
    assert all(isinstance(f, dict) and f["data"] for f in figures)  # plain, cheap to cache
    embed = callbacks.page_from_url(app_data, "?lang=en", "/embed/facts")
    assert graphs(embed) == graphs(charts)  # the embed draws them at once


@pytest.mark.parametrize("path", ["/", "/embed/facts"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_placeholder_or_internal_note_on_a_facts_page(app_data, path, lang):
    """No "[title not in seed]"-style placeholder, no note about our source files ("seed")."""
    drawn = (
        callbacks.lazy_facts(app_data, lang)
        if path == "/"
        else callbacks.page_from_url(app_data, f"?lang={lang}", path)
    )
    assert "seed" not in _text(drawn).lower()
    from html import unescape

    from dashboard.web.static_html import to_html

    page = re.sub(r"<script.*?</script>", "", to_html(drawn), flags=re.S)
    visible = unescape(re.sub(r"<[^>]+>", " ", page))
    titles = " ".join(unescape(t) for t in re.findall(r'title="([^"]*)"', page))
    assert "Sở Nội vụ" in visible or "Department of Home Affairs" in visible
    assert "[" not in visible + titles and "]" not in visible + titles


def test_a_source_without_a_known_title_is_cited_cleanly(app_data):
    facts = app_data.facts.set_index("key")
    row = facts.loc["units_commune_level_before"]
    assert (
        citation(row, "vi") == "Sở Nội vụ Hà Nội, hội nghị sơ kết 6 tháng ngành Nội vụ, 25/7/2025"
    )
    assert citation(row, "en") == (
        "Hanoi Department of Home Affairs, Home Affairs sector's mid-year review conference, "
        "25 Jul 2025"
    )
    lang_son = facts.loc["trial_working_groups"]
    assert citation(lang_son, "vi").endswith("Báo Lạng Sơn (photos Vietnam+), 20/6/2025")
    assert source_date("2026", "en") == "2026" and source_date("2026-05", "vi") == "5/2026"


def test_the_facts_table_is_folded(app_data):
    from dash import html

    drawn = callbacks.page_from_url(app_data, "?lang=vi", "/embed/facts")
    (details,) = [c for c in html.Div(drawn)._traverse() if isinstance(c, html.Details)]
    assert not getattr(details, "open", None)

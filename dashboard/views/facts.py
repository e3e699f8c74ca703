"""The reorganisation in figures: every row of facts.csv with its source, charts where they help."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.figures.facts import FACT_CHARTS, fact_chart, fact_chart_title, fact_number
from dashboard.model.i18n import N_, t
from dashboard.views.controls import export_buttons
from dashboard.views.frame import graphic_frame

UNITS_VI = {
    "units": "đơn vị",
    "dossiers": "hồ sơ",
    "people": "người",
    "percent": "%",
    "teams": "tổ",
    "working groups": "tổ công tác",
    "locations": "điểm",
    "party committees": "đảng bộ",
    "cases": "trường hợp",
    "VND bn": "tỷ đồng",
    "facilities": "cơ sở",
    "premises": "cơ sở nhà, đất",
}
QUALIFIERS_VI = {"more than": "hơn", "approximately": "khoảng", "nearly": "gần"}


def facts_title(lang: str) -> str:
    """The section's (and the embed's) heading."""
    return t("facts_title", lang)


def fact_value(row: pd.Series, lang: str) -> str:
    """Value with its qualifier and unit, as the article states it ("more than 4,063.6 VND bn")."""
    unit, qualifier = row["unit"], row["qualifier"]
    if lang == "vi":
        unit, qualifier = UNITS_VI.get(unit, unit), QUALIFIERS_VI.get(qualifier, qualifier)
    number = fact_number(float(row["value"]), lang)
    amount = f"{number} %" if row["unit"] == "percent" else f"{number} {unit}"
    return f"{qualifier} {amount}".strip()


MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def source_date(iso: str, lang: str) -> str:
    """An ISO date (or year-month, or year) as each language writes it: 25/7/2025 and
    25 Jul 2025; reduced precision kept (7/2025, Jul 2025; 2026)."""
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    if len(parts) == 3:
        year, month, day = parts
        return f"{day}/{month}/{year}" if lang == "vi" else f"{day} {MONTHS_EN[month - 1]} {year}"
    if len(parts) == 2:
        year, month = parts
        return f"{month}/{year}" if lang == "vi" else f"{MONTHS_EN[month - 1]} {year}"
    return iso


def citation(row, lang: str) -> str:
    """One clean line naming the source: the article's title (or, when the article's title is not
    known, our description of the meeting it reports, in ``lang``), its publisher and date."""
    named = row["citation_vi"] if lang == "vi" else row["citation_en"]
    parts = (named or row["source_title"], row["source_publisher"])
    return ", ".join([x for x in parts if x] + [source_date(row["source_date"], lang)])


def _source(row: pd.Series, lang: str) -> list:
    """Article title (linked when its address is known), publisher and date; a source whose
    title is not known is named by the meeting it reports."""
    named = row["citation_vi"] if lang == "vi" else row["citation_en"]
    title = row["source_title"]
    if named or not title:
        return [citation(row, lang)]
    link = html.A(title, href=row["source_url"], rel="noopener") if row["source_url"] else title
    head = html.Cite(link)  # an article's own title, in the article's language
    extra = ", ".join(
        x for x in (row["source_publisher"], source_date(row["source_date"], lang)) if x
    )
    return [head, f" ({extra})" if extra else ""]


def _note(row, lang: str) -> str:
    """Our note on a figure, in the page's language."""
    return row["note"] if lang == "en" else row["note_vi"]


def facts_table(facts: pd.DataFrame, lang: str) -> html.Table:
    """Every figure: label, value, period, source article and date, note (title = the quote)."""
    head = html.Tr(
        [
            html.Th(t(k, lang), scope="col")
            for k in (N_("figure"), N_("value"), N_("period"), N_("article"))
        ]
    )
    rows = [
        html.Tr(
            [
                html.Td(
                    r[f"label_{lang}"]
                    + (f" ({t('national', lang)})" if r["scope"] == "national" else "")
                ),
                # The article's own words, in its language (the seeds are English versions).
                html.Td([fact_value(r, lang), " ", html.Abbr("❝", title=r["quote"], lang="en")]),
                html.Td(r["period"]),
                html.Td(
                    _source(r, lang)
                    + ([html.Br(), html.Small(_note(r, lang))] if r["note"] else [])
                ),
            ],
            **{"data-key": r["key"]},
        )
        for _, r in facts.iterrows()
    ]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="facts-table", tabIndex="0")


def facts_charts(facts: pd.DataFrame, lang: str, source_line) -> list:
    """One chart per FACT_CHARTS entry with its export buttons; ``source_line(extra)`` gives the
    line put inside each chart."""
    charts = []
    for chart, *_, keys in FACT_CHARTS:
        rows = facts.set_index("key").loc[keys]
        # Publisher and date (language-neutral); the articles' own titles, in their language, are
        # in the table below.
        cited = f"{t('press', lang)}: " + "; ".join(
            sorted(
                {
                    ", ".join(
                        x
                        for x in (
                            r.source_publisher or getattr(r, f"citation_{lang}"),
                            source_date(r.source_date, lang),
                        )
                        if x
                    )
                    for r in rows.itertuples()
                }
            )
        )
        graph_id = f"facts-{chart}"
        graph = dcc.Graph(
            id=graph_id,
            figure=fact_chart(facts, chart, lang, titled=False),
            config={"displaylogo": False, "displayModeBar": False},
        )
        charts.append(
            html.Div(
                graphic_frame(
                    graph,
                    fact_chart_title(chart, lang),
                    source_line(cited),
                    tools=export_buttons(graph_id, f"hanoi-126-facts-{chart}", lang),
                ),
                className="facts-chart",
            )
        )
    return charts


def facts_content(facts: pd.DataFrame, lang: str, source_line) -> list:
    """The charts, the note on processing and the full table."""
    return [
        html.Div(facts_charts(facts, lang, source_line), className="facts-charts"),
        html.P(t("processed_note", lang), className="note"),
        html.Details(
            [html.Summary(t("facts_all", lang)), facts_table(facts, lang)],
            className="facts-all",
        ),
    ]


def facts_body(facts: pd.DataFrame, lang: str, source_line, lazy: bool = False) -> list:
    """The introduction, then the content (charts, note, table) in ``#facts-body``. ``lazy``: the
    box is left empty and a callback fills it once the reader scrolls near it (assets/ui.js sets
    ``facts-seen``), so neither the charts nor the table's ~320 components hold up the map's
    first draw."""
    return [
        html.P(t("facts_intro", lang)),
        html.Div(
            [] if lazy else facts_content(facts, lang, source_line),
            id="facts-body",
            **({"data-seen": "facts-seen"} if lazy else {}),
        ),
        dcc.Store(id="facts-seen") if lazy else None,
    ]


def facts_section(facts: pd.DataFrame, lang: str, source_line) -> html.Section:
    """The dashboard's "in figures" section, drawn lazily (empty when the facts file is absent)."""
    if facts is None or facts.empty:
        return html.Section(html.P(t("no_data", lang)), id="facts", className="facts")
    return html.Section(
        [html.H2(t("facts_title", lang)), *facts_body(facts, lang, source_line, lazy=True)],
        id="facts",
        className="facts",
    )

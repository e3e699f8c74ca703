"""Drill-down panel for one new unit: figures with sources, old units, clause, small map."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.figures.maps import DETAIL_FILL, DETAIL_LINE, DETAIL_OLD_LINE, unit_detail_map
from dashboard.model.data import AppData
from dashboard.model.embeds import embed_path
from dashboard.model.i18n import N_, t
from dashboard.model.indicators import INDICATORS
from dashboard.model.numbers import fmt_number, fmt_spec
from dashboard.views.controls import embed_box, export_buttons, figure_tools
from dashboard.views.frame import graphic_frame, legend_strip, source_line, source_lines
from geodata.crosswalk import old_units_of
from geodata.provenance import SOURCES, VARIABLES


def _num(value, decimals: int, lang: str) -> str:
    return (
        t("no_data", lang) if value is None or pd.isna(value) else fmt_number(value, decimals, lang)
    )


def figures_rows(u: pd.Series, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, registry variable) rows for one unit; disagreeing sources both appear."""
    en = lang == "en"
    pop = "Population 2025" if en else "Dân số 2025"
    rows = [(pop, _num(u["pop2025"], 0, lang), "pop2025")]
    if pd.notna(u["pop2025_merger_map"]) and u["pop2025_merger_map"] != u["pop2025"]:
        rows.append(
            (
                f"{pop} — {t('sources_disagree', lang)}",
                _num(u["pop2025_merger_map"], 0, lang),
                "pop2025_merger_map",
            )
        )
    rows += [
        (
            INDICATORS["area_official_km2"].label_en
            if en
            else INDICATORS["area_official_km2"].label_vi,
            _num(u["area_official_km2"], 2, lang) + " km²",
            "area_official_km2",
        ),
        (
            "Area (computed from polygon)" if en else "Diện tích tính từ đa giác",
            _num(u["area_computed_km2"], 2, lang) + " km²",
            "area_computed_km2",
        ),
        (
            "Density 2025" if en else "Mật độ 2025",
            _num(u["density_2025"], 0, lang) + (" people/km²" if en else " người/km²"),
            "density_2025",
        ),
        (
            f"{'Population' if en else 'Dân số'} 2019 ({t('estimate', lang)})",
            _num(u["pop2019_est"], 0, lang),
            "pop2019_est",
        ),
        (
            "Old units merged (whole + part)" if en else "Đơn vị cũ (toàn bộ + một phần)",
            f"{int(u['n_old_units'])} ({int(u['n_old_whole'])} + {int(u['n_old_part'])})",
            "n_old_units",
        ),
    ]
    # Workload: counted from the resolution (dossiers are city-wide only, see geodata.workload).
    for key in ("n_old_districts", "split_share"):
        ind = INDICATORS[key]
        shown = t("no_data", lang) if pd.isna(u[key]) else fmt_spec(u[key], ind.fmt, lang)
        rows.append((ind.title(lang), shown, key))
    if pd.notna(u["group"]):
        rows.append(
            (
                INDICATORS["group"].label(lang),
                f"{int(u['group'])}. {u['group_name_' + ('en' if en else 'vi')]}",
                "group",
            )
        )
    return rows


def figures_block(u: pd.Series, lang: str) -> list:
    """The figures table, then its sources once (numbered, from the registry) and the methods of
    the computed figures once; a row carries a source marker only where two sources disagree."""
    rows = figures_rows(u, lang)
    keys = [key for _label, _value, key in rows]
    sources = list(dict.fromkeys(s for key in keys for s in VARIABLES[key].sources))
    number = {s: i + 1 for i, s in enumerate(sources)}
    disagree = {"pop2025", "pop2025_merger_map"} if "pop2025_merger_map" in keys else set()

    def marker(key: str):
        if key not in disagree:
            return None
        refs = ",".join(str(number[s]) for s in VARIABLES[key].sources)
        return html.Sup(f"[{refs}]", className="source-ref")

    table = html.Table(
        [
            html.Tr([html.Th(label, scope="row"), html.Td([value, marker(key)])])
            for label, value, key in rows
        ],
        className="figures",
        tabIndex="0",  # it may scroll sideways on phones: reachable by keyboard
    )
    notes = html.Div(
        [
            html.Span(f"{t('sources', lang)}:", className="sources-title"),
            html.Ol(
                [
                    html.Li(f"{SOURCES[s].title.text(lang)} — {SOURCES[s].short.text(lang)}")
                    for s in sources
                ],
                className="figure-sources",
            ),
        ],
        className="panel-sources",
    )
    methods = html.Details(
        [
            html.Summary(t("methods", lang)),
            html.Dl(
                [
                    part
                    for label, _value, key in rows
                    if VARIABLES[key].method is not None
                    for part in (html.Dt(label), html.Dd(VARIABLES[key].method.text(lang)))
                ]
            ),
        ],
        className="panel-methods",
    )
    return [table, notes, methods]


def old_units_rows(data: AppData, code: str) -> pd.DataFrame:
    """The old units of one new unit, whole first, with district, clause and note."""
    return old_units_of(data.built.crosswalk, code)


def overlay_figure(data: AppData, code: str, olds: pd.DataFrame | None = None):
    """Small map of one new unit with the old (2019-map) boundaries of the units it was formed from.

    ``olds`` is ``old_units_rows(data, code)`` when the caller already has it.
    """
    olds = old_units_rows(data, code) if olds is None else olds
    unit_geom = data.built.units_map[data.built.units_map["code"] == code].set_index("code")
    old_parts = data.old_simplified[data.old_simplified["code_526"].isin(olds["old_code"])].copy()
    old_parts["label"] = old_parts["full_name"]
    return unit_detail_map(unit_geom, old_parts.set_index("code_526"))


def unit_svg_url(code: str, lang: str) -> str:
    """The address of the unit ``code``'s small map as a framed vector SVG
    (dashboard/web/map_svg.py), which its PNG and SVG downloads fetch."""
    return f"/export/unit/{code}.svg?lang={lang}"


# The small map's legend keys: (fill, outline, label): the new unit filled, the old units it was
# formed from outlined (its frame and its download, web/map_svg.py, show the same).
UNIT_MAP_KEYS = (
    (DETAIL_FILL, DETAIL_LINE, N_("legend_new_unit")),
    (None, DETAIL_OLD_LINE, N_("legend_old_units")),
)


def unit_map_texts(data: AppData, code: str, lang: str, n_olds: int) -> tuple[str, str]:
    """The title and subtitle of the unit ``code``'s small map (``n_olds``: the rows of the old
    units it was formed from)."""
    name = data.units.at[code, "full_name"]
    return f"{name}: {t('small_map', lang)}", t("unit_map_subtitle", lang).format(n=n_olds)


def unit_map_frame(data: AppData, code: str, lang: str, olds: pd.DataFrame, tools) -> html.Figure:
    """The unit's small map in the graphic frame: title and subtitle above, the legend strip
    (the new unit filled, the old units outlined) and the source and date below, then ``tools``
    (export buttons, and the embed box on the dashboard). No plotly title, source or mode bar."""
    title, subtitle = unit_map_texts(data, code, lang, len(olds))
    legend = legend_strip([(fill, line, t(key, lang)) for fill, line, key in UNIT_MAP_KEYS])
    graph = dcc.Graph(
        figure=overlay_figure(data, code, olds=olds),
        config={"displayModeBar": False},
        id="unit-detail-map",
    )
    return graphic_frame(
        graph,
        title,
        source_line(lang, data.built.stamp),
        subtitle=subtitle,
        legend=legend,
        tools=tools,
        kind="unitmap",
        frame_id="unit-map-frame",
    )


# Rendered panels per (data, unit, language, tools): at most 126 × 2 × 2 per process. The panel
# and its small map cost ~10 ms of CPU to build and never change while the data stays the same.
_PANELS: dict[tuple[int, str, str, bool], html.Div] = {}


def unit_panel(
    data: AppData,
    code: str | None,
    lang: str,
    located: tuple[float, float] | None = None,
    tools: bool = True,
) -> html.Div:
    """The drill-down panel for the unit ``code``; a clear message for an unknown code.

    ``located`` (a tapped point or the device's position) adds a line saying where it was.
    """
    if not code or not isinstance(code, str):
        return html.Div(t("click_hint", lang), className="hint")
    if code not in data.units.index:
        return html.Div(
            f"{t('unknown_unit', lang)} “{str(code)[:20]}”.", className="error", role="alert"
        )
    key = (id(data), code, lang, tools)
    if key not in _PANELS:
        _PANELS[key] = _panel(data, code, lang, tools)
    panel = _PANELS[key]
    if not located:
        return panel
    note = html.P(f"{t('located', lang)} {located[0]:.5f}, {located[1]:.5f}", className="located")
    # A new Div around the cached children: the cached panel itself is never changed.
    return html.Div(
        [panel.children[0], note, *panel.children[1:]],
        className=panel.className,
        **{"data-code": code},
    )


def _panel(data: AppData, code: str, lang: str, tools: bool) -> html.Div:
    u = data.units.loc[code]
    olds = old_units_rows(data, code)
    old_table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(t("old_unit", lang)),
                        html.Th(t("district", lang)),
                        html.Th(t("transfer", lang)),
                        html.Th(t("clause", lang)),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(r.old_full_name),
                            html.Td(r.old_district),
                            html.Td(
                                t(r.kind, lang)
                                + (f" ({r.note})" if isinstance(r.note, str) and r.note else ""),
                                className=f"kind-{r.kind}",
                            ),
                            html.Td(
                                html.Abbr(str(int(r.clause)), title=r.clause_text, lang="vi")
                                if pd.notna(r.clause)
                                else "—"
                            ),
                        ],
                        **{"data-old-code": r.old_code},
                    )
                    for r in olds.itertuples()
                ]
            ),
        ],
        className="old-units",
        tabIndex="0",  # it scrolls sideways on phones: reachable by keyboard
    )
    clauses = sorted({int(c) for c in olds["clause"].dropna()})
    details = [
        html.H3(f"{t('old_units', lang)} ({len(olds)})"),
        old_table,
        html.Details(
            [
                html.Summary(
                    f"Nghị quyết 1656 — {t('clause', lang)} {', '.join(map(str, clauses))}"
                ),
                *[html.P(f"{c}. {data.built.clauses[c]}", lang="vi") for c in clauses],
            ]
        ),
    ]
    overlay_name = f"hanoi-126-{code}-overlay"
    if tools:
        details += [
            unit_map_frame(
                data,
                code,
                lang,
                olds,
                figure_tools(
                    "unit-detail-map",
                    overlay_name,
                    embed_path("overlay", code, lang=lang),
                    u["full_name"],
                    "overlay",
                    lang,
                    svg_url=unit_svg_url(code, lang),
                ),
            ),
            html.Div(
                embed_box(embed_path("unit", code, lang=lang), u["full_name"], "unit", lang),
                className="figure-tools",
            ),
        ]
    else:
        # The embed card stays short on a phone (≤ 900 px at 375 px): its details fold away.
        # The figures' sources and methods go in the fold too (the attribution names every source).
        # The small map is in its frame there, with export buttons instead of a mode bar.
        details = [
            html.Details(
                [
                    html.Summary(t("more", lang)),
                    *figures_block(u, lang)[1:],
                    *details,
                    unit_map_frame(
                        data,
                        code,
                        lang,
                        olds,
                        export_buttons(
                            "unit-detail-map", overlay_name, lang, unit_svg_url(code, lang)
                        ),
                    ),
                ],
                className="unit-more",
            )
        ]
    # The embed card is a graphic of its own (views/frame.py): its name and what it is above, the
    # source and date line below, as text that wraps.
    return html.Div(
        [
            html.H2(u["full_name"], lang="vi", className="graphic-title"),
            html.P(
                f"{t('type', lang)}: {u['unit_type']} · {t('code', lang)}: {code}"
                + (
                    f" · {t('admin_centre', lang)}: {u['admin_centre']}"
                    if isinstance(u["admin_centre"], str) and u["admin_centre"]
                    else ""
                ),
                className="graphic-subtitle",
            ),
            html.H3(t("figures", lang)),
            *figures_block(u, lang)[: 3 if tools else 1],
            *details,
            None
            if tools
            # The date line only: the embed's attribution right under it names every source and
            # licence (the card stays ≤ 900 px tall on a 375 px phone).
            else html.Div(
                html.P(source_lines(source_line(lang, data.built.stamp))[-1]),
                className="graphic-source card-source",
            ),
        ],
        className="unit-panel" if tools else "unit-panel graphic graphic--card",
        **{"data-code": code},
    )

"""The citizen finder's answer as page components (the answer itself comes from geodata.finder)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.figures.maps import SPLIT_COLORS, split_map
from dashboard.model.data import AppData
from dashboard.model.i18n import N_, STRINGS, t
from dashboard.model.numbers import fmt_share
from dashboard.views.controls import export_buttons
from dashboard.views.frame import graphic_frame, legend_strip, source_line
from geodata.finder import QueryError, lookup

# An old unit goes to a new one whole or in part (the crosswalk's kind), said as these messages.
KINDS = (N_("whole"), N_("part"))
# geodata.finder.MESSAGES's keys, said in the page's language.
FINDER_MESSAGES = (
    N_("empty"),
    N_("too_long"),
    N_("no_match"),
    N_("district_only"),
    N_("street_only"),
    N_("out_of_range"),
    N_("outside"),
)
VINTAGE_LABEL = {"526": "2025 (526)", "579": "2020–2024 (579)", "2019": "2019 (584)"}


def pick_button(code: str, name: str, n: int) -> html.Button:
    """A unit named in an answer: pressing it opens its panel, outlines it on the map and puts
    ``unit=`` in the URL, without reloading the page."""
    return html.Button(
        name,
        id={"type": "pick-unit", "code": code, "n": n},
        n_clicks=0,
        type="button",
        className="pick-unit",
        **{"data-code": code},
    )


def _share_text(n: dict, lang: str) -> str:
    """ "~94 % of the old unit's area" for a part; "" for a whole unit or an unknown share."""
    if n["area_share"] is None or n["kind"] != "part":
        return ""
    return f"~{fmt_share(n['area_share'], lang)} {t('share_of_old', lang)}"


def split_labels(m: dict, lang: str) -> dict[str, str]:
    """New unit code → its legend text in a split answer ``m``: "Phường Ba Đình (~94 % of the
    old unit's area)" (the page's legend strip and its download's)."""
    labels = {}
    for n in m["new_units"]:
        share = _share_text(n, lang)
        labels[n["new_code"]] = n["new_name"] + (f" ({share})" if share else "")
    return labels


def office_of(data: AppData, code: str) -> str:
    """The new unit's office address (Trụ sở) from the merger map's record, "" when unknown."""
    if code not in data.units.index:
        return ""
    office = data.units.at[code, "admin_centre"]
    return office if isinstance(office, str) else ""


def _new_unit_line(n: dict, lang: str, index: int = 0, office: str = "") -> html.Li:
    share = _share_text(n, lang)
    clause = (
        f"{t('clause', lang)} {n['clause']}"
        if n["clause"]
        else html.Span(t("by_overlay", lang), className="estimate")
    )
    return html.Li(
        [
            pick_button(n["new_code"], n["new_name"], index),
            f" — {t(n['kind'], lang)}" + (f" · {share}" if share else "") + " · ",
            clause,
            # The clause itself, as text (not only on hover).
            html.P(n["clause_text"], className="clause-text", lang="vi")
            if n.get("clause_text")
            else None,
            # The office is part of the answer: where the reader now goes for papers (#22).
            html.P(
                [f"{t('admin_centre', lang)}: ", html.Span(office, lang="vi")], className="office"
            )
            if office
            else None,
        ]
    )


def split_geometries(data: AppData, old_code: str, new_codes: list[str]):
    """The old unit's outline (its 2019 polygons) and the new units it went to (simplified)."""
    old = data.built.old584
    hit = (
        (old["code_2019"] == old_code)
        | old["codes_2024"].str.contains(old_code)
        | old["codes_526"].str.contains(old_code)
    )
    outline = old[hit].dissolve()[["geometry"]]
    units = data.built.units_map.merge(data.units[["full_name"]], left_on="code", right_index=True)
    return outline, units[units["code"].isin(new_codes)].set_index("code")


def _match_block(data: AppData, m: dict, lang: str, first: bool, base: int = 0) -> html.Div:
    split = len(m["new_units"]) > 1
    children = [
        html.H3([m["old_name"], html.Small(f" — {m['district']}")]),
        html.P(
            [
                f"{t('vintage', lang)}: {', '.join(VINTAGE_LABEL[v] for v in m['vintages'])}",
                html.Span(f" · {t('corrected', lang)}", className="corrected")
                if m["corrected"]
                else "",
            ]
        ),
        html.P(
            t("split_note", lang) if split else t("whole_note", lang),
            className="split" if split else "",
        ),
        html.Ul(
            [
                _new_unit_line(n, lang, base + i, office_of(data, n["new_code"]))
                for i, n in enumerate(m["new_units"])
            ]
        ),
    ]
    if m.get("fringe"):  # small pieces of an approximate outline: said, not counted as answers
        touched = ", ".join(
            f"{f['new_name']} (~{fmt_share(f['area_share'], lang)})" for f in m["fringe"]
        )
        children.append(html.P(t("fringe_note", lang).format(units=touched), className="note"))
    if split and first:
        children += _split_answer(data, m, lang)
    return html.Div(children, className="match", **{"data-old-code": m["old_code"]})


def _split_answer(data: AppData, m: dict, lang: str) -> list:
    """The map that settles a split: the old outline over every candidate, each coloured and
    named, with a legend in the figure and as text, the shares, and how to be sure."""
    codes = [n["new_code"] for n in m["new_units"]]
    outline, parts = split_geometries(data, m["old_code"], codes)
    parts = parts.reindex([c for c in codes if c in parts.index])
    labels = split_labels(m, lang)
    figure = split_map(outline, parts, labels)
    # The legend strip: each candidate's colour, name and share (the map names them too).
    legend = legend_strip(
        [
            (SPLIT_COLORS[i % len(SPLIT_COLORS)], None, labels[code])
            for i, code in enumerate(parts.index)
        ],
        "legend-rows split-legend",
        **{"aria-label": f"{t('split_candidates', lang)} {m['old_name']}"},
    )
    graph = html.Div(
        [
            dcc.Graph(
                id="split-map",
                figure=figure,
                config={"displayModeBar": False, "responsive": True},
                className="split-map",
            ),
            html.P(t("tiles_failed", lang), className="tiles-note", role="status"),
        ],
        **{"data-tiles-note": "1"},
    )
    # In the graphic frame (views/frame.py) like every map: the title, the note on the outline,
    # the legend strip and the source as HTML text; the downloads are the server's vector map.
    return [
        graphic_frame(
            graph,
            f"{m['old_name']} ({m['district']}) → 2025",
            source_line(lang, data.built.stamp),
            subtitle=t("split_outline_note", lang),
            legend=legend,
            tools=export_buttons(
                "split-map",
                f"hanoi-126-split-{m['old_code']}",
                lang,
                f"/export/split/{m['old_code']}.svg?lang={lang}",
            ),
            kind="split",
            frame_id="split-map-frame",
        )
    ]


def message_of(answer: dict, lang: str) -> str:
    """The finder's message for ``answer`` (or a QueryError) in ``lang``; "" when it has none."""
    if isinstance(answer, QueryError):
        return t(answer.key, lang).format(**answer.args_) if answer.key in STRINGS else str(answer)
    key = answer.get("message_key")
    return t(key, lang).format(**answer.get("message_args", {})) if key else ""


def _reverse_block(nu: dict, lang: str, lead: str = "") -> html.Div:
    """A new unit and the old units it was formed from."""
    return html.Div(
        [
            html.P(lead, className="also") if lead else None,
            html.H3(
                [pick_button(nu["new_code"], nu["new_name"], 999), f" — {t('formed_from', lang)}"]
            ),
            html.Ul(
                [
                    html.Li(
                        f"{o['old_name']} ({o['district']}) — {t(o['kind'], lang)}, "
                        f"{t('clause', lang)} {o['clause']}"
                    )
                    for o in nu["old_units"]
                ]
            ),
        ],
        className="match reverse",
    )


def finder_results(data: AppData, query: str | None, lang: str) -> html.Div:
    """Render the finder's answer to ``query``; a clear message for bad or empty input.

    A new unit read from its name comes first (with the old units of that name after it, "also
    an old name"); otherwise the old units matched come first, and a new unit of the same name
    after them. A caution (street name only, district only) is said before the answer.
    """
    if not query or not query.strip():
        return html.Div(t("finder_hint", lang), className="hint")
    try:
        answer = lookup(data.finder, query)
    except QueryError as err:
        return html.Div(message_of(err, lang), className="error", role="alert")
    blocks: list = []
    note = message_of(answer, lang)
    if note and (answer["matches"] or answer.get("new_unit")):
        blocks.append(html.P(note, className="caution", role="status"))
    matches = [
        _match_block(data, m, lang, i == 0, base=100 * i) for i, m in enumerate(answer["matches"])
    ]
    nu = answer.get("new_unit")
    if answer.get("reading") == "new" and nu:
        blocks.append(_reverse_block(nu, lang))
        if matches:
            blocks += [html.P(t("also_old", lang), className="also")] + matches
    else:
        if answer.get("ambiguous"):
            blocks.append(html.P(t("ambiguous", lang), className="ambiguous"))
        blocks += matches
        if nu:
            blocks.append(_reverse_block(nu, lang, t("also_new", lang) if matches else ""))
    if answer.get("district_units") and not answer["matches"]:
        units = answer["district_units"]
        blocks.append(
            html.Div(
                [
                    html.P(t("district_units", lang)),
                    html.Ul(
                        [
                            html.Li(pick_button(u["new_code"], u["new_name"], 500 + i))
                            for i, u in enumerate(units)
                        ]
                    ),
                ],
                className="match district-units",
            )
        )
    if not blocks or not (answer["matches"] or nu):
        blocks.insert(0, html.Div(note or t("no_match", lang), className="error", role="alert"))
    return html.Div(blocks, className="finder-results")

"""Callbacks: wire inputs to the pure functions of the view modules; no logic of their own."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
from dash import ALL, ClientsideFunction, Input, Output, Patch, State, ctx, dcc, html, no_update

from dashboard.figures.maps import BASEMAPS, old_boundary_layer
from dashboard.model.classify import pick_k, pick_scheme
from dashboard.model.compare import MAX_UNITS, canonical_codes, parse_codes
from dashboard.model.data import AppData
from dashboard.model.embeds import parse_embed_path, public_url, request_origin
from dashboard.model.i18n import N_, pick_lang, t
from dashboard.model.indicators import INDICATORS, all_indicators, get_indicator
from dashboard.model.numbers import fmt_number
from dashboard.model.params import ViewParams, parse_params, pick_tab
from dashboard.model.upload import session_figures, validate_upload
from dashboard.views.compare import compare_results
from dashboard.views.convert import convert_upload
from dashboard.views.corrections import corrections_page
from dashboard.views.embed import embed_page, source_line
from dashboard.views.facts import facts_content
from dashboard.views.finder import finder_results
from dashboard.views.layout import (
    city_summary,
    class_options,
    indicator_options,
    map_tools,
    page,
    unit_label,
    unit_options,
)
from dashboard.views.map import highlight_layer, map_head, map_state
from dashboard.views.panel import unit_panel
from dashboard.views.table import filter_units, pick_type, units_table
from dashboard.views.upload import upload_messages
from geodata.finder import QueryError, locate
from geodata.text import fold, name_key


def _text(value, limit: int = 300) -> str:
    """A string from an untrusted component value (anything else becomes "")."""
    return value[:limit] if isinstance(value, str) else ""


def _items(value) -> list:
    """A list from an untrusted component value (anything else becomes [])."""
    return value if isinstance(value, list) else []


def cached(cache, key: str, compute):
    """``compute()``, stored under ``key`` when a cache is given (shared by workers with Redis)."""
    if cache is None:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value)
    return value


def map_patch(
    data: AppData, indicator, scheme, k, unit_type, lang, user=None, cache=None
) -> tuple[Patch, html.Div, list]:
    """Patch the units trace's values, classes and colour bar (never the geometry); the legend
    strip; the frame's title and subtitle."""
    user, lang = session_figures(user), pick_lang(lang)
    ind, scheme, k, unit_type = (
        get_indicator(indicator, user),
        pick_scheme(scheme),
        pick_k(k),
        pick_type(unit_type),
    )
    state = lambda: map_state(  # noqa: E731
        data,
        ind,
        scheme,
        k,
        unit_type,
        lang,
        user,
        strip=True,
        own_source=ind.key not in INDICATORS,
    )
    # The session's own figures are never cached: they belong to one browser.
    props, legend = (
        state()
        if user
        else cached(
            cache,
            # "v2": the legend strip lost its source line; a shared cache (Redis, 24 h) must
            # not serve the old one after a deploy with the same data.
            f"map:v2:{data.built.stamp}:{ind.key}:{scheme}:{k}:{unit_type}:{lang}",
            state,
        )
    )
    patch = Patch()
    for key, value in props.items():
        patch["data"][1][key] = value
    return patch, legend, map_head(ind, scheme, props, lang)


def map_layers(data: AppData, show_old: list | None, basemap: str | None, unit=None) -> Patch:
    """Patch the basemap style, the old-boundaries line layer and the chosen unit's outline."""
    patch = Patch()
    patch["layout"]["map"]["style"] = BASEMAPS.get(_text(basemap) or "none", "white-bg")
    layers = [old_boundary_layer(data.geo_url("old"))] if "old" in _items(show_old) else []
    outline = highlight_layer(data, unit_code(unit))
    patch["layout"]["map"]["layers"] = layers + ([outline] if outline else [])
    return patch


def unit_code(unit) -> str | None:
    """The code held by the "unit" store (``{"code": …}``), if any."""
    code = unit.get("code") if isinstance(unit, dict) else None
    return code[:12] if isinstance(code, str) else None


def unit_from_point(data: AppData, point) -> dict | None:
    """The "unit" store for a map tap or a device position: the exact unit, or a message."""
    try:
        lat, lon = float(point["lat"]), float(point["lon"])
        found = locate(data.finder, lat, lon)
    except (TypeError, KeyError, ValueError, QueryError):
        return None
    if not found["new_unit"]:
        return {"code": None, "lat": lat, "lon": lon, "outside": True}
    return {"code": found["new_unit"]["new_code"], "lat": lat, "lon": lon}


def chosen_unit(data: AppData, trigger, selected, picks, point, geo) -> tuple:
    """(the "unit" store, the picker's value) for whatever chose a unit: the picker, a unit
    named in an answer (``trigger`` is its pattern id), a map tap or the device's position."""
    if trigger == "unit-select":
        code = unit_from_text(data, selected)
        if not code:
            return no_update, no_update
        # A partial or accent-free entry ("cau giay") is completed to the unit's full label, so
        # the reader sees which unit it chose; an entry already complete is left alone.
        label = unit_label(data, code)
        return {"code": code}, (no_update if selected in (code, label) else label)
    if isinstance(trigger, dict):
        if not any(isinstance(c, int) and c > 0 for c in _items(picks)):
            return no_update, no_update  # the buttons were just drawn, not pressed
        code = _text(trigger.get("code"), 12)
        return {"code": code}, unit_label(data, code) or no_update
    unit = unit_from_point(data, point if trigger == "map-click" else geo)
    if unit is None:
        return no_update, no_update
    return unit, unit_label(data, unit["code"]) or no_update


def unit_from_text(data: AppData, text) -> str | None:
    """The unit typed or picked in the unit picker: "name (code)" as suggested, a bare code, a
    name in any case, with or without its diacritics and type ("cau giay" → Phường Cầu Giấy), or
    the start of one name's words when only one unit has it ("cau gi"); None for anything else
    (nothing yet, or several units match: the suggestions list them)."""
    text = " ".join(_text(text, 120).split())
    if not text:
        return None
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1 : -1].strip()
    if text in data.units.index:
        return text
    named = data.units.index[data.units["full_name"].str.casefold() == text.casefold()]
    if len(named) == 1:
        return named[0]
    typed = fold(text)
    if not typed:
        return None
    names = {code: (fold(full), name_key(full)) for code, full in data.units["full_name"].items()}
    for match in (
        lambda full, bare: typed in (full, bare),  # the whole name, without diacritics
        lambda full, bare: f" {full} ".find(f" {typed}") >= 0,  # the start of its words
    ):
        found = [code for code, (full, bare) in names.items() if match(full, bare)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def panel_for_unit(data: AppData, unit, lang: str):
    """The side panel for the "unit" store: the unit, "outside Hanoi", or the city summary."""
    lang = pick_lang(lang)
    if isinstance(unit, dict) and unit.get("outside"):
        return html.Div(t("not_in_hanoi", lang), className="hint", role="status")
    code = unit_code(unit)
    if not code:
        return city_summary(data, lang)
    located = None
    if isinstance(unit.get("lat"), (int, float)) and isinstance(unit.get("lon"), (int, float)):
        located = (float(unit["lat"]), float(unit["lon"]))
    return unit_panel(data, code, lang, located=located)


def geo_answer(data: AppData, point, lang: str):
    """The "use my location" answer: the unit containing the position, or why there is none."""
    lang = pick_lang(lang)
    if isinstance(point, dict) and point.get("error"):
        key = N_("locate_denied") if point["error"] == "denied" else N_("locate_failed")
        return html.P(t(key, lang), className="error", role="alert")
    unit = unit_from_point(data, point)
    if unit is None:
        return html.P(t("locate_failed", lang), className="error", role="alert")
    lat, lon = fmt_number(unit["lat"], 5, lang), fmt_number(unit["lon"], 5, lang)
    if unit.get("outside"):
        return html.P(t("locate_outside", lang).format(lat=lat, lon=lon), className="error")
    name = data.units.loc[unit["code"], "full_name"]
    office = data.units.loc[unit["code"], "admin_centre"]
    office = f" {t('admin_centre', lang)}: {office}." if isinstance(office, str) and office else ""
    return html.P(
        t("locate_found", lang).format(lat=lat, lon=lon, name=name) + office,
        className="geo-found",
        **{"data-code": unit["code"]},
    )


def page_from_url(data: AppData, search: str | None, pathname: str | None = "/"):
    """Render the page a URL asks for: the dashboard, an embed, or the corrections page.

    Unknown or absurd parameters fall back to defaults; an unknown embed gets a message.
    """
    p = parse_params(search)
    path = str(pathname or "/")[:200]
    if path.startswith("/embed/"):
        return embed_page(data, path, p)
    if path.rstrip("/") == "/corrections":
        return corrections_page(p.lang, data.built.stamp)
    return page(data, p)


def render_page(data: AppData, cache, pathname, search):
    """The page for a URL (the dashboard's layout and page callback, the static embeds), from
    ``cache`` when its route is worth caching. The page is drawn from the options its route
    reads only (page_params), so its cache key holds nothing else."""
    path, search = _text(pathname, 200) or "/", _text(search, 4096)
    p = page_params(data, path, parse_params(search))
    key = page_cache_key(data, path, p)
    render = lambda: page_from_url(data, p.query(), path)  # noqa: E731
    return render() if key is None else cached(cache, key, lambda: plain_figures(render()))


def canonical_compare(data: AppData, compare: tuple[str, ...]) -> tuple[str, ...]:
    """Compared codes sorted and without repeats when all are known units within the limit;
    otherwise as given (the page then says what it dropped, and is not cached)."""
    rejected = parse_codes(list(compare), data.units.index)[1]
    return compare if rejected else canonical_codes(list(compare), data.units.index)


def page_params(data: AppData, path: str, p: ViewParams) -> ViewParams:
    """Only the options the page at ``path`` reads; every other one back to its default (the
    map embed draws no comparison, a unit embed no indicator…)."""
    embed = parse_embed_path(path)
    kind = embed[0] if embed else None
    if path.rstrip("/") == "/corrections" or kind in ("facts", "unit", "overlay"):
        return ViewParams(lang=p.lang)
    if kind == "map":
        return ViewParams(lang=p.lang, indicator=p.indicator, scheme=p.scheme, k=p.k, type=p.type)
    if kind == "chart":
        return ViewParams(lang=p.lang, compare=canonical_compare(data, p.compare))
    if path.startswith("/embed/"):
        return p  # an unknown embed: a message, not cached
    return replace(p, compare=canonical_compare(data, p.compare))


def lazy_facts(data: AppData, lang: str) -> list:
    """The dashboard's facts charts and table, drawn after the page (views/facts.py: ``lazy``)."""
    return plain_figures(
        facts_content(data.facts, lang, lambda cited: source_line(lang, data.built.stamp, cited))
    )


def plain_figures(tree):
    """``tree`` (a component or a list of them) with each graph's figure as a plain dict: a cached
    page then loads in a few ms instead of rebuilding and re-validating every plotly Figure (~95 ms
    for the dashboard)."""
    for component in html.Div(tree)._traverse():
        if isinstance(component, dcc.Graph) and isinstance(component.figure, go.Figure):
            component.figure = component.figure.to_dict()
    return tree


def page_cache_key(data: AppData, path: str, p: ViewParams) -> str | None:
    """A normalised cache key for a known route, or None when the page is not worth caching.

    Only known routes with known units are cached, under a route name and the normalised
    options (never the raw path), so the key space is bounded. Pages hold absolute embed
    addresses: with HANOI_PUBLIC_URL (part of the cache version) those never come from the
    request; without it the key holds the request's origin, which is one of the allowed hosts
    (web/security.py answers any other with 400).
    """
    if p.q:  # finder answers depend on free text: not worth caching
        return None
    origin = "" if public_url() else request_origin()
    units = data.units.index
    # compare is canonical here (page_params): at most MAX_UNITS known codes, sorted, else the
    # page (which names what it dropped) is not cached.
    if (p.unit and p.unit not in units) or len(p.compare) > MAX_UNITS:
        return None
    if any(c not in units for c in p.compare):
        return None
    embed = parse_embed_path(path)
    if embed:
        kind, key = embed
        known = {"unit": units, "overlay": units, "chart": INDICATORS}.get(kind)
        if known is not None and key not in known:
            return None  # an unknown unit or chart: its message is cheap to render
        route = f"embed/{kind}/{key or ''}" if known is not None else f"embed/{kind}"
    elif path.startswith("/embed/"):
        return None  # an unknown embed: its message is cheap to render
    else:
        route = "corrections" if path.rstrip("/") == "/corrections" else "dashboard"
    return f"page:{origin}:{route}:{p.query()}"


def table_if_open(data: AppData, tab, unit_type, user, lang):
    """The units table when the "table" tab is open, else no_update (it is drawn on opening)."""
    if pick_tab(tab) != "table":
        return no_update
    return units_table(
        filter_units(data.units, pick_type(unit_type)), pick_lang(lang), session_figures(user)
    )


def url_for(lang, query, indicator, scheme, k, unit_type, compare, unit=None, tab=None):
    """The shareable query string, the language switch's link and the map's embed tools."""
    p = ViewParams(
        lang=pick_lang(lang),
        unit=_text(unit, 12) or None,
        q=_text(query),
        indicator=get_indicator(indicator).key,
        scheme=pick_scheme(scheme),
        k=pick_k(k),
        type=pick_type(unit_type),
        compare=tuple(str(c)[:12] for c in _items(compare)[:6]),
        tab=pick_tab(tab),
    )
    return p.query(), p.query(lang="en" if p.lang == "vi" else "vi"), map_tools(p)


def add_clicked_unit(data: AppData, point: dict | None, current: list | None) -> list:
    """The compare selection with the clicked unit added (at most six; clicked again: removed)."""
    try:
        found = locate(data.finder, float(point["lat"]), float(point["lon"]))
    except (TypeError, KeyError, ValueError, QueryError):
        return no_update
    if not found["new_unit"]:
        return no_update
    code = found["new_unit"]["new_code"]
    codes, _ = parse_codes(current, data.units.index)
    return [c for c in codes if c != code] if code in codes else (codes + [code])[:6]


def upload_result(data: AppData, contents, filename, lang):
    """The session store's new value and the messages for an uploaded file.

    Dash fires the callback when the page callback draws the page, with no file: that is not a
    failed upload, so nothing is stored and no message is shown.
    """
    if contents is None:
        return no_update, None
    result = validate_upload(contents, list(data.units.index))
    filename = _text(filename, 80) or "?"
    stored = {"file": filename, "columns": result.columns} if result.ok else no_update
    return stored, upload_messages(result, filename, pick_lang(lang))


def register(app, data: AppData, cache=None, charge_rows=None) -> None:
    """Attach every callback to ``app``, screen by screen; pages and map states are cached when
    ``cache`` is given; ``charge_rows`` spends the rows budget of the "many addresses" tab."""
    register_page(app, data, cache)
    register_map(app, data, cache)
    register_unit(app, data, charge_rows)
    register_compare(app, data)
    register_tabs(app, data, cache)


def register_page(app, data: AppData, cache=None) -> None:
    """The page drawn from the address, the finder's results and the address kept in step."""

    # The page usually comes with the layout (views/layout.py: shell). This draws it when the
    # layout could not (no Referer of this site), when the browser turns out to be elsewhere
    # (page-stale) and on a move to another path. Later choices rewrite the URL (for sharing)
    # without re-drawing.
    @app.callback(
        Output("page", "children"),
        Input("url", "pathname"),
        Input("page-stale", "data"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def _page(pathname, _stale, search):
        return render_page(data, cache, pathname, search)

    # In the browser (assets/ui.js): the page was drawn for the address its Referer named; a
    # Referer cut to the site's origin names "/" wherever the browser is. Then take the
    # browser's address and re-draw.
    app.clientside_callback(
        ClientsideFunction("hanoi", "address"),
        Output("url", "pathname"),
        Output("url", "search", allow_duplicate=True),  # also the URL rewrite's
        Output("page-stale", "data"),
        Input("url", "href"),
        State("url", "pathname"),
        State("url", "search"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("search-results", "children"),
        Input("search-button", "n_clicks"),
        Input("search", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _search(_clicks, query, lang):
        return finder_results(data, _text(query), pick_lang(lang))

    @app.callback(
        Output("url", "search"),
        Output("lang-switch", "href"),
        Output("map-tools", "children"),
        Input("search", "value"),
        Input("indicator", "value"),
        Input("scheme", "value"),
        Input("k", "value"),
        Input("unit-type", "value"),
        Input("compare-units", "value"),
        Input("unit", "data"),
        Input("tab", "value"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _url(query, indicator, scheme, k, unit_type, compare, unit, tab, lang):
        return url_for(lang, query, indicator, scheme, k, unit_type, compare, unit_code(unit), tab)


def register_map(app, data: AppData, cache=None) -> None:
    """The city map: its colours and legend, its layers, and the controls' options."""

    @app.callback(
        Output("city-map", "figure"),
        Output("map-legend", "children"),
        Output("map-head", "children"),
        Input("indicator", "value"),
        Input("scheme", "value"),
        Input("k", "value"),
        Input("unit-type", "value"),
        Input("user-data", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _map(indicator, scheme, k, unit_type, user, lang):
        return map_patch(data, indicator, scheme, k, unit_type, lang, user, cache)

    @app.callback(
        Output("city-map", "figure", allow_duplicate=True),
        Input("show-old", "value"),
        Input("basemap", "value"),
        Input("unit", "data"),
        prevent_initial_call=True,
    )
    def _layers(show_old, basemap, unit):
        return map_layers(data, show_old, basemap, unit)

    # "continuous" has no classes: the class-count slider does not apply.
    # The page comes with the options of its scheme: only a change needs new ones.
    @app.callback(Output("k", "options"), Input("scheme", "value"), prevent_initial_call=True)
    def _k_options(scheme):
        return class_options(pick_scheme(scheme))

    @app.callback(Output("indicator", "options"), Input("user-data", "data"), State("lang", "data"))
    def _options(user, lang):
        if ctx.triggered_id is None and not user:
            return no_update  # first draw, no figures of one's own: the page already lists them
        return indicator_options(pick_lang(lang), all_indicators(session_figures(user)))


def register_compare(app, data: AppData) -> None:
    """The comparison of chosen units: picked on the map or ticked in the list."""

    @app.callback(
        Output("compare-units", "value"),
        Input("map-click", "data"),
        State("compare-click", "value"),
        State("compare-units", "value"),
        prevent_initial_call=True,
    )
    def _compare_click(point, mode, current):
        return add_clicked_unit(data, point, _items(current)) if "on" in _items(mode) else no_update

    # Not prevent_initial_call: after a reload the session's uploaded figures must reach the view.
    @app.callback(
        Output("compare-results", "children"),
        Input("compare-units", "value"),
        Input("user-data", "data"),
        State("lang", "data"),
    )
    def _compare(codes, user, lang):
        if ctx.triggered_id is None and not user:
            return no_update  # first draw, no figures of one's own: the page already has this
        return compare_results(
            data, *parse_codes(codes, data.units.index), pick_lang(lang), session_figures(user)
        )

    # The compare checkboxes, once the reader comes near them (views/layout.py), not with the map.
    @app.callback(
        Output("compare-units", "options"), Input("compare-seen", "data"), prevent_initial_call=True
    )
    def _compare_options(_seen):
        return unit_options(data)


def register_tabs(app, data: AppData, cache=None) -> None:
    """The table and the facts, drawn when the reader opens or nears them."""

    # Drawn when its tab is open (DataTable's scripts, ~110 KB, are fetched only then) and
    # redrawn on a filter or upload while open. Not prevent_initial_call: after a reload on
    # tab=table it must show the session's uploaded columns.
    @app.callback(
        Output("table-holder", "children"),
        Input("tab", "value"),
        Input("unit-type", "value"),
        Input("user-data", "data"),
        State("lang", "data"),
    )
    def _table(tab, unit_type, user, lang):
        return table_if_open(data, tab, unit_type, user, lang)

    # Drawn once the reader comes near them (assets/ui.js sets facts-seen), not with the map.
    @app.callback(
        Output("facts-body", "children"),
        Input("facts-seen", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _facts(_seen, lang):
        lang = pick_lang(lang)
        return cached(cache, f"facts-body:{lang}", lambda: lazy_facts(data, lang))


def register_unit(app, data: AppData, charge_rows=None) -> None:
    """Callbacks of the chosen unit, the device's position, the tabs, scrolling, the officials'
    own figures and many addresses."""

    # One store holds the chosen unit, whoever chose it: the picker, a unit named in the finder's
    # answer, a map tap or the device's position. Map taps arrive as coordinates
    # (assets/map_click.js), not plotly's clickData, which only names the simplified polygon: the
    # unit is found on the full-resolution boundaries.
    # The picker shows the chosen unit too, whoever chose it (same callback: no cycle).
    @app.callback(
        Output("unit", "data"),
        Output("unit-select", "value"),
        Input("unit-select", "value"),
        Input({"type": "pick-unit", "code": ALL, "n": ALL}, "n_clicks"),
        Input("map-click", "data"),
        Input("geo-point", "data"),
        prevent_initial_call=True,
    )
    def _unit(selected, _picks, point, geo):
        return chosen_unit(data, ctx.triggered_id, selected, _picks, point, geo)

    @app.callback(
        Output("unit-panel", "children"),
        Input("unit", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _panel(unit, lang):
        return panel_for_unit(data, unit, lang)

    @app.callback(
        Output("geo-answer", "children"),
        Input("geo-point", "data"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _geo(point, lang):
        return geo_answer(data, point, lang)

    # In the browser (assets/ui.js): the device's position, the tabs, scrolling to an answer.
    app.clientside_callback(
        ClientsideFunction("hanoi", "locate"),
        Output("geo-point", "data"),
        Input("locate-me", "n_clicks"),
        prevent_initial_call=True,
    )
    tabs = ["compare", "groups", "table", "upload", "convert"]
    app.clientside_callback(
        ClientsideFunction("hanoi", "tabs"),
        [Output(f"tab-{k}", "hidden") for k in tabs],
        Input("tab", "value"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("hanoi", "scroll"),
        Output("scrolled", "data"),
        Input("unit-panel", "children"),
        Input("search-results", "children"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("convert-download", "data"),
        Output("convert-messages", "children"),
        Input("convert-upload", "contents"),
        State("convert-upload", "filename"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _convert(contents, filename, lang):
        return convert_upload(data.finder, contents, filename, pick_lang(lang), charge_rows)

    @app.callback(
        Output("user-data", "data"),
        Output("upload-messages", "children"),
        Input("upload", "contents"),
        Input("upload-clear", "n_clicks"),
        State("upload", "filename"),
        State("lang", "data"),
        prevent_initial_call=True,
    )
    def _upload(contents, _clear, filename, lang):
        if ctx.triggered_id == "upload-clear":
            return None, html.P(t("upload_cleared", pick_lang(lang)), className="ok")
        return upload_result(data, contents, filename, lang)

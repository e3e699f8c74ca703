import json

import pytest
from dash import Patch, html

from dashboard import callbacks
from dashboard.views.panel import unit_panel


def _text(component) -> str:
    """All text inside a Dash component tree."""
    return json.dumps(
        component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False
    )


def _rows(panel):
    """(old unit, transfer) pairs of the panel's old-units table."""
    table = next(c for c in panel.children if getattr(c, "className", "") == "old-units")
    body = table.children[1]
    return {tr.children[0].children: tr.children[2].children for tr in body.children}


def _tap(data, point, lang):
    """The side panel after a map tap at ``point``, as the two callbacks produce it."""
    store, _picker = callbacks.chosen_unit(data, "map-click", None, [], point, None)
    return callbacks.panel_for_unit(data, store, lang)


def test_click_on_hoan_kiem_lists_whole_and_part(app_data):
    panel = _tap(app_data, {"lat": 21.0285, "lon": 105.8542}, "vi")  # at Hoàn Kiếm Lake
    rows = _rows(panel)
    assert rows["Phường Hàng Bạc"] == "toàn bộ"
    assert rows["Phường Tràng Tiền"].startswith("một phần")
    assert len(rows) == 14
    text = _text(panel)
    assert "Phường Hoàn Kiếm" in text and "Sắp xếp toàn bộ diện tích tự nhiên" in text


def test_panel_in_english_marks_the_estimate(app_data):
    text = _text(unit_panel(app_data, "00070", "en"))
    assert "Population 2019 (estimate)" in text and "areal weighting" in text


def test_panel_shows_both_figures_when_sources_disagree(app_data):
    text = _text(unit_panel(app_data, "00640", "vi"))
    assert "51.393" in text and "55.378" in text  # Vietnamese number format on a vi page
    en = _text(unit_panel(app_data, "00640", "en"))
    assert "51,393" in en and "55,378" in en


def _find(component, cls):
    """The first component with className ``cls`` in a Dash tree."""
    if getattr(component, "className", None) == cls:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json") and (found := _find(child, cls)):
            return found
    return None


@pytest.mark.parametrize("code, lang", [("00640", "vi"), ("00070", "en"), ("00070", "vi")])
def test_panel_names_each_source_once_under_the_figures(app_data, code, lang):
    """#16: sources once per panel (from the registry), not on every row of the figures table."""
    from geodata.provenance import SOURCES, VARIABLES

    panel = unit_panel(app_data, code, lang)
    table, sources = _find(panel, "figures"), _find(panel, "panel-sources")
    rows = _text(table)
    listed = _text(sources)
    for key in ("population_2025", "new_polygons_dir", "resolution_1656"):
        short = SOURCES[key].short.text(lang)
        entry = f"{SOURCES[key].title.text(lang)} — {short}"
        assert listed.count(entry) == 1, (key, listed)  # each source listed once
        assert short not in rows  # never repeated per row
    methods = _text(_find(panel, "panel-methods"))
    assert VARIABLES["pop2019_est"].method.text(lang) in methods
    markers = rows.count("source-ref")
    assert markers == (2 if code == "00640" else 0)  # only where two sources disagree


@pytest.mark.parametrize(
    "bad", [None, {}, {"lat": 1}, {"lat": "x", "lon": 2}, {"lat": 1e9, "lon": 0}, "x"]
)
def test_malformed_click_points_are_ignored(app_data, bad):
    nothing = (callbacks.no_update, callbacks.no_update)
    assert callbacks.chosen_unit(app_data, "map-click", None, [], bad, None) == nothing


def test_unknown_code_gives_a_message(app_data):
    panel = unit_panel(app_data, "99999", "vi")
    assert panel.className == "error" and "99999" in panel.children


def _ops(patch):
    return {
        tuple(op["location"][2:]): op["params"]["value"]
        for op in patch.to_plotly_json()["operations"]
    }


def test_switching_indicator_patches_values_not_geometry(app_data):
    patch, legend, head = callbacks.map_patch(app_data, "pop2025", "continuous", 5, "all", "vi")
    assert isinstance(patch, Patch)
    sent = json.dumps(patch.to_plotly_json(), ensure_ascii=False)
    assert "geojson" not in sent and "coordinates" not in sent
    ops = _ops(patch)
    z, codes = ops[("z",)], ops[("locations",)]
    assert len(z) == 126 and z[codes.index("00070")] == app_data.units.loc["00070", "pop2025"]
    assert len(sent) < 30_000


def test_unknown_indicator_and_options_fall_back_to_defaults(app_data):
    ops = _ops(callbacks.map_patch(app_data, "<script>", "nope", "abc", "?", "xx")[0])
    assert ops[("colorbar",)]["title"]["text"].startswith("Mật độ dân số 2025")
    assert (
        len(ops[("colorbar",)]["ticktext"]) == 5 and len(ops[("locations",)]) == 126
    )  # quantiles, 5 classes, all units


def test_ward_filter_draws_only_the_51_wards(app_data):
    ops = _ops(callbacks.map_patch(app_data, "pop2025", "jenks", 4, "phuong", "en")[0])
    assert len(ops[("locations",)]) == 51
    assert set(ops[("z",)]) == {0.0, 1.0, 2.0, 3.0}


def test_old_boundaries_toggle(app_data):
    on = callbacks.map_layers(app_data, ["old"], "none").to_plotly_json()["operations"]
    off = callbacks.map_layers(app_data, [], "none").to_plotly_json()["operations"]
    layers_on = next(op for op in on if op["location"][-1] == "layers")["params"]["value"]
    layers_off = next(op for op in off if op["location"][-1] == "layers")["params"]["value"]
    assert len(layers_on) == 1 and layers_on[0]["source"] == app_data.geo_url("old")
    assert len(json.loads(app_data.geo_files[app_data.geo_url("old")[5:]])["features"]) == 526
    assert layers_off == []


def test_finder_results_for_a_split_unit_show_the_split_map(app_data):
    from dash import dcc

    from dashboard.views.finder import finder_results

    out = finder_results(app_data, "Phường Điện Biên", "en")
    text = _text(out)
    for name in [
        "Phường Ba Đình",
        "Phường Hoàn Kiếm",
        "Phường Văn Miếu - Quốc Tử Giám",
        "Phường Ô Chợ Dừa",
    ]:
        assert name in text
    nodes = list(out.children[0]._traverse())
    (graph,) = [g for g in nodes if isinstance(g, dcc.Graph) and g.id == "split-map"]
    assert "split between several new units" in text
    # every candidate named on the map and in the frame's legend strip, with its share; the
    # outline is said to be approximate
    labels = {tr.text[0] for tr in graph.figure.data if tr.type == "scattermap"}
    assert {"Phường Ô Chợ Dừa", "Phường Hoàn Kiếm"} <= labels
    (legend,) = [n for n in nodes if "split-legend" in (getattr(n, "className", "") or "")]
    strip = _text(legend)
    assert all(name in strip for name in labels) and "~94%" in strip
    assert "is approximate" in text


def test_finder_results_bad_input_is_a_message(app_data):
    from dashboard.views.finder import finder_results

    assert finder_results(app_data, "z" * 400, "vi").className == "error"
    assert finder_results(app_data, "", "vi").className == "hint"


def test_map_click_point_is_located_exactly(app_data):
    panel = _tap(app_data, {"lat": 21.0285, "lon": 105.8542}, "en")
    assert panel.to_plotly_json()["props"]["data-code"] == "00070"
    assert "21.02850, 105.85420" in _text(panel)
    assert "not inside" in _text(_tap(app_data, {"lat": 10.7, "lon": 106.7}, "en"))


# --- officials' page fixes -----------------------------------------------------------------------


def test_upload_with_no_file_shows_no_message(app_data):
    # Dash fires the upload callback on render with contents=None: no "could not be read".
    stored, message = callbacks.upload_result(app_data, None, None, "vi")
    assert message is None and stored is callbacks.no_update


def _callback(app, output: str):
    return next(v for k, v in app.callback_map.items() if output in k)


def test_session_figures_reach_table_and_options_on_render(app_data):
    from dash import Dash

    app = Dash(__name__)
    callbacks.register(app, app_data)
    for output in ("table-holder.children", "indicator.options", "compare-results.children"):
        # Dash runs a callback on render unless prevent_initial_call: after a reload these must
        # be rebuilt from the session store.
        assert not _callback(app, output).get("prevent_initial_call"), output


def test_continuous_scheme_is_stretched_and_says_so(app_data):
    patch, legend, head = callbacks.map_patch(
        app_data, "density_2025", "continuous", 5, "all", "en"
    )
    props = patch.to_plotly_json()["operations"]
    values = app_data.units["density_2025"].astype(float)
    zmin = next(o["params"]["value"] for o in props if o["location"][-1] == "zmin")
    zmax = next(o["params"]["value"] for o in props if o["location"][-1] == "zmax")
    assert zmin == pytest.approx(values.quantile(0.02)) and zmax == pytest.approx(
        values.quantile(0.98)
    )
    assert zmax < values.max()  # Hoàn Kiếm's outlier no longer sets the scale
    assert "2nd–98th percentiles" in _text(html.Div(head))


def test_class_counts_disabled_for_continuous(app_data):
    from dash import Dash

    app = Dash(__name__)
    callbacks.register(app, app_data)
    fn = _callback(app, "k.options")["callback"].__wrapped__
    assert all(o["disabled"] for o in fn("continuous"))
    assert not any(o["disabled"] for o in fn("jenks"))


def test_map_click_selects_the_unit_for_the_picker_and_url(app_data):
    # Hoàn Kiếm Lake lies in Phường Hoàn Kiếm (00070); the picker drives unit= in the URL.
    tap = {"lat": 21.0288, "lon": 105.8525}
    store, picker = callbacks.chosen_unit(app_data, "map-click", None, [], tap, None)
    assert store["code"] == "00070" and picker == "Phường Hoàn Kiếm (00070)"
    junk = callbacks.chosen_unit(app_data, "map-click", None, [], {"lat": "x"}, None)
    assert junk == (callbacks.no_update, callbacks.no_update)
    # Chosen in the picker itself: the picker is left alone.
    assert callbacks.chosen_unit(app_data, "unit-select", "00070", [], None, None) == (
        {"code": "00070"},
        callbacks.no_update,
    )
    # The picker is a text field with suggestions: "name (code)", a code or an exact name.
    for typed in ("Phường Hoàn Kiếm (00070)", " 00070 ", "phường hoàn kiếm"):
        assert callbacks.chosen_unit(app_data, "unit-select", typed, [], None, None)[0] == {
            "code": "00070"
        }
    for typed in (
        "Phường Hoàn",
        "Phường Hoàng Z",
        "",
        None,
        ["00070"],
        "x" * 500,
        "ba",
        "xa",
        "!!",
    ):
        # (several units start so: "Phường Hoàn" is Hoàn Kiếm or Hoàng Liệt, Hoàng Mai)
        assert callbacks.unit_from_text(app_data, typed) is None
    # #23: partial and accent-free entries choose the one unit they name, and the picker shows it.
    for typed, code in (
        ("cau giay", "00166"),
        ("CAU GIAY", "00166"),
        ("phuong cau giay", "00166"),
        ("cau gi", "00166"),
        ("hoan kiem", "00070"),
        ("hai ba trung", "00256"),
    ):
        assert callbacks.unit_from_text(app_data, typed) == code, typed
    store, shown = callbacks.chosen_unit(app_data, "unit-select", "cau giay", [], None, None)
    assert store == {"code": "00166"} and shown == "Phường Cầu Giấy (00166)"
    query, *_ = callbacks.url_for("en", "", "pop2025", "quantiles", 5, "all", [], "00070")
    assert "unit=00070" in query


def test_unit_store_from_a_point_a_tap_outside_and_junk(app_data):
    assert callbacks.unit_from_point(app_data, {"lat": 21.0285, "lon": 105.8542})["code"] == "00070"
    outside = callbacks.unit_from_point(app_data, {"lat": 10.77, "lon": 106.70})
    assert outside["outside"] and outside["code"] is None
    assert callbacks.unit_from_point(app_data, {"lat": "x"}) is None


def test_side_panel_is_never_empty(app_data):
    city = _text(callbacks.panel_for_unit(app_data, None, "en"))
    assert "Hanoi has 126 commune-level units" in city and "199 were split" in city
    assert "8,807,523" in city and "3,359.77 km²" in city
    assert "8.807.523" in _text(callbacks.panel_for_unit(app_data, None, "vi"))
    located = callbacks.panel_for_unit(
        app_data, {"code": "00070", "lat": 21.03, "lon": 105.85}, "en"
    )
    assert "Phường Hoàn Kiếm" in _text(located) and "21.03000" in _text(located)
    assert "not inside" in _text(callbacks.panel_for_unit(app_data, {"outside": True}, "en"))


@pytest.mark.parametrize(
    "point,expected",
    [
        ({"lat": 21.0285, "lon": 105.8542}, "is in Phường Hoàn Kiếm"),
        ({"lat": 10.77, "lon": 106.70}, "is outside Hanoi"),
        ({"error": "denied"}, "permission was refused"),
        ({"error": "unavailable"}, "could not be found"),
        ("junk", "could not be found"),
    ],
)
def test_use_my_location_answers(app_data, point, expected):
    assert expected in _text(callbacks.geo_answer(app_data, point, "en"))


def test_chosen_unit_is_outlined_and_in_the_url(app_data):
    patch = callbacks.map_layers(app_data, [], "none", {"code": "00070"}).to_plotly_json()
    layers = patch["operations"][-1]["params"]["value"]
    assert layers[-1]["name"] == "highlight" and layers[-1]["source"]["features"]
    search, _switch, _tools = callbacks.url_for(
        "en", "", "pop2025", "quantiles", 5, "all", [], "00070", "table"
    )
    assert "unit=00070" in search and "tab=table" in search


def test_finder_answer_names_the_fringe_of_an_overlay_answer(app_data):
    from dashboard.views.finder import finder_results

    text = _text(finder_results(app_data, "Xã Kim Lan, Gia Lâm", "en"))
    assert "Xã Bát Tràng" in text and "also touches Phường Lĩnh Nam (~8" in text


def test_table_is_drawn_only_when_its_tab_is_open(app_data):
    from dash import dash_table, no_update

    for tab in ("compare", "groups", "upload", "convert", None, "nonsense"):
        assert callbacks.table_if_open(app_data, tab, "all", None, "en") is no_update, tab
    table = callbacks.table_if_open(app_data, "table", "xa", None, "en")
    assert isinstance(table, dash_table.DataTable)
    assert len(table.data) == 75  # the 75 communes, and only they


def test_page_holds_the_table_only_when_it_opens_on_that_tab(app_data):
    from dash import dash_table

    def tables(search):
        page = callbacks.page_from_url(app_data, search, "/")
        return [c for c in page._traverse() if isinstance(c, dash_table.DataTable)]

    assert tables("?lang=en") == []
    assert len(tables("?lang=en&tab=table")) == 1


def test_finder_messages_are_in_the_page_language(app_data):
    from dashboard.views.finder import finder_results

    # Only the street matched a ward: the caution is shown, in the page's language.
    vi = _text(finder_results(app_data, "số 12 ngõ 5 Láng Hạ, Đống Đa", "vi"))
    en = _text(finder_results(app_data, "số 12 ngõ 5 Láng Hạ, Đống Đa", "en"))
    assert "Chỉ khớp theo tên đường" in vi and "Matched on" not in vi
    assert "Matched on the street's name only" in en and "Phường Láng Hạ" in en
    # A district alone: its new units, and the message in Vietnamese.
    vi = _text(finder_results(app_data, "Tổ 3, Hoàn Kiếm", "vi"))
    assert "nay thuộc 5 đơn vị mới" in vi and "went to" not in vi
    assert "Phường Cửa Nam" in vi
    nothing = finder_results(app_data, "xyz qwv", "vi")
    assert "Không thấy tên phường" in _text(nothing) and "No ward" not in _text(nothing)


def test_a_new_name_is_answered_first_and_the_old_name_after_it(app_data):
    from dashboard.views.finder import finder_results

    text = _text(finder_results(app_data, "Phường Bồ Đề (mới)", "en"))
    new = text.index("Phường Bồ Đề")
    also = text.index("This is also the name of an old unit")
    assert new < also < text.index('"data-old-code": "00139"')  # the old ward, after

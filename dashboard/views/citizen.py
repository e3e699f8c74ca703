"""The citizen pages as plain HTML: one page per old unit (``/old/<code>``), per new unit
(``/unit/<code>``) and the finder's answer (``/find?q=``), for phones, with or without JavaScript.

The answers are the finder's (geodata.finder: the same records ``lookup`` and the API return);
the figures are the panel's (``data.units``), their sources the provenance registry's; the strings
are the app's (``t``), the numbers the app's format. Pages are built as strings (no Dash
components): a page costs a few milliseconds and is ~10–20 KB before compression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import quote, urlencode

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from dashboard.figures.svg_map import Destination, colour, split_svg
from dashboard.model.data import AppData
from dashboard.model.i18n import N_, STRINGS, t
from dashboard.model.numbers import fmt_number, fmt_share
from dashboard.model.params import ViewParams
from geodata.finder import Finder, NameEntry, QueryError, _match_record, lookup
from geodata.provenance import SOURCES, VARIABLES
from geodata.text import fold

SITE = "Hà Nội 126"
VINTAGE_LABEL = {"526": "2025 (526)", "579": "2020–2024 (579)", "2019": "2019 (584)"}
_DISTRICT_PREFIX = re.compile(r"^(Quận|Huyện|Thị xã)\s+")
# The sources every answer page cites, in this order (numbered in the footer).
ANSWER_SOURCES = ("resolution_1656", "merges", "units_526", "population_2025")
FIGURE_SOURCES = {
    "pop": VARIABLES["pop2025"].sources,
    "area": VARIABLES["area_official_km2"].sources,
    "office": VARIABLES["pop2025_merger_map"].sources,  # the merger map's record names the office
}


@dataclass
class Page:
    """A built page: its status, the <head> facts and the body's HTML."""

    status: int
    title: str
    description: str
    body: str
    canonical: str  # path with query ("/old/00268-thanh-luong?lang=en")
    lang: str
    alternates: dict[str, str] = field(default_factory=dict)  # lang → path
    image: str = ""  # path of the preview image, "" for none
    has_answer: bool = False
    sources: list[str] = field(default_factory=list)


def slug(name: str) -> str:
    """ "Phường Thanh Lương" → "thanh-luong": the unit's bare name, folded, as an URL word."""
    bare = re.sub(r"^(phường|xã|thị trấn)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "-", fold(bare)).strip("-")


def short_district(district: str) -> str:
    """ "Quận Hai Bà Trưng" → "Hai Bà Trưng"."""
    return _DISTRICT_PREFIX.sub("", district)


def _lq(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""


def old_path(code: str, name: str, lang: str = "vi") -> str:
    """The canonical address of an old unit's page."""
    return f"/old/{code}-{slug(name)}{_lq(lang)}"


def unit_path(code: str, name: str, lang: str = "vi") -> str:
    """The canonical address of a new unit's page."""
    return f"/unit/{code}-{slug(name)}{_lq(lang)}"


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {t('cz_and', lang)} " + items[-1]


# --- the model: old code → the finder's records --------------------------------------------------


def old_index(finder: Finder) -> dict[str, list[int]]:
    """Every code an old unit had (526 / 579 / 2019) → its finder entries, the 2025-list name
    first (a code renamed between lists has two entries: Văn Miếu, Văn Miếu - Quốc Tử Giám)."""
    out: dict[str, list[int]] = {}
    for i, e in enumerate(finder.entries):
        for code in e.codes:
            out.setdefault(code, []).append(i)
    order = {"526": 0, "579": 1, "2019": 2}
    for code, idx in out.items():
        idx.sort(
            key=lambda i: (finder.entries[i].code != code, order[finder.entries[i].vintages[0]])
        )
    return out


# The newest data's old-code index (a process serves one data; a new one replaces it).
_INDEX: list[tuple[AppData, dict[str, list[int]]]] = []


def old_index_of(data: AppData) -> dict[str, list[int]]:
    """The data's :func:`old_index` (built on first use, kept for the newest data)."""
    if not _INDEX or _INDEX[0][0] is not data:
        _INDEX[:] = [(data, old_index(data.finder))]
    return _INDEX[0][1]


def old_answers(finder: Finder, index: dict[str, list[int]], code: str) -> list[dict]:
    """The finder's answer records for an old code (the records ``lookup`` returns), or []."""
    return [_match_record(finder, i, 100.0, False) for i in index.get(code, [])]


def primary_entry(finder: Finder, index: dict[str, list[int]], code: str) -> NameEntry | None:
    """The entry that names an old code's page."""
    idx = index.get(code)
    return finder.entries[idx[0]] if idx else None


# --- pieces --------------------------------------------------------------------------------------


def _num(value, decimals: int, lang: str) -> str:
    if value is None or pd.isna(value):
        return t("no_data", lang)
    return fmt_number(value, decimals, lang)


class _Refs:
    """Footnote numbers of the sources a page cites, in first-cited order."""

    def __init__(self, keys=()):
        self.keys: list[str] = []
        for k in keys:
            self.ref(k)

    def ref(self, *keys: str) -> str:
        nums = []
        for k in keys:
            if k not in self.keys:
                self.keys.append(k)
            nums.append(str(self.keys.index(k) + 1))
        links = ",".join(f'<a href="#src-{n}">{n}</a>' for n in nums)
        return f'<sup class="ref">[{links}]</sup>'


def unit_facts(data: AppData, code: str, lang: str, refs: _Refs) -> str:
    """Office, population and area of a new unit as a definition list, each with its source."""
    u = data.units.loc[code]
    office = u["admin_centre"] if isinstance(u["admin_centre"], str) and u["admin_centre"] else ""
    rows = [
        (
            t("admin_centre", lang),
            f'<span lang="vi">{escape(office)}</span>{refs.ref(*FIGURE_SOURCES["office"])}'
            if office
            else t("no_data", lang),
            "office",
        ),
        (
            t("cz_pop2025", lang),
            _num(u["pop2025"], 0, lang) + refs.ref(*FIGURE_SOURCES["pop"]),
            "pop",
        ),
        (
            t("cz_area", lang),
            _num(u["area_official_km2"], 2, lang) + " km²" + refs.ref(*FIGURE_SOURCES["area"]),
            "area",
        ),
    ]
    return (
        '<dl class="facts">'
        + "".join(f'<div class="{c}"><dt>{escape(k)}</dt><dd>{v}</dd></div>' for k, v, c in rows)
        + "</dl>"
    )


def _share(n: dict, lang: str) -> str:
    if n["kind"] != "part" or n["area_share"] is None:
        return ""
    return f"~{fmt_share(n['area_share'], lang)} {t('share_of_old', lang)}"


def _label(n: dict, lang: str) -> str:
    share = fmt_share(n["area_share"], lang) if n["kind"] == "part" and n["area_share"] else ""
    return n["new_name"] + (f" (~{share})" if share else "")


def _clause(n: dict, lang: str) -> str:
    if not n["clause"]:
        return f'<span class="estimate">{escape(t("by_overlay", lang))}</span>'
    text = (
        f'<details class="clause"><summary>{escape(t("cz_resolution_clause", lang))} '
        f'{n["clause"]}</summary><p lang="vi">{escape(n["clause_text"])}</p></details>'
        if n.get("clause_text")
        else f"{escape(t('cz_resolution_clause', lang))} {n['clause']}"
    )
    return text


def destinations_html(data: AppData, m: dict, lang: str, refs: _Refs) -> str:
    """Each new unit an old unit went to: name (linked), whole/part and share, clause, office,
    population and area."""
    items = []
    split = len(m["new_units"]) > 1
    for i, n in enumerate(m["new_units"]):
        share = _share(n, lang)
        swatch = (
            f'<span class="swatch" style="background:{colour(i)}" aria-hidden="true"></span>'
            if split
            else ""
        )
        items.append(
            f'<li class="dest" data-code="{n["new_code"]}"><h2>{swatch}'
            f'<a href="{unit_path(n["new_code"], n["new_name"], lang)}">'
            f"{escape(n['new_name'])}</a></h2>"
            f'<p class="kind">{escape(t(n["kind"], lang))}'
            + (f" · <strong>{escape(share)}</strong>" if share else "")
            + f"</p>{unit_facts(data, n['new_code'], lang, refs)}{_clause(n, lang)}</li>"
        )
    return f'<ol class="dests">{"".join(items)}</ol>'


class SplitShapes:
    """The split map's shapes, indexed once per data: each old code's 2019 polygons (the rows
    ``views.finder.split_geometries`` selects: its 2019 code, or among its 2024 or 526-list
    codes) and each new unit's simplified polygon (``units_map``). Selecting them with pandas
    per page cost ~25 ms; a dict read costs nothing."""

    def __init__(self, data: AppData):
        self.old: dict[str, list] = {}
        old = data.built.old584
        for geom, c19, c24, c526 in zip(
            old.geometry, old["code_2019"], old["codes_2024"], old["codes_526"], strict=True
        ):
            codes = {c19, *str(c24).split(";"), *str(c526).split(";")}
            for c in codes:
                self.old.setdefault(c, []).append(geom)
        units = data.built.units_map
        self.new = dict(zip(units["code"], units.geometry, strict=True))
        self._outlines: dict[str, BaseGeometry | None] = {}

    def outline(self, code: str) -> BaseGeometry | None:
        """The old unit's outline (its 2019 polygons, dissolved), None when the map has none."""
        if code not in self._outlines:
            parts = [g for g in self.old.get(code, []) if g is not None and not g.is_empty]
            self._outlines[code] = shapely.union_all(parts) if parts else None
        return self._outlines[code]


# The newest data's shapes (an id() key could be reused by a later data once one is freed).
_SHAPES: list[tuple[AppData, SplitShapes]] = []


def split_shapes(data: AppData) -> SplitShapes:
    """The data's SplitShapes (built on first use, kept for the newest data)."""
    if not _SHAPES or _SHAPES[0][0] is not data:
        _SHAPES[:] = [(data, SplitShapes(data))]
    return _SHAPES[0][1]


# The street tiles under a split's SVG: those of the dashboard's split map (plotly's
# "open-street-map" style), allowed by the pages' Content-Security-Policy (web/security.py).
STREET_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def split_destinations(
    data: AppData, m: dict, lang: str
) -> tuple[BaseGeometry, list[Destination]] | None:
    """The old unit's outline and the new units of the answer ``m``, each with its label (name
    and share) and colour; None when the build has no outline for the old unit."""
    shapes = split_shapes(data)
    outline = shapes.outline(m["old_code"])
    if outline is None or outline.is_empty:
        return None
    return outline, [
        Destination(n["new_code"], shapes.new[n["new_code"]], _label(n, lang), colour(i))
        for i, n in enumerate(m["new_units"])
        if n["new_code"] in shapes.new
    ]


def split_figure(data: AppData, m: dict, lang: str) -> str:
    """The split's SVG map with its legend beside it and its source line under it ("" when the
    build has no outline for the old unit)."""
    drawn = split_destinations(data, m, lang)
    if drawn is None:
        return ""
    outline, dests = drawn
    title = t("cz_map_title", lang).format(old=m["old_name"])
    svg = split_svg(outline, dests, title=title, north=t("cz_north", lang), lang=lang)
    legend = "".join(
        f'<li><span class="swatch" style="background:{d.color}" aria-hidden="true"></span>'
        f"{escape(d.label)}</li>"
        for d in dests
    )
    old_key = (
        '<li><span class="swatch outline" aria-hidden="true"></span>'
        f"{escape(m['old_name'])} ({escape(t('cz_old_outline', lang))})</li>"
    )
    src = "; ".join(SOURCES[s].short.text(lang) for s in ("new_polygons_dir", "old_polygons_2019"))
    return (
        '<figure class="split-fig">'
        f'<div class="split-row"><div class="svg-box" data-tap="1">{svg}'
        f'<p class="tap-answer" role="status" aria-live="polite" '
        f'data-hint="{escape(t("cz_tap_hint", lang))}" '
        f'data-found="{escape(t("cz_tap_found", lang))}" '
        f'data-outside="{escape(t("cz_tap_outside", lang))}"></p>'
        # With JavaScript, the street tiles the dashboard's split map uses, under the SVG
        # (assets/citizen.js); the SVG alone stays the answer without them.
        f'<div class="tiles-ctl" data-tiles="{escape(STREET_TILES)}" hidden>'
        f'<button type="button" class="tiles" aria-pressed="false">'
        f"{escape(t('cz_tiles', lang))}</button>"
        f'<p class="tiles-credit" hidden>© <a href="https://www.openstreetmap.org/copyright">'
        f"OpenStreetMap</a> {escape(t('cz_tiles_credit', lang))}</p>"
        f'<p class="tiles-failed" role="status" data-text="{escape(t("cz_tiles_failed", lang))}">'
        "</p></div></div>"
        f'<ul class="legend" aria-label="{escape(t("legend", lang))}">{legend}{old_key}</ul></div>'
        f"<figcaption>{escape(t('split_outline_note', lang))} "
        f"{escape(t('source', lang))}: {escape(src)}.</figcaption></figure>"
    )


def answer_block(data: AppData, m: dict, lang: str, refs: _Refs, heading: bool = True) -> str:
    """One old unit's answer: H1 sentence, whole/split note, destinations, map when split."""
    split = len(m["new_units"]) > 1
    h = escape(answer_sentence(m, lang))
    note = t("split_note", lang) if split else t("whole_note", lang)
    vint = ", ".join(VINTAGE_LABEL[v] for v in m["vintages"])
    out = [
        f"<h1>{h}</h1>" if heading else "",
        destinations_html(data, m, lang, refs),
        # after the destinations: on a phone the first screen holds every destination's office
        f'<p class="note">{escape(note)}</p>',
    ]
    if split:
        out.append(split_figure(data, m, lang))
    if m.get("via"):
        via = ", ".join(v["old_name"] for v in m["via"])
        out.append(f'<p class="meta">{escape(t("cz_via", lang).format(units=via))}</p>')
    out.append(
        f'<p class="meta">{escape(t("vintage", lang))}: {escape(vint)} · '
        f"{escape(t('code', lang))}: {escape(', '.join(m.get('old_codes') or [m['old_code']]))}</p>"
    )
    return "".join(out)


def answer_sentence(m: dict, lang: str) -> str:
    """ "Phường Thanh Lương (Hai Bà Trưng) nay thuộc Phường Hồng Hà và Phường Vĩnh Tuy"."""
    names = _join([n["new_name"] for n in m["new_units"]], lang)
    key = N_("cz_now_split") if len(m["new_units"]) > 1 else N_("cz_now_in")
    return f"{m['old_name']} ({short_district(m['district'])}) {t(key, lang)} {names}"


def finder_form(lang: str, query: str = "") -> str:
    """The finder as a plain GET form: works without JavaScript; the answer is the next page.
    With JavaScript it also suggests the finder's matches as one types (assets/citizen.js)."""
    hidden = '<input type="hidden" name="lang" value="en">' if lang == "en" else ""
    # With JavaScript, assets/citizen.js makes the field a combobox offering the finder's
    # matches as one types (/api/lookup); these are its words.
    suggest = " ".join(
        f'data-{name}="{escape(t(key, lang), quote=True)}"'
        for name, key in (
            ("count", N_("cz_suggest_count")),
            ("none", N_("cz_suggest_none")),
            ("new", N_("cz_suggest_new")),
        )
    )
    return (
        f'<form class="finder" method="get" action="/find#answer" role="search" {suggest}>'
        f'<label for="q" id="q-label">{escape(t("search_label", lang))}</label>'
        f'<div class="row"><input id="q" name="q" type="search" value="{escape(query)}" '
        f'placeholder="{escape(t("search_placeholder", lang))}" autocomplete="off" '
        f'enterkeyhint="search" maxlength="300">{hidden}'
        f'<button type="submit">{escape(t("search_button", lang))}</button></div>'
        f'<button type="button" class="locate" hidden '
        f'data-denied="{escape(t("locate_denied", lang))}" '
        f'data-failed="{escape(t("locate_failed", lang))}">{escape(t("locate_me", lang))}</button>'
        "</form>"
    )


def header(lang: str, other_lang_href: str, query: str = "") -> str:
    """Site name, language switch and the finder."""
    other = "vi" if lang == "en" else "en"
    return (
        '<header class="top"><div class="bar">'
        f'<a class="site" href="/{_lq(lang)}">{SITE}</a>'
        f'<a class="lang" href="{escape(other_lang_href)}" lang="{other}" hreflang="{other}">'
        f"{escape(t('cz_other_lang', lang))}</a></div>{finder_form(lang, query)}</header>"
    )


def footer(lang: str, refs: _Refs, stamp: str) -> str:
    """The page's sources once, numbered as cited, with the data version."""
    items = "".join(
        f'<li id="src-{i + 1}">{escape(SOURCES[k].title.text(lang))} — '
        f"{escape(SOURCES[k].short.text(lang))}</li>"
        for i, k in enumerate(refs.keys)
    )
    return (
        f'<footer class="sources"><h2>{escape(t("sources", lang))}</h2><ol>{items}</ol>'
        f"<p>{escape(t('data_version', lang))} {escape(stamp)} · "
        f'<a href="/corrections{_lq(lang)}">{escape(t("report_correction", lang))}</a></p>'
        "</footer>"
    )


def _neighbours(data: AppData, m: dict, index: dict[str, list[int]], lang: str) -> str:
    """The other old units that went to each destination: links to their answers."""
    blocks = []
    for n in m["new_units"]:
        olds = [
            o
            for o in data.finder.reverse[n["new_code"]]["old_units"]
            if o["old_code"] != m["old_code"] and o["old_code"] in index
        ]
        if not olds:
            continue
        links = "".join(
            f'<li><a href="{old_path(o["old_code"], o["old_name"], lang)}">'
            f"{escape(o['old_name'])}</a> <small>({escape(short_district(o['district']))})"
            "</small></li>"
            for o in olds
        )
        heading = t("cz_also_went", lang).format(name=n["new_name"])
        blocks.append(f"<h3>{escape(heading)}</h3><ul class='links'>{links}</ul>")
    return "".join(blocks)


def dashboard_link(lang: str, unit: str | None = None, q: str = "") -> str:
    """A link into the full dashboard at the same view."""
    href = "/" + ViewParams(lang=lang, unit=unit, q=q).query()
    return f'<p class="full"><a href="{escape(href)}">{escape(t("open_full", lang))}</a></p>'


# --- pages ---------------------------------------------------------------------------------------


def old_page(data: AppData, index: dict[str, list[int]], code: str, lang: str) -> Page | None:
    """The page of an old unit, None for a code no vintage has."""
    answers = old_answers(data.finder, index, code)
    if not answers:
        return None
    m = answers[0]
    refs = _Refs()
    body = [f'<main id="answer" tabindex="-1">{answer_block(data, m, lang, refs)}']
    for other in answers[1:]:
        body.append(
            f'<section class="other-name"><h2>{escape(t("cz_same_code", lang))}</h2>'
            f"<h2>{escape(answer_sentence(other, lang))}</h2>"
            f"{destinations_html(data, other, lang, refs)}</section>"
        )
    body.append("</main>")
    first = m["new_units"][0]["new_code"] if m["new_units"] else None
    q = f"{m['old_name']}, {m['district']}"
    body.append(
        f'<nav class="more" aria-label="{escape(t("cz_more", lang))}">'
        f"<h2>{escape(t('cz_more', lang))}</h2>"
        + dashboard_link(lang, first, q)
        + _neighbours(data, m, index, lang)
        + "</nav>"
    )
    for k in ANSWER_SOURCES:
        refs.ref(k)
    title = answer_sentence(m, lang)
    dests = "; ".join(
        n["new_name"] + (f" ~{fmt_share(n['area_share'], lang)}" if _share(n, lang) else "")
        for n in m["new_units"]
    )
    office = ""
    if m["new_units"]:
        oc = data.units.at[first, "admin_centre"]
        office = f" {t('admin_centre', lang)}: {oc}." if isinstance(oc, str) and oc else ""
    description = t("cz_old_description", lang).format(
        old=m["old_name"], district=short_district(m["district"]), dests=dests
    )
    paths = {lg: old_path(code, m["old_name"], lg) for lg in ("vi", "en")}
    return Page(
        200,
        title,
        (description + office)[:300],
        "".join(body),
        paths[lang],
        lang,
        paths,
        f"/og/unit/{first}.{lang}.png?v={data.built.stamp}" if first else "",
        True,
        refs.keys,
    )


def _unit_type(unit_type: str, lang: str) -> str:
    key = {"phường": N_("cz_ward"), "xã": N_("cz_commune")}.get(str(unit_type).lower())
    return t(key, lang) if key else str(unit_type)


def unit_page(data: AppData, index: dict[str, list[int]], code: str, lang: str) -> Page | None:
    """The page of a new unit: its office and figures and the old units it was formed from."""
    if code not in data.units.index:
        return None
    u = data.units.loc[code]
    name = u["full_name"]
    refs = _Refs()
    rev = data.finder.reverse[code]
    olds = "".join(
        "<li>"
        + (
            f'<a href="{old_path(o["old_code"], o["old_name"], lang)}">{escape(o["old_name"])}</a>'
            if o["old_code"] in index
            else escape(o["old_name"])
        )
        + f" <small>({escape(short_district(o['district']))})</small> — "
        f"{escape(t(o['kind'], lang))} · {escape(t('cz_resolution_clause', lang))} {o['clause']}"
        "</li>"
        for o in rev["old_units"]
    )
    refs.ref("resolution_1656")
    title = t("cz_unit_title", lang).format(name=name, n=len(rev["old_units"]))
    body = (
        f'<main id="answer" tabindex="-1"><h1>{escape(title)}</h1>'
        f'<p class="meta">{escape(t("type", lang))}: {escape(_unit_type(u["unit_type"], lang))} · '
        f"{escape(t('code', lang))}: {code}</p>"
        f"{unit_facts(data, code, lang, refs)}"
        f"<h2>{escape(t('old_units', lang))} ({len(rev['old_units'])})</h2>"
        f'<ul class="olds">{olds}</ul></main>'
        f'<nav class="more" aria-label="{escape(t("cz_more", lang))}">'
        f"<h2>{escape(t('cz_more', lang))}</h2>{dashboard_link(lang, code)}</nav>"
    )
    for k in ANSWER_SOURCES:
        refs.ref(k)
    description = t("preview_unit", lang).format(
        name=name,
        pop=fmt_number(u["pop2025"], 0, lang),
        area=fmt_number(u["area_official_km2"], 2, lang),
        n=int(u["n_old_units"]),
    )
    paths = {lg: unit_path(code, name, lg) for lg in ("vi", "en")}
    return Page(
        200,
        title,
        description,
        body,
        paths[lang],
        lang,
        paths,
        f"/og/unit/{code}.{lang}.png?v={data.built.stamp}",
        True,
        refs.keys,
    )


def _message(answer: dict, lang: str) -> str:
    """The finder's message in ``lang`` (its key when it has one, else its English text)."""
    key = answer.get("message_key")
    if key and key in STRINGS:
        try:
            return t(key, lang).format(**(answer.get("message_args") or {}))
        except (KeyError, IndexError, ValueError):
            pass
    return answer.get("message") or ""


def _query_error(err: QueryError, lang: str) -> str:
    """A finder error in ``lang``: its key's text when it has one; else its (English) text in
    English and the finder's hint in Vietnamese."""
    key = getattr(err, "message_key", None)
    if not key and lang != "en":
        return t("finder_hint", lang)
    args = getattr(err, "message_args", None)
    return _message({"message": str(err), "message_key": key, "message_args": args}, lang)


def _reverse_parts(data: AppData, answer: dict, lang: str, refs: _Refs) -> list[str]:
    """A new unit's answer (a new unit's name, or a point): its name, office and figures."""
    nu = answer["new_unit"]
    code = nu["new_code"]
    if "lat" in answer:
        head = t("locate_found", lang).format(
            lat=f"{answer['lat']:.5f}", lon=f"{answer['lon']:.5f}", name=nu["new_name"]
        )
    else:
        head = f"{nu['new_name']} — {t('formed_from', lang)} {len(nu['old_units'])}"
    return [
        f"<h1>{escape(head)}</h1>",
        f'<p><a href="{unit_path(code, nu["new_name"], lang)}">{escape(nu["new_name"])}</a></p>',
        unit_facts(data, code, lang, refs),
    ]


def _candidate_links(matches: list[dict], lang: str, with_dests: bool) -> str:
    items = []
    for m in matches:
        dests = _join([n["new_name"] for n in m["new_units"]], lang) if with_dests else ""
        items.append(
            f'<li><a href="{old_path(m["old_code"], m["old_name"], lang)}#answer">'
            f"{escape(m['old_name'])} ({escape(short_district(m['district']))})</a>"
            + (f" → {escape(dests)}" if dests else "")
            + "</li>"
        )
    return f'<ul class="links candidates">{"".join(items)}</ul>'


def _match_parts(data: AppData, answer: dict, lang: str, refs: _Refs) -> list[str]:
    """Old-name matches: the candidates when ambiguous, else the first one's whole answer."""
    matches = answer.get("matches") or []
    if answer.get("ambiguous"):
        return [
            f"<h1>{escape(t('ambiguous', lang))}</h1>",
            _candidate_links(matches, lang, with_dests=True),
        ]
    if not matches:
        return []
    m = matches[0]
    parts = [f'<p class="note">{escape(t("corrected", lang))}</p>'] if m.get("corrected") else []
    parts += [
        answer_block(data, m, lang, refs),
        f'<p><a href="{old_path(m["old_code"], m["old_name"], lang)}">'
        f"{escape(t('cz_permalink', lang))}</a></p>",
    ]
    if len(matches) > 1:
        parts.append(f"<h2>{escape(t('cz_other_candidates', lang))}</h2>")
        parts.append(_candidate_links(matches[1:], lang, with_dests=False))
    return parts


def answer_parts(data: AppData, query: str, lang: str, refs: _Refs) -> tuple[list[str], int]:
    """The finder's answer to ``query`` as HTML pieces, and the page's status."""
    if not query.strip():
        return [f'<p class="hint">{escape(t("finder_hint", lang))}</p>'], 200
    try:
        answer = lookup(data.finder, query)
    except QueryError as err:
        status = 400 if len(query.strip()) > 300 else 200
        return [f'<p class="error" role="alert">{escape(_query_error(err, lang))}</p>'], status
    parts = _reverse_parts(data, answer, lang, refs) if answer.get("new_unit") else []
    if "lat" in answer and not answer.get("new_unit"):
        parts.append(f'<p class="error" role="alert">{escape(t("not_in_hanoi", lang))}</p>')
    parts += _match_parts(data, answer, lang, refs)
    msg = _message(answer, lang) if answer.get("needs") else ""
    if msg:
        parts.append(f'<p class="note">{escape(msg)}</p>')
    if answer.get("district_units"):
        parts.append(
            '<ul class="links">'
            + "".join(
                f'<li><a href="{unit_path(u["new_code"], u["new_name"], lang)}">'
                f"{escape(u['new_name'])}</a></li>"
                for u in answer["district_units"]
            )
            + "</ul>"
        )
    if not parts:
        parts.append(f'<p class="error" role="alert">{escape(t("no_match", lang))}</p>')
    return parts, 200


def find_page(data: AppData, index: dict[str, list[int]], query: str, lang: str) -> Page:
    """The finder's answer to ``query`` as a page (the same ``lookup`` as the API and the
    dashboard); ambiguous names list their candidates as links to their pages."""
    refs = _Refs()
    alternates = {
        lg: "/find?" + urlencode({"q": query, **({"lang": "en"} if lg == "en" else {})})
        for lg in ("vi", "en")
    }
    parts, status = answer_parts(data, query, lang, refs)
    heading = re.search(r"<h1>(.*?)</h1>", "".join(parts))
    title = (
        unescape(re.sub(r"<[^>]+>", "", heading.group(1))) if heading else t("cz_find_title", lang)
    )
    if not heading:
        parts.insert(0, f"<h1>{escape(t('cz_find_title', lang))}</h1>")
    for k in ANSWER_SOURCES:
        refs.ref(k)
    body = f'<main id="answer" tabindex="-1">{"".join(parts)}</main>'
    has_answer = bool(query.strip()) and 'class="error"' not in body
    return Page(
        status,
        title,
        t("page_description", lang),
        body,
        alternates[lang],
        lang,
        alternates,
        "",
        has_answer,
        refs.keys,
    )


def not_found_page(code: str, lang: str) -> Page:
    """The 404 page: says what was not found and offers the finder."""
    text = t("cz_not_found", lang).format(code=code[:20])
    body = (
        f'<main id="answer" tabindex="-1"><h1>{escape(t("cz_not_found_title", lang))}</h1>'
        f"<p>{escape(text)}</p></main>"
    )
    return Page(404, t("cz_not_found_title", lang), text, body, "", lang)


def document(page: Page, data: AppData, origin: str, css: str, js: str, query: str = "") -> str:
    """The whole HTML document of ``page``: head (title, description, canonical, hreflang,
    Open Graph and Twitter tags), header with the finder, body, footer with the sources."""
    lang = page.lang
    other = "en" if lang == "vi" else "vi"
    other_href = page.alternates.get(other) or ("/?lang=en" if other == "en" else "/")
    refs = _Refs(page.sources)
    esc = lambda s: escape(s, quote=True)  # noqa: E731
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(page.title)} — {SITE}</title>",
        f'<meta name="description" content="{esc(page.description)}">',
        f'<link rel="stylesheet" href="{esc(css)}">',
        f'<link rel="icon" href="{esc(css.split("citizen.css")[0])}favicon.ico">',
    ]
    if page.status != 200:
        head.append('<meta name="robots" content="noindex">')
    if page.canonical:
        head.append(f'<link rel="canonical" href="{esc(origin + page.canonical)}">')
        for lg, path in page.alternates.items():
            head.append(f'<link rel="alternate" hreflang="{lg}" href="{esc(origin + path)}">')
        if "vi" in page.alternates:
            head.append(
                f'<link rel="alternate" hreflang="x-default" '
                f'href="{esc(origin + page.alternates["vi"])}">'
            )
    metas = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", SITE),
        ("property", "og:locale", "en_GB" if lang == "en" else "vi_VN"),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", origin + page.canonical),
        ("name", "twitter:card", "summary_large_image" if page.image else "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
    ]
    if page.image:
        metas += [
            ("property", "og:image", origin + page.image),
            ("property", "og:image:width", "1200"),
            ("property", "og:image:height", "630"),
            ("property", "og:image:alt", page.title),
        ]
    head += [f'<meta {a}="{n}" content="{esc(c)}">' for a, n, c in metas]
    head.append(f'<script src="{esc(js)}" defer></script>')
    focus = ' data-focus-answer="1"' if page.has_answer else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head>'
        f'<body class="citizen"{focus}>{header(lang, other_href, query)}{page.body}'
        f"{footer(lang, refs, data.built.stamp)}</body></html>"
    )


def sitemap(data: AppData, index: dict[str, list[int]], origin: str) -> str:
    """sitemap.xml: every old and new unit page, each with its other language as an alternate."""
    urls = []

    def add(paths: dict[str, str]) -> None:
        for lg in ("vi", "en"):
            alts = "".join(
                f'<xhtml:link rel="alternate" hreflang="{a}" href="{escape(origin + p)}"/>'
                for a, p in paths.items()
            )
            urls.append(f"<url><loc>{escape(origin + paths[lg])}</loc>{alts}</url>")

    for code in sorted(index):
        e = data.finder.entries[index[code][0]]
        add({lg: old_path(code, e.full_name, lg) for lg in ("vi", "en")})
    for code in sorted(data.units.index):
        add({lg: unit_path(code, data.units.at[code, "full_name"], lg) for lg in ("vi", "en")})
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">' + "".join(urls) + "</urlset>"
    )


def quote_path(path: str) -> str:
    """``path`` percent-encoded for a Location header."""
    return quote(path, safe="/?=&-#")


# --- the dashboard's first screen (before Dash has drawn it) ------------------------------------


def first_screen(data: AppData, search: str) -> str:
    """The dashboard's header and finder as plain HTML, sent in ``/``'s index page so the first
    screen paints before React and plotly have loaded (dashboard/app.py). The finder is a plain
    GET form to ``/find`` (it works without JavaScript); with ``?q=`` the answer's gist (each
    destination, its share and office) comes too. Dash's page replaces it once drawn
    (assets/style.css hides it, assets/answer_focus.js removes it). Same classes as the Dash
    page's header and finder, so nothing moves when it is swapped; ids are its own (first-*)."""
    from dashboard.model.params import parse_params

    p = parse_params(search)
    lang = p.lang
    other = "en" if lang == "vi" else "vi"
    hidden = '<input type="hidden" name="lang" value="en">' if lang == "en" else ""
    answer = _first_answer(data, p.q, lang) if p.q else ""
    return (
        f'<div id="first-screen" class="page" lang="{lang}"><div class="app">'
        '<div class="side-panel"><header class="site-header">'
        f"<h1>{escape(t('title', lang))}</h1><p>{escape(t('subtitle', lang))}</p>"
        f'<a class="lang-switch" href="{escape(p.query(lang=other))}" lang="{other}">'
        f"{'English' if other == 'en' else 'Tiếng Việt'}</a></header>"
        '<form class="finder" method="get" action="/find#answer" role="search">'
        f'<label for="first-q" class="search-label">{escape(t("search_label", lang))}</label>'
        f'<div class="search-row"><input id="first-q" name="q" type="search" '
        f'class="search-input" value="{escape(p.q)}" maxlength="300" autocomplete="off" '
        f'placeholder="{escape(t("search_placeholder", lang))}">{hidden}'
        f'<button type="submit">{escape(t("search_button", lang))}</button></div>'
        f"{answer}</form></div></div></div>"
    )


def _first_answer(data: AppData, query: str, lang: str) -> str:
    """The gist of the finder's answer for the first screen: the sentence, each destination with
    its share and office; candidates when ambiguous; nothing for anything else."""
    try:
        answer = lookup(data.finder, query)
    except QueryError:
        return ""
    matches = answer.get("matches") or []
    if not matches:
        return ""
    if answer.get("ambiguous"):
        return (
            f'<div class="first-answer"><p>{escape(t("ambiguous", lang))}</p>'
            + _candidate_links(matches, lang, with_dests=True)
            + "</div>"
        )
    m = matches[0]
    items = []
    for n in m["new_units"]:
        share = _share(n, lang)
        office = data.units.at[n["new_code"], "admin_centre"]
        items.append(
            f"<li><strong>{escape(n['new_name'])}</strong>"
            + (f" · {escape(share)}" if share else f" · {escape(t(n['kind'], lang))}")
            + (
                f"<br>{escape(t('admin_centre', lang))}: {escape(office)}"
                if isinstance(office, str) and office
                else ""
            )
            + "</li>"
        )
    return (
        f'<div class="first-answer"><h2>{escape(answer_sentence(m, lang))}</h2>'
        f"<ul>{''.join(items)}</ul></div>"
    )

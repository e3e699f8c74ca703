"""Fast seeded fuzz cases for the live fuzz (tests/dashboard/web/test_fuzz.py, benchmarks/
live_fuzz.py): every callback with plausible and junk values, raw junk bodies, arbitrary
addresses, and issue #24's hostile input.

The test-client properties keep hypothesis (it shrinks a failure to its smallest input); over
HTTP, where a failure is found by its status code and reported with its body, the values come
from ``random.Random`` instead: hypothesis' ``.example()`` took ~16 ms a request, which held a
50,000-request run to a few thousand. This module makes ~20,000 requests a second.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Iterator
from urllib.parse import quote

from dashboard.model.indicators import INDICATORS

CONVERT_OUTPUT = "..convert-download.data...convert-messages.children.."
CODES = ["00070", "09661", "00082", "99999", "", "0", "abc", "00070 ", "<script>"]
# What a real page sends for a property: the callbacks then run their full path, not only the
# validator's refusal.
REAL = {
    # Every built-in indicator (the registry, so a new one is fuzzed too) and an uploaded one.
    "indicator": [*INDICATORS, "user:staff"],
    "scheme": ["quantiles", "jenks", "equal", "continuous"],
    "k": [3, 4, 5, 6, 7, 9, 12],
    "unit-type": ["all", "phuong", "xa", "table"],
    "lang": ["vi", "en"],
    "tab": ["compare", "groups", "table", "upload", "convert"],
    "basemap": ["none", "osm", "light"],
    "show-old": [[], ["old"], True],
    "url": [
        "/",
        "/embed/map",
        "/embed/unit/00070",
        "/embed/chart/pop2025",
        "/corrections",
        "/en",
        "/unit/00070",
        "/?compare=00070,09661&lang=en",
    ],
}
# The vector map downloads (dashboard/web/map_svg.py), fuzzed with junk query strings.
EXPORTS = ["/export/map.svg", "/export/unit/00070.svg", "/export/split/00268.svg"]
# Characters a hostile or careless client sends: ASCII, Vietnamese, markup, controls, quotes,
# bidi marks, astral characters (never a lone surrogate: JSON cannot carry one unescaped, and
# the escaped ones are in the hostile input).
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 .,;:-_/\\?&=#%+@'\"<>{}[]()|*!~`^$"
    "Hàng Bài Hoàn Kiếm Phường Xã Đống Đa Ba Đình Cầu Giấy ơưăâêôđ ẮẰẲẴẶ "
    "\t\r\n\x00\x01\x1b\x7f\u00a0\u200b\u200e\u202e\ufeff\ufffd 😀𝔘中文"
)


def text(rng: random.Random, max_size: int = 400) -> str:
    """A string of up to ``max_size`` characters, short ones most often."""
    size = min(int(rng.expovariate(1 / 20)), max_size)
    if rng.random() < 0.1:  # any code point outside the surrogates
        return "".join(
            chr(c if not 0xD800 <= c < 0xE000 else c + 0x800)
            for c in (rng.randrange(0x110000 - 0x800) for _ in range(size))
        )
    return "".join(rng.choices(ALPHABET, k=size))


def junk(rng: random.Random, depth: int = 0):
    """Any JSON-able value: scalars of every type (NaN and huge integers too), nested a little."""
    pick = rng.randrange(9 if depth < 2 else 6)
    if pick == 0:
        return None
    if pick == 1:
        return rng.random() < 0.5
    if pick == 2:
        return rng.choice([0, -1, 1, 2**31, -(10**30), 10**30, rng.randint(-1000, 1000)])
    if pick == 3:
        return rng.choice([0.5, -0.0, 1e308, float("nan"), float("inf"), rng.uniform(-200, 200)])
    if pick in (4, 5):
        return text(rng)
    if pick == 6:
        return rng.choice(CODES)
    if pick == 7:
        return [junk(rng, depth + 1) for _ in range(rng.randrange(6))]
    return {text(rng, 12): junk(rng, depth + 1) for _ in range(rng.randrange(6))}


def plausible(rng: random.Random, name: str):
    """A value of the type the validator accepts for ``name`` (``id.property``), most often a
    real one for the component, so the callback runs past the validator."""
    from dashboard.web.validate import TYPES

    component = name.split(".")[0]
    kinds = TYPES.get(name, (type(None),))
    if component in REAL and rng.random() < 0.6:
        value = rng.choice(REAL[component])
        if isinstance(value, kinds) and not isinstance(value, bool):
            return value
    kind = rng.choice(kinds)
    if kind is str:
        return rng.choice([rng.choice(CODES), text(rng), "data:text/csv;base64,YSxiCjEsMgo="])
    if kind is int:
        return rng.randrange(13)
    if kind is float:
        return rng.uniform(0, 12)
    if kind is list:
        return rng.sample(CODES, rng.randrange(8))
    if kind is dict:
        return rng.choice(
            [
                {"lat": rng.uniform(20, 22), "lon": rng.uniform(105, 107)},
                {"code": rng.choice(CODES)},
                {"file": text(rng, 30), "columns": {text(rng, 10): {"00070": rng.randrange(99)}}},
                {"points": [{"customdata": [rng.choice(CODES)]}]},
                junk(rng, 1) if rng.random() < 0.5 else {},
            ]
        )
    return None


def _item(rng: random.Random, declared: dict) -> dict | list:
    """One input or state item for ``declared``: well typed 9 times in 10, else junk."""
    ident, prop = declared["id"], declared["property"]
    if ident.startswith("{"):  # a pattern-matching input: one item per matching component
        pattern = json.loads(ident)
        return [
            {
                "id": {**pattern, "code": rng.choice(CODES), "n": rng.randrange(5)},
                "property": prop,
                "value": rng.choice([None, rng.randrange(4), junk(rng)]),
            }
            for _ in range(rng.randrange(4))
        ]
    good = rng.random() < 0.9
    value = plausible(rng, f"{ident}.{prop}") if good else junk(rng)
    return {"id": ident, "property": prop, "value": value}


def callback_body(rng: random.Random, callback_map, output: str) -> dict:
    """A request for ``output`` with values for exactly its declared inputs and state."""
    cb = callback_map[output]
    names = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = [dict(zip(("id", "property"), n.split(".", 1), strict=True)) for n in names]
    return {
        "output": output,
        "outputs": outs if output.startswith("..") else outs[0],
        "inputs": [_item(rng, i) for i in cb["inputs"]],
        "state": [_item(rng, i) for i in cb["state"]],
        "changedPropIds": [f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}"],
    }


def convert_body(
    raw: bytes, filename: str = "x.xlsx", media: str = "application/octet-stream"
) -> bytes:
    """The convert tab's callback carrying ``raw`` as its upload, a file ``filename`` of type
    ``media`` (as the browser's upload field reports them)."""
    contents = f"data:{media};base64," + base64.b64encode(raw).decode()
    return json.dumps(
        {
            "output": CONVERT_OUTPUT,
            "outputs": [
                {"id": "convert-download", "property": "data"},
                {"id": "convert-messages", "property": "children"},
            ],
            "inputs": [{"id": "convert-upload", "property": "contents", "value": contents}],
            "state": [
                {"id": "convert-upload", "property": "filename", "value": filename},
                {"id": "lang", "property": "data", "value": "en"},
            ],
            "changedPropIds": ["convert-upload.contents"],
        }
    ).encode()


def search_body(value: str) -> bytes:
    """The finder's callback with ``value`` in the search box (JSON escapes a lone surrogate)."""
    return json.dumps(
        {
            "output": "search-results.children",
            "outputs": {"id": "search-results", "property": "children"},
            "inputs": [
                {"id": "search-button", "property": "n_clicks", "value": 1},
                {"id": "search", "property": "value", "value": value},
            ],
            "state": [{"id": "lang", "property": "data", "value": "vi"}],
            "changedPropIds": ["search.value"],
        }
    ).encode()


def hostile_bodies() -> list[tuple[str, str, bytes | None]]:
    """(method, path, body) of issue #24's hostile input: every hostile spreadsheet through the
    convert tab, JSON nested 1,000 deep and lone surrogates to the batch API and the finder."""
    from tests.hostile_files import HOSTILE

    files = [
        ("POST", "/_dash-update-component", convert_body(make())) for make, _ in HOSTILE.values()
    ]
    deep = b'{"queries": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    return files + [
        ("POST", "/api/lookup/batch", deep),
        ("POST", "/api/lookup/batch", b'{"queries": ["\\ud800 Hang Bai"]}'),
        ("POST", "/api/lookup/batch", b'{"queries": ["\\udfff"], "lang": "\\ud800"}'),
        ("POST", "/_dash-update-component", search_body("\ud800")),
        ("POST", "/_dash-update-component", search_body("Hàng Bài \udc00")),
        ("GET", "/api/lookup?q=%ED%A0%80", None),
    ]


def _address(rng: random.Random) -> str:
    """An arbitrary address: junk paths under the app's prefixes, and real pages with junk
    query strings."""
    pick = rng.randrange(4)
    if pick == 0:
        junk_path = "/" + quote(rng.randbytes(8).hex() + rng.choice(["", "/os/path.py", "/.."]))
        prefix = ["/_dash-component-suites", "", "/embed", "/export/unit", "/export/split"]
        return rng.choice(prefix) + junk_path + rng.choice(["", ".svg"])
    if pick == 1:
        page = rng.choice([*REAL["url"], *EXPORTS]).split("?")[0]
        return page + "?" + quote(text(rng, 60), safe="=&")
    if pick == 2:
        q = rng.choice(["hang bai", "x" * 300, "%%", text(rng, 80)])
        return "/api/lookup?q=" + quote(q, safe="")
    lat, lon = junk(rng), junk(rng)
    return f"/api/locate?lat={quote(str(lat), safe='')}&lon={quote(str(lon), safe='')}"


def live_requests(
    callback_map, seed: int, hostile_input: list
) -> Iterator[tuple[str, str, bytes | None]]:
    """Seeded (method, path, body) triples without end: every callback in turn (7 in 11), raw
    junk bodies, arbitrary addresses, and the hostile input of issue #24 (1 in 11)."""
    rng = random.Random(seed)
    outputs = sorted(callback_map)
    i = 0
    while True:
        pick = i % 11
        if pick == 10:
            yield hostile_input[(i // 11) % len(hostile_input)]
        elif pick < 7:
            body = callback_body(rng, callback_map, outputs[(i // 11 * 7 + pick) % len(outputs)])
            yield "POST", "/_dash-update-component", json.dumps(body).encode()
        elif pick == 7:
            raw = rng.choice(
                [
                    b"[" * 3000,
                    b"{}",
                    b"null",
                    b'{"output": 1}',
                    rng.randbytes(64),
                    json.dumps(junk(rng)).encode(),
                ]
            )
            yield "POST", rng.choice(["/_dash-update-component", "/api/lookup/batch"]), raw
        else:
            yield "GET", _address(rng), None
        i += 1

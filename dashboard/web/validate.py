"""One validator in front of Dash for every callback request (``POST /_dash-update-component``).

The body must name a registered callback and carry exactly its declared inputs and state, in
order, each with a value of the type its component can produce; numbers must be finite and of a
sane size anywhere (stores included), and the JSON may not nest deeper than ``MAX_DEPTH`` —
checked on the raw bytes before any parser sees them, since a deep body exhausts the recursion
limit of ``json.loads``.
"""

from __future__ import annotations

import json
import math
import re

MAX_DEPTH = 16  # the deepest real body (the uploaded figures' store) nests 5 levels
MAX_NUMBER = 1e15  # beyond any population, area or count the app shows
BODY_KEYS = {"output", "outputs", "inputs", "state", "changedPropIds", "parsedChangedPropsIds"}
ITEM_KEYS = {"id", "property", "value"}
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")

NONE = type(None)
TEXT = (str, NONE)
COUNT = (int, NONE)
LIST = (list, NONE)
OBJECT = (dict, NONE)
# What each component property can hold when the renderer sends it. A callback reading a
# property not listed here is refused (test_fuzz checks every callback's inputs are covered).
TYPES: dict[str, tuple[type, ...]] = {
    "url.pathname": TEXT,
    "url.search": TEXT,
    "search-button.n_clicks": COUNT,
    "search.value": TEXT,
    "lang.data": TEXT,
    "indicator.value": TEXT,
    "scheme.value": TEXT,
    "k.value": (int, float, str, NONE),
    "unit-type.value": TEXT,
    "compare-units.value": LIST,
    "unit-select.value": TEXT,
    "user-data.data": OBJECT,
    "show-old.value": LIST,
    "basemap.value": TEXT,
    "map-click.data": OBJECT,
    "compare-click.value": LIST,
    "upload.contents": TEXT,
    "upload.filename": TEXT,
    "upload-clear.n_clicks": COUNT,
    "convert-upload.contents": TEXT,
    "convert-upload.filename": TEXT,
    "geo-point.data": OBJECT,
    "locate-me.n_clicks": COUNT,
    "tab.value": TEXT,
    "unit.data": OBJECT,
    "facts-seen.data": COUNT,  # 1 once the reader comes near the facts charts (assets/ui.js)
    "compare-seen.data": COUNT,  # 1 once the reader comes near the compare checkboxes
    "page-stale.data": COUNT,  # a time, when the browser is not where the layout's page is
    # Read only by clientside callbacks (scrolling, the address check): never posted, listed
    # for completeness.
    "url.href": TEXT,
    "search-results.children": (list, dict, str, NONE),
    "unit-panel.children": (list, dict, str, NONE),
    # Pattern-matching ids (the buttons naming units in an answer), by their "type".
    "pick-unit.n_clicks": COUNT,
}
MAX_PATTERN_ITEMS = 50  # an answer names at most a few dozen units


class CallbackRequestError(ValueError):
    """A callback request the app refuses; the message is short and safe to show."""


def json_depth(raw: bytes) -> int:
    """Deepest bracket nesting of a JSON text, ignoring brackets inside strings (no parsing)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", raw)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _check_numbers(value, where: str) -> None:
    """Refuse non-finite or huge numbers at any depth (the depth is already bounded)."""
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise CallbackRequestError(f"Non-finite number in {where}.")
        if abs(value) > MAX_NUMBER:
            raise CallbackRequestError(f"Number out of range in {where}.")
    elif isinstance(value, list):
        for item in value:
            _check_numbers(item, where)
    elif isinstance(value, dict):
        for item in value.values():
            _check_numbers(item, where)


def check_text(value, where: str = "the request") -> None:
    """Refuse strings (values and keys, at any depth) that are not valid Unicode text: JSON's
    ``"\\ud800"`` decodes to a lone surrogate, which no encoder (urlencode, UTF-8) accepts."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise CallbackRequestError(f"Invalid Unicode text in {where}.") from None
    elif isinstance(value, list):
        for item in value:
            check_text(item, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, where)
            check_text(item, where)


def parse_json(raw: bytes, max_depth: int = MAX_DEPTH):
    """The JSON value of ``raw``, refused (CallbackRequestError) when nested deeper than
    ``max_depth`` (checked on the bytes, before the recursive parser), malformed, not UTF-8, or
    holding text that is not valid Unicode."""
    if json_depth(raw) > max_depth:
        raise CallbackRequestError(f"JSON nested deeper than {max_depth} levels.")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise CallbackRequestError("Malformed JSON.") from None
    check_text(value)
    return value


def declared_name(want: dict) -> str:
    """``id.property`` of a declared input; a pattern-matching id is named by its "type"."""
    ident = want["id"]
    if isinstance(ident, str) and ident.startswith("{"):
        ident = json.loads(ident).get("type", "?")
    return f"{ident}.{want['property']}"


def _check_value(item, want: dict, name: str, kind: str, same_id) -> None:
    """One ``{"id", "property", "value"}`` item against its declaration."""
    if not isinstance(item, dict) or not set(item) <= ITEM_KEYS:
        raise CallbackRequestError(f"Malformed {kind} item.")
    if not same_id(item.get("id")) or item.get("property") != want["property"]:
        raise CallbackRequestError(f"Unexpected {kind} item for this callback.")
    value = item.get("value")
    if isinstance(value, bool) or not isinstance(value, TYPES.get(name, ())):
        raise CallbackRequestError(f"Wrong type for {name}.")
    _check_numbers(value, name)


def _matches_pattern(pattern: dict):
    """A test for concrete ids of a pattern: same keys, same fixed values, plain wildcard values."""

    def test(ident) -> bool:
        if not isinstance(ident, dict) or set(ident) != set(pattern):
            return False
        return all(
            isinstance(ident[k], (str, int)) and not isinstance(ident[k], bool)
            if isinstance(v, list)
            else ident[k] == v
            for k, v in pattern.items()
        )

    return test


def _check_items(items, declared: list[dict], kind: str) -> None:
    if not isinstance(items, list) or len(items) != len(declared):
        raise CallbackRequestError(f"Expected {len(declared)} {kind} for this callback.")
    for item, want in zip(items, declared, strict=True):
        name = declared_name(want)
        if isinstance(want["id"], str) and want["id"].startswith("{"):
            # A pattern-matching input (ALL) arrives as a list of items, one per component.
            if not isinstance(item, list) or len(item) > MAX_PATTERN_ITEMS:
                raise CallbackRequestError(f"Malformed {kind} item.")
            same = _matches_pattern(json.loads(want["id"]))
            for one in item:
                _check_value(one, want, name, kind, same)
        else:
            _check_value(item, want, name, kind, lambda ident, w=want: ident == w["id"])


def _output_names(output: str) -> list[str]:
    """``..a.b...c.d..`` → ["a.b", "c.d"]; the ``@hash`` of duplicate outputs is dropped."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    return [p.split("@")[0] for p in parts]


def _check_outputs(outputs, output: str) -> None:
    listed = outputs if isinstance(outputs, list) else [outputs]
    if not all(isinstance(o, dict) and {"id", "property"} <= set(o) for o in listed):
        raise CallbackRequestError("Malformed outputs.")
    names = [f"{o['id']}.{str(o['property']).split('@')[0]}" for o in listed]
    if names != _output_names(output):
        raise CallbackRequestError("Outputs do not match the callback.")


def check_callback_request(raw: bytes, callback_map: dict) -> dict:
    """The parsed body of a valid callback request; CallbackRequestError says what is wrong."""
    try:
        body = parse_json(raw)
    except CallbackRequestError as err:
        if str(err) == "Malformed JSON.":
            raise CallbackRequestError("Malformed callback request.") from None
        raise
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        raise CallbackRequestError("Malformed callback request.")
    callback = callback_map.get(body["output"])
    if callback is None:
        raise CallbackRequestError("Malformed callback request: unknown callback.")
    if callback.get("callback") is None:
        raise CallbackRequestError("This callback runs in the browser, not on the server.")
    if not set(body) <= BODY_KEYS:
        raise CallbackRequestError("Unexpected fields in callback request.")
    _check_outputs(body.get("outputs"), body["output"])
    _check_items(body.get("inputs"), callback["inputs"], "inputs")
    _check_items(body.get("state", []), callback["state"], "state")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(
        isinstance(c, str) and _names_an_input(c, callback["inputs"]) for c in changed
    ):
        raise CallbackRequestError("changedPropIds must name the callback's inputs.")
    return body


def _names_an_input(changed: str, inputs: list[dict]) -> bool:
    """True when ``changed`` ("id.property") is one of the inputs, or a concrete component of a
    pattern-matching input (its id is then the component's id as JSON)."""
    ident, _, prop = changed.rpartition(".")
    for want in inputs:
        if want["property"] != prop:
            continue
        if ident == want["id"]:
            return True
        if want["id"].startswith("{") and ident.startswith("{"):
            try:
                concrete = json.loads(ident)
            except ValueError:
                return False
            if _matches_pattern(json.loads(want["id"]))(concrete):
                return True
    return False

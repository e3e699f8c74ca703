"""The view's options as they appear in the URL: parsed from untrusted query strings, written
back for sharing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode, urlsplit

from dashboard.model.classify import DEFAULT_K, DEFAULT_SCHEME, pick_k, pick_scheme
from dashboard.model.i18n import N_, pick_lang
from dashboard.model.indicators import DEFAULT_INDICATOR, INDICATORS
from dashboard.views.table import pick_type

MAX_QUERY_CHARS = 2000
TABS = ("compare", "groups", "table", "upload", "convert")
# Each tab's label is the message "tab_<name>".
TAB_LABELS = (
    N_("tab_compare"),
    N_("tab_groups"),
    N_("tab_table"),
    N_("tab_upload"),
    N_("tab_convert"),
)


@dataclass(frozen=True)
class ViewParams:
    """Everything a URL can set; defaults are left out of the URL it writes."""

    lang: str = "vi"
    unit: str | None = None
    indicator: str = DEFAULT_INDICATOR
    scheme: str = DEFAULT_SCHEME
    k: int = DEFAULT_K
    type: str = "all"
    compare: tuple[str, ...] = field(default_factory=tuple)
    q: str = ""
    tab: str = TABS[0]

    def query(self, **changes) -> str:
        """The query string (with "?") for these options, with ``changes`` applied."""
        p = replace(self, **changes)
        pairs = {
            "lang": p.lang,
            "unit": p.unit or None,
            "indicator": p.indicator if p.indicator != DEFAULT_INDICATOR else None,
            "scheme": p.scheme if p.scheme != DEFAULT_SCHEME else None,
            "k": p.k if p.k != DEFAULT_K else None,
            "type": p.type if p.type != "all" else None,
            "compare": ",".join(p.compare) or None,
            "q": p.q or None,
            "tab": p.tab if p.tab != TABS[0] else None,
        }
        return "?" + urlencode({k: v for k, v in pairs.items() if v is not None})


def parse_params(search: str | None) -> ViewParams:
    """Options from a query string; anything unknown or absurd falls back to its default."""
    args = parse_qs((search or "").lstrip("?")[:MAX_QUERY_CHARS])
    first = lambda key: (args.get(key) or [None])[0]  # noqa: E731
    indicator = first("indicator")
    compare = tuple(c.strip()[:12] for c in (first("compare") or "").split(",")[:12] if c.strip())
    return ViewParams(
        lang=pick_lang(first("lang")),
        unit=(first("unit") or None),
        q=(first("q") or "")[:300],
        indicator=indicator if indicator in INDICATORS else DEFAULT_INDICATOR,
        scheme=pick_scheme(first("scheme")),
        k=pick_k(first("k") or DEFAULT_K),
        type=pick_type(first("type")),
        compare=compare,
        tab=pick_tab(first("tab")),
    )


def pick_tab(value) -> str:
    """A known officials' tab from untrusted input (the first when unknown)."""
    return value if isinstance(value, str) and value in TABS else TABS[0]


@dataclass(frozen=True)
class Address:
    """Where the browser is: ``window.location``'s pathname and search ("?…", or "")."""

    pathname: str
    search: str


def _site(parts) -> tuple[str, int | None]:
    """(host name in IDNA form, port or None for the scheme's default) of a split URL."""
    host = (parts.hostname or "").encode("idna").decode("ascii")
    port = parts.port  # raises ValueError for a malformed one
    return host, None if port == {"http": 80, "https": 443}.get(parts.scheme) else port


def opened_address(referrer: str | None, origin: str) -> Address | None:
    """The page a request was made from (its ``Referer``) when that page is on the site of
    ``origin`` (the site's public origin, e.g. "https://map.example.vn": same host name, same
    port, either scheme since a proxy may end TLS); None for no referrer, another site or a
    malformed one. A Referer cut to the origin reads as "/": assets/ui.js checks the browser's
    own address."""
    try:
        parts = urlsplit(referrer or "")
        same = parts.scheme in ("http", "https") and _site(parts) == _site(urlsplit(origin))
    except (ValueError, UnicodeError):
        return None
    if not same or not parts.hostname:
        return None
    return Address(pathname=parts.path or "/", search=f"?{parts.query}" if parts.query else "")

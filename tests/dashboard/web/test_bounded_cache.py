"""Issue #24: canonical page cache keys and the bounded embedded cache."""

from __future__ import annotations

import pytest

from dashboard.web.stores import BoundedCache


@pytest.fixture(scope="module")
def keyed(app, app_data):
    """The page cache key of an address, as render_page computes it."""
    from dashboard.callbacks import page_cache_key, page_params
    from dashboard.model.params import parse_params

    def key(path: str, search: str) -> str | None:
        with app.server.test_request_context(path + search, base_url="http://localhost"):
            p = page_params(app_data, path, parse_params(search))
            return page_cache_key(app_data, path, p)

    return key


def test_compare_is_sorted_and_deduplicated_in_the_page_key(keyed):
    a = keyed("/", "?compare=00070,09661,00082")
    assert a is not None
    assert keyed("/", "?compare=00082,00070,09661,00070") == a
    assert keyed("/", "?compare=09661,00082,00070") == a
    assert keyed("/", "?compare=00070,09661") != a


def test_unknown_or_too_many_compare_codes_are_not_cached(keyed):
    assert keyed("/", "?compare=00070,99999") is None
    seven = ",".join(["00070", "09661", "00082", "00004", "00190", "00541", "00008"])
    assert keyed("/", f"?compare={seven}") is None


def test_the_map_embed_key_ignores_what_the_map_does_not_read(keyed):
    plain = keyed("/embed/map", "?indicator=density_2025&lang=en")
    assert plain is not None
    for extra in ["&compare=00070,09661", "&unit=00070", "&tab=table", "&compare=00082"]:
        assert keyed("/embed/map", "?indicator=density_2025&lang=en" + extra) == plain
    assert keyed("/embed/map", "?indicator=pop2025&lang=en") != plain
    unit = keyed("/embed/unit/00070", "?lang=en")
    assert keyed("/embed/unit/00070", "?lang=en&indicator=density_2025&compare=00082") == unit


def test_the_map_embed_page_does_not_carry_compare(app):
    client = app.server.test_client()
    html = client.get("/embed/map?indicator=density_2025&compare=00070,09661").get_data(True)
    body = html.split("<body", 1)[1]  # the head's og:url names the address as requested
    assert "density_2025" in body and "compare" not in body and "00070%2C09661" not in body


def test_bounded_cache_drops_the_least_recently_used_first():
    cache = BoundedCache(max_entries=3, max_bytes=1 << 20, default_timeout=0)
    for key in "abc":
        cache.set(key, key.upper())
    assert cache.get("a") == "A"  # a is now the most recent
    cache.set("d", "D")
    assert [cache.get(k) for k in "abcd"] == ["A", None, "C", "D"] and len(cache) == 3


def test_bounded_cache_is_bounded_by_bytes_and_expires():
    cache = BoundedCache(max_entries=1000, max_bytes=10_000, default_timeout=0)
    for i in range(100):
        cache.set(str(i), b"x" * 1000)
    assert len(cache) < 10 and cache._bytes <= 10_000
    assert cache.set("huge", b"x" * 5000) is False  # more than an eighth: not kept
    cache.set("short", 1, timeout=-1)  # already expired
    assert cache.get("short") is None and not cache.has("short")
    value = {"a": [1]}
    cache.set("v", value)
    cache.get("v")["a"].append(2)  # a caller's change never reaches the cache
    assert cache.get("v") == {"a": [1]}

"""dashboard/model/params.py: the address a layout request comes from."""

from __future__ import annotations

import pytest

from dashboard.model.params import Address, opened_address


@pytest.mark.parametrize(
    ("referrer", "origin", "expected"),
    [
        (
            "http://localhost:8050/?lang=en&unit=00070",
            "http://localhost:8050",
            ("/", "?lang=en&unit=00070"),
        ),
        # no fragment reaches a Referer, but one is never kept; the host's case does not matter
        ("https://Map.Example.vn/corrections#top", "https://map.example.vn", ("/corrections", "")),
        # a Referer cut to the origin reads as the home page (the browser's check redraws it)
        ("http://localhost:8050", "http://localhost:8050", ("/", "")),
        # behind a proxy that ends TLS the app may see http: the host and port are what matter
        ("https://localhost/?lang=en", "http://localhost", ("/", "?lang=en")),
        # the scheme's own port written out, and a Unicode public address, are the same site
        ("https://map.example.vn/", "https://map.example.vn:443", ("/", "")),
        ("https://xn--bn-l5s.vn/?lang=en", "https://Bản.vn", ("/", "?lang=en")),
    ],
)
def test_an_address_on_this_site(referrer, origin, expected):
    assert opened_address(referrer, origin) == Address(*expected)


@pytest.mark.parametrize(
    "referrer",
    [
        None,
        "",
        "http://localhost:9999/?lang=en",  # another port is another site
        "http://localhost:80/",  # the default port of http, not the site's 8050
        "http://evil.example/?lang=en",
        "javascript:alert(1)",
        "//localhost:8050/",  # no scheme
        "http://[::1/",  # malformed: urlsplit raises
        "http://localhost:99999/",  # a port out of range
    ],
)
def test_no_address_from_elsewhere(referrer):
    assert opened_address(referrer, "http://localhost:8050") is None


def test_no_address_outside_a_request():
    assert opened_address("http://localhost:8050/", "") is None  # request_origin() gives ""

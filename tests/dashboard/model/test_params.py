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
            Address("http://localhost:8050/?lang=en&unit=00070", "/", "?lang=en&unit=00070"),
        ),
        # no fragment reaches a Referer, but one is never kept; the host's case does not matter
        (
            "https://Map.Example.vn/corrections#top",
            "https://map.example.vn",
            Address("https://Map.Example.vn/corrections", "/corrections", ""),
        ),
        # behind a proxy that ends TLS the app may see http: the host is what matters
        (
            "https://localhost:8050",
            "http://localhost:8050",
            Address("https://localhost:8050", "/", ""),
        ),
    ],
)
def test_an_address_on_this_site(referrer, origin, expected):
    assert opened_address(referrer, origin) == expected


@pytest.mark.parametrize(
    "referrer",
    [
        None,
        "",
        "http://localhost:9999/?lang=en",  # another port is another site
        "http://evil.example/?lang=en",
        "javascript:alert(1)",
        "//localhost:8050/",  # no scheme
        "http://[::1/",  # malformed: urlsplit raises
    ],
)
def test_no_address_from_elsewhere(referrer):
    assert opened_address(referrer, "http://localhost:8050") is None
    assert opened_address("http://localhost:8050/", "") is None  # no origin: outside a request

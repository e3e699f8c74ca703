"""dashboard/model/params.py: the address a layout request comes from."""

from __future__ import annotations

import pytest

from dashboard.model.params import Address, opened_address


@pytest.mark.parametrize(
    ("referrer", "host", "expected"),
    [
        (
            "http://localhost:8050/?lang=en&unit=00070",
            "localhost:8050",
            Address("http://localhost:8050/?lang=en&unit=00070", "/", "?lang=en&unit=00070"),
        ),
        # no fragment reaches a Referer, but one is never kept; the host's case does not matter
        (
            "https://Map.Example.vn/corrections#top",
            "map.example.vn",
            Address("https://Map.Example.vn/corrections", "/corrections", ""),
        ),
        ("http://localhost:8050", "localhost:8050", Address("http://localhost:8050", "/", "")),
    ],
)
def test_an_address_on_this_host(referrer, host, expected):
    assert opened_address(referrer, host) == expected


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
    assert opened_address(referrer, "localhost:8050") is None

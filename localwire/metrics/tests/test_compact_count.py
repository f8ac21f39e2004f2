import pytest

from localwire.metrics.templatetags.counts import compact_count, web_url


@pytest.mark.parametrize("value, shown", [
    (0, "0"), (7, "7"), (999, "999"),
    (1000, "1K+"), (1099, "1K+"), (1100, "1.1K+"), (1999, "1.9K+"), (6000, "6K+"), (6999, "6.9K+"),
    (9999, "9.9K+"), (10_000, "10K+"), (12_345, "12K+"), (879_999, "879K+"), (999_999, "999K+"),
    (1_000_000, "1M+"), (1_250_000, "1.2M+"), (9_999_999, "9.9M+"), (10_000_000, "10M+"),
    (999_999_999, "999M+"), (1_000_000_000, "1B+"), (2_500_000_000, "2.5B+"), (1_234_000_000_000, "1,234B+"),
    ("6512", "6.5K+"), (-3, "0"), (None, ""), ("many", ""),
])
def test_compact_count_cuts_down_and_never_rounds_up(value, shown):
    assert compact_count(value) == shown


@pytest.mark.parametrize("url, shown", [
    ("https://valley.example.org/", "https://valley.example.org/"),
    ("http://valley.example.org/about", "http://valley.example.org/about"),
    ("javascript:alert(1)", ""), ("JavaScript:alert(1)", ""), (" javascript:alert(1)", ""),
    ("java\tscript:alert(1)", ""), ("data:text/html,<script>alert(1)</script>", ""),
    ("//valley.example.org/", ""), ("valley.example.org", ""), ("https://", ""), ("", ""), (None, ""),
])
def test_web_url_lets_only_absolute_http_addresses_through(url, shown):
    assert web_url(url) == shown

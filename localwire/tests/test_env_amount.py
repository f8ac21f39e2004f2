"""An amount of money read from the environment is checked when settings load, not on a page."""

import pytest

from localwire.env import ConfigError, env_amount


def test_a_plain_amount_is_kept_as_written(monkeypatch):
    monkeypatch.setenv("LOCALWIRE_TEST_AMOUNT", "2.50")
    assert env_amount("LOCALWIRE_TEST_AMOUNT", "1.00") == "2.50"
    monkeypatch.delenv("LOCALWIRE_TEST_AMOUNT")
    assert env_amount("LOCALWIRE_TEST_AMOUNT", "1.00") == "1.00"


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.234", "nan", "Infinity"])
def test_anything_else_stops_the_site_with_the_setting_named(monkeypatch, raw):
    monkeypatch.setenv("LOCALWIRE_TEST_AMOUNT", raw)
    with pytest.raises(ConfigError, match="LOCALWIRE_TEST_AMOUNT"):
        env_amount("LOCALWIRE_TEST_AMOUNT", "1.00")

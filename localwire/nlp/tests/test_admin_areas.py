"""The admin-area table: how its points are made, and that it stays small."""

from localwire.nlp.data.build_admin_areas import OUTPUT, area_row, english_name, latin, middle


def test_the_point_is_the_middle_of_the_towns_box_without_its_outliers():
    towns = [(10.0 + i / 10, 20.0 + i / 10) for i in range(100)] + [(60.0, 80.0)]  # one far-off islet
    lat, lon = middle(towns)
    assert 14 < lat < 16 and 24 < lon < 26


def test_other_names_keep_latin_script_and_english_names_win():
    assert latin("Québec") and latin("Bayern") and not latin("Алматы")
    assert english_name("Almaty oblysy", ["Алматы", "Almaty Region"]) == "Almaty Region"
    assert english_name("Ontario", ["Province of Ontario"]) == "Ontario"
    row = area_row("county", "4338356", "US.LA.079", "Rapides Parish", ["Rapides", "Рапідс"], [(31.2, -92.4, 5000)])
    assert row.split("\t") == ["county", "4338356", "US", "LA", "079", "31.2", "-92.4", "5000", "Rapides Parish",
                               "Rapides"]


def test_the_shipped_table_is_small():
    assert OUTPUT.stat().st_size < 2_000_000

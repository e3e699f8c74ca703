"""The reorganisation figures file: headline values worked out by hand, sources, reader errors."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import pytest

from geodata.facts import REQUIRED_COLUMNS, read_facts

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def facts():
    return read_facts(DATA)


def value(facts, key: str) -> float:
    """The one value stored under ``key``."""
    (found,) = facts.loc[facts["key"] == key, "value"]
    return found


def test_dossier_figures_add_up(facts):
    received, processed, of_which, pending = (
        value(facts, k)
        for k in (
            "dossiers_received",
            "dossiers_processed",
            "dossiers_processed_of_which",
            "dossiers_pending",
        )
    )
    assert (received, processed, of_which, pending) == (523_292, 413_036, 402_282, 110_256)
    assert processed + pending == received  # 413,036 + 110,256 = 523,292
    # 402,282 / 413,036 = 97.3964 %: the press truncates to 97.39 (rounding would give 97.40).
    share = 100 * of_which / processed
    reported = value(facts, "dossiers_processed_of_which_share")
    assert math.floor(share * 100) / 100 == reported == 97.39
    assert round(share, 2) == 97.40


def test_unit_counts_add_up(facts):
    before = value(facts, "units_commune_level_before")
    after = value(facts, "units_commune_level_after")
    assert (before, after) == (526, 126)
    # 75 xã + 51 phường
    assert value(facts, "units_communes_after") + value(facts, "units_wards_after") == after
    assert before - after == value(facts, "units_removed") == 400
    # 400 / 526 = 76.0456 %: reported truncated as 76.04.
    assert math.floor(400 / 526 * 10_000) / 100 == value(facts, "units_reduction_rate") == 76.04


def test_other_headline_values(facts):
    expected = {
        "facilities_in_use_before": 903,
        "headquarters_premises_after": 232,
        "staff_moved_party_mass_org": 5_258,
        "staff_moved_district_civil_servants": 3_280,
        "staff_moved_commune_cadres": 6_342,
        "policy_cases": 4_294,
        "policy_cost": 4_063.6,
        "decree178_leave_applications": 876,
        "staff_total_2026": 128_795,
        "staff_commune_cadres_civil_servants": 9_536,
        "staff_commune_level_2026": 109_800,
    }
    assert {k: value(facts, k) for k in expected} == expected
    # 109,800 / 128,795 = 85.25 %, "approximately 85%" in the article.
    ratio = 100 * value(facts, "staff_commune_level_2026") / value(facts, "staff_total_2026")
    assert round(ratio) == value(facts, "staff_commune_level_share_2026") == 85


def test_every_row_is_sourced_and_clean(facts):
    assert facts["key"].is_unique
    assert facts["key"].str.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*").all()
    assert set(facts["group"]) <= {"dossiers", "staff", "facilities", "policy", "units"}
    # A source is named by its title or, when the article's title is not known, by our citation.
    assert ((facts["source_title"] != "") | (facts["citation_en"] != "")).all()
    assert ((facts["citation_en"] != "") == (facts["citation_vi"] != "")).all()
    # Nothing internal on a public page: no placeholders, no word about our source files.
    for column in facts.columns.drop(["value", "source_note"]):
        assert not facts[column].str.contains(r"\[|\]|\bseeds?\b", case=False).any(), column
    needed = ("source_date", "quote", "label_vi", "label_en", "unit", "period")
    for column in needed:
        assert (facts[column].str.len() > 0).all(), column
    assert facts["source_date"].str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?").all()
    assert (facts["quote"].str.len() <= 200).all()
    assert facts["value"].dtype == "float64"
    for column in facts.columns.drop("value"):
        assert all(unicodedata.is_normalized("NFC", s) for s in facts[column]), column


def test_quotes_state_their_figures(facts):
    """Each quote contains its number as the article writes it (thousands with commas)."""
    spelled = {
        "national_dossiers_received": "21.8 million",
        "national_dossiers_online": "18.4 million",
    }
    for key, number, quote in facts[["key", "value", "quote"]].itertuples(index=False):
        shown = spelled.get(key) or (f"{int(number):,}" if number.is_integer() else f"{number:,}")
        assert shown in quote, (key, shown)


HEADER = ",".join(REQUIRED_COLUMNS)


def _write(root: Path, text: str) -> Path:
    path = root / "reorganisation_facts" / "facts.csv"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def _row(key: str, number: str) -> str:
    return f"{key},{number},people,2025,staff,Cán bộ,Staff,T,,2025-06-20,,q,"


@pytest.mark.parametrize("number", ['"9,536"', "about 9536", "", "nan"])
def test_non_numeric_value_names_file_and_row(tmp_path, number):
    _write(tmp_path, "\n".join([HEADER, _row("ok", "1"), _row("bad", number), ""]))
    expected = r"facts\.csv: row 2 \(key 'bad'\): value .* not a plain number$"
    with pytest.raises(ValueError, match=expected) as err:
        read_facts(tmp_path)
    assert "\n" not in str(err.value)


def test_missing_column_is_named(tmp_path):
    _write(tmp_path, HEADER.replace(",quote", "") + "\n")
    with pytest.raises(ValueError, match=r"facts\.csv: missing required column\(s\): quote$"):
        read_facts(tmp_path)


def test_repeated_key_names_both_rows(tmp_path):
    _write(tmp_path, "\n".join([HEADER, _row("a", "1"), _row("a", "2"), ""]))
    with pytest.raises(ValueError, match=r"row 2 \(key 'a'\): key already used in row 1"):
        read_facts(tmp_path)


def test_text_is_nfc_and_optional_columns_default_empty(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Cán bộ")
    _write(tmp_path, "\n".join([HEADER, _row("a", "1.5").replace("Cán bộ", decomposed), ""]))
    frame = read_facts(tmp_path)
    assert frame.loc[0, "label_vi"] == "Cán bộ" and frame.loc[0, "value"] == 1.5
    assert frame.loc[0, "qualifier"] == "" and str(frame["qualifier"].dtype) == "string"


def test_every_note_is_in_both_languages():
    facts = read_facts(DATA)
    assert ((facts["note"] != "") == (facts["note_vi"] != "")).all()
    assert (facts.loc[facts["note"] != "", "note_vi"] != "").all()

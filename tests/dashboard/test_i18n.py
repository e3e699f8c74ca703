"""The gettext catalogues: complete in both languages, and nothing in them unused."""

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard.model.i18n import LANGS, LOCALE_DIR, STRINGS, extract_keys, t

ROOT = Path(__file__).resolve().parents[2]


def catalogue(lang):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def used_keys() -> set[str]:
    """Every key the code names: ``t(<key>, …)`` and ``N_(<key>)``, as ``make messages`` finds
    them (the same Babel extraction method)."""
    found = extract_from_dir(
        str(ROOT / "dashboard"), method_map=[("**.py", extract_keys)], comment_tags=()
    )
    return {msg for _f, _l, msg, _c, _x in found}


def test_every_message_is_translated_in_every_language():
    for lang in LANGS:
        cat = catalogue(lang)
        untranslated = [m.id for m in cat if m.id and not m.string]
        assert untranslated == [], (lang, untranslated)
        assert [m.id for m in cat.obsolete.values()] == [], lang  # "#~" entries: stale
    ids = [{m.id for m in catalogue(lang) if m.id} for lang in LANGS]
    assert ids[0] == ids[1], ids[0] ^ ids[1]  # the same keys in both


def test_every_key_the_code_uses_exists_and_every_message_is_used():
    used = used_keys()
    assert used - set(STRINGS) == set(), "used in the code, missing from the catalogues"
    assert set(STRINGS) - used == set(), "in the catalogues, used nowhere"


def test_the_template_lists_exactly_the_keys_the_code_uses():
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    assert template == used_keys()  # run `make messages` after adding or removing a key


def test_placeholders_agree_between_languages():
    for key, texts in STRINGS.items():
        fields = {lang: set(re.findall(r"{(\w*)}", texts[lang])) for lang in LANGS}
        assert fields["vi"] == fields["en"], key


def test_lookup_and_fallback():
    assert t("search_button", "vi") == "Tìm" and t("search_button", "en") == "Find"
    assert t("search_button", "fr") == "Tìm"  # an unknown language falls back to Vietnamese


def test_the_finder_messages_are_all_translatable():
    from dashboard.views.finder import FINDER_MESSAGES
    from geodata.finder import MESSAGES

    assert set(FINDER_MESSAGES) == set(MESSAGES)

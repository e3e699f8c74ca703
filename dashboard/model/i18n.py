"""UI strings in Vietnamese (default) and English, read from gettext catalogues.

Every message has a key, its msgid ("title", "search_label" …), and a text per language, its
msgstr, in ``dashboard/locale/<lang>/LC_MESSAGES/messages.po``: a translator or a newsroom fixes a
word there, not in the code. ``make messages`` extracts the keys the code uses (Babel, with
``extract_keys`` below: every ``t(<key>, …)``, f-strings included, and every key marked
``N_(<key>)`` where the code looks one up from a variable) into ``messages.pot`` and adds new
keys to both
catalogues; ``make install`` compiles them to ``.mo``. ``tests/dashboard/test_i18n.py`` fails on a
key used but missing, a message left untranslated, or one nothing uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

LANGS = ("vi", "en")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
_KEY_USE = re.compile(r"""\b(t|N_)\(\s*["']([a-z][a-z0-9_]*)["']""")


def _read(lang: str) -> dict[str, str]:
    """The ``lang`` catalogue as {key: text}: the compiled .mo when it is up to date, else the
    .po itself (a checkout that has not run ``make install``)."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        from babel.messages.mofile import read_mo

        with mo.open("rb") as f:
            catalog = read_mo(f)
    else:
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string}


def _load() -> dict[str, dict[str, str]]:
    by_lang = {lang: _read(lang) for lang in LANGS}
    keys = set().union(*by_lang.values())
    return {k: {lang: by_lang[lang][k] for lang in LANGS if k in by_lang[lang]} for k in keys}


# {key: {"vi": text, "en": text}}, read once at import.
STRINGS: dict[str, dict[str, str]] = _load()


def t(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (Vietnamese when the language is unknown)."""
    entry = STRINGS[key]
    return entry.get(lang, entry["vi"])


def pick_lang(value: str | None) -> str:
    """A supported language code from untrusted input, defaulting to Vietnamese."""
    return value if isinstance(value, str) and value in LANGS else "vi"


def N_(key: str) -> str:
    """Mark ``key`` as a message key where the code looks it up later from a variable
    (gettext's N_): the extractor sees it; the value is the key itself."""
    return key


def extract_keys(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """A Babel extraction method: every ``t(<key>`` and ``N_(<key>)`` of a Python file, inside
    f-strings too (Babel's own Python extractor skips those). See ``babel.cfg``."""
    for lineno, line in enumerate(fileobj.read().decode("utf-8").splitlines(), start=1):
        for match in _KEY_USE.finditer(line):
            yield lineno, None, match.group(2), []

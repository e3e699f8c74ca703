"""The provenance registry: complete, bilingual, and the one place every view reads."""

from geodata.integrity import read_manifest
from geodata.provenance import SOURCES, VARIABLES, all_sources_short, source_path


def test_every_file_source_is_in_the_data_folder_and_its_manifest(data_root):
    listed = read_manifest(data_root)
    for s in SOURCES.values():
        if not s.relpath:
            continue
        path = source_path(s.key, data_root)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        assert files, s.key
        for f in files:
            assert str(f.relative_to(data_root)) in listed, f


def test_every_text_exists_in_both_languages_and_every_estimate_has_a_method():
    for s in SOURCES.values():
        assert s.title.vi and s.title.en and s.title.vi != s.title.en, s.key
        assert s.licence and s.origin and s.short.vi and s.short.en, s.key
    for v in VARIABLES.values():
        assert v.sources and all(k in SOURCES for k in v.sources), v.key
        assert v.kind in {"published", "counted", "estimate"}, v.key
        if v.kind != "published":
            assert v.method and v.method.vi and v.method.en and v.method.vi != v.method.en, v.key


def test_the_views_read_the_registry(app_data):
    from dashboard.model.exports import metadata
    from dashboard.model.indicators import INDICATORS
    from dashboard.views.embed import source_line
    from dashboard.views.layout import sources_footer

    for key, ind in INDICATORS.items():
        assert ind.sources == VARIABLES[key].sources and ind.method == VARIABLES[key].method
        assert ind.estimate == (VARIABLES[key].kind == "estimate" and not ind.categorical)
    meta = metadata(app_data.built.stamp)
    assert [s["title"] for s in meta["sources"]] == [
        s.title.en for s in SOURCES.values() if s.key != "user_upload"
    ]
    assert meta["estimates"]["pop2019_est"] == VARIABLES["pop2019_est"].method.en
    for lang in ("vi", "en"):
        assert all_sources_short(lang) in source_line(lang, "x")
    for lang in ("vi", "en"):
        footer = str(sources_footer(lang, "x").to_plotly_json())
        for s in SOURCES.values():
            if s.key != "user_upload":
                assert s.title.text(lang) in footer, (lang, s.key)

"""Reading the source files: a damaged polygon file names its first bad feature."""

from __future__ import annotations

import json

import pytest

from geodata.errors import SourceFormatError
from geodata.sources import _read_vector

SQUARE = [[[105.80, 21.00], [105.81, 21.00], [105.81, 21.01], [105.80, 21.01], [105.80, 21.00]]]
# A bow-tie: its edges cross, so it is not a valid polygon.
BOWTIE = [[[105.80, 21.00], [105.81, 21.01], [105.81, 21.00], [105.80, 21.01], [105.80, 21.00]]]


def _write(path, rings):
    features = [
        {
            "type": "Feature",
            "properties": {"n": i},
            "geometry": {"type": "Polygon", "coordinates": r},
        }
        for i, r in enumerate(rings)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.mark.parametrize(
    "rings, first_bad",
    [([SQUARE, BOWTIE, SQUARE, BOWTIE], 2), ([BOWTIE], 1), ([SQUARE, SQUARE, BOWTIE], 3)],
)
def test_the_error_names_the_first_invalid_feature(tmp_path, rings, first_bad):
    # Issue #25 (a random mutant survived): features are counted from 1, as a person reads them.
    path = _write(tmp_path / "units.geojson", rings)
    with pytest.raises(SourceFormatError, match=rf": feature {first_bad}: missing or invalid"):
        _read_vector(path)


def test_valid_polygons_are_read(tmp_path):
    assert len(_read_vector(_write(tmp_path / "ok.geojson", [SQUARE, SQUARE]))) == 2

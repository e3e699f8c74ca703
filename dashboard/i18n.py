"""UI strings in Vietnamese (default) and English."""
from __future__ import annotations

LANGS = ("vi", "en")

STRINGS = {
    "title": {"vi": "Hà Nội sau sắp xếp 2025: 126 phường, xã", "en": "Hanoi after the 2025 reorganisation: 126 wards and communes"},
    "subtitle": {
        "vi": "Từ 1/7/2025, 526 đơn vị cấp xã được sắp xếp thành 51 phường và 75 xã (Nghị quyết 1656/NQ-UBTVQH15).",
        "en": "From 1 July 2025, 526 commune-level units were merged into 51 wards and 75 communes (Resolution 1656/NQ-UBTVQH15).",
    },
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "show_old": {"vi": "Hiện ranh giới cũ (526 đơn vị, trên bản đồ 2019)", "en": "Show old boundaries (526 units, on 2019 polygons)"},
    "basemap": {"vi": "Bản đồ nền", "en": "Basemap"},
    "none": {"vi": "Không", "en": "None"},
    "click_hint": {"vi": "Bấm vào một phường, xã trên bản đồ để xem chi tiết.", "en": "Click a ward or commune on the map for details."},
    "no_data": {"vi": "không có dữ liệu", "en": "no data"},
    "unknown_unit": {"vi": "Không tìm thấy đơn vị có mã", "en": "No unit has the code"},
    "type": {"vi": "Loại", "en": "Type"},
    "code": {"vi": "Mã GSO", "en": "GSO code"},
    "figures": {"vi": "Số liệu", "en": "Figures"},
    "source": {"vi": "Nguồn", "en": "Source"},
    "old_units": {"vi": "Đơn vị cũ hợp thành", "en": "Old units merged into it"},
    "whole": {"vi": "toàn bộ", "en": "whole"},
    "part": {"vi": "một phần", "en": "part"},
    "clause": {"vi": "khoản", "en": "clause"},
    "old_unit": {"vi": "Đơn vị cũ", "en": "Old unit"},
    "district": {"vi": "Quận/huyện cũ", "en": "Old district"},
    "transfer": {"vi": "Chuyển", "en": "Transfer"},
    "estimate": {"vi": "ước tính", "en": "estimate"},
    "sources_title": {"vi": "Nguồn dữ liệu và giấy phép", "en": "Data sources and licences"},
    "sources_disagree": {"vi": "Hai nguồn khác nhau", "en": "Sources disagree"},
    "admin_centre": {"vi": "Trụ sở", "en": "Headquarters"},
    "small_map": {"vi": "Ranh giới cũ (xám) trong đơn vị mới", "en": "Old boundaries (grey) within the new unit"},
    "located": {"vi": "Điểm đã bấm (tra chính xác trên ranh giới đầy đủ):", "en": "Clicked point (exact lookup on full-resolution boundaries):"},
    "search_label": {"vi": "Tìm phường, xã mới từ địa chỉ cũ", "en": "Find your new ward from your old address"},
    "search_placeholder": {"vi": "VD: P. Hàng Bài, Q. Hoàn Kiếm — hoặc 21.0245, 105.8412",
                           "en": "e.g. P. Hàng Bài, Q. Hoàn Kiếm — or 21.0245, 105.8412"},
    "search_button": {"vi": "Tìm", "en": "Find"},
    "finder_hint": {"vi": "Gõ tên phường, xã, thị trấn cũ (có hoặc không dấu), một địa chỉ, hoặc toạ độ.",
                    "en": "Type an old ward, commune or town name (with or without accents), an address, or coordinates."},
    "vintage": {"vi": "Tên có trong danh mục", "en": "Name found in the lists of"},
    "corrected": {"vi": "đã sửa lỗi chính tả", "en": "spelling corrected"},
    "split_note": {"vi": "Đơn vị này bị chia cho nhiều đơn vị mới. Tỷ lệ diện tích là ước tính từ bản đồ 2019.",
                   "en": "This unit was split between several new units. Area shares are estimates from the 2019 map."},
    "whole_note": {"vi": "Toàn bộ đơn vị chuyển vào một đơn vị mới.", "en": "The whole unit went into one new unit."},
    "click_to_settle": {"vi": "Bấm vào vị trí nhà bạn trên bản đồ lớn để biết chắc thuộc đơn vị nào.",
                        "en": "Click your location on the main map to settle which new unit it is in."},
    "of_area": {"vi": "diện tích", "en": "of its area"},
    "by_overlay": {"vi": "theo chồng lớp bản đồ 2019 (ước tính)", "en": "by 2019 map overlay (estimate)"},
    "formed_from": {"vi": "đơn vị mới, hợp thành từ", "en": "new unit, formed from"},
    "ambiguous": {"vi": "Có nhiều đơn vị cùng tên — hãy chọn theo quận/huyện cũ.",
                  "en": "Several units share this name — pick by old district."},
    "no_match": {"vi": "Không tìm thấy đơn vị nào khớp.", "en": "No matching unit found."},
}


def t(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (Vietnamese when the language is unknown)."""
    entry = STRINGS[key]
    return entry.get(lang, entry["vi"])


def pick_lang(value: str | None) -> str:
    """A supported language code from untrusted input, defaulting to Vietnamese."""
    return value if value in LANGS else "vi"

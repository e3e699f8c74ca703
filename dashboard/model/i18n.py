"""UI strings in Vietnamese (default) and English."""

from __future__ import annotations

LANGS = ("vi", "en")

STRINGS = {
    "title": {
        "vi": "Hà Nội sau sắp xếp 2025: 126 phường, xã",
        "en": "Hanoi after the 2025 reorganisation: 126 wards and communes",
    },
    "subtitle": {
        "vi": (
            "Từ 1/7/2025, 526 đơn vị cấp xã được sắp xếp thành 51 phường và 75 xã (Nghị quyết "
            "1656/NQ-UBTVQH15)."
        ),
        "en": (
            "From 1 July 2025, 526 commune-level units were merged into 51 wards and 75 communes "
            "(Resolution 1656/NQ-UBTVQH15)."
        ),
    },
    "indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "show_old": {
        "vi": "Hiện ranh giới cũ (526 đơn vị, trên bản đồ 2019)",
        "en": "Show old boundaries (526 units, on 2019 polygons)",
    },
    "basemap": {"vi": "Bản đồ nền", "en": "Basemap"},
    "none": {"vi": "Không", "en": "None"},
    "click_hint": {
        "vi": "Bấm vào một phường, xã trên bản đồ để xem chi tiết.",
        "en": "Click a ward or commune on the map for details.",
    },
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
    "small_map": {
        "vi": "Ranh giới cũ (xám) trong đơn vị mới",
        "en": "Old boundaries (grey) within the new unit",
    },
    "located": {
        "vi": "Điểm đã bấm (tra chính xác trên ranh giới đầy đủ):",
        "en": "Clicked point (exact lookup on full-resolution boundaries):",
    },
    "search_label": {
        "vi": "Tìm phường, xã mới từ địa chỉ cũ",
        "en": "Find your new ward from your old address",
    },
    "search_placeholder": {
        "vi": "VD: P. Hàng Bài, Q. Hoàn Kiếm — hoặc 21.0245, 105.8412",
        "en": "e.g. P. Hàng Bài, Q. Hoàn Kiếm — or 21.0245, 105.8412",
    },
    "search_button": {"vi": "Tìm", "en": "Find"},
    "finder_hint": {
        "vi": "Gõ tên phường, xã, thị trấn cũ (có hoặc không dấu), một địa chỉ, hoặc toạ độ.",
        "en": (
            "Type an old ward, commune or town name (with or without accents), an address, or "
            "coordinates."
        ),
    },
    "vintage": {"vi": "Tên có trong danh mục", "en": "Name found in the lists of"},
    "corrected": {"vi": "đã sửa lỗi chính tả", "en": "spelling corrected"},
    "split_note": {
        "vi": (
            "Đơn vị này bị chia cho nhiều đơn vị mới. Tỷ lệ diện tích là ước tính từ bản đồ 2019."
        ),
        "en": (
            "This unit was split between several new units. Area shares are estimates from the "
            "2019 map."
        ),
    },
    "fringe_note": {
        "vi": (
            "Ranh giới năm 2019 (gần đúng) của đơn vị này còn chạm vào {units}: phần nhỏ như vậy "
            "nằm trong sai số của bản đồ 2019."
        ),
        "en": (
            "This unit's approximate 2019 outline also touches {units}: pieces this small are "
            "within that map's error."
        ),
    },
    "whole_note": {
        "vi": "Toàn bộ đơn vị chuyển vào một đơn vị mới.",
        "en": "The whole unit went into one new unit.",
    },
    "click_to_settle": {
        "vi": "Bấm vào vị trí nhà bạn trên bản đồ lớn để biết chắc thuộc đơn vị nào.",
        "en": "Click your location on the main map to settle which new unit it is in.",
    },
    "of_area": {"vi": "diện tích", "en": "of its area"},
    "by_overlay": {
        "vi": "theo chồng lớp bản đồ 2019 (ước tính)",
        "en": "by 2019 map overlay (estimate)",
    },
    "formed_from": {"vi": "đơn vị mới, hợp thành từ", "en": "new unit, formed from"},
    "ambiguous": {
        "vi": "Có nhiều đơn vị cùng tên — hãy chọn theo quận/huyện cũ.",
        "en": "Several units share this name — pick by old district.",
    },
    "no_match": {"vi": "Không tìm thấy đơn vị nào khớp.", "en": "No matching unit found."},
    "city_median": {"vi": "trung vị thành phố", "en": "city median"},
    "classes": {"vi": "Phân lớp", "en": "Classes"},
    "n_classes": {"vi": "Số lớp", "en": "Number of classes"},
    "quantiles": {"vi": "Phân vị (số đơn vị đều nhau)", "en": "Quantiles (equal counts)"},
    "jenks": {"vi": "Ngắt tự nhiên (Jenks)", "en": "Natural breaks (Jenks)"},
    "equal": {"vi": "Khoảng đều", "en": "Equal interval"},
    "continuous": {"vi": "Liên tục", "en": "Continuous"},
    "unit_filter": {"vi": "Hiển thị", "en": "Show"},
    "all_units": {"vi": "Tất cả", "en": "All"},
    "wards_only": {"vi": "Chỉ phường", "en": "Wards only"},
    "communes_only": {"vi": "Chỉ xã", "en": "Communes only"},
    "legend": {"vi": "Chú giải", "en": "Legend"},
    "method": {"vi": "Phương pháp", "en": "Method"},
    "officials_title": {
        "vi": "Dành cho cán bộ: so sánh, khối lượng công việc, số liệu riêng",
        "en": "For officials: compare, workload, your own figures",
    },
    "compare_title": {"vi": "So sánh 2–6 đơn vị", "en": "Compare 2–6 units"},
    "compare_pick": {
        "vi": "Chọn đơn vị (hoặc bấm trên bản đồ khi bật ô bên dưới)",
        "en": "Pick units (or click them on the map with the box below ticked)",
    },
    "compare_click": {
        "vi": "Bấm bản đồ để thêm vào so sánh",
        "en": "Map clicks add to the comparison",
    },
    "compare_need": {
        "vi": "Chọn ít nhất 2 đơn vị để so sánh.",
        "en": "Pick at least 2 units to compare.",
    },
    "compare_dropped": {
        "vi": "Bỏ qua (mã không có hoặc quá 6 đơn vị)",
        "en": "Ignored (unknown code or more than 6 units)",
    },
    "rank": {"vi": "Hạng", "en": "Rank"},
    "to_median": {"vi": "so với trung vị", "en": "vs median"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "permalink": {
        "vi": "Đường dẫn cố định tới so sánh này",
        "en": "Permanent link to this comparison",
    },
    "groups_title": {"vi": "Nhóm quản trị", "en": "Governance groups"},
    "groups_show": {"vi": "Xem các nhóm trên bản đồ", "en": "Show the groups on the map"},
    "group_profile": {
        "vi": (
            "{n} đơn vị ({wards} phường, {communes} xã); trung vị: dân số {pop}, diện tích {area} "
            "km², mật độ {density} người/km²."
        ),
        "en": (
            "{n} units ({wards} wards, {communes} communes); medians: population {pop}, area "
            "{area} km², density {density} per km²."
        ),
    },
    "members": {"vi": "Thành viên", "en": "Members"},
    "table_title": {
        "vi": "Bảng 126 đơn vị (bấm tiêu đề cột để sắp xếp)",
        "en": "All 126 units (click a column header to sort)",
    },
    "name": {"vi": "Tên", "en": "Name"},
    "group": {"vi": "Nhóm", "en": "Group"},
    "upload_title": {
        "vi": "Số liệu của bạn (CSV theo mã GSO)",
        "en": "Your own figures (CSV keyed by GSO code)",
    },
    "upload_help": {
        "vi": (
            "Tệp chỉ dùng trong phiên trình duyệt này; máy chủ không lưu lại. Cột “code” là mã "
            "GSO 5 chữ số; mọi cột số khác thành chỉ tiêu trên bản đồ và trong so sánh."
        ),
        "en": (
            "Your file is used in this browser session only; the server keeps nothing. Column "
            "“code” is the 5-digit GSO code; every other numeric column becomes an indicator on "
            "the map and in comparisons."
        ),
    },
    "upload_drop": {
        "vi": "Kéo thả tệp CSV vào đây hoặc bấm để chọn",
        "en": "Drop a CSV file here or click to choose",
    },
    "template": {"vi": "Tải mẫu CSV (126 đơn vị)", "en": "Download the CSV template (126 units)"},
    "upload_ok": {
        "vi": "Đã nạp {n} cột từ “{file}”: {cols}.",
        "en": "Loaded {n} columns from “{file}”: {cols}.",
    },
    "upload_rejected": {
        "vi": "Tệp “{file}” chưa được nạp. Hãy sửa:",
        "en": "“{file}” was not loaded. Please fix:",
    },
    "upload_clear": {"vi": "Xoá số liệu của tôi", "en": "Clear my figures"},
    "upload_cleared": {
        "vi": "Đã xoá số liệu của bạn khỏi phiên này.",
        "en": "Your figures were removed from this session.",
    },
    "workload_note": {
        "vi": (
            "Không có số liệu cán bộ, hồ sơ công bố cho từng đơn vị. Các chỉ tiêu khối lượng công "
            "việc theo đơn vị được đếm từ Nghị quyết 1656 (số đơn vị cũ, quận huyện cũ, tỷ lệ bị "
            "chia tách); hồ sơ chỉ có số toàn thành phố."
        ),
        "en": (
            "No per-unit staff or dossier figures are published. The per-unit workload indicators "
            "are counted from Resolution 1656 (old units, old districts, share split); dossiers "
            "exist only as a city-wide figure."
        ),
    },
    "continuous_stretch": {
        "vi": (
            "thang màu liên tục, kéo giãn theo bách phân vị 2–98 (đơn vị ngoài khoảng lấy màu đầu "
            "mút)"
        ),
        "en": (
            "continuous scale stretched over the 2nd–98th percentiles (units beyond take the end "
            "colours)"
        ),
    },
    "p2": {"vi": "bách phân vị 2", "en": "2nd percentile"},
    "p98": {"vi": "bách phân vị 98", "en": "98th percentile"},
    "other_figure": {
        "vi": "Số liệu khác (phạm vi khác, không dùng)",
        "en": "Another figure (different scope, not used)",
    },
    "licence_note": {
        "vi": (
            "Giấy phép: MIT (ranh giới, dân số 2025, văn bản nghị quyết, bảng chuyển đổi, đa giác "
            "2019), GPL-3.0 (danh mục GSO), số liệu thống kê GSO (2019)."
        ),
        "en": (
            "Licences: MIT (boundaries, 2025 population, resolution text, crosswalk, 2019 "
            "polygons), GPL-3.0 (GSO unit lists), GSO statistics (2019)."
        ),
    },
    "corrections_help": {
        "vi": (
            "Hãy cho biết: đơn vị (tên, mã GSO), điều sai, con số hoặc ranh giới đúng và nguồn "
            "của nó. Sai sót trong dữ liệu gốc nên báo cả cho kho dữ liệu nguồn:"
        ),
        "en": (
            "Please say: the unit (name, GSO code), what is wrong, the right figure or boundary "
            "and its source. Errors in the source data should also go to the source repository:"
        ),
    },
    "corrections_contact": {"vi": "Liên hệ của trang này", "en": "This site's contact"},
    "corrections_unset": {
        "vi": "Trang này chưa cấu hình địa chỉ liên hệ (biến HANOI_CORRECTIONS_URL).",
        "en": "This deployment has not configured a contact (variable HANOI_CORRECTIONS_URL).",
    },
    "data_version": {"vi": "Phiên bản dữ liệu", "en": "Data version"},
    "report_correction": {"vi": "Báo sai sót", "en": "Report a correction"},
    "open_full": {"vi": "Mở bản đồ đầy đủ", "en": "Open the full map"},
    "unknown_embed": {
        "vi": (
            "Không có nội dung nhúng ở địa chỉ này. Dùng /embed/map, /embed/unit/<mã>, "
            "/embed/overlay/<mã> hoặc /embed/chart/<chỉ tiêu>?compare=<mã>,<mã>."
        ),
        "en": (
            "Nothing to embed at this address. Use /embed/map, /embed/unit/<code>, "
            "/embed/overlay/<code> or /embed/chart/<indicator>?compare=<code>,<code>."
        ),
    },
    "table_alternative": {"vi": "Bảng số liệu của bản đồ", "en": "The map's data as a table"},
    "map_summary": {
        "vi": (
            "Bản đồ {indicator} của {n} phường, xã Hà Nội. Cao nhất: {hi} ({hi_v}); thấp nhất: "
            "{lo} ({lo_v}); trung vị {median}; {missing} đơn vị không có dữ liệu."
        ),
        "en": (
            "Map of {indicator} for Hanoi's {n} wards and communes. Highest: {hi} ({hi_v}); "
            "lowest: {lo} ({lo_v}); median {median}; {missing} units with no data."
        ),
    },
    "embed": {"vi": "Nhúng", "en": "Embed"},
    "embed_help": {
        "vi": (
            "Dán mã này vào bài viết. Khung tự co giãn theo nội dung; không có tập lệnh thì vẫn "
            "hiển thị với chiều cao cố định."
        ),
        "en": (
            "Paste this code into your article. The frame follows its content's height; without "
            "the script it keeps a fixed height."
        ),
    },
    "preview": {"vi": "Xem trước", "en": "Preview"},
    "download_png": {"vi": "Tải ảnh PNG", "en": "Download PNG"},
    "download_svg": {"vi": "Tải ảnh SVG", "en": "Download SVG"},
    "downloads_title": {"vi": "Tải dữ liệu", "en": "Download the data"},
    "choose_unit": {
        "vi": "Chọn một đơn vị (gõ tên hoặc mã)",
        "en": "Choose a unit (type its name or code)",
    },
    "choose_unit_placeholder": {
        "vi": "vd. Phường Hoàn Kiếm",
        "en": "e.g. Phường Hoàn Kiếm",
    },
    "corrections_title": {"vi": "Báo sai sót", "en": "Report a correction"},
    "page_title": {
        "vi": "Hà Nội 126 phường, xã — bản đồ sắp xếp 2025",
        "en": "Hanoi's 126 wards and communes — 2025 reorganisation map",
    },
    "page_description": {
        "vi": (
            "Bản đồ 126 phường, xã của Hà Nội sau sắp xếp 1/7/2025: tra tên hoặc địa chỉ cũ "
            "ra đơn vị mới, dân số, diện tích, so sánh và dữ liệu tải về có nguồn."
        ),
        "en": (
            "Map of Hanoi's 126 wards and communes after the 1 July 2025 reorganisation: find "
            "the new unit of an old name or address, population, area, comparisons, sourced data."
        ),
    },
    "map_options": {"vi": "Tuỳ chọn bản đồ", "en": "Map options"},
    "city_summary": {
        "vi": "Hà Nội có {n} đơn vị cấp xã ({wards} phường, {communes} xã), dân số {pop} người, "
        "diện tích {area} km². Chúng được hợp thành từ {old} đơn vị cũ, trong đó {split} đơn vị "
        "bị chia cho nhiều đơn vị mới.",
        "en": "Hanoi has {n} commune-level units ({wards} wards, {communes} communes), "
        "population {pop}, area {area} km². They were formed from {old} old units, of which "
        "{split} were split between several new units.",
    },
    "city_summary_hint": {
        "vi": "Tìm địa chỉ cũ, dùng vị trí của bạn, hoặc chạm vào bản đồ để xem một đơn vị.",
        "en": "Search an old address, use your location, or tap the map to see a unit.",
    },
    "locate_me": {"vi": "Dùng vị trí của tôi", "en": "Use my location"},
    "locate_why": {
        "vi": "Trình duyệt sẽ hỏi quyền cho biết vị trí, chỉ để tìm phường, xã chứa điểm đó; "
        "không lưu lại gì.",
        "en": "Your browser will ask to share your position, used only to find the ward or "
        "commune containing it; nothing is stored.",
    },
    "locate_denied": {
        "vi": "Bạn chưa cho phép dùng vị trí. Hãy gõ địa chỉ cũ hoặc chạm vào bản đồ.",
        "en": "Location permission was refused. Type your old address or tap the map instead.",
    },
    "locate_failed": {
        "vi": "Không lấy được vị trí của thiết bị. Hãy gõ địa chỉ cũ hoặc chạm vào bản đồ.",
        "en": "Your device's position could not be found. Type your old address or tap the map.",
    },
    "locate_outside": {
        "vi": "Vị trí của bạn ({lat}, {lon}) nằm ngoài Hà Nội.",
        "en": "Your position ({lat}, {lon}) is outside Hanoi.",
    },
    "locate_found": {
        "vi": "Vị trí của bạn ({lat}, {lon}) thuộc {name}.",
        "en": "Your position ({lat}, {lon}) is in {name}.",
    },
    "tabs_label": {"vi": "Công cụ cho cán bộ", "en": "Tools for officials"},
    "tab_compare": {"vi": "So sánh", "en": "Compare"},
    "tab_groups": {"vi": "Nhóm", "en": "Groups"},
    "tab_table": {"vi": "Bảng", "en": "Table"},
    "tab_upload": {"vi": "Số liệu riêng", "en": "Own figures"},
    "tab_convert": {"vi": "Đổi nhiều địa chỉ", "en": "Many addresses"},
    "convert_title": {
        "vi": "Đổi nhiều địa chỉ cũ cùng lúc (CSV hoặc Excel)",
        "en": "Convert many old addresses at once (CSV or Excel)",
    },
    "convert_help": {
        "vi": "Một cột “address” (hoặc “dia_chi”) chứa địa chỉ cũ, tối đa 5.000 dòng, 5 MB. "
        "Tệp trả về có thêm các cột new_code, new_name, whole_split, candidates, status, note. "
        "Máy chủ không lưu gì.",
        "en": "One column “address” (or “dia_chi”) of old addresses, at most 5,000 rows, 5 MB. "
        "The file comes back with new_code, new_name, whole_split, candidates, status and note "
        "columns. The server keeps nothing.",
    },
    "convert_drop": {
        "vi": "Kéo thả tệp CSV hoặc Excel vào đây, hoặc bấm để chọn",
        "en": "Drop a CSV or Excel file here, or click to choose",
    },
    "convert_done": {
        "vi": "Đã đổi {n} dòng của “{file}”: {summary}. Tệp kết quả đang được tải về.",
        "en": "Converted {n} rows of “{file}”: {summary}. The result is downloading.",
    },
    "convert_failed": {
        "vi": "Không đổi được “{file}”: {message}",
        "en": "“{file}” could not be converted: {message}",
    },
    "split_candidates": {"vi": "Các đơn vị mới nhận phần của", "en": "New units that got part of"},
    "split_outline_note": {
        "vi": "Ranh giới cũ (viền đen) là gần đúng, vẽ theo bản đồ 2019. Nút “Dùng vị trí của "
        "tôi” hoặc một lần chạm vào bản đồ sẽ cho biết chính xác.",
        "en": "The old outline (black) is approximate, drawn from the 2019 map. The “Use my "
        "location” button or a tap on the map settles it.",
    },
    "tiles_failed": {
        "vi": "Không tải được bản đồ đường phố; ranh giới và tên các đơn vị vẫn hiển thị.",
        "en": "The street map could not load; the outlines and unit names are still shown.",
    },
    "share_of_old": {"vi": "diện tích đơn vị cũ", "en": "of the old unit's area"},
    "choose": {"vi": "Chọn…", "en": "Select…"},
    "data_version_note": {
        "vi": "Phiên bản dữ liệu {stamp}. Các số có ghi “{estimate}” được tính tại đây; phương "
        "pháp ghi ngay bên cạnh.",
        "en": "Data version {stamp}. Figures marked “{estimate}” are computed here; their method "
        "is stated beside them.",
    },
    "not_in_hanoi": {
        "vi": "Điểm này không nằm trong 126 phường, xã của Hà Nội.",
        "en": "This point is not inside any of Hanoi's 126 units.",
    },
    "show_on_map": {"vi": "Xem trên bản đồ", "en": "Show on the map"},
    "news_reports": {"vi": "Báo chí", "en": "News reports"},
    "file_units_csv": {"vi": "126 đơn vị, mọi chỉ tiêu", "en": "126 units, every indicator"},
    "file_units_geojson": {
        "vi": "126 đơn vị, đã đơn giản hoá (~40 m)",
        "en": "126 units, simplified (~40 m)",
    },
    "file_units_full": {
        "vi": "126 đơn vị, độ phân giải đầy đủ",
        "en": "126 units, full resolution",
    },
    "file_crosswalk": {
        "vi": "bảng chuyển đổi cũ → mới kèm khoản",
        "en": "old → new crosswalk with clauses",
    },
    # Issue #23 (press-grade visuals, round 2).
    "classes_merged": {
        "vi": (
            "{n} lớp thay vì {m} lớp đã chọn: nhiều đơn vị có cùng giá trị nên một số ngưỡng "
            "trùng nhau và đã được gộp."
        ),
        "en": (
            "{n} classes where {m} were asked: many units share a value, so some class edges "
            "coincided and were merged."
        ),
    },
    "skip_to_main": {"vi": "Chuyển đến nội dung chính", "en": "Skip to main content"},
    "preview_chart": {
        "vi": "Biểu đồ {indicator} của 126 phường, xã Hà Nội, từ cao đến thấp, kèm trung vị.",
        "en": "Chart of {indicator} for Hanoi's 126 wards and communes, highest first, with the "
        "median.",
    },
    "preview_chart_compare": {
        "vi": "Biểu đồ so sánh {indicator}: {units}.",
        "en": "Chart comparing {indicator}: {units}.",
    },
    "city_distribution": {
        "vi": "Phân bố của 126 xã, phường",
        "en": "Distribution across the 126 units",
    },
    "units_count": {"vi": "xã, phường", "en": "units"},
}


def t(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (Vietnamese when the language is unknown)."""
    entry = STRINGS[key]
    return entry.get(lang, entry["vi"])


def pick_lang(value: str | None) -> str:
    """A supported language code from untrusted input, defaulting to Vietnamese."""
    return value if isinstance(value, str) and value in LANGS else "vi"


STRINGS.update(
    {
        "preview_map": {
            "vi": "Bản đồ {indicator} của 126 phường, xã Hà Nội sau sắp xếp ngày 1/7/2025, "
            "kèm nguồn và phương pháp.",
            "en": "Map of {indicator} for Hanoi's 126 wards and communes after the "
            "1 July 2025 reorganisation, with sources and methods.",
        },
        "preview_unit": {
            "vi": "{name}: dân số 2025 {pop} người, diện tích {area} km², hình thành từ {n} "
            "đơn vị cũ (Nghị quyết 1656/NQ-UBTVQH15).",
            "en": "{name}: population 2025 {pop}, area {area} km², formed from {n} old units "
            "(Resolution 1656/NQ-UBTVQH15).",
        },
        "preview_facts": {
            "vi": "Cuộc sắp xếp 2025 của Hà Nội qua các con số, mỗi số kèm bài báo và ngày.",
            "en": "Hanoi's 2025 reorganisation in figures, each with its article and date.",
        },
    }
)

STRINGS.update(
    {
        "sources": {"vi": "Nguồn", "en": "Sources"},
        "methods": {"vi": "Cách tính", "en": "How the figures are computed"},
        "more": {"vi": "Xem thêm", "en": "More"},
    }
)

STRINGS["filter_placeholder"] = {"vi": "lọc…", "en": "filter…"}

# The reorganisation in figures (dashboard/views/facts.py).
FACTS_STRINGS = {
    "facts_title": {"vi": "Sắp xếp 2025 qua các con số", "en": "The reorganisation in figures"},
    "facts_intro": {
        "vi": (
            "Số liệu toàn thành phố do báo chí đưa tin (dẫn báo cáo của thành phố), mỗi số kèm bài "
            "báo và ngày; không phải thống kê chính thức do dự án kiểm tra. Hồ sơ gồm cả Trung tâm "
            "Phục vụ hành chính công thành phố và 126 xã, phường (không có số tách riêng)."
        ),
        "en": (
            "City-wide figures as reported by the press (citing the city), each with its article "
            "and date; not official statistics checked by this project. Dossiers include the "
            "city's Public Administration Service Center and the 126 units (no split is "
            "published)."
        ),
    },
    "facts_all": {"vi": "Tất cả số liệu và nguồn", "en": "Every figure and its source"},
    "figure": {"vi": "Số liệu", "en": "Figure"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "period": {"vi": "Thời điểm", "en": "Period"},
    "article": {"vi": "Bài báo (ngày)", "en": "Article (date)"},
    "national": {"vi": "cả nước", "en": "nationwide"},
    "press": {"vi": "Báo chí", "en": "Press"},
    "processed_note": {
        "vi": (
            "“97,39 %” là 402.282 trên 413.036 hồ sơ đã giải quyết (“hiện là 402.282”), bài báo "
            "không nói là “đúng hạn”. 232 là số cơ sở nhà, đất, không phải số trụ sở."
        ),
        "en": (
            "“97.39 %” is 402,282 of the 413,036 dossiers processed (“currently 402,282”); the "
            "article does not say “on time”. 232 counts premises (houses and land), not "
            "headquarters."
        ),
    },
}
STRINGS.update(FACTS_STRINGS)

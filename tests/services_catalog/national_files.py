"""Files in the layout of the national database's exports, as a ministry publishes them."""

import csv
from pathlib import Path

from openpyxl import Workbook

TITLE_BLOCK = [
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH THỦ TỤC HÀNH CHÍNH"],
    ["(Kèm theo kết quả tra cứu trên Cơ sở dữ liệu quốc gia về thủ tục hành chính)"],
    [],
]
HEADER = ["STT", "Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]

BIRTH = [
    "1.001193",
    "Thủ tục đăng ký khai sinh",
    "Bộ Tư pháp",
    "Ủy ban nhân dân cấp xã",
    "Hộ tịch",
]
MARRIAGE = ["1.000894", "Thủ tục đăng ký kết hôn", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"]
CRIMINAL_RECORD = [
    "2.000488",
    "Thủ tục cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
    "Bộ Tư pháp",
    "Sở Tư pháp\nCông an cấp tỉnh",
    "Lý lịch tư pháp",
]
RESIDENCE = [
    "1.004194",
    "Đăng ký thường trú",
    "Bộ Công an",
    "Công an cấp xã",
    "Đăng ký, quản lý cư trú",
]
# A real name of this kind: the national list writes every case the procedure covers.
LONG_NAME = (
    "Thủ tục cấp bản sao trích lục hộ tịch, cấp bản sao giấy tờ hộ tịch từ sổ hộ tịch, "
    + ", ".join(
        f"trường hợp {number}: người yêu cầu là cá nhân có quyền, nghĩa vụ liên quan đến việc đăng ký hộ tịch"
        for number in range(1, 13)
    )
)[:1000]
LONG = ["2.000635", LONG_NAME, "Bộ Tư pháp", "Ủy ban nhân dân cấp xã\nSở Tư pháp", "Hộ tịch"]
NO_AGENCY = ["1.010000", "Thủ tục chưa công bố cơ quan thực hiện", "Bộ Tư pháp", "", "Hộ tịch"]

ROWS = [BIRTH, MARRIAGE, CRIMINAL_RECORD, RESIDENCE, LONG, NO_AGENCY]


def national_xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for line in TITLE_BLOCK:
        sheet.append(line)
    sheet.append(HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    workbook.save(path)
    return path


def national_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for line in TITLE_BLOCK:
            writer.writerow(line)
        writer.writerow(HEADER)
        for number, row in enumerate(rows, start=1):
            writer.writerow([number, *row])
    return path

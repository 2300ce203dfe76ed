"""A realistic catalogue for search tests: real procedure names from the national database.

`build_catalogue()` creates sectors, fields, agencies and ~170 live procedure pages under a catalogue
index page, then indexes them through the bulk path importers use.
"""

from wagtail.models import Page

from search.services import pages_index
from services_catalog.models import Agency, Field, ProcedureIndexPage, ProcedurePage, Sector

# sector -> (agency name, agency code) of the department that carries out its province-level procedures
SECTOR_AGENCIES = {
    "Tư pháp": ("Sở Tư pháp", "stp"),
    "Tài nguyên và Môi trường": ("Sở Tài nguyên và Môi trường", "stnmt"),
    "Xây dựng": ("Sở Xây dựng", "sxd"),
    "Kế hoạch và Đầu tư": ("Sở Kế hoạch và Đầu tư", "skhdt"),
    "Giao thông vận tải": ("Sở Giao thông vận tải", "sgtvt"),
    "Lao động - Thương binh và Xã hội": ("Sở Lao động - Thương binh và Xã hội", "sldtbxh"),
    "Y tế": ("Sở Y tế", "syt"),
    "Giáo dục và Đào tạo": ("Sở Giáo dục và Đào tạo", "sgddt"),
    "Công Thương": ("Sở Công Thương", "sct"),
    "Văn hóa, Thể thao và Du lịch": ("Sở Văn hóa, Thể thao và Du lịch", "svhttdl"),
    "Nông nghiệp và Phát triển nông thôn": ("Sở Nông nghiệp và Phát triển nông thôn", "snnptnt"),
    "Công an": ("Công an tỉnh", "cat"),
    "Nội vụ": ("Sở Nội vụ", "snv"),
    "Thông tin và Truyền thông": ("Sở Thông tin và Truyền thông", "stttt"),
}
COMMUNE_AGENCY = ("Ủy ban nhân dân phường An Hội", "ubndanhoi")
DISTRICT_AGENCY = ("Ủy ban nhân dân thành phố Bến Tre", "ubndtpbentre")

# (sector, field, level "tinh"/"huyen"/"xa", name)
PROCEDURES = [
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai sinh"),
    ("Tư pháp", "Hộ tịch", "huyen", "Đăng ký khai sinh có yếu tố nước ngoài"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai sinh lưu động"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký lại khai sinh"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký kết hôn"),
    ("Tư pháp", "Hộ tịch", "huyen", "Đăng ký kết hôn có yếu tố nước ngoài"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký lại kết hôn"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký kết hôn lưu động"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai tử"),
    ("Tư pháp", "Hộ tịch", "huyen", "Đăng ký khai tử có yếu tố nước ngoài"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký lại khai tử"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký khai tử lưu động"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký nhận cha, mẹ, con"),
    ("Tư pháp", "Hộ tịch", "huyen", "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký giám hộ"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký chấm dứt giám hộ"),
    ("Tư pháp", "Hộ tịch", "xa", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("Tư pháp", "Hộ tịch", "xa", "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("Tư pháp", "Hộ tịch", "xa", "Cấp bản sao trích lục hộ tịch"),
    ("Tư pháp", "Hộ tịch", "huyen", "Ghi vào Sổ hộ tịch việc ly hôn đã được giải quyết tại nước ngoài"),
    (
        "Tư pháp",
        "Hộ tịch",
        "xa",
        "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
        "cho trẻ em dưới 6 tuổi",
    ),
    ("Tư pháp", "Nuôi con nuôi", "xa", "Đăng ký việc nuôi con nuôi trong nước"),
    ("Tư pháp", "Nuôi con nuôi", "tinh", "Đăng ký việc nuôi con nuôi có yếu tố nước ngoài"),
    (
        "Tư pháp",
        "Chứng thực",
        "xa",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp",
    ),
    ("Tư pháp", "Chứng thực", "xa", "Chứng thực chữ ký trong các giấy tờ, văn bản"),
    ("Tư pháp", "Chứng thực", "huyen", "Chứng thực chữ ký người dịch"),
    (
        "Tư pháp",
        "Chứng thực",
        "xa",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
    ),
    ("Tư pháp", "Chứng thực", "xa", "Chứng thực di chúc"),
    ("Tư pháp", "Chứng thực", "xa", "Chứng thực văn bản từ chối nhận di sản"),
    (
        "Tư pháp",
        "Lý lịch tư pháp",
        "tinh",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
    ),
    ("Tư pháp", "Lý lịch tư pháp", "tinh", "Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng"),
    ("Tư pháp", "Quốc tịch", "tinh", "Nhập quốc tịch Việt Nam"),
    ("Tư pháp", "Quốc tịch", "tinh", "Thôi quốc tịch Việt Nam"),
    ("Tư pháp", "Quốc tịch", "tinh", "Trở lại quốc tịch Việt Nam"),
    ("Tư pháp", "Công chứng", "tinh", "Công chứng hợp đồng, giao dịch đã được soạn thảo sẵn"),
    ("Tư pháp", "Công chứng", "tinh", "Công chứng bản dịch"),
    ("Tư pháp", "Luật sư", "tinh", "Đăng ký hoạt động của tổ chức hành nghề luật sư"),
    (
        "Tài nguyên và Môi trường",
        "Đất đai",
        "huyen",
        "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với "
        "đất lần đầu",
    ),
    (
        "Tài nguyên và Môi trường",
        "Đất đai",
        "huyen",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
    ),
    (
        "Tài nguyên và Môi trường",
        "Đất đai",
        "huyen",
        "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất "
        "do bị mất",
    ),
    (
        "Tài nguyên và Môi trường",
        "Đất đai",
        "huyen",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, "
        "thừa kế, tặng cho",
    ),
    ("Tài nguyên và Môi trường", "Đất đai", "huyen", "Chuyển mục đích sử dụng đất phải được phép"),
    (
        "Tài nguyên và Môi trường",
        "Đất đai",
        "huyen",
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
    ),
    ("Tài nguyên và Môi trường", "Đất đai", "huyen", "Xóa đăng ký thế chấp quyền sử dụng đất"),
    ("Tài nguyên và Môi trường", "Đất đai", "huyen", "Tách thửa hoặc hợp thửa đất"),
    ("Tài nguyên và Môi trường", "Đất đai", "tinh", "Gia hạn sử dụng đất"),
    ("Tài nguyên và Môi trường", "Đất đai", "tinh", "Cung cấp dữ liệu đất đai"),
    ("Tài nguyên và Môi trường", "Đất đai", "huyen", "Giao đất, cho thuê đất cho hộ gia đình, cá nhân"),
    ("Tài nguyên và Môi trường", "Môi trường", "tinh", "Cấp giấy phép môi trường"),
    (
        "Tài nguyên và Môi trường",
        "Môi trường",
        "tinh",
        "Thẩm định báo cáo đánh giá tác động môi trường",
    ),
    ("Tài nguyên và Môi trường", "Môi trường", "xa", "Đăng ký môi trường"),
    ("Tài nguyên và Môi trường", "Tài nguyên nước", "tinh", "Cấp giấy phép khai thác, sử dụng nước dưới đất"),
    ("Tài nguyên và Môi trường", "Tài nguyên nước", "tinh", "Cấp giấy phép xả nước thải vào nguồn nước"),
    ("Tài nguyên và Môi trường", "Khoáng sản", "tinh", "Cấp giấy phép khai thác khoáng sản"),
    ("Xây dựng", "Hoạt động xây dựng", "huyen", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
    (
        "Xây dựng",
        "Hoạt động xây dựng",
        "tinh",
        "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình",
    ),
    ("Xây dựng", "Hoạt động xây dựng", "tinh", "Điều chỉnh giấy phép xây dựng"),
    ("Xây dựng", "Hoạt động xây dựng", "tinh", "Gia hạn giấy phép xây dựng"),
    ("Xây dựng", "Hoạt động xây dựng", "tinh", "Cấp lại giấy phép xây dựng"),
    ("Xây dựng", "Hoạt động xây dựng", "tinh", "Cấp giấy phép di dời công trình"),
    ("Xây dựng", "Hoạt động xây dựng", "tinh", "Cấp chứng chỉ hành nghề hoạt động xây dựng"),
    (
        "Xây dựng",
        "Hoạt động xây dựng",
        "tinh",
        "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng",
    ),
    ("Xây dựng", "Nhà ở", "tinh", "Thuê nhà ở xã hội"),
    ("Xây dựng", "Nhà ở", "tinh", "Mua nhà ở xã hội"),
    ("Xây dựng", "Nhà ở", "tinh", "Cấp chứng chỉ hành nghề môi giới bất động sản"),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thành lập doanh nghiệp tư nhân",
    ),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
    ),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên",
    ),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thành lập công ty cổ phần",
    ),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thay đổi người đại diện theo pháp luật của công ty",
    ),
    (
        "Kế hoạch và Đầu tư",
        "Thành lập và hoạt động doanh nghiệp",
        "tinh",
        "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp",
    ),
    ("Kế hoạch và Đầu tư", "Thành lập và hoạt động doanh nghiệp", "tinh", "Thông báo tạm ngừng kinh doanh"),
    ("Kế hoạch và Đầu tư", "Thành lập và hoạt động doanh nghiệp", "tinh", "Giải thể doanh nghiệp"),
    ("Kế hoạch và Đầu tư", "Hộ kinh doanh", "huyen", "Đăng ký thành lập hộ kinh doanh"),
    ("Kế hoạch và Đầu tư", "Hộ kinh doanh", "huyen", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh"),
    ("Kế hoạch và Đầu tư", "Hộ kinh doanh", "huyen", "Tạm ngừng hoạt động hộ kinh doanh"),
    ("Kế hoạch và Đầu tư", "Hộ kinh doanh", "huyen", "Chấm dứt hoạt động hộ kinh doanh"),
    ("Kế hoạch và Đầu tư", "Hộ kinh doanh", "huyen", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh"),
    ("Kế hoạch và Đầu tư", "Hợp tác xã", "huyen", "Đăng ký thành lập hợp tác xã"),
    ("Kế hoạch và Đầu tư", "Hợp tác xã", "huyen", "Giải thể tự nguyện hợp tác xã"),
    ("Kế hoạch và Đầu tư", "Đầu tư", "tinh", "Cấp Giấy chứng nhận đăng ký đầu tư"),
    ("Kế hoạch và Đầu tư", "Đầu tư", "tinh", "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Cấp lại giấy phép lái xe"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Cấp mới giấy phép lái xe"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Cấp giấy phép lái xe quốc tế"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Cấp phù hiệu xe ô tô kinh doanh vận tải"),
    ("Giao thông vận tải", "Đường bộ", "tinh", "Cấp giấy phép kinh doanh vận tải bằng xe ô tô"),
    (
        "Giao thông vận tải",
        "Đường bộ",
        "tinh",
        "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn",
    ),
    ("Giao thông vận tải", "Đường thủy nội địa", "huyen", "Đăng ký phương tiện thủy nội địa lần đầu"),
    (
        "Giao thông vận tải",
        "Đường thủy nội địa",
        "tinh",
        "Cấp giấy chứng nhận khả năng chuyên môn thuyền trưởng",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Bảo trợ xã hội",
        "xa",
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng "
        "hàng tháng",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Bảo trợ xã hội",
        "xa",
        "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Bảo trợ xã hội",
        "xa",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Bảo trợ xã hội",
        "xa",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
    ),
    ("Lao động - Thương binh và Xã hội", "Bảo trợ xã hội", "xa", "Đổi, cấp lại Giấy xác nhận khuyết tật"),
    ("Lao động - Thương binh và Xã hội", "Việc làm", "tinh", "Giải quyết hưởng trợ cấp thất nghiệp"),
    (
        "Lao động - Thương binh và Xã hội",
        "Việc làm",
        "tinh",
        "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Việc làm",
        "tinh",
        "Cấp lại giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Việc làm",
        "tinh",
        "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động",
    ),
    ("Lao động - Thương binh và Xã hội", "Người có công", "xa", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ"),
    ("Lao động - Thương binh và Xã hội", "Người có công", "tinh", "Cấp giấy chứng nhận thân nhân liệt sĩ"),
    (
        "Lao động - Thương binh và Xã hội",
        "Giảm nghèo",
        "xa",
        "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "Giảm nghèo",
        "xa",
        "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm",
    ),
    ("Y tế", "Khám bệnh, chữa bệnh", "tinh", "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh"),
    ("Y tế", "Khám bệnh, chữa bệnh", "tinh", "Cấp giấy phép hoạt động đối với phòng khám đa khoa"),
    ("Y tế", "Dược phẩm", "tinh", "Cấp Chứng chỉ hành nghề dược"),
    ("Y tế", "Dược phẩm", "tinh", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho nhà thuốc"),
    (
        "Y tế",
        "An toàn thực phẩm",
        "tinh",
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    ),
    ("Y tế", "An toàn thực phẩm", "tinh", "Đăng ký bản công bố sản phẩm dinh dưỡng y học"),
    ("Y tế", "Bảo hiểm y tế", "huyen", "Cấp thẻ bảo hiểm y tế cho người tham gia bảo hiểm y tế"),
    ("Y tế", "Bảo hiểm y tế", "huyen", "Cấp lại, đổi thẻ bảo hiểm y tế"),
    ("Giáo dục và Đào tạo", "Văn bằng, chứng chỉ", "tinh", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"),
    ("Giáo dục và Đào tạo", "Văn bằng, chứng chỉ", "tinh", "Chỉnh sửa nội dung văn bằng, chứng chỉ"),
    ("Giáo dục và Đào tạo", "Giáo dục trung học", "huyen", "Chuyển trường đối với học sinh trung học cơ sở"),
    (
        "Giáo dục và Đào tạo",
        "Giáo dục trung học",
        "tinh",
        "Chuyển trường đối với học sinh trung học phổ thông",
    ),
    ("Giáo dục và Đào tạo", "Giáo dục trung học", "tinh", "Phúc khảo bài thi tốt nghiệp trung học phổ thông"),
    ("Giáo dục và Đào tạo", "Giáo dục mầm non", "huyen", "Cho phép trường mầm non hoạt động giáo dục"),
    ("Giáo dục và Đào tạo", "Giáo dục mầm non", "huyen", "Công nhận trường mầm non đạt chuẩn quốc gia"),
    ("Công Thương", "Lưu thông hàng hóa", "huyen", "Cấp Giấy phép bán lẻ sản phẩm rượu"),
    ("Công Thương", "Lưu thông hàng hóa", "tinh", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá"),
    (
        "Công Thương",
        "Kinh doanh khí",
        "tinh",
        "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu",
    ),
    (
        "Công Thương",
        "Lưu thông hàng hóa",
        "huyen",
        "Cấp giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
    ),
    ("Công Thương", "Xúc tiến thương mại", "tinh", "Đăng ký hoạt động bán hàng đa cấp tại địa phương"),
    ("Công Thương", "Xúc tiến thương mại", "tinh", "Đăng ký thực hiện khuyến mại"),
    ("Văn hóa, Thể thao và Du lịch", "Văn hóa", "tinh", "Cấp giấy phép kinh doanh dịch vụ karaoke"),
    ("Văn hóa, Thể thao và Du lịch", "Du lịch", "tinh", "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa"),
    ("Văn hóa, Thể thao và Du lịch", "Du lịch", "tinh", "Công nhận hạng cơ sở lưu trú du lịch"),
    ("Văn hóa, Thể thao và Du lịch", "Du lịch", "tinh", "Cấp thẻ hướng dẫn viên du lịch nội địa"),
    ("Văn hóa, Thể thao và Du lịch", "Văn hóa", "tinh", "Đăng ký tổ chức lễ hội"),
    (
        "Văn hóa, Thể thao và Du lịch",
        "Thể dục thể thao",
        "tinh",
        "Cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
    ),
    (
        "Văn hóa, Thể thao và Du lịch",
        "Gia đình",
        "huyen",
        "Đăng ký hoạt động cơ sở hỗ trợ nạn nhân bạo lực gia đình",
    ),
    (
        "Nông nghiệp và Phát triển nông thôn",
        "Chăn nuôi và thú y",
        "tinh",
        "Cấp giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
    ),
    ("Nông nghiệp và Phát triển nông thôn", "Thủy sản", "tinh", "Cấp giấy phép khai thác thủy sản"),
    ("Nông nghiệp và Phát triển nông thôn", "Thủy sản", "tinh", "Đăng ký tàu cá"),
    (
        "Nông nghiệp và Phát triển nông thôn",
        "Phòng chống thiên tai",
        "xa",
        "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai",
    ),
    (
        "Nông nghiệp và Phát triển nông thôn",
        "Trồng trọt",
        "huyen",
        "Chuyển đổi cơ cấu cây trồng trên đất trồng lúa",
    ),
    ("Công an", "Đăng ký, quản lý cư trú", "xa", "Đăng ký thường trú"),
    ("Công an", "Đăng ký, quản lý cư trú", "xa", "Đăng ký tạm trú"),
    ("Công an", "Đăng ký, quản lý cư trú", "xa", "Xóa đăng ký thường trú"),
    ("Công an", "Đăng ký, quản lý cư trú", "xa", "Gia hạn tạm trú"),
    ("Công an", "Đăng ký, quản lý cư trú", "xa", "Khai báo tạm vắng"),
    ("Công an", "Căn cước", "huyen", "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên"),
    ("Công an", "Căn cước", "huyen", "Cấp đổi thẻ căn cước"),
    ("Công an", "Căn cước", "huyen", "Cấp lại thẻ căn cước"),
    ("Công an", "Đăng ký, quản lý phương tiện giao thông", "huyen", "Đăng ký xe mô tô, xe gắn máy lần đầu"),
    ("Công an", "Xuất nhập cảnh", "tinh", "Cấp hộ chiếu phổ thông ở trong nước"),
    ("Nội vụ", "Công chức, viên chức", "tinh", "Thi tuyển công chức"),
    ("Nội vụ", "Công chức, viên chức", "tinh", "Xét tuyển viên chức"),
    ("Nội vụ", "Tổ chức phi chính phủ", "tinh", "Thành lập hội"),
    ("Nội vụ", "Tổ chức phi chính phủ", "tinh", "Công nhận ban vận động thành lập hội"),
    ("Nội vụ", "Tín ngưỡng, tôn giáo", "xa", "Đăng ký hoạt động tín ngưỡng"),
    ("Nội vụ", "Tín ngưỡng, tôn giáo", "xa", "Thông báo tổ chức lễ hội tín ngưỡng"),
    ("Nội vụ", "Thi đua, khen thưởng", "xa", "Xét tặng danh hiệu Lao động tiên tiến"),
    ("Thông tin và Truyền thông", "Xuất bản, in và phát hành", "tinh", "Cấp giấy phép hoạt động in"),
    ("Thông tin và Truyền thông", "Báo chí", "tinh", "Cấp giấy phép xuất bản bản tin"),
    (
        "Thông tin và Truyền thông",
        "Phát thanh, truyền hình và thông tin điện tử",
        "tinh",
        "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
    ),
]

LEVEL_FLAGS = {"tinh": "at_province_level", "huyen": "at_district_level", "xa": "at_commune_level"}


def slug_for(text: str) -> str:
    from django.utils.text import slugify

    from search.text import fold_vi

    return slugify(fold_vi(text))


def build_catalogue() -> dict[str, ProcedurePage]:
    """Create the catalogue under the site root; returns the procedures by title."""
    root = Page.objects.get(depth=1).get_children().first()
    index = root.add_child(instance=ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"))
    sectors, fields, agencies = {}, {}, {}
    for order, (name, (agency_name, code)) in enumerate(SECTOR_AGENCIES.items()):
        sectors[name] = Sector.objects.create(name=name, slug=slug_for(name), sort_order=order)
        agencies[name] = Agency.objects.create(name=agency_name, code=code, level="tinh")
    district = Agency.objects.create(name=DISTRICT_AGENCY[0], code=DISTRICT_AGENCY[1], level="huyen")
    commune = Agency.objects.create(
        name=COMMUNE_AGENCY[0], code=COMMUNE_AGENCY[1], level="xa", parent=district
    )
    procedures = {}
    for number, (sector_name, field_name, level, title) in enumerate(PROCEDURES, start=1):
        if field_name not in fields:
            fields[field_name] = Field.objects.create(
                sector=sectors[sector_name], name=field_name, slug=slug_for(field_name)
            )
        agency = {"tinh": agencies[sector_name], "huyen": district, "xa": commune}[level]
        page = ProcedurePage(
            title=title,
            slug=f"thu-tuc-{number}",
            code=f"1.{number:06d}",
            sector=sectors[sector_name],
            field=fields[field_name],
            agency=agency,
            service_level=(number % 4) + 1,
            processing_days=(number % 15) + 1,
            **{LEVEL_FLAGS[level]: True},
        )
        procedures[title] = index.add_child(instance=page)
    pages_index(page_ids=[page.pk for page in procedures.values()])
    return procedures

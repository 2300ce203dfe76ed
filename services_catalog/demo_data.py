# ruff: noqa: E501  (official procedure names are long and are kept on one line each)
"""A realistic demo catalogue: procedure names from the published sets of Bến Tre and the ministries.

Each entry: (name, administrative levels, service level, processing days, fee in VND or None for free).
Codes are given to the demo entries in order (the first one is the real code of Đăng ký khai sinh).
"""

AGENCIES = [
    # code, name, level, address, phone
    (
        "stp",
        "Sở Tư pháp tỉnh Bến Tre",
        "tinh",
        "Số 17, đường Hai Bà Trưng, phường An Hội, TP. Bến Tre",
        "0275 3822 135",
    ),
    (
        "stttt",
        "Sở Thông tin và Truyền thông tỉnh Bến Tre",
        "tinh",
        "Số 7, đường Cách Mạng Tháng Tám, phường An Hội, TP. Bến Tre",
        "0275 3822 338",
    ),
    (
        "sxd",
        "Sở Xây dựng tỉnh Bến Tre",
        "tinh",
        "Số 5, đường Cách Mạng Tháng Tám, phường An Hội, TP. Bến Tre",
        "0275 3822 310",
    ),
    (
        "stnmt",
        "Sở Tài nguyên và Môi trường tỉnh Bến Tre",
        "tinh",
        "Số 25, đường Nguyễn Huệ, phường An Hội, TP. Bến Tre",
        "0275 3827 220",
    ),
    (
        "skhdt",
        "Sở Kế hoạch và Đầu tư tỉnh Bến Tre",
        "tinh",
        "Số 6, đường Cách Mạng Tháng Tám, phường An Hội, TP. Bến Tre",
        "0275 3822 484",
    ),
    (
        "sct",
        "Sở Công Thương tỉnh Bến Tre",
        "tinh",
        "Số 128, đường Nguyễn Đình Chiểu, phường 2, TP. Bến Tre",
        "0275 3822 219",
    ),
    (
        "sgtvt",
        "Sở Giao thông vận tải tỉnh Bến Tre",
        "tinh",
        "Số 198B, đường Nguyễn Đình Chiểu, phường 8, TP. Bến Tre",
        "0275 3822 375",
    ),
    (
        "sgddt",
        "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
        "tinh",
        "Số 29, đường Đoàn Hoàng Minh, phường 5, TP. Bến Tre",
        "0275 3822 368",
    ),
    (
        "syt",
        "Sở Y tế tỉnh Bến Tre",
        "tinh",
        "Số 39, đường Đoàn Hoàng Minh, phường 5, TP. Bến Tre",
        "0275 3822 232",
    ),
    (
        "sldtbxh",
        "Sở Lao động - Thương binh và Xã hội tỉnh Bến Tre",
        "tinh",
        "Số 19, đường Cách Mạng Tháng Tám, phường 3, TP. Bến Tre",
        "0275 3822 220",
    ),
    (
        "snnptnt",
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Bến Tre",
        "tinh",
        "Số 141, đường Nguyễn Huệ, phường Phú Khương, TP. Bến Tre",
        "0275 3822 290",
    ),
    (
        "svhttdl",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Bến Tre",
        "tinh",
        "Số 26, đường Cách Mạng Tháng Tám, phường 3, TP. Bến Tre",
        "0275 3822 408",
    ),
    (
        "snv",
        "Sở Nội vụ tỉnh Bến Tre",
        "tinh",
        "Số 4, đường Cách Mạng Tháng Tám, phường An Hội, TP. Bến Tre",
        "0275 3822 480",
    ),
    (
        "ubndtpbentre",
        "Ủy ban nhân dân thành phố Bến Tre",
        "huyen",
        "Số 3, đường Lê Quý Đôn, phường 3, TP. Bến Tre",
        "0275 3822 117",
    ),
    (
        "ubndchauthanh",
        "Ủy ban nhân dân huyện Châu Thành",
        "huyen",
        "Khu phố 2, thị trấn Châu Thành, huyện Châu Thành",
        "0275 3860 245",
    ),
    (
        "ubndanhoi",
        "Ủy ban nhân dân phường An Hội",
        "xa",
        "Số 1, đường Hùng Vương, phường An Hội, TP. Bến Tre",
        "0275 3827 156",
    ),
    (
        "ubndtanthach",
        "Ủy ban nhân dân xã Tân Thạch",
        "xa",
        "Ấp 2, xã Tân Thạch, huyện Châu Thành",
        "0275 3616 007",
    ),
]
DISTRICT_AGENCIES = ("ubndtpbentre", "ubndchauthanh")
COMMUNE_AGENCIES = ("ubndanhoi", "ubndtanthach")

# sector, province department, {field: [(name, levels, service level, days, fee)]}
CATALOGUE = [
    (
        "Tư pháp",
        "stp",
        {
            "Hộ tịch": [
                ("Đăng ký khai sinh", "xa", 4, 1, None),
                ("Đăng ký kết hôn", "xa", 3, 1, None),
                ("Đăng ký khai tử", "xa", 4, 1, None),
                ("Đăng ký nhận cha, mẹ, con", "xa", 3, 3, 15000),
                ("Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "xa", 3, 3, 15000),
                ("Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "xa", 3, 3, 15000),
                ("Cấp bản sao Trích lục hộ tịch", "xa;huyen", 4, 1, 8000),
                ("Cấp Giấy xác nhận tình trạng hôn nhân", "xa", 4, 3, 15000),
                ("Đăng ký giám hộ", "xa", 3, 3, None),
                ("Đăng ký chấm dứt giám hộ", "xa", 3, 2, None),
                ("Đăng ký lại khai sinh", "xa", 3, 5, 15000),
                ("Đăng ký lại kết hôn", "xa", 3, 5, 15000),
                ("Đăng ký lại khai tử", "xa", 3, 5, 15000),
                ("Đăng ký khai sinh có yếu tố nước ngoài", "huyen", 3, 3, 75000),
                ("Đăng ký kết hôn có yếu tố nước ngoài", "huyen", 3, 10, 1500000),
                ("Đăng ký khai tử có yếu tố nước ngoài", "huyen", 3, 3, 75000),
                (
                    "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
                    "huyen",
                    2,
                    5,
                    75000,
                ),
                (
                    "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài",
                    "huyen",
                    2,
                    12,
                    50000,
                ),
            ],
            "Chứng thực": [
                (
                    "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
                    "huyen;xa",
                    2,
                    1,
                    2000,
                ),
                ("Chứng thực chữ ký trong các giấy tờ, văn bản", "huyen;xa", 2, 1, 10000),
                ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "huyen;xa", 2, 2, 50000),
                ("Chứng thực di chúc", "xa", 2, 2, 50000),
                ("Chứng thực văn bản từ chối nhận di sản", "xa", 2, 2, 50000),
                ("Chứng thực văn bản thỏa thuận phân chia di sản", "xa", 2, 2, 50000),
                ("Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", "huyen;xa", 2, 2, 30000),
                (
                    "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
                    "huyen;xa",
                    2,
                    2,
                    2000,
                ),
            ],
            "Lý lịch tư pháp": [
                (
                    "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
                    "tinh",
                    4,
                    10,
                    200000,
                ),
                ("Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng", "tinh", 3, 10, None),
                (
                    "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội",
                    "tinh",
                    3,
                    10,
                    None,
                ),
            ],
            "Quốc tịch": [
                ("Nhập quốc tịch Việt Nam", "tinh", 2, 115, 3000000),
                ("Thôi quốc tịch Việt Nam ở trong nước", "tinh", 2, 75, 2500000),
                ("Trở lại quốc tịch Việt Nam ở trong nước", "tinh", 2, 85, 2500000),
            ],
            "Công chứng": [
                ("Bổ nhiệm công chứng viên", "tinh", 2, 20, None),
                ("Đăng ký hành nghề và cấp Thẻ công chứng viên", "tinh", 3, 10, None),
                ("Thành lập Văn phòng công chứng", "tinh", 2, 20, 1000000),
                ("Đăng ký hoạt động Văn phòng công chứng", "tinh", 3, 10, 1000000),
            ],
            "Hòa giải ở cơ sở": [
                ("Công nhận hòa giải viên", "xa", 2, 2, None),
                ("Thôi làm hòa giải viên", "xa", 2, 2, None),
                ("Công nhận tổ trưởng tổ hòa giải", "xa", 2, 2, None),
            ],
            "Trợ giúp pháp lý": [
                ("Yêu cầu trợ giúp pháp lý", "tinh", 3, 2, None),
                ("Rút yêu cầu trợ giúp pháp lý của người được trợ giúp pháp lý", "tinh", 2, 1, None),
            ],
        },
    ),
    (
        "Xây dựng",
        "sxd",
        {
            "Hoạt động xây dựng": [
                ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "huyen", 3, 15, 75000),
                (
                    "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II",
                    "tinh",
                    3,
                    20,
                    150000,
                ),
                ("Cấp giấy phép sửa chữa, cải tạo công trình", "tinh;huyen", 3, 20, 150000),
                ("Cấp giấy phép di dời công trình", "tinh;huyen", 3, 20, 150000),
                ("Điều chỉnh giấy phép xây dựng", "tinh;huyen", 3, 20, 15000),
                ("Gia hạn giấy phép xây dựng", "tinh;huyen", 3, 5, 15000),
                ("Cấp lại giấy phép xây dựng", "tinh;huyen", 3, 5, 15000),
                ("Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng", "tinh", 3, 35, None),
                ("Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", "tinh", 4, 20, 300000),
                ("Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", "tinh", 4, 20, 1000000),
            ],
            "Nhà ở": [
                (
                    "Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, thuê mua",
                    "tinh",
                    2,
                    15,
                    None,
                ),
                ("Cho thuê nhà ở công vụ", "tinh", 2, 30, None),
            ],
        },
    ),
    (
        "Tài nguyên và Môi trường",
        "stnmt",
        {
            "Đất đai": [
                (
                    "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
                    "huyen",
                    3,
                    20,
                    100000,
                ),
                (
                    "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
                    "huyen",
                    3,
                    10,
                    50000,
                ),
                (
                    "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền",
                    "huyen",
                    3,
                    15,
                    None,
                ),
                ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", "huyen", 3, 7, 50000),
                ("Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "huyen", 3, 10, 50000),
                ("Tách thửa hoặc hợp thửa đất", "huyen", 3, 15, 50000),
                ("Gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế", "tinh", 2, 7, None),
                ("Đính chính Giấy chứng nhận đã cấp", "huyen", 3, 10, None),
            ],
            "Đăng ký biện pháp bảo đảm": [
                ("Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "huyen", 4, 1, 80000),
                ("Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "huyen", 4, 1, 20000),
            ],
            "Môi trường": [
                ("Cấp giấy phép môi trường", "tinh", 3, 30, 15000000),
                ("Thẩm định báo cáo đánh giá tác động môi trường", "tinh", 3, 25, 8500000),
                ("Đăng ký môi trường", "xa", 2, 5, None),
            ],
            "Tài nguyên nước": [
                ("Cấp giấy phép khai thác, sử dụng nước dưới đất", "tinh", 3, 30, 1200000),
                ("Cấp giấy phép thăm dò nước dưới đất", "tinh", 3, 30, 1200000),
            ],
        },
    ),
    (
        "Kế hoạch và Đầu tư",
        "skhdt",
        {
            "Thành lập và hoạt động của doanh nghiệp": [
                ("Đăng ký thành lập doanh nghiệp tư nhân", "tinh", 4, 3, 50000),
                ("Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", "tinh", 4, 3, 50000),
                ("Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", "tinh", 4, 3, 50000),
                ("Đăng ký thành lập công ty cổ phần", "tinh", 4, 3, 50000),
                ("Đăng ký thay đổi người đại diện theo pháp luật của công ty", "tinh", 4, 3, 50000),
                ("Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", "tinh", 4, 3, 50000),
                (
                    "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo",
                    "tinh",
                    4,
                    3,
                    None,
                ),
                ("Giải thể doanh nghiệp", "tinh", 4, 5, None),
                ("Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", "tinh", 4, 3, 50000),
            ],
            "Thành lập và hoạt động của hộ kinh doanh": [
                ("Đăng ký thành lập hộ kinh doanh", "huyen", 4, 3, 100000),
                ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "huyen", 4, 3, 50000),
                (
                    "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
                    "huyen",
                    4,
                    3,
                    None,
                ),
                ("Chấm dứt hoạt động hộ kinh doanh", "huyen", 4, 3, None),
            ],
            "Thành lập và hoạt động của hợp tác xã": [
                ("Đăng ký thành lập hợp tác xã", "huyen", 3, 3, 100000),
                ("Đăng ký thay đổi tên, địa chỉ trụ sở chính của hợp tác xã", "huyen", 3, 3, 50000),
            ],
            "Đầu tư tại Việt Nam": [
                ("Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", "tinh", 2, 35, None),
                (
                    "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
                    "tinh",
                    3,
                    15,
                    None,
                ),
                ("Điều chỉnh dự án đầu tư", "tinh", 3, 15, None),
            ],
        },
    ),
    (
        "Công Thương",
        "sct",
        {
            "Lưu thông hàng hóa trong nước": [
                ("Cấp Giấy phép bán lẻ sản phẩm rượu", "huyen", 4, 10, 1100000),
                ("Cấp Giấy phép bán lẻ sản phẩm thuốc lá", "huyen", 4, 15, 1100000),
                ("Cấp Giấy phép bán buôn sản phẩm rượu", "tinh", 4, 15, 2200000),
                ("Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "tinh", 4, 15, 1200000),
                ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh khí tại trạm nạp", "tinh", 3, 15, 1200000),
            ],
            "An toàn thực phẩm": [
                (
                    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm do Sở Công Thương quản lý",
                    "tinh",
                    4,
                    20,
                    1000000,
                ),
            ],
            "Điện": [
                ("Cấp giấy phép hoạt động phân phối điện đến cấp điện áp 35 kV", "tinh", 3, 15, 800000),
                ("Cấp thẻ kiểm tra viên điện lực", "tinh", 3, 5, None),
            ],
        },
    ),
    (
        "Giao thông vận tải",
        "sgtvt",
        {
            "Đường bộ": [
                ("Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp", "tinh", 4, 5, 135000),
                ("Cấp lại giấy phép lái xe", "tinh", 4, 10, 135000),
                ("Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", "tinh", 4, 5, 200000),
                ("Cấp phù hiệu xe ô tô kinh doanh vận tải", "tinh", 4, 2, None),
                ("Cấp giấy phép thi công công trình trên đường bộ đang khai thác", "tinh", 3, 7, None),
                (
                    "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ",
                    "tinh",
                    4,
                    2,
                    None,
                ),
            ],
            "Đường thủy nội địa": [
                ("Đăng ký phương tiện thủy nội địa lần đầu", "tinh;huyen", 3, 3, 70000),
                ("Đăng ký lại phương tiện thủy nội địa", "tinh;huyen", 3, 3, 70000),
                ("Xóa Giấy chứng nhận đăng ký phương tiện thủy nội địa", "tinh;huyen", 3, 3, None),
            ],
        },
    ),
    (
        "Giáo dục và Đào tạo",
        "sgddt",
        {
            "Giáo dục trung học": [
                ("Chuyển trường đối với học sinh trung học cơ sở", "huyen", 3, 3, None),
                ("Chuyển trường đối với học sinh trung học phổ thông", "tinh", 3, 3, None),
                ("Xét tuyển học sinh vào trường phổ thông dân tộc nội trú", "tinh", 2, 15, None),
            ],
            "Văn bằng, chứng chỉ": [
                ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "tinh;huyen", 4, 1, 10000),
                ("Chỉnh sửa nội dung văn bằng, chứng chỉ", "tinh;huyen", 3, 5, None),
                (
                    "Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở nước ngoài cấp",
                    "tinh",
                    3,
                    20,
                    None,
                ),
            ],
            "Giáo dục mầm non": [
                ("Cho phép thành lập nhà trường, nhà trẻ tư thục", "huyen", 2, 20, None),
                ("Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục", "xa", 2, 20, None),
            ],
            "Giáo dục thường xuyên": [
                ("Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "tinh", 3, 20, None),
            ],
        },
    ),
    (
        "Y tế",
        "syt",
        {
            "Khám bệnh, chữa bệnh": [
                ("Cấp giấy phép hành nghề khám bệnh, chữa bệnh", "tinh", 4, 20, 360000),
                ("Cấp giấy phép hoạt động đối với phòng khám đa khoa", "tinh", 3, 60, 5700000),
                ("Cấp giấy phép hoạt động đối với phòng khám chuyên khoa", "tinh", 3, 60, 4300000),
                (
                    "Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh bị mất hoặc hư hỏng",
                    "tinh",
                    4,
                    10,
                    150000,
                ),
            ],
            "Dược phẩm": [
                ("Cấp Chứng chỉ hành nghề dược", "tinh", 4, 20, 500000),
                (
                    "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc",
                    "tinh",
                    3,
                    30,
                    1000000,
                ),
            ],
            "An toàn thực phẩm và dinh dưỡng": [
                (
                    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
                    "tinh;huyen",
                    4,
                    20,
                    700000,
                ),
                (
                    "Đăng ký bản công bố sản phẩm nhập khẩu đối với thực phẩm dinh dưỡng y học",
                    "tinh",
                    4,
                    7,
                    1500000,
                ),
            ],
        },
    ),
    (
        "Lao động - Thương binh và Xã hội",
        "sldtbxh",
        {
            "Việc làm": [
                (
                    "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
                    "tinh",
                    4,
                    5,
                    600000,
                ),
                ("Giải quyết hưởng trợ cấp thất nghiệp", "tinh", 3, 20, None),
                ("Đăng ký nội quy lao động", "tinh", 3, 7, None),
            ],
            "Bảo trợ xã hội": [
                (
                    "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng",
                    "xa;huyen",
                    3,
                    22,
                    None,
                ),
                ("Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "xa;huyen", 3, 5, None),
                ("Cấp giấy xác nhận khuyết tật", "xa", 3, 20, None),
                ("Đổi, cấp lại giấy xác nhận khuyết tật", "xa", 3, 5, None),
                ("Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "xa", 2, 10, None),
                (
                    "Xác nhận hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình",
                    "xa",
                    2,
                    10,
                    None,
                ),
            ],
            "Người có công": [
                ("Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "huyen", 2, 12, None),
                (
                    "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ",
                    "tinh",
                    2,
                    5,
                    None,
                ),
                (
                    "Giải quyết chế độ ưu đãi đối với người hoạt động kháng chiến bị nhiễm chất độc hóa học",
                    "tinh",
                    2,
                    30,
                    None,
                ),
            ],
        },
    ),
    (
        "Nông nghiệp và Phát triển nông thôn",
        "snnptnt",
        {
            "Thủy sản": [
                ("Cấp văn bản chấp thuận khai thác thủy sản", "tinh", 3, 5, None),
                ("Đăng ký tàu cá", "tinh", 3, 3, 70000),
                ("Cấp, cấp lại giấy phép khai thác thủy sản", "tinh", 3, 6, 40000),
            ],
            "Thú y": [
                (
                    "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
                    "tinh",
                    3,
                    1,
                    40000,
                ),
                ("Cấp chứng chỉ hành nghề thú y", "tinh", 3, 5, 100000),
            ],
            "Quản lý chất lượng nông lâm sản và thủy sản": [
                (
                    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông lâm thủy sản",
                    "tinh",
                    4,
                    15,
                    700000,
                ),
            ],
            "Trồng trọt": [
                ("Cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón", "tinh", 3, 20, 500000),
            ],
        },
    ),
    (
        "Văn hóa, Thể thao và Du lịch",
        "svhttdl",
        {
            "Văn hóa cơ sở": [
                ("Thủ tục đăng ký tổ chức lễ hội cấp tỉnh", "tinh", 2, 20, None),
                ("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "huyen", 4, 5, 4000000),
                ("Xét tặng danh hiệu Gia đình văn hóa hằng năm", "xa", 2, 5, None),
                ("Công nhận lần đầu Ấp văn hóa, Khu phố văn hóa", "huyen", 2, 30, None),
            ],
            "Lữ hành": [
                ("Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", "tinh", 4, 10, 3000000),
                ("Cấp thẻ hướng dẫn viên du lịch tại điểm", "tinh", 4, 10, 200000),
                (
                    "Cấp đổi thẻ hướng dẫn viên du lịch quốc tế, thẻ hướng dẫn viên du lịch nội địa",
                    "tinh",
                    4,
                    10,
                    650000,
                ),
            ],
            "Thể dục thể thao": [
                ("Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "tinh", 3, 7, None),
            ],
        },
    ),
    (
        "Thông tin và Truyền thông",
        "stttt",
        {
            "Xuất bản, In và Phát hành": [
                ("Cấp giấy phép xuất bản bản tin", "tinh", 3, 10, None),
                ("Cấp giấy phép hoạt động in", "tinh", 3, 7, None),
                ("Đăng ký hoạt động cơ sở in", "tinh", 4, 5, None),
                ("Cấp giấy phép xuất bản tài liệu không kinh doanh", "tinh", 3, 10, None),
            ],
            "Phát thanh, truyền hình và thông tin điện tử": [
                ("Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", "tinh", 3, 10, None),
                (
                    "Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
                    "huyen",
                    4,
                    5,
                    200000,
                ),
            ],
        },
    ),
    (
        "Nội vụ",
        "snv",
        {
            "Tổ chức phi chính phủ": [
                ("Công nhận ban vận động thành lập hội", "tinh", 2, 30, None),
                ("Thành lập hội", "tinh", 2, 30, None),
                ("Phê duyệt điều lệ hội", "tinh", 2, 30, None),
                ("Thông báo tổ chức quyên góp", "xa", 2, 5, None),
            ],
            "Tín ngưỡng, tôn giáo": [
                ("Đăng ký hoạt động tín ngưỡng", "xa", 2, 15, None),
                ("Đăng ký bổ sung hoạt động tín ngưỡng", "xa", 2, 15, None),
                ("Thông báo tổ chức lễ hội tín ngưỡng", "xa", 2, 5, None),
            ],
            "Thi đua, khen thưởng": [
                ("Tặng danh hiệu Lao động tiên tiến", "xa;huyen", 1, 20, None),
                (
                    "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất",
                    "xa",
                    1,
                    5,
                    None,
                ),
            ],
        },
    ),
]

STANDARD_DOCUMENTS = {
    "default": [
        ("Tờ khai / đơn đề nghị theo mẫu", 1, 0, True),
        ("Giấy tờ tùy thân của người nộp hồ sơ (căn cước công dân hoặc hộ chiếu)", 0, 1, True),
        ("Văn bản ủy quyền (nếu nộp thay)", 1, 0, False),
    ],
    "Hộ tịch": [
        ("Tờ khai đăng ký hộ tịch theo mẫu", 1, 0, True),
        ("Giấy chứng sinh hoặc văn bản của người làm chứng", 1, 0, True),
        ("Giấy tờ tùy thân của người yêu cầu", 0, 1, True),
    ],
    "Hoạt động xây dựng": [
        ("Đơn đề nghị cấp giấy phép xây dựng theo mẫu", 1, 0, True),
        ("Giấy tờ chứng minh quyền sử dụng đất", 0, 1, True),
        ("Bản vẽ thiết kế xây dựng", 2, 0, True),
    ],
    "Thành lập và hoạt động của doanh nghiệp": [
        ("Giấy đề nghị đăng ký doanh nghiệp", 1, 0, True),
        ("Điều lệ công ty", 1, 0, True),
        ("Danh sách thành viên hoặc cổ đông sáng lập", 1, 0, True),
        ("Giấy tờ pháp lý của cá nhân là thành viên", 0, 1, True),
    ],
}

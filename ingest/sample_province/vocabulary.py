"""Vietnamese words and phrases of the sample province: people, businesses, texts people write on the platform.

Ordinary texts here never speak of diseases: only the planted disease-claim listings do (DISEASE_CLAIMS), so a
flag on such words in ordinary data would be a false positive.
"""

PROVINCE_NAME = "Tỉnh Lâm Đồng"
PROVINCE_SHORT = "Lâm Đồng"
PROVINCE_CODE = "68"  # 2025 code (Lâm Đồng merged with Đắk Nông and Bình Thuận)
LEGACY_PROVINCES = ("Tỉnh Lâm Đồng", "Tỉnh Đắk Nông", "Tỉnh Bình Thuận")
# Tax-authority prefixes of the provinces merged into Lâm Đồng (first two digits of a tax code).
TAX_PREFIXES = ("58", "58", "58", "34", "34", "64")
# First three digits of a CCCD: province of birth registration.
CCCD_PROVINCES = ("068", "068", "068", "060", "060", "067", "001", "079", "040", "038", "036", "034", "052")

# --------------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------------

LAST_NAMES = {
    "Nguyễn": 31, "Trần": 11, "Lê": 9, "Phạm": 7, "Hoàng": 4, "Huỳnh": 4, "Phan": 4, "Võ": 4, "Vũ": 3,
    "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Hồ": 2, "Ngô": 2, "Dương": 1, "Lý": 1, "Đinh": 1, "Trương": 1, "Lâm": 1,
    "Mai": 1, "Đoàn": 1, "Hà": 1, "Cao": 0.5, "Châu": 0.5, "Lương": 0.5, "Tô": 0.5, "Tạ": 0.5, "Kiều": 0.3,
}
MIDDLE_NAMES_MALE = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình", "Ngọc",
                     "Quang", "Trọng", "Hoàng", "Anh", "Tuấn", "Gia", "Thành", "Bá")
MIDDLE_NAMES_FEMALE = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bảo", "Phương", "Hồng",
                       "Minh", "Khánh", "Thùy", "Diệu")
FIRST_NAMES_MALE = ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh", "Khoa",
                    "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài",
                    "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung", "Tuấn", "Vinh", "Việt", "Vũ", "Hoàng",
                    "Đông", "Nhân", "Phát", "Tâm", "Tín", "Khải", "Duy", "Bảo", "Hưng", "Quang")
FIRST_NAMES_FEMALE = ("Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
                      "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
                      "Quyên", "Tâm", "Thảo", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Vy", "Xuân", "Yến",
                      "Nhi", "Diệp", "Châu", "Hạnh")
EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com")

# --------------------------------------------------------------------------------------------------------
# Places used in names and texts (origins of the province's products)
# --------------------------------------------------------------------------------------------------------

PLACES = ("Đà Lạt", "Bảo Lộc", "Di Linh", "Đơn Dương", "Đức Trọng", "Lâm Hà", "Cầu Đất", "Lạc Dương", "Đạ Huoai",
          "Phan Thiết", "Hàm Thuận Nam", "Tuy Phong", "La Gi", "Gia Nghĩa", "Đắk Mil", "Đắk Song", "Krông Nô",
          "Tánh Linh", "Bắc Bình", "Đam Rông")
STREETS = ("Trần Phú", "Hùng Vương", "Nguyễn Văn Cừ", "Phan Đình Phùng", "Lê Hồng Phong", "3 Tháng 2",
           "Hai Bà Trưng", "Nguyễn Tất Thành", "Trần Hưng Đạo", "Bùi Thị Xuân", "Yersin", "Lê Lợi", "Quang Trung",
           "Nguyễn Trãi", "Phạm Văn Đồng", "Võ Thị Sáu", "Lý Thường Kiệt", "Trần Quốc Toản", "Nguyễn Du",
           "Tôn Đức Thắng", "Hoàng Văn Thụ", "Ngô Quyền", "Chu Văn An", "Lê Duẩn")
VILLAGE_NAMES = ("Phú Hòa", "Tân Lập", "Bình Thạnh", "Đông Hòa", "Xuân Sơn", "Thanh Bình", "Tân Phú", "Lộc Thành",
                 "An Bình", "Hòa Bắc", "Phước Lộc", "Tân Hà", "Liên Hiệp", "Đại Ninh", "Hiệp An", "Thuận Hòa")

# --------------------------------------------------------------------------------------------------------
# Establishments
# --------------------------------------------------------------------------------------------------------

BRANDS = ("Xanh", "Phúc An", "Minh Phát", "Thành Đạt", "Hoàng Long", "An Khang", "Phú Quý", "Tân Tiến", "Đại Phát",
          "Hưng Thịnh", "Bình An", "Kim Ngân", "Thiên Phú", "Đồng Xanh", "Hương Rừng", "Lang Biang", "Cao Nguyên",
          "Nắng Sớm", "Sương Mai", "Mây Núi", "Đất Lành", "Hạt Ngọc", "Vạn Lộc", "Tâm Việt", "Ánh Dương",
          "Mùa Vàng", "Phương Nam", "Thảo Nguyên", "Bốn Mùa", "Hồng Phát", "Trường Thịnh", "Nhật Minh",
          "Gia Bảo", "Phước Thành", "Lộc Phát", "Thịnh Vượng", "Đông Dương", "Quê Hương", "Tuấn Ngọc",
          "Hai Tâm", "Ba Thư", "Sáu Lành", "Mười Hiền")
# What an establishment of each main category makes or sells, as it appears in its name.
TRADE_WORDS = {
    "vegetables": ("rau an toàn", "rau sạch", "rau củ quả"),
    "fruit": ("trái cây", "nông sản", "bơ sáp", "dâu tây"),
    "rice_grain": ("lúa gạo", "gạo sạch", "nông sản"),
    "seafood": ("thủy sản", "hải sản", "cá nước lạnh"),
    "meat_eggs": ("chăn nuôi", "thực phẩm", "gia cầm"),
    "tea_coffee": ("cà phê", "chè", "trà", "cà phê bột"),
    "spices": ("hồ tiêu", "gia vị", "nông sản"),
    "processed_food": ("thực phẩm", "đặc sản", "mứt", "nông sản chế biến"),
    "beverages": ("đồ uống", "rượu vang", "sữa"),
    "other": ("nông sản", "hạt dinh dưỡng", "lâm sản"),
}
PRODUCTION_NAME_FORMS = (
    "Hợp tác xã {Trade} {place}", "Hợp tác xã Nông nghiệp {brand}", "Công ty TNHH {Trade} {brand}",
    "Công ty TNHH MTV {Trade} {brand}", "Công ty Cổ phần {Trade} {place}", "Cơ sở sản xuất {trade} {brand}",
    "Tổ hợp tác {trade} {place}", "Trang trại {brand}", "Cơ sở {trade} {brand}",
)
BUSINESS_NAME_FORMS = (
    "Hộ kinh doanh {person}", "Cửa hàng {trade} {brand}", "Công ty TNHH Thương mại {brand}",
    "Đại lý {trade} {brand}", "Siêu thị mini {brand}", "Cửa hàng nông sản sạch {brand}",
    "Công ty TNHH Thương mại Dịch vụ {Trade} {place}",
)
CROPS = {
    "vegetables": ("rau ăn lá", "bắp cải", "cà chua", "súp lơ", "cà rốt", "khoai tây"),
    "fruit": ("bơ", "sầu riêng", "dâu tây", "thanh long", "hồng", "chanh dây"),
    "rice_grain": ("lúa", "ngô", "đậu đỗ"),
    "tea_coffee": ("cà phê", "chè"),
    "spices": ("hồ tiêu", "ớt", "quế"),
    "other": ("mắc ca", "điều"),
    "seafood": ("cá tầm", "cá hồi vân", "tôm thẻ"),
    "meat_eggs": ("chăn nuôi gà", "chăn nuôi heo", "bò thịt"),
}

# --------------------------------------------------------------------------------------------------------
# Listings and supply–demand posts
# --------------------------------------------------------------------------------------------------------

FRESH_CATEGORIES = ("vegetables", "fruit", "seafood", "meat_eggs")
TITLE_FORMS = (
    "{P}", "{P} loại 1", "{P} - {brand}", "{P} chính gốc {place}", "{P} hàng tuyển chọn",
    "Bán {p} giá tốt", "{P} giao tận nơi", "{P} đóng gói sẵn", "{P} nhận đơn sỉ và lẻ",
)
FRESH_TITLE_FORMS = ("{P} tươi mới mỗi ngày", "{P} mới thu hoạch", "Bán {p} giá tại vườn")
QUALITY_SENTENCES = {
    "vegetables": ("Rau được trồng trong nhà màng, thu hoạch vào buổi sáng sớm.", "Sản lượng khoảng {n} tấn mỗi vụ.",
                   "Canh tác theo quy trình an toàn, cách ly phân bón đúng thời gian.",
                   "Rau củ sạch đất, phân loại kỹ trước khi giao."),
    "fruit": ("Trái chín cây, ngọt đậm, không dùng chất kích chín.",
              "Hàng tuyển chọn đều trái, không dập, không sâu.",
              "Thu hoạch đúng độ chín, giữ trọn hương vị.", "Khách có thể đến tham quan vườn tại {place}."),
    "rice_grain": ("Gạo mới xay, hạt dẻo, thơm tự nhiên.", "Hạt đều, sạch tạp chất, không pha trộn.",
                   "Phơi sấy đúng độ ẩm, bảo quản trong kho khô ráo."),
    "seafood": ("Thu hoạch trong ngày, ướp đá giữ tươi.", "Sơ chế sạch, cấp đông nhanh giữ độ tươi.",
                "Hàng tươi, thịt chắc, không ngâm hóa chất."),
    "meat_eggs": ("Vật nuôi thả vườn, ăn thức ăn tự phối trộn.", "Nguồn gốc rõ ràng, có giấy chứng nhận kiểm dịch.",
                  "Đóng gói sạch sẽ, bảo quản mát đến khi giao."),
    "tea_coffee": ("Nguyên liệu chọn lọc từ vùng trồng trên cao nguyên.", "Chế biến và đóng gói tại xưởng của cơ sở.",
                   "Bảo quản kín, giữ trọn hương thơm tự nhiên."),
    "spices": ("Hạt chắc, phơi khô đạt độ ẩm chuẩn.", "Sàng lọc sạch tạp chất, đóng bao kín.",
               "Hương thơm nồng, cay tự nhiên."),
    "processed_food": ("Sản xuất thủ công theo công thức gia truyền.", "Không dùng chất bảo quản, có nhãn mác đầy đủ.",
                       "Nguyên liệu lấy từ vùng trồng của cơ sở."),
    "beverages": ("Đóng chai tại xưởng, có công bố chất lượng.", "Nguyên liệu tươi, chế biến trong ngày.",
                  "Hương vị đặc trưng của cao nguyên."),
    "other": ("Hàng chọn lọc, sấy khô đều, không tẩm đường.", "Thu hái tại vườn của hợp tác xã.",
              "Đóng gói hút chân không, bảo quản được lâu."),
}
SERVICE_SENTENCES = (
    "Giao hàng toàn tỉnh Lâm Đồng và các tỉnh lân cận.", "Nhận đơn sỉ, số lượng lớn có giá ưu đãi.",
    "Giao hàng trong ngày tại {place}.", "Đổi trả nếu hàng không đúng mô tả.", "Có xuất hóa đơn cho đại lý.",
    "Khách có thể đến xem hàng tại {place}.", "Hàng có sẵn tại kho {place}.",
    "Đóng thùng cẩn thận khi gửi xe đi tỉnh.", "Nhận đặt hàng trước {n} ngày cho đơn lớn.",
)
INTRO_SENTENCES = {
    "production": ("{name} cung cấp {p} chất lượng cao.", "{name} chuyên sản xuất và phân phối {p}.",
                   "{P} của {name} được nhiều khách hàng tin dùng.", "{name} bán {p} với giá tận gốc.",
                   "{P} do {name} sản xuất tại {place}, giao tận tay người mua."),
    "business": ("{name} phân phối {p} chất lượng cao.", "{name} chuyên cung cấp {p} cho cửa hàng và bếp ăn.",
                 "{P} tại {name} được nhiều khách hàng tin dùng.", "{name} bán {p} giá tốt mỗi ngày.",
                 "{name} nhập {p} trực tiếp từ nhà vườn {place}."),
}
CERTIFICATE_SENTENCES = {
    "food_safety": "Cơ sở có giấy chứng nhận đủ điều kiện an toàn thực phẩm{number}.",
    "vietgap": "Sản phẩm đạt chứng nhận VietGAP{number}.",
    "ocop": "Sản phẩm OCOP {stars} sao{number}.",
    "organic": "Sản phẩm được chứng nhận hữu cơ{number}.",
}
SUPPLY_TITLE_FORMS = ("Cung cấp {q} {u} {p}", "Cần bán {q} {u} {p}", "Có sẵn {q} {u} {p} giao ngay")
DEMAND_TITLE_FORMS = ("Cần mua {q} {u} {p}", "Thu mua {p} số lượng {q} {u}", "Tìm nguồn cung {p} ổn định")
SUPPLY_TEXTS = ("Hàng có sẵn, giao tại {place}. Liên hệ qua tin nhắn trên hệ thống.",
                "Nhận đặt trước cho vụ tới, giảm giá theo số lượng.",
                "Cơ sở cung cấp ổn định hằng tháng, có hợp đồng bao tiêu.")
DEMAND_TEXTS = ("Cần nguồn hàng ổn định giao về {place}, thanh toán ngay khi nhận.",
                "Ưu tiên cơ sở có chứng nhận VietGAP hoặc OCOP.",
                "Thu mua lâu dài cho chuỗi cửa hàng, giá theo thị trường.")

# --------------------------------------------------------------------------------------------------------
# Reviews, comments, questions and answers
# --------------------------------------------------------------------------------------------------------

REVIEW_PHRASES = {
    5: ("Hàng rất tươi, đóng gói cẩn thận.", "Chất lượng tuyệt vời, sẽ ủng hộ tiếp.", "Sản phẩm ngon, giá hợp lý.",
        "Đúng như mô tả, giao hàng nhanh.", "Shop tư vấn nhiệt tình, hàng đẹp.", "Cả nhà mình đều thích.",
        "Mua lần thứ ba rồi, lần nào cũng hài lòng.", "Hàng chuẩn, đáng đồng tiền."),
    4: ("Hàng ổn, giao hơi chậm một chút.", "Chất lượng tốt, đóng gói có thể kỹ hơn.", "Khá ngon, giá hơi cao.",
        "Hàng đẹp, có vài quả hơi nhỏ.", "Nhìn chung hài lòng."),
    3: ("Tạm được, không xuất sắc.", "Chất lượng trung bình so với giá.", "Hàng giao đủ nhưng không đều.",
        "Vị bình thường, chưa như kỳ vọng."),
    2: ("Không giống hình lắm.", "Giao chậm, hàng bị dập vài chỗ.", "Chất lượng giảm so với lần trước."),
    1: ("Hàng kém chất lượng, bị hỏng nhiều.", "Giao thiếu hàng, nhắn tin không ai trả lời.",
        "Không đúng như quảng cáo, rất thất vọng."),
}
REVIEW_CLOSINGS = ("", "", "Cảm ơn shop.", "Sẽ giới thiệu cho bạn bè.", "Mong shop cải thiện.", "Giao về {place}.")
BURST_TEMPLATES = (
    "Sản phẩm tuyệt vời, chất lượng 5 sao, mọi người nên mua nhé",
    "Hàng quá ngon, shop uy tín, giao nhanh, sẽ mua tiếp",
    "Chất lượng số một, giá rẻ bất ngờ, cả nhà ai cũng khen",
)
BURST_SUFFIXES = ("", "!", "!!", "!!!", " 👍", " ❤️", " 👍👍", ".", " nha", " ạ")
COMMENT_TEXTS = {
    "listing": ("Còn hàng không shop?", "Giá sỉ bao nhiêu vậy ạ?", "Ship về {place} mất mấy ngày?",
                "Mình đặt {n} kg nhé.", "Cho mình xin địa chỉ vườn.", "Có giao ra {place} không ạ?",
                "Hàng này để được bao lâu?", "Tuần sau còn hàng không shop?"),
    "supply_demand_post": ("Bên mình có sẵn {n} tấn, liên hệ mình nhé.", "Giá này đã bao gồm vận chuyển chưa?",
                           "Mình quan tâm, đã nhắn tin riêng.", "Cần hàng loại mấy ạ?"),
    "review": ("Cảm ơn bạn đã ủng hộ cơ sở!", "Mình cũng mua và thấy ổn.", "Bạn mua đợt nào vậy?",
               "Cơ sở xin lỗi, sẽ liên hệ đổi hàng cho bạn."),
}
QUESTIONS_AND_ANSWERS = (
    ("Sản phẩm có giấy chứng nhận an toàn thực phẩm không ạ?", "Dạ có, giấy chứng nhận đã đăng trên trang cơ sở ạ."),
    ("Hạn sử dụng của sản phẩm là bao lâu?", "Dạ hạn dùng ghi trên bao bì, thường từ 6 đến 12 tháng ạ."),
    ("Có bán sỉ cho đại lý không ạ?", "Dạ có, anh chị nhắn số lượng để cơ sở báo giá ạ."),
    ("Bảo quản như thế nào cho lâu?", "Dạ để nơi khô ráo, thoáng mát hoặc ngăn mát tủ lạnh ạ."),
    ("Có giao hàng đi tỉnh không?", "Dạ có, cơ sở gửi xe hoặc chuyển phát nhanh ạ."),
    ("Giá cho đơn một tạ là bao nhiêu?", "Dạ đơn từ một tạ được giảm giá, cơ sở sẽ nhắn báo giá ạ."),
    ("Vườn có cho khách tham quan không?", "Dạ có, anh chị báo trước một ngày giúp cơ sở ạ."),
    ("Sản phẩm có truy xuất nguồn gốc không?", "Dạ có mã QR truy xuất trên từng bao bì ạ."),
)
STAFF_ANSWERS = (
    "Sở đã ghi nhận câu hỏi và chuyển cơ sở trả lời trong 3 ngày làm việc.",
    "Thông tin chứng nhận của cơ sở được công khai tại mục hồ sơ cơ sở.",
    "Đề nghị người mua liên hệ đường dây nóng của Sở nếu phát hiện sai phạm.",
)

# --------------------------------------------------------------------------------------------------------
# Moderation, complaints, sanctions
# --------------------------------------------------------------------------------------------------------

REJECT_REASONS = {
    "establishment": ("Hồ sơ thiếu giấy phép kinh doanh", "Mã số thuế không khớp với tên cơ sở",
                      "Địa chỉ cơ sở không xác minh được"),
    "listing": ("Hình ảnh không đúng sản phẩm thực tế", "Thông tin sản phẩm không rõ nguồn gốc",
                "Nội dung quảng cáo không đúng quy định"),
    "supply_demand_post": ("Tin trùng lặp", "Thông tin liên hệ không hợp lệ", "Sai chuyên mục"),
    "review": ("Nội dung không liên quan đến sản phẩm", "Ngôn từ không phù hợp", "Đánh giá spam"),
    "comment": ("Ngôn từ không phù hợp", "Quảng cáo trái phép", "Nội dung spam"),
    "question": ("Câu hỏi trùng lặp", "Nội dung không phù hợp"),
    "answer": ("Trả lời không đúng trọng tâm", "Chứa thông tin quảng cáo"),
}
CHANGES_REASONS = {
    "establishment": ("Bổ sung giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                      "Cập nhật địa chỉ theo đơn vị hành chính mới", "Bổ sung ảnh chụp giấy đăng ký kinh doanh"),
    "listing": ("Ghi rõ đơn vị tính và giá bán", "Bổ sung hình ảnh sản phẩm", "Bổ sung thông tin nguồn gốc"),
    "supply_demand_post": ("Ghi rõ số lượng và thời gian giao hàng", "Bổ sung địa điểm giao nhận"),
}
ESCALATION_REASONS = ("Cần ý kiến lãnh đạo phòng", "Hồ sơ phức tạp, chuyển cấp trên xem xét",
                      "Liên quan nhiều đơn vị, xin ý kiến lãnh đạo Sở")
COMPLAINT_TEXTS = {
    "product_quality": ("Hàng nhận được bị hỏng, không như mô tả.", "Sản phẩm kém chất lượng so với giá bán."),
    "food_safety": ("Sau khi dùng sản phẩm cả nhà bị đau bụng.", "Sản phẩm có mùi lạ, nghi không đảm bảo vệ sinh."),
    "delivery": ("Đã thanh toán nhưng chưa nhận được hàng.", "Giao thiếu số lượng so với đơn đặt."),
    "fraud": ("Người bán nhận tiền rồi không giao hàng.", "Nghi mạo danh cơ sở khác để bán hàng."),
    "false_information": ("Thông tin chứng nhận trên tin đăng không đúng.", "Quảng cáo sai công dụng sản phẩm."),
    "price": ("Giá thanh toán cao hơn giá niêm yết.", "Bị tính thêm phí không báo trước."),
    "other": ("Người bán có thái độ không đúng mực.", "Không được hỗ trợ đổi trả."),
}
SANCTION_REASONS = {
    "fraud": "Tài khoản có dấu hiệu gian lận trong giao dịch",
    "false_information": "Đăng tin sai sự thật nhiều lần",
    "impersonation": "Mạo danh cơ sở khác",
    "spam": "Đăng tin rác, đánh giá ảo",
    "food_safety": "Vi phạm quy định an toàn thực phẩm",
    "other": "Vi phạm quy chế hoạt động của sàn",
}
DELETED_REASON = "Xóa tài khoản theo yêu cầu của chủ tài khoản"
REACTIVATED_REASON = "Hết thời hạn tạm khóa"

# --------------------------------------------------------------------------------------------------------
# Oversight: organisations, certificates, violations, incidents, policy documents
# --------------------------------------------------------------------------------------------------------

DEPARTMENTS = {
    "agriculture_environment": ("Sở Nông nghiệp và Môi trường", (
        "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi, Thú y và Thủy sản",
        "Chi cục Quản lý chất lượng nông lâm sản và thủy sản", "Văn phòng Điều phối nông thôn mới")),
    "industry_trade": ("Sở Công Thương", (
        "Phòng Quản lý thương mại", "Trung tâm Khuyến công và Xúc tiến thương mại",
        "Phòng Kỹ thuật an toàn - Môi trường")),
    "health": ("Sở Y tế", (
        "Chi cục An toàn vệ sinh thực phẩm", "Phòng Nghiệp vụ Y - Dược", "Thanh tra Sở")),
}
# Issuers of each certificate type, with the code their certificate numbers carry.
CERTIFICATE_ISSUERS = {
    "food_safety": (("Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", "SNNMT"), ("Sở Y tế tỉnh Lâm Đồng", "SYT"),
                    ("Sở Công Thương tỉnh Lâm Đồng", "SCT"),
                    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Bình Thuận", "SNNPTNT-BT"),
                    ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Đắk Nông", "SNNPTNT-ĐN")),
    "vietgap": (("Trung tâm Chứng nhận Phù hợp (QUACERT)", "01"),
                ("Công ty Cổ phần Chứng nhận và Giám định Vinacert", "13"),
                ("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3", "08")),
    "ocop": (("Ủy ban nhân dân tỉnh Lâm Đồng", "UBND-LĐ"), ("Ủy ban nhân dân tỉnh Bình Thuận", "UBND-BT"),
             ("Ủy ban nhân dân tỉnh Đắk Nông", "UBND-ĐN")),
    "organic": (("Control Union Việt Nam", "CU"), ("Công ty Cổ phần Chứng nhận và Giám định Vinacert", "VNC"),
                ("Trung tâm Chứng nhận Phù hợp (QUACERT)", "QC")),
    "planting_area_code": (("Chi cục Trồng trọt và Bảo vệ thực vật tỉnh Lâm Đồng", "TTBVTV"),),
}
# category, title, severity weights (critical, serious, minor)
VIOLATION_TYPES = {
    "establishment_conditions": ("Cơ sở không bảo đảm điều kiện an toàn thực phẩm", (0, 1, 3)),
    "hygiene": ("Vi phạm quy định về vệ sinh trong sản xuất, kinh doanh thực phẩm", (0, 2, 2)),
    "labelling": ("Ghi nhãn thực phẩm không đúng quy định", (0, 1, 4)),
    "advertising": ("Quảng cáo thực phẩm sai sự thật về công dụng", (1, 3, 0)),
    "banned_substances": ("Sử dụng chất cấm trong sản xuất thực phẩm", (1, 0, 0)),
    "expired_goods": ("Kinh doanh thực phẩm quá hạn sử dụng", (0, 3, 1)),
    "unknown_origin": ("Kinh doanh thực phẩm không rõ nguồn gốc, xuất xứ", (0, 3, 1)),
    "other": ("Vi phạm khác về an toàn thực phẩm", (0, 0, 1)),
}
INCIDENTS = (
    "Gián đoạn đăng nhập hệ thống", "Lỗi tải ảnh sản phẩm lên máy chủ", "Trang tin cung cầu phản hồi chậm",
    "Lỗi gửi tin nhắn xác thực OTP", "Lỗi đồng bộ dữ liệu với Cổng dịch vụ công", "Tấn công từ chối dịch vụ",
    "Mất kết nối cơ sở dữ liệu", "Lỗi hiển thị giá sản phẩm", "Chứng chỉ bảo mật trang web hết hạn",
    "Lỗi phân quyền tài khoản cán bộ", "Ứng dụng di động không gửi được thông báo",
)
# (title, kind, number, issuer, posting sector)
POLICY_DOCUMENTS = (
    ("Luật An toàn thực phẩm", "law", "55/2010/QH12", "Quốc hội", "health"),
    ("Luật Bảo vệ quyền lợi người tiêu dùng", "law", "19/2023/QH15", "Quốc hội", "industry_trade"),
    ("Quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm", "decree", "15/2018/NĐ-CP", "Chính phủ",
     "health"),
    ("Quy định xử phạt vi phạm hành chính về an toàn thực phẩm", "decree", "115/2018/NĐ-CP", "Chính phủ", "health"),
    ("Sửa đổi, bổ sung Nghị định 115/2018/NĐ-CP về xử phạt vi phạm hành chính về an toàn thực phẩm", "decree",
     "124/2021/NĐ-CP", "Chính phủ", "health"),
    ("Về thương mại điện tử", "decree", "52/2013/NĐ-CP", "Chính phủ", "industry_trade"),
    ("Sửa đổi, bổ sung Nghị định 52/2013/NĐ-CP về thương mại điện tử", "decree", "85/2021/NĐ-CP", "Chính phủ",
     "industry_trade"),
    ("Xử phạt vi phạm hành chính trong hoạt động thương mại, sản xuất, buôn bán hàng giả, hàng cấm và bảo vệ "
     "quyền lợi người tiêu dùng", "decree", "98/2020/NĐ-CP", "Chính phủ", "industry_trade"),
    ("Về nông nghiệp hữu cơ", "decree", "109/2018/NĐ-CP", "Chính phủ", "agriculture_environment"),
    ("Về nhãn hàng hóa", "decree", "43/2017/NĐ-CP", "Chính phủ", "industry_trade"),
    ("Sửa đổi, bổ sung Nghị định 43/2017/NĐ-CP về nhãn hàng hóa", "decree", "111/2021/NĐ-CP", "Chính phủ",
     "industry_trade"),
    ("Quy định thẩm định, chứng nhận cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản đủ điều kiện an "
     "toàn thực phẩm", "circular", "38/2018/TT-BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn",
     "agriculture_environment"),
    ("Quy định về chứng nhận VietGAP", "circular", "48/2012/TT-BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn",
     "agriculture_environment"),
    ("Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm", "decision", "148/QĐ-TTg",
     "Thủ tướng Chính phủ", "agriculture_environment"),
    ("Hướng dẫn đăng ký tài khoản cơ sở trên sàn nông sản của tỉnh", "guidance", "", "Sở Công Thương",
     "industry_trade"),
    ("Hướng dẫn cập nhật địa chỉ theo đơn vị hành chính mới từ ngày 01/7/2025", "guidance", "", "Sở Công Thương",
     "industry_trade"),
    ("Hướng dẫn khai báo giấy chứng nhận và mã số vùng trồng trên sàn", "guidance", "",
     "Sở Nông nghiệp và Môi trường", "agriculture_environment"),
    ("Thông báo tăng cường kiểm tra an toàn thực phẩm dịp Tết Nguyên đán", "notice", "", "Sở Y tế", "health"),
    ("Thông báo kế hoạch đánh giá, phân hạng sản phẩm OCOP năm 2026", "notice", "", "Sở Nông nghiệp và Môi trường",
     "agriculture_environment"),
    ("Cảnh báo quảng cáo thực phẩm có công dụng chữa bệnh trên mạng", "notice", "", "Sở Y tế", "health"),
)

# --------------------------------------------------------------------------------------------------------
# Planted anomalies only
# --------------------------------------------------------------------------------------------------------

DISEASE_CLAIMS = (
    "chữa khỏi tiểu đường", "phòng ngừa ung thư", "trị bệnh gan", "hạ huyết áp, chữa cao huyết áp",
    "chữa mất ngủ kinh niên", "đặc trị bệnh gout", "chữa viêm loét dạ dày", "điều trị sỏi thận",
    "ngăn ngừa ung thư", "chữa khỏi bệnh tim mạch", "hỗ trợ điều trị tiểu đường", "thải độc, chữa gan nhiễm mỡ",
)
DISEASE_SENTENCES = (
    "Dùng đều đặn mỗi ngày giúp {claim} chỉ sau một liệu trình.", "Sản phẩm {claim}, nhiều khách đã xác nhận.",
    "Cam kết {claim} 100%.", "Bài thuốc dân gian {claim}, an toàn tuyệt đối.",
)
DISEASE_TITLE_FORMS = ("{P} {claim}", "{P} - {claim} hiệu quả")

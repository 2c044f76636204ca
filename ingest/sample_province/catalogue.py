"""Products of the province and their prices in đồng.

Within one category and unit, ordinary prices stay within about ×2 of each other, so that a price 20 times the
category's usual one (a planted outlier) stands out while ordinary prices never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ingest.contract import UNIT_KG

MASS = ("kg", "yen", "ta", "tan")  # sold by weight: price per kg times the unit's weight
RETAIL_MASS = ("kg",)  # delicacies sold by the kilogram only
# A wholesale unit is a little cheaper per kilogram.
WHOLESALE_DISCOUNT = {"kg": 1.0, "yen": 0.97, "ta": 0.92, "tan": 0.86}
# How a listing writes the unit: the platform shows Vietnamese names (the contract accepts them as aliases).
UNIT_DISPLAY = {"kg": "kg", "yen": "yến", "ta": "tạ", "tan": "tấn", "hop": "hộp", "chai": "chai", "goi": "gói",
                "lit": "lít", "qua": "quả", "bo": "bó", "g": "g", "cai": "cái"}


@dataclass(frozen=True)
class CatalogueProduct:
    name: str
    category: str
    price: int  # đồng per kg for mass units, else per piece of the single unit
    units: tuple[str, ...]

    def unit_price(self, unit: str) -> float:
        if unit in UNIT_KG:
            return self.price * UNIT_KG[unit] * WHOLESALE_DISCOUNT.get(unit, 1.0)
        return self.price


def _p(name, category, price, units=MASS):
    return CatalogueProduct(name, category, price, units)


CATALOGUE: tuple[CatalogueProduct, ...] = (
    # vegetables: about 25,000 đ/kg
    _p("Bắp cải Đà Lạt", "vegetables", 15_000), _p("Cải thảo", "vegetables", 17_000),
    _p("Súp lơ xanh", "vegetables", 35_000), _p("Cà chua Đà Lạt", "vegetables", 22_000),
    _p("Cà rốt Đơn Dương", "vegetables", 18_000), _p("Khoai tây Đà Lạt", "vegetables", 26_000),
    _p("Xà lách thủy canh", "vegetables", 38_000), _p("Su su", "vegetables", 15_000),
    _p("Ớt chuông", "vegetables", 42_000), _p("Bó xôi", "vegetables", 36_000),
    _p("Rau cải ngọt", "vegetables", 20_000), _p("Hành tây", "vegetables", 22_000),
    # fruit: about 50,000 đ/kg
    _p("Bơ 034 Lâm Hà", "fruit", 45_000), _p("Sầu riêng Ri6 Đạ Huoai", "fruit", 80_000),
    _p("Dâu tây Đà Lạt", "fruit", 85_000, RETAIL_MASS), _p("Hồng giòn Đà Lạt", "fruit", 42_000),
    _p("Thanh long ruột đỏ Hàm Thuận Nam", "fruit", 30_000), _p("Chanh dây", "fruit", 32_000),
    _p("Chuối Laba", "fruit", 30_000), _p("Măng cụt", "fruit", 60_000), _p("Bơ sáp", "fruit", 40_000),
    _p("Mít Thái", "fruit", 32_000), _p("Xoài cát", "fruit", 48_000),
    # rice and grain: about 22,000 đ/kg
    _p("Gạo ST25", "rice_grain", 32_000), _p("Gạo thơm Cát Tiên", "rice_grain", 22_000),
    _p("Gạo nếp", "rice_grain", 26_000), _p("Gạo lứt", "rice_grain", 30_000),
    _p("Gạo tẻ thường", "rice_grain", 16_000), _p("Ngô hạt khô", "rice_grain", 14_000),
    _p("Đậu đen xanh lòng", "rice_grain", 38_000),
    # seafood: about 220,000 đ/kg
    _p("Cá tầm Đà Lạt", "seafood", 220_000), _p("Cá hồi vân", "seafood", 290_000),
    _p("Mực ống Phan Thiết", "seafood", 260_000), _p("Tôm thẻ", "seafood", 180_000),
    _p("Cá thu", "seafood", 190_000), _p("Ghẹ xanh", "seafood", 300_000), _p("Cá ngừ", "seafood", 140_000),
    # meat: about 150,000 đ/kg; eggs per piece
    _p("Thịt heo đen", "meat_eggs", 140_000), _p("Thịt bò", "meat_eggs", 260_000),
    _p("Gà thả vườn", "meat_eggs", 130_000), _p("Thịt dê", "meat_eggs", 240_000),
    _p("Vịt cỏ", "meat_eggs", 95_000),
    _p("Trứng gà ta", "meat_eggs", 4_500, ("qua",)), _p("Trứng vịt", "meat_eggs", 3_800, ("qua",)),
    _p("Trứng gà công nghiệp", "meat_eggs", 3_000, ("qua",)),
    # tea and coffee: about 180,000 đ/kg; boxes and packs
    _p("Cà phê nhân Robusta Di Linh", "tea_coffee", 120_000), _p("Cà phê Arabica Cầu Đất", "tea_coffee", 170_000),
    _p("Cà phê rang xay", "tea_coffee", 230_000, RETAIL_MASS),
    _p("Trà ô long Bảo Lộc", "tea_coffee", 290_000, RETAIL_MASS),
    _p("Trà xanh Bảo Lộc", "tea_coffee", 180_000, RETAIL_MASS),
    _p("Trà túi lọc atiso", "tea_coffee", 65_000, ("hop",)),
    _p("Trà ô long hộp 200 g", "tea_coffee", 140_000, ("hop",)),
    _p("Cà phê hạt rang hộp 500 g", "tea_coffee", 110_000, ("hop",)),
    _p("Cà phê bột gói 500 g", "tea_coffee", 115_000, ("goi",)),
    _p("Trà xanh gói 200 g", "tea_coffee", 80_000, ("goi",)),
    # spices: about 140,000 đ/kg
    _p("Hồ tiêu đen Đắk Song", "spices", 150_000), _p("Tiêu đỏ", "spices", 260_000, RETAIL_MASS),
    _p("Ớt khô", "spices", 100_000),
    _p("Quế vỏ khô", "spices", 95_000), _p("Hạt mắc khén", "spices", 180_000, RETAIL_MASS),
    # processed food: boxes, bottles, packs, a few by the kilogram
    _p("Mứt dâu Đà Lạt", "processed_food", 90_000, ("hop",)), _p("Hồng treo gió", "processed_food", 170_000, ("hop",)),
    _p("Tỏi đen", "processed_food", 180_000, ("hop",)),
    _p("Hạt mắc ca sấy hộp 500 g", "processed_food", 150_000, ("hop",)),
    _p("Mật ong hoa cà phê", "processed_food", 150_000, ("chai",)),
    _p("Nước mắm Phan Thiết", "processed_food", 75_000, ("chai",)),
    _p("Tương ớt", "processed_food", 45_000, ("chai",)),
    _p("Chuối sấy", "processed_food", 45_000, ("goi",)), _p("Khoai lang sấy", "processed_food", 50_000, ("goi",)),
    _p("Bánh tráng mè", "processed_food", 30_000, ("goi",)),
    _p("Mực một nắng", "processed_food", 550_000, RETAIL_MASS),
    _p("Khô cá dứa", "processed_food", 420_000, RETAIL_MASS),
    # beverages: bottles and litres
    _p("Rượu vang Đà Lạt", "beverages", 120_000, ("chai",)),
    _p("Sữa tươi Đà Lạt chai 1 lít", "beverages", 42_000, ("chai",)),
    _p("Siro dâu", "beverages", 70_000, ("chai",)), _p("Nước ép chanh dây", "beverages", 38_000, ("chai",)),
    _p("Sữa tươi thanh trùng", "beverages", 36_000, ("lit",)), _p("Nước ép dâu tằm", "beverages", 55_000, ("lit",)),
    # other: nuts and dried mushrooms, about 300,000 đ/kg
    _p("Hạt mắc ca", "other", 280_000, RETAIL_MASS), _p("Hạt điều rang", "other", 250_000, RETAIL_MASS),
    _p("Nấm hương khô", "other", 360_000, RETAIL_MASS), _p("Hạt dẻ rừng", "other", 220_000, RETAIL_MASS),
)

BY_CATEGORY: dict[str, tuple[CatalogueProduct, ...]] = {}
for _product in CATALOGUE:
    BY_CATEGORY[_product.category] = BY_CATEGORY.get(_product.category, ()) + (_product,)


def _usual_prices() -> dict[tuple[str, str], float]:
    """The usual price of each (category, unit): the median over the catalogue's products sold in that unit."""
    prices: dict[tuple[str, str], list[float]] = {}
    for product in CATALOGUE:
        for unit in product.units:
            prices.setdefault((product.category, unit), []).append(product.unit_price(unit))
    return {key: median(values) for key, values in prices.items()}


USUAL_PRICE = _usual_prices()


def round_price(value: float) -> int:
    """Prices people write: to the thousand đồng, to the hundred below 10,000 đ."""
    step = 100 if value < 10_000 else 1_000
    return max(step, int(round(value / step)) * step)

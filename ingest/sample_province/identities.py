"""People and their identifiers: Vietnamese names, mobile numbers, e-mail addresses, CCCD and tax codes.

Every identifier handed out is unique (a shared phone is planted on purpose elsewhere, never by chance).
Faker's vi_VN names are not used: it writes the given name first ("Hạnh Trần"), not the Vietnamese order.
"""

from __future__ import annotations

import random

from .addresses import fold
from .vocabulary import (CCCD_PROVINCES, EMAIL_DOMAINS, FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES,
                         MIDDLE_NAMES_FEMALE, MIDDLE_NAMES_MALE, TAX_PREFIXES)

MOBILE_PREFIXES = ("90", "91", "93", "94", "96", "97", "98")  # after the leading 0: 090…, 091…
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def spell_phone(number: str, international: bool) -> str:
    """A 9-digit national number (without the leading 0) as `0912 345 678` or `+84 912 345 678`."""
    body = f"{number[:3]} {number[3:6]} {number[6:]}"
    return f"+84 {body}" if international else f"0{body}"


def tax_check_digit(first9: str) -> int | None:
    """The tenth digit of a Vietnamese tax code, or None when the first nine digits admit none."""
    remainder = sum(int(d) * w for d, w in zip(first9, TAX_WEIGHTS)) % 11
    return None if remainder == 0 else 10 - remainder


class Identities:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self._used: set[str] = set()
        self._last_names = list(LAST_NAMES)
        self._last_weights = list(LAST_NAMES.values())

    def _unique(self, make) -> str:
        while True:
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value

    def person(self) -> tuple[str, bool]:
        """(full name, is_female)."""
        rng = self.rng
        female = rng.random() < 0.5
        last = rng.choices(self._last_names, self._last_weights)[0]
        middle = rng.choice(MIDDLE_NAMES_FEMALE if female else MIDDLE_NAMES_MALE)
        first = rng.choice(FIRST_NAMES_FEMALE if female else FIRST_NAMES_MALE)
        return f"{last} {middle} {first}", female

    def phone_number(self) -> str:
        """A new national mobile number, 9 digits without the leading 0."""
        rng = self.rng
        return self._unique(lambda: rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10_000_000):07d}")

    def phone(self, number: str | None = None) -> str:
        """A phone as a person writes it: a new number unless one is given, in either spelling."""
        return spell_phone(number or self.phone_number(), self.rng.random() < 0.35)

    def email(self, full_name: str, domain: str | None = None) -> str:
        rng = self.rng
        parts = fold(full_name).lower().split()
        initials = "".join(p[0] for p in parts[:-1])
        local = rng.choice(("".join(parts), parts[-1] + initials, f"{parts[-1]}.{parts[0]}"))
        domain = domain or rng.choice(EMAIL_DOMAINS)
        return self._unique(lambda: f"{local}{rng.choice(('', str(rng.randint(1, 99)), str(rng.randint(1970, 2006))))}"
                                    f"@{domain}")

    def citizen_id(self, female: bool) -> str:
        """CCCD: province of birth (3 digits), century and sex, year of birth (2), then 6 digits."""
        rng = self.rng
        year = rng.randint(1955, 2006)
        century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
        return self._unique(lambda: f"{rng.choice(CCCD_PROVINCES)}{century_sex}{year % 100:02d}"
                                    f"{rng.randrange(1_000_000):06d}")

    def tax_code(self, branch: bool = False) -> str:
        """A valid 10-digit tax code (check digit included), or a 13-digit branch code."""
        rng = self.rng

        def make() -> str:
            while True:
                first9 = rng.choice(TAX_PREFIXES) + f"{rng.randrange(10_000_000):07d}"
                check = tax_check_digit(first9)
                if check is not None:
                    code = first9 + str(check)
                    return code + f"{rng.randint(1, 30):03d}" if branch else code

        return self._unique(make)

"""Who the members are: names, contact details and birthdays (realistic PII, vectorized)."""

from __future__ import annotations

import numpy as np

from wecheer.generator import rng

_FIRST = np.array(
    ["Wei", "Mei", "Jun", "Hui", "Xin", "Ling", "Kai", "Jia", "Hao", "Yan", "Siti", "Nur",
     "Ahmad", "Priya", "Arjun", "Maria", "Jose", "Anna", "Chloe", "Ethan", "Grace", "Ryan",
     "Sophie", "Daniel", "Emily", "Lucas", "Hana", "Yuki", "Min", "Ji-woo"]
)  # fmt: skip
_LAST = np.array(
    ["Chan", "Wong", "Lee", "Tan", "Lim", "Ng", "Cheung", "Lau", "Ho", "Leung", "Goh", "Teo",
     "Santos", "Reyes", "Cruz", "Nguyen", "Tran", "Kumar", "Singh", "Abdullah", "Rahman",
     "Kim", "Park", "Sato", "Suzuki", "Smith", "Brown", "Garcia", "Lopez", "Chua"]
)  # fmt: skip
_CITIES = np.array(
    ["Hong Kong", "Kowloon", "Singapore", "Kuala Lumpur", "Penang", "Bangkok", "Manila",
     "Taipei", "Jakarta", "Ho Chi Minh City", "Macau", "Shenzhen"]
)  # fmt: skip
_COUNTRIES = np.array(
    ["HK", "HK", "SG", "MY", "MY", "TH", "PH", "TW", "ID", "VN", "MO", "CN"]
)  # fmt: skip
_DIAL = np.array(
    ["+852", "+852", "+65", "+60", "+60", "+66", "+63", "+886", "+62", "+84", "+853", "+86"]
)  # fmt: skip
_DOMAINS = np.array(["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com"])


def birthday_parts(uk: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) of each user's birthday (day <= 28: no leap-day trouble)."""
    year = rng.integers(uk, 40, 1955, 2007)
    month = rng.integers(uk, 41, 1, 12)
    day = rng.integers(uk, 42, 1, 28)
    return year, month, day


def user_traits(seed: int, user_index: np.ndarray) -> dict[str, np.ndarray]:
    """Realistic PII for consumers (vectorized over numpy string arrays)."""
    uk = rng.hash_keys(seed, 10, user_index)
    first = _FIRST[rng.integers(uk, 43, 0, _FIRST.size - 1)]
    last = _LAST[rng.integers(uk, 44, 0, _LAST.size - 1)]
    city_index = rng.integers(uk, 45, 0, _CITIES.size - 1)
    number = rng.integers(uk, 46, 1, 999)
    email = np.char.add(
        np.char.add(np.char.add(np.char.lower(first), "."), np.char.lower(last)),
        np.char.add(np.char.add(number.astype(str), "@"), _DOMAINS[rng.integers(uk, 47, 0, 4)]),
    )
    email = np.char.replace(email, "-", "")
    phone = np.char.add(
        np.char.add(_DIAL[city_index], " "),
        rng.integers(uk, 48, 20_000_000, 99_999_999).astype(str),
    )
    year, month, day = birthday_parts(uk)
    birthday = (
        (year - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (month - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
    return {
        "email": email,
        "phone": phone,
        "first_name": first,
        "last_name": last,
        "birthday": birthday,
        "city": _CITIES[city_index],
        "country": _COUNTRIES[city_index],
    }

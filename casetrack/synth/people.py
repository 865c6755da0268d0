"""Synthetic people and identifiers: Cyrillic names with the Latin spellings passports and
registries produce, companies' words, valid IBANs and VINs.
"""

from __future__ import annotations

import random
import string

from casetrack import names

#: (Cyrillic surname (male), given names (male), given names (female), country)
_SURNAMES = {
    "KZ": ["Ахметов", "Абенов", "Жумабаев", "Сейткали", "Нурланов", "Касымов", "Бекмуханов",
           "Тулегенов", "Омаров", "Жаксылыков", "Искаков", "Мухамедиев", "Сарсенбаев"],
    "UZ": ["Ходжаев", "Юсупов", "Каримов", "Рахимов", "Усманов", "Турсунов", "Мирзаев",
           "Исмоилов", "Эргашев", "Холматов", "Шукуров", "Джураев"],
    "KG": ["Жапаров", "Токтогулов", "Осмонов", "Абдыкадыров", "Асанов", "Бакиров", "Шаршенов"],
    "TJ": ["Рахмонов", "Назаров", "Сафаров", "Шарипов", "Давлатов", "Хайдаров"],
    "AZ": ["Алиев", "Мамедов", "Гасанов", "Гусейнов", "Исмаилов", "Бабаев", "Керимов"],
    "TM": ["Бердыев", "Овезов", "Аманов", "Чарыев", "Мурадов"],
    "AM": ["Петросян", "Саркисян", "Григорян", "Арутюнян", "Оганесян"],
    "GE": ["Беридзе", "Капанадзе", "Гелашвили", "Мамедашвили", "Хуцишвили", "Лобжанидзе"],
}  # fmt: skip


_MALE = ["Тимур", "Нурлан", "Ерлан", "Бахтиёр", "Шерзод", "Рустам", "Алишер", "Даниияр",
         "Азамат", "Фарид", "Эльчин", "Арман", "Георгий", "Давид", "Рашид", "Максим", "Сергей",
         "Александр", "Юсуф", "Жасур", "Ильхам", "Бекзод", "Мурат", "Самвел", "Гурам"]  # fmt: skip


_FEMALE = ["Айгерим", "Дильноза", "Нино", "Гульнара", "Малика", "Асель", "Зарина", "Лейла",
           "Ануш", "Тамара", "Екатерина", "Юлия", "Сабина", "Мадина", "Нигора"]  # fmt: skip


_FATHERS = ["Рашид", "Алишер", "Рустам", "Нурлан", "Ерлан", "Бахтияр", "Марат", "Сергей",
            "Тимур", "Ильхам", "Фарид", "Азат", "Камал", "Джамал", "Георгий"]  # fmt: skip


_COMPANY_WORDS = ["Степь", "Шёлковый путь", "Каспий", "Тянь-Шань", "Арал", "Памир", "Алатау",
                  "Самарканд", "Мост", "Восток", "Золотая Орда", "Бирлик", "Ынтымак",
                  "Азия Логистик", "Транзит", "Кристалл", "Гранит", "Альянс"]  # fmt: skip


_COMPANY_TAILS = ["Трейд", "Групп", "Инвест", "Строй", "Экспорт", "Логистик", "Финанс"]


_FORMS = {
    "KZ": ("ТОО", "LLP"),
    "UZ": ("ООО", "MChJ"),
    "KG": ("ОсОО", "LLC"),
    "TJ": ("ООО", "LLC"),
    "AZ": ("ООО", "MMC"),
    "TM": ("ХО", "LLC"),
    "AM": ("ООО", "LLC"),
    "GE": ("ООО", "LLC"),
}


#: Letters the region's Latin spellings of one Cyrillic name disagree on.
_VARIANTS = [
    ("yev", "ev"),
    ("yev", "iev"),
    ("kh", "x"),
    ("kh", "h"),
    ("yu", "iu"),
    ("zh", "j"),
    ("dzh", "j"),
    ("ch", "tch"),
    ("ya", "ia"),
]


_GEORGIAN = str.maketrans(
    {"а": "ა", "б": "ბ", "в": "ვ", "г": "გ", "д": "დ", "е": "ე", "ж": "ჟ", "з": "ზ", "и": "ი",
     "к": "კ", "л": "ლ", "м": "მ", "н": "ნ", "о": "ო", "п": "პ", "р": "რ", "с": "ს", "т": "ტ",
     "у": "უ", "ф": "ფ", "х": "ხ", "ц": "ც", "ч": "ჩ", "ш": "შ", "щ": "შ", "ы": "ი", "э": "ე",
     "ю": "იუ", "я": "ია", "й": "ი", "ь": "", "ъ": ""}
)  # fmt: skip


#: Syllables of the region's surnames, so that a large register has thousands of them.
_SYLLABLES = {
    "KZ": (["Ахмет", "Абен", "Жума", "Сейт", "Нур", "Касым", "Бек", "Туле", "Омар", "Жаксы",
            "Искак", "Сар", "Ер", "Кара", "Даул", "Тас", "Бай", "Жан", "Кул", "Мух"],
           ["бай", "бек", "ген", "хан", "мур", "жан", "тай", "кали", "сен", "гали", ""],
           ["ов", "ев", "ин"]),
    "UZ": (["Ходжа", "Юсуп", "Карим", "Рахим", "Усман", "Турсун", "Мирза", "Исмоил", "Эргаш",
            "Холмат", "Шукур", "Джура", "Абду", "Сади", "Назар", "Хамид"],
           ["", "ал", "бек", "жон", "кул", "али", "мурод"],
           ["ов", "ев"]),
    "KG": (["Жапар", "Токтогул", "Осмон", "Абдыкадыр", "Асан", "Бакир", "Шаршен", "Эсен",
            "Мамыт", "Сыдык"], ["", "бек", "али", "кул"], ["ов", "ев"]),
    "TJ": (["Рахмон", "Назар", "Сафар", "Шарип", "Давлат", "Хайдар", "Сангин", "Мирзо"],
           ["", "али", "зод", "бек"], ["ов", "ев"]),
    "AZ": (["Али", "Мамед", "Гасан", "Гусейн", "Исмаил", "Баба", "Керим", "Рагим", "Гаджи",
            "Вели"], ["", "заде", "бек", "ли"], ["ев", "ов"]),
    "TM": (["Берды", "Овез", "Аман", "Чары", "Мурад", "Курбан"], ["", "гулы", "мамед"],
           ["ев", "ов"]),
    "AM": (["Петрос", "Саркис", "Григор", "Арутюн", "Оганес", "Мкртч", "Акоп", "Ованес"],
           ["", "ан"], ["ян"]),
    "GE": (["Берид", "Капанад", "Гелаш", "Мамедаш", "Хуциш", "Лобжанид", "Абашид", "Чавчавад"],
           ["", "з"], ["дзе", "швили"]),
}  # fmt: skip


def surname_of(rng: random.Random, country: str) -> str:
    """Draw a surname of a country: one of the common ones, or one built from its syllables."""
    if rng.random() < 0.15:
        return rng.choice(_SURNAMES[country])
    roots, middles, ends = _SYLLABLES[country]
    return rng.choice(roots) + rng.choice(middles) + rng.choice(ends)


def female(surname: str) -> str:
    """Return the female form of a Cyrillic surname (Алиев → Алиева); others are unchanged."""
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def patronymic(father: str, is_female: bool) -> str:
    """Return a Russian-style patronymic of a father's given name."""
    stem = father[:-1] + "ь" if father.endswith("й") else father
    if stem.endswith("ь"):
        return stem[:-1] + ("евна" if is_female else "евич")
    return stem + ("овна" if is_female else "ович")


def latin_variant(rng: random.Random, text: str) -> str:
    """Write a Cyrillic name in Latin, with one of the spellings the region produces."""
    latin = names.transliterate(text)
    options = [(a, b) for a, b in _VARIANTS if a in latin.lower()]
    if options and rng.random() < 0.6:
        a, b = rng.choice(options)
        lower = latin.lower().replace(a, b, 1)
        latin = " ".join(w[:1].upper() + w[1:] for w in lower.split(" "))
    return latin


_IBAN_LENGTH = {"KZ": 20, "AZ": 28, "GE": 22, "UA": 29, "TR": 26, "PK": 24}


def iban(rng: random.Random, country: str) -> str:
    """Return a random IBAN of a country with correct check digits (ISO 13616, mod 97)."""
    length = _IBAN_LENGTH[country]
    if country == "GE":
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(2)) + "".join(
            rng.choice(string.digits) for _ in range(length - 6)
        )
    elif country in ("AZ", "PK"):
        bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(
            rng.choice(string.digits) for _ in range(length - 8)
        )
    else:
        bban = "".join(rng.choice(string.digits) for _ in range(length - 4))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


_VIN_VALUES = {**{str(d): d for d in range(10)}}
_VIN_VALUES.update(
    dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    P=7,
    R=9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
)


_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin(rng: random.Random) -> str:
    """Return a 17-character VIN with a correct check digit (ISO 3779, position 9)."""
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[8] = "0"
    total = sum(_VIN_VALUES[c] * w for c, w in zip(chars, _VIN_WEIGHTS, strict=True))
    chars[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(chars)

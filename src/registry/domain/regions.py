"""Regions of origin and coverage: ISO 3166-2 codes of Russia's federal subjects (DESIGN §4.1).

Crimea and Sevastopol are recorded as ``UA-43`` and ``UA-40``, occupied Ukrainian territory.
Names come from pycountry (English, and Russian through its translations), loaded lazily.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from registry.domain.regions_ru import NAMES_RU
from registry.memory import of_records

OCCUPIED = "occupied_ukraine"

DISTRICTS: dict[str, tuple[str, ...]] = {
    "central": ("RU-BEL", "RU-BRY", "RU-VLA", "RU-VOR", "RU-IVA", "RU-KLU", "RU-KOS", "RU-KRS",
                "RU-LIP", "RU-MOS", "RU-MOW", "RU-ORL", "RU-RYA", "RU-SMO", "RU-TAM", "RU-TVE",
                "RU-TUL", "RU-YAR"),
    "northwestern": ("RU-KR", "RU-KO", "RU-ARK", "RU-NEN", "RU-VLG", "RU-KGD", "RU-LEN",
                     "RU-SPE", "RU-MUR", "RU-NGR", "RU-PSK"),
    "southern": ("RU-AD", "RU-KL", "RU-KDA", "RU-AST", "RU-VGG", "RU-ROS"),
    "north_caucasian": ("RU-DA", "RU-IN", "RU-KB", "RU-KC", "RU-SE", "RU-CE", "RU-STA"),
    "volga": ("RU-BA", "RU-ME", "RU-MO", "RU-TA", "RU-UD", "RU-CU", "RU-PER", "RU-KIR",
              "RU-NIZ", "RU-ORE", "RU-PNZ", "RU-SAM", "RU-SAR", "RU-ULY"),
    "ural": ("RU-KGN", "RU-SVE", "RU-TYU", "RU-KHM", "RU-YAN", "RU-CHE"),
    "siberian": ("RU-AL", "RU-TY", "RU-KK", "RU-ALT", "RU-KYA", "RU-IRK", "RU-KEM", "RU-NVS",
                 "RU-OMS", "RU-TOM"),
    "far_eastern": ("RU-BU", "RU-SA", "RU-ZAB", "RU-KAM", "RU-PRI", "RU-KHA", "RU-AMU",
                    "RU-MAG", "RU-SAK", "RU-YEV", "RU-CHU"),
    OCCUPIED: ("UA-43", "UA-40"),
}

DISTRICT_OF: dict[str, str] = {code: d for d, codes in DISTRICTS.items() for code in codes}
ALL_CODES: tuple[str, ...] = tuple(DISTRICT_OF)


@dataclass(frozen=True)
class Region:
    code: str
    name_en: str
    name_ru: str
    district: str


def is_region(code: str) -> bool:
    return code in DISTRICT_OF


def district_of(code: str) -> str | None:
    return DISTRICT_OF.get(code)


@functools.cache
def regions() -> tuple[Region, ...]:
    """Every federal subject plus the two occupied Ukrainian ones, with names in both languages."""
    import pycountry

    out = []
    for code in ALL_CODES:
        sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        name = sub.name if sub is not None else code
        out.append(Region(code, name, NAMES_RU[code], DISTRICT_OF[code]))
    return tuple(out)


@of_records
@functools.cache
def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code."""
    import pycountry

    found: object = pycountry.countries.get(alpha_2=code)  # type: ignore[no-untyped-call]
    return len(code) == 2 and found is not None

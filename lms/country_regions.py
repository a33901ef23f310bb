"""Which UN M49 region (Africa, Americas, Asia, Europe, Oceania) a member's country is in, for reports by region.

django-countries knows names and codes but no regions, so the table is here, once, by ISO 3166-1 alpha-2 code, after
the UN Statistics Division's "Standard country or area codes for statistical use (M49)". A member with no country,
or one the table lacks, is "not given". `region_expression` lets a report group by region inside the database.
"""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

NOT_GIVEN = "not_given"

REGION_LABELS = {
    "africa": _("Africa"),
    "americas": _("Americas"),
    "asia": _("Asia"),
    "europe": _("Europe"),
    "oceania": _("Oceania"),
    NOT_GIVEN: _("Not given"),
}

_COUNTRIES = {
    "africa": (
        "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ "
        "GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"
    ),
    "americas": (
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA "
        "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US"
    ),
    "asia": (
        "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH "
        "CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"
    ),
    "europe": (
        "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME "
        "MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH"
    ),
    "oceania": "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV UM WF",
}
REGION_OF_COUNTRY = {code: region for region, codes in _COUNTRIES.items() for code in codes.split()}


def region_of(country_code: str) -> str:
    return REGION_OF_COUNTRY.get(str(country_code or "").upper(), NOT_GIVEN)


def region_expression(country_path: str) -> Case:
    """The region of the country at `country_path`, as a database expression (one CASE, five branches)."""
    return Case(*(When(**{f"{country_path}__in": codes.split()}, then=Value(region))
                  for region, codes in _COUNTRIES.items()), default=Value(NOT_GIVEN))



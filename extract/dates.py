"""German date and time expressions as they appear in comment headers.

Understands the forms news sites print under a comment: "Sa., 8. Januar 2022 - 18:19",
"Samstag, 8. Januar 2022, 18:19 Uhr", "8. Jan. 2022 um 18:19", "08.01.2022 18:19",
"2022-01-08 18:19". Every weekday and month name and their usual abbreviations.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from argkg.errors import ArgkgError

MONTHS = {
    "januar": 1, "jänner": 1, "jaenner": 1, "jan": 1, "jän": 1,
    "februar": 2, "feber": 2, "feb": 2, "febr": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mai": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
WEEKDAYS = (
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "mo", "di", "mi", "do", "fr", "sa", "so",
)

_WEEKDAY = r"(?:(?:{})\.?,?\s*)?".format("|".join(WEEKDAYS))
_TIME = r"(?:\s*(?:[-–—,|]|um)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:\s*Uhr)?)?"
_NAMED = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.\s*(?P<month>[A-Za-zäÄ]+)\.?\s+(?P<year>\d{{4}}){_TIME}$",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>\d{{2}}|\d{{4}}){_TIME}$",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ]\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?)?$"
)


def parse_german_datetime(text: str) -> datetime | None:
    """A naive datetime for a German date expression, or None if `text` is not one."""
    text = " ".join(text.split())
    for pattern in (_NAMED, _NUMERIC, _ISO):
        match = pattern.match(text)
        if match:
            return _build(match)
    return None


def _build(match: re.Match) -> datetime | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else MONTHS.get(month.casefold())
    year = int(match["year"])
    if year < 100:
        year += 2000
    if month_number is None:
        return None
    try:
        return datetime(
            year, month_number, int(match["day"]),
            int(match["hour"] or 0), int(match["minute"] or 0),
        )
    except ValueError:
        return None


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ArgkgError(f"unknown time zone {name!r} (use an IANA name such as Europe/Berlin)")


def localize(moment: datetime, timezone: ZoneInfo) -> datetime:
    """Attach `timezone` to a naive datetime; leave aware ones as they are."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone)

"""Publishers' names, for telling where a headline copy's suffix ends.

Syndicated copies carry their publisher after a separator: ``X | BBC News``, ``X — The
Guardian``, ``X - Kompas.com``. On its own line the suffix ends with the line; once line breaks
are lost it runs into the body, which starts with a capital too (``X - BBC News British Airways
has blamed …``), and nothing in the letters says whether the name is ``BBC``, ``BBC News`` or
``BBC News British``. A known name decides; an unknown one still ends at the first place a
sentence may start (the shortest suffix, so that the body keeps its words). The names are
compared case-insensitively, since copies also come in capitals.
"""

from __future__ import annotations

import re

#: Wires, and Indonesian and English news outlets (the names as they follow a separator).
PUBLISHER_NAMES = frozenset(
    name.casefold()
    for name in (
        # wires
        "Reuters", "AP", "Associated Press", "AFP", "Bloomberg", "UPI", "dpa", "Xinhua", "Bernama", "ANTARA",
        "ANTARA News", "Antaranews.com", "Kyodo", "Yonhap", "EFE", "Anadolu", "PTI", "IANS",
        # Indonesian outlets
        "Kompas", "Kompas.com", "KOMPAS.com", "Tempo", "Tempo.co", "detik", "detikcom", "detikNews", "detikSport",
        "detikFinance", "detikInet", "CNN Indonesia", "CNBC Indonesia", "Okezone", "Okezone.com", "Liputan6",
        "Liputan6.com", "Tribunnews", "Tribunnews.com", "Republika", "Republika.co.id", "JawaPos", "JawaPos.com",
        "Bisnis", "Bisnis.com", "Kumparan", "kumparan.com", "Merdeka.com", "Sindonews", "Sindonews.com", "Suara.com",
        "Tirto", "Tirto.id", "IDN Times", "Viva", "VIVA.co.id", "Rimanews", "Metro TV", "Metrotvnews.com",
        "The Jakarta Post", "Jakarta Globe",
        # English outlets
        "BBC", "BBC News", "BBC Sport", "CNN", "CNBC", "The Guardian", "Guardian", "The Observer", "The Independent",
        "The Times", "The Sunday Times", "The Telegraph", "Daily Telegraph", "Daily Mail", "MailOnline", "Sky News",
        "Financial Times", "FT", "The Economist", "Yahoo News", "Yahoo Finance", "Yahoo", "MSN", "Google News",
        "The New York Times", "New York Times", "The Washington Post", "Washington Post", "The Wall Street Journal",
        "Wall Street Journal", "WSJ", "USA Today", "NPR", "ABC News", "CBS News", "NBC News", "Fox News", "Al Jazeera",
        "The Hill", "Politico", "Axios", "Forbes", "Business Insider", "The Atlantic", "Time", "Newsweek",
        "Los Angeles Times", "The Straits Times", "South China Morning Post", "ABC", "SBS News", "The Age",
        "Sydney Morning Herald", "Irish Times", "The Irish Times", "Evening Standard", "Metro", "The Sun",
        "The Mirror", "Daily Express", "HuffPost", "Huffington Post", "Reuters.com", "Euronews", "DW", "France 24",
    )
)
#: The text after the last separator of a copy (``X | BBC News`` → ``BBC News``).
_AFTER_SEPARATOR = re.compile(r"(?:^|\s)[-|:/·•–—]\s*([^-|:/·•–—]+?)\s*$")


def publisher_suffix(copy: str) -> int:
    """The length of the known publisher's name that ``copy`` ends with after a separator (0 if none).

    A length, so that the longer of two known names wins: ``X | BBC News`` over ``X | BBC``.
    """
    found = _known_suffix(copy)
    return len(found.group(1)) if found is not None else 0


def without_publisher(copy: str) -> str:
    """``copy`` without the separator and known publisher's name it ends with (``X - Reuters`` → ``X``)."""
    found = _known_suffix(copy)
    return copy[: found.start()] if found is not None else copy


def _known_suffix(copy: str) -> re.Match[str] | None:
    found = _AFTER_SEPARATOR.search(copy)
    return found if found is not None and found.group(1).casefold() in PUBLISHER_NAMES else None

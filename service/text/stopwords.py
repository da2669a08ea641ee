"""Stop-word lists, from installed packages only: sumy's function-word lists, else stopwordsiso's.

sumy ships curated lists of function words for 18 languages; stopwordsiso merges many sources
for 50+ languages. Where sumy has a list it is preferred: stopwordsiso's English list (1,298
words) also drops content words that carry news ("million", "group", "computer"), and with
sumy's 580 words TextRank gains about 1 ROUGE-1 point on BBC dev (docs/EVALUATION.md).
Only the lists are read from sumy (``sumy.utils.get_stop_words``, plain files in its package);
its summarisers stay out of the service (see ``rank/sumy_reference.py``).
"""

from __future__ import annotations

import stopwordsiso
from sumy.utils import get_stop_words

#: ISO 639-1 codes of the languages sumy ships stop-word lists for, and sumy's names for them.
SUMY_STOP_WORD_LANGUAGES = {
    "ar": "arabic", "cs": "czech", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fr": "french", "he": "hebrew", "it": "italian", "ja": "japanese", "ko": "korean", "pl": "polish",
    "pt": "portuguese", "sk": "slovak", "sv": "swedish", "th": "thai", "uk": "ukrainian", "zh": "chinese",
}


def stop_word_languages() -> set[str]:
    """Codes of every language with a stop-word list."""
    return set(stopwordsiso.langs()) | set(SUMY_STOP_WORD_LANGUAGES)


def load_stop_words(code: str) -> frozenset[str]:
    """The case-folded stop words of an ISO 639-1 code (empty when no package has a list)."""
    name = SUMY_STOP_WORD_LANGUAGES.get(code)
    if name is not None:
        return frozenset(word.casefold() for word in get_stop_words(name))
    listed = stopwordsiso.stopwords(code) if code in stopwordsiso.langs() else ()
    return frozenset(word.casefold() for word in listed)

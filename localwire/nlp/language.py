"""Language identification, so non-English articles skip English-only models instead of getting wrong tags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MIN_CHARS = 40  # below this, guesses are noise


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, "" when unknown
    confidence: float


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str = "") -> Language:
    """The text decides; a page's declared language only breaks ties on very short texts."""
    sample = (text or "")[:2000]  # enough to tell languages apart; the classifier's cost grows with it
    if len(sample.strip()) < MIN_CHARS:
        return Language(declared[:2].lower(), 0.0)
    code, probability = _identifier().classify(sample)
    return Language(code, round(float(probability), 3))

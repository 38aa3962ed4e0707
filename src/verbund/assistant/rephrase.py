"""Optional: a language model puts a card's summary into plainer words.

Off by default. With ``VERBUND_ASSISTANT_REPHRASE_URL`` set to an
OpenAI-compatible chat endpoint that the operator runs (llama.cpp's server,
vLLM, Ollama's ``/v1``; no model ships with Verbund, docs/assistant.md), the
summary of an answer card is sent there — the catalogue's text only, never the
citizen's question — and the reply is shown *beside* the quoted summary,
marked as an automatic rephrasing. The catalogue's own text and its source stay
on the card.

A reply is used only when it keeps every number of the original (amounts,
ages, days, paragraph numbers) and adds none, adds no web address, and is not
much longer than the original; otherwise, and on any error or after
``VERBUND_ASSISTANT_REPHRASE_TIMEOUT`` seconds, the card is shown without it.
"""

from __future__ import annotations

import re
from collections import Counter

import httpx
from django.conf import settings

SYSTEM = (
    "Du formulierst Texte einer Behörde in einfache Sprache um. Schreibe kurze Sätze in der "
    "Anrede „Sie“. Füge keine Information hinzu und lasse keine weg. Übernimm jede Zahl, "
    "jeden Betrag und jede Frist genau. Antworte nur mit dem umformulierten Text."
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)


def enabled() -> bool:
    return bool(getattr(settings, "VERBUND_ASSISTANT_REPHRASE_URL", ""))


def acceptable(original: str, rephrased: str) -> bool:
    """Whether ``rephrased`` may be shown beside ``original``."""
    if not rephrased or len(rephrased) > max(2 * len(original), len(original) + 200):
        return False
    if _ADDRESS.search(rephrased) and not _ADDRESS.search(original):
        return False
    return Counter(_NUMBER.findall(original)) == Counter(_NUMBER.findall(rephrased))


def rephrase(text: str) -> str:
    """The plainer wording of ``text``, or ``""`` when it is off, fails or is refused."""
    url = getattr(settings, "VERBUND_ASSISTANT_REPHRASE_URL", "")
    if not url or not text:
        return ""
    payload = {
        "model": getattr(settings, "VERBUND_ASSISTANT_REPHRASE_MODEL", ""),
        "temperature": 0,
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}],
    }
    try:
        response = httpx.post(
            url.rstrip("/") + "/chat/completions",
            json=payload,
            timeout=float(getattr(settings, "VERBUND_ASSISTANT_REPHRASE_TIMEOUT", 3.0)),
            follow_redirects=False,
        )
        response.raise_for_status()
        answer = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError):
        return ""
    answer = answer.strip() if isinstance(answer, str) else ""
    return answer if acceptable(text, answer) else ""

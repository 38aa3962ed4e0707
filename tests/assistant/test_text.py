"""Reading and anonymising questions (assistant/text.py)."""

from __future__ import annotations

import pytest

from verbund.assistant.text import MAX_QUESTION, Reading, anonymise, clean, digest, read


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Mein   Perso\tläuft ab \n", "Mein Perso läuft ab"),
        ("<script>alert('x')</script> Auto abmelden", "alert('x') Auto abmelden"),
        ("<b>Hund</b> anmelden", "Hund anmelden"),
        ("Null\x00byte und\u200bBreite", "Null byte und Breite"),
        ("Stra\u0301ße", "Stráße"),  # NFC: the combining accent joins its letter
    ],
)
def test_clean(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


@pytest.mark.parametrize(
    ("question", "reading"),
    [
        ("", Reading.EMPTY),
        ("Mein Perso läuft ab", Reading.OK),
        ("perso abgelaufen", Reading.OK),
        ("123 456", Reading.NO_WORDS),
        ("?!", Reading.NO_WORDS),
        ("How do I renew my passport?", Reading.NOT_GERMAN),
        ("Как получить паспорт?", Reading.NOT_GERMAN),
        ("كيف أسجل سيارتي", Reading.NOT_GERMAN),
        ("Wie melde ich my car ab?", Reading.OK),  # German function words win
        ("x" * MAX_QUESTION, Reading.OK),
        ("x" * (MAX_QUESTION + 1), Reading.TOO_LONG),
    ],
)
def test_read(question: str, reading: Reading) -> None:
    assert read(question) is reading


def test_anonymise_removes_what_identifies_a_person() -> None:
    question = (
        "Ich heiße Max Mustermann, wohne Hauptstraße 5 in 52399 Merzenich, Tel 02421 12345, "
        "max@example.org, IBAN DE89 3704 0044 0532 0130 00, siehe www.example.org/x, "
        "will Auto DN-AB 123 abmelden. Gruß Erika"
    )
    assert anonymise(question) == (
        "Ich heiße [Name] wohne [Straße] in [Zahl] Merzenich, Tel [Zahl], [E-Mail], "
        "IBAN [IBAN], siehe [Adresse] will Auto DN-AB [Zahl] abmelden. Gruß [Name]"
    )


def test_anonymise_keeps_at_most_300_characters() -> None:
    kept = anonymise("Wort " * 100)
    assert len(kept) == 300
    assert kept.endswith("…")


def test_equal_questions_share_a_digest() -> None:
    assert digest("Wo ist das Fundbüro?") == digest("wo ist das fundbuero")
    assert digest("Wo ist das Fundbüro?") != digest("Wo ist das Standesamt?")

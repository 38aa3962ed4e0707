"""Official names: an authority named so that nobody confuses it with another."""

from __future__ import annotations

import pytest

from verbund.authorities.models import AuthorityKind, official_name

K = AuthorityKind


@pytest.mark.parametrize(
    ("name", "kind", "textkennzeichen", "expected"),
    [
        # Kreise: the town and the Kreis share the name; the Kreis says it is one.
        ("Olpe", K.KREIS, "43", "Kreis Olpe"),
        ("Düren", K.KREIS, "43", "Kreis Düren"),
        ("Würzburg", K.KREIS, "44", "Landkreis Würzburg"),
        ("Rhein-Erft-Kreis", K.KREIS, "43", "Rhein-Erft-Kreis"),
        ("Hochsauerlandkreis", K.KREIS, "43", "Hochsauerlandkreis"),
        ("Märkischer Kreis", K.KREIS, "43", "Märkischer Kreis"),
        ("Heidekreis", K.KREIS, "44", "Heidekreis"),
        ("Region Hannover", K.KREIS, "44", "Region Hannover"),
        ("Städteregion Aachen", K.KREIS, "43", "Städteregion Aachen"),
        ("Regionalverband Saarbrücken", K.KREIS, "45", "Regionalverband Saarbrücken"),
        # Kreisfreie Städte: GV100AD puts the designation after a comma.
        ("Köln, Stadt", K.KREISFREIE_STADT, "41", "Stadt Köln"),
        ("Lübeck, Hansestadt", K.KREISFREIE_STADT, "", "Hansestadt Lübeck"),
        ("Kiel, Landeshauptstadt", K.KREISFREIE_STADT, "41", "Landeshauptstadt Kiel"),
        ("Hamburg, Freie und Hansestadt", K.KREISFREIE_STADT, "41", "Freie und Hansestadt Hamburg"),
        ("Solingen, Klingenstadt", K.KREISFREIE_STADT, "41", "Klingenstadt Solingen"),
        ("Oldenburg (Oldb), Stadt", K.KREISFREIE_STADT, "41", "Stadt Oldenburg (Oldb)"),
        # Gemeinden, with the register's abbreviations spelt out.
        ("Merzenich", K.GEMEINDE, "64", "Gemeinde Merzenich"),
        ("Jülich, Stadt", K.GEMEINDE, "63", "Stadt Jülich"),
        ("Aub, St", K.GEMEINDE, "63", "Stadt Aub"),
        ("Absberg, M", K.GEMEINDE, "60", "Markt Absberg"),
        ("Dachau, GKSt", K.GEMEINDE, "67", "Große Kreisstadt Dachau"),
        ("Binz, Ostseebad", K.GEMEINDE, "64", "Ostseebad Binz"),
        ("Attendorn", K.GEMEINDE, "63", "Stadt Attendorn"),
        ("Kirchhundem", K.GEMEINDE, "", "Gemeinde Kirchhundem"),
        # Gemeindefreie Gebiete keep their name without the note.
        ("Sachsenwald, gemfr. Gebiet", K.GEMEINDE, "65", "Sachsenwald"),
        # Gemeindeverbände name their kind unless the name does.
        ("Eifel", K.GEMEINDEVERBAND, "53", "Verbandsgemeinde Eifel"),
        ("Amt Hüttener Berge", K.GEMEINDEVERBAND, "51", "Amt Hüttener Berge"),
        # Länder and the rest: the name.
        ("Nordrhein-Westfalen", K.LAND, "", "Nordrhein-Westfalen"),
        ("Köln", K.REGIERUNGSBEZIRK, "", "Köln"),
    ],
)
def test_official_name(name: str, kind: str, textkennzeichen: str, expected: str) -> None:
    assert official_name(name, kind, textkennzeichen) == expected

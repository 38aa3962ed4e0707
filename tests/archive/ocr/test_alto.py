"""ALTO: lines and words with boxes and confidence, the mean confidence, the text,
and corrections applied to the ALTO."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from verbund.archive.ocr import alto

NS = "http://www.loc.gov/standards/alto/ns-v3#"
SNIPPET = f"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="{NS}">
  <Description><MeasurementUnit>pixel</MeasurementUnit></Description>
  <Layout>
    <Page WIDTH="2480" HEIGHT="3508" PHYSICAL_IMG_NR="0" ID="page_0">
      <PrintSpace HPOS="0" VPOS="0" WIDTH="2480" HEIGHT="3508">
        <TextBlock ID="block_0" HPOS="100" VPOS="200" WIDTH="900" HEIGHT="120">
          <TextLine ID="line_0" HPOS="100" VPOS="200" WIDTH="900" HEIGHT="50">
            <String ID="string_0" HPOS="100" VPOS="202"
              WIDTH="200" HEIGHT="45" WC="0.96" CONTENT="Der"/>
            <SP WIDTH="20" VPOS="202" HPOS="300"/>
            <String ID="string_1" HPOS="320" VPOS="200"
              WIDTH="400" HEIGHT="48" WC="0.90" CONTENT="Gemeinderat"/>
          </TextLine>
          <TextLine ID="line_1" HPOS="100" VPOS="270" WIDTH="500" HEIGHT="50">
            <String ID="string_2" HPOS="100" VPOS="270"
              WIDTH="500" HEIGHT="50" WC="0.50" CONTENT="taqte"/>
          </TextLine>
        </TextBlock>
        <TextBlock ID="block_1" HPOS="100" VPOS="500" WIDTH="300" HEIGHT="50">
          <TextLine ID="line_2" HPOS="100" VPOS="500" WIDTH="300" HEIGHT="50">
            <String ID="string_3" HPOS="100" VPOS="500"
              WIDTH="300" HEIGHT="50" WC="0.71" CONTENT="Soeſt"/>
          </TextLine>
        </TextBlock>
      </PrintSpace>
    </Page>
  </Layout>
</alto>"""


def test_parse_reads_lines_words_boxes_and_confidence() -> None:
    page = alto.parse(SNIPPET)
    assert (page.width, page.height) == (2480, 3508)
    assert [(line.id, line.block, line.text) for line in page.lines] == [
        ("line_0", 0, "Der Gemeinderat"),
        ("line_1", 0, "taqte"),
        ("line_2", 1, "Soeſt"),
    ]
    first = page.lines[0]
    assert (first.hpos, first.vpos, first.width, first.height) == (100, 200, 900, 50)
    assert first.words == (
        alto.Word("string_0", "Der", 100, 202, 200, 45, Decimal("0.96")),
        alto.Word("string_1", "Gemeinderat", 320, 200, 400, 48, Decimal("0.90")),
    )


def test_mean_confidence_is_word_weighted_percent() -> None:
    # (0.96 + 0.90 + 0.50 + 0.71) / 4 = 0.7675
    assert alto.mean_confidence(alto.parse(SNIPPET)) == Decimal("76.75")


def test_mean_confidence_of_a_page_without_words_is_none() -> None:
    empty = f'<alto xmlns="{NS}"><Layout><Page WIDTH="10" HEIGHT="10"/></Layout></alto>'
    assert alto.mean_confidence(alto.parse(empty)) is None
    assert alto.page_text(alto.parse(empty)) == ""


def test_page_text_keeps_blocks_and_applies_corrections() -> None:
    page = alto.parse(SNIPPET)
    assert alto.page_text(page) == "Der Gemeinderat\ntaqte\n\nSoeſt"
    assert alto.page_text(page, {"line_1": " tagte  am "}) == "Der Gemeinderat\ntagte am\n\nSoeſt"


def test_corrected_alto_replaces_the_line_and_keeps_the_rest() -> None:
    result = alto.corrected_alto(SNIPPET, {"line_1": "tagte am Montag", "line_9": "nirgends"})
    page = alto.parse(result)
    assert [line.text for line in page.lines] == ["Der Gemeinderat", "tagte am Montag", "Soeſt"]
    corrected = page.lines[1]
    assert [(w.id, w.text, w.confidence) for w in corrected.words] == [
        ("line_1_c0", "tagte", Decimal("1.00")),
        ("line_1_c1", "am", Decimal("1.00")),
        ("line_1_c2", "Montag", Decimal("1.00")),
    ]
    # The line's 500 px shared by 15 characters (5 + 1 + 2 + 1 + 6): 0–166, 200–266, 300–500.
    assert [(w.hpos, w.width) for w in corrected.words] == [(100, 166), (300, 66), (400, 200)]
    assert all((w.vpos, w.height) == (270, 50) for w in corrected.words)
    assert page.lines[0] == alto.parse(SNIPPET).lines[0]
    root = etree.fromstring(result.encode())
    line = root.find(f".//{{{NS}}}TextLine[@ID='line_1']")
    assert [etree.QName(child).localname for child in line] == [
        "String",
        "SP",
        "String",
        "SP",
        "String",
    ]
    ids = [element.get("ID") for element in root.iter() if element.get("ID")]
    assert len(ids) == len(set(ids))


def test_corrected_alto_without_corrections_is_the_same_document() -> None:
    assert alto.parse(alto.corrected_alto(SNIPPET, {})) == alto.parse(SNIPPET)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("<alto", "not well-formed"),
        ("<html/>", "not 'alto'"),
        (f'<alto xmlns="{NS}"><Layout/></alto>', "no Page"),
        (
            f'<alto xmlns="{NS}"><Layout><Page><TextLine><String CONTENT="a" WC="7"/>'
            "</TextLine></Page></Layout></alto>",
            "outside 0 to 1",
        ),
    ],
)
def test_what_is_not_alto_is_refused(text: str, message: str) -> None:
    with pytest.raises(alto.AltoError, match=message):
        alto.parse(text)

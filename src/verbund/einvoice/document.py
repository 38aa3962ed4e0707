"""The business content of an invoice, read from UBL 2.1 or UN/CEFACT CII.

The inbox shows, routes, de-duplicates and exports by these fields; the names follow
EN 16931's business terms (BT-1 invoice number …). Reading never fails: a field the
document lacks or spells wrongly is empty (the validation report says why).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from verbund.einvoice.rules import CII
from verbund.einvoice.validation import NS


@dataclass
class Line:
    line_id: str = ""
    name: str = ""
    quantity: Decimal | None = None
    unit: str = ""
    price: Decimal | None = None
    net_amount: Decimal | None = None
    vat_category: str = ""
    vat_rate: Decimal | None = None


@dataclass
class VatBreakdown:
    category: str = ""
    rate: Decimal | None = None
    taxable: Decimal | None = None
    tax: Decimal | None = None


@dataclass
class Document:
    number: str = ""  # BT-1
    issue_date: dt.date | None = None  # BT-2
    type_code: str = ""  # BT-3
    currency: str = ""  # BT-5
    due_date: dt.date | None = None  # BT-9
    buyer_reference: str = ""  # BT-10, the Leitweg-ID
    order_reference: str = ""  # BT-13
    notes: list[str] = field(default_factory=list)  # BT-22
    payment_terms: str = ""  # BT-20
    seller_name: str = ""  # BT-27
    seller_vat_id: str = ""  # BT-31
    seller_email: str = ""  # BT-43
    seller_address: str = ""  # BG-5
    buyer_name: str = ""  # BT-44
    buyer_address: str = ""  # BG-8
    iban: str = ""  # BT-84
    net_total: Decimal | None = None  # BT-109
    tax_total: Decimal | None = None  # BT-110
    gross_total: Decimal | None = None  # BT-112
    amount_due: Decimal | None = None  # BT-115
    lines: list[Line] = field(default_factory=list)
    vat: list[VatBreakdown] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        return {k: plain(v) for k, v in asdict(self).items()}


def _text(node: etree._Element, path: str) -> str:
    values = node.xpath(path, namespaces=NS)
    if not values:
        return ""
    value = values[0]
    text = value if isinstance(value, str) else "".join(value.itertext())
    return " ".join(str(text).split())[:500]


def _all(node: etree._Element, path: str) -> list[str]:
    return [" ".join(str(v).split()) for v in node.xpath(path, namespaces=NS) if str(v).strip()]


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and abs(value) < Decimal("1e15") else None


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for form in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _address(node: etree._Element, street: str, city: str, zip_: str, country: str) -> str:
    parts = [
        _text(node, street),
        f"{_text(node, zip_)} {_text(node, city)}".strip(),
        _text(node, country),
    ]
    return ", ".join(p for p in parts if p)


def _ubl(root: etree._Element) -> Document:
    seller = "cac:AccountingSupplierParty/cac:Party/"
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    total = "cac:LegalMonetaryTotal/"
    doc = Document(
        number=_text(root, "cbc:ID/text()"),
        issue_date=_date(_text(root, "cbc:IssueDate/text()")),
        type_code=_text(root, "(cbc:InvoiceTypeCode|cbc:CreditNoteTypeCode)/text()"),
        currency=_text(root, "cbc:DocumentCurrencyCode/text()"),
        due_date=_date(_text(root, "(cbc:DueDate|cac:PaymentMeans/cbc:PaymentDueDate)/text()")),
        buyer_reference=_text(root, "cbc:BuyerReference/text()"),
        order_reference=_text(root, "cac:OrderReference/cbc:ID/text()"),
        notes=_all(root, "cbc:Note/text()"),
        payment_terms=_text(root, "cac:PaymentTerms/cbc:Note/text()"),
        seller_name=_text(
            root,
            f"({seller}cac:PartyLegalEntity/cbc:RegistrationName"
            f"|{seller}cac:PartyName/cbc:Name)/text()",
        ),
        seller_vat_id=_text(
            root, f"{seller}cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID/text()"
        ),
        seller_email=_text(root, f"{seller}cac:Contact/cbc:ElectronicMail/text()"),
        seller_address=_address(
            root,
            f"{seller}cac:PostalAddress/cbc:StreetName/text()",
            f"{seller}cac:PostalAddress/cbc:CityName/text()",
            f"{seller}cac:PostalAddress/cbc:PostalZone/text()",
            f"{seller}cac:PostalAddress/cac:Country/cbc:IdentificationCode/text()",
        ),
        buyer_name=_text(
            root,
            f"({buyer}cac:PartyLegalEntity/cbc:RegistrationName"
            f"|{buyer}cac:PartyName/cbc:Name)/text()",
        ),
        buyer_address=_address(
            root,
            f"{buyer}cac:PostalAddress/cbc:StreetName/text()",
            f"{buyer}cac:PostalAddress/cbc:CityName/text()",
            f"{buyer}cac:PostalAddress/cbc:PostalZone/text()",
            f"{buyer}cac:PostalAddress/cac:Country/cbc:IdentificationCode/text()",
        ),
        iban=_text(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID/text()"),
        net_total=_decimal(_text(root, f"{total}cbc:TaxExclusiveAmount/text()")),
        gross_total=_decimal(_text(root, f"{total}cbc:TaxInclusiveAmount/text()")),
        amount_due=_decimal(_text(root, f"{total}cbc:PayableAmount/text()")),
    )
    doc.tax_total = _decimal(
        _text(root, "cac:TaxTotal/cbc:TaxAmount[@currencyID=/*/cbc:DocumentCurrencyCode]/text()")
    )
    for node in root.xpath("cac:InvoiceLine|cac:CreditNoteLine", namespaces=NS):
        quantity = "(cbc:InvoicedQuantity|cbc:CreditedQuantity)"
        doc.lines.append(
            Line(
                line_id=_text(node, "cbc:ID/text()"),
                name=_text(node, "cac:Item/cbc:Name/text()"),
                quantity=_decimal(_text(node, f"{quantity}/text()")),
                unit=_text(node, f"{quantity}/@unitCode"),
                price=_decimal(_text(node, "cac:Price/cbc:PriceAmount/text()")),
                net_amount=_decimal(_text(node, "cbc:LineExtensionAmount/text()")),
                vat_category=_text(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID/text()"),
                vat_rate=_decimal(
                    _text(node, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent/text()")
                ),
            )
        )
    for node in root.xpath("cac:TaxTotal/cac:TaxSubtotal", namespaces=NS):
        doc.vat.append(
            VatBreakdown(
                category=_text(node, "cac:TaxCategory/cbc:ID/text()"),
                rate=_decimal(_text(node, "cac:TaxCategory/cbc:Percent/text()")),
                taxable=_decimal(_text(node, "cbc:TaxableAmount/text()")),
                tax=_decimal(_text(node, "cbc:TaxAmount/text()")),
            )
        )
    return doc


def _cii(root: etree._Element) -> Document:
    head = "rsm:ExchangedDocument/"
    agreement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/"
    settlement = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    total = f"{settlement}ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
    seller = f"{agreement}ram:SellerTradeParty/"
    buyer = f"{agreement}ram:BuyerTradeParty/"
    terms = f"{settlement}ram:SpecifiedTradePaymentTerms/"

    def address(party: str) -> str:
        where = f"{party}ram:PostalTradeAddress/"
        return _address(
            root,
            f"{where}ram:LineOne/text()",
            f"{where}ram:CityName/text()",
            f"{where}ram:PostcodeCode/text()",
            f"{where}ram:CountryID/text()",
        )

    doc = Document(
        number=_text(root, f"{head}ram:ID/text()"),
        issue_date=_date(_text(root, f"{head}ram:IssueDateTime/udt:DateTimeString/text()")),
        type_code=_text(root, f"{head}ram:TypeCode/text()"),
        currency=_text(root, f"{settlement}ram:InvoiceCurrencyCode/text()"),
        due_date=_date(_text(root, f"{terms}ram:DueDateDateTime/udt:DateTimeString/text()")),
        buyer_reference=_text(root, f"{agreement}ram:BuyerReference/text()"),
        order_reference=_text(
            root, f"{agreement}ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID/text()"
        ),
        notes=_all(root, f"{head}ram:IncludedNote/ram:Content/text()"),
        payment_terms=_text(root, f"{terms}ram:Description/text()"),
        seller_name=_text(root, f"{seller}ram:Name/text()"),
        seller_vat_id=_text(
            root, f"{seller}ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']/text()"
        ),
        seller_email=_text(
            root,
            f"{seller}ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID/text()",
        ),
        seller_address=address(seller),
        buyer_name=_text(root, f"{buyer}ram:Name/text()"),
        buyer_address=address(buyer),
        iban=_text(
            root,
            f"{settlement}ram:SpecifiedTradeSettlementPaymentMeans"
            "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID/text()",
        ),
        net_total=_decimal(_text(root, f"{total}ram:TaxBasisTotalAmount/text()")),
        gross_total=_decimal(_text(root, f"{total}ram:GrandTotalAmount/text()")),
        amount_due=_decimal(_text(root, f"{total}ram:DuePayableAmount/text()")),
    )
    doc.tax_total = _decimal(
        _text(
            root,
            f"{total}ram:TaxTotalAmount[@currencyID={settlement}ram:InvoiceCurrencyCode]/text()",
        )
        or _text(root, f"{total}ram:TaxTotalAmount/text()")
    )
    for node in root.xpath(
        "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem", namespaces=NS
    ):
        line_settlement = "ram:SpecifiedLineTradeSettlement/"
        doc.lines.append(
            Line(
                line_id=_text(node, "ram:AssociatedDocumentLineDocument/ram:LineID/text()"),
                name=_text(node, "ram:SpecifiedTradeProduct/ram:Name/text()"),
                quantity=_decimal(
                    _text(node, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/text()")
                ),
                unit=_text(node, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode"),
                price=_decimal(
                    _text(
                        node,
                        "ram:SpecifiedLineTradeAgreement"
                        "/ram:NetPriceProductTradePrice/ram:ChargeAmount"
                        "/text()",
                    )
                ),
                net_amount=_decimal(
                    _text(
                        node,
                        f"{line_settlement}"
                        "ram:SpecifiedTradeSettlementLineMonetarySummation"
                        "/ram:LineTotalAmount/text()",
                    )
                ),
                vat_category=_text(
                    node, f"{line_settlement}ram:ApplicableTradeTax/ram:CategoryCode/text()"
                ),
                vat_rate=_decimal(
                    _text(
                        node,
                        f"{line_settlement}ram:ApplicableTradeTax/ram:RateApplicablePercent/text()",
                    )
                ),
            )
        )
    for node in root.xpath(f"{settlement}ram:ApplicableTradeTax", namespaces=NS):
        doc.vat.append(
            VatBreakdown(
                category=_text(node, "ram:CategoryCode/text()"),
                rate=_decimal(_text(node, "ram:RateApplicablePercent/text()")),
                taxable=_decimal(_text(node, "ram:BasisAmount/text()")),
                tax=_decimal(_text(node, "ram:CalculatedAmount/text()")),
            )
        )
    return doc


def read(tree: etree._ElementTree | etree._Element) -> Document:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    if etree.QName(root).namespace == CII:
        return _cii(root)
    return _ubl(root)

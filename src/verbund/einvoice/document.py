"""The business content of an invoice, read from UBL 2.1 or UN/CEFACT CII.

The inbox shows, routes, de-duplicates and exports by these fields; the names follow
EN 16931's business terms (BT-1 invoice number …). Reading never fails: a field the
document lacks or spells wrongly is empty (the validation report says why); so is an
attachment whose embedded content is not base64.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from lxml import etree

from verbund.einvoice.rules import CII
from verbund.einvoice.validation import NS

ATTACHMENT_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)
"""The MIME codes XRechnung allows for an embedded attachment (BR-CL-24)."""


@dataclass
class AllowanceCharge:
    """A document level allowance (BG-20) or charge (BG-21), or one of a line (BG-27/28)."""

    charge: bool = False  # False: an allowance (a deduction), True: a charge
    amount: Decimal | None = None  # BT-92/99 (BT-136/141 on a line)
    base: Decimal | None = None  # BT-93/100
    percent: Decimal | None = None  # BT-94/101
    reason: str = ""  # BT-97/104
    reason_code: str = ""  # BT-98/105
    vat_category: str = ""  # BT-95/102 (none on a line)
    vat_rate: Decimal | None = None  # BT-96/103


@dataclass
class Attachment:
    """An additional supporting document (BG-24): embedded, referenced by URI, or both."""

    reference: str = ""  # BT-122
    description: str = ""  # BT-123
    uri: str = ""  # BT-124
    filename: str = ""  # BT-125-2
    mime_code: str = ""  # BT-125-1
    content: bytes | None = None  # BT-125, decoded; None when absent or not base64

    @property
    def size(self) -> int:
        return len(self.content) if self.content is not None else 0

    @property
    def content_type(self) -> str:
        """The declared type where XRechnung allows it (BR-CL-24), else plain bytes."""
        code = self.mime_code.strip().lower()
        return code if code in ATTACHMENT_TYPES else "application/octet-stream"

    def download_name(self, receipt_number: str, position: int) -> str:
        """The file name offered for download: the sender's name without any folder or
        control character, or one made of the receipt number and the position."""
        name = (self.filename or self.reference).replace("\\", "/").rsplit("/", 1)[-1]
        name = "".join(char for char in name if char.isprintable()).strip(" .")[:120]
        return name or f"{receipt_number}-anlage-{position}"


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
    note: str = ""  # BT-127
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)


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
    project_reference: str = ""  # BT-11
    contract_reference: str = ""  # BT-12
    order_reference: str = ""  # BT-13
    preceding_invoice: str = ""  # BT-25
    preceding_invoice_date: dt.date | None = None  # BT-26
    delivery_date: dt.date | None = None  # BT-72
    period_start: dt.date | None = None  # BT-73
    period_end: dt.date | None = None  # BT-74
    notes: list[str] = field(default_factory=list)  # BT-22
    payment_terms: str = ""  # BT-20
    seller_name: str = ""  # BT-27
    seller_vat_id: str = ""  # BT-31
    seller_email: str = ""  # BT-43
    seller_address: str = ""  # BG-5
    buyer_name: str = ""  # BT-44
    buyer_address: str = ""  # BG-8
    iban: str = ""  # BT-84
    line_total: Decimal | None = None  # BT-106
    allowance_total: Decimal | None = None  # BT-107
    charge_total: Decimal | None = None  # BT-108
    net_total: Decimal | None = None  # BT-109
    tax_total: Decimal | None = None  # BT-110
    gross_total: Decimal | None = None  # BT-112
    prepaid: Decimal | None = None  # BT-113
    rounding: Decimal | None = None  # BT-114
    amount_due: Decimal | None = None  # BT-115
    lines: list[Line] = field(default_factory=list)
    vat: list[VatBreakdown] = field(default_factory=list)
    allowances_charges: list[AllowanceCharge] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)


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


def _content(text: str) -> bytes | None:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None


def _charge(text: str) -> bool:
    return text.strip().lower() == "true"


def _address(node: etree._Element, street: str, city: str, zip_: str, country: str) -> str:
    parts = [
        _text(node, street),
        f"{_text(node, zip_)} {_text(node, city)}".strip(),
        _text(node, country),
    ]
    return ", ".join(p for p in parts if p)


def _raw(node: etree._Element, path: str) -> str:
    """The whole text at ``path``, unshortened (for embedded content)."""
    values = node.xpath(path, namespaces=NS)
    return str(values[0]) if values else ""


@dataclass(frozen=True)
class _AllowancePaths:
    """Where one syntax keeps the parts of an allowance or charge (relative XPaths)."""

    items: str
    charge: str
    amount: str
    base: str
    percent: str
    reason: str
    reason_code: str
    vat_category: str
    vat_rate: str


@dataclass(frozen=True)
class _AttachmentPaths:
    """Where one syntax keeps the parts of an attachment (BG-24)."""

    items: str
    reference: str
    description: str
    uri: str
    binary: str


UBL_ALLOWANCE = _AllowancePaths(
    items="cac:AllowanceCharge",
    charge="cbc:ChargeIndicator",
    amount="cbc:Amount",
    base="cbc:BaseAmount",
    percent="cbc:MultiplierFactorNumeric",
    reason="cbc:AllowanceChargeReason",
    reason_code="cbc:AllowanceChargeReasonCode",
    vat_category="cac:TaxCategory/cbc:ID",
    vat_rate="cac:TaxCategory/cbc:Percent",
)
CII_ALLOWANCE = _AllowancePaths(
    items="ram:SpecifiedTradeAllowanceCharge",
    charge="ram:ChargeIndicator/udt:Indicator",
    amount="ram:ActualAmount",
    base="ram:BasisAmount",
    percent="ram:CalculationPercent",
    reason="ram:Reason",
    reason_code="ram:ReasonCode",
    vat_category="ram:CategoryTradeTax/ram:CategoryCode",
    vat_rate="ram:CategoryTradeTax/ram:RateApplicablePercent",
)
UBL_ATTACHMENT = _AttachmentPaths(
    # BG-24 is every additional document reference but the invoiced object (BT-18, code
    # 130) and, in a credit note, the tender or lot (BT-17, code 50).
    items="cac:AdditionalDocumentReference[not(cbc:DocumentTypeCode='130'"
    " or cbc:DocumentTypeCode='50')]",
    reference="cbc:ID",
    description="cbc:DocumentDescription",
    uri="cac:Attachment/cac:ExternalReference/cbc:URI",
    binary="cac:Attachment/cbc:EmbeddedDocumentBinaryObject",
)
CII_ATTACHMENT = _AttachmentPaths(
    # BG-24 is the additional referenced documents of type 916 ("referenced paper").
    items="ram:AdditionalReferencedDocument[ram:TypeCode='916']",
    reference="ram:IssuerAssignedID",
    description="ram:Name",
    uri="ram:URIID",
    binary="ram:AttachmentBinaryObject",
)


def _allowances(
    node: etree._Element, paths: _AllowancePaths, where: str = ""
) -> list[AllowanceCharge]:
    """The allowances and charges below ``node`` (at ``where``, a path ending in ``/``)."""
    return [
        AllowanceCharge(
            charge=_charge(_text(item, f"{paths.charge}/text()")),
            amount=_decimal(_text(item, f"{paths.amount}/text()")),
            base=_decimal(_text(item, f"{paths.base}/text()")),
            percent=_decimal(_text(item, f"{paths.percent}/text()")),
            reason=_text(item, f"{paths.reason}/text()"),
            reason_code=_text(item, f"{paths.reason_code}/text()"),
            vat_category=_text(item, f"{paths.vat_category}/text()"),
            vat_rate=_decimal(_text(item, f"{paths.vat_rate}/text()")),
        )
        for item in node.xpath(f"{where}{paths.items}", namespaces=NS)
    ]


def _attachments(
    node: etree._Element, paths: _AttachmentPaths, where: str = ""
) -> list[Attachment]:
    """The attachments below ``node`` (at ``where``, a path ending in ``/``)."""
    binary = paths.binary
    return [
        Attachment(
            reference=_text(item, f"{paths.reference}/text()"),
            description=_text(item, f"{paths.description}/text()"),
            uri=_text(item, f"{paths.uri}/text()"),
            filename=_text(item, f"{binary}/@filename"),
            mime_code=_text(item, f"{binary}/@mimeCode"),
            content=_content(_raw(item, f"{binary}/text()"))
            if item.xpath(binary, namespaces=NS)
            else None,
        )
        for item in node.xpath(f"{where}{paths.items}", namespaces=NS)
    ]


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
        project_reference=_text(root, "cac:ProjectReference/cbc:ID/text()"),
        contract_reference=_text(root, "cac:ContractDocumentReference/cbc:ID/text()"),
        order_reference=_text(root, "cac:OrderReference/cbc:ID/text()"),
        preceding_invoice=_text(
            root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID/text()"
        ),
        preceding_invoice_date=_date(
            _text(root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate/text()")
        ),
        delivery_date=_date(_text(root, "cac:Delivery/cbc:ActualDeliveryDate/text()")),
        period_start=_date(_text(root, "cac:InvoicePeriod/cbc:StartDate/text()")),
        period_end=_date(_text(root, "cac:InvoicePeriod/cbc:EndDate/text()")),
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
        line_total=_decimal(_text(root, f"{total}cbc:LineExtensionAmount/text()")),
        allowance_total=_decimal(_text(root, f"{total}cbc:AllowanceTotalAmount/text()")),
        charge_total=_decimal(_text(root, f"{total}cbc:ChargeTotalAmount/text()")),
        net_total=_decimal(_text(root, f"{total}cbc:TaxExclusiveAmount/text()")),
        gross_total=_decimal(_text(root, f"{total}cbc:TaxInclusiveAmount/text()")),
        prepaid=_decimal(_text(root, f"{total}cbc:PrepaidAmount/text()")),
        rounding=_decimal(_text(root, f"{total}cbc:PayableRoundingAmount/text()")),
        amount_due=_decimal(_text(root, f"{total}cbc:PayableAmount/text()")),
        allowances_charges=_allowances(root, UBL_ALLOWANCE),
        attachments=_attachments(root, UBL_ATTACHMENT),
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
                note=_text(node, "cbc:Note/text()"),
                allowances_charges=_allowances(node, UBL_ALLOWANCE),
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
    delivery = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery/"
    period = f"{settlement}ram:BillingSpecifiedPeriod/"
    preceding = f"{settlement}ram:InvoiceReferencedDocument/"

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
        project_reference=_text(root, f"{agreement}ram:SpecifiedProcuringProject/ram:ID/text()"),
        contract_reference=_text(
            root, f"{agreement}ram:ContractReferencedDocument/ram:IssuerAssignedID/text()"
        ),
        preceding_invoice=_text(root, f"{preceding}ram:IssuerAssignedID/text()"),
        preceding_invoice_date=_date(
            _text(
                root,
                f"{preceding}ram:FormattedIssueDateTime/*[local-name()='DateTimeString']/text()",
            )
        ),
        delivery_date=_date(
            _text(
                root,
                f"{delivery}ram:ActualDeliverySupplyChainEvent"
                "/ram:OccurrenceDateTime/udt:DateTimeString/text()",
            )
        ),
        period_start=_date(_text(root, f"{period}ram:StartDateTime/udt:DateTimeString/text()")),
        period_end=_date(_text(root, f"{period}ram:EndDateTime/udt:DateTimeString/text()")),
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
        line_total=_decimal(_text(root, f"{total}ram:LineTotalAmount/text()")),
        allowance_total=_decimal(_text(root, f"{total}ram:AllowanceTotalAmount/text()")),
        charge_total=_decimal(_text(root, f"{total}ram:ChargeTotalAmount/text()")),
        net_total=_decimal(_text(root, f"{total}ram:TaxBasisTotalAmount/text()")),
        gross_total=_decimal(_text(root, f"{total}ram:GrandTotalAmount/text()")),
        prepaid=_decimal(_text(root, f"{total}ram:TotalPrepaidAmount/text()")),
        rounding=_decimal(_text(root, f"{total}ram:RoundingAmount/text()")),
        amount_due=_decimal(_text(root, f"{total}ram:DuePayableAmount/text()")),
        allowances_charges=_allowances(root, CII_ALLOWANCE, settlement),
        attachments=_attachments(root, CII_ATTACHMENT, agreement),
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
                note=_text(
                    node, "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content/text()"
                ),
                allowances_charges=_allowances(node, CII_ALLOWANCE, line_settlement),
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

"""Valid XRechnung 3.0 sample invoices, for the demo data and the tests.

A :class:`Sample` describes a plain domestic invoice (type 380, euros, standard-rated
VAT, payment by SEPA credit transfer), optionally with embedded attachments (BG-24);
:func:`ubl_invoice`, :func:`cii_invoice` and
:func:`zugferd_pdf` write it as UBL 2.1, as UN/CEFACT CII D16B and as a Factur-X /
ZUGFeRD PDF (a readable PDF with the CII XML embedded). All three pass
:func:`verbund.einvoice.validation.validate` without an error; a sample with an empty
Leitweg-ID gives an invoice that lacks BT-10 and fails exactly BR-DE-15.

The amounts follow EN 16931: a line's net amount is quantity × net price rounded to
cents (half up); the VAT of each rate is computed once on the sum of its lines
(BR-CO-17, BR-S-08/09), not summed from rounded line taxes.

The XML is built element by element with lxml, so every value is escaped; so is the
HTML of the PDF.
"""

from __future__ import annotations

import base64
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify
from lxml import etree
from lxml.html import builder as h

from verbund.einvoice.rules import CII, UBL_INVOICE, XRECHNUNG

PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
"""BT-23, the business process (the Peppol billing process, as KoSIT's examples use)."""

CURRENCY = "EUR"
COUNTRY = "DE"
TYPE_CODE = "380"  # commercial invoice (UNTDID 1001)
PAYMENT_MEANS = "58"  # SEPA credit transfer (UNTDID 4461)
VAT_CATEGORY = "S"  # standard rate (UNCL 5305)
CENT = Decimal("0.01")

_UBL_NS: dict[str | None, str] = {
    None: UBL_INVOICE,
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
_CII_NS: dict[str | None, str] = {
    "rsm": CII,
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}

UNIT_NAMES = {"H87": "Stück", "C62": "Einheit", "HUR": "Std.", "DAY": "Tag", "MON": "Monat"}
"""German labels of common UN/ECE rec. 20 codes, for the PDF; others show the code."""


@dataclass(frozen=True)
class SampleLine:
    """One invoice line (BG-25); ``unit_price`` is the net price of one ``unit``."""

    name: str
    quantity: Decimal
    unit_price: Decimal
    unit: str = "H87"  # UN/ECE rec. 20: H87 piece, HUR hour, DAY day …
    vat_rate: Decimal = Decimal("19")

    @property
    def net(self) -> Decimal:
        """BT-131, the line net amount: quantity × net price, rounded to cents."""
        return cents(self.quantity * self.unit_price)


@dataclass(frozen=True)
class SampleAttachment:
    """An additional supporting document (BG-24) embedded in the invoice (BT-125)."""

    filename: str
    mime_code: str  # one of BR-CL-24's list, e.g. "text/csv"
    content: bytes
    description: str = ""  # BT-123

    @property
    def base64(self) -> str:
        return base64.b64encode(self.content).decode("ascii")


@dataclass(frozen=True)
class Sample:
    """An invoice from a German seller to a German public buyer.

    ``leitweg_id`` is BT-10 (Buyer reference); an empty one is left out, which
    XRechnung refuses (BR-DE-15). ``buyer_email`` is BT-49, the buyer's electronic
    address; empty, one under the reserved domain ``.example`` is derived from the
    buyer's name. The seller's e-mail address is both BT-34 and the contact's BT-43.
    ``delivery_date`` (BT-72) defaults to the issue date.
    """

    number: str  # BT-1
    issue_date: datetime.date  # BT-2
    leitweg_id: str  # BT-10
    seller_name: str  # BT-27
    seller_vat_id: str  # BT-31, e.g. "DE123456789"
    seller_street: str  # BT-35
    seller_city: str  # BT-37
    seller_zip: str  # BT-38
    seller_contact: str  # BT-41
    seller_phone: str  # BT-42
    seller_email: str  # BT-43 and BT-34
    buyer_name: str  # BT-44
    buyer_street: str  # BT-50
    buyer_city: str  # BT-52
    buyer_zip: str  # BT-53
    lines: tuple[SampleLine, ...]
    iban: str = "DE02120300000000202051"  # BT-84
    due_days: int = 30  # BT-9 = issue date + due_days
    payment_terms: str = "Zahlbar innerhalb von 30 Tagen ohne Abzug."  # BT-20
    note: str = ""  # BT-22
    buyer_email: str = ""  # BT-49
    delivery_date: datetime.date | None = None  # BT-72; None: the issue date
    attachments: tuple[SampleAttachment, ...] = ()  # BG-24

    @property
    def delivered(self) -> datetime.date:
        """BT-72, the actual delivery date (XRechnung wants one, BR-DE-TMP-32)."""
        return self.delivery_date or self.issue_date

    @property
    def due_date(self) -> datetime.date:
        return self.issue_date + datetime.timedelta(days=self.due_days)

    @property
    def buyer_endpoint(self) -> str:
        if self.buyer_email:
            return self.buyer_email
        return f"rechnungseingang@{slugify(self.buyer_name) or 'auftraggeber'}.example"


@dataclass(frozen=True)
class VatGroup:
    """One VAT breakdown (BG-23): the lines of one rate, their net sum and its VAT."""

    rate: Decimal
    taxable: Decimal
    tax: Decimal


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to cents, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def vat_groups(sample: Sample) -> list[VatGroup]:
    """The VAT breakdown, highest rate first; the tax is rounded once per rate."""
    if not sample.lines:
        raise ValueError("An invoice needs at least one line.")
    taxable: dict[Decimal, Decimal] = {}
    for line in sample.lines:
        if line.vat_rate <= 0:
            raise ValueError("Samples are standard-rated (category S): the rate must be > 0.")
        rate = line.vat_rate.normalize()
        taxable[rate] = taxable.get(rate, Decimal(0)) + line.net
    return [
        VatGroup(rate, amount, cents(amount * rate / 100))
        for rate, amount in sorted(taxable.items(), reverse=True)
    ]


def sample_totals(sample: Sample) -> tuple[Decimal, Decimal, Decimal]:
    """``(net, tax, gross)``: BT-109, BT-110 and BT-112 (= BT-115, nothing is prepaid)."""
    groups = vat_groups(sample)
    net = sum((group.taxable for group in groups), Decimal(0))
    tax = sum((group.tax for group in groups), Decimal(0))
    return cents(net), cents(tax), cents(net + tax)


# --- formatting ---------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    """An amount in the XML: always two decimals."""
    return f"{cents(value):f}"


def _number(value: Decimal) -> str:
    """A quantity or rate in the XML: plain notation, no needless zeros."""
    return f"{value.normalize():f}"


def _price(value: Decimal) -> str:
    """A unit price (BT-146): two decimals, more only where the price has them."""
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return _number(value)
    return _amount(value)


def _iban(sample: Sample) -> str:
    return "".join(sample.iban.split()).upper()


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


class _Builder:
    """Adds namespaced elements: ``add(parent, "cbc:ID", "1", schemeID="EM")``."""

    def __init__(self, namespaces: dict[str | None, str]) -> None:
        self.namespaces = namespaces

    def tag(self, name: str) -> str:
        prefix, _, local = name.rpartition(":")
        return f"{{{self.namespaces[prefix or None]}}}{local}"

    def root(self, name: str) -> etree._Element:
        return etree.Element(self.tag(name), nsmap=self.namespaces)

    def add(
        self, parent: etree._Element, name: str, text: str | None = None, **attributes: str
    ) -> etree._Element:
        element = etree.SubElement(parent, self.tag(name), attributes)
        if text is not None:
            element.text = text
        return element


# --- UBL 2.1 ------------------------------------------------------------------------------


def ubl_invoice(sample: Sample) -> bytes:
    """The sample as a UBL 2.1 Invoice after XRechnung 3.0."""
    b = _Builder(_UBL_NS)
    groups = vat_groups(sample)
    net, tax, gross = sample_totals(sample)
    eur = {"currencyID": CURRENCY}

    root = b.root("Invoice")
    b.add(root, "cbc:CustomizationID", XRECHNUNG)
    b.add(root, "cbc:ProfileID", PROFILE_ID)
    b.add(root, "cbc:ID", sample.number)
    b.add(root, "cbc:IssueDate", sample.issue_date.isoformat())
    b.add(root, "cbc:DueDate", sample.due_date.isoformat())
    b.add(root, "cbc:InvoiceTypeCode", TYPE_CODE)
    if sample.note:
        b.add(root, "cbc:Note", sample.note)
    b.add(root, "cbc:DocumentCurrencyCode", CURRENCY)
    if sample.leitweg_id:
        b.add(root, "cbc:BuyerReference", sample.leitweg_id)
    for attachment in sample.attachments:
        reference = b.add(root, "cac:AdditionalDocumentReference")
        b.add(reference, "cbc:ID", attachment.filename)
        if attachment.description:
            b.add(reference, "cbc:DocumentDescription", attachment.description)
        b.add(
            b.add(reference, "cac:Attachment"),
            "cbc:EmbeddedDocumentBinaryObject",
            attachment.base64,
            mimeCode=attachment.mime_code,
            filename=attachment.filename,
        )

    def address(party: etree._Element, street: str, city: str, zip_: str) -> None:
        postal = b.add(party, "cac:PostalAddress")
        b.add(postal, "cbc:StreetName", street)
        b.add(postal, "cbc:CityName", city)
        b.add(postal, "cbc:PostalZone", zip_)
        b.add(b.add(postal, "cac:Country"), "cbc:IdentificationCode", COUNTRY)

    seller = b.add(b.add(root, "cac:AccountingSupplierParty"), "cac:Party")
    b.add(seller, "cbc:EndpointID", sample.seller_email, schemeID="EM")
    address(seller, sample.seller_street, sample.seller_city, sample.seller_zip)
    tax_scheme = b.add(seller, "cac:PartyTaxScheme")
    b.add(tax_scheme, "cbc:CompanyID", sample.seller_vat_id)
    b.add(b.add(tax_scheme, "cac:TaxScheme"), "cbc:ID", "VAT")
    b.add(b.add(seller, "cac:PartyLegalEntity"), "cbc:RegistrationName", sample.seller_name)
    contact = b.add(seller, "cac:Contact")
    b.add(contact, "cbc:Name", sample.seller_contact)
    b.add(contact, "cbc:Telephone", sample.seller_phone)
    b.add(contact, "cbc:ElectronicMail", sample.seller_email)

    buyer = b.add(b.add(root, "cac:AccountingCustomerParty"), "cac:Party")
    b.add(buyer, "cbc:EndpointID", sample.buyer_endpoint, schemeID="EM")
    address(buyer, sample.buyer_street, sample.buyer_city, sample.buyer_zip)
    b.add(b.add(buyer, "cac:PartyLegalEntity"), "cbc:RegistrationName", sample.buyer_name)

    b.add(b.add(root, "cac:Delivery"), "cbc:ActualDeliveryDate", sample.delivered.isoformat())

    means = b.add(root, "cac:PaymentMeans")
    b.add(means, "cbc:PaymentMeansCode", PAYMENT_MEANS)
    b.add(means, "cbc:PaymentID", sample.number)  # BT-83, the remittance information
    b.add(b.add(means, "cac:PayeeFinancialAccount"), "cbc:ID", _iban(sample))
    if sample.payment_terms:
        b.add(b.add(root, "cac:PaymentTerms"), "cbc:Note", sample.payment_terms)

    tax_total = b.add(root, "cac:TaxTotal")
    b.add(tax_total, "cbc:TaxAmount", _amount(tax), **eur)
    for group in groups:
        subtotal = b.add(tax_total, "cac:TaxSubtotal")
        b.add(subtotal, "cbc:TaxableAmount", _amount(group.taxable), **eur)
        b.add(subtotal, "cbc:TaxAmount", _amount(group.tax), **eur)
        category = b.add(subtotal, "cac:TaxCategory")
        b.add(category, "cbc:ID", VAT_CATEGORY)
        b.add(category, "cbc:Percent", _number(group.rate))
        b.add(b.add(category, "cac:TaxScheme"), "cbc:ID", "VAT")

    totals = b.add(root, "cac:LegalMonetaryTotal")
    b.add(totals, "cbc:LineExtensionAmount", _amount(net), **eur)
    b.add(totals, "cbc:TaxExclusiveAmount", _amount(net), **eur)
    b.add(totals, "cbc:TaxInclusiveAmount", _amount(gross), **eur)
    b.add(totals, "cbc:PayableAmount", _amount(gross), **eur)

    for position, line in enumerate(sample.lines, start=1):
        item_line = b.add(root, "cac:InvoiceLine")
        b.add(item_line, "cbc:ID", str(position))
        b.add(item_line, "cbc:InvoicedQuantity", _number(line.quantity), unitCode=line.unit)
        b.add(item_line, "cbc:LineExtensionAmount", _amount(line.net), **eur)
        item = b.add(item_line, "cac:Item")
        b.add(item, "cbc:Name", line.name)
        category = b.add(item, "cac:ClassifiedTaxCategory")
        b.add(category, "cbc:ID", VAT_CATEGORY)
        b.add(category, "cbc:Percent", _number(line.vat_rate))
        b.add(b.add(category, "cac:TaxScheme"), "cbc:ID", "VAT")
        b.add(b.add(item_line, "cac:Price"), "cbc:PriceAmount", _price(line.unit_price), **eur)
    return _xml(root)


# --- UN/CEFACT CII D16B ----------------------------------------------------------------------


def cii_invoice(sample: Sample) -> bytes:
    """The sample as a UN/CEFACT Cross Industry Invoice (D16B) after XRechnung 3.0."""
    b = _Builder(_CII_NS)
    groups = vat_groups(sample)
    net, tax, gross = sample_totals(sample)

    def date(parent: etree._Element, name: str, value: datetime.date) -> None:
        b.add(b.add(parent, name), "udt:DateTimeString", value.strftime("%Y%m%d"), format="102")

    def trade_tax(parent: etree._Element, rate: Decimal) -> None:
        b.add(parent, "ram:TypeCode", "VAT")
        b.add(parent, "ram:CategoryCode", VAT_CATEGORY)
        b.add(parent, "ram:RateApplicablePercent", _number(rate))

    root = b.root("rsm:CrossIndustryInvoice")
    context = b.add(root, "rsm:ExchangedDocumentContext")
    b.add(
        b.add(context, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID", PROFILE_ID
    )
    b.add(b.add(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", XRECHNUNG)

    document = b.add(root, "rsm:ExchangedDocument")
    b.add(document, "ram:ID", sample.number)
    b.add(document, "ram:TypeCode", TYPE_CODE)
    date(document, "ram:IssueDateTime", sample.issue_date)
    if sample.note:
        b.add(b.add(document, "ram:IncludedNote"), "ram:Content", sample.note)

    transaction = b.add(root, "rsm:SupplyChainTradeTransaction")
    for position, line in enumerate(sample.lines, start=1):
        item = b.add(transaction, "ram:IncludedSupplyChainTradeLineItem")
        b.add(b.add(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(position))
        b.add(b.add(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.name)
        price = b.add(
            b.add(item, "ram:SpecifiedLineTradeAgreement"), "ram:NetPriceProductTradePrice"
        )
        b.add(price, "ram:ChargeAmount", _price(line.unit_price))
        b.add(
            b.add(item, "ram:SpecifiedLineTradeDelivery"),
            "ram:BilledQuantity",
            _number(line.quantity),
            unitCode=line.unit,
        )
        line_settlement = b.add(item, "ram:SpecifiedLineTradeSettlement")
        trade_tax(b.add(line_settlement, "ram:ApplicableTradeTax"), line.vat_rate)
        b.add(
            b.add(line_settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation"),
            "ram:LineTotalAmount",
            _amount(line.net),
        )

    def address(element: etree._Element, street: str, city: str, zip_: str, uri: str) -> None:
        postal = b.add(element, "ram:PostalTradeAddress")
        b.add(postal, "ram:PostcodeCode", zip_)
        b.add(postal, "ram:LineOne", street)
        b.add(postal, "ram:CityName", city)
        b.add(postal, "ram:CountryID", COUNTRY)
        b.add(b.add(element, "ram:URIUniversalCommunication"), "ram:URIID", uri, schemeID="EM")

    agreement = b.add(transaction, "ram:ApplicableHeaderTradeAgreement")
    if sample.leitweg_id:
        b.add(agreement, "ram:BuyerReference", sample.leitweg_id)
    seller = b.add(agreement, "ram:SellerTradeParty")
    b.add(seller, "ram:Name", sample.seller_name)
    contact = b.add(seller, "ram:DefinedTradeContact")
    b.add(contact, "ram:PersonName", sample.seller_contact)
    b.add(
        b.add(contact, "ram:TelephoneUniversalCommunication"),
        "ram:CompleteNumber",
        sample.seller_phone,
    )
    b.add(b.add(contact, "ram:EmailURIUniversalCommunication"), "ram:URIID", sample.seller_email)
    address(
        seller, sample.seller_street, sample.seller_city, sample.seller_zip, sample.seller_email
    )
    b.add(
        b.add(seller, "ram:SpecifiedTaxRegistration"), "ram:ID", sample.seller_vat_id, schemeID="VA"
    )
    buyer = b.add(agreement, "ram:BuyerTradeParty")
    b.add(buyer, "ram:Name", sample.buyer_name)
    address(buyer, sample.buyer_street, sample.buyer_city, sample.buyer_zip, sample.buyer_endpoint)
    for attachment in sample.attachments:
        reference = b.add(agreement, "ram:AdditionalReferencedDocument")
        b.add(reference, "ram:IssuerAssignedID", attachment.filename)
        b.add(reference, "ram:TypeCode", "916")
        if attachment.description:
            b.add(reference, "ram:Name", attachment.description)
        b.add(
            reference,
            "ram:AttachmentBinaryObject",
            attachment.base64,
            mimeCode=attachment.mime_code,
            filename=attachment.filename,
        )

    delivery = b.add(transaction, "ram:ApplicableHeaderTradeDelivery")
    date(
        b.add(delivery, "ram:ActualDeliverySupplyChainEvent"),
        "ram:OccurrenceDateTime",
        sample.delivered,
    )

    settlement = b.add(transaction, "ram:ApplicableHeaderTradeSettlement")
    b.add(settlement, "ram:PaymentReference", sample.number)
    b.add(settlement, "ram:InvoiceCurrencyCode", CURRENCY)
    means = b.add(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    b.add(means, "ram:TypeCode", PAYMENT_MEANS)
    b.add(b.add(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", _iban(sample))
    for group in groups:
        header_tax = b.add(settlement, "ram:ApplicableTradeTax")
        b.add(header_tax, "ram:CalculatedAmount", _amount(group.tax))
        b.add(header_tax, "ram:TypeCode", "VAT")
        b.add(header_tax, "ram:BasisAmount", _amount(group.taxable))
        b.add(header_tax, "ram:CategoryCode", VAT_CATEGORY)
        b.add(header_tax, "ram:RateApplicablePercent", _number(group.rate))
    terms = b.add(settlement, "ram:SpecifiedTradePaymentTerms")
    if sample.payment_terms:
        b.add(terms, "ram:Description", sample.payment_terms)
    date(terms, "ram:DueDateDateTime", sample.due_date)
    summation = b.add(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    b.add(summation, "ram:LineTotalAmount", _amount(net))
    b.add(summation, "ram:TaxBasisTotalAmount", _amount(net))
    b.add(summation, "ram:TaxTotalAmount", _amount(tax), currencyID=CURRENCY)
    b.add(summation, "ram:GrandTotalAmount", _amount(gross))
    b.add(summation, "ram:DuePayableAmount", _amount(gross))
    return _xml(root)


# --- Factur-X / ZUGFeRD PDF ------------------------------------------------------------------


def _euro(value: Decimal) -> str:
    """German notation of an amount: ``1.234,50 €``."""
    text = f"{cents(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text} €"


def _de_number(value: Decimal) -> str:
    return _number(value).replace(".", ",")


def _de_price(value: Decimal) -> str:
    """A unit price in German notation, with all its decimals beyond two."""
    if _price(value) == _amount(value):
        return _euro(value)
    return f"{_de_number(value)} €"


def _de_date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin: 8mm 0 4mm; }
p { margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
.lines th, .lines td { border-bottom: 0.3pt solid #999; }
.lines tfoot td { border: none; }
.lines tfoot tr.total td { font-weight: bold; border-top: 0.8pt solid #111; }
.n { text-align: right; }
.lines { margin: 4mm 0 6mm; }
.head td { padding: 0; }
.head p { margin: 0; }
.sender { font-size: 8pt; color: #555; }
.facts { width: auto; margin-left: auto; }
.facts th { color: #555; font-weight: normal; padding: 0 4mm 0.5mm 0; }
.facts td { padding: 0 0 0.5mm; }
footer { margin-top: 10mm; font-size: 8pt; color: #555; }
footer p { margin: 0 0 1mm; }
"""


def invoice_html(sample: Sample) -> str:
    """A human-readable rendering of the sample, as standalone HTML (all text escaped)."""
    groups = vat_groups(sample)
    net, _tax, gross = sample_totals(sample)
    rows = [
        h.TR(
            h.TD(str(position)),
            h.TD(line.name),
            h.TD(_de_number(line.quantity), h.CLASS("n")),
            h.TD(UNIT_NAMES.get(line.unit, line.unit)),
            h.TD(_de_price(line.unit_price), h.CLASS("n")),
            h.TD(f"{_de_number(line.vat_rate)} %", h.CLASS("n")),
            h.TD(_euro(line.net), h.CLASS("n")),
        )
        for position, line in enumerate(sample.lines, start=1)
    ]
    sums = [h.TR(h.TD("Summe netto", colspan="6"), h.TD(_euro(net), h.CLASS("n")))]
    sums += [
        h.TR(
            h.TD(
                f"Umsatzsteuer {_de_number(group.rate)} % auf {_euro(group.taxable)}", colspan="6"
            ),
            h.TD(_euro(group.tax), h.CLASS("n")),
        )
        for group in groups
    ]
    sums.append(
        h.TR(
            h.TD("Rechnungsbetrag", colspan="6"), h.TD(_euro(gross), h.CLASS("n")), h.CLASS("total")
        )
    )
    facts = [
        ("Rechnungsnummer", sample.number),
        ("Rechnungsdatum", _de_date(sample.issue_date)),
        ("Leistungsdatum", _de_date(sample.delivered)),
        ("Fällig am", _de_date(sample.due_date)),
        ("Leitweg-ID", sample.leitweg_id or "—"),
        ("USt-IdNr.", sample.seller_vat_id),
    ]
    body = [
        h.TABLE(
            h.TR(
                h.TD(
                    h.P(
                        f"{sample.seller_name} · {sample.seller_street} · "
                        f"{sample.seller_zip} {sample.seller_city}",
                        h.CLASS("sender"),
                    ),
                    h.P(sample.buyer_name),
                    h.P(sample.buyer_street),
                    h.P(f"{sample.buyer_zip} {sample.buyer_city}"),
                ),
                h.TD(
                    h.TABLE(
                        *(h.TR(h.TH(term), h.TD(value)) for term, value in facts), h.CLASS("facts")
                    )
                ),
            ),
            h.CLASS("head"),
        ),
        h.H1(f"Rechnung {sample.number}"),
        h.TABLE(
            h.THEAD(
                h.TR(
                    h.TH("Pos."),
                    h.TH("Bezeichnung"),
                    h.TH("Menge", h.CLASS("n")),
                    h.TH("Einheit"),
                    h.TH("Einzelpreis", h.CLASS("n")),
                    h.TH("USt.", h.CLASS("n")),
                    h.TH("Betrag", h.CLASS("n")),
                )
            ),
            h.TBODY(*rows),
            h.TFOOT(*sums),
            h.CLASS("lines"),
        ),
    ]
    if sample.note:
        body.append(h.P(sample.note))
    if sample.payment_terms:
        body.append(h.P(sample.payment_terms))
    body.append(
        h.P(
            f"Bitte überweisen Sie {_euro(gross)} bis zum {_de_date(sample.due_date)} "
            f"auf das Konto {_iban(sample)} unter Angabe der Rechnungsnummer "
            f"{sample.number}."
        )
    )
    body.append(
        h.E.footer(
            h.P(
                f"{sample.seller_name} · {sample.seller_street} · {sample.seller_zip} "
                f"{sample.seller_city}"
            ),
            h.P(
                f"Ansprechpartner: {sample.seller_contact} · Tel. {sample.seller_phone} · "
                f"{sample.seller_email}"
            ),
            h.P(
                "Diese Rechnung enthält eine elektronische Rechnung (XRechnung, UN/CEFACT CII) "
                "als eingebettete Datei factur-x.xml."
            ),
        )
    )
    page = h.HTML(
        h.HEAD(h.META(charset="utf-8"), h.TITLE(f"Rechnung {sample.number}"), h.STYLE(_CSS)),
        h.BODY(*body),
        lang="de",
    )
    html: str = etree.tostring(page, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
    return html


def zugferd_pdf(sample: Sample) -> bytes:
    """The sample as a Factur-X / ZUGFeRD PDF: :func:`invoice_html` rendered by WeasyPrint
    as PDF/A-3b, with :func:`cii_invoice` embedded as ``factur-x.xml``.

    The embedded XML keeps its XRechnung guideline id: factur-x files it under the
    profile EN 16931 (as its own autodetection does, from the ``urn:cen.eu:en16931:2017``
    the id starts with), and :func:`~verbund.einvoice.validation.validate` reads it as
    XRechnung CII.
    """
    from facturx import generate_from_binary  # type: ignore[import-untyped]
    from weasyprint import HTML

    from verbund.core.pdf import RefusingURLFetcher

    document = HTML(string=invoice_html(sample), base_url=None, url_fetcher=RefusingURLFetcher())
    pdf: bytes = document.write_pdf(pdf_variant="pdf/a-3b")
    result: bytes = generate_from_binary(
        pdf,
        cii_invoice(sample),
        flavor="factur-x",
        level="en16931",
        check_xsd=False,
        lang="de-DE",
        pdf_metadata={
            "author": sample.seller_name,
            "keywords": "Rechnung, Factur-X, ZUGFeRD, XRechnung",
            "title": f"{sample.seller_name}: Rechnung {sample.number}",
            "subject": f"Rechnung {sample.number} vom {_de_date(sample.issue_date)} "
            f"an {sample.buyer_name}",
        },
    )
    return result

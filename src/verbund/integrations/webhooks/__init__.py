"""Webhooks to specialist systems (docs/integrations.md, ADR 0016): ``services`` delivers
a message through its whole life (announce, attempt, back-off, give up, retry),
``transport`` says where and how it is sent (allowed URLs, signature, HTTP)."""

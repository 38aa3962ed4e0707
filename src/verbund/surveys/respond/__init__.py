"""The recipient's side of a survey: answering through the personal link, without an
account."""

"""A survey's results: figures per question, breakdowns by Land, kind and size, the
charts and the exports (CSV, XLSX with a code book)."""

"""Loading and saving risks/*.yaml, importers (risk pages, MIT database), integrity checks.

Public API for other layers: `riskreg.register.store.load_register(folder) -> Register`
(see `riskreg.models.risk.Register`). Modules: `store` (files), `yamlio` (safe YAML with line
numbers), `pages` and `mit` + `mitsheet` (importers), `merge` (folding imports into the
register), `catalogue` (MIT mitigation database), `lint` (references), `listing` (filters and
output text), `schema` (the committed JSON Schema), `text` and `tabular` (shared helpers),
`loaded` (a file as read), `lookup` (a mitigation by id in register or catalogue).

AI systems (issue 13): `criteria` (scale, level matrix, residual rule), `systems` (one file per
system), `scope` (in-scope risks, unassessed counts, target ownership), `residual` (residual risk
and the residual gate), `review` (overdue reviews, acceptance expiry), `links` (register-side
control links), `migrate` (schema 1 -> 2), `xlsx_*` (the spreadsheet round trip),
`system_schema` (their committed JSON Schemas).
"""

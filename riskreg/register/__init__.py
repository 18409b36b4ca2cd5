"""Loading and saving risks/*.yaml, importers (risk pages, MIT database), integrity checks.

Public API for other layers: `riskreg.register.store.load_register(folder) -> Register`
(see `riskreg.models.risk.Register`). Modules: `store` (files), `yamlio` (safe YAML with line
numbers), `pages` and `mit` + `mitsheet` (importers), `merge` (folding imports into the
register), `catalogue` (MIT mitigation database), `lint` (references), `listing` (filters and
output text), `schema` (the committed JSON Schema), `text` and `tabular` (shared helpers),
`loaded` (a file as read), `lookup` (a mitigation by id in register or catalogue).
"""

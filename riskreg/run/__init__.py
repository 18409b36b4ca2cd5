"""The evaluation pipeline between `cli` and the services: one Settings in, reports and messages out.

Settings -> register -> engine -> evaluate -> waivers/baseline -> Report -> record. Nothing here
prints, exits or imports typer: results and warnings come back as values (`RunResult`), progress
goes through a callback the caller passes, and failures are the RiskregError subclasses of
`riskreg.errors`, which the CLI turns into exit codes. Modules: `evaluation` (the pipeline),
`engine` (register, catalogue, a running engine), `workflow` (waivers, baseline, trend, history),
`provenance` (inputs with sha256), `sources` (a fresh run, a saved report or the catalogue alone,
and coverage), `baseline`, `evidence` and `bundle` (what those commands produce).
"""

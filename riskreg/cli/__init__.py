"""The Typer command-line interface: the only layer that prints, reads flags or exits."""

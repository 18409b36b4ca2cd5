"""One module per output format behind a registry, plus the one Jinja2 environment."""

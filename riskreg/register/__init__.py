"""Loading and saving risks/*.yaml, importers (risk pages, MIT database), integrity checks."""

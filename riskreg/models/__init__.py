"""Pure, frozen pydantic models shared by every layer; this package does no I/O."""

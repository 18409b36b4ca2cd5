"""The coverage graph (networkx) and its queries; pure, no I/O."""

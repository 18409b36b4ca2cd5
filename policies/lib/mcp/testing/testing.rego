# METADATA
# title: MCP test inputs
# description: Input builders for the MCP controls' tests, in riskreg's input shape.
package riskreg.lib.mcp.testing

# METADATA
# description: A target holding one MCP configuration read from `.mcp.json`.
target(config) := named(".mcp.json", config)

# METADATA
# description: A target holding one MCP configuration read from the given file.
named(path, config) := {
	"riskreg": {"schema": 2, "now_ns": 1795000000000000000},
	"target": "tests/target",
	"documents": [{"path": path, "index": 0, "contents": config, "format": "mcp"}],
}

# METADATA
# description: A target with one stdio server `s` started by `command args`.
server(command, args) := target({"mcpServers": {"s": {"command": command, "args": args}}})

# METADATA
# description: Whether some finding points at exactly this path.
fires(findings, path) if {
	some finding in findings
	finding.path == path
}

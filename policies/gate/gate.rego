# METADATA
# title: riskreg gate entrypoint
# description: >-
#   Evaluates every control package under data.riskreg on each target of a batch, in one
#   query, so riskreg needs one HTTP request per batch instead of one per control and target.
#   It lives outside data.riskreg because it reads all of data.riskreg.
package riskreg_gate

# METADATA
# description: For each target of input.targets, in order, the deny and warn results of every control.
# entrypoint: true
batch := [result |
	some target in input.targets

	# Batching targets into one query is the point of this entrypoint, so `with` is wanted here.
	# regal ignore:with-outside-test-context,comprehension-term-assignment
	result := controls with input as target
]

# METADATA
# description: >-
#   The results of every control package on the current input, by area and control (package
#   riskreg.<area>.<control>): deny, warn, and the assurance levels of what it checked (verified,
#   attested), so riskreg can tell a pass from a control that looked at nothing. Nested rather
#   than keyed "<area>.<control>", which saved building that key for every control of every
#   target; riskreg reads both shapes (riskreg/models/control.py by_package_key). Helper rules a
#   control does not need stay unevaluated.
controls[area][control] := {"deny": deny, "warn": warn, "checked": checked} if {
	some area, control
	deny := data.riskreg[area][control].deny
	warn := {item | some item in data.riskreg[area][control].warn}
	checked := {item.assurance | some item in data.riskreg[area][control].checked}
}

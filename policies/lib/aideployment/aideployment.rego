# METADATA
# title: AIDeployment values
# description: >-
#   Judges what an AIDeployment declares, not merely that it declares something: names against
#   the vocabularies of policies/params.yaml (section aideployment), dates against the evaluation
#   time, filesystem scopes by the paths they really reach (`..`, globs, `~` and /var/run
#   resolved), network scopes by the addresses they really cover (CIDR arithmetic over IPv4 and
#   IPv6, split ranges added up), trust tiers by the capabilities they unlock (a catalogue, not
#   the tier's own flag). Every fact is a rule, computed once per target.
package riskreg.lib.aideployment

import data.riskreg.lib.input as target
import data.riskreg_params as params

_p := params.aideployment

# --- names and vocabularies --------------------------------------------------------------

# METADATA
# description: >-
#   A name as vocabularies compare it: trimmed, lower case, each space, `_` and `.` as `-`
#   ("Llama_Guard 3" and "llama-guard-3" are one name). Undefined for non-strings. The
#   separators are a literal: a rule as an argument costs one more expression each call.
name_key(name) := strings.replace_n({" ": "-", "_": "-", ".": "-"}, lower(trim_space(name))) if is_string(name)

# METADATA
# description: >-
#   True when name is listed in the vocabulary params.aideployment[key]. The lists are written
#   in name_key form (lower case, `-`), so only the declared name is normalised, and only when
#   it is not listed as written.
known(key, name) if name in _p[key]

else if name_key(name) in _p[key]

# METADATA
# description: True when some name of the list is known in the vocabulary key.
any_known(key, list) if {
	some name in list
	known(key, name)
}

# METADATA
# description: True when name is a placeholder that names nothing (`none`, `noop`, `/dev/null`, blank...).
placeholder(name) if name_key(name) in _placeholders

_placeholders := array.concat(_p.placeholder_names, [""])

# METADATA
# description: The value when it is an array, else the empty array (odd shapes iterate as nothing).
as_list(value) := value if is_array(value)

else := []

# METADATA
# description: A key identifying an entry in rules keyed by deployment.
key(entry) := sprintf("%s#%d", [entry.path, entry.index])

# --- booleans -----------------------------------------------------------------------------

# METADATA
# description: >-
#   Why a value that must be the boolean `want` is not it, for messages: missing, the wrong
#   boolean, or a string or number that only spells one ("false", "no", 0) and is no boolean.
flag_problem(value, want) := "is not set" if {
	value == null
} else := sprintf("is %v", [value]) if {
	is_boolean(value)
} else := sprintf("is the string %q, not the boolean %v", [value, want]) if {
	is_string(value)
} else := sprintf("is the %s %v, not the boolean %v", [type_name(value), value, want])

# --- dates --------------------------------------------------------------------------------

# METADATA
# description: A date (YYYY-MM-DD) or RFC 3339 time as nanoseconds since the epoch; undefined otherwise.
date_ns(value) := time.parse_ns("2006-01-02", value) if {
	is_string(value)
	regex.match(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$`, value)
} else := time.parse_rfc3339_ns(value) if {
	is_string(value)
	regex.match(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$`, value)
}

# METADATA
# description: True when value is a date at or before the evaluation time (only such a date is evidence).
evidence_date(value) if date_ns(value) <= target.now_ns

# METADATA
# description: Why a date is not evidence (not a date, or after the evaluation time), for messages.
date_problem(value) := "is not set" if {
	value == null
} else := sprintf("%v is not a date (YYYY-MM-DD)", [value]) if {
	not date_ns(value)
} else := sprintf("%v is after the evaluation time: a future date is not evidence", [value]) if {
	date_ns(value) > target.now_ns
}

# METADATA
# description: Whole days from a date to the evaluation time.
age_days(value) := days_since(date_ns(value))

# METADATA
# description: Whole days from a time in nanoseconds to the evaluation time.
days_since(ns) := floor((target.now_ns - ns) / 86400000000000) # 24 * 3600 * 10^9 ns a day

# --- wildcards and unbounded grants --------------------------------------------------------

_glob_chars := `[*?\[\]{}]`

# METADATA
# scope: document
# description: >-
#   True when a scope or permission string grants everything of its kind: a wildcard or glob
#   (`*`, `agent:*`, `repo?`) anywhere, a `:`-separated segment such as `all` or
#   `unrestricted`, a blank, or no string at all.
unbounded(scope) if not is_string(scope)

unbounded(scope) if regex.match(_unbounded_pattern, scope)

# One regex for a wildcard or glob character anywhere, a blank, or an unbounded word as a whole
# `:`-separated segment, in any case, with spaces, `_` or `.` for `-` as name_key reads them
# (the words are plain: letters, digits and `-`, as a test of the params checks). `(?i)` leads
# the whole pattern; it changes nothing for the glob characters and the blank.
_unbounded_pattern := sprintf(
	`(?i)[*?\[\]{}]|^\s*$|(^|:)\s*(%s)\s*(:|$)`,
	[replace(concat("|", _p.unbounded_scope_words), "-", "[-_. ]")],
)

# --- authentication and roles (ACC-001) ----------------------------------------------------

# METADATA
# description: >-
#   Every accepted authentication method that is not strong, as {entry, index, method}: one
#   weak method accepted next to a strong one is the way around it.
weak_authentication contains {"entry": entry, "index": i, "method": method} if {
	some entry in target.aideployments
	some i, method in entry.contents.spec.access.authentication
	not known("strong_authentication_methods", method)
}

# METADATA
# description: Every role permission that is a wildcard or unbounded, as {entry, role, index, permission}.
unbounded_permissions contains {"entry": entry, "role": r, "index": i, "permission": permission} if {
	some entry in target.aideployments
	some r, role in entry.contents.spec.access.roles
	some i, permission in role.permissions
	unbounded(permission)
}

# --- trust tiers (GATE-002) ----------------------------------------------------------------

# METADATA
# description: >-
#   Every capability a trust tier unlocks that the params catalogue calls high-impact (or a
#   wildcard, unbounded word or glob reaching one), as {entry, tier_index, tier, index,
#   capability, verified}: verified when the tier requires identity verification (the boolean).
high_impact_grants contains grant if {
	some entry in target.aideployments
	some t, tier in entry.contents.spec.gating.trustTiers
	some i, capability in tier.capabilities
	_high_impact(capability)
	grant := {
		"entry": entry,
		"tier_index": t,
		"tier": object.get(tier, "name", sprintf("#%d", [t])),
		"index": i,
		"capability": capability,
		"verified": object.get(tier, "requiresIdentityVerification", null) == true,
	}
}

# A catalogued capability or an unbounded word, as name_key reads it.
_high_impact(capability) if name_key(capability) in _high_impact_names

# Only a capability with a glob character can be a glob (name_key neither adds nor removes
# one): the one regex settles nearly every capability.
_high_impact(capability) if {
	regex.match(`[*?\[\]{}]`, capability)
	_high_impact_glob(capability)
}

_high_impact_names := array.concat(_p.high_impact_capabilities, _p.unbounded_scope_words)

# A glob riskreg cannot evaluate safely (classes, alternatives) may reach anything.
_high_impact_glob(capability) if regex.match(`[\[\]{}]`, capability)

# A glob riskreg can evaluate (letters, digits, `-`, `*`, `?`) reaching a catalogued capability.
_high_impact_glob(capability) if {
	name := name_key(capability)
	regex.match(`^[a-z0-9*?-]*[*?][a-z0-9*?-]*$`, name)
	some listed in _p.high_impact_capabilities
	glob.match(name, [], listed)
}

# --- rate limits (GATE-001) ----------------------------------------------------------------

# METADATA
# description: >-
#   Every rate limit with what it bounds, as {entry, key, index, scope, tier, budgets (how many
#   it sets), bounded, malformed, excess}: bounded when it sets a budget and every budget it
#   sets is a positive number; malformed lists the budgets that are not ([field, value]), excess those above the
#   ceiling params.aideployment.rate_limit_ceilings sets for its scope ([field, value, ceiling];
#   a budget at the ceiling is within it).
rate_limits contains item if {
	some entry in target.aideployments
	k := key(entry)
	some i, limit in entry.contents.spec.gating.rateLimits
	is_object(limit)
	budgets := object.filter(limit, {"requestsPerMinute", "tokensPerMinute"})
	malformed := [[field, value] | some field, value in budgets; not _positive(value)]
	n := count(budgets)
	item := {
		"entry": entry,
		"key": k,
		"index": i,
		"scope": object.get(limit, "scope", null),
		"tier": object.get(limit, "tier", null),
		"bounded": _valid(n, malformed),
		"budgets": n,
		"malformed": malformed,
		"excess": [[field, value, ceiling] |
			some field, value in budgets
			ceiling := _p.rate_limit_ceilings[limit.scope][field]
			is_number(value)
			value > ceiling
		],
	}
}

_positive(value) if {
	is_number(value)
	value > 0
}

_valid(budgets, malformed) if {
	budgets > 0
	malformed == []
} else := false

# METADATA
# description: >-
#   For each deployment key, who its per-caller limits bound, as {everyone, unbounded_tiers}:
#   everyone when a user or API-key limit with a valid budget applies to every caller; else
#   unbounded_tiers lists the trust tiers ([index, name]) that no tier-scoped limit bounds.
caller_limits[k] := {"everyone": _anyone(valid), "unbounded_tiers": tiers} if {
	some entry in target.aideployments
	k := key(entry)
	valid := [limit | some limit in rate_limits; limit.key == k; limit.bounded]
	bounded_tiers := {limit.tier | some limit in valid; limit.scope == "tier"}
	tiers := [[i, tier.name] |
		some i, tier in entry.contents.spec.gating.trustTiers
		not tier.name in bounded_tiers
	]
}

_anyone(valid) if {
	some limit in valid
	limit.scope in {"user", "apiKey"}
} else := false

# --- audits (AUD-001..003) -----------------------------------------------------------------

# METADATA
# description: >-
#   Every audit as {entry, key, index, audit, kind, scope (a set), external (the boolean true
#   only), evidence (dated at or before the evaluation time), date_ns (null when no date)}.
audits contains {
	"entry": entry,
	"key": k,
	"index": i,
	"audit": audit,
	"kind": object.get(audit, "kind", ""),
	"scope": {name | some name in audit.scope},
	"external": object.get(audit, "external", null) == true,
	"evidence": _is_evidence(ns),
	"date_ns": ns,
} if {
	some entry in target.aideployments
	k := key(entry)
	some i, audit in entry.contents.spec.audits
	is_object(audit)
	ns := _date_or_zero(audit)
}

_is_evidence(ns) if {
	ns != null
	ns <= target.now_ns
} else := false

_date_or_zero(audit) := ns if {
	ns := date_ns(audit.date)
} else := null

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
#   A name as vocabularies compare it: trimmed, lower case, runs of spaces, `_` and `.` as `-`
#   ("Llama_Guard 3" and "llama-guard-3" are one name). Undefined for non-strings.
name_key(name) := regex.replace(lower(trim_space(name)), `[\s_.]+`, "-") if is_string(name)

_vocabulary[key] := {name_key(name) | some name in list} if {
	some key, list in _p
	is_array(list)
}

# METADATA
# description: True when name is listed in the vocabulary params.aideployment[key] (compared by name_key).
known(key, name) if name_key(name) in _vocabulary[key]

# METADATA
# scope: document
# description: True when name is a placeholder that names nothing (`none`, `noop`, `/dev/null`, blank...).
placeholder(name) if known("placeholder_names", name)

placeholder(name) if name_key(name) == ""

# METADATA
# description: >-
#   The names of a list that count as evidence (listed in the vocabulary key) and the others, as
#   {"known": [[index, name]...], "unknown": [[index, name]...]}; a list that is not an array has none.
sort_names(key, list) := {
	"known": [[i, name] | some i, name in as_list(list); known(key, name)],
	"unknown": [[i, name] | some i, name in as_list(list); not known(key, name)],
}

# METADATA
# description: The value when it is an array, else the empty array (odd shapes iterate as nothing).
as_list(value) := value if is_array(value)

else := []

# METADATA
# description: The value at a path under the entry's spec, or null.
spec_value(entry, path) := object.get(entry.contents, array.concat(["spec"], path), null)

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

_day := `\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])`

# METADATA
# scope: document
# description: A date (YYYY-MM-DD) or RFC 3339 time as nanoseconds since the epoch; undefined otherwise.
date_ns(value) := time.parse_ns("2006-01-02", value) if {
	is_string(value)
	regex.match(sprintf("^%s$", [_day]), value)
}

date_ns(value) := time.parse_rfc3339_ns(value) if {
	is_string(value)
	regex.match(sprintf(`^%s[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$`, [_day]), value)
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
age_days(value) := floor((target.now_ns - date_ns(value)) / _ns_per_day)

_ns_per_day := (24 * 3600) * 1000000000

# --- wildcards and unbounded grants --------------------------------------------------------

_glob_chars := `[*?\[\]{}]`

# METADATA
# description: >-
#   The `:`-separated segments of a scope or permission string that grant everything of their
#   kind: a wildcard or glob (`*`, `agent:*`, `repo?`), or a word such as `all` or `unrestricted`.
unbounded_segments(scope) := [segment |
	some segment in split(scope, ":")
	_unbounded_segment(segment)
] if {
	is_string(scope)
}

_unbounded_segment(segment) if regex.match(_glob_chars, segment)

_unbounded_segment(segment) if known("unbounded_scope_words", segment)

# --- authentication and roles (ACC-001) ----------------------------------------------------

# METADATA
# description: >-
#   Every accepted authentication method that is not strong, as {entry, index, method}: one
#   weak method accepted next to a strong one is the way around it.
weak_authentication contains {"entry": entry, "index": i, "method": method} if {
	some entry in target.aideployments
	some i, method in as_list(spec_value(entry, ["access", "authentication"]))
	not known("strong_authentication_methods", method)
}

# METADATA
# description: Every role permission that is a wildcard or unbounded, as {entry, role, index, permission}.
unbounded_permissions contains {"entry": entry, "role": r, "index": i, "permission": permission} if {
	some entry in target.aideployments
	some r, role in as_list(spec_value(entry, ["access", "roles"]))
	is_object(role)
	some i, permission in as_list(object.get(role, "permissions", []))
	_unbounded_or_blank(permission)
}

_unbounded_or_blank(value) if count(unbounded_segments(value)) > 0

_unbounded_or_blank(value) if name_key(value) == ""

_unbounded_or_blank(value) if not is_string(value)

# --- trust tiers (GATE-002) ----------------------------------------------------------------

# METADATA
# description: >-
#   Every capability a trust tier unlocks that the params catalogue calls high-impact (or a
#   wildcard, unbounded word or glob reaching one), as {entry, tier_index, tier, index,
#   capability, verified}: verified when the tier requires identity verification (the boolean).
high_impact_grants contains grant if {
	some entry in target.aideployments
	some t, tier in as_list(spec_value(entry, ["gating", "trustTiers"]))
	is_object(tier)
	some i, capability in as_list(object.get(tier, "capabilities", []))
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

_high_impact(capability) if known("high_impact_capabilities", capability)

_high_impact(capability) if known("unbounded_scope_words", capability)

# A glob riskreg can evaluate (letters, digits, `-`, `*`, `?`) reaching a catalogued capability.
_high_impact(capability) if {
	pattern := name_key(capability)
	regex.match(`^[a-z0-9*?-]*[*?][a-z0-9*?-]*$`, pattern)
	some listed in _vocabulary.high_impact_capabilities
	glob.match(pattern, [], listed)
}

# A glob riskreg cannot evaluate safely (classes, alternatives) may reach anything.
_high_impact(capability) if regex.match(`[\[\]{}]`, capability)

# --- rate limits (GATE-001) ----------------------------------------------------------------

_budget_fields := ["requestsPerMinute", "tokensPerMinute"]

# METADATA
# description: >-
#   Every budget of a per-caller rate limit above the params ceiling for its scope, as {entry,
#   index, field, value, ceiling}: a budget at the ceiling is within it.
rate_limit_excess contains {"entry": entry, "index": i, "field": field, "value": value, "ceiling": ceiling} if {
	some entry in target.aideployments
	some i, limit in as_list(spec_value(entry, ["gating", "rateLimits"]))
	ceiling_of := _p.rate_limit_ceilings[limit.scope]
	some field in _budget_fields
	value := limit[field]
	is_number(value)
	ceiling := ceiling_of[field]
	value > ceiling
}

# METADATA
# description: >-
#   Every budget that is set but is no positive number (a string "30", a negative), as
#   {entry, index, field, value}.
malformed_budgets contains {"entry": entry, "index": i, "field": field, "value": value} if {
	some entry in target.aideployments
	some i, limit in as_list(spec_value(entry, ["gating", "rateLimits"]))
	is_object(limit)
	some field in _budget_fields
	value := object.get(limit, field, null)
	value != null
	not _positive(value)
}

_positive(value) if {
	is_number(value)
	value > 0
}

# METADATA
# description: >-
#   For each deployment key, who its per-caller limits bound, as {everyone, unbounded_tiers}:
#   everyone when a user or API-key limit with a valid budget applies to every caller; else
#   unbounded_tiers lists the trust tiers ([index, name]) that no tier-scoped limit bounds.
caller_limits[k] := {"everyone": everyone, "unbounded_tiers": tiers} if {
	some entry in target.aideployments
	k := key(entry)
	everyone := _everyone_bounded(entry)
	tiers := [[i, tier.name] |
		some i, tier in as_list(spec_value(entry, ["gating", "trustTiers"]))
		not _tier_bounded(entry, tier.name)
	]
}

default _everyone_bounded(_) := false

_everyone_bounded(entry) if {
	some limit in as_list(spec_value(entry, ["gating", "rateLimits"]))
	limit.scope in {"user", "apiKey"}
	_bounded(limit)
}

_tier_bounded(entry, name) if {
	some limit in as_list(spec_value(entry, ["gating", "rateLimits"]))
	limit.scope == "tier"
	limit.tier == name
	_bounded(limit)
}

# A limit bounds its callers when it sets a positive budget and none of its budgets is malformed.
_bounded(limit) if {
	some field in _budget_fields
	_positive(object.get(limit, field, null))
	every other in _budget_fields {
		_positive_or_absent(object.get(limit, other, null))
	}
}

_positive_or_absent(null)

_positive_or_absent(value) if _positive(value)

# --- audits (AUD-001..003) -----------------------------------------------------------------

# METADATA
# description: >-
#   Every audit as {entry, index, audit, kind, scope (a set), external (the boolean true only),
#   evidence (dated at or before the evaluation time), date_ns (0 when the date is no date)}.
audits contains item if {
	some entry in target.aideployments
	some i, audit in as_list(spec_value(entry, ["audits"]))
	is_object(audit)
	item := {
		"entry": entry,
		"index": i,
		"audit": audit,
		"kind": object.get(audit, "kind", ""),
		"scope": {name_key(name) | some name in as_list(object.get(audit, "scope", []))},
		"external": object.get(audit, "external", null) == true,
		"evidence": _is_evidence(audit),
		"date_ns": _date_or_zero(audit),
	}
}

_is_evidence(audit) if {
	evidence_date(object.get(audit, "date", null))
} else := false

_date_or_zero(audit) := ns if {
	ns := date_ns(audit.date)
} else := 0

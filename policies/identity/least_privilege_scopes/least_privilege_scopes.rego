# METADATA
# title: The AI system has a service identity with explicit, bounded scopes
# description: >-
#   Checks that an AIDeployment names the service identity it acts as and lists network,
#   filesystem and API scopes that are bounded by what they reach, not by how they are spelled.
#   Network scopes may not mean "anywhere" (`egress:any`, `*.com`, any port), may not cover
#   together more addresses than one network of params aideployment.network_scope_min_prefix
#   (split ranges and IPv4 reached through IPv6 add up), nor reach cloud metadata or the
#   Kubernetes API. Filesystem scopes are resolved (`..`, globs, `~`, /var/run) and may not
#   write protected system paths nor reach credentials and runtime sockets at all (params
#   aideployment.filesystem_protected_paths, filesystem_secret_paths; beneath and above count).
#   API scopes may hold no wildcard or unbounded word. Least privilege keeps an AI system from
#   reaching networks, files or APIs its function does not need, which is how unintended
#   outbound communication and unwanted actions start.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: IAM-001
#   severity: high
#   version: 2
#   mitigates: [mit1163.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.least_privilege_scopes

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not _named(object.get(entry.contents, ["spec", "identity", "serviceAccount"], null))
	path := ["spec", "identity", "serviceAccount"]
	text := "no service identity is declared"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not is_object(object.get(entry.contents, ["spec", "identity", "scopes"], null))
	path := ["spec", "identity", "scopes"]
	text := "no network, filesystem or API scopes are declared"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some scope in declared.network_scopes
	scope.form == "unparsed"
	path := ["spec", "identity", "scopes", "network", scope.index]
	text := sprintf(
		"network scope %v is not egress:<host or CIDR>[:<port>], so what it reaches is unknown",
		[_shown(scope.scope)],
	)
	finding := result.undetermined(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some scope in declared.network_scopes
	scope.form in {"unbounded", "wildcard"}
	path := ["spec", "identity", "scopes", "network", scope.index]
	text := sprintf("network scope %q reaches any destination (%s)", [scope.scope, _form_text[scope.form]])
	finding := result.make(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some scope in declared.network_scopes
	regex.match(`[*?\[\]{}]|^(any|all)$`, scope.port)
	not scope.form in {"unbounded", "wildcard", "unparsed"}
	path := ["spec", "identity", "scopes", "network", scope.index]
	text := sprintf("network scope %q allows any port", [scope.scope])
	finding := result.make(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some scope in declared.network_scopes
	scope.form == "cidr"
	reach := declared.cidr_addresses(scope.cidr)
	some family in ["ipv4", "ipv6"]
	reach[family] > declared.max_addresses(family)
	path := ["spec", "identity", "scopes", "network", scope.index]
	text := sprintf("network scope %q reaches %v %s addresses, more than one /%v", [
		scope.scope,
		reach[family],
		family,
		params.aideployment.network_scope_min_prefix[family],
	])
	finding := result.make(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	reach := declared.network_reach[declared.key(entry)]
	some family in ["ipv4", "ipv6"]
	reach[family] > declared.max_addresses(family)
	not _one_too_wide(entry)
	path := ["spec", "identity", "scopes", "network"]
	text := sprintf("the CIDR scopes together reach %v %s addresses, more than one /%v (split ranges add up)", [
		reach[family],
		family,
		params.aideployment.network_scope_min_prefix[family],
	])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some scope in declared.sensitive_network_scopes
	not _too_wide(scope)
	path := ["spec", "identity", "scopes", "network", scope.index]
	text := sprintf(
		"network scope %q reaches cloud instance metadata or the Kubernetes API (params aideployment.sensitive_*)",
		[scope.scope],
	)
	finding := result.make(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some scope in declared.unresolved_filesystem_scopes
	path := ["spec", "identity", "scopes", "filesystem", scope.index, "path"]
	text := sprintf(
		"filesystem scope %v is not an absolute or home path, so what it reaches is unknown",
		[_shown(scope.path)],
	)
	finding := result.undetermined(rego.metadata.chain(), scope.entry, path, text)
}

deny contains finding if {
	some grant in declared.filesystem_grants
	grant.writes
	_reaches_any(grant)
	reached := grant.protected | grant.secret
	path := ["spec", "identity", "scopes", "filesystem", grant.index]
	text := sprintf("%v access to %q%s reaches protected paths: %s", [
		_shown(grant.access),
		grant.path,
		_resolved_note(grant),
		_some_of(reached),
	])
	finding := result.make(rego.metadata.chain(), grant.entry, path, text)
}

deny contains finding if {
	some grant in declared.filesystem_grants
	not grant.writes
	count(grant.secret) > 0
	path := ["spec", "identity", "scopes", "filesystem", grant.index]
	text := sprintf("read access to %q%s reaches credentials or runtime sockets: %s", [
		grant.path,
		_resolved_note(grant),
		_some_of(grant.secret),
	])
	finding := result.make(rego.metadata.chain(), grant.entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, scope in entry.contents.spec.identity.scopes.api
	declared.unbounded(scope)
	path := ["spec", "identity", "scopes", "api", i]
	text := sprintf("API scope %v grants everything of its kind (a wildcard, unbounded word or blank)", [_shown(scope)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

# --- network --------------------------------------------------------------------------------

_form_text := {"unbounded": "a word for anywhere", "wildcard": "a wildcard or domain suffix"}

_too_wide(scope) if {
	scope.form == "cidr"
	reach := declared.cidr_addresses(scope.cidr)
	some family in ["ipv4", "ipv6"]
	reach[family] > declared.max_addresses(family)
}

_one_too_wide(entry) if {
	some scope in declared.network_scopes
	scope.entry == entry
	_too_wide(scope)
}

# --- filesystem -----------------------------------------------------------------------------

# A grant reaches a protected or secret path (a cheaper test than the union it prints).
_reaches_any(grant) if grant.protected != set()

_reaches_any(grant) if grant.secret != set()

_resolved_note(grant) := "" if grant.resolved == grant.path

else := sprintf(" (%s)", [grant.resolved])

_some_of(paths) := concat(", ", sorted) if {
	sorted := sort(paths)
	count(sorted) <= 4
} else := sprintf("%s and %d more", [concat(", ", array.slice(sort(paths), 0, 4)), count(paths) - 4])

# --- API ------------------------------------------------------------------------------------

_named(identity) if {
	is_string(identity)
	not declared.placeholder(identity)
}

_shown(value) := sprintf("%q", [value]) if is_string(value)

else := sprintf("%v", [value])

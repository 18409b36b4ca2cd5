package riskreg.lib.aideployment_test

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.testing
import data.riskreg_params as params

_pinned := testing.target([])

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

# --- names, flags, dates ----------------------------------------------------------------------

test_pass_name_key_normalises_case_spacing_and_separators if {
	declared.name_key(" Llama_Guard 3 ") == "llama-guard-3"
	declared.name_key("llama-guard.3") == "llama-guard-3"
	not declared.name_key(3)
}

# known() normalises only the declared name, so the params lists must be in name_key form.
test_pass_params_vocabularies_are_in_name_key_form if {
	every key in [
		"strong_authentication_methods", "placeholder_names", "misuse_signals", "input_classifiers",
		"output_classifiers", "safety_alignment_techniques", "high_impact_capabilities",
		"containment_actions", "baseline_signals", "anomaly_engines", "self_replication_suites",
		"unbounded_scope_words",
	] {
		every name in params.aideployment[key] {
			declared.name_key(name) == name
		}
	}
}

test_pass_unbounded_words_are_plain if {
	every word in params.aideployment.unbounded_scope_words {
		regex.match(`^[a-z0-9-]+$`, word)
	}
}

test_pass_known_and_placeholder_names if {
	declared.known("input_classifiers", "Prompt_Injection")
	not declared.known("input_classifiers", "noop")
	declared.placeholder("NoOp")
	declared.placeholder("   ")
	declared.placeholder("/dev/null")
	not declared.placeholder("siem.example.com")
}

test_pass_any_known if {
	not declared.any_known("misuse_signals", ["x", "Jail break!"])
	declared.any_known("misuse_signals", ["x", "jailbreak"])
	not declared.any_known("misuse_signals", "jailbreak")
}

test_pass_flag_problem_names_the_spelling if {
	declared.flag_problem(null, false) == "is not set"
	declared.flag_problem(true, false) == "is true"
	declared.flag_problem("false", false) == `is the string "false", not the boolean false`
	declared.flag_problem(0, false) == "is the number 0, not the boolean false"
	declared.flag_problem(["x"], true) == `is the array ["x"], not the boolean true`
}

test_pass_dates_before_now_are_evidence if {
	declared.evidence_date("2026-01-02") with input as _pinned
	declared.evidence_date("2026-11-18T00:00:00Z") with input as _pinned
	not declared.evidence_date("2099-01-01") with input as _pinned
	not declared.evidence_date("2026-13-01") with input as _pinned
	not declared.evidence_date(20260101) with input as _pinned
	declared.age_days("2026-11-08") == 10 with input as _pinned
}

test_pass_date_problem_explains if {
	declared.date_problem(null) == "is not set" with input as _pinned
	declared.date_problem("soon") == "soon is not a date (YYYY-MM-DD)" with input as _pinned
	contains(declared.date_problem("2099-01-01"), "a future date is not evidence") with input as _pinned
	not declared.date_problem("2026-01-01") with input as _pinned
}

test_pass_unbounded if {
	declared.unbounded("agent:*")
	not declared.unbounded("github:repo:read")
	declared.unbounded("repo:ALL")
	declared.unbounded("repo?:read")
	declared.unbounded(" ")
	declared.unbounded(7)
}

# --- authentication, roles, tiers, limits, audits --------------------------------------------

test_pass_weak_authentication_lists_each_weak_method if {
	input1 := _with("/spec/access/authentication", ["mfa", "basic", "mtls", "none"])
	weak := declared.weak_authentication with input as input1
	{[w.index, w.method] | some w in weak} == {[1, "basic"], [3, "none"]}
}

test_pass_unbounded_permissions if {
	input1 := _with("/spec/access/roles/1/permissions", ["agent:use", "agent:*", " "])
	found := declared.unbounded_permissions with input as input1
	{[p.role, p.index] | some p in found} == {[1, 1], [1, 2]}
}

test_pass_high_impact_grants_ignore_the_tier_flag if {
	grants := declared.high_impact_grants with input as _with("/spec/gating/trustTiers/0/capabilities", [
		"search",
		"Code_Execution",
		"pay*",
		"{shell,x}",
		"*",
	])
	{[g.index, g.verified] | some g in grants; g.tier_index == 0} == {[1, false], [2, false], [3, false], [4, false]}
}

test_pass_caller_limits_per_user if {
	limits := declared.caller_limits with input as testing.target([testing.aideployment])
	limits["tests/target/manifests.yaml#0"] == {"everyone": true, "unbounded_tiers": [[0, "signed-in"]]}
}

test_pass_caller_limits_tier_only if {
	target := testing.aideployment_with([testing.remove_at("/spec/gating/rateLimits/0")])
	limits := declared.caller_limits with input as target
	limits["tests/target/manifests.yaml#0"] == {"everyone": false, "unbounded_tiers": [[0, "signed-in"]]}
}

test_pass_malformed_user_limit_bounds_nobody if {
	target := _with("/spec/gating/rateLimits/0/requestsPerMinute", "30")
	callers := declared.caller_limits with input as target
	not callers["tests/target/manifests.yaml#0"].everyone
	limits := declared.rate_limits with input as target
	{[l.index, l.malformed] | some l in limits} == {[0, [["requestsPerMinute", "30"]]], [1, []]}
}

test_pass_rate_limit_excess_is_strictly_above_the_ceiling if {
	at := declared.rate_limits with input as _with("/spec/gating/rateLimits/0/requestsPerMinute", 600)
	{l.excess | some l in at} == {[]}
	above := declared.rate_limits with input as _with("/spec/gating/rateLimits/0/requestsPerMinute", 601)
	{[l.index, l.excess] | some l in above} == {[0, [["requestsPerMinute", 601, 600]]], [1, []]}
}

test_pass_audits_are_evidence_only_when_dated_before_now if {
	items := declared.audits with input as _with("/spec/audits/1/date", "2099-01-01")
	{[a.index, a.evidence, a.external] | some a in items} == {[0, true, true], [1, false, true]}
}

# --- filesystem -------------------------------------------------------------------------------

_grant(path, access) := grant if {
	target := _with("/spec/identity/scopes/filesystem", [{"path": path, "access": access}])

	# regal ignore:with-outside-test-context
	some grant in declared.filesystem_grants with input as target
}

test_pass_scratch_directory_reaches_nothing_protected if {
	grant := _grant("/tmp/agent/**", "readwrite")
	grant.root == "/tmp/agent"
	grant.protected == set()
	grant.secret == set()
}

test_pass_traversal_is_resolved if {
	grant := _grant("/tmp/agent/../../etc/./cron.d/", "write")
	grant.resolved == "/etc/cron.d"
	grant.protected == {"/etc"}
}

test_pass_glob_reaches_what_it_may_match if {
	_grant("/e*/passwd", "write").root == "/"
	"/etc" in _grant("/e*/passwd", "write").protected
}

test_pass_traversal_after_a_glob_reaches_anywhere if {
	_grant("/tmp/**/../x", "read").root == "/"
}

test_pass_var_run_is_run if {
	grant := _grant("/var/run/docker.sock", "read")
	grant.resolved == "/run/docker.sock"
	grant.secret == {"/run/docker.sock"}
}

test_pass_home_spellings if {
	_grant("$HOME/.ssh/id_ed25519", "read").secret == {"~/.ssh"}
	_grant("${HOME}", "write").root == "~"
	"~/.ssh" in _grant("/home/agent", "write").protected
	"~/.aws" in _grant("/root/.aws/credentials", "read").secret
	_grant("~bob/.kube/config", "read").secret == {"~/.kube"}
	_grant("~/../../etc", "write").root == "/"
	_grant("~/work", "readwrite").protected == set()
}

# The params lists are compared as text, so each must be written resolved (as a grant of it is).
test_pass_params_paths_are_written_resolved if {
	protected := params.aideployment.filesystem_protected_paths
	every listed in array.concat(protected, params.aideployment.filesystem_secret_paths) {
		_grant(listed, "write").resolved == listed
	}
}

test_pass_whole_filesystem_read_reaches_secrets if {
	grant := _grant("/", "read")
	"/root" in grant.secret
	"~/.ssh" in grant.secret
}

test_pass_relative_paths_are_unresolved if {
	scopes := [{"path": "work/../..", "access": "read"}, {"path": "/tmp", "access": "read"}]
	target := _with("/spec/identity/scopes/filesystem", scopes)
	found := declared.unresolved_filesystem_scopes with input as target
	{s.index | some s in found} == {0}
}

# --- network ----------------------------------------------------------------------------------

_scopes(list) := {s.scope: [s.form, s.destination, s.port, s.cidr] | some s in scopes} if {
	# regal ignore:with-outside-test-context
	scopes := declared.network_scopes with input as _with("/spec/identity/scopes/network", list)
}

test_pass_network_scopes_are_parsed if {
	parsed := _scopes([
		"egress:search.example.com:443",
		"EGRESS:Any",
		"egress:*.com:443",
		"egress:.example.com",
		"egress:0.0.0.0/0:443",
		"egress:[2001:db8::1]:8443",
		"egress:2001:db8::/48:443",
		"egress:fd00::1",
		"https://example.com",
		"egress:bad_host!:1",
		"egress:2852039166:80",
		"egress:0251.0376.0251.0376:80",
	])
	parsed["egress:search.example.com:443"] == ["host", "search.example.com", "443", ""]
	parsed["EGRESS:Any"] == ["unbounded", "any", "", ""]
	parsed["egress:*.com:443"][0] == "wildcard"
	parsed["egress:.example.com"][0] == "wildcard"
	parsed["egress:0.0.0.0/0:443"] == ["cidr", "0.0.0.0/0", "443", "0.0.0.0/0"]
	parsed["egress:[2001:db8::1]:8443"] == ["cidr", "2001:db8::1", "8443", "2001:db8::1/128"]
	parsed["egress:2001:db8::/48:443"] == ["cidr", "2001:db8::/48", "443", "2001:db8::/48"]
	parsed["egress:fd00::1"] == ["cidr", "fd00::1", "", "fd00::1/128"]
	parsed["https://example.com"][0] == "unparsed"
	parsed["egress:bad_host!:1"][0] == "unparsed"
	parsed["egress:2852039166:80"][0] == "unparsed"
	parsed["egress:0251.0376.0251.0376:80"][0] == "unparsed"
}

test_pass_cidr_addresses_per_family if {
	declared.cidr_addresses("10.0.0.0/24") == {"ipv4": 256, "ipv6": 0}
	declared.cidr_addresses("::ffff:0:0/96") == {"ipv4": 4294967296, "ipv6": 0}
	declared.cidr_addresses("64:ff9b::/96") == {"ipv4": 4294967296, "ipv6": 4294967296}
	declared.cidr_addresses("::/80").ipv4 == 4294967296
	declared.cidr_addresses("::ffff:0:0/90").ipv4 == 4294967296
	declared.cidr_addresses("::fffe:0:0/96").ipv4 == 0
	declared.cidr_addresses("2001:db8::/64") == {"ipv4": 0, "ipv6": 18446744073709551616}
	declared.max_addresses("ipv4") == 256
}

test_pass_split_ranges_add_up_and_nested_ones_count_once if {
	target := _with("/spec/identity/scopes/network", [
		"egress:0.0.0.0/1",
		"egress:128.0.0.0/1",
		"egress:10.0.0.0/8",
		"egress:10.0.0.1/8",
	])
	reach := declared.network_reach with input as target
	reach["tests/target/manifests.yaml#0"] == {"ipv4": 4294967296, "ipv6": 0}
}

test_pass_sensitive_destinations if {
	target := _with("/spec/identity/scopes/network", [
		"egress:metadata.google.internal.:80",
		"egress:169.254.169.254:80",
		"egress:[::ffff:169.254.169.254]:80",
		"egress:search.example.com:443",
	])
	found := declared.sensitive_network_scopes with input as target
	{s.index | some s in found} == {0, 1, 2}
}

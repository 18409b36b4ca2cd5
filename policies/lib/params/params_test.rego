package riskreg.lib.params_test

# Controls read their thresholds as `import data.riskreg_params as params`; every section of
# policies/params.yaml must be there, or the controls that need it are undefined (an error).
import data.riskreg_params as params

test_pass_every_section_is_loaded if {
	every section in ["network", "rbac", "pod_security", "workloads", "aideployment", "mcp"] {
		is_object(params[section])
	}
}

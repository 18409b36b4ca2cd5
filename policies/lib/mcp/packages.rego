# Where MCP servers come from
#
#   Every package an MCP server is fetched from, from a client's launch (npx, uvx, docker run)
#   or a registry descriptor's packages, with whether it is pinned (an exact version, an image
#   digest) and the registries it is fetched from, each with the path of the words that say so.
# (Part of package riskreg.lib.mcp; its METADATA is in mcp.rego.)
package riskreg.lib.mcp

_exact := {
	"npm": `^v?[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$`,
	"pypi": `^[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?(?:\.dev[0-9]+)?$`,
	"nuget": `^[0-9]+(?:\.[0-9]+){1,3}(?:-[0-9A-Za-z.-]+)?$`,
}

_registry_types := {"npm": "npm", "pypi": "pypi", "oci": "oci", "nuget": "nuget"}

# METADATA
# scope: document
# description: >-
#   Every package as {entry, name (of the server), path (the words naming it), ecosystem (npm,
#   pypi, oci, nuget, or other for a registry type not understood), package, spec (as written),
#   pinned, template (filled in at release, so not judged), registries: [{url, path}], source
#   (client: a client starts it; descriptor: a publisher's server.json lists it)}.
packages contains {
	"entry": launch.entry,
	"name": launch.name,
	"path": path,
	"ecosystem": launch.ecosystem,
	"package": ref.name,
	"spec": launch.spec,
	"pinned": ref.pinned,
	"template": false,
	"registries": _launch_registries(launch, path),
	"source": "client",
} if {
	some launch in launches
	launch.ecosystem != "local"
	launch.index >= 0
	path := array.concat(launch.path, ["args", launch.index])
	ref := _launch_ref(launch.ecosystem, launch.spec)
}

packages contains {
	"entry": item.entry,
	"name": object.get(item.entry.contents, "name", ""),
	"path": array.concat(item.path, [_version_field(ecosystem)]),
	"ecosystem": ecosystem,
	"package": ref.name,
	"spec": object.get(item.pkg, _version_field(ecosystem), ""),
	"pinned": ref.pinned,
	"template": _templated(item.pkg),
	"registries": [_descriptor_registry(item, ecosystem)],
	"source": "descriptor",
} if {
	some item in descriptor_packages
	ecosystem := object.get(_registry_types, lower(object.get(item.pkg, "registryType", "")), "other")
	ref := _descriptor_ref(ecosystem, item.pkg)
}

_version_field("oci") := "identifier"

_version_field(ecosystem) := "version" if ecosystem != "oci"

default _templated(_) := false

_templated(pkg) if template(pkg.identifier)

_templated(pkg) if template(object.get(pkg, "version", ""))

_launch_ref("npm", spec) := {"name": npm_spec(spec).name, "pinned": _pinned_npm(spec)}

_launch_ref("pypi", spec) := {"name": s.name, "pinned": _pinned_pypi(s)} if s := pypi_spec(spec)

_launch_ref("oci", spec) := {"name": i.name, "pinned": i.digest != ""} if i := image(spec)

_descriptor_ref("oci", pkg) := {"name": i.name, "pinned": i.digest != ""} if i := image(pkg.identifier)

_descriptor_ref(ecosystem, pkg) := {
	"name": _package_name(ecosystem, pkg.identifier),
	"pinned": regex.match(_exact[ecosystem], object.get(pkg, "version", "")),
} if {
	ecosystem in {"npm", "pypi", "nuget"}
}

_descriptor_ref("other", pkg) := {"name": pkg.identifier, "pinned": false}

_package_name("npm", name) := name

_package_name(ecosystem, name) := lower(name) if ecosystem != "npm"

# Not from a registry (a folder, a tarball, a git URL): pinned only by a full commit hash.
_pinned_npm(spec) := regex.match(`#[0-9a-f]{40}$`, spec) if {
	regex.match(`^(?:\.|/|~|file:|git|https?:|github:)`, spec)
} else := regex.match(_exact.npm, npm_spec(spec).version)

default _pinned_pypi(_) := false

_pinned_pypi(s) if {
	s.operator in {"==", "===", "@"}
	regex.match(_exact.pypi, s.version)
}

_launch_registries(launch, path) := [{"url": r.spec, "path": array.concat(launch.path, ["args", r.index])} |
	some r in launch.registries
] if {
	count(launch.registries) > 0
} else := [{"url": image(launch.spec).host, "path": path}] if {
	launch.ecosystem == "oci"
} else := [{"url": params.default_registries[launch.ecosystem], "path": path}]

_descriptor_registry(item, ecosystem) := {"url": url, "path": array.concat(item.path, ["registryBaseUrl"])} if {
	url := item.pkg.registryBaseUrl
	is_string(url)
} else := {"url": image(item.pkg.identifier).host, "path": array.concat(item.path, ["identifier"])} if {
	ecosystem == "oci"
} else := {"url": object.get(params.default_registries, ecosystem, ""), "path": array.concat(item.path, ["identifier"])}

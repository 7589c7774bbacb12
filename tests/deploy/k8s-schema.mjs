// k8s-schema.mjs - validates a DaemonSet manifest against the Kubernetes API's
// own schema (the OpenAPI definitions packaged by the npm module
// kubernetes-models), offline: field types, enums, quantities, required
// fields.  Unknown fields are not its business (the schema allows them):
// tests/deploy/daemonset.py check looks for those.
//   K8S_SCHEMA_MODULES=DIR/node_modules node k8s-schema.mjs FILE
// Prints "FILE: valid" or "FILE: <problems>"; exits 1 when invalid.
import fs from "fs";
import path from "path";
import { pathToFileURL } from "url";

// The modules live in a cache directory outside the repository
// (tests/deploy/lib.sh): import them from there by path.
const modules = process.env.K8S_SCHEMA_MODULES;
const from = (p) => import(pathToFileURL(path.join(modules, p)).href);
const yaml = (await from("js-yaml/index.js")).default;
const { DaemonSet } = await from("kubernetes-models/apps/v1/index.js");

const file = process.argv[2];
let doc;
try {
	doc = yaml.load(fs.readFileSync(file, "utf8"));
} catch (e) {
	console.log(`${file}: ${e.message}`);
	process.exit(1);
}
try {
	new DaemonSet(doc).validate();
	console.log(`${file}: valid`);
} catch (e) {
	console.log(`${file}: ${e.message}`);
	process.exit(1);
}

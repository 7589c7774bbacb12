/* section4_images.c - benchmark section 4: Container images and build file.
 *
 * Every row is Manual in 1.6.0, 1.7.0 and 1.8.0 and has the same id in all
 * three.  4.1 runs once per running container, as the benchmark's audit
 * looks at each container's user (docker run --user included), with the
 * image's USER as evidence; 4.3 lists each running container (from the
 * images' used_by) with its image, for a person to list its packages.
 * The other rows run once per image in
 * engine.images (by default the images that running containers use) with
 * the functions of checks/image_checks.c.
 * 4.6, 4.7, 4.9 and 4.10 are decided from image config and history;
 * 4.8 from the setuid/setgid files found in the image's layer directories;
 * 4.2 is decided when the user names trusted registries; the rest gather
 * evidence for a person (evidence_only). */
#include "check.h"
#include "image_checks.h"

#include "pure.h"        /* last: no I/O below this line */

#define SAME_ID(x) { x, x, x }

static const struct check images_checks[] = {
	{
		.id = SAME_ID("4.1"),
		.slug = "image_non_root_user",
		.title = "Containers run as a non-root user",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_CONTAINER,
		.audit_container = audit_container_non_root_user,
		.rationale = "A process that is root inside the container needs only one more "
			     "flaw to be root on the host.",
		.remediation = "Create an unprivileged user in the Dockerfile (RUN useradd ...) "
			       "and switch to it with USER; or start the container with --user UID:GID.",
		.manual_note = "Look at Config.User of each running container (docker inspect "
			       "--format '{{.Config.User}}'), which docker run --user sets; empty or "
			       "root/0 means root.",
	},
	{
		.id = SAME_ID("4.2"),
		.slug = "image_trusted_base",
		.title = "Images are built only from trusted base images",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_trusted_registry,
		.rationale = "A base image from an unknown publisher can carry malware or stale "
			     "packages into every image built on it.",
		.remediation = "Build FROM official or internally maintained images, pinned by "
			       "digest (FROM image@sha256:...), pulled from registries you control.",
		.manual_note = "Check where each image's base comes from (docker history, the "
			       "Dockerfile's FROM lines) against your list of trusted registries.",
	},
	{
		.id = SAME_ID("4.3"),
		.slug = "image_minimal_packages",
		.title = "Images contain only the packages they need",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_HOST,
		.audit = audit_packages_per_container, .evidence_only = true,
		.rationale = "Every extra package is more code to patch and more tools for an "
			     "intruder to use.",
		.remediation = "Start from a minimal or distroless base, install with "
			       "--no-install-recommends, and use multi-stage builds to leave build "
			       "tools behind.",
		.manual_note = "List the packages in each running container (docker exec CONTAINER "
			       "dpkg -l, rpm -qa or apk info) and question the ones the service does "
			       "not use.",
	},
	{
		.id = SAME_ID("4.4"),
		.slug = "image_scanned_and_patched",
		.title = "Images are scanned and rebuilt with security fixes",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_age_evidence, .evidence_only = true,
		.rationale = "Known vulnerabilities in image packages stay until the image is "
			     "rebuilt; containers do not update themselves.",
		.remediation = "Scan images in CI and on a schedule, rebuild them on fixed base "
			       "images, and redeploy the containers.",
		.manual_note = "Check that each image has a recent vulnerability scan and was "
			       "rebuilt after the last relevant fix (image Created date).",
	},
	{
		.id = SAME_ID("4.5"),
		.slug = "content_trust_enabled",
		.title = "Image signatures are verified on pull",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_HOST,
		.rationale = "Without signature verification a tampered image from a compromised "
			     "registry or mirror is run as if it were genuine.",
		.remediation = "Verify image signatures before use: a signing tool such as Notation "
			       "or cosign with an admission policy, or DOCKER_CONTENT_TRUST=1 where "
			       "Notary v1 is still in use.",
		.manual_note = "Docker has retired Notary v1 content trust (DOCKER_CONTENT_TRUST); "
			       "check how image signatures are verified in your pipeline instead.",
	},
	{
		.id = SAME_ID("4.6"),
		.slug = "image_healthcheck",
		.title = "Images define a HEALTHCHECK",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_healthcheck,
		.rationale = "A health check built into the image lets every runtime notice a "
			     "service that is running but not working.",
		.remediation = "Add a HEALTHCHECK instruction to the Dockerfile (e.g. HEALTHCHECK "
			       "CMD curl -fsS http://localhost/health || exit 1).",
		.manual_note = "Look at Config.Healthcheck of each image (docker inspect --format "
			       "'{{.Config.Healthcheck}}'); it is empty without one.",
	},
	{
		.id = SAME_ID("4.7"),
		.slug = "image_no_lone_update",
		.title = "Package index updates are not cached on their own layer",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_no_lone_update,
		.rationale = "A layer that only updates the package index is cached, so later "
			     "builds install stale packages from an old index.",
		.remediation = "Update and install in one RUN (RUN apt-get update && apt-get "
			       "install -y ...) or build with --no-cache.",
		.manual_note = "Look through docker history --no-trunc IMAGE for a RUN that only "
			       "updates the package index (apt-get update, apk update, yum makecache).",
	},
	{
		.id = SAME_ID("4.8"),
		.slug = "image_no_setuid",
		.title = "Images carry no unneeded setuid or setgid files",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_no_setid_files,
		.rationale = "setuid and setgid binaries are the usual way from an unprivileged "
			     "user to root inside a container.",
		.remediation = "Strip the bits in the Dockerfile (RUN find / -xdev -perm /6000 "
			       "-type f -exec chmod a-s {} +), then restore with chmod only those "
			       "the service needs, and run with --security-opt no-new-privileges.",
		.manual_note = "List setuid/setgid files in each image (docker run --rm IMAGE find / "
			       "-xdev -perm /6000 -type f) and remove those not needed.",
	},
	{
		.id = SAME_ID("4.9"),
		.slug = "image_copy_not_add",
		.title = "Dockerfiles use COPY rather than ADD",
		.level = 1, .severity = SEVERITY_LOW, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_copy_not_add,
		.rationale = "ADD fetches URLs and unpacks archives, which can bring in remote "
			     "content or archive path tricks that COPY cannot.",
		.remediation = "Replace ADD with COPY; fetch remote files with a checked download "
			       "(e.g. curl plus a checksum) in a RUN.",
		.manual_note = "Look for ADD instructions in the Dockerfiles or in docker history "
			       "--no-trunc IMAGE.",
	},
	{
		.id = SAME_ID("4.10"),
		.slug = "image_no_secrets",
		.title = "Secrets are not baked into images",
		.level = 1, .severity = SEVERITY_HIGH, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_no_secrets,
		.rationale = "Anything in a Dockerfile, an image layer or its ENV is readable by "
			     "anyone who can pull the image, even if a later layer deletes it.",
		.remediation = "Pass build secrets with RUN --mount=type=secret and runtime secrets "
			       "with Docker secrets or a secrets manager, not ENV, ARG or COPY.",
		.manual_note = "Look for keys, passwords and tokens in Dockerfiles, in "
			       "docker history --no-trunc IMAGE and in each image's Config.Env.",
	},
	{
		.id = SAME_ID("4.11"),
		.slug = "image_verified_packages",
		.title = "Only verified packages are installed in images",
		.level = 2, .severity = SEVERITY_MEDIUM, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_verified_installs, .evidence_only = true,
		.rationale = "Packages installed without signature or checksum verification can "
			     "be swapped in transit or on a mirror.",
		.remediation = "Install from signed repositories with verification on (no "
			       "--allow-unauthenticated, no --nogpgcheck) and check downloaded "
			       "files against a known checksum.",
		.manual_note = "Review Dockerfiles for installs that skip signature checks or "
			       "download files without checking them.",
	},
	{
		.id = SAME_ID("4.12"),
		.slug = "artifact_signatures_validated",
		.title = "Signed artifacts are validated before use",
		.level = 1, .severity = SEVERITY_MEDIUM, .scope = SCOPE_IMAGE,
		.audit_image = audit_image_digest_evidence, .evidence_only = true,
		.rationale = "A signature protects nothing unless someone checks it before the "
			     "artifact is deployed.",
		.remediation = "Verify signatures of images and other build artifacts in CI and at "
			       "deploy time (e.g. cosign verify, notation verify) and refuse "
			       "unsigned ones.",
		.manual_note = "Check that your pipeline verifies the signatures of every image and "
			       "artifact it deploys.",
	},
};

const struct check_section section_images = {
	.number = "4",
	.title = "Container images and build file",
	.checks = images_checks,
	.count = ARRAY_SIZE(images_checks),
};

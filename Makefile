# Builds the Lambda functions for `sam build` (template.yaml, Metadata: BuildMethod: makefile).
# SAM copies this folder (CodeUri: .) without .git and runs `make build-<FunctionLogicalId>` with ARTIFACTS_DIR set:
# https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/building-custom-runtimes.html
# SAM passes no architecture, so RID defaults to the template's default (x86_64); for arm64:
#   RID=linux-arm64 sam build && sam deploy --parameter-overrides Architecture=arm64
RID ?= linux-x64
# Extra publish-functions.sh arguments, e.g. PUBLISH_FLAGS="--work /tmp/obj" (the tests keep their bin/obj apart).
PUBLISH_FLAGS ?=

.PHONY: build-OrdersFunction publish publish-arm64 publish-jit check-template

build-OrdersFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: sam build sets it; by hand: make $@ ARTIFACTS_DIR=<dir>" >&2; exit 2; }
	bash scripts/publish-functions.sh --rid $(RID) --out "$(ARTIFACTS_DIR)" $(PUBLISH_FLAGS)

# Developer shortcuts; results land in artifacts/functions/<rid>-aot|jit.
publish:
	bash scripts/publish-functions.sh --rid $(RID)

publish-arm64:
	bash scripts/publish-functions.sh --rid linux-arm64

publish-jit:
	bash scripts/publish-functions.sh --rid $(RID) --jit

check-template:
	bash scripts/check-template.sh

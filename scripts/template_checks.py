#!/usr/bin/env python3
"""Offline checks of template.yaml. Each check prints its findings and exits non-zero on any.

    python3 scripts/template_checks.py lint            cfn-lint, warnings included, must print nothing
    python3 scripts/template_checks.py transform       SAM transform (samtranslator, no network) per scenario, then
                                                       assertions on the transformed template with the scenario's
                                                       conditions evaluated
    python3 scripts/template_checks.py refs            CodeUri folders, Makefile targets and Handler names exist
    python3 scripts/template_checks.py idempotency-key the DynamoDB key/TTL attributes match the function's code
    python3 scripts/template_checks.py functions       prints the logical ids of the makefile-built functions
    python3 scripts/template_checks.py broker-config   prints the created broker's users and configuration (JSON)
    python3 scripts/template_checks.py all             lint, transform, refs, idempotency-key

scripts/check-template.sh runs these and the make build; tests/Template.Tests runs each one as a test. The
transform assertions and the condition evaluation are in scripts/sam_checks/.
"""
import json
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/sam_checks/ (the tests run this in the repository)
from sam_checks.common import ROOT, TEMPLATE, Findings, load_template  # noqa: E402
from sam_checks.resolver import Resolver  # noqa: E402
from sam_checks.transform import check_transform  # noqa: E402


# ------------------------------------------------------------------ cfn-lint
def check_lint():
    proc = subprocess.run(["cfn-lint", "--format", "parseable", str(TEMPLATE)], capture_output=True, text=True)
    f = Findings()
    output = (proc.stdout + proc.stderr).strip()
    f.check(proc.returncode == 0 and not output,
            f"cfn-lint exited {proc.returncode} and printed:\n{output}" if output else f"cfn-lint exited {proc.returncode}")
    return f.report(f"cfn-lint {TEMPLATE.name} (warnings included)")


# ------------------------------------------------------------------ references
def serverless_functions(template):
    return {k: v for k, v in template["Resources"].items() if v["Type"] == "AWS::Serverless::Function"}


def check_refs():
    template = load_template()
    f = Findings()
    functions = serverless_functions(template)
    f.check(bool(functions), "template has no AWS::Serverless::Function")
    catalog = ROOT / "functions/Functions/FunctionHandlers.cs"
    catalog_text = catalog.read_text() if catalog.exists() else ""
    f.check(bool(catalog_text), f"{catalog.relative_to(ROOT)} not found: cannot check handler names")
    registry = ROOT / "functions/Functions.Framework/HandlerRegistry.cs"
    registry_text = registry.read_text() if registry.exists() else ""
    csproj = ROOT / "functions/Functions/Functions.csproj"
    csproj_text = csproj.read_text() if csproj.exists() else ""
    f.check("<AssemblyName>bootstrap</AssemblyName>" in csproj_text, f"{csproj.relative_to(ROOT)} does not build an executable named bootstrap")
    f.check("<PublishAot>true</PublishAot>" in csproj_text, f"{csproj.relative_to(ROOT)} does not publish Native AOT")
    for logical_id, fn in functions.items():
        props = fn["Properties"]
        code_uri = props.get("CodeUri")
        if not f.check(isinstance(code_uri, str), f"{logical_id}: CodeUri must be a local folder, got {code_uri}"):
            continue
        folder = (TEMPLATE.parent / code_uri).resolve()
        f.check(folder.is_dir(), f"{logical_id}: CodeUri {code_uri} is not a folder")
        f.check(fn.get("Metadata", {}).get("BuildMethod") == "makefile", f"{logical_id}: Metadata.BuildMethod is not makefile")
        makefile = folder / "Makefile"
        if f.check(makefile.is_file(), f"{logical_id}: no Makefile in CodeUri {code_uri}"):
            target = f"build-{logical_id}"
            # make -n resolves the target without running it; SAM calls exactly this target name.
            proc = subprocess.run(["make", "-n", "-C", str(folder), target, "ARTIFACTS_DIR=/nonexistent"],
                                  capture_output=True, text=True)
            f.check(proc.returncode == 0, f"{logical_id}: `make {target}` is not a valid target: {proc.stderr.strip()}")
        f.check(props.get("Runtime") == "provided.al2023", f"{logical_id}: Runtime is not provided.al2023")
        handler = props.get("Handler")
        known = ["bootstrap"] if '"bootstrap"' in registry_text else []
        known += re.findall(r'\.Add\("([a-z0-9-]+)"', catalog_text)
        f.check(handler in known, f"{logical_id}: Handler {handler!r} is not a handler the function knows ({known})")
    return f.report("CodeUri, Makefile targets and Handler names")


def check_idempotency_key():
    template = load_template()
    f = Findings()
    store = ROOT / "functions/Functions.Framework/Idempotency/DynamoDbIdempotencyStore.Items.cs"
    if not f.check(store.exists(), f"{store.relative_to(ROOT)} not found"):
        return f.report("idempotency table matches the function")
    code = store.read_text()
    key = re.search(r'KeyAttribute\s*=\s*"([^"]+)"', code)
    ttl = re.search(r'\bExpirationAttribute\s*=\s*"([^"]+)"', code)
    table = template["Resources"]["IdempotencyTable"]["Properties"]
    hash_key = [k["AttributeName"] for k in table["KeySchema"] if k["KeyType"] == "HASH"]
    f.check(key is not None and hash_key == [key.group(1)],
            f"table partition key {hash_key} differs from the function's KeyAttribute {key and key.group(1)}")
    f.check(ttl is not None and table["TimeToLiveSpecification"]["AttributeName"] == ttl.group(1),
            f"table TTL attribute {table['TimeToLiveSpecification']['AttributeName']} differs from the function's "
            f"ExpirationAttribute {ttl and ttl.group(1)}")
    return f.report("idempotency table matches the function")


def broker_config():
    """The created broker's users and configuration XML with the default parameters: what tests/Template.Tests
    loads into a real ActiveMQ to show the authorization map grants what it should, and nothing more."""
    template = load_template()
    r = Resolver(template, {})
    broker = r.resolve(template["Resources"]["Broker"]["Properties"])
    xml = r.resolve(template["Resources"]["BrokerConfiguration"]["Properties"]["Data"]["Fn::Base64"])
    return {"queue": r.params["QueueName"], "xml": xml,
            "users": [{"name": u["Username"], "groups": u.get("Groups", [])} for u in broker["Users"]]}


def main(argv):
    checks = {"lint": check_lint, "transform": check_transform, "refs": check_refs,
              "idempotency-key": check_idempotency_key}
    command = argv[1] if len(argv) > 1 else "all"
    if command == "functions":
        print("\n".join(k for k, v in serverless_functions(load_template()).items()
                        if v.get("Metadata", {}).get("BuildMethod") == "makefile"))
        return 0
    if command == "broker-config":
        print(json.dumps(broker_config()))
        return 0
    if command == "all":
        return max(check() for check in checks.values())
    if command not in checks:
        print(f"unknown check {command!r}; one of: {', '.join(checks)}, functions, broker-config, all", file=sys.stderr)
        return 2
    return checks[command]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env bash
# The test command: installs what is missing (scripts/prereqs.sh), then runs every test project.
# Integration tests start their own ActiveMQ brokers and moto_server on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prereqs.sh
# pip --user installs land here on a plain Debian python.
export PATH="$PATH:$HOME/.local/bin"
dotnet build Serverless.sln -c Release -warnaserror --nologo -v quiet
# .editorconfig is the law: formatting drift fails the run like a warning does.
dotnet format Serverless.sln --verify-no-changes --no-restore -v quiet
results=$(mktemp -d)
status=0
dotnet test Serverless.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?
# One summary line in the form CI reads: "N passed, N failed".
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error"))
    skipped += int(c.get("notExecuted"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status

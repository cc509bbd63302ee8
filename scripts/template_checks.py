#!/usr/bin/env python3
"""Offline checks of template.yaml (issue #4). Each check prints its findings and exits non-zero on any.

    python3 scripts/template_checks.py lint            cfn-lint, warnings included, must print nothing
    python3 scripts/template_checks.py transform       SAM transform (samtranslator, no network) per scenario, then
                                                       assertions on the transformed template with the scenario's
                                                       conditions evaluated
    python3 scripts/template_checks.py refs            CodeUri folders, Makefile targets and Handler names exist
    python3 scripts/template_checks.py idempotency-key the DynamoDB key/TTL attributes match the function's code
    python3 scripts/template_checks.py functions       prints the logical ids of the makefile-built functions
    python3 scripts/template_checks.py broker-config   prints the created broker's users and configuration (JSON)
    python3 scripts/template_checks.py all             lint, transform, refs, idempotency-key

scripts/check-template.sh runs these and the make build; tests/Template.Tests runs each one as a test.
"""
import copy
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CHECK_TEMPLATE points the checks at another copy (the tests use it to show that a broken template fails).
TEMPLATE = Path(os.environ.get("CHECK_TEMPLATE", ROOT / "template.yaml")).resolve()
FUNCTION_ID = "OrdersFunction"
ACCOUNT = "123456789012"
REGION = "us-east-1"

ENI_ACTIONS = {
    "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
}

EXISTING_BROKER = f"arn:aws:mq:{REGION}:{ACCOUNT}:broker:legacy-bridge:b-1234abcd-56ef-78ab-90cd-1234567890ab"
EXISTING_SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:legacy-bridge-lambda-AbCdEf"

# name -> parameter overrides. Every value is validated against the template's parameter constraints too.
SCENARIOS = {
    "create-broker (defaults)": {},
    "create-broker multi-AZ, private, batching window": {
        "DeploymentMode": "ACTIVE_STANDBY_MULTI_AZ", "HostInstanceType": "mq.m5.large",
        "SubnetIds": "subnet-0a1b2c3d,subnet-4e5f6a7b", "SecurityGroupIds": "sg-0123abcd",
        "MaximumBatchingWindowInSeconds": "5", "BatchSize": "500",
        "AlarmTopicArn": f"arn:aws:sns:{REGION}:{ACCOUNT}:ops",
    },
    "existing broker, filter, arm64": {
        "ExistingBrokerArn": EXISTING_BROKER, "ExistingBrokerSecretArn": EXISTING_SECRET,
        "FilterPattern": '{"data": {"type": ["order"]}}', "BatchSize": "10", "Architecture": "arm64",
        "QueueName": "legacy.orders", "MaximumBatchingWindowInSeconds": "0", "EventSourceEnabled": "false",
    },
}


class Findings:
    def __init__(self):
        self.items = []

    def check(self, ok, message):
        if not ok:
            self.items.append(message)
        return ok

    def report(self, title):
        if self.items:
            print(f"FAIL {title}: {len(self.items)} finding(s)")
            for item in self.items:
                print(f"  - {item}")
            return 1
        print(f"ok   {title}")
        return 0


def load_template():
    from samtranslator.yaml_helper import yaml_parse
    return yaml_parse(TEMPLATE.read_text())


# ------------------------------------------------------------------ cfn-lint
def check_lint():
    proc = subprocess.run(["cfn-lint", "--format", "parseable", str(TEMPLATE)], capture_output=True, text=True)
    f = Findings()
    output = (proc.stdout + proc.stderr).strip()
    f.check(proc.returncode == 0 and not output,
            f"cfn-lint exited {proc.returncode} and printed:\n{output}" if output else f"cfn-lint exited {proc.returncode}")
    return f.report(f"cfn-lint {TEMPLATE.name} (warnings included)")


# ------------------------------------------------------------------ condition evaluation
NO_VALUE = object()


class Resolver:
    """Evaluates Conditions, Fn::If, Ref to parameters and the string functions for one parameter set, so the
    assertions see what CloudFormation would deploy. References to resources stay as {"Ref"}/{"Fn::GetAtt"}."""

    def __init__(self, template, params):
        self.template = template
        self.params = {}
        for name, spec in template.get("Parameters", {}).items():
            value = params.get(name, spec.get("Default"))
            if value is None:
                raise ValueError(f"parameter {name} has no default and the scenario gives no value")
            if spec["Type"] == "CommaDelimitedList":
                value = [] if value == "" else str(value).split(",")
            self.params[name] = value
        self.params.update({"AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": "aws",
                            "AWS::StackName": "mq-bridge"})
        self.conditions = {}
        for name in template.get("Conditions", {}):
            self.condition(name)

    def condition(self, name):
        if name not in self.conditions:
            self.conditions[name] = bool(self.resolve(self.template["Conditions"][name]))
        return self.conditions[name]

    def resolve(self, node):
        if isinstance(node, list):
            return [v for v in (self.resolve(x) for x in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            key, arg = next(iter(node.items()))
            if key == "Ref":
                if arg == "AWS::NoValue":
                    return NO_VALUE
                return self.params.get(arg, node)
            if key == "Condition":
                return self.condition(arg)
            if key == "Fn::If":
                return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
            if key == "Fn::Equals":
                a, b = self.resolve(arg[0]), self.resolve(arg[1])
                return str(a) == str(b)
            if key == "Fn::Not":
                return not self.resolve(arg[0])
            if key == "Fn::And":
                return all(self.resolve(x) for x in arg)
            if key == "Fn::Or":
                return any(self.resolve(x) for x in arg)
            if key == "Fn::Join":
                parts = self.resolve(arg[1])
                if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
                    return arg[0].join(parts)
                return {key: [arg[0], parts]}
            if key == "Fn::Split":
                value = self.resolve(arg[1])
                return value.split(arg[0]) if isinstance(value, str) else {key: [arg[0], value]}
            if key == "Fn::Select":
                items = self.resolve(arg[1])
                return items[int(arg[0])] if isinstance(items, list) and all(isinstance(i, str) for i in items) \
                    else {key: [arg[0], items]}
            if key == "Fn::Sub":
                return self.sub(arg)
        resolved = {k: self.resolve(v) for k, v in node.items()}
        return {k: v for k, v in resolved.items() if v is not NO_VALUE}

    def sub(self, arg):
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))
        unresolved = False

        def replace(m):
            nonlocal unresolved
            name = m.group(1)
            if name in variables and isinstance(variables[name], str):
                return variables[name]
            if name in self.params and isinstance(self.params[name], str):
                return self.params[name]
            unresolved = True
            return m.group(0)

        out = re.sub(r"\$\{([^}!]+)\}", replace, text)
        return {"Fn::Sub": out} if unresolved else out

    def effective(self, section):
        """The section's entries whose Condition holds, with everything resolved."""
        result = {}
        for name, entry in self.template.get(section, {}).items():
            if "Condition" in entry and not self.condition(entry["Condition"]):
                continue
            result[name] = self.resolve(entry)
        return result


def validate_parameters(template, params, f):
    for name, value in params.items():
        spec = template["Parameters"].get(name)
        if not f.check(spec is not None, f"scenario sets unknown parameter {name}"):
            continue
        values = value.split(",") if spec["Type"] == "CommaDelimitedList" else [value]
        for v in values:
            if "AllowedValues" in spec:
                f.check(str(v) in [str(a) for a in spec["AllowedValues"]],
                        f"{name}={v!r} is not in AllowedValues {spec['AllowedValues']}")
            if "AllowedPattern" in spec:
                f.check(re.fullmatch(spec["AllowedPattern"], str(v)) is not None,
                        f"{name}={v!r} does not match AllowedPattern {spec['AllowedPattern']}")
            if spec["Type"] == "Number":
                n = float(v)
                f.check(n >= spec.get("MinValue", n) and n <= spec.get("MaxValue", n),
                        f"{name}={v} is outside {spec.get('MinValue')}..{spec.get('MaxValue')}")


def rule_violations(template, resolver):
    messages = []
    for name, rule in template.get("Rules", {}).items():
        if "RuleCondition" in rule and not resolver.resolve(rule["RuleCondition"]):
            continue
        for assertion in rule.get("Assertions", []):
            if not resolver.resolve(assertion["Assert"]):
                messages.append(f"{name}: {assertion.get('AssertDescription', '')}")
    return messages


# ------------------------------------------------------------------ SAM transform
def sam_transform(template, params):
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    from samtranslator.translator.transform import transform
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its metrics go to a no-op publisher

    class NoManagedPolicies:
        """The real loader calls IAM; the template names no managed policy, so an empty map is the truth."""

        def load(self):
            return {}

    packaged = copy.deepcopy(template)
    # `sam deploy` uploads the build and rewrites CodeUri to its S3 location before CloudFormation transforms it.
    for resource in packaged["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://sam-artifacts/function.zip"
    return transform(packaged, dict(params), NoManagedPolicies())


def as_list(value):
    return value if isinstance(value, list) else [value]


def check_scenario(name, params, f):
    template = load_template()
    validate_parameters(template, params, f)
    try:
        transformed = sam_transform(template, params)
    except Exception as e:  # the translator's error names the resource and property
        f.check(False, f"SAM transform failed: {type(e).__name__}: {e}")
        return
    r = Resolver(transformed, params)
    res = r.effective("Resources")
    outputs = r.effective("Outputs")
    create = not (params.get("ExistingBrokerArn") and params.get("ExistingBrokerSecretArn"))
    p = r.params
    f.check(not rule_violations(transformed, r), f"template rules reject the scenario: {rule_violations(transformed, r)}")

    types = {}
    for logical_id, resource in res.items():
        types.setdefault(resource["Type"], []).append(logical_id)
    f.check("AWS::Serverless::Function" not in types, "the transform left an AWS::Serverless::Function")

    broker_arn = {"Fn::GetAtt": ["Broker", "Arn"]} if create else EXISTING_BROKER
    secret = {"Ref": "LambdaSecret"} if create else EXISTING_SECRET

    # -- broker side
    for rid, rtype in [("Broker", "AWS::AmazonMQ::Broker"), ("BrokerConfiguration", "AWS::AmazonMQ::Configuration"),
                       ("LambdaSecret", "AWS::SecretsManager::Secret"), ("ForwarderSecret", "AWS::SecretsManager::Secret"),
                       ("AdminSecret", "AWS::SecretsManager::Secret")]:
        present = rid in res and res[rid]["Type"] == rtype
        f.check(present == create, f"{rid} ({rtype}) should {'' if create else 'not '}be created")
    if create and "Broker" in res:
        b = res["Broker"]["Properties"]
        f.check(b.get("EngineType") == "ACTIVEMQ", "Broker.EngineType is not ACTIVEMQ")
        f.check(b.get("EngineVersion") in ("5.18", "5.19"), f"Broker.EngineVersion {b.get('EngineVersion')} is not 5.18/5.19")
        f.check(b.get("AutoMinorVersionUpgrade") is True, "Broker.AutoMinorVersionUpgrade must be true (5.18+)")
        f.check(b.get("DeploymentMode") == p["DeploymentMode"], "Broker.DeploymentMode is not the parameter")
        f.check(b.get("PubliclyAccessible") == p["PubliclyAccessible"], "Broker.PubliclyAccessible is not the parameter")
        f.check(b.get("AuthenticationStrategy") == "SIMPLE", "Broker must use SIMPLE authentication (MQ event source)")
        f.check(b.get("Configuration", {}).get("Id") == {"Ref": "BrokerConfiguration"}, "Broker does not use BrokerConfiguration")
        subnets = p["SubnetIds"]
        want_subnets = (subnets if p["DeploymentMode"] == "ACTIVE_STANDBY_MULTI_AZ" else subnets[:1]) if subnets else None
        f.check(b.get("SubnetIds") == want_subnets, f"Broker.SubnetIds {b.get('SubnetIds')} != {want_subnets}")
        f.check(b.get("SecurityGroups") == (p["SecurityGroupIds"] or None),
                f"Broker.SecurityGroups {b.get('SecurityGroups')} != {p['SecurityGroupIds']}")
        users = {u.get("Username"): u for u in b.get("Users", [])}
        for user, secret_id, group in [(p["LambdaUsername"], "LambdaSecret", "consumers"),
                                       (p["ForwarderUsername"], "ForwarderSecret", "forwarders"),
                                       (p["AdminUsername"], "AdminSecret", "admins")]:
            u = users.get(user)
            if not f.check(u is not None, f"Broker has no user {user}"):
                continue
            f.check(u.get("Groups") == [group], f"broker user {user} should be in group {group}")
            f.check(u.get("Password") == {"Fn::Sub": f"{{{{resolve:secretsmanager:${{{secret_id}}}:SecretString:password}}}}"},
                    f"broker user {user}'s password is not a dynamic reference to {secret_id}: {u.get('Password')}")
            gen = res[secret_id]["Properties"].get("GenerateSecretString", {})
            f.check(gen.get("GenerateStringKey") == "password" and json.loads(gen.get("SecretStringTemplate", "{}")).get("username") == user,
                    f"{secret_id} does not generate {{\"username\": \"{user}\", \"password\"}}")
            f.check(gen.get("ExcludePunctuation") is True, f"{secret_id} may generate , : = which Amazon MQ rejects")
        config = res["BrokerConfiguration"]["Properties"]
        f.check(config.get("EngineVersion") == b.get("EngineVersion"), "configuration and broker engine versions differ")
        xml = config["Data"]["Fn::Base64"]
        xml = xml if isinstance(xml, str) else xml.get("Fn::Sub", "")
        f.check('individualDeadLetterStrategy queuePrefix="DLQ."' in xml, "broker configuration lacks the DLQ. per-queue strategy")
        queue = p["QueueName"]
        entry = re.search(rf'<authorizationEntry queue="{re.escape(queue)}"([^>]*)/>', xml)
        if f.check(entry is not None, f"broker configuration has no authorization entry for queue {queue}"):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', entry.group(1)))
            f.check("consumers" in attrs.get("read", "").split(","), f"group consumers (Lambda) cannot read {queue}")
            f.check("consumers" not in attrs.get("write", "").split(","), f"group consumers (Lambda) may write {queue}")
            f.check("forwarders" in attrs.get("write", "").split(","), f"group forwarders cannot write {queue}")
            f.check("forwarders" not in attrs.get("read", "").split(","), f"group forwarders may read {queue}")
        f.check(re.search(r'topic="ActiveMQ\.Advisory\.&gt;"[^>]*read="[^"]*forwarders,consumers', xml) is not None,
                "forwarders and consumers need the ActiveMQ.Advisory.> topics")

    # -- event source mapping
    esms = types.get("AWS::Lambda::EventSourceMapping", [])
    if f.check(len(esms) == 1, f"expected one AWS::Lambda::EventSourceMapping, found {esms}"):
        e = res[esms[0]]["Properties"]
        f.check(e.get("FunctionName") == {"Ref": FUNCTION_ID}, f"ESM FunctionName {e.get('FunctionName')}")
        f.check(e.get("EventSourceArn") == broker_arn, f"ESM EventSourceArn {e.get('EventSourceArn')} != {broker_arn}")
        f.check(e.get("Queues") == [p["QueueName"]], f"ESM Queues {e.get('Queues')} != [{p['QueueName']}]")
        f.check(e.get("SourceAccessConfigurations") == [{"Type": "BASIC_AUTH", "URI": secret}],
                f"ESM SourceAccessConfigurations {e.get('SourceAccessConfigurations')} != BASIC_AUTH {secret}")
        f.check(str(e.get("BatchSize")) == str(p["BatchSize"]), f"ESM BatchSize {e.get('BatchSize')} != {p['BatchSize']}")
        window = p["MaximumBatchingWindowInSeconds"]
        if window == "":
            f.check("MaximumBatchingWindowInSeconds" not in e,
                    "ESM sets MaximumBatchingWindowInSeconds although the parameter is empty (AWS's 500 ms default lost)")
        else:
            f.check(str(e.get("MaximumBatchingWindowInSeconds")) == window,
                    f"ESM MaximumBatchingWindowInSeconds {e.get('MaximumBatchingWindowInSeconds')} != {window}")
        pattern = p["FilterPattern"]
        if pattern:
            f.check(e.get("FilterCriteria") == {"Filters": [{"Pattern": pattern}]}, f"ESM FilterCriteria {e.get('FilterCriteria')}")
        else:
            f.check("FilterCriteria" not in e, "ESM has FilterCriteria although FilterPattern is empty")
        f.check(str(e.get("Enabled")).lower() == p["EventSourceEnabled"], f"ESM Enabled {e.get('Enabled')}")

    # -- function
    fn = res.get(FUNCTION_ID, {})
    if f.check(fn.get("Type") == "AWS::Lambda::Function", f"{FUNCTION_ID} is not an AWS::Lambda::Function after the transform"):
        fp = fn["Properties"]
        f.check(fp.get("Runtime") == "provided.al2023", f"Runtime {fp.get('Runtime')}")
        f.check(fp.get("Handler") == "bootstrap", f"Handler {fp.get('Handler')}")
        f.check(fp.get("Architectures") == [p["Architecture"]], f"Architectures {fp.get('Architectures')}")
        f.check(fp.get("Role") == {"Fn::GetAtt": ["FunctionRole", "Arn"]}, "function does not use FunctionRole")
        env = fp.get("Environment", {}).get("Variables", {})
        for var, ref in [("DEAD_LETTER_QUEUE_URL", "DeadLetterQueue"), ("DEAD_LETTER_BUCKET", "DeadLetterBucket"),
                         ("IDEMPOTENCY_TABLE", "IdempotencyTable")]:
            f.check(env.get(var) == {"Ref": ref}, f"environment {var} is {env.get(var)}, expected Ref {ref}")
        log = fp.get("LoggingConfig", {})
        f.check(log.get("LogFormat") == "JSON" and log.get("LogGroup") == {"Ref": "FunctionLogGroup"},
                f"LoggingConfig {log} should be JSON into FunctionLogGroup")
        f.check(0 < int(fp.get("Timeout", 0)) <= 840, "Timeout must be at most 14 minutes for Amazon MQ sources")

    # -- role: the only IAM role, exactly the expected statements, "*" only for the ENI actions
    roles = types.get("AWS::IAM::Role", [])
    f.check(roles == ["FunctionRole"], f"expected only FunctionRole, found roles {roles} (SAM-generated roles carry '*' policies)")
    role = res.get("FunctionRole", {}).get("Properties", {})
    f.check(not role.get("ManagedPolicyArns"), f"FunctionRole has managed policies {role.get('ManagedPolicyArns')}")
    statements = [s for policy in role.get("Policies", []) for s in as_list(policy["PolicyDocument"]["Statement"])]
    got = {}
    for s in statements:
        f.check(s.get("Effect") == "Allow", f"unexpected {s.get('Effect')} statement {s.get('Sid')}")
        resources = as_list(s.get("Resource"))
        actions = frozenset(as_list(s.get("Action")))
        if "*" in resources:
            f.check(actions <= ENI_ACTIONS, f"statement {s.get('Sid')} grants {sorted(actions - ENI_ACTIONS)} on '*'")
        for resource in resources:
            key = json.dumps(resource, sort_keys=True)
            got.setdefault(key, set()).update(actions)
    expected = {
        json.dumps(broker_arn, sort_keys=True): {"mq:DescribeBroker"},
        json.dumps(secret, sort_keys=True): {"secretsmanager:GetSecretValue"},
        json.dumps("*"): ENI_ACTIONS,
        json.dumps({"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}, sort_keys=True): {"logs:CreateLogStream", "logs:PutLogEvents"},
        json.dumps({"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}, sort_keys=True): {"sqs:SendMessage"},
        json.dumps({"Fn::Sub": "${DeadLetterBucket.Arn}/*"}, sort_keys=True): {"s3:PutObject"},
        json.dumps({"Fn::GetAtt": ["IdempotencyTable", "Arn"]}, sort_keys=True):
            {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"},
    }
    for key in sorted(set(expected) | set(got)):
        f.check(got.get(key) == expected.get(key),
                f"role grants {sorted(got.get(key, []))} on {key}, expected {sorted(expected.get(key, []))}")

    # -- dead letters, idempotency, logs
    q = res.get("DeadLetterQueue", {}).get("Properties", {})
    f.check(q.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in q, "dead-letter queue is not encrypted")
    f.check(q.get("MessageRetentionPeriod") == 1209600, "dead-letter queue retention is not 14 days")
    f.check("MaximumMessageSize" not in q, "dead-letter queue must keep the default maximum message size (the function assumes it)")
    bucket = res.get("DeadLetterBucket", {}).get("Properties", {})
    f.check(bool(bucket.get("BucketEncryption")), "bucket is not encrypted")
    block = bucket.get("PublicAccessBlockConfiguration", {})
    f.check(all(block.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")),
            f"bucket public access block incomplete: {block}")
    rules = bucket.get("LifecycleConfiguration", {}).get("Rules", [])
    f.check(any(rl.get("Status") == "Enabled" and int(rl.get("ExpirationInDays", 0)) > 14 for rl in rules),
            "bucket has no enabled lifecycle expiry longer than the queue's 14 days")
    table = res.get("IdempotencyTable", {}).get("Properties", {})
    f.check(table.get("BillingMode") == "PAY_PER_REQUEST", "idempotency table is not on-demand")
    f.check(table.get("TimeToLiveSpecification", {}).get("Enabled") is True, "idempotency table has no TTL")
    f.check(int(res.get("FunctionLogGroup", {}).get("Properties", {}).get("RetentionInDays", 0)) > 0, "log group has no retention")

    # -- alarms
    alarms = {a: res[a]["Properties"] for a in types.get("AWS::CloudWatch::Alarm", [])}
    by_metric = {(a["Namespace"], a["MetricName"]): a for a in alarms.values()}
    f.check(("AWS/SQS", "ApproximateNumberOfMessagesVisible") in by_metric, "no dead-letter queue depth alarm")
    f.check(("AWS/Lambda", "Errors") in by_metric, "no function errors alarm")
    broker_name = "mq-bridge-broker" if create else EXISTING_BROKER.split(":")[6]
    suffixes = ["-1", "-2"] if p["DeploymentMode"] == "ACTIVE_STANDBY_MULTI_AZ" else ["-1"]
    mq_dims = sorted(json.dumps({d["Name"]: d["Value"] for d in a["Dimensions"]}, sort_keys=True)
                     for a in alarms.values() if a["Namespace"] == "AWS/AmazonMQ" and a["MetricName"] == "QueueSize")
    want_dims = sorted(json.dumps({"Broker": broker_name + s, "Queue": "DLQ." + p["QueueName"]}, sort_keys=True) for s in suffixes)
    f.check(mq_dims == want_dims, f"broker DLQ alarms watch {mq_dims}, expected {want_dims}")
    topic = p["AlarmTopicArn"]
    for alarm_id, a in alarms.items():
        f.check(a.get("AlarmActions") == ([topic] if topic else None), f"{alarm_id} AlarmActions {a.get('AlarmActions')}")

    # -- outputs
    for out in ["DeadLetterQueueUrl", "FunctionArn", "BrokerArn", "LambdaSecretArn"]:
        f.check(out in outputs, f"output {out} missing")
    for out in ["StompSslEndpoint", "StompSslEndpoints", "OpenWireSslEndpoints", "ForwarderSecretArn"]:
        f.check((out in outputs) == create, f"output {out} should {'' if create else 'not '}exist")
    if create and "StompSslEndpoint" in outputs:
        f.check(outputs["StompSslEndpoint"]["Value"] == {"Fn::Select": [0, {"Fn::GetAtt": ["Broker", "StompEndpoints"]}]},
                f"StompSslEndpoint is {outputs['StompSslEndpoint']['Value']}")
    f.check(outputs.get("BrokerArn", {}).get("Value") == broker_arn, "output BrokerArn is not the consumed broker")


def check_transform():
    status = 0
    for name, params in SCENARIOS.items():
        f = Findings()
        check_scenario(name, params, f)
        status |= f.report(f"SAM transform + assertions: {name}")
    # An ARN without its secret must be refused at deploy time, not silently create a broker.
    template = load_template()
    f = Findings()
    violations = rule_violations(template, Resolver(template, {"ExistingBrokerArn": EXISTING_BROKER}))
    f.check(len(violations) == 1, f"ExistingBrokerArn without ExistingBrokerSecretArn should break one rule, got {violations}")
    status |= f.report("template rule: existing broker needs its secret")
    return status


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
    store = ROOT / "functions/Functions.Framework/Idempotency/DynamoDbIdempotencyStore.cs"
    if not f.check(store.exists(), f"{store.relative_to(ROOT)} not found"):
        return f.report("idempotency table matches the function")
    code = store.read_text()
    key = re.search(r'KeyAttribute\s*=\s*"([^"]+)"', code)
    ttl = re.search(r'ExpirationAttribute\s*=\s*"([^"]+)"', code)
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

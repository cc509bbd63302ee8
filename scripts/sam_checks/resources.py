"""Assertions on the rest of a deployment: the event source mapping, the function, its role, the dead-letter
storage, the alarms and the outputs."""
import json
import re

from sam_checks.common import EXISTING_BROKER, FUNCTION_ID, ROOT, as_list

ENI_ACTIONS = {
    "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
}
XRAY_ACTIONS = {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}
# What the role may grant on "*" and nothing else: none of these supports resource-level permissions.
STAR_ACTIONS = ENI_ACTIONS | XRAY_ACTIONS
# Where the function's Embedded Metric Format namespace and metric names are declared.
BATCH_METRICS = ROOT / "functions/Functions.Framework/Metrics/BatchMetrics.cs"


def check_event_source_mapping(d, f):
    esms = d.types.get("AWS::Lambda::EventSourceMapping", [])
    if not f.check(len(esms) == 1, f"expected one AWS::Lambda::EventSourceMapping, found {esms}"):
        return
    e, p = d.res[esms[0]]["Properties"], d.params
    f.check(e.get("FunctionName") == {"Ref": FUNCTION_ID}, f"ESM FunctionName {e.get('FunctionName')}")
    f.check(e.get("EventSourceArn") == d.broker_arn, f"ESM EventSourceArn {e.get('EventSourceArn')} != {d.broker_arn}")
    f.check(e.get("Queues") == [p["QueueName"]], f"ESM Queues {e.get('Queues')} != [{p['QueueName']}]")
    f.check(e.get("SourceAccessConfigurations") == [{"Type": "BASIC_AUTH", "URI": d.secret}],
            f"ESM SourceAccessConfigurations {e.get('SourceAccessConfigurations')} != BASIC_AUTH {d.secret}")
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


def check_function(d, f):
    fn = d.res.get(FUNCTION_ID, {})
    if not f.check(fn.get("Type") == "AWS::Lambda::Function", f"{FUNCTION_ID} is not an AWS::Lambda::Function after the transform"):
        return
    fp = fn["Properties"]
    f.check(fp.get("Runtime") == "provided.al2023", f"Runtime {fp.get('Runtime')}")
    f.check(fp.get("Handler") == "bootstrap", f"Handler {fp.get('Handler')}")
    f.check(fp.get("Architectures") == [d.params["Architecture"]], f"Architectures {fp.get('Architectures')}")
    f.check(fp.get("Role") == {"Fn::GetAtt": ["FunctionRole", "Arn"]}, "function does not use FunctionRole")
    env = fp.get("Environment", {}).get("Variables", {})
    for var, ref in [("DEAD_LETTER_QUEUE_URL", "DeadLetterQueue"), ("DEAD_LETTER_BUCKET", "DeadLetterBucket"),
                     ("IDEMPOTENCY_TABLE", "IdempotencyTable")]:
        f.check(env.get(var) == {"Ref": ref}, f"environment {var} is {env.get(var)}, expected Ref {ref}")
    log = fp.get("LoggingConfig", {})
    f.check(log.get("LogFormat") == "JSON" and log.get("LogGroup") == {"Ref": "FunctionLogGroup"},
            f"LoggingConfig {log} should be JSON into FunctionLogGroup")
    f.check(0 < int(fp.get("Timeout", 0)) <= 840, "Timeout must be at most 14 minutes for Amazon MQ sources")
    f.check(fp.get("TracingConfig") == {"Mode": "Active"}, f"TracingConfig {fp.get('TracingConfig')} should be X-Ray Active")


def expected_grants(d):
    """Resource (as sorted JSON) -> the actions the role must grant on it, and no more."""
    grants = [
        (d.broker_arn, {"mq:DescribeBroker"}),
        (d.secret, {"secretsmanager:GetSecretValue"}),
        ("*", STAR_ACTIONS),
        ({"Fn::GetAtt": ["FunctionLogGroup", "Arn"]}, {"logs:CreateLogStream", "logs:PutLogEvents"}),
        ({"Fn::GetAtt": ["DeadLetterQueue", "Arn"]}, {"sqs:SendMessage"}),
        ({"Fn::Sub": "${DeadLetterBucket.Arn}/*"}, {"s3:PutObject"}),
        ({"Fn::GetAtt": ["IdempotencyTable", "Arn"]},
         {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}),
    ]
    return {json.dumps(resource, sort_keys=True): actions for resource, actions in grants}


def check_role(d, f):
    """The only IAM role, exactly the expected statements, "*" only for the ENI and X-Ray actions."""
    roles = d.types.get("AWS::IAM::Role", [])
    f.check(roles == ["FunctionRole"], f"expected only FunctionRole, found roles {roles} (SAM-generated roles carry '*' policies)")
    role = d.res.get("FunctionRole", {}).get("Properties", {})
    f.check(not role.get("ManagedPolicyArns"), f"FunctionRole has managed policies {role.get('ManagedPolicyArns')}")
    statements = [s for policy in role.get("Policies", []) for s in as_list(policy["PolicyDocument"]["Statement"])]
    got = {}
    for s in statements:
        f.check(s.get("Effect") == "Allow", f"unexpected {s.get('Effect')} statement {s.get('Sid')}")
        resources = as_list(s.get("Resource"))
        actions = frozenset(as_list(s.get("Action")))
        if "*" in resources:
            f.check(actions <= STAR_ACTIONS, f"statement {s.get('Sid')} grants {sorted(actions - STAR_ACTIONS)} on '*'")
        for resource in resources:
            key = json.dumps(resource, sort_keys=True)
            got.setdefault(key, set()).update(actions)
    expected = expected_grants(d)
    for key in sorted(set(expected) | set(got)):
        f.check(got.get(key) == expected.get(key),
                f"role grants {sorted(got.get(key, []))} on {key}, expected {sorted(expected.get(key, []))}")


def check_storage(d, f):
    """Dead letters, idempotency, logs."""
    q = d.res.get("DeadLetterQueue", {}).get("Properties", {})
    f.check(q.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in q, "dead-letter queue is not encrypted")
    f.check(q.get("MessageRetentionPeriod") == 1209600, "dead-letter queue retention is not 14 days")
    f.check("MaximumMessageSize" not in q, "dead-letter queue must keep the default maximum message size (the function assumes it)")
    bucket = d.res.get("DeadLetterBucket", {}).get("Properties", {})
    f.check(bool(bucket.get("BucketEncryption")), "bucket is not encrypted")
    block = bucket.get("PublicAccessBlockConfiguration", {})
    f.check(all(block.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")),
            f"bucket public access block incomplete: {block}")
    rules = bucket.get("LifecycleConfiguration", {}).get("Rules", [])
    f.check(any(rl.get("Status") == "Enabled" and int(rl.get("ExpirationInDays", 0)) > 14 for rl in rules),
            "bucket has no enabled lifecycle expiry longer than the queue's 14 days")
    table = d.res.get("IdempotencyTable", {}).get("Properties", {})
    f.check(table.get("BillingMode") == "PAY_PER_REQUEST", "idempotency table is not on-demand")
    f.check(table.get("TimeToLiveSpecification", {}).get("Enabled") is True, "idempotency table has no TTL")
    f.check(int(d.res.get("FunctionLogGroup", {}).get("Properties", {}).get("RetentionInDays", 0)) > 0, "log group has no retention")


def alarm_metrics(alarm):
    """(namespace, metric, dimensions as sorted JSON) of each metric an alarm reads, plain or in metric math."""
    stats = [m["MetricStat"]["Metric"] for m in alarm.get("Metrics", []) if "MetricStat" in m] or [alarm]
    return [(m.get("Namespace"), m.get("MetricName"),
             json.dumps({dim["Name"]: dim["Value"] for dim in m.get("Dimensions", [])}, sort_keys=True)) for m in stats]


def emf_contract(f):
    """The namespace and metric names the function's EMF line declares (BatchMetrics.cs)."""
    if not f.check(BATCH_METRICS.exists(), f"{BATCH_METRICS.relative_to(ROOT)} not found"):
        return None, set()
    code = BATCH_METRICS.read_text()
    namespace = re.search(r'const string Namespace = "([^"]+)"', code)
    return namespace and namespace.group(1), set(re.findall(r'new\("([A-Za-z]+)", "Count"\)', code))


def check_alarms(d, f):
    p = d.params
    alarms = {a: d.res[a]["Properties"] for a in d.types.get("AWS::CloudWatch::Alarm", [])}
    by_alarm = {alarm_id: alarm_metrics(a) for alarm_id, a in alarms.items()}
    read = {(ns, name) for metrics in by_alarm.values() for ns, name, _ in metrics}
    f.check(("AWS/SQS", "ApproximateNumberOfMessagesVisible") in read, "no dead-letter queue depth alarm")
    f.check(("AWS/Lambda", "Errors") in read, "no function errors alarm")
    broker_name = "mq-bridge-broker" if d.create else EXISTING_BROKER.split(":")[6]
    suffixes = ["-1", "-2"] if p["DeploymentMode"] == "ACTIVE_STANDBY_MULTI_AZ" else ["-1"]

    def broker_dims(queue):
        return sorted(json.dumps({"Broker": broker_name + s, "Queue": queue}, sort_keys=True) for s in suffixes)

    single = [m[0] for m in by_alarm.values() if len(m) == 1]
    mq_dims = sorted(dims for ns, name, dims in single if (ns, name) == ("AWS/AmazonMQ", "QueueSize"))
    f.check(mq_dims == broker_dims("DLQ." + p["QueueName"]), f"broker DLQ alarms watch {mq_dims}, expected {broker_dims('DLQ.' + p['QueueName'])}")
    # The cloud queue backing up with no consumer: one metric-math alarm per broker instance over both metrics.
    stalled = sorted(metrics[0][2] for metrics in by_alarm.values()
                     if sorted((ns, name) for ns, name, _ in metrics) == [("AWS/AmazonMQ", "ConsumerCount"), ("AWS/AmazonMQ", "QueueSize")]
                     and len({dims for _, _, dims in metrics}) == 1)
    f.check(stalled == broker_dims(p["QueueName"]),
            f"queue-without-consumer alarms (QueueSize and ConsumerCount) watch {stalled}, expected {broker_dims(p['QueueName'])}")
    namespace, names = emf_contract(f)
    emf = [(name, dims) for ns, name, dims in (m for metrics in by_alarm.values() for m in metrics) if ns == namespace]
    want = json.dumps({"FunctionName": {"Ref": FUNCTION_ID}, "Queue": p["QueueName"]}, sort_keys=True)
    f.check(any(name == "FailedBatches" and dims == want for name, dims in emf),
            f"no batch-retry alarm on {namespace}/FailedBatches by FunctionName and Queue; EMF alarms: {emf}")
    for name, _ in emf:
        f.check(name in names, f"alarm on {namespace}/{name}, which the function's EMF line does not declare ({sorted(names)})")
    topic = p["AlarmTopicArn"]
    for alarm_id, a in alarms.items():
        f.check(a.get("AlarmActions") == ([topic] if topic else None), f"{alarm_id} AlarmActions {a.get('AlarmActions')}")


def check_outputs(d, f):
    outputs = d.outputs
    for out in ["DeadLetterQueueUrl", "FunctionArn", "BrokerArn", "LambdaSecretArn"]:
        f.check(out in outputs, f"output {out} missing")
    for out in ["StompSslEndpoint", "StompSslEndpoints", "OpenWireSslEndpoints", "ForwarderSecretArn", "RedriveSecretArn"]:
        f.check((out in outputs) == d.create, f"output {out} should {'' if d.create else 'not '}exist")
    if d.create and "StompSslEndpoint" in outputs:
        f.check(outputs["StompSslEndpoint"]["Value"] == {"Fn::Select": [0, {"Fn::GetAtt": ["Broker", "StompEndpoints"]}]},
                f"StompSslEndpoint is {outputs['StompSslEndpoint']['Value']}")
    f.check(outputs.get("BrokerArn", {}).get("Value") == d.broker_arn, "output BrokerArn is not the consumed broker")

"""The SAM transform offline (samtranslator, no network) per parameter scenario, then assertions on the
transformed template with the scenario's conditions evaluated."""
import copy
import logging
import os
from dataclasses import dataclass

from sam_checks import broker, resources
from sam_checks.common import ACCOUNT, EXISTING_BROKER, EXISTING_SECRET, REGION, Findings, load_template
from sam_checks.resolver import Resolver, rule_violations, validate_parameters

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


@dataclass(frozen=True)
class Deployment:
    """What one scenario deploys: the transformed template's resources and outputs whose conditions hold,
    resolved, with the parameters and the broker and secret the function consumes."""
    res: dict
    outputs: dict
    types: dict  # resource type -> logical ids
    params: dict
    create: bool  # the stack creates its broker (no existing broker given)
    broker_arn: object
    secret: object


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


def deployment(resolver, params):
    res = resolver.effective("Resources")
    types = {}
    for logical_id, resource in res.items():
        types.setdefault(resource["Type"], []).append(logical_id)
    create = not (params.get("ExistingBrokerArn") and params.get("ExistingBrokerSecretArn"))
    return Deployment(res=res, outputs=resolver.effective("Outputs"), types=types, params=resolver.params,
                      create=create,
                      broker_arn={"Fn::GetAtt": ["Broker", "Arn"]} if create else EXISTING_BROKER,
                      secret={"Ref": "LambdaSecret"} if create else EXISTING_SECRET)


def check_scenario(params, f):
    template = load_template()
    validate_parameters(template, params, f)
    try:
        transformed = sam_transform(template, params)
    except Exception as e:  # the translator's error names the resource and property
        f.check(False, f"SAM transform failed: {type(e).__name__}: {e}")
        return
    r = Resolver(transformed, params)
    d = deployment(r, params)
    violations = rule_violations(transformed, r)
    f.check(not violations, f"template rules reject the scenario: {violations}")
    f.check("AWS::Serverless::Function" not in d.types, "the transform left an AWS::Serverless::Function")
    for check in (broker.check_broker, resources.check_event_source_mapping, resources.check_function,
                  resources.check_role, resources.check_storage, resources.check_alarms, resources.check_outputs):
        check(d, f)


def check_transform():
    status = 0
    for name, params in SCENARIOS.items():
        f = Findings()
        check_scenario(params, f)
        status |= f.report(f"SAM transform + assertions: {name}")
    # An ARN without its secret must be refused at deploy time, not silently create a broker.
    template = load_template()
    f = Findings()
    violations = rule_violations(template, Resolver(template, {"ExistingBrokerArn": EXISTING_BROKER}))
    f.check(len(violations) == 1, f"ExistingBrokerArn without ExistingBrokerSecretArn should break one rule, got {violations}")
    status |= f.report("template rule: existing broker needs its secret")
    return status

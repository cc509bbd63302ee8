"""Assertions on the broker side of a deployment: the created broker, its users and secrets, its configuration."""
import json
import re

BROKER_RESOURCES = [("Broker", "AWS::AmazonMQ::Broker"), ("BrokerConfiguration", "AWS::AmazonMQ::Configuration"),
                    ("LambdaSecret", "AWS::SecretsManager::Secret"), ("ForwarderSecret", "AWS::SecretsManager::Secret"),
                    ("RedriveSecret", "AWS::SecretsManager::Secret"), ("AdminSecret", "AWS::SecretsManager::Secret")]


def check_broker(d, f):
    for rid, rtype in BROKER_RESOURCES:
        present = rid in d.res and d.res[rid]["Type"] == rtype
        f.check(present == d.create, f"{rid} ({rtype}) should {'' if d.create else 'not '}be created")
    if d.create and "Broker" in d.res:
        b = d.res["Broker"]["Properties"]
        check_broker_properties(b, d.params, f)
        check_broker_users(b, d, f)
        check_broker_configuration(b, d.res["BrokerConfiguration"]["Properties"], d.params["QueueName"], f)


def check_broker_properties(b, p, f):
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


def check_broker_users(b, d, f):
    """Each user in its group, with a password that is a dynamic reference to its own generated secret."""
    p = d.params
    users = {u.get("Username"): u for u in b.get("Users", [])}
    for user, secret_id, group in [(p["LambdaUsername"], "LambdaSecret", "consumers"),
                                   (p["ForwarderUsername"], "ForwarderSecret", "forwarders"),
                                   (p["RedriveUsername"], "RedriveSecret", "redrivers"),
                                   (p["AdminUsername"], "AdminSecret", "admins")]:
        u = users.get(user)
        if not f.check(u is not None, f"Broker has no user {user}"):
            continue
        f.check(u.get("Groups") == [group], f"broker user {user} should be in group {group}")
        f.check(u.get("Password") == {"Fn::Sub": f"{{{{resolve:secretsmanager:${{{secret_id}}}:SecretString:password}}}}"},
                f"broker user {user}'s password is not a dynamic reference to {secret_id}: {u.get('Password')}")
        gen = d.res[secret_id]["Properties"].get("GenerateSecretString", {})
        f.check(gen.get("GenerateStringKey") == "password" and json.loads(gen.get("SecretStringTemplate", "{}")).get("username") == user,
                f"{secret_id} does not generate {{\"username\": \"{user}\", \"password\"}}")
        f.check(gen.get("ExcludePunctuation") is True, f"{secret_id} may generate , : = which Amazon MQ rejects")


def check_broker_configuration(b, config, queue, f):
    """Per-queue DLQs, and an authorization map where Lambda only reads the queue and the forwarder only writes it."""
    f.check(config.get("EngineVersion") == b.get("EngineVersion"), "configuration and broker engine versions differ")
    xml = config["Data"]["Fn::Base64"]
    xml = xml if isinstance(xml, str) else xml.get("Fn::Sub", "")
    f.check('individualDeadLetterStrategy queuePrefix="DLQ."' in xml, "broker configuration lacks the DLQ. per-queue strategy")
    f.check(re.search(r'<individualDeadLetterStrategy [^>]*processNonPersistent="true"', xml) is not None,
            "broker configuration's individualDeadLetterStrategy lacks processNonPersistent=\"true\": Amazon MQ would drop a "
            "non-persistent message after its redeliveries instead of dead-lettering it")
    entry = re.search(rf'<authorizationEntry queue="{re.escape(queue)}"([^>]*)/>', xml)
    if f.check(entry is not None, f"broker configuration has no authorization entry for queue {queue}"):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', entry.group(1)))
        f.check("consumers" in attrs.get("read", "").split(","), f"group consumers (Lambda) cannot read {queue}")
        f.check("consumers" not in attrs.get("write", "").split(","), f"group consumers (Lambda) may write {queue}")
        f.check("forwarders" in attrs.get("write", "").split(","), f"group forwarders cannot write {queue}")
        f.check("forwarders" not in attrs.get("read", "").split(","), f"group forwarders may read {queue}")
        f.check("redrivers" in attrs.get("write", "").split(","), f"group redrivers cannot write {queue}")
        f.check("redrivers" not in attrs.get("read", "").split(","), f"group redrivers may read {queue}")
    dlq = re.search(rf'<authorizationEntry queue="DLQ\.{re.escape(queue)}"([^>]*)/>', xml)
    if f.check(dlq is not None, f"broker configuration has no authorization entry for queue DLQ.{queue}"):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', dlq.group(1)))
        f.check("redrivers" in attrs.get("read", "").split(","), f"group redrivers cannot read DLQ.{queue}")
        f.check("redrivers" not in attrs.get("write", "").split(","), f"group redrivers may write DLQ.{queue}")
        f.check(not {"forwarders", "consumers"} & set(attrs.get("read", "").split(",")), f"forwarders or consumers may read DLQ.{queue}")
    f.check(re.search(r'topic="ActiveMQ\.Advisory\.&gt;"[^>]*read="[^"]*forwarders,consumers', xml) is not None,
            "forwarders and consumers need the ActiveMQ.Advisory.> topics")

"""Evaluates a template for one parameter set: what CloudFormation would deploy, and whether its Rules accept it."""
import re

from sam_checks.common import ACCOUNT, REGION

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

"""What every check shares: the template under test, the fake account, and how findings are collected."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# CHECK_TEMPLATE points the checks at another copy (the tests use it to show that a broken template fails).
TEMPLATE = Path(os.environ.get("CHECK_TEMPLATE", ROOT / "template.yaml")).resolve()
FUNCTION_ID = "OrdersFunction"
ACCOUNT = "123456789012"
REGION = "us-east-1"

EXISTING_BROKER = f"arn:aws:mq:{REGION}:{ACCOUNT}:broker:legacy-bridge:b-1234abcd-56ef-78ab-90cd-1234567890ab"
EXISTING_SECRET = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:legacy-bridge-lambda-AbCdEf"


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


def as_list(value):
    return value if isinstance(value, list) else [value]

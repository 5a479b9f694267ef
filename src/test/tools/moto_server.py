"""Starts moto 5.2.5's server on 127.0.0.1:PORT with Step Functions executing state machines, and
the Lambda tasks of those state machines sent to Lambda runtime interface emulators.

moto executes a state machine with its Amazon States Language interpreter (LocalStack's) when
"execute_state_machine" is on. Its Lambda tasks call the Lambda API; moto's own Lambda would run
functions in Docker, which the test machines do not have. Here a task's Invoke goes to the emulator
that runs the function's real function.zip instead, as Lambda's Invoke API would:

- the function name (an ARN, as the template's definition gives it) is looked up in FUNCTIONS, a
  JSON object of function ARN -> the emulator's invocations URL (environment variable);
- the payload is POSTed there; an answer that is an error object ({"errorType", "errorMessage"}),
  or an emulator status other than 200 (the runtime died: Runtime.ExitError), becomes
  FunctionError "Unhandled" with that object as the payload, which the interpreter turns into the
  task error named by errorType, as Step Functions does.

Everything else is moto as published. Recorded in src/test/tools/fakesnow.md's sibling notes in
OrchestrationIT.

usage: moto_server.py PORT   (environment: FUNCTIONS)
"""
import io
import json
import os
import sys
import urllib.error
import urllib.request

from moto.core.config import default_user_config
from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils

default_user_config["stepfunctions"]["execute_state_machine"] = True
FUNCTIONS = json.loads(os.environ["FUNCTIONS"])


class EmulatorLambdaClient:
    """The one Lambda API call the interpreter makes, Invoke, answered by the emulators."""

    def invoke(self, FunctionName, Payload=b"{}", **_ignored):
        url = FUNCTIONS.get(FunctionName)
        if url is None:
            body = json.dumps({"errorType": "ResourceNotFoundException",
                               "errorMessage": "no emulator for " + FunctionName}).encode()
            return {"StatusCode": 404, "FunctionError": "Unhandled", "Payload": io.BytesIO(body)}
        request = urllib.request.Request(url, data=Payload if isinstance(Payload, bytes) else Payload.encode(),
                                         method="POST")
        try:
            with urllib.request.urlopen(request, timeout=960) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        answer = {"StatusCode": 200, "ExecutedVersion": "$LATEST", "Payload": io.BytesIO(body)}
        if status != 200 or is_error(body):
            answer["FunctionError"] = "Unhandled"
        return answer


def is_error(body):
    try:
        value = json.loads(body)
    except ValueError:
        return False
    return isinstance(value, dict) and "errorType" in value and "errorMessage" in value and len(value) <= 3


def lambda_client(region=None, service=None, state_credentials=None):
    return EmulatorLambdaClient()


lambda_eval_utils.boto_client_for = lambda_client

if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])

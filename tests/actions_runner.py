"""A local stand-in for a GitHub-hosted runner: runs one job of a workflow file step by step.

`run:` steps are executed as GitHub runs them (`bash -e` in the job's working folder, the same
environment variables, `${{ }}` filled in from the contexts, `if:` evaluated, workflow commands
read from the output). `uses:` steps are replaced by local equivalents:

- actions/checkout: a clone of the simulated repository at the pull request's commit;
- actions/setup-python: a fresh virtual environment of this interpreter on PATH, whose
  dependencies (MkDocs, pandoc, ...) are this test environment's, so that installing baocao
  there takes seconds: pip is told, by environment variables only, to install without
  dependencies, without build isolation and without an index (PIP_NO_DEPS, ...). The step's
  own command line runs unchanged, with its own working folder and Python options;
- actions/upload-artifact: the path must exist (if-no-files-found: error), and is recorded.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# -- expressions -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>\d+(?:\.\d+)?)|(?P<op>&&|\|\||==|!=|[!().,\[\]])"
    r"|(?P<name>[A-Za-z_][\w-]*))"
)


class Expression:
    """The part of GitHub's expression syntax the workflows use."""

    def __init__(self, text: str, contexts: dict, functions: dict):
        self.tokens = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"cannot read expression {text!r} at {pos}")
            kind = m.lastgroup
            self.tokens.append((kind, m.group(kind)))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        self.pos = 0
        self.contexts = contexts
        self.functions = functions

    def value(self) -> Any:
        result = self._or()
        if self.pos != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos]}")
        return result

    def _peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.pos]
        if expected is not None and token[1] != expected:
            raise ValueError(f"expected {expected}, got {token}")
        self.pos += 1
        return token

    def _or(self) -> Any:
        left = self._and()
        while self._peek() == "||":
            self._take()
            right = self._and()
            left = left if truthy(left) else right
        return left

    def _and(self) -> Any:
        left = self._compare()
        while self._peek() == "&&":
            self._take()
            right = self._compare()
            left = right if truthy(left) else left
        return left

    def _compare(self) -> Any:
        left = self._unary()
        if self._peek() in ("==", "!="):
            op = self._take()[1]
            right = self._unary()
            same = _fold(left) == _fold(right)
            return same if op == "==" else not same
        return left

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not truthy(self._unary())
        return self._primary()

    def _primary(self) -> Any:
        kind, text = self._take()
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if text == "(":
            inner = self._or()
            self._take(")")
            return inner
        if kind != "name":
            raise ValueError(f"unexpected {text}")
        if text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[text]
        if self._peek() == "(":
            self._take()
            args = []
            while self._peek() != ")":
                args.append(self._or())
                if self._peek() == ",":
                    self._take()
            self._take(")")
            return self.functions[text.lower()](*args)
        value = self.contexts.get(text)
        while self._peek() in (".", "["):
            if self._take()[1] == ".":
                key = self._take()[1]
            else:
                key = self._or()
                self._take("]")
            value = value.get(key) if isinstance(value, dict) else None
        return value


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def truthy(value: Any) -> bool:
    return value not in (None, False, "", 0)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


# -- workflow commands -------------------------------------------------------------------------


@dataclass
class Annotation:
    level: str
    properties: dict[str, str]
    message: str
    step: str


def _unescape(value: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs + [("%25", "%")]:
        value = value.replace(code, char)
    return value


# the runner's own commands (ActionCommandManager); a line naming another is no command
_COMMANDS = {
    "add-mask", "add-matcher", "add-path", "debug", "echo", "endgroup", "error", "group",
    "notice", "remove-matcher", "save-state", "set-env", "set-output", "stop-commands", "warning",
}  # fmt: skip


def _command(line: str, known: set[str]) -> tuple[str, list[str], str] | None:
    """(name, properties, data) of the command a line holds, parsed as the runner does:
    `::name props::data` at the start (after any blank), else the older `##[name props]data`
    anywhere in the line."""
    stripped = line.lstrip()
    if stripped.startswith("::") and "::" in stripped[2:]:
        info, data = stripped[2:].split("::", 1)
        name, _, props = info.partition(" ")
        if name in known:
            return name, props.split(","), _unescape(data, prop=False)
    start = line.find("##[")
    if start >= 0 and "]" in line[start:]:
        info, data = line[start + 3 :].split("]", 1)
        name, _, props = info.partition(" ")
        if name in known:
            return name, props.split(";"), _unescape(data, prop=False)
    return None


def read_commands(output: str, step: str) -> list[Annotation]:
    """Annotations in a step's output, read as the runner reads them, stop-commands included."""
    found = []
    stop_token = None
    for line in re.split(r"\r\n|\r|\n", output):
        command = _command(line, _COMMANDS | ({stop_token} if stop_token else set()))
        if command is None:
            continue
        name, props, data = command
        if stop_token is not None:
            if name == stop_token:
                stop_token = None
            continue
        if name == "stop-commands":
            stop_token = data
        elif name in ("error", "warning", "notice"):
            properties = {}
            for pair in props:
                if "=" in pair:
                    key, value = pair.split("=", 1)
                    properties[key.strip()] = _unescape(value, prop=True)
            found.append(Annotation(name, properties, data, step))
    return found


# -- the runner --------------------------------------------------------------------------------


@dataclass
class StepResult:
    name: str
    outcome: str  # success, failure or skipped
    stdout: str = ""
    stderr: str = ""


@dataclass
class JobResult:
    steps: list[StepResult] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    summary: str = ""
    artifacts: dict[str, Path] = field(default_factory=dict)

    def step(self, name: str) -> StepResult:
        return next(s for s in self.steps if s.name == name)

    @property
    def succeeded(self) -> bool:
        return all(s.outcome != "failure" for s in self.steps)


def python_environment(folder: Path) -> Path:
    """A virtual environment that sees this one's packages but not its baocao: what
    setup-python gives after the dependencies are installed. Returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    purelib = Path(
        sysconfig.get_path("purelib", vars={"base": str(folder), "platbase": str(folder)})
    )
    purelib.mkdir(parents=True, exist_ok=True)
    # A folder named in a .pth file is put on sys.path, but its own .pth files (this test
    # environment's editable baocao) are not read.
    (purelib / "test-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    bin_dir = folder / "bin"
    launcher = "#!{python}\nimport sys\nfrom {module} import {attr}\nsys.exit({attr}())\n"
    for name, target in (("mkdocs", "mkdocs.__main__:cli"),):
        module, attr = target.split(":")
        path = bin_dir / name
        path.write_text(
            launcher.format(python=bin_dir / "python", module=module, attr=attr), encoding="utf-8"
        )
        path.chmod(0o755)
    return bin_dir


class Runner:
    """Runs one job; every path it makes is under `home`."""

    def __init__(self, home: Path, repo: Path, event: dict, sha: str, ref: str):
        self.home = home
        self.repo = repo
        self.event = event
        self.sha = sha
        self.ref = ref
        self.workspace = home / "work" / "repo"
        self.temp = home / "temp"
        for folder in (self.workspace, self.temp, home / "home"):
            folder.mkdir(parents=True, exist_ok=True)
        # this test environment's own bin folder (its baocao, its mkdocs) is not on the runner
        self.path = [p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != _TEST_BIN]
        self.env: dict[str, str] = {}
        self.summary_parts: list[str] = []

    def contexts(self, steps: dict, env: dict) -> dict:
        return {
            "github": {
                "event_name": "pull_request",
                "event": self.event,
                "sha": self.sha,
                "ref": self.ref,
                "repository": "baocao-319/baocao",
                "workspace": str(self.workspace),
                "token": "***",
            },
            "runner": {"temp": str(self.temp), "os": "Linux", "arch": "X64"},
            "steps": steps,
            "env": env,
        }

    def run(self, workflow: Path, job_id: str, *, until: str | None = None) -> JobResult:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        job = data["jobs"][job_id]
        result = JobResult()
        steps_ctx: dict[str, dict] = {}
        failed = False
        event_path = self.home / "event.json"
        event_path.write_text(json.dumps(self.event), encoding="utf-8")
        for index, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses") or f"step {index}"
            base_env = {**(data.get("env") or {}), **(job.get("env") or {}), **self.env}
            ctx = self.contexts(steps_ctx, base_env)
            functions = {
                "success": lambda failed=failed: not failed,
                "failure": lambda failed=failed: failed,
                "cancelled": lambda: False,
                "always": lambda: True,
                "startswith": lambda a, b: as_text(a).casefold().startswith(as_text(b).casefold()),
                "contains": lambda a, b: as_text(b).casefold() in as_text(a).casefold(),
            }

            def fill(text: Any, ctx=ctx, functions=functions) -> str:
                return re.sub(
                    r"\$\{\{(.*?)\}\}",
                    lambda m: as_text(Expression(m.group(1), ctx, functions).value()),
                    as_text(text),
                )

            condition = as_text(step.get("if", "success()")).strip()
            if condition.startswith("${{") and condition.endswith("}}"):
                condition = condition[3:-2]
            if not truthy(Expression(condition, ctx, functions).value()):
                outcome, out, err = "skipped", "", ""
            elif "uses" in step:
                outcome, out, err = self._uses(step, fill, result)
            else:
                outcome, out, err = self._run(step, job, data, fill, base_env)
                result.annotations += read_commands(out + "\n" + err, name)
            result.steps.append(StepResult(name, outcome, out, err))
            if "id" in step:
                steps_ctx[step["id"]] = {"outcome": outcome, "conclusion": outcome, "outputs": {}}
            failed = failed or outcome == "failure"
            if until is not None and name == until:
                break
        return result

    def _environment(self, extra: dict) -> dict[str, str]:
        home = self.home / "home"
        env = {
            "PATH": os.pathsep.join(self.path),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(self.home / "event.json"),
            "GITHUB_SHA": self.sha,
            "GITHUB_REF": self.ref,
            "RUNNER_TEMP": str(self.temp),
            "RUNNER_OS": "Linux",
        }
        env.update(extra)
        return env

    def _run(self, step: dict, job: dict, data: dict, fill, base_env: dict):
        files = {}
        for key in ("GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH"):
            folder = self.temp / "_runner_file_commands"
            folder.mkdir(exist_ok=True)
            path = folder / f"{key.lower()}-{len(list(folder.iterdir()))}"
            path.write_text("", encoding="utf-8")
            files[key] = str(path)
        env_values = {k: fill(v) for k, v in base_env.items()}
        env_values.update({k: fill(v) for k, v in (step.get("env") or {}).items()})
        env = self._environment({**env_values, **files})
        defaults = ((job.get("defaults") or {}).get("run") or {}) or (
            (data.get("defaults") or {}).get("run") or {}
        )
        folder = fill(step.get("working-directory") or defaults.get("working-directory") or "")
        cwd = (self.workspace / folder) if folder else self.workspace
        script = self.temp / f"step-{len(list(self.temp.glob('step-*.sh')))}.sh"
        script.write_text(fill(step["run"]), encoding="utf-8")
        shell = step.get("shell") or defaults.get("shell")
        command = (
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
            if shell == "bash"
            else ["bash", "-e", str(script)]
        )
        run = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        summary = Path(files["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
        self.summary_parts.append(summary)
        for line in Path(files["GITHUB_PATH"]).read_text(encoding="utf-8").splitlines():
            self.path.insert(0, line)
        for line in Path(files["GITHUB_ENV"]).read_text(encoding="utf-8").splitlines():
            if "=" in line:
                key, value = line.split("=", 1)
                self.env[key] = value
        return ("success" if run.returncode == 0 else "failure"), run.stdout, run.stderr

    def _uses(self, step: dict, fill, result: JobResult):
        action = step["uses"].split("@")[0]
        inputs = {k: fill(v) for k, v in (step.get("with") or {}).items()}
        if action == "actions/checkout":
            target = self.workspace / inputs.get("path", "")
            run = subprocess.run(
                ["git", "clone", "-q", "--no-checkout", str(self.repo), str(target)],
                capture_output=True,
                text=True,
            )
            if run.returncode == 0:
                run = subprocess.run(
                    ["git", "checkout", "-q", "--detach", self.sha],
                    cwd=target,
                    capture_output=True,
                    text=True,
                )
            return ("success" if run.returncode == 0 else "failure"), run.stdout, run.stderr
        if action == "actions/setup-python":
            bin_dir = python_environment(self.home / "python")
            self.path.insert(0, str(bin_dir))
            self.env.update(
                {
                    "pythonLocation": str(bin_dir.parent),
                    "PIP_NO_DEPS": "1",
                    "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation
                    "PIP_NO_INDEX": "1",
                    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                }
            )
            return "success", "", ""
        if action == "actions/upload-artifact":
            path = Path(inputs["path"])
            path = path if path.is_absolute() else self.workspace / path
            found = path.is_file() or (path.is_dir() and any(path.iterdir()))
            if found:
                result.artifacts[inputs["name"]] = path
                return "success", "", ""
            if inputs.get("if-no-files-found", "warn") == "error":
                return "failure", "", f"No files were found with the provided path: {path}"
            return "success", "", ""
        raise AssertionError(f"no local equivalent for {step['uses']}")


_TEST_BIN = Path(sys.executable).parent


def run_job(home: Path, repo: Path, workflow: Path, job_id: str, event: dict, sha: str, **kw):
    """Run job_id of workflow for the pull request event, checked out at sha."""
    runner = Runner(home, repo, event, sha, ref=f"refs/pull/{event['number']}/merge")
    result = runner.run(workflow, job_id, **kw)
    result.summary = "".join(runner.summary_parts)
    return result

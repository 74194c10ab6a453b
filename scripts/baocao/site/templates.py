"""The theme's templates: compiled once per machine, not once per build, and listed quickly.

Compiling mkdocs-material's templates (Jinja2) costs about 0.45 s of every build, and MkDocs
does it when it renders the first page. Jinja can keep compiled templates ("bytecode") and
check each against its template's source before using it (`jinja2.BytecodeCache`); baocao
keeps them in three places (`TemplateCache`):
- in memory, for this process's next build (`mkdocs serve` rebuilds in one process);
- in the user's cache folder (`$XDG_CACHE_HOME/baocao/templates`, else
  `~/.cache/baocao/templates`), for the next build on this machine, like Python's own
  `__pycache__`; one folder per Jinja, Python and filter set (`_signature`), private to the
  user. Deleting it only makes the next build compile again;
- where there is no such folder (no home, read-only, shared with others), in the build's
  temporary folder, for this build only.
A build starts a forked child at once (`compile_templates`), which compiles what the cache
lacks (everything, the first time) while this process reads the config, the round and the
pages; `use_compiled` (at `on_env`) gives the Jinja environment the cache. The compiled code
depends on the environment's filters and tests (Jinja fixes at compile time how a filter is
called): a build whose plugins add some uses a cache of its own.

A continuous-integration runner starts with an empty cache folder and compiles in the child,
as the first build anywhere does. The publishing workflow restores no cache on purpose: this
one holds code.

`list_quickly(theme)`: MkDocs lists every file of the theme to find its static files, and
mkdocs-material holds 14,000 icons in a hidden folder (`.icons`), which MkDocs then leaves
out, one name at a time (about 0.1 s). The listing skips hidden folders from the start; what
MkDocs keeps of it is the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
from pathlib import Path

import jinja2
import jinja2.bccache
import jinja2.meta

from baocao.background import Job, can_fork
from baocao.files import write_atomic

SIGNATURE = "filters.txt"  # beside templates compiled in the build's folder: see use_compiled
REFERENCES = "references.json"  # in a cache folder: which templates each one reaches
SCRATCH = "jinja"  # the compiled templates in the build's folder, where there is no cache folder


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates, in memory and, if folder is given, in files there (one per
    template, written whole or not at all; one that cannot be read or written is compiled
    again, never an error). Jinja checks each against its template's source before using it,
    so an edited template is compiled again."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # resets the bucket if the source changed
            except Exception:  # noqa: BLE001 - a damaged file (Jinja checks the header and the source, not the rest)
                bucket.reset()
            if bucket.code is not None:
                self.code[bucket.key] = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = bucket.bytecode_to_string()
        self.code[bucket.key] = code
        if self.folder is not None:
            _write(self.folder / f"{bucket.key}.cache", code)


_KEPT: dict[str, TemplateCache] = {}  # this process's caches, by signature


def cache_for(env: jinja2.Environment) -> TemplateCache:
    """The cache of templates compiled for env's filters and tests (made on first use)."""
    signature = _signature(env)
    if signature not in _KEPT:
        _KEPT[signature] = TemplateCache(cache_folder(signature))
    return _KEPT[signature]


def cache_root() -> Path | None:
    """The user's cache folder for baocao's templates (XDG Base Directory), None without a home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the specification says ignore it
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no HOME and no entry in the password database
            return None
    return Path(base) / "baocao" / "templates"


def cache_folder(signature: str) -> Path | None:
    """The folder of templates compiled for signature, made if need be; None where it cannot
    be made, or where another user could change what it holds (compiled templates are code
    this process runs): every folder on its way must be this user's or root's, and writable by
    no other user (see `_safe`)."""
    root = cache_root()
    if root is None:
        return None
    folder = root / hashlib.sha256(signature.encode("utf-8")).hexdigest()[:16]
    try:
        if not root.parent.parent.is_dir():  # $XDG_CACHE_HOME: private when made, as the specification asks
            root.parent.parent.mkdir(mode=0o700, parents=True)
        for own in (root.parent, root, folder):  # baocao/templates/<hash>: ours, private whatever the umask
            own.mkdir(mode=0o700, exist_ok=True)
            info = os.lstat(own)
            if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) != 0o700:
                os.chmod(own, 0o700)
        real = Path(os.path.realpath(folder))
        if not all(_safe(os.lstat(path)) for path in (real, *real.parents)):
            return None
    except OSError:
        return None
    return real if os.access(real, os.R_OK | os.W_OK | os.X_OK) else None


def _safe(info: os.stat_result) -> bool:
    """A folder no other user can change: this user's or root's; writable by others only with
    the sticky bit (as /tmp: no one may rename another's entries there); writable by its group
    only if that group is this user's own and no one else's (a user private group, for which
    Debian and Ubuntu give users umask 002)."""
    if not stat.S_ISDIR(info.st_mode) or info.st_uid not in (os.getuid(), 0):
        return False
    if info.st_mode & stat.S_ISVTX:
        return True
    return not info.st_mode & stat.S_IWOTH and (not info.st_mode & stat.S_IWGRP or _private_group(info.st_gid))


def _private_group(gid: int) -> bool:
    import grp
    import pwd

    try:
        group, user = grp.getgrgid(gid), pwd.getpwuid(os.getuid())
    except KeyError:
        return False
    return gid == user.pw_gid and group.gr_name == user.pw_name and not [m for m in group.gr_mem if m != user.pw_name]


def compile_templates(config, folder: Path) -> Job | None:
    """Start compiling the theme's templates in a forked child, from config (MkDocs') or from
    the path of its file, whose theme the child then reads itself, so that this process need
    not have read it yet: into the cache folder, or into folder (the build's) if there is
    none. None where no child can do it."""
    if not can_fork():
        return None
    return Job(_compile, config, folder / SCRATCH)


def use_compiled(env: jinja2.Environment, scratch: Path | None) -> None:
    """Give env the compiled templates: the cache for its filters and tests; or, where there
    is no cache folder, those the child compiled into scratch, if it compiled them for the
    same filters and tests."""
    cache = cache_for(env)
    if cache.folder is None and scratch is not None:
        try:
            if (scratch / SIGNATURE).read_text(encoding="utf-8") == _signature(env):
                cache = TemplateCache(scratch)  # this build's only
        except OSError:  # the child compiled nothing (a template that does not compile: MkDocs reports it)
            pass
    env.bytecode_cache = cache


def _compile(config, scratch: Path) -> None:
    """In the child: compile the templates a page can reach (main.html, what it extends,
    includes and imports, and the theme's language) that the cache lacks. Templates named only
    at render time (icons) are compiled when they are used, as always."""
    try:
        theme = _theme(Path(config)) if isinstance(config, (str, Path)) else config.theme
    except Exception:  # noqa: BLE001 - a config MkDocs refuses: it says why in this process
        return  # nothing compiled: this process compiles what it needs
    env = theme.get_env()
    cache = cache_for(env)
    if cache.folder is None:
        scratch.mkdir(parents=True, exist_ok=True)
        cache = TemplateCache(scratch)
    known = _references(cache.folder)
    language = theme.get("language")  # mkdocs-material imports its strings by this name
    queue = ["main.html", *theme.static_templates] + ([f"partials/languages/{language}.html"] if language else [])
    reached: dict[str, list] = {}
    while queue:
        name = queue.pop()
        if name in reached:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except jinja2.TemplateNotFound:
            continue
        bucket = cache.get_bucket(env, name, filename, source)
        checksum, names = known.get(name, (None, None))
        if bucket.code is None or checksum != bucket.checksum:
            tree = env.parse(source, name, filename)
            if bucket.code is None:
                bucket.code = env.compile(tree, name, filename)
                cache.set_bucket(bucket)
            names = sorted({found for found in jinja2.meta.find_referenced_templates(tree) if found})
        reached[name] = [bucket.checksum, names]
        queue += names
    if reached != known:
        _write(cache.folder / REFERENCES, json.dumps(reached, sort_keys=True).encode("utf-8"))
    if cache.folder == scratch:
        (scratch / SIGNATURE).write_text(_signature(env), encoding="utf-8")


def _references(folder: Path) -> dict[str, list]:
    """What the last compiling found each template reaches, with the checksum of its source
    then: a template whose source is the same reaches the same, without parsing it again."""
    try:
        found = json.loads((folder / REFERENCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {name: entry for name, entry in found.items()  # a file damaged or from elsewhere: what is sound in it
            if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
            and isinstance(entry[1], list) and all(isinstance(n, str) for n in entry[1])}


def _write(path: Path, data: bytes) -> None:
    """Write path whole or not at all (another build may be reading it); never fails."""
    try:
        write_atomic(path, data)
    except OSError:
        pass


def _theme(config_file: Path):
    """The theme of the MkDocs config in config_file, made as MkDocs makes it, without the
    rest of the config (plugins, Markdown extensions): all the templates depend on. A config
    MkDocs would refuse fails here too, and MkDocs reports it in this process."""
    from mkdocs.config import config_options
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as handle:
        data = yaml_load(handle) or {}
    option = config_options.Theme(default="mkdocs")
    option.config_file_path = str(config_file)
    return option.validate(data.get("theme"))


def _signature(env: jinja2.Environment) -> str:
    """What compiled code depends on besides the template's source: Jinja's and Python's
    versions, the environment's syntax and extensions, and the filters and tests it has and
    how each is called."""
    options = [repr(getattr(env, name, None)) for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
        "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async")]
    code = [sys.implementation.cache_tag, importlib.util.MAGIC_NUMBER.hex(), env.code_generator_class.__qualname__,
            env.finalize is None]
    return repr([jinja2.__version__, sys.version_info[:2], code, options, sorted(env.extensions),
                 repr(env.autoescape) if not callable(env.autoescape) else getattr(env.autoescape, "__qualname__", "?")]
                + [sorted((name, str(getattr(f, "jinja_pass_arg", ""))) for name, f in table.items())
                   for table in (env.filters, env.tests)])


class _ThemeLoader(jinja2.FileSystemLoader):
    """A theme's templates, listed without its hidden folders (MkDocs leaves out every path
    with a part that starts with a dot: see `list_quickly`)."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                prefix = os.path.relpath(folder, searchpath).replace(os.path.sep, "/")
                found.update(name if prefix == "." else f"{prefix}/{name}" for name in names)
        return sorted(found)


def list_quickly(theme) -> None:
    """Make the Jinja environments of theme (an MkDocs Theme) list its templates without
    walking its hidden folders. MkDocs leaves out of the site every theme file with a part
    that starts with a dot (`Files.add_files_from_theme`), so what it copies is the same."""
    if "get_env" in vars(theme):  # already done (the same config, built again by mkdocs serve)
        return
    made = type(theme).get_env.__get__(theme)

    def get_env() -> jinja2.Environment:
        env = made()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = _ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env

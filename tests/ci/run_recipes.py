#!/usr/bin/python3
"""The CI recipes in examples/ci, run as their CI would run them.

usage: run_recipes.py TREE

For each recipe: a fresh clone of TREE (with the working tree's versions of
the files git tracks laid over it; a copy of its files when TREE is an
unpacked release), the recipe's cache restored from TREE
(the paths the recipe caches, as a cache hit would), then the recipe's
shell steps in order with its variables; the files it publishes must
exist. Then a seed that cannot be read is added and the build steps run
again: the job must fail (exit 1 from jianbao --strict). The trigger must
name seeds/ and templates/. Prints one line per check; exits 1 on any
failure.
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

tree = os.path.abspath(sys.argv[1])
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[-600:]))
    failures += 0 if cond else 1


def fresh_clone(dest):
    """A clone of the checkout; from a release tarball (no .git), its files
    without what building and fetching added."""
    git = subprocess.run(["git", "-C", tree, "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    if git.returncode == 0 and os.path.samefile(git.stdout.strip(), tree):
        subprocess.run(["git", "clone", "-q", tree, dest], check=True)
        files = subprocess.run(["git", "-C", tree, "ls-files", "-z"], capture_output=True,
                               check=True).stdout.decode().split("\0")
    else:
        os.makedirs(dest)
        files = []
        for root, dirs, names in os.walk(tree):
            rel = os.path.relpath(root, tree)
            if rel == ".":
                dirs[:] = [d for d in dirs if not d.startswith("build") and d != "out"]
            for n in names:
                f = os.path.normpath(os.path.join(rel, n))
                fetched = (f.startswith("fonts/") and f.endswith((".ttf", ".txt"))) or \
                    (f.startswith("data/") and f != "data/data.lock")
                if not fetched and not f.endswith(".tar.gz"):
                    files.append(f)
    for f in filter(None, files):
        src = os.path.join(tree, f)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(os.path.join(dest, f)) or dest, exist_ok=True)
            shutil.copy2(src, os.path.join(dest, f))


def restore_cache(paths, dest):
    """Copy what the recipe caches from the tree, as a cache hit would."""
    skip = {p[1:] for p in paths if p.startswith("!")}
    for pat in paths:
        if pat.startswith("!"):
            continue
        for src in glob.glob(os.path.join(tree, pat.rstrip("/"))):
            rel = os.path.relpath(src, tree)
            if rel in skip:
                continue
            out = os.path.join(dest, rel)
            if os.path.isdir(src):
                shutil.copytree(src, out, dirs_exist_ok=True)
            else:
                os.makedirs(os.path.dirname(out), exist_ok=True)
                shutil.copy2(src, out)


def run_steps(steps, env, cwd, shell):
    """Run the shell steps in order; the first failure ends the job."""
    for name, script in steps:
        r = subprocess.run([shell, "-e", "-c", script], cwd=cwd, env=env, capture_output=True,
                           text=True)
        if r.returncode:
            return name, r.returncode, r.stdout + r.stderr
    return None, 0, ""


def published(paths, cwd):
    return all(glob.glob(os.path.join(cwd, p)) for p in paths)


def github(recipe):
    job = next(iter(recipe["jobs"].values()))
    trig = recipe.get(True, recipe.get("on", {}))  # YAML 1.1 reads "on" as true
    paths = trig.get("push", {}).get("paths", [])
    cache = next(s["with"]["path"].split() for s in job["steps"]
                 if s.get("uses", "").startswith("actions/cache"))
    steps = [(s.get("name", s["run"][:30]), s["run"]) for s in job["steps"] if "run" in s]
    artifacts = next(s["with"]["path"].split() for s in job["steps"]
                     if s.get("uses", "").startswith("actions/upload-artifact"))
    return paths, cache, steps, artifacts, dict(job.get("env", {})), "bash"


def gitlab(recipe):
    job = recipe["briefing"]
    paths = [c for r in job.get("rules", []) for c in r.get("changes", [])]
    steps = [(line[:30], line) for line in job.get("before_script", []) + job["script"]]
    return paths, job["cache"]["paths"], steps, job["artifacts"]["paths"], \
        dict(job.get("variables", {})), "sh"


for name, reader in (("github-actions.yml", github), ("gitlab-ci.yml", gitlab)):
    recipe = yaml.safe_load(open(os.path.join(tree, "examples/ci", name)))
    trigger, cache, steps, artifacts, variables, shell = reader(recipe)
    check("%s: runs when seeds/ or templates/ change" % name,
          any(p.startswith("seeds/") for p in trigger) and
          any(p.startswith("templates/") for p in trigger), trigger)
    check("%s: caches by the lock files' pinned fonts and data" % name,
          any(p.startswith("fonts/") for p in cache) and any(p.startswith("data/") for p in cache))
    with tempfile.TemporaryDirectory() as tmp:
        clone = os.path.join(tmp, "repo")
        fresh_clone(clone)
        restore_cache(cache, clone)
        env = dict(os.environ, **{k: str(v) for k, v in variables.items()})
        failed, rc, out = run_steps(steps, env, clone, shell)
        check("%s: every step passes in a fresh clone (%d steps)" % (name, len(steps)),
              failed is None, "%s: exit %d\n%s" % (failed, rc, out))
        check("%s: the published files exist (%s)" % (name, " ".join(artifacts)),
              published(artifacts, clone))
        os.symlink("/nonexistent", os.path.join(clone, "seeds", "zz_unreadable.txt"))
        failed, rc, out = run_steps(steps, env, clone, shell)
        check("%s: a seed that cannot be read fails the job" % name,
              failed is not None and "zz_unreadable.txt" in out, (failed, rc))
sys.exit(1 if failures else 0)

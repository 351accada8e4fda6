# Helpers shared by the shell test scripts (sourced from the project root):
# each check prints one "ok" or "FAIL" line and is counted.
failures=0
passes=0
ok() { echo "ok   $1"; passes=$((passes + 1)); }
bad() { echo "FAIL $1"; failures=$((failures + 1)); }
expect() { # name, condition command...
  name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
# A Python checker prints one "ok" or "FAIL" line per check; the failures
# are shown.
pycheck() { # label, output file, script and its arguments...
  label=$1 out=$2
  shift 2
  if python3 "$@" >"$out"; then
    ok "$label: $(grep -c '^ok' "$out") checks"
  else
    bad "$label"
  fi
  grep -v '^ok' "$out" || true
}
# The template keys the parser knows, a line each.
conf_keys() {
  grep -o '^    \[JB_CONF_[A-Z_]*\] = {"[a-z._]*"' src/conf.c | sed 's/.*{"//; s/"$//'
}
# The tally, and the exit status: 0 when nothing failed.
summary() { # name
  echo "$1: $passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}

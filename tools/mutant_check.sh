#!/bin/sh
# Run chosen tests against mutants by hand, on a scratch copy of mutants/ with the current tests:
#   tools/mutant_check.sh "TEST ARGS" MUTANT_NAME...      (make mutation must have made mutants/ first)
# Prints each mutant with "killed" or "SURVIVED". The copy lives in $MUTSCRATCH (default
# /tmp/mutscratch; refresh: delete it); $MUTANTS and $PY say where mutants/ and Python are (defaults:
# this checkout's), for a second checkout (a git worktree) that has neither.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${MUTSCRATCH:-/tmp/mutscratch}
mutants=${MUTANTS:-$root/mutants}
py=${PY:-$root/.venv/bin/python}
tests=$1; shift
[ -d "$scratch" ] || { cp -r "$mutants" "$scratch" && find "$scratch" -name '*.meta' -delete; }
cp -r "$root/tests/." "$scratch/tests/"
cd "$scratch" || exit 2
# shellcheck disable=SC2086
MUTANT_UNDER_TEST= QT_QPA_PLATFORM=offscreen "$py" -m pytest -q -x -p no:randomly -p no:cacheprovider \
  $tests >/dev/null 2>&1 || { echo "the tests fail without a mutant: fix them first"; exit 2; }
for m in "$@"; do
  # shellcheck disable=SC2086
  if MUTANT_UNDER_TEST=$m QT_QPA_PLATFORM=offscreen "$py" -m pytest -q -x -p no:randomly \
       -p no:cacheprovider $tests >/dev/null 2>&1; then echo "$m SURVIVED"; else echo "$m killed"; fi
done

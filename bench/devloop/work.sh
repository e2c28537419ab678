# Sourced by the bench/devloop scripts that read what bench/compile-time.sh left in WORK.
#
# work_of NAME USAGE WORK N: sets work, n, app (the generated app's folder), scratch (its
# scratch folder) and cmd (the app crate's rustc command line), or stops with USAGE.
work_of() {
  local name=$1 usage=$2
  work=${3:?usage: $name $usage}
  n=${4:?usage: $name $usage}
  app=$work/app-$n
  scratch=$work/scratch-$n
  [ -f "$scratch/rustc-command" ] || {
    echo "$name: no $scratch/rustc-command (run bench/compile-time.sh first)" >&2
    exit 1
  }
  cmd=$(cat "$scratch/rustc-command")
}

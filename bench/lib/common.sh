# shellcheck shell=bash
# Shared helpers for bench/run.sh: logging, checked steps, timing, number formatting, the results table.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() {
  printf 'bench: %s\n' "$*" >&2
  exit 1
}

# run_logged NAME CMD...: runs CMD with stdout to $LOGS/NAME.log and stderr to $LOGS/NAME.err (so --json
# output stays parseable); on failure prints why and the end of both, and returns CMD's exit code.
run_logged() {
  local name=$1
  shift
  local rc=0
  "$@" >"$LOGS/$name.log" 2>"$LOGS/$name.err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    printf 'bench: step "%s" failed (exit %d): %s\n' "$name" "$rc" "$*" >&2
    local f
    for f in "$LOGS/$name.log" "$LOGS/$name.err"; do
      [ -s "$f" ] || continue
      printf 'bench: last lines of %s:\n' "$f" >&2
      tail -n 15 "$f" | sed 's/^/    /' >&2
    done
  fi
  return "$rc"
}

# Wall-clock seconds with microseconds (LC_ALL=C keeps the decimal point a dot).
now_s() { printf '%s' "$EPOCHREALTIME"; }

# calc EXPR: floating-point arithmetic through awk, e.g. calc "100000 / 3.2".
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

# fmt_int N: 1234567 -> 1,234,567 (rounds).
fmt_int() {
  awk -v n="$1" 'BEGIN {
    n = sprintf("%.0f", n); neg = (n < 0); if (neg) n = -n; s = ""
    while (length(n) > 3) { s = "," substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
    printf "%s%s%s", (neg ? "-" : ""), n, s }'
}

# fmt_f DIGITS N
fmt_f() { awk -v d="$1" -v n="$2" 'BEGIN { printf "%.*f", d, n }'; }

# ms SECONDS -> "12.3 ms"
fmt_ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }

# at_least VALUE LIMIT / at_most VALUE LIMIT: PASS or MISS.
at_least() { awk -v v="$1" -v l="$2" 'BEGIN { print (v >= l ? "PASS" : "MISS") }'; }
at_most() { awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l ? "PASS" : "MISS") }'; }
below() { awk -v v="$1" -v l="$2" 'BEGIN { print (v < l ? "PASS" : "MISS") }'; }

# result PART MEASUREMENT VALUE TARGET STATUS: one row of the final table (PASS, MISS, INFO, FAIL, PENDING).
result() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$RESULTS_TSV"
  printf '  %-8s %-44s %s  [%s%s]\n' "$1" "$2" "$3" "$5" "${4:+, target $4}" >&2
}

# pending PART MEASUREMENT TARGET REASON: a certwright measurement that could not run; the reason is
# printed once under the table.
pending() {
  result "$1" "$2" "pending: certwright lacks what it needs (see note)" "$3" PENDING
  note "PENDING because $4"
}

# note TEXT: a line printed once under the table (duplicates are dropped).
note() {
  grep -qxF -- "$1" "$LOGS/notes.txt" 2>/dev/null || printf '%s\n' "$1" >>"$LOGS/notes.txt"
}

# hyperfine_stat JSON FIELD: mean, stddev, min, max, median of the first command, in seconds.
hyperfine_stat() { jq -r ".results[0].$2" "$1"; }

# count_json_rows FILE KEYS_REGEX: rows in a --json document whatever its exact schema: a top-level array's
# length; else the first top-level array whose key matches KEYS_REGEX (e.g. certificates, endpoints);
# else the longest array of objects anywhere in it.
count_json_rows() {
  jq --arg re "$2" '
    if type == "array" then length
    else ([to_entries[] | select((.key | test($re; "i")) and (.value | type) == "array") | .value | length] | first)
      // ([.. | arrays | select(length > 0 and all(.[]; type == "object")) | length] | max // 0)
    end' "$1"
}

print_results() {
  local tsv=$1 md=$2
  {
    printf '| part | measurement | result | target | status |\n|---|---|---|---|---|\n'
    awk -F '\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$tsv"
  } >"$md"
  printf '\n'
  awk -F '\t' '
    { for (i = 1; i <= 5; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
    END {
      split("PART MEASUREMENT RESULT TARGET STATUS", h, " ")
      for (i = 1; i <= 5; i++) if (length(h[i]) > w[i]) w[i] = length(h[i])
      fmt = "%-" w[1] "s  %-" w[2] "s  %-" w[3] "s  %-" w[4] "s  %s\n"
      printf fmt, h[1], h[2], h[3], h[4], h[5]
      line = ""; for (i = 1; i <= w[1] + w[2] + w[3] + w[4] + 16; i++) line = line "-"; print line
      for (r = 1; r <= NR; r++) printf fmt, cell[r, 1], cell[r, 2], cell[r, 3], cell[r, 4], cell[r, 5]
    }' "$tsv"
  printf '\n'
}

# shellcheck shell=bash
# The sqlite3 reference for part (b): the same selection run by the sqlite3 shell on certwright's database.
# The schema is certwright's, so the table and the notAfter column are found by name, and the
# threshold is written in whatever form the column stores (ISO text, Unix seconds/ms, .NET ticks).

sqlite_reference() {
  local dir=$1 data=$2 threshold=$3 list_s=$4
  if ! command -v sqlite3 >/dev/null; then
    result list "sqlite3 equivalent query" "skipped: sqlite3 not installed" "" INFO
    return 0
  fi
  local db
  db=$(find "$data" -maxdepth 2 -type f \( -name '*.db' -o -name '*.sqlite' -o -name '*.sqlite3' \) -printf '%s %p\n' |
    sort -rn | head -n 1 | cut -d' ' -f2-)
  if [ -z "$db" ]; then
    result list "sqlite3 equivalent query" "skipped: no *.db/*.sqlite file in $data" "" INFO
    return 0
  fi
  local found table column
  found=$(sqlite3 -readonly -separator ' ' "$db" \
    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
     WHERE m.type = 'table' AND lower(replace(p.name, '_', '')) = 'notafter' ORDER BY m.name = 'certificates' DESC LIMIT 1;")
  table=${found%% *}
  column=${found#* }
  if [ -z "$found" ]; then
    result list "sqlite3 equivalent query" "skipped: no table with a not_after column in $db" "" INFO
    return 0
  fi
  local bound
  if ! bound=$(sqlite_bound "$db" "$table" "$column" "$threshold"); then
    result list "sqlite3 equivalent query" "skipped: $bound" "" INFO
    return 0
  fi
  # certwright lists soonest expiry first: so does the reference.
  local query="SELECT * FROM \"$table\" WHERE \"$column\" <= $bound ORDER BY \"$column\""
  local rows
  rows=$(sqlite3 -readonly "$db" "SELECT count(*) FROM \"$table\" WHERE \"$column\" <= $bound;")
  printf '%s;\n' "$query" >"$dir/sqlite-query.sql"
  run_logged list-sqlite hyperfine -N --style basic --warmup 3 --runs "$LIST_RUNS" \
    --export-json "$dir/hyperfine-sqlite.json" "sqlite3 -readonly -json $db \".read $dir/sqlite-query.sql\""
  local sqlite_s
  sqlite_s=$(hyperfine_stat "$dir/hyperfine-sqlite.json" mean)
  result list "sqlite3 -json, same selection (see note)" "$(fmt_ms "$sqlite_s"), $(fmt_int "$rows") rows" "" INFO
  note "sqlite3 reference query: $query (on $db)"
  result list "ratio certwright list / sqlite3" "$(fmt_f 2 "$(calc "$list_s / $sqlite_s")")x" "" INFO
}

# sqlite_bound DB TABLE COLUMN UNIX_SECONDS: prints the SQL literal for the threshold in the column's format.
sqlite_bound() {
  local db=$1 table=$2 column=$3 t=$4 sample kind
  sample=$(sqlite3 -readonly -separator ' ' "$db" "SELECT typeof(\"$column\"), \"$column\" FROM \"$table\" WHERE \"$column\" IS NOT NULL LIMIT 1;")
  kind=${sample%% *}
  sample=${sample#* }
  case "$kind" in
    integer)
      if [ "${#sample}" -ge 17 ]; then
        printf '%s' "$((t * 10000000 + 621355968000000000))" # .NET ticks
      elif [ "${#sample}" -ge 12 ]; then
        printf '%s' "$((t * 1000))" # Unix milliseconds
      else
        printf '%s' "$t" # Unix seconds
      fi
      ;;
    text)
      # ISO 8601 sorts as text; keep the stored separator between date and time.
      local sep=${sample:10:1}
      printf "'%s'" "$(date -u -d "@$t" "+%Y-%m-%d${sep}%H:%M:%S")"
      ;;
    *)
      printf 'cannot read %s.%s (stored as %s, e.g. %s)' "$table" "$column" "$kind" "$sample"
      return 1
      ;;
  esac
}

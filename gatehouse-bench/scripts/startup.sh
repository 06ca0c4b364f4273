#!/usr/bin/env bash
# Start-up and memory of `./gatehouse serve` (docs/benchmarks.md, "Start-up and memory").
#
#   gatehouse-bench/scripts/startup.sh [RUNS]      # default 7
#
# For each variant, RUNS starts over one data directory made beforehand (a restart, as in production:
# the first start also generates the master key and signing keys) and prints the median of:
#   ready    launch until GET /health/ready first answers 200 (polled every 10 ms), wall-clock
#   cpu      CPU time the process had used by then (user + system, all threads)
#   rss      its resident memory at that moment
# Variants: `./gatehouse serve` as shipped (launcher + JVM with its start-up cache: the AOT cache on
# JDK 25+, the class-data archive before), the same java command without the launcher, the launcher
# with GATEHOUSE_AOT=off (the class-data archive), and the java command with neither. `launcher` is
# the launcher's own cost: GATEHOUSE_DRY_RUN=1, which does everything but start Java. Needs curl;
# uses a free port.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-7}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
work="$(mktemp -d -t gatehouse-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export GATEHOUSE_PORT="$port" GATEHOUSE_DATA_DIR="$work/data"
tick="$(getconf CLK_TCK)"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# One start: prints "ready_ms cpu_ms rss_kib".
start_once() {
  local began ended pid rss cpu
  began=$(date +%s%N)
  "$@" >"$work/out" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "gatehouse exited before it was ready:" >&2; cat "$work/out" >&2; exit 1; fi
    sleep 0.01
  done
  ended=$(date +%s%N)
  rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
  cpu=$(awk -v t="$tick" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$pid/stat")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$(((ended - began) / 1000000)) $cpu $rss"
}

report() {
  local name=$1 results=$2
  printf '%-34s ready %5s ms   cpu %5s ms   rss %4s MiB   (%s runs)\n' "$name" \
    "$(cut -d' ' -f1 <<<"$results" | median)" "$(cut -d' ' -f2 <<<"$results" | median)" \
    "$(($(cut -d' ' -f3 <<<"$results" | median) / 1024))" "$runs"
}

echo "machine: $(nproc) cores, $(awk '/^model name/ { $1 = $2 = $3 = ""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The first start creates the data directory and the keys, and the launcher makes the start-up cache
# (JDK 25+: a training run first; older JDKs: the class-data archive, as that process exits).
start_once "$here/gatehouse" serve >/dev/null
GATEHOUSE_AOT=off start_once "$here/gatehouse" serve >/dev/null
sleep 2 # the archive is written as that process exits

# The java command the launcher runs, as an array, and that command with no archive or cache; run
# through env, as it starts with the environment the launcher sets (MALLOC_MMAP_THRESHOLD_=...).
read -r -a java_command <<<"env $(GATEHOUSE_DRY_RUN=1 "$here/gatehouse" serve)"
without_archive=()
for word in "${java_command[@]}"; do
  case $word in -XX:SharedArchiveFile=* | -XX:+AutoCreateSharedArchive | -XX:AOTCache=* | '-Xlog:cds\*=off' | '-Xlog:aot\*=off') ;; *) without_archive+=("$word") ;; esac
done
java_command=("${java_command[@]//\\/}")
without_archive=("${without_archive[@]//\\/}")
echo "java: ${java_command[*]:0:3}"

launcher=""
for _ in $(seq "$runs"); do
  began=$(date +%s%N)
  GATEHOUSE_DRY_RUN=1 "$here/gatehouse" serve >/dev/null
  launcher+="$(((($(date +%s%N) - began)) / 1000000))"$'\n'
done
printf '%-34s %5s ms   (%s runs)\n' "launcher alone (GATEHOUSE_DRY_RUN)" "$(median <<<"$launcher")" "$runs"

shipped="" direct="" appcds="" plain=""
for _ in $(seq "$runs"); do
  shipped+="$(start_once "$here/gatehouse" serve)"$'\n'
  direct+="$(start_once "${java_command[@]}")"$'\n'
  appcds+="$(GATEHOUSE_AOT=off start_once "$here/gatehouse" serve)"$'\n'
  plain+="$(start_once "${without_archive[@]}")"$'\n'
done
report "./gatehouse serve" "$(sed '/^$/d' <<<"$shipped")"
report "java command, no launcher" "$(sed '/^$/d' <<<"$direct")"
report "GATEHOUSE_AOT=off (AppCDS archive)" "$(sed '/^$/d' <<<"$appcds")"
report "java command, no archive or cache" "$(sed '/^$/d' <<<"$plain")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

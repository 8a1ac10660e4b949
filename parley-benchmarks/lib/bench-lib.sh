# Functions for run.sh (sourced, not run). Every load loop here is bounded in time (wrk -d, h2load -D,
# AsyncClient --duration, each also under `timeout`) and targets 127.0.0.1 only.

CLK_TCK=$(getconf CLK_TCK)
srv_pid=""
srv_name=""
srv_port=""
row_note=""
apt_updated=""

row_on() { [[ " $ROWS " == *" $1 "* ]]; }

die() { echo "bench: $*" >&2; exit 1; }

apt_install() { # apt_install PACKAGE... (runs 'apt-get update' once first)
  command -v apt-get >/dev/null || die "missing $*: install it (no apt-get here)"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ -z "$apt_updated" ]; then $sudo apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

need_tools() {
  command -v wrk >/dev/null || { echo "bench: installing wrk"; apt_install wrk; }
  command -v h2load >/dev/null || { echo "bench: installing h2load"; apt_install nghttp2-client; }
  command -v curl >/dev/null || apt_install curl
  if { row_on trpc || row_on trpc-plain || row_on node; } && ! command -v npm >/dev/null; then
    echo "bench: installing node and npm"; apt_install nodejs npm
  fi
}

need_node() {
  command -v npm >/dev/null || { echo "bench: installing node and npm"; apt_install nodejs npm; }
}

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }

need_java() { # sets JAVA to a java >= 21: $JAVA_HOME, the PATH, else the newest under /usr/lib/jvm
  local c best=0 m
  JAVA=""
  for c in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)"; do
    [ -x "$c" ] || continue
    m=$(java_major "$c"); if [ -n "$m" ] && [ "$m" -ge 21 ]; then JAVA=$c; return; fi
  done
  for c in /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] || continue
    m=$(java_major "$c"); if [ -n "$m" ] && [ "$m" -gt "$best" ] && [ "$m" -ge 21 ]; then best=$m; JAVA=$c; fi
  done
  [ -n "$JAVA" ] || die "no JDK >= 21 found; install one, e.g. 'apt-get install openjdk-21-jdk-headless'"
}

build_parley() {
  [ -n "${SKIP_BUILD:-}" ] && [ -f "$here/target/classpath.txt" ] && return
  echo "bench: building parley-benchmarks"
  (cd "$root" && ./mvnw -q -pl parley-benchmarks -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
}
parley_cp() { echo "$here/target/classes:$(cat "$here/target/classpath.txt")"; }

build_grpc() {
  local g="$here/peers/grpc"
  [ -n "${SKIP_BUILD:-}" ] && [ -f "$g/target/classpath.txt" ] && return
  echo "bench: building the gRPC peer (peers/grpc/pom.xml)"
  (cd "$root" && ./mvnw -q -f "$g/pom.xml" compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
}
grpc_cp() { echo "$here/peers/grpc/target/classes:$(cat "$here/peers/grpc/target/classpath.txt")"; }

build_node() {
  local t="$here/peers/trpc"
  if [ ! -d "$t/node_modules/@trpc/server" ] || [ "$t/package-lock.json" -nt "$t/node_modules/.package-lock.json" ]; then
    echo "bench: npm ci (tRPC peer)"
    (cd "$t" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_server() { # start_server NAME OUTDIR CMD... ; @PORT@ in CMD becomes a free port
  local name=$1 dir=$2 i; shift 2
  while ! port_free "$next_port"; do next_port=$((next_port + 1)); done
  srv_port=$next_port; next_port=$((next_port + 1))
  local args=("${@//@PORT@/$srv_port}")
  srv_name=$name
  "${args[@]}" > "$dir/$name-server.log" 2>&1 &
  srv_pid=$!
  for i in $(seq 1 600); do # at most 60 s
    kill -0 "$srv_pid" 2>/dev/null || { cat "$dir/$name-server.log" >&2; die "$name exited at start"; }
    port_free "$srv_port" || break
    sleep 0.1
  done
  port_free "$srv_port" && die "$name did not listen on $srv_port within 60 s"
  echo "bench: $name started (pid $srv_pid, port $srv_port)"
}

stop_server() {
  [ -n "$srv_pid" ] || return 0
  local hwm i
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$srv_pid/status" 2>/dev/null || echo 0)
  printf '%s\t%s\n' "$srv_name" "$((hwm / 1024))" >> "$out/rss.tsv"
  kill -TERM "$srv_pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$srv_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$srv_pid" 2>/dev/null || true
  wait "$srv_pid" 2>/dev/null || true
  srv_pid=""
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

check_body() { # check_body URL EXPECTED: warns when the server answers something else
  local got; got=$(curl -s --max-time 5 "$1" || true)
  [ "$got" = "$2" ] || echo "bench: WARNING $srv_name answered $got (expected $2)" >&2
}

proc_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; } # utime + stime
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

window_begin() { w_t0=$(date +%s.%N); w_s0=$(proc_ticks "$srv_pid"); w_b0=$(busy_ticks); }
window_end() { # window_end LOAD_CPU_SECONDS -> sets w_srv w_load w_other (cores)
  local t1 s1 b1; t1=$(date +%s.%N); s1=$(proc_ticks "$srv_pid"); b1=$(busy_ticks)
  read -r w_srv w_load w_other < <(awk -v t0="$w_t0" -v t1="$t1" -v s="$((s1 - w_s0))" -v b="$((b1 - w_b0))" \
    -v hz="$CLK_TCK" -v l="$1" 'BEGIN { w = t1 - t0; o = (b / hz - s / hz - l) / w; if (o < 0) o = 0;
      printf "%.2f %.2f %.2f\n", s / hz / w, l / w, o }')
}

timed() { # timed OUTFILE CMD... : runs CMD, output to OUTFILE; sets t_cpu to its user+sys seconds
  local f=$1; shift
  local TIMEFORMAT='%3U %3S'
  local tf; tf=$(mktemp)
  { time "$@" > "$f" 2>&1; } 2> "$tf" || true
  t_cpu=$(awk '{ print $1 + $2 }' "$tf"); rm -f "$tf"
}

record() { # record LABEL PROTOCOL TOOL RPS P50MS P99MS NOTE (row_note is added)
  local note=$7
  [ -n "${row_note:-}" ] && note="$row_note${note:+; $note}"
  awk -v o="$w_other" 'BEGIN { exit !(o > 0.25) }' && note="${note:+$note; }disturbed: other processes used $w_other cores"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$w_srv" "$w_load" "$w_other" "$srv_name" "$note" >> "$results"
  echo "bench:   $1 $2 ($3): $4 req/s, p50 $5 ms, p99 $6 ms, server ${w_srv} cores, load tool ${w_load} cores"
}

to_ms() { awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f\n", v * f }'; }

run_wrk() { # run_wrk LABEL URL [METHOD BODY]
  local label=$1 url=$2 tag; tag="$srv_name-wrk-$(echo "$label" | tr -c 'a-zA-Z0-9' '_')"
  local script=()
  if [ -n "${3:-}" ]; then
    printf 'wrk.method = "%s"\nwrk.body = [[%s]]\nwrk.headers["Content-Type"] = "application/json"\n' "$3" "$4" > "$out/$tag.lua"
    script=(-s "$out/$tag.lua")
  fi
  [ "$WARMUP" -gt 0 ] && timeout $((WARMUP + 30)) wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${script[@]}" "$url" > "$out/$tag-warmup.txt" 2>&1 || true
  window_begin
  timed "$out/$tag.txt" timeout $((DURATION + 30)) wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${script[@]}" "$url"
  window_end "$t_cpu"
  local f="$out/$tag.txt" rps p50 p99 note=""
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
  p50=$(awk '$1 == "50%" { print $2 }' "$f" | to_ms)
  p99=$(awk '$1 == "99%" { print $2 }' "$f" | to_ms)
  grep -q 'Non-2xx' "$f" && note="$(grep 'Non-2xx' "$f" | sed 's/^ *//')"
  grep -q 'Socket errors' "$f" && note="${note:+$note; }$(grep 'Socket errors' "$f" | sed 's/^ *//')"
  record "$label" "HTTP/1.1" "wrk" "${rps:-0}" "${p50:-?}" "${p99:-?}" "$note"
}

run_h2load() { # run_h2load LABEL URL [grpc]
  local label=$1 url=$2 tag; tag="$srv_name-h2load-$(echo "$label" | tr -c 'a-zA-Z0-9' '_')"
  local extra=() proto="h2c"
  if [ "${3:-}" = grpc ]; then
    # One gRPC frame: SimpleRequest{response_size: 32, payload: {body: 32 zero bytes}}, as AsyncClient sends.
    { printf '\x00\x00\x00\x00\x26\x10\x20\x1a\x22\x12\x20'; head -c 32 /dev/zero; } > "$out/grpc-request.bin"
    extra=(-d "$out/grpc-request.bin" -H 'content-type: application/grpc' -H 'te: trailers')
    proto="h2c (gRPC)"
  fi
  [ "$WARMUP" -gt 0 ] && timeout $((WARMUP + 30)) h2load -t1 -c"$CONNECTIONS" -m1 -D "$WARMUP" "${extra[@]}" "$url" > "$out/$tag-warmup.txt" 2>&1 || true
  window_begin
  timed "$out/$tag.txt" timeout $((DURATION + 30)) h2load -t1 -c"$CONNECTIONS" -m1 -D "$DURATION" "${extra[@]}" --log-file="$out/$tag.log" "$url"
  window_end "$t_cpu"
  local f="$out/$tag.txt" rps p50 p99 note=""
  rps=$(awk '/^finished in/ { gsub(/,/, ""); printf "%.0f", $4 }' "$f")
  read -r p50 p99 < <(awk '{ print $3 }' "$out/$tag.log" | sort -n | awk '{ v[NR] = $1 }
    END { if (NR == 0) { print "? ?"; exit } i = int(NR * 0.5); if (i < 1) i = 1; j = int(NR * 0.99); if (j < 1) j = 1;
          printf "%.2f %.2f\n", v[i] / 1000, v[j] / 1000 }')
  local bad; bad=$(awk '/^status codes:/ { gsub(/,/, ""); print $5 + $7 + $9 }' "$f")
  [ "${bad:-0}" != 0 ] && note="non-2xx responses: $bad"
  local failed; failed=$(awk '/^requests:/ { gsub(/,/, ""); print $10 + $12 + $14 }' "$f")
  [ "${failed:-0}" != 0 ] && note="${note:+$note; }failed/errored/timeout: $failed"
  record "$label" "$proto" "h2load" "${rps:-0}" "$p50" "$p99" "$note"
}

run_grpc_client() { # run_grpc_client LABEL HOST:PORT
  local label=$1 addr=$2 tag="$srv_name-asyncclient"
  local client=("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$(grpc_cp)" io.grpc.benchmarks.qps.AsyncClient
    --address="$addr" --channels=1 --outstanding_rpcs="$CONNECTIONS" --client_payload=32 --server_payload=32)
  [ "$WARMUP" -gt 0 ] && timeout $((WARMUP + 60)) "${client[@]}" --warmup_duration="$WARMUP" --duration=1 > "$out/$tag-warmup.txt" 2>&1 || true
  window_begin
  timed "$out/$tag.txt" timeout $((DURATION + 60)) "${client[@]}" --warmup_duration="$GRPC_CLIENT_WARMUP" --duration="$DURATION"
  window_end "$t_cpu"
  local f="$out/$tag.txt" rps p50 p99
  rps=$(awk -F: '/^QPS:/ { gsub(/ /, "", $2); print $2 }' "$f")
  p50=$(awk -F: '/^50%ile Latency/ { printf "%.2f", $2 / 1000 }' "$f")
  p99=$(awk -F: '/^99%ile Latency/ { printf "%.2f", $2 / 1000 }' "$f")
  record "$label" "h2c (gRPC)" "AsyncClient" "${rps:-0}" "${p50:-?}" "${p99:-?}" \
    "CPU window includes the client's JVM start and ${GRPC_CLIENT_WARMUP} s client warm-up"
}

print_table() { # print_table RESULTS
  awk -F'\t' -v rssfile="$out/rss.tsv" -v warm="$WARMUP" -v dur="$DURATION" -v c="$CONNECTIONS" -v when="$(date '+%Y-%m-%d %H:%M')" '
    BEGIN { while ((getline l < rssfile) > 0) { split(l, a, "\t"); rss[a[1]] = a[2] } }
    { n++; label[n] = $1; proto[n] = $2; tool[n] = $3; rps[n] = $4; p50[n] = $5; p99[n] = $6
      srv[n] = $7; load[n] = $8; oth[n] = $9; name[n] = $10; note[n] = $11
      if (!(($1 "|" $2 "|" $3) in key)) key[$1 "|" $2 "|" $3] = n }
    function find(l, p, t) { return (l "|" p "|" t) in key ? key[l "|" p "|" t] : 0 }
    function mark(a, b) { if (oth[a] > 0.25 || oth[b] > 0.25) { disturbed = 1; return " *" } return "" }
    function ratio(title, a, b, target,   r) {
      if (!a || !b || rps[b] == 0) { printf "| %s | n/a | >= %sx | - |\n", title, target; return }
      r = rps[a] / rps[b]
      printf "| %s | %.2fx | >= %sx | %s%s |\n", title, r, target, (r >= target ? "PASS" : "FAIL"), mark(a, b)
    }
    function p99gap(title, a, b,   d) {
      if (!a || !b) { printf "| %s | n/a | <= +1 ms | - |\n", title; return }
      d = p99[a] - p99[b]
      printf "| %s | %+.2f ms | <= +1 ms | %s%s |\n", title, d, (d <= 1 ? "PASS" : "FAIL"), mark(a, b)
    }
    END {
      printf "\nParley load benchmark: %s connections, %s s warm-up, %s s measured per row, 127.0.0.1, %s\n\n", c, warm, dur, when
      print "| system | protocol | load tool | req/s | p50 ms | p99 ms | server CPU (cores) | load tool CPU (cores) | other CPU (cores) | server peak RSS MB | notes |"
      print "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label[i], proto[i], tool[i], rps[i], p50[i], p99[i], srv[i], load[i], oth[i], rss[name[i]], note[i]
      pe = find("Parley echo", "HTTP/1.1", "wrk"); ph = find("Parley echo", "h2c", "h2load")
      print ""
      print "| target | measured | target | result |"
      print "| --- | ---: | ---: | --- |"
      ratio("Parley / tRPC v11 (HTTP/1.1, wrk)", pe, find("tRPC v11 standalone", "HTTP/1.1", "wrk"), 10)
      ratio("Parley / bare Jetty (HTTP/1.1, wrk)", pe, find("bare Jetty 12", "HTTP/1.1", "wrk"), 0.7)
      ratio("Parley / bare Jetty (h2c, h2load)", ph, find("bare Jetty 12", "h2c", "h2load"), 0.7)
      ratio("Parley HTTP/1.1 / gRPC-java (its AsyncClient, defaults)", pe, find("gRPC-java unary", "h2c (gRPC)", "AsyncClient"), 1)
      ratio("Parley h2c / gRPC-java (both h2load)", ph, find("gRPC-java unary", "h2c (gRPC)", "h2load"), 1)
      p99gap("Parley p99 - bare Jetty p99 (HTTP/1.1)", pe, find("bare Jetty 12", "HTTP/1.1", "wrk"))
      p99gap("Parley p99 - bare Jetty p99 (h2c)", ph, find("bare Jetty 12", "h2c", "h2load"))
      if (disturbed) print "\n* a row of this comparison was disturbed by other processes (other CPU > 0.25 cores): run again on a quiet machine"
    }' "$1" | tee "$out/table.md"
}

# The ws mode of run.sh (sourced after bench-lib.sh): one value fanned out to N WebSocket
# subscribers, and heap per idle WebSocket connection, for Parley, a bare Jetty 12 WebSocket server
# and tRPC's wsLink server, driven
# by the same load generator (dev.parley.benchmarks.load.FanoutLoad, a Java NIO client holding every
# socket: hand-written frames, so that it costs little and the same for every server, and it shows
# its own CPU). Every load loop is bounded in time and targets 127.0.0.1 only.

SUBSCRIBERS=${SUBSCRIBERS:-"1000 10000"}
WS_WINDOW=${WS_WINDOW:-4}
WS_THREADS=${WS_THREADS:-1}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
WS_ROWS=${WS_ROWS:-"parley parley-topic parley-window jetty trpc"}

ws_row_on() { [[ " $WS_ROWS " == *" $1 "* ]]; }

fanout_load() { # fanout_load MODE ARGS... : runs the load generator, output to stdout
  timeout $((WARMUP + DURATION + 300)) "$JAVA" -Xmx2g -cp "$(parley_cp)" dev.parley.benchmarks.load.FanoutLoad "$@"
}

kv() { awk -F= -v k="$1" '$1 == k { print $2 }' "$2"; } # kv KEY FILE

ws_row() { # ws_row LABEL NAME CMD... : the fan-out at every size, then heap per idle connection
  local label=$1 name=$2 n f; shift 2
  start_server "$name" "$out" "$@"
  f="$out/$name-idle.txt"
  fanout_load idle --port "$srv_port" --connections "$IDLE_CONNECTIONS" --pid "$srv_pid" > "$f" 2>&1 || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$(kv connections "$f")" "$(kv heap_per_connection_kib "$f")" \
    "$(kv rss_per_connection_kib "$f")" "$(kv heap_before_mib "$f") -> $(kv heap_after_mib "$f")" \
    "$(grep '^fanout-load:' "$f" | head -1 | sed 's/^fanout-load: //')" >> "$out/idle.tsv"
  echo "bench:   $label: $(kv connections "$f") idle connections, $(kv heap_per_connection_kib "$f") KiB heap each"
  for n in $SUBSCRIBERS; do
    f="$out/$name-fanout-$n.txt"
    fanout_load fanout --port "$srv_port" --subscribers "$n" --warmup "$WARMUP" --duration "$DURATION" \
      --window "$WS_WINDOW" --threads "$WS_THREADS" --kind "${WS_KIND:-subscription}" --pid "$srv_pid" > "$f" 2>&1 || true
    local note; note=$({ grep '^fanout-load:' "$f" || true; } | head -2 | sed 's/^fanout-load: //' | paste -sd ';' -)
    [ "$(kv undelivered "$f")" != "0" ] && note="${note:+$note; }undelivered values: $(kv undelivered "$f")"
    [ "$(kv strays "$f")" != "0" ] && note="${note:+$note; }values received twice: $(kv strays "$f")"
    awk -v o="$(kv other_cores "$f")" 'BEGIN { exit !(o > 0.25) }' && note="${note:+$note; }disturbed: other processes used $(kv other_cores "$f") cores"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$(kv delivered_per_s "$f")" \
      "$(kv published_per_s "$f")" "$(kv p50_ms "$f")" "$(kv p99_ms "$f")" "$(kv max_ms "$f")" \
      "$(kv server_cores "$f")" "$(kv load_cores "$f")" "$(kv other_cores "$f")" "$note" >> "$out/fanout.tsv"
    echo "bench:   $label, $n subscribers: $(kv delivered_per_s "$f") values/s, p99 $(kv p99_ms "$f") ms, server $(kv server_cores "$f") cores"
  done
  stop_server
}

run_ws() {
  out="$here/target/ws-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$out"
  : > "$out/fanout.tsv"; : > "$out/idle.tsv"
  echo "bench: WebSocket fan-out to $SUBSCRIBERS subscribers, $WS_WINDOW values in flight, warm-up ${WARMUP}s, measured ${DURATION}s; raw output in $out"
  ws_row_on parley && ws_row "Parley (feed)" parley "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.FanoutServer @PORT@ feed
  ws_row_on parley-arrays && WS_KIND=arrays ws_row "Parley (feed), arrays" parley-arrays "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.FanoutServer @PORT@ feed
  ws_row_on parley-topic && WS_KIND=topic ws_row "Parley (topic)" parley-topic "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.FanoutServer @PORT@ topic
  ws_row_on parley-window && ws_row "Parley (ReplayWindow)" parley-window "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.FanoutServer @PORT@ window
  ws_row_on parley-window-arrays && WS_KIND=arrays ws_row "Parley (ReplayWindow), arrays" parley-window-arrays "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.FanoutServer @PORT@ window
  ws_row_on jetty && ws_row "bare Jetty 12 WebSocket" jetty "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.BareJettyWsServer @PORT@
  ws_row_on jetty-coalesce && ws_row "bare Jetty 12 WebSocket, coalescing" jetty-coalesce "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.BareJettyWsServer @PORT@ coalesce
  ws_row_on trpc && ws_row "tRPC v11 applyWSSHandler" trpc env NODE_ENV=production node --expose-gc "$here/peers/trpc/ws-server.mjs" @PORT@
  print_ws_table
}

print_ws_table() {
  awk -F'\t' -v idle="$out/idle.tsv" -v rssfile="$out/rss.tsv" -v w="$WS_WINDOW" -v th="$WS_THREADS" \
      -v warm="$WARMUP" -v dur="$DURATION" -v when="$(date '+%Y-%m-%d %H:%M')" '
    function fmt(v,   s) { if (v == "") return "?"; s = sprintf("%d", v)
      while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
    { n++; for (i = 1; i <= 11; i++) r[n, i] = $i; key[$1 "|" $2] = n }
    END {
      printf "\nParley WebSocket fan-out: one value to N subscribers (one socket each), %s values in flight, %s s warm-up, %s s measured, load generator FanoutLoad (Java NIO, %s thread), 127.0.0.1, %s\n\n", w, warm, dur, th, when
      print "| system | subscribers | values delivered/s | publications/s | p50 ms | p99 ms | max ms | server CPU (cores) | load tool CPU (cores) | other CPU (cores) | notes |"
      print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r[i,1], fmt(r[i,2]), fmt(int(r[i,3])), r[i,4], r[i,5], r[i,6], r[i,7], r[i,8], r[i,9], r[i,10], r[i,11]
      print ""
      print "| system | idle WebSocket connections | heap per connection KiB | RSS per connection KiB | heap before -> after MiB | notes |"
      print "| --- | ---: | ---: | ---: | --- | --- |"
      while ((getline l < idle) > 0) {
        split(l, a, "\t"); printf "| %s | %s | %s | %s | %s | %s |\n", a[1], fmt(a[2]), a[3], a[4], a[5], a[6]
        heap[a[1]] = a[3]
      }
      pt = key["Parley (topic)|10000"]; pa = key["Parley (feed), arrays|10000"]
      p = key["Parley (feed)|10000"]; t = key["tRPC v11 applyWSSHandler|10000"]; pw = key["Parley (ReplayWindow)|10000"]; pwa = key["Parley (ReplayWindow), arrays|10000"]; j = key["bare Jetty 12 WebSocket|10000"]
      jc = key["bare Jetty 12 WebSocket, coalescing|10000"]
      print ""
      print "| target | measured | target | result |"
      print "| --- | ---: | ---: | --- |"
      if (p) printf "| Parley fan-out to 10,000 subscribers (values/s) | %s | >= 1,000,000 | %s |\n", fmt(int(r[p,3])), (r[p,3] >= 1000000 ? "PASS" : "FAIL")
      if (pa) printf "| Parley fan-out to 10,000 Parley clients (arrays) (values/s) | %s | >= 1,000,000 | %s |\n", fmt(int(r[pa,3])), (r[pa,3] >= 1000000 ? "PASS" : "FAIL")
      if (pt) printf "| Parley topic message to 10,000 Parley clients (values/s) | %s | >= 1,000,000 | %s |\n", fmt(int(r[pt,3])), (r[pt,3] >= 1000000 ? "PASS" : "FAIL")
      if (pt && t && r[t,3] > 0) printf "| Parley topic / tRPC subscription fan-out at 10,000 subscribers | %.2fx | (no target) | - |\n", r[pt,3] / r[t,3]
      if (pw) printf "| Parley fan-out to 10,000 through ReplayWindow (values/s) | %s | >= 1,000,000 | %s |\n", fmt(int(r[pw,3])), (r[pw,3] >= 1000000 ? "PASS" : "FAIL")
      if (pwa) printf "| Parley fan-out to 10,000 Parley clients (arrays) through ReplayWindow (values/s) | %s | >= 1,000,000 | %s |\n", fmt(int(r[pwa,3])), (r[pwa,3] >= 1000000 ? "PASS" : "FAIL")
      if (j) printf "| bare Jetty 12 WebSocket fan-out to 10,000 subscribers (values/s) | %s | (reference) | - |\n", fmt(int(r[j,3]))
      if (jc) printf "| bare Jetty 12 WebSocket, coalescing, fan-out to 10,000 subscribers (values/s) | %s | (reference) | - |\n", fmt(int(r[jc,3]))
      if (p && j && r[j,3] > 0) printf "| Parley / bare Jetty 12 WebSocket at 10,000 subscribers | %.2fx | (no target) | - |\n", r[p,3] / r[j,3]
      if (p && jc && r[jc,3] > 0) printf "| Parley / bare Jetty 12 WebSocket, coalescing, at 10,000 subscribers | %.2fx | (no target) | - |\n", r[p,3] / r[jc,3]
      if (p && t && r[t,3] > 0) printf "| Parley / tRPC at 10,000 subscribers | %.2fx | (no target) | - |\n", r[p,3] / r[t,3]
      if ("Parley (feed)" in heap) printf "| Parley heap per idle WebSocket connection | %s KiB | <= 16 KiB | %s |\n", heap["Parley (feed)"], (heap["Parley (feed)"] != "" && heap["Parley (feed)"] <= 16 ? "PASS" : "FAIL")
    }' "$out/fanout.tsv" | tee "$out/table.md"
}

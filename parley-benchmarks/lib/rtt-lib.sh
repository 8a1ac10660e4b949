# The rtt mode of run.sh (sourced after bench-lib.sh): one exchange at a time on each of
# RTT_CONNECTIONS WebSocket connections (a closed loop), per kind of exchange, for Parley's
# RoundTripServer and tRPC's peers/trpc/rtt-server.mjs, driven by the same load generator
# (dev.parley.benchmarks.load.RoundTripLoad, Java NIO, one thread). Targets 127.0.0.1 only.
#
#   query    wsLink query and its answer                            Parley, tRPC
#   chat     wsLink mutation, until its value comes back on the     Parley, tRPC
#            caller's subscription of the room (tRPC's chat)
#   channel  parley.send on a channel connection, until the         Parley (nearest tRPC: chat)
#            server's parley.message to the room comes back
#   call     the server calls a client procedure, the client        Parley (nearest tRPC: query,
#            answers (timed on the server)                          the same exchange turned round)

RTT_CONNECTIONS=${RTT_CONNECTIONS:-16}
RTT_ROWS=${RTT_ROWS:-"parley trpc"}

rtt_row_on() { [[ " $RTT_ROWS " == *" $1 "* ]]; }

rtt_row() { # rtt_row LABEL NAME "MODES" CMD...
  local label=$1 name=$2 modes=$3 m f note; shift 3
  start_server "$name" "$out" "$@"
  for m in $modes; do
    f="$out/$name-$m.txt"
    timeout $((WARMUP + DURATION + 180)) "$JAVA" -cp "$(parley_cp)" dev.parley.benchmarks.load.RoundTripLoad "$m" \
      --port "$srv_port" --connections "$RTT_CONNECTIONS" --warmup "$WARMUP" --duration "$DURATION" \
      --pid "$srv_pid" > "$f" 2>&1 || true
    note=$({ grep '^rtt-load:' "$f" || true; } | head -2 | sed 's/^rtt-load: //' | paste -sd ';' -)
    awk -v o="$(kv other_cores "$f")" 'BEGIN { exit !(o > 0.25) }' && note="${note:+$note; }disturbed: other processes used $(kv other_cores "$f") cores"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$m" "$label" "$(kv round_trips_per_s "$f")" "$(kv p50_ms "$f")" \
      "$(kv p99_ms "$f")" "$(kv server_cores "$f")" "$(kv load_cores "$f")" "$(kv other_cores "$f")" "$note" >> "$out/rtt.tsv"
    echo "bench:   $label, $m: $(kv round_trips_per_s "$f") round trips/s, p99 $(kv p99_ms "$f") ms, server $(kv server_cores "$f") cores"
  done
  stop_server
}

run_rtt() {
  out="$here/target/rtt-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$out"
  : > "$out/rtt.tsv"
  echo "bench: round trips on $RTT_CONNECTIONS WebSocket connections, one in flight each, warm-up ${WARMUP}s, measured ${DURATION}s; raw output in $out"
  rtt_row_on parley && rtt_row "Parley" parley "query chat channel call" "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.RoundTripServer @PORT@
  rtt_row_on trpc && rtt_row "tRPC v11 applyWSSHandler" trpc "query chat" env NODE_ENV=production node "$here/peers/trpc/rtt-server.mjs" @PORT@
  awk -F'\t' -v c="$RTT_CONNECTIONS" -v warm="$WARMUP" -v dur="$DURATION" -v when="$(date '+%Y-%m-%d %H:%M')" '
    function fmt(v,   s) { if (v == "") return "?"; s = sprintf("%d", v)
      while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
    BEGIN { what["query"] = "query over the WebSocket (request, answer)"
      what["chat"] = "chat: mutation, then its value on the subscription"
      what["channel"] = "channel message: parley.send, then parley.message"
      what["call"] = "client procedure: parley.call, then parley.answer (timed on the server)" }
    { n++; for (i = 1; i <= 9; i++) r[n, i] = $i }
    END {
      printf "\nParley round trips: %s WebSocket connections, one exchange in flight each, %s s warm-up, %s s measured, load generator RoundTripLoad (Java NIO, 1 thread), 127.0.0.1, %s\n\n", c, warm, dur, when
      print "| exchange | system | round trips/s | p50 ms | p99 ms | server CPU (cores) | server CPU µs per round trip | load tool CPU (cores) | other CPU (cores) | notes |"
      print "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
      for (i = 1; i <= n; i++)
        printf "| %s | %s | %s | %s | %s | %s | %.1f | %s | %s | %s |\n", what[r[i,1]], r[i,2], fmt(int(r[i,3])), r[i,4], r[i,5], r[i,6], (r[i,3] > 0 ? r[i,6] * 1e6 / r[i,3] : 0), r[i,7], r[i,8], r[i,9]
    }' "$out/rtt.tsv" | tee "$out/table.md"
}

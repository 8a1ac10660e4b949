#!/usr/bin/env bash
# Parley's load benchmark: Parley and its peers, one after the other, in the same run, under the same
# load generators, on 127.0.0.1 only. Prints one table with req/s, p50, p99, CPU and peak RSS, and
# the ratios to the targets (>= 10x tRPC, >= 0.7x bare Jetty, >= 1x gRPC-java).
#
#   ./parley-benchmarks/run.sh             load benchmark (all rows)
#   ./parley-benchmarks/run.sh jmh [ARGS]  JMH in-process call benchmark (ARGS go to JMH)
#   ./parley-benchmarks/run.sh ws          WebSocket fan-out and heap per idle connection, Parley,
#                                          bare Jetty WebSocket and tRPC (see "ws mode" below)
#   ./parley-benchmarks/run.sh rtt         round trips on RTT_CONNECTIONS=16 WebSocket connections,
#                                          one in flight each: query, chat (mutation -> subscription),
#                                          channel message, client-procedure call; Parley and tRPC
#                                          (RTT_ROWS="parley trpc"; see lib/rtt-lib.sh)
#   ./parley-benchmarks/run.sh invalidate  automatic invalidation: LISTENERS=1000 connections watch
#                                          todos, OTHERS=100 watch users, ROUNDS=30 mutations; from
#                                          each mutation's answer to every refetched value (p50, p99)
#                                          and the parley.invalidate messages sent (InvalidationLoad)
#
# Environment (all optional):
#   WARMUP=20      seconds of warm-up before every measurement (the same for every row)
#   DURATION=10    seconds measured per row
#   CONNECTIONS=16 concurrent connections (wrk -c, h2load -c) and outstanding gRPC RPCs
#   ROWS="trpc node jetty parley grpc"   which systems to run (also: trpc-plain, tRPC with a
#                  hand-written validator function instead of zod; parley-adapter, Parley's server
#                  behind a minimal Jetty adapter instead of JettyTransport)
#   JAVA_OPTS=""   extra JVM options for every Java server (Parley, bare Jetty, gRPC)
#   PORT=18700     first port tried; each server gets a free one from there
#   SKIP_BUILD=1   reuse what an earlier run built
#
# ws mode (FanoutLoad, a Java NIO client holding every socket, drives every row alike):
#   SUBSCRIBERS="1000 10000"   fan-out sizes: that many sockets, one `fanout` subscription each
#   WS_WINDOW=4    values published and not yet delivered to every subscriber (a closed loop)
#   WS_THREADS=1   selector threads of the load generator
#   IDLE_CONNECTIONS=10000     idle sockets opened to measure heap per connection
#   WS_ROWS="parley parley-topic parley-window jetty trpc"   parley: Parley with a lock-free feed;
#                  parley-topic: Parley publishing to a topic (parley.subscribe, no handler per
#                  subscriber); parley-arrays: the feed, its clients saying parley.hello with
#                  arrays (several messages per frame); parley-window: Parley fanning out through ReplayWindow
#                  (parley-window-arrays: its clients saying hello with arrays); jetty: bare Jetty 12
#                  WebSocket core (BareJettyWsServer, no Parley, one write per subscriber and
#                  value); trpc: @trpc/server's applyWSSHandler; also jetty-coalesce: the bare
#                  server fanning out all waiting publications in one write per subscriber
#   (WARMUP and DURATION apply as above)
#
# Installs what it needs when missing: wrk and h2load (apt-get), node/npm (apt-get), the tRPC peer
# (npm ci), the gRPC peer (Maven Central, peers/grpc/pom.xml, outside the normal build).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
ROWS=${ROWS:-"trpc node jetty parley grpc"}
JAVA_OPTS=${JAVA_OPTS:-}
next_port=${PORT:-18700}
GRPC_CLIENT_WARMUP=2 # gRPC's client warms its own JIT for this long inside the measured invocation

source "$here/lib/bench-lib.sh"

mode=${1:-load}
case "$mode" in
  load) ;;
  jmh) shift; need_java; build_parley; exec "$JAVA" -cp "$(parley_cp)" org.openjdk.jmh.Main "${@:-InProcessCallBenchmark}";;
  ws) source "$here/lib/ws-lib.sh"; need_java; build_parley
      ws_row_on trpc && { need_node; build_node; }
      run_ws; exit 0;;
  rtt) source "$here/lib/ws-lib.sh"; source "$here/lib/rtt-lib.sh"; need_java; build_parley
      rtt_row_on trpc && { need_node; build_node; }
      run_rtt; exit 0;;
  invalidate) need_java; build_parley
    exec "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.load.InvalidationLoad;;
  -h|--help|help) sed -n '2,44p' "$0"; exit 0;;
  *) echo "usage: $0 [load|jmh [JMH args]|ws|rtt|invalidate]" >&2; exit 2;;
esac

need_java
need_tools
row_on parley || row_on jetty && build_parley
row_on grpc && build_grpc
{ row_on trpc || row_on trpc-plain || row_on node; } && build_node

out="$here/target/load-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
results="$out/results.tsv"
: > "$results"
echo "bench: warm-up ${WARMUP}s, measured ${DURATION}s, ${CONNECTIONS} connections; raw output in $out"

q='%7B%22text%22%3A%22hi%22%7D' # {"text":"hi"}

if row_on trpc; then
  start_server trpc "$out" env NODE_ENV=production node "$here/peers/trpc/server.mjs" @PORT@ zod
  run_wrk "tRPC v11 standalone" "http://127.0.0.1:$srv_port/echo?input=$q"
  stop_server
fi
if row_on trpc-plain; then
  start_server trpc-plain "$out" env NODE_ENV=production node "$here/peers/trpc/server.mjs" @PORT@ plain
  run_wrk "tRPC v11 standalone, hand-written validator" "http://127.0.0.1:$srv_port/echo?input=$q"
  stop_server
fi
if row_on node; then
  start_server node "$out" node "$here/peers/trpc/bare.mjs" @PORT@
  run_wrk "bare node:http" "http://127.0.0.1:$srv_port/echo?input=$q"
  stop_server
fi
if row_on jetty; then
  start_server jetty "$out" "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" dev.parley.benchmarks.BareJettyServer @PORT@
  run_wrk "bare Jetty 12" "http://127.0.0.1:$srv_port/echo?input=$q"
  run_h2load "bare Jetty 12" "http://127.0.0.1:$srv_port/echo?input=$q"
  stop_server
fi
parley_row() { # parley_row NAME MAIN-CLASS LABEL-SUFFIX NOTE
  start_server "$1" "$out" "$JAVA" $JAVA_OPTS -cp "$(parley_cp)" "$2" @PORT@
  check_body "http://127.0.0.1:$srv_port/echo?input=$q" '{"result":{"data":{"text":"hi"}}}'
  row_note=$4
  run_wrk "Parley echo$3" "http://127.0.0.1:$srv_port/echo?input=$q"
  run_h2load "Parley echo$3" "http://127.0.0.1:$srv_port/echo?input=$q"
  run_wrk "Parley add (mutation)$3" "http://127.0.0.1:$srv_port/sum.add" POST '{"a":1,"b":2}'
  row_note=""
  stop_server
}
if row_on parley; then
  if [ -f "$here/target/classes/dev/parley/benchmarks/EchoServer.class" ]; then
    parley_row parley dev.parley.benchmarks.EchoServer "" ""
  else # JettyTransport not built yet: the same server stack behind a minimal Jetty adapter
    parley_row parley dev.parley.benchmarks.AdapterEchoServer "" "bench adapter, not JettyTransport"
  fi
fi
if row_on parley-adapter; then
  parley_row parley-adapter dev.parley.benchmarks.AdapterEchoServer ", bench adapter" "not JettyTransport"
fi
if row_on grpc; then
  start_server grpc "$out" "$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$(grpc_cp)" \
    io.grpc.benchmarks.qps.LoopbackAsyncServer --address=localhost:@PORT@
  run_grpc_client "gRPC-java unary" "127.0.0.1:$srv_port"
  run_h2load "gRPC-java unary" "http://127.0.0.1:$srv_port/grpc.testing.BenchmarkService/UnaryCall" grpc
  stop_server
fi

print_table "$results"

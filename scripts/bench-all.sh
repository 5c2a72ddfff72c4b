#!/usr/bin/env bash
# Runs the whole SeaStreamer benchmark suite on this machine, bounded in count and time, and
# writes the results file that the site's benchmark page is drawn from.
#
#   scripts/bench-all.sh [--messages N] [--size BYTES] [--output FILE]
#
# For every backend it can run here it calls `./sea-streamer bench` (SeaStreamer and the
# backend's raw client in the same run, same messages, warmed up) and keeps its RESULT line:
#   stdio  stdio:///bench (child JVMs joined by OS pipes)
#   file   file://<tmp>/bench.ss/bench
#   redis  a redis-server started here on a free 127.0.0.1 port (skipped without redis-server)
#   kafka  a KRaft broker started with scripts/kafka-broker.sh on 127.0.0.1
# and the starter's ListenerBenchmark (@StreamListener vs a plain consumer loop on mem, file,
# redis and kafka, each in a JVM of its own, and vs spring-kafka's @KafkaListener on Kafka),
# when it is in the build.
# A backend that fails or runs out of time is recorded under "skipped" with the reason; no
# figure is ever invented. Bounds: N <= 100000 messages per backend, each backend at most
# BENCH_BACKEND_TIMEOUT seconds (default 150), the whole run at most 600 seconds of benches.
# Only 127.0.0.1 is used. Default output: src/site/resources/bench/results.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MESSAGES=100000
SIZE=256
OUTPUT="$ROOT/src/site/resources/bench/results.json"
BACKEND_TIMEOUT="${BENCH_BACKEND_TIMEOUT:-150}"
TOTAL_BUDGET=600

die() {
	echo "bench-all.sh: $*" >&2
	exit 1
}

while [[ $# -gt 0 ]]; do
	case "$1" in
		--messages) MESSAGES="${2:?--messages needs a value}"; shift 2 ;;
		--size) SIZE="${2:?--size needs a value}"; shift 2 ;;
		--output) OUTPUT="${2:?--output needs a value}"; shift 2 ;;
		-h|--help) sed -n '2,19p' "$0"; exit 0 ;;
		*) die "unknown argument: $1 (see --help)" ;;
	esac
done
[[ "$MESSAGES" =~ ^[0-9]+$ && "$MESSAGES" -ge 1000 && "$MESSAGES" -le 100000 ]] \
	|| die "--messages must be between 1000 and 100000, was $MESSAGES"
[[ "$SIZE" =~ ^[0-9]+$ && "$SIZE" -ge 1 && "$SIZE" -le 65536 ]] || die "--size must be between 1 and 65536, was $SIZE"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/seastreamer-bench.XXXXXX")"
REDIS_PID=""
KAFKA_DIR=""
cleanup() {
	if [[ -n "$REDIS_PID" ]]; then
		kill "$REDIS_PID" 2>/dev/null || true
		wait "$REDIS_PID" 2>/dev/null || true
	fi
	if [[ -n "$KAFKA_DIR" ]]; then
		"$ROOT/scripts/kafka-broker.sh" stop "$KAFKA_DIR" >/dev/null 2>&1 || true
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT

json_string() {
	local s="$1"
	s="${s//\\/\\\\}"
	s="${s//\"/\\\"}"
	s="${s//$'\t'/ }"
	s="${s//$'\r'/}"
	s="${s//$'\n'/ }"
	printf '"%s"' "$s"
}

free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

java_bin="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
	java_bin="$JAVA_HOME/bin/java"
fi

# Build the command's jar once, outside the timed part, and run a private copy of it: a
# rebuild of the checkout during the run must not pull the jar from under a bench.
if [[ ! -f "$ROOT/sea-streamer-cli/target/sea-streamer.jar" ]]; then
	"$ROOT/sea-streamer" --version >/dev/null
fi
cp "$ROOT/sea-streamer-cli/target/sea-streamer.jar" "$WORK/sea-streamer.jar"
# with the JVM flags of the ./sea-streamer launcher
SEA_STREAMER=("$java_bin" -Xshare:auto -XX:+UseSerialGC -jar "$WORK/sea-streamer.jar")

RESULTS=()
SKIPPED=()
STARTED=$SECONDS
# other work on the machine skews every figure: record how busy it was
LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"

skip() {
	echo "bench-all.sh: $1 skipped: $2" >&2
	SKIPPED+=("{\"name\":$(json_string "$1"),\"reason\":$(json_string "$2")}")
}

# run NAME URL: one `sea-streamer bench`, its RESULT line turned into a JSON object
run() {
	local name="$1" url="$2" left log line fields key value
	left=$((TOTAL_BUDGET - (SECONDS - STARTED)))
	if [[ $left -le 10 ]]; then
		skip "$name" "the run's time budget of ${TOTAL_BUDGET}s was used up"
		return
	fi
	[[ $left -lt $BACKEND_TIMEOUT ]] || left=$BACKEND_TIMEOUT
	log="$WORK/$name.log"
	echo "bench-all.sh: $name: ./sea-streamer bench --stream $url --messages $MESSAGES --size $SIZE (at most ${left}s)" >&2
	if ! timeout --kill-after=10 "$left" "${SEA_STREAMER[@]}" bench --stream "$url" --messages "$MESSAGES" --size "$SIZE" \
		>"$WORK/$name.out" 2>"$log"; then
		skip "$name" "bench failed or timed out after ${left}s: $(tail -n 1 "$log" 2>/dev/null)"
		return
	fi
	line="$(grep '^RESULT ' "$WORK/$name.out" | tail -n 1 || true)"
	if [[ -z "$line" ]]; then
		skip "$name" "bench printed no RESULT line: $(tail -n 1 "$log" 2>/dev/null)"
		return
	fi
	echo "bench-all.sh: $line" >&2
	fields="\"name\":$(json_string "$name"),\"url\":$(json_string "$url"),\"result\":$(json_string "$line")"
	for pair in ${line#RESULT }; do
		key="${pair%%=*}"
		value="${pair#*=}"
		if [[ "$value" =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; then
			fields+=",$(json_string "$key"):$value"
		else
			fields+=",$(json_string "$key"):$(json_string "$value")"
		fi
	done
	RESULTS+=("{$fields}")
}

# The @StreamListener benchmark of the Spring Boot starter (ListenerBenchmark under
# sea-streamer-autoconfigure/src/test): a listener counting messages against a plain
# Consumer.next() loop on each backend, and against spring-kafka's @KafkaListener on Kafka,
# in the same run. Each backend runs in a JVM of its own (as JMH forks per benchmark): in one
# JVM, the backends measured first would shape the compiled code of those measured later.
# Redis and Kafka use the server and the broker process started above. Its lines are parsed
# into "listener" entries.
LISTENER=()
LISTENER_CP=""
BENCH_SRC="$ROOT/sea-streamer-autoconfigure/src/test/java/io/github/seastreamer/spring/listener/ListenerBenchmark.java"
build_listener() {
	local module="$ROOT/sea-streamer-autoconfigure"
	if [[ ! -f "$BENCH_SRC" ]]; then
		skip listener "no @StreamListener benchmark (ListenerBenchmark) in the build yet"
		return
	fi
	echo "bench-all.sh: listener: compiling ListenerBenchmark" >&2
	if ! (cd "$ROOT" && { ./mvnw -B -o -q test-compile -pl sea-streamer-autoconfigure \
		|| ./mvnw -B -q test-compile -pl sea-streamer-autoconfigure; } >"$WORK/listener-build.log" 2>&1 \
		&& cd "$module" && ../mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/listener-cp.txt" \
			-Dmdep.includeScope=test >>"$WORK/listener-build.log" 2>&1); then
		skip listener "ListenerBenchmark did not build: $(tail -n 1 "$WORK/listener-build.log")"
		return
	fi
	LISTENER_CP="target/test-classes:target/classes:$(cat "$WORK/listener-cp.txt")"
}

# run_listener BACKEND [JVM OPTION...]: ListenerBenchmark on one backend, in a JVM of its own
run_listener() {
	local backend="$1" module="$ROOT/sea-streamer-autoconfigure" left out line a b ratio listener
	shift
	[[ -n "$LISTENER_CP" ]] || return 0
	left=$((TOTAL_BUDGET - (SECONDS - STARTED)))
	if [[ $left -le 30 ]]; then
		skip "listener-$backend" "the run's time budget of ${TOTAL_BUDGET}s was used up"
		return
	fi
	[[ $left -lt $BACKEND_TIMEOUT ]] || left=$BACKEND_TIMEOUT
	echo "bench-all.sh: listener $backend: ListenerBenchmark $backend (at most ${left}s)" >&2
	out="$WORK/listener-$backend.out"
	if ! (cd "$module" && timeout --kill-after=10 "$left" "$java_bin" "$@" -cp "$LISTENER_CP" \
		io.github.seastreamer.spring.listener.ListenerBenchmark "$backend" "$MESSAGES" "$SIZE" \
		>"$out" 2>"$WORK/listener-$backend.log"); then
		skip "listener-$backend" "ListenerBenchmark failed or timed out after ${left}s: $(tail -n 1 "$WORK/listener-$backend.log")"
		return
	fi
	# "<backend> plain loop <A> msg/s | @StreamListener[+metrics] <B> msg/s | ratio <R>"
	# "kafka  @KafkaListener (record) <A> msg/s | @StreamListener+metrics <B> msg/s | ratio <R>"
	local found=0
	while IFS= read -r line; do
		if [[ "$line" =~ ^([a-z]+)\ +(plain\ loop|@KafkaListener\ \(record\))\ +([0-9.]+)\ msg/s\ \|\ (@StreamListener[^ ]*)\ +([0-9.]+)\ msg/s\ \|\ ratio\ ([0-9.]+)$ ]]; then
			a="${BASH_REMATCH[3]}"
			listener="${BASH_REMATCH[4]}"
			b="${BASH_REMATCH[5]}"
			ratio="${BASH_REMATCH[6]}"
			echo "bench-all.sh: $line" >&2
			LISTENER+=("{\"name\":$(json_string "${BASH_REMATCH[1]}"),\"baseline\":$(json_string "${BASH_REMATCH[2]}"),\"listener\":$(json_string "$listener"),\"baseline_msg_s\":$a,\"listener_msg_s\":$b,\"ratio\":$ratio,\"result\":$(json_string "$line")}")
			found=1
		fi
	done <"$out"
	if [[ $found -eq 0 ]]; then
		skip "listener-$backend" "ListenerBenchmark printed no result line: $(tail -n 1 "$WORK/listener-$backend.log" 2>/dev/null)"
	fi
}

build_listener

run stdio "stdio:///bench"
run file "file://$WORK/bench.ss/bench"
run_listener mem
run_listener file

if command -v redis-server >/dev/null 2>&1; then
	REDIS_PORT="$(free_port)" || die "no free port for redis-server"
	redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
	REDIS_PID=$!
	for _ in $(seq 1 50); do
		port_open "$REDIS_PORT" && break
		sleep 0.1
	done
	if port_open "$REDIS_PORT"; then
		run redis "redis://127.0.0.1:$REDIS_PORT/bench"
		run_listener redis "-Dbench.redis=redis://127.0.0.1:$REDIS_PORT"
	else
		skip redis "redis-server did not start on port $REDIS_PORT"
	fi
	kill "$REDIS_PID" 2>/dev/null || true
	wait "$REDIS_PID" 2>/dev/null || true
	REDIS_PID=""
else
	skip redis "redis-server is not installed (apt-get install -y redis-server)"
fi

if [[ -x "$ROOT/scripts/kafka-broker.sh" ]]; then
	KAFKA_DIR="$WORK/kafka"
	if KAFKA_PORT="$(timeout 120 "$ROOT/scripts/kafka-broker.sh" start "$KAFKA_DIR" 2>"$WORK/kafka-start.log" | tail -n 1)" \
		&& [[ "$KAFKA_PORT" =~ ^[0-9]+$ ]]; then
		run kafka "kafka://127.0.0.1:$KAFKA_PORT/bench"
		run_listener kafka "-Dbench.kafka=127.0.0.1:$KAFKA_PORT"
	else
		skip kafka "the Kafka broker did not start: $(tail -n 1 "$WORK/kafka-start.log" 2>/dev/null)"
	fi
	"$ROOT/scripts/kafka-broker.sh" stop "$KAFKA_DIR" >/dev/null 2>&1 || true
	KAFKA_DIR=""
else
	skip kafka "scripts/kafka-broker.sh is missing"
fi

join() {
	local IFS=","
	echo "$*"
}

mem_kib="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)"
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
jdk="$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name|java.runtime.version/ { printf "%s ", $2 }')"
project_version="$(sed -n 's:^\t<version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -n 1)"
boot_version="$(sed -n 's:.*<spring-boot.version>\(.*\)</spring-boot.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
redis_version="$( (redis-server --version 2>/dev/null || true) | sed -n 's/.* v=\([^ ]*\).*/\1/p')"
kafka_version="$( (unzip -p "$WORK/sea-streamer.jar" kafka/kafka-version.properties 2>/dev/null || true) \
	| sed -n 's/^version=//p')"

mkdir -p "$(dirname "$OUTPUT")"
{
	echo "{"
	echo "  \"date\": $(json_string "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),"
	echo "  \"command\": $(json_string "scripts/bench-all.sh --messages $MESSAGES --size $SIZE"),"
	echo "  \"messages\": $MESSAGES,"
	echo "  \"size\": $SIZE,"
	echo "  \"machine\": {\"nproc\": $(nproc), \"memory_mib\": $((mem_kib / 1024)), \"cpu\": $(json_string "$cpu"), \"os\": $(json_string "$(uname -sr)"), \"load_average_before\": $LOAD_BEFORE, \"load_average_after\": $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)},"
	echo "  \"versions\": {\"seastreamer\": $(json_string "$project_version"), \"jdk\": $(json_string "${jdk% }"), \"spring_boot\": $(json_string "$boot_version"), \"kafka_clients\": $(json_string "$kafka_version"), \"redis_server\": $(json_string "$redis_version")},"
	echo "  \"results\": [$(join "${RESULTS[@]+"${RESULTS[@]}"}")],"
	echo "  \"listener\": [$(join "${LISTENER[@]+"${LISTENER[@]}"}")],"
	echo "  \"skipped\": [$(join "${SKIPPED[@]+"${SKIPPED[@]}"}")]"
	echo "}"
} >"$OUTPUT.tmp"
mv "$OUTPUT.tmp" "$OUTPUT"
echo "bench-all.sh: wrote $OUTPUT (${#RESULTS[@]} results, ${#SKIPPED[@]} skipped, $((SECONDS - STARTED))s)" >&2

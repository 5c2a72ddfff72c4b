#!/usr/bin/env bash
# Runs a single Kafka broker process (KRaft, combined broker + controller) bound to
# 127.0.0.1, with the Kafka jars of the version Spring Boot manages (resolved from Maven
# Central through scripts/kafka-broker/pom.xml).
#
#   scripts/kafka-broker.sh start [PORT] DIR   format DIR, start the broker, print its port
#                                              (PORT omitted or 0: a free port)
#   scripts/kafka-broker.sh stop DIR           stop the broker started in DIR
#   scripts/kafka-broker.sh classpath          print the Kafka class path (for the tools,
#                                              e.g. org.apache.kafka.tools.consumer.ConsoleConsumer)
#
# The broker's log is DIR/broker.log, its pid DIR/broker.pid, its data DIR/data.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
POM="$HERE/kafka-broker/pom.xml"
CP_FILE="$HERE/kafka-broker/target/classpath.txt"

die() {
	echo "kafka-broker.sh: $*" >&2
	exit 1
}

classpath() {
	if [[ ! -s "$CP_FILE" || "$POM" -nt "$CP_FILE" ]]; then
		mkdir -p "$(dirname "$CP_FILE")"
		if ! "$ROOT/mvnw" -B -q -o -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2 2>/dev/null; then
			"$ROOT/mvnw" -B -q -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2 \
				|| die "could not resolve the Kafka jars (see the Maven output above)"
		fi
	fi
	cat "$CP_FILE"
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-
}

start() {
	local port dir
	if [[ $# -eq 1 ]]; then
		port=0
		dir="$1"
	elif [[ $# -eq 2 ]]; then
		port="$1"
		dir="$2"
	else
		die "usage: kafka-broker.sh start [PORT] DIR"
	fi
	[[ "$port" =~ ^[0-9]+$ && "$port" -le 65535 ]] || die "invalid port: $port"
	mkdir -p "$dir"
	dir="$(cd "$dir" && pwd)"
	if [[ -f "$dir/broker.pid" ]] && kill -0 "$(cat "$dir/broker.pid")" 2>/dev/null; then
		die "a broker is already running from $dir (pid $(cat "$dir/broker.pid"))"
	fi
	[[ "$port" -eq 0 ]] && port="$(free_port)"
	port_open "$port" && die "port $port on 127.0.0.1 is already in use"
	local controller_port
	controller_port="$(free_port)"
	[[ "$controller_port" == "$port" ]] && controller_port="$(free_port)"
	local cp
	cp="$(classpath)"
	rm -rf "$dir/data"
	cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
	local java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
	local cluster_id
	cluster_id="$(java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid)"
	java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
		>"$dir/format.log" 2>&1 || die "storage format failed: $(cat "$dir/format.log")"
	nohup java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 &
	local pid=$!
	echo "$pid" >"$dir/broker.pid"
	echo "$port" >"$dir/broker.port"
	local waited=0
	until port_open "$port"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			die "broker exited during start-up; last lines of $dir/broker.log: $(tail -5 "$dir/broker.log")"
		fi
		if [[ $waited -ge 600 ]]; then
			kill "$pid" 2>/dev/null || true
			die "broker did not listen on 127.0.0.1:$port within 60 s"
		fi
		sleep 0.1
		waited=$((waited + 1))
	done
	echo "$port"
}

stop() {
	[[ $# -eq 1 ]] || die "usage: kafka-broker.sh stop DIR"
	local dir="$1"
	[[ -f "$dir/broker.pid" ]] || die "no broker.pid in $dir"
	local pid
	pid="$(cat "$dir/broker.pid")"
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid"
		local waited=0
		while kill -0 "$pid" 2>/dev/null; do
			if [[ $waited -ge 300 ]]; then
				kill -9 "$pid" 2>/dev/null || true
				break
			fi
			sleep 0.1
			waited=$((waited + 1))
		done
	fi
	rm -f "$dir/broker.pid"
}

case "${1:-}" in
	start) shift; start "$@" ;;
	stop) shift; stop "$@" ;;
	classpath) classpath ;;
	*) die "usage: kafka-broker.sh start [PORT] DIR | stop DIR | classpath" ;;
esac

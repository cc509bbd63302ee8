#!/usr/bin/env bash
# Start/stop a private ActiveMQ 5.17 broker from Debian's package: its own conf/ and data/ under DIR, loopback
# ports only, no system service.
#
# usage:
#   scripts/broker.sh start DIR [options]    write DIR/conf, start, wait for "started", print and save the ports
#   scripts/broker.sh stop  DIR [TIMEOUT_S]  SIGTERM (clean KahaDB shutdown), SIGKILL after TIMEOUT_S (default 30)
#   scripts/broker.sh kill  DIR              SIGKILL at once (crash test)
# stop and kill signal only the pid in DIR/broker.pid, and only while its command line still names DIR (a stale
# file whose pid now belongs to another process is removed; nothing is signalled).
#
# start options (each may be given once unless marked repeatable):
#   --name NAME                   broker name (default: basename of DIR)
#   --user NAME:PASSWORD[:GROUPS] repeatable; enables simpleAuthenticationPlugin, anonymous access refused
#                                 (GROUPS comma separated, default "users")
#   --anonymous                   with --user: clients without a login are let in as user/group "anonymous"
#   --authz 'queue|topic:PATTERN:READ:WRITE:ADMIN'  repeatable; enables authorizationPlugin with these
#                                 entries (group lists comma separated). Advisory topics stay open to everyone.
#   --redelivery N[:DELAY_MS]     redeliveryPlugin, maximumRedeliveries N, delay (default 2000, must be > 1000);
#                                 turns on schedulerSupport
#   --scheduler                   schedulerSupport="true"
#   --dlq-prefix PREFIX           individualDeadLetterStrategy queuePrefix=PREFIX (e.g. "DLQ."), processNonPersistent
#   --destination-policy FILE     the <destinationPolicy> element of FILE, verbatim, instead of the local one: an
#                                 activemq.xml, or template.yaml, whose broker configuration is what Amazon MQ runs
#   --stock-policy                no <destinationPolicy> at all, as Debian's stock activemq.xml: shared ActiveMQ.DLQ,
#                                 non-persistent messages dropped when dead-lettered
#   --statistics                  statisticsBrokerPlugin
#   --network-connector XML       repeatable; a <networkConnector …> element, inserted verbatim
#   --ssl                         add a stomp+ssl connector; keystore DIR/ssl/broker.p12 (generated if missing,
#                                 CN=localhost, SAN from --ssl-san), CA/cert PEM at DIR/ssl/broker.pem
#   --ssl-san SAN                 SAN for the generated certificate (default dns:localhost,ip:127.0.0.1)
#   --keystore FILE:PASSWORD      use this PKCS12 keystore instead of generating one (implies --ssl)
#   --openwire-port N  --stomp-port N  --stomp-ssl-port N   fixed ports (default 0: the OS picks; a restart
#                                 that must keep its ports passes the ones from DIR/ports.env)
#   --jmx-port N                  useJmx and a JMX connector on 127.0.0.1:N
#   --heap SIZE                   -Xmx (default 256m)
#   --shared-store DIR            KahaDB in DIR instead of DIR/data/kahadb, e.g. one directory for a shared-storage
#                                 master/slave pair: a broker that finds it locked is the standby (slave), its
#                                 connectors closed until it takes the lock; start then returns once it waits
#                                 (ports.env gets STANDBY=1 and the fixed ports, which a standby needs)
#   --no-jars                     leave xstream/jettison/xpp3 out of DIR/lib (removing earlier links): Debian's
#                                 stock broker, where STOMP transformations drop the connection
#
# Environment: ACTIVEMQ_HOME (default /usr/share/activemq), AMQ_JVM_OPTS (extra JVM flags).
#
# Output (stdout, last line) and DIR/ports.env:
#   openwire=tcp://127.0.0.1:N stomp=stomp://127.0.0.1:M [stomp_ssl=stomp+ssl://localhost:K] [jmx=service:…]
set -euo pipefail
# bash 5.2 makes '&' in a ${var//pat/rep} replacement mean the match; xml_escape needs it literal.
shopt -u patsub_replacement 2>/dev/null || true

AMQ_HOME=${ACTIVEMQ_HOME:-/usr/share/activemq}
JARS_NEEDED=(xstream jettison xpp3)

die() { echo "broker.sh: $*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

# shellcheck source=lib/broker-config.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/broker-config.sh"

require_activemq() {
  [ -e "$AMQ_HOME/bin/activemq.jar" ] ||
    die "ActiveMQ is not installed: run scripts/prereqs.sh (apt-get install activemq)"
  command -v java >/dev/null 2>&1 ||
    die "java is not installed: run scripts/prereqs.sh (apt-get install default-jre-headless)"
}

# The start options into opt_* (defaults as documented above); $base is the broker dir.
parse_start_options() {
  opt_name=$(basename "$base") opt_users=() opt_anonymous=false opt_authz=() opt_connectors=() opt_redelivery="" opt_scheduler=false
  opt_dlq="" opt_policy_file="" opt_stock_policy=false opt_stats=false opt_ssl=false opt_san="dns:localhost,ip:127.0.0.1" opt_keystore="" opt_kspass="password"
  opt_ow_port=0 opt_st_port=0 opt_ssl_port=0 opt_jmx_port="" opt_heap=256m opt_jars=true opt_store=""
  while [ $# -gt 0 ]; do
    case $1 in
      --name) opt_name=$2; shift 2 ;;
      --user) opt_users+=("$2"); shift 2 ;;
      --anonymous) opt_anonymous=true; shift ;;
      --authz) opt_authz+=("$2"); shift 2 ;;
      --redelivery) opt_redelivery=$2; opt_scheduler=true; shift 2 ;;
      --scheduler) opt_scheduler=true; shift ;;
      --dlq-prefix) opt_dlq=$2; shift 2 ;;
      --destination-policy) opt_policy_file=$2; shift 2 ;;
      --stock-policy) opt_stock_policy=true; shift ;;
      --statistics) opt_stats=true; shift ;;
      --network-connector) opt_connectors+=("$2"); shift 2 ;;
      --ssl) opt_ssl=true; shift ;;
      --ssl-san) opt_san=$2; shift 2 ;;
      --keystore) opt_keystore=${2%%:*}; opt_kspass=${2#*:}; opt_ssl=true; shift 2 ;;
      --openwire-port) opt_ow_port=$2; shift 2 ;;
      --stomp-port) opt_st_port=$2; shift 2 ;;
      --stomp-ssl-port) opt_ssl_port=$2; shift 2 ;;
      --jmx-port) opt_jmx_port=$2; shift 2 ;;
      --heap) opt_heap=$2; shift 2 ;;
      --no-jars) opt_jars=false; shift ;;
      --shared-store) opt_store=$2; shift 2 ;;
      -h|--help) usage ;;
      *) die "unknown start option '$1' (see scripts/broker.sh --help)" ;;
    esac
  done
  local policies=0
  [ -z "$opt_dlq" ] || policies=$((policies + 1))
  [ -z "$opt_policy_file" ] || policies=$((policies + 1))
  ! $opt_stock_policy || policies=$((policies + 1))
  [ "$policies" -le 1 ] || die "--dlq-prefix, --destination-policy and --stock-policy each set the destination policy; give one"
  [ -z "$opt_store" ] || { [ "$opt_ow_port" != 0 ] && [ "$opt_st_port" != 0 ]; } ||
    die "--shared-store needs --openwire-port and --stomp-port: a standby opens its connectors only when it takes over"
}

# True while pid $1 is the JVM of the broker in $base: its command line names this dir. A pid file outlives its
# process, and the pid may since belong to something else, which must never be signalled.
is_broker_pid() {
  [ -n "$1" ] && tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "-Dactivemq.base=$base"
}

# The pid in $base/broker.pid when it is still this broker's; otherwise removes the stale file and prints nothing.
recorded_pid() {
  local pid; pid=$(cat "$base/broker.pid" 2>/dev/null) || return 0
  if is_broker_pid "$pid"; then echo "$pid"; return 0; fi
  if kill -0 "$pid" 2>/dev/null; then
    echo "broker.sh: $base/broker.pid names pid $pid, which is not this broker (stale file): removed, nothing signalled" >&2
  fi
  rm -f "$base/broker.pid"
}

# Refuses a second broker on the same dir, then makes its folders and classpath.
prepare_broker_dir() {
  local running; running=$(recorded_pid)
  [ -z "$running" ] || die "a broker is already running from $base (pid $running); stop it first"
  mkdir -p "$base/conf" "$base/data" "$base/tmp" "$base/lib"
  # Upstream ActiveMQ and Amazon MQ ship these; Debian leaves them off the classpath.
  local j
  for j in "${JARS_NEEDED[@]}"; do
    if ! $opt_jars; then rm -f "$base/lib/$j.jar"; continue; fi
    [ -e "/usr/share/java/$j.jar" ] ||
      die "/usr/share/java/$j.jar is missing: run scripts/prereqs.sh (apt-get install libxstream-java libjettison-java libxpp3-java)"
    ln -sf "/usr/share/java/$j.jar" "$base/lib/$j.jar"
  done
}

# Starts the JVM in its own session, its console in $log; sets $pid.
launch_broker() {
  if [ -f "$log" ]; then mv -f "$log" "$log.1"; fi
  rm -f "$base/ports.env"
  setsid java -Xms64m "-Xmx$opt_heap" ${AMQ_JVM_OPTS:-} \
    --add-reads=java.xml=java.logging \
    --add-opens java.base/java.security=ALL-UNNAMED \
    --add-opens java.base/java.net=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED \
    --add-opens java.base/java.util=ALL-UNNAMED \
    --add-opens java.naming/javax.naming.spi=ALL-UNNAMED \
    --add-opens java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED \
    --add-opens java.base/java.util.concurrent=ALL-UNNAMED \
    --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED \
    -Djava.awt.headless=true \
    -Djava.io.tmpdir="$base/tmp" \
    -Djava.security.auth.login.config="$base/conf/login.config" \
    -Dactivemq.classpath="$base/conf" \
    -Dactivemq.home="$AMQ_HOME" \
    -Dactivemq.base="$base" \
    -Dactivemq.conf="$base/conf" \
    -Dactivemq.data="$base/data" \
    -jar "$AMQ_HOME/bin/activemq.jar" start "xbean:file:$base/conf/activemq.xml" \
    >"$log" 2>&1 </dev/null &
  pid=$!
  # setsid forks when it starts as a process-group leader (a caller with job control); then $! is not the JVM.
  sleep 0.2
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != java ]; then
    pid=$(pgrep -n -f -- "-Dactivemq.base=$base -Dactivemq.conf" || echo "$pid")
  fi
  echo "$pid" >"$base/broker.pid"
}

# Waits up to 120 s for "started" in $log (or, with --shared-store, for the standby's wait on the lock; sets
# $standby); exits with its last lines when the broker dies or never starts.
wait_until_started() {
  local i
  standby=false
  for i in $(seq 1 1200); do
    grep -q 'Apache ActiveMQ .* started' "$log" 2>/dev/null && break
    if [ -n "$opt_store" ] && grep -q 'is locked by another server' "$log" 2>/dev/null; then standby=true; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$base/broker.pid"
      echo "broker.sh: broker '$opt_name' died during start-up; last lines of $log:" >&2
      tail -30 "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if ! grep -q 'Apache ActiveMQ .* started' "$log"; then
    echo "broker.sh: broker '$opt_name' (pid $pid) did not start in 120 s; last lines of $log:" >&2
    tail -30 "$log" >&2
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$base/broker.pid"
    exit 1
  fi
}

port_of() { grep -o "Listening for connections at: $1://localhost:[0-9]*" "$log" | head -1 | grep -o '[0-9]*$'; }

# The ports the broker logged, into port_ow, port_st and port_ssl (a standby's: the fixed ones it will open).
read_ports() {
  if $standby; then port_ow=$opt_ow_port port_st=$opt_st_port port_ssl=$opt_ssl_port; return 0; fi
  port_ow=$(port_of tcp) || die "no openwire port in $log"
  port_st=$(port_of stomp) || die "no stomp port in $log"
  port_ssl=""
  if $opt_ssl; then port_ssl=$(port_of 'stomp+ssl') || die "no stomp+ssl port in $log"; fi
}

write_ports_env() {
  {
    echo "BROKER_NAME=$opt_name"
    echo "BROKER_PID=$pid"
    if $standby; then echo "STANDBY=1"; fi
    echo "OPENWIRE_PORT=$port_ow"
    echo "STOMP_PORT=$port_st"
    echo "OPENWIRE_URI=tcp://127.0.0.1:$port_ow"
    echo "STOMP_URI=stomp://127.0.0.1:$port_st"
    if $opt_ssl; then
      echo "STOMP_SSL_PORT=$port_ssl"
      echo "STOMP_SSL_URI=stomp+ssl://localhost:$port_ssl"
      [ ! -f "$base/ssl/broker.pem" ] || echo "STOMP_SSL_CA_FILE=$base/ssl/broker.pem"
    fi
    if [ -n "$opt_jmx_port" ]; then echo "JMX_URL=service:jmx:rmi:///jndi/rmi://127.0.0.1:$opt_jmx_port/jmxrmi"; fi
  } >"$base/ports.env"
}

cmd_start() {
  local dir=$1; shift
  require_activemq
  mkdir -p "$dir"
  base=$(cd "$dir" && pwd)
  parse_start_options "$@"
  prepare_broker_dir
  if $opt_ssl && [ -z "$opt_keystore" ]; then make_keystore "$base" "$opt_san"; opt_keystore=$base/ssl/broker.p12; fi
  build_plugins_xml
  build_policy_xml
  write_log4j "$base"
  write_activemq_xml
  : >"$base/conf/login.config"
  log=$base/data/console.log
  local start_ns; start_ns=$(date +%s%N)
  launch_broker
  wait_until_started
  read_ports
  write_ports_env
  local ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  if $standby; then
    echo "broker '$opt_name' waits as the standby of $opt_store, pid $pid, after ${ms} ms, dir $base" >&2
  else
    echo "broker '$opt_name' started, pid $pid, in ${ms} ms, dir $base" >&2
  fi
  local line="openwire=tcp://127.0.0.1:$port_ow stomp=stomp://127.0.0.1:$port_st"
  if $opt_ssl; then line+=" stomp_ssl=stomp+ssl://localhost:$port_ssl"; fi
  if [ -n "$opt_jmx_port" ]; then line+=" jmx=service:jmx:rmi:///jndi/rmi://127.0.0.1:$opt_jmx_port/jmxrmi"; fi
  echo "$line"
}

cmd_stop() {
  local base; base=$(cd "$1" && pwd) || die "no such broker dir: $1"
  local timeout=${2:-30}
  [ -f "$base/broker.pid" ] || { echo "broker.sh: no broker.pid in $base" >&2; return 0; }
  local pid; pid=$(recorded_pid)
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_gone "$pid" $((timeout * 10))
  if is_broker_pid "$pid"; then
    echo "broker.sh: pid $pid still alive after ${timeout}s, SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 50
  fi
  rm -f "$base/broker.pid"
}

cmd_kill() {
  local base; base=$(cd "$1" && pwd) || die "no such broker dir: $1"
  local pid; pid=$(recorded_pid)
  [ -n "$pid" ] || return 0
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 50
  rm -f "$base/broker.pid"
}

# Waits up to $2 tenths of a second until pid $1 is no longer this broker.
wait_gone() {
  local i
  for i in $(seq 1 "$2"); do is_broker_pid "$1" || break; sleep 0.1; done
}

[ $# -ge 1 ] || usage
case $1 in
  start) [ $# -ge 2 ] || usage; shift; cmd_start "$@" ;;
  stop) [ $# -ge 2 ] || usage; cmd_stop "$2" "${3:-30}" ;;
  kill) [ $# -ge 2 ] || usage; cmd_kill "$2" ;;
  -h|--help|help) usage ;;
  *) die "unknown command '$1' (start|stop|kill)" ;;
esac

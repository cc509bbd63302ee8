#!/usr/bin/env bash
# Start/stop a private ActiveMQ 5.17 broker from Debian's package: its own conf/ and data/ under DIR, loopback
# ports only, no system service (see ../shared/notes/activemq.md §1-§3).
#
# usage:
#   scripts/broker.sh start DIR [options]    write DIR/conf, start, wait for "started", print and save the ports
#   scripts/broker.sh stop  DIR [TIMEOUT_S]  SIGTERM (clean KahaDB shutdown), SIGKILL after TIMEOUT_S (default 30)
#   scripts/broker.sh kill  DIR              SIGKILL at once (crash test)
#
# start options (each may be given once unless marked repeatable):
#   --name NAME                   broker name (default: basename of DIR)
#   --user NAME:PASSWORD[:GROUPS] repeatable; enables simpleAuthenticationPlugin, anonymous access refused
#                                 (GROUPS comma separated, default "users")
#   --authz 'queue|topic:PATTERN:READ:WRITE:ADMIN'  repeatable; enables authorizationPlugin with these
#                                 entries (group lists comma separated). Advisory topics stay open to everyone.
#   --redelivery N[:DELAY_MS]     redeliveryPlugin, maximumRedeliveries N, delay (default 2000, must be > 1000);
#                                 turns on schedulerSupport
#   --scheduler                   schedulerSupport="true"
#   --dlq-prefix PREFIX           individualDeadLetterStrategy queuePrefix=PREFIX (e.g. "DLQ."), processNonPersistent
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
#   --no-jars                     leave xstream/jettison/xpp3 out of DIR/lib (removing earlier links): Debian's
#                                 stock broker, where STOMP transformations drop the connection (notes §2)
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

require_activemq() {
  [ -e "$AMQ_HOME/bin/activemq.jar" ] ||
    die "ActiveMQ is not installed: run scripts/prereqs.sh (apt-get install activemq)"
  command -v java >/dev/null 2>&1 ||
    die "java is not installed: run scripts/prereqs.sh (apt-get install default-jre-headless)"
}

xml_escape() { local s=$1; s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}; printf '%s' "$s"; }

write_log4j() {
  cat >"$1/conf/log4j.properties" <<'L4J'
log4j.rootLogger=INFO, console
log4j.logger.org.springframework=WARN
log4j.logger.org.apache.xbean=WARN
log4j.logger.org.apache.activemq.spring=WARN
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss,SSS} %5p | %m | %c{1} | %t%n
L4J
}

make_keystore() { # dir san
  local d=$1/ssl
  mkdir -p "$d"
  if [ ! -f "$d/broker.p12" ]; then
    keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname CN=localhost \
      -ext "SAN=$2" -storetype PKCS12 -keystore "$d/broker.p12" -storepass password -keypass password \
      >/dev/null 2>&1 || die "keytool could not create $d/broker.p12"
    keytool -exportcert -rfc -alias broker -keystore "$d/broker.p12" -storepass password -file "$d/broker.pem" \
      >/dev/null 2>&1 || die "keytool could not export $d/broker.pem"
  fi
}

cmd_start() {
  local dir=$1; shift
  require_activemq
  mkdir -p "$dir"
  local base; base=$(cd "$dir" && pwd)
  local name; name=$(basename "$base")
  local users=() authz=() connectors=() redelivery="" scheduler=false dlq="" stats=false ssl=false
  local san="dns:localhost,ip:127.0.0.1" keystore="" kspass="password"
  local ow_port=0 st_port=0 ssl_port=0 jmx_port="" heap=256m jars=true
  while [ $# -gt 0 ]; do
    case $1 in
      --name) name=$2; shift 2 ;;
      --user) users+=("$2"); shift 2 ;;
      --authz) authz+=("$2"); shift 2 ;;
      --redelivery) redelivery=$2; scheduler=true; shift 2 ;;
      --scheduler) scheduler=true; shift ;;
      --dlq-prefix) dlq=$2; shift 2 ;;
      --statistics) stats=true; shift ;;
      --network-connector) connectors+=("$2"); shift 2 ;;
      --ssl) ssl=true; shift ;;
      --ssl-san) san=$2; shift 2 ;;
      --keystore) keystore=${2%%:*}; kspass=${2#*:}; ssl=true; shift 2 ;;
      --openwire-port) ow_port=$2; shift 2 ;;
      --stomp-port) st_port=$2; shift 2 ;;
      --stomp-ssl-port) ssl_port=$2; shift 2 ;;
      --jmx-port) jmx_port=$2; shift 2 ;;
      --heap) heap=$2; shift 2 ;;
      --no-jars) jars=false; shift ;;
      -h|--help) usage ;;
      *) die "unknown start option '$1' (see scripts/broker.sh --help)" ;;
    esac
  done

  if [ -f "$base/broker.pid" ] && kill -0 "$(cat "$base/broker.pid")" 2>/dev/null; then
    die "a broker is already running from $base (pid $(cat "$base/broker.pid")); stop it first"
  fi
  mkdir -p "$base/conf" "$base/data" "$base/tmp" "$base/lib"
  # Upstream ActiveMQ and Amazon MQ ship these; Debian leaves them off the classpath (notes §2 "Broker classpath").
  for j in "${JARS_NEEDED[@]}"; do
    if ! $jars; then rm -f "$base/lib/$j.jar"; continue; fi
    [ -e "/usr/share/java/$j.jar" ] ||
      die "/usr/share/java/$j.jar is missing: run scripts/prereqs.sh (apt-get install libxstream-java libjettison-java libxpp3-java)"
    ln -sf "/usr/share/java/$j.jar" "$base/lib/$j.jar"
  done

  if $ssl && [ -z "$keystore" ]; then make_keystore "$base" "$san"; keystore=$base/ssl/broker.p12; fi

  # ---- plugins ----
  local plugins=""
  if $stats; then plugins+=$'      <statisticsBrokerPlugin/>\n'; fi
  if [ ${#users[@]} -gt 0 ]; then
    plugins+=$'      <simpleAuthenticationPlugin anonymousAccessAllowed="false">\n        <users>\n'
    local u un rest pw groups
    for u in "${users[@]}"; do
      un=${u%%:*}; rest=${u#*:}
      [ "$rest" != "$u" ] || die "--user '$u' must be NAME:PASSWORD[:GROUPS]"
      pw=${rest%%:*}; groups=users
      if [ "$rest" != "$pw" ]; then groups=${rest#*:}; fi
      plugins+="          <authenticationUser username=\"$(xml_escape "$un")\" password=\"$(xml_escape "$pw")\" groups=\"$(xml_escape "$groups")\"/>"$'\n'
    done
    plugins+=$'        </users>\n      </simpleAuthenticationPlugin>\n'
  fi
  if [ ${#authz[@]} -gt 0 ]; then
    plugins+=$'      <authorizationPlugin><map><authorizationMap><authorizationEntries>\n'
    local a kind rest2 pat rd wr ad all_groups=""
    for a in "${authz[@]}"; do
      IFS=: read -r kind pat rd wr ad <<<"$a"
      case $kind in queue|topic) ;; *) die "--authz '$a' must start with queue: or topic:" ;; esac
      [ -n "$ad" ] || die "--authz '$a' must be KIND:PATTERN:READ:WRITE:ADMIN"
      plugins+="        <authorizationEntry $kind=\"$(xml_escape "$pat")\" read=\"$rd\" write=\"$wr\" admin=\"$ad\"/>"$'\n'
      all_groups+="${all_groups:+,}$rd,$wr,$ad"
    done
    # Every client needs the advisory topics, or connections are refused.
    all_groups=$(tr ',' '\n' <<<"$all_groups" | sort -u | paste -sd, -)
    plugins+="        <authorizationEntry topic=\"ActiveMQ.Advisory.>\" read=\"$all_groups\" write=\"$all_groups\" admin=\"$all_groups\"/>"$'\n'
    plugins+=$'      </authorizationEntries></authorizationMap></map></authorizationPlugin>\n'
  fi
  if [ -n "$redelivery" ]; then
    local max=${redelivery%%:*} delay=2000
    if [ "$redelivery" != "$max" ]; then delay=${redelivery#*:}; fi
    [ "$delay" -gt 1000 ] || die "--redelivery delay must be > 1000 ms (the broker refuses to start otherwise), got $delay"
    plugins+="      <redeliveryPlugin fallbackToDeadLetter=\"true\" sendToDlqIfMaxRetriesExceeded=\"true\">
        <redeliveryPolicyMap><redeliveryPolicyMap><defaultEntry>
          <redeliveryPolicy maximumRedeliveries=\"$max\" initialRedeliveryDelay=\"$delay\" redeliveryDelay=\"$delay\"/>
        </defaultEntry></redeliveryPolicyMap></redeliveryPolicyMap>
      </redeliveryPlugin>"$'\n'
  fi
  [ -z "$plugins" ] || plugins=$'    <plugins>\n'"$plugins"$'    </plugins>'

  local dlq_xml=""
  if [ -n "$dlq" ]; then
    dlq_xml="<deadLetterStrategy><individualDeadLetterStrategy queuePrefix=\"$(xml_escape "$dlq")\" useQueueForQueueMessages=\"true\" processNonPersistent=\"true\"/></deadLetterStrategy>"
  fi

  local nc_xml=""
  if [ ${#connectors[@]} -gt 0 ]; then
    nc_xml=$'    <networkConnectors>\n'
    local c; for c in "${connectors[@]}"; do nc_xml+="      $c"$'\n'; done
    nc_xml+='    </networkConnectors>'
  fi

  local jmx_xml="" use_jmx=false
  if [ -n "$jmx_port" ]; then
    use_jmx=true
    jmx_xml="<managementContext><managementContext createConnector=\"true\" connectorHost=\"127.0.0.1\" connectorPort=\"$jmx_port\"/></managementContext>"
  fi

  local ssl_ctx="" ssl_conn=""
  if $ssl; then
    ssl_ctx="<sslContext><sslContext keyStore=\"file:$(xml_escape "$keystore")\" keyStorePassword=\"$(xml_escape "$kspass")\" keyStoreType=\"PKCS12\"/></sslContext>"
    ssl_conn="<transportConnector name=\"stomp+ssl\" uri=\"stomp+ssl://127.0.0.1:$ssl_port\"/>"
  fi

  write_log4j "$base"
  cat >"$base/conf/activemq.xml" <<XML
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd
                           http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
  <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>
  <!-- written by scripts/broker.sh; rewritten on every start -->
  <broker xmlns="http://activemq.apache.org/schema/core" brokerName="$(xml_escape "$name")"
          dataDirectory="\${activemq.data}" useJmx="$use_jmx" schedulerSupport="$scheduler" advisorySupport="true">
    <destinationPolicy>
      <policyMap><policyEntries>
        <policyEntry queue=">" producerFlowControl="true" memoryLimit="64mb" maxBrowsePageSize="20000">$dlq_xml</policyEntry>
        <policyEntry topic=">" producerFlowControl="true" memoryLimit="16mb"/>
      </policyEntries></policyMap>
    </destinationPolicy>
    $jmx_xml
    $ssl_ctx
$nc_xml
    <persistenceAdapter>
      <kahaDB directory="\${activemq.data}/kahadb"/>
    </persistenceAdapter>
$plugins
    <systemUsage><systemUsage>
      <memoryUsage><memoryUsage limit="128 mb"/></memoryUsage>
      <storeUsage><storeUsage limit="2 gb"/></storeUsage>
      <tempUsage><tempUsage limit="1 gb"/></tempUsage>
    </systemUsage></systemUsage>
    <transportConnectors>
      <transportConnector name="openwire" uri="tcp://127.0.0.1:$ow_port?maximumConnections=1000&amp;wireFormat.maxFrameSize=104857600"/>
      <transportConnector name="stomp" uri="stomp://127.0.0.1:$st_port"/>
      $ssl_conn
    </transportConnectors>
  </broker>
</beans>
XML
  : >"$base/conf/login.config"

  local log=$base/data/console.log
  if [ -f "$log" ]; then mv -f "$log" "$log.1"; fi
  rm -f "$base/ports.env"
  local start_ns; start_ns=$(date +%s%N)
  setsid java -Xms64m "-Xmx$heap" ${AMQ_JVM_OPTS:-} \
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
  local pid=$!
  # setsid forks when it starts as a process-group leader (a caller with job control); then $! is not the JVM.
  sleep 0.2
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != java ]; then
    pid=$(pgrep -n -f -- "-Dactivemq.base=$base -Dactivemq.conf" || echo "$pid")
  fi
  echo "$pid" >"$base/broker.pid"

  local i
  for i in $(seq 1 1200); do
    grep -q 'Apache ActiveMQ .* started' "$log" 2>/dev/null && break
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$base/broker.pid"
      echo "broker.sh: broker '$name' died during start-up; last lines of $log:" >&2
      tail -30 "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if ! grep -q 'Apache ActiveMQ .* started' "$log"; then
    echo "broker.sh: broker '$name' (pid $pid) did not start in 120 s; last lines of $log:" >&2
    tail -30 "$log" >&2
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$base/broker.pid"
    exit 1
  fi

  port_of() { grep -o "Listening for connections at: $1://localhost:[0-9]*" "$log" | head -1 | grep -o '[0-9]*$'; }
  local ow st sp=""
  ow=$(port_of tcp) || die "no openwire port in $log"
  st=$(port_of stomp) || die "no stomp port in $log"
  if $ssl; then sp=$(port_of 'stomp+ssl') || die "no stomp+ssl port in $log"; fi
  {
    echo "BROKER_NAME=$name"
    echo "BROKER_PID=$pid"
    echo "OPENWIRE_PORT=$ow"
    echo "STOMP_PORT=$st"
    echo "OPENWIRE_URI=tcp://127.0.0.1:$ow"
    echo "STOMP_URI=stomp://127.0.0.1:$st"
    if $ssl; then
      echo "STOMP_SSL_PORT=$sp"
      echo "STOMP_SSL_URI=stomp+ssl://localhost:$sp"
      [ ! -f "$base/ssl/broker.pem" ] || echo "STOMP_SSL_CA_FILE=$base/ssl/broker.pem"
    fi
    if [ -n "$jmx_port" ]; then echo "JMX_URL=service:jmx:rmi:///jndi/rmi://127.0.0.1:$jmx_port/jmxrmi"; fi
  } >"$base/ports.env"
  local ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
  echo "broker '$name' started, pid $pid, in ${ms} ms, dir $base" >&2
  local line="openwire=tcp://127.0.0.1:$ow stomp=stomp://127.0.0.1:$st"
  if $ssl; then line+=" stomp_ssl=stomp+ssl://localhost:$sp"; fi
  if [ -n "$jmx_port" ]; then line+=" jmx=service:jmx:rmi:///jndi/rmi://127.0.0.1:$jmx_port/jmxrmi"; fi
  echo "$line"
}

cmd_stop() {
  local base; base=$(cd "$1" && pwd) || die "no such broker dir: $1"
  local timeout=${2:-30}
  local pid; pid=$(cat "$base/broker.pid" 2>/dev/null) || { echo "broker.sh: no broker.pid in $base" >&2; return 0; }
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$base/broker.pid"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 $((timeout * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "broker.sh: pid $pid still alive after ${timeout}s, SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$base/broker.pid"
}

cmd_kill() {
  local base; base=$(cd "$1" && pwd) || die "no such broker dir: $1"
  local pid; pid=$(cat "$base/broker.pid" 2>/dev/null) || return 0
  kill -KILL "$pid" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$base/broker.pid"
}

[ $# -ge 1 ] || usage
case $1 in
  start) [ $# -ge 2 ] || usage; shift; cmd_start "$@" ;;
  stop) [ $# -ge 2 ] || usage; cmd_stop "$2" "${3:-30}" ;;
  kill) [ $# -ge 2 ] || usage; cmd_kill "$2" ;;
  -h|--help|help) usage ;;
  *) die "unknown command '$1' (start|stop|kill)" ;;
esac

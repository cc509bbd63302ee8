# Sourced by scripts/broker.sh: writes a broker's DIR/conf (activemq.xml, log4j.properties) and its keystore
# from the start options broker.sh parsed (the opt_* variables; $base is DIR).

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

# The <plugins> element into $plugins_xml (empty without plugin options); dies on a malformed option.
build_plugins_xml() {
  plugins_xml=""
  if $opt_stats; then plugins_xml+=$'      <statisticsBrokerPlugin/>\n'; fi
  if [ ${#opt_users[@]} -gt 0 ]; then add_authentication_plugin; fi
  if [ ${#opt_authz[@]} -gt 0 ]; then add_authorization_plugin; fi
  if [ -n "$opt_redelivery" ]; then add_redelivery_plugin; fi
  [ -z "$plugins_xml" ] || plugins_xml=$'    <plugins>\n'"$plugins_xml"$'    </plugins>'
}

add_authentication_plugin() {
  plugins_xml+="      <simpleAuthenticationPlugin anonymousAccessAllowed=\"$opt_anonymous\">"$'\n        <users>\n'
  local u un rest pw groups
  for u in "${opt_users[@]}"; do
    un=${u%%:*}; rest=${u#*:}
    [ "$rest" != "$u" ] || die "--user '$u' must be NAME:PASSWORD[:GROUPS]"
    pw=${rest%%:*}; groups=users
    if [ "$rest" != "$pw" ]; then groups=${rest#*:}; fi
    plugins_xml+="          <authenticationUser username=\"$(xml_escape "$un")\" password=\"$(xml_escape "$pw")\" groups=\"$(xml_escape "$groups")\"/>"$'\n'
  done
  plugins_xml+=$'        </users>\n      </simpleAuthenticationPlugin>\n'
}

add_authorization_plugin() {
  plugins_xml+=$'      <authorizationPlugin><map><authorizationMap><authorizationEntries>\n'
  local a kind pat rd wr ad all_groups=""
  for a in "${opt_authz[@]}"; do
    IFS=: read -r kind pat rd wr ad <<<"$a"
    case $kind in queue|topic) ;; *) die "--authz '$a' must start with queue: or topic:" ;; esac
    [ -n "$ad" ] || die "--authz '$a' must be KIND:PATTERN:READ:WRITE:ADMIN"
    plugins_xml+="        <authorizationEntry $kind=\"$(xml_escape "$pat")\" read=\"$rd\" write=\"$wr\" admin=\"$ad\"/>"$'\n'
    all_groups+="${all_groups:+,}$rd,$wr,$ad"
  done
  # Every client needs the advisory topics, or connections are refused.
  all_groups=$(tr ',' '\n' <<<"$all_groups" | sort -u | paste -sd, -)
  plugins_xml+="        <authorizationEntry topic=\"ActiveMQ.Advisory.>\" read=\"$all_groups\" write=\"$all_groups\" admin=\"$all_groups\"/>"$'\n'
  plugins_xml+=$'      </authorizationEntries></authorizationMap></map></authorizationPlugin>\n'
}

add_redelivery_plugin() {
  local max=${opt_redelivery%%:*} delay=2000
  if [ "$opt_redelivery" != "$max" ]; then delay=${opt_redelivery#*:}; fi
  [ "$delay" -gt 1000 ] || die "--redelivery delay must be > 1000 ms (the broker refuses to start otherwise), got $delay"
  plugins_xml+="      <redeliveryPlugin fallbackToDeadLetter=\"true\" sendToDlqIfMaxRetriesExceeded=\"true\">
        <redeliveryPolicyMap><redeliveryPolicyMap><defaultEntry>
          <redeliveryPolicy maximumRedeliveries=\"$max\" initialRedeliveryDelay=\"$delay\" redeliveryDelay=\"$delay\"/>
        </defaultEntry></redeliveryPolicyMap></redeliveryPolicyMap>
      </redeliveryPlugin>"$'\n'
}

# The <destinationPolicy> element of FILE, verbatim: the first one starting a line, in an activemq.xml or in
# template.yaml's broker configuration (a YAML block scalar holds it as plain lines). Dies when FILE has none or it
# uses ${…} substitutions, which only CloudFormation resolves.
read_destination_policy() {
  local f=$1 xml
  [ -r "$f" ] || die "--destination-policy: cannot read $f"
  xml=$(awk '/^[[:space:]]*<destinationPolicy[ >]/ { on = 1 } on { print } on && /<\/destinationPolicy>/ { exit }' "$f")
  [ -n "$xml" ] || die "--destination-policy: $f has no <destinationPolicy> element"
  case $xml in *'</destinationPolicy>'*) ;; *) die "--destination-policy: the <destinationPolicy> in $f is not closed" ;; esac
  case $xml in *'${'*) die "--destination-policy: the <destinationPolicy> in $f uses \${…}, which only CloudFormation resolves" ;; esac
  printf '%s' "$xml"
}

# The <destinationPolicy> element from the start options into $policy_xml: a file's, none (stock), or the local one.
build_policy_xml() {
  if [ -n "$opt_policy_file" ]; then policy_xml=$(read_destination_policy "$opt_policy_file"); return; fi
  policy_xml=""
  if $opt_stock_policy; then return; fi
  local dlq_xml=""
  if [ -n "$opt_dlq" ]; then
    dlq_xml="<deadLetterStrategy><individualDeadLetterStrategy queuePrefix=\"$(xml_escape "$opt_dlq")\" useQueueForQueueMessages=\"true\" processNonPersistent=\"true\"/></deadLetterStrategy>"
  fi
  policy_xml="<destinationPolicy>
      <policyMap><policyEntries>
        <policyEntry queue=\">\" producerFlowControl=\"true\" memoryLimit=\"64mb\" maxBrowsePageSize=\"20000\">$dlq_xml</policyEntry>
        <policyEntry topic=\">\" producerFlowControl=\"true\" memoryLimit=\"16mb\"/>
      </policyEntries></policyMap>
    </destinationPolicy>"
}

# DIR/conf/activemq.xml, with the <plugins> element build_plugins_xml made and the $policy_xml build_policy_xml made.
write_activemq_xml() {
  local nc_xml="" jmx_xml="" use_jmx=false ssl_ctx="" ssl_conn="" c
  local store_xml='<kahaDB directory="${activemq.data}/kahadb"/>'
  if [ -n "$opt_store" ]; then
    # The standby retries the lock every second (default 10 s), so a takeover is quick.
    store_xml="<kahaDB directory=\"$(xml_escape "$opt_store")\"><locker><shared-file-locker lockAcquireSleepInterval=\"1000\"/></locker></kahaDB>"
  fi
  if [ ${#opt_connectors[@]} -gt 0 ]; then
    nc_xml=$'    <networkConnectors>\n'
    for c in "${opt_connectors[@]}"; do nc_xml+="      $c"$'\n'; done
    nc_xml+='    </networkConnectors>'
  fi
  if [ -n "$opt_jmx_port" ]; then
    use_jmx=true
    jmx_xml="<managementContext><managementContext createConnector=\"true\" connectorHost=\"127.0.0.1\" connectorPort=\"$opt_jmx_port\"/></managementContext>"
  fi
  if $opt_ssl; then
    ssl_ctx="<sslContext><sslContext keyStore=\"file:$(xml_escape "$opt_keystore")\" keyStorePassword=\"$(xml_escape "$opt_kspass")\" keyStoreType=\"PKCS12\"/></sslContext>"
    ssl_conn="<transportConnector name=\"stomp+ssl\" uri=\"stomp+ssl://127.0.0.1:$opt_ssl_port\"/>"
  fi
  cat >"$base/conf/activemq.xml" <<XML
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.springframework.org/schema/beans http://www.springframework.org/schema/beans/spring-beans.xsd
                           http://activemq.apache.org/schema/core http://activemq.apache.org/schema/core/activemq-core.xsd">
  <bean class="org.springframework.beans.factory.config.PropertyPlaceholderConfigurer"/>
  <!-- written by scripts/broker.sh; rewritten on every start -->
  <broker xmlns="http://activemq.apache.org/schema/core" brokerName="$(xml_escape "$opt_name")"
          dataDirectory="\${activemq.data}" useJmx="$use_jmx" schedulerSupport="$opt_scheduler" advisorySupport="true">
    $policy_xml
    $jmx_xml
    $ssl_ctx
$nc_xml
    <persistenceAdapter>
      $store_xml
    </persistenceAdapter>
$plugins_xml
    <systemUsage><systemUsage>
      <memoryUsage><memoryUsage limit="128 mb"/></memoryUsage>
      <storeUsage><storeUsage limit="2 gb"/></storeUsage>
      <tempUsage><tempUsage limit="1 gb"/></tempUsage>
    </systemUsage></systemUsage>
    <transportConnectors>
      <transportConnector name="openwire" uri="tcp://127.0.0.1:$opt_ow_port?maximumConnections=1000&amp;wireFormat.maxFrameSize=104857600"/>
      <transportConnector name="stomp" uri="stomp://127.0.0.1:$opt_st_port"/>
      $ssl_conn
    </transportConnectors>
  </broker>
</beans>
XML
}

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import javax.jms.BytesMessage;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.Queue;
import javax.jms.Session;
import javax.jms.TextMessage;

import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * A legacy JMS producer, as the on-prem systems are: OpenWire, ActiveMQ's own client, JMS 1.1 API.
 * Sends a mix of TextMessages (JSON orders, with non-BMP characters that ActiveMQ stores as modified UTF-8)
 * and BytesMessages (UTF-8 JSON, or raw binary), every JMS header set and typed properties of each kind.
 * Every n-th message is poison (unparseable), so the dead-letter path is exercised too; with --loop-every, every
 * m-th carries fwd_hops=99, which the forwarder's loop prevention parks on this broker. Each --property name=value
 * adds a String property to every message, set last so it can take any name, also one ActiveMQ writes over a STOMP
 * header (destination, message-id, priority, ...); --non-persistent sends every message NON_PERSISTENT.
 *
 * One line per message on stdout, so a caller can count and time them:
 *   SENT sample_id=&lt;id&gt; kind=&lt;text|bytes&gt; poison=&lt;bool&gt; looped=&lt;bool&gt; sent_at_ms=&lt;epoch ms&gt; jms_id=&lt;JMSMessageID&gt;
 * and a last line: DONE sent=&lt;n&gt; seconds=&lt;first send to last send returned&gt;
 *
 * For benchmarks: --size N makes every body N bytes of 'x' (instead of the JSON order), --rate R paces the sends at
 * R per second (0, the default, sends as fast as the broker confirms), --poison-every 0 and --non-persistent-every 0
 * send only good persistent messages, --only text only TextMessages.
 */
public final class LegacyProducer {
    private LegacyProducer() {
    }

    public static void main(String[] args) {
        List<String> properties = new ArrayList<>();
        Map<String, String> opts = parse(args, properties);
        try {
            send(opts, properties);
        } catch (JMSException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println("LegacyProducer: sending to " + opts.get("url") + " failed: " + cause);
            System.exit(1);
        }
    }

    private static void send(Map<String, String> opts, List<String> properties) throws JMSException {
        String url = require(opts, "url");
        String queueName = opts.getOrDefault("queue", "orders");
        int count = Integer.parseInt(opts.getOrDefault("count", "10"));
        int poisonEvery = Integer.parseInt(opts.getOrDefault("poison-every", "10"));
        int loopEvery = Integer.parseInt(opts.getOrDefault("loop-every", "0"));
        int nonPersistentEvery = Integer.parseInt(opts.getOrDefault("non-persistent-every", "4"));
        String run = opts.getOrDefault("run", Long.toString(System.currentTimeMillis(), 36));
        String only = opts.getOrDefault("only", "");
        String body = opts.get("body");
        boolean nonPersistent = opts.containsKey("non-persistent");
        int size = Integer.parseInt(opts.getOrDefault("size", "0"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "0"));
        if (size > 0) {
            body = "x".repeat(size);
        }

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        // Legacy producers send synchronously: a send returns once the broker has the message on disk.
        factory.setAlwaysSyncSend(true);
        Connection connection = opts.containsKey("user")
            ? factory.createConnection(opts.get("user"), opts.getOrDefault("password", ""))
            : factory.createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            Queue replyTo = session.createQueue(queueName + ".Reply");
            MessageProducer producer = session.createProducer(queue);
            long start = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                if (rate > 0) {
                    // Paced on a fixed schedule from the first send, so a slow send is caught up, not added.
                    long due = start + (long) ((i - 1) * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String sampleId = String.format("%s-%06d", run, i);
                // A message that claims to have looped through forwarders already: the forwarder's loop prevention
                // parks it in DLQ.<queue> on this broker instead of forwarding it. It is never poison as well.
                boolean looped = loopEvery > 0 && i % loopEvery == 0;
                boolean poison = poisonEvery > 0 && i % poisonEvery == 0 && !looped;
                boolean bytes = only.equals("bytes") || (!only.equals("text") && i % 3 == 0);
                Message message = bytes
                    ? bytesMessage(session, sampleId, poison, body)
                    : textMessage(session, sampleId, poison, body);
                long sentAt = System.currentTimeMillis();
                message.setJMSCorrelationID("corr-" + sampleId);
                message.setJMSType(bytes ? "legacy.order.bytes" : "legacy.order.text");
                message.setJMSReplyTo(replyTo);
                message.setStringProperty("sample_id", sampleId);
                message.setLongProperty("sent_at_ms", sentAt);
                message.setIntProperty("seq", i);
                message.setBooleanProperty("poison", poison);
                message.setShortProperty("plant", (short) (i % 7));
                message.setByteProperty("line", (byte) -(i % 5));
                message.setDoubleProperty("weight", i * 1.25);
                message.setFloatProperty("ratio", 0.5f);
                message.setLongProperty("big", 9007199254740993L);
                message.setStringProperty("origin", "legacy-erp ü");
                if (looped) {
                    message.setIntProperty("fwd_hops", 99);
                }
                for (String property : properties) {
                    int eq = property.indexOf('=');
                    message.setStringProperty(property.substring(0, eq), property.substring(eq + 1));
                }
                // Every 4th message (by default) is non-persistent: legacy systems send telemetry-like data that way.
                int deliveryMode = nonPersistent || nonPersistentEvery > 0 && i % nonPersistentEvery == 0
                    ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT;
                int priority = i % 10;
                long timeToLive = i % 2 == 0 ? 3_600_000L : 0L;
                producer.send(message, deliveryMode, priority, timeToLive);
                System.out.println("SENT sample_id=" + sampleId + " kind=" + (bytes ? "bytes" : "text")
                    + " poison=" + poison + " looped=" + looped + " sent_at_ms=" + sentAt + " jms_id=" + message.getJMSMessageID());
                System.out.flush();
            }
            System.out.println("DONE sent=" + count + " seconds=" + (System.nanoTime() - start) / 1e9);
        } finally {
            connection.close();
        }
    }

    private static TextMessage textMessage(Session session, String sampleId, boolean poison, String body)
        throws JMSException {
        if (poison) {
            // Two kinds of poison: not JSON at all, and JSON that breaks the order rules.
            return session.createTextMessage(sampleId.hashCode() % 2 == 0
                ? "{\"orderId\": \"" + sampleId + "\", \"quantity\": not-a-number"
                : "{\"orderId\":\"" + sampleId + "\",\"customerId\":\"c-42\",\"currency\":\"euro\",\"lines\":[]}");
        }
        // U+1F680 travels as a surrogate pair (CESU-8) inside ActiveMQ; consumers must get it back intact.
        return session.createTextMessage(body != null ? body : order(sampleId, "text order \uD83D\uDE80 \u00fc"));
    }

    private static BytesMessage bytesMessage(Session session, String sampleId, boolean poison, String body)
        throws JMSException {
        BytesMessage message = session.createBytesMessage();
        if (poison) {
            message.writeBytes(new byte[] {0x00, (byte) 0xFF, (byte) 0xFE, 0x01, '{', 0x00});
        } else {
            String text = body != null ? body : order(sampleId, "bytes order \uD83D\uDE80");
            message.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        return message;
    }

    private static String order(String sampleId, String note) {
        return "{\"orderId\":\"" + sampleId + "\",\"customerId\":\"c-42\",\"currency\":\"EUR\","
            + "\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":9.5}],\"note\":\"" + note + "\"}";
    }

    private static Map<String, String> parse(String[] args, List<String> properties) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--non-persistent")) {
                opts.put("non-persistent", "true");
                continue;
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("bad argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            String value = args[++i];
            if (name.equals("property")) {
                if (value.indexOf('=') <= 0) {
                    usage("--property takes name=value, not '" + value + "'");
                }
                properties.add(value);
            } else {
                opts.put(name, value);
            }
        }
        return opts;
    }

    private static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("LegacyProducer: " + problem);
        System.err.println("usage: producer.sh --url tcp://HOST:PORT [--queue orders] [--count 10] [--poison-every 10]"
            + " [--loop-every 0] [--non-persistent-every 4] [--run ID] [--only text|bytes] [--body TEXT] [--user U --password P]"
            + " [--property NAME=VALUE]... [--non-persistent] [--size BYTES] [--rate PER_SECOND]");
        System.exit(2);
    }
}

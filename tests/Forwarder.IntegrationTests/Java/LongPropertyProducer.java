import javax.jms.TextMessage;

/**
 * Sends, in this order: a TextMessage "before", "long" with a 20 KiB String property "big", "after". A third
 * argument gives the property's size in KiB instead.
 */
public final class LongPropertyProducer {
    private LongPropertyProducer() {
    }

    public static void main(String[] args) throws Exception {
        QueueProducer.run(args, (session, producer) -> {
            producer.send(session.createTextMessage("before"));
            TextMessage big = session.createTextMessage("long");
            big.setStringProperty("big", "x".repeat((args.length > 2 ? Integer.parseInt(args[2]) : 20) * 1024));
            big.setStringProperty("kept", "yes");
            producer.send(big);
            producer.send(session.createTextMessage("after"));
        });
    }
}

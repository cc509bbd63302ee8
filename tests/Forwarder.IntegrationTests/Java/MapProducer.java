import javax.jms.MapMessage;

/** Sends, in this order: a MapMessage, an ObjectMessage (String), an empty TextMessage, a TextMessage "after". */
public final class MapProducer {
    private MapProducer() {
    }

    public static void main(String[] args) throws Exception {
        QueueProducer.run(args, (session, producer) -> {
            MapMessage map = session.createMapMessage();
            map.setString("mString", "map value \u00fc");
            map.setInt("mInt", 42);
            map.setLong("mLong", 9007199254740993L);
            map.setStringProperty("kind", "map");
            producer.send(map);
            javax.jms.ObjectMessage object = session.createObjectMessage("serialized string");
            object.setStringProperty("kind", "object");
            producer.send(object);
            javax.jms.TextMessage empty = session.createTextMessage("");
            empty.setStringProperty("kind", "empty");
            producer.send(empty);
            javax.jms.TextMessage after = session.createTextMessage("after");
            after.setStringProperty("kind", "text");
            producer.send(after);
        });
    }
}

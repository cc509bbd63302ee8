import javax.jms.Connection;
import javax.jms.MapMessage;
import javax.jms.MessageProducer;
import javax.jms.Session;

import org.apache.activemq.ActiveMQConnectionFactory;

/** Sends, in this order: a MapMessage, an ObjectMessage (String), an empty TextMessage, a TextMessage "after". */
public final class MapProducer {
    private MapProducer() {
    }

    public static void main(String[] args) throws Exception {
        Connection connection = new ActiveMQConnectionFactory(args[0]).createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(args[1]));
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
        } finally {
            connection.close();
        }
    }
}

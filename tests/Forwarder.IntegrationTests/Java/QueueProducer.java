import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;

import org.apache.activemq.ActiveMQConnectionFactory;

/** What the producers share: args[0] is the broker's OpenWire URL, args[1] the queue; one session, then close. */
final class QueueProducer {
    /** The messages one producer sends, in order. */
    interface Sends {
        void send(Session session, MessageProducer producer) throws JMSException;
    }

    private QueueProducer() {
    }

    static void run(String[] args, Sends sends) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(args[0]).createConnection();
        try {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            sends.send(session, session.createProducer(session.createQueue(args[1])));
        } finally {
            connection.close();
        }
    }
}

import javax.jms.BytesMessage;
import javax.jms.TextMessage;

/**
 * Sends, in this order: TextMessages "hello world" carrying a String property content-length of "5", "abc" and
 * "20" (ActiveMQ writes a property over the STOMP header of its name), a BytesMessage {1,0,2,0,3} with
 * content-length "2", and a TextMessage "after".
 */
public final class ContentLengthProducer {
    private ContentLengthProducer() {
    }

    public static void main(String[] args) throws Exception {
        QueueProducer.run(args, (session, producer) -> {
            for (String claimed : new String[] {"5", "abc", "20"}) {
                TextMessage text = session.createTextMessage("hello world");
                text.setStringProperty("content-length", claimed);
                producer.send(text);
            }
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 0, 2, 0, 3});
            bytes.setStringProperty("content-length", "2");
            producer.send(bytes);
            producer.send(session.createTextMessage("after"));
        });
    }
}

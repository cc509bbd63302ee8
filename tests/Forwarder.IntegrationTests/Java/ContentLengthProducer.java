import javax.jms.BytesMessage;
import javax.jms.TextMessage;

/**
 * Sends, in this order: TextMessages "hello world" carrying a String property content-length of "5", "abc" and
 * "20" (ActiveMQ writes a property over the STOMP header of its name), a BytesMessage {1,0,2,0,3} with
 * content-length "2", and a TextMessage "after". With a third argument "last-forged" it sends only one TextMessage
 * "hello world" with a content-length property of "1000": larger than its body, and nothing follows it.
 */
public final class ContentLengthProducer {
    private ContentLengthProducer() {
    }

    public static void main(String[] args) throws Exception {
        QueueProducer.run(args, (session, producer) -> {
            if (args.length > 2 && args[2].equals("last-forged")) {
                TextMessage text = session.createTextMessage("hello world");
                text.setStringProperty("content-length", "1000");
                producer.send(text);
                return;
            }
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

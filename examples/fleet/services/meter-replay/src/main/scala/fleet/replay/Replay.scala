package fleet.replay

import akka.actor.ActorSystem
import akka.kafka.ProducerSettings
import akka.kafka.scaladsl.Producer
import org.apache.kafka.clients.producer.ProducerRecord
import org.apache.kafka.common.serialization.StringSerializer

object Replay extends App {
  implicit val system: ActorSystem = ActorSystem("meter-replay")
  private val config = system.settings.config
  private val topic = config.getString("replay.output-topic")
  private val settings = ProducerSettings(config.getConfig("akka.kafka.producer"), new StringSerializer, new StringSerializer)

  Archive.lines(args(0))
    .map(line => new ProducerRecord[String, String](topic, line))
    .runWith(Producer.plainSink(settings))
}

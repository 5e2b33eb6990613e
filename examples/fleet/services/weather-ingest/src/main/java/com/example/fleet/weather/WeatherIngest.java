package com.example.fleet.weather;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes hourly observations from the weather stations nearest to enrolled sites. */
public final class WeatherIngest {

    private static final Logger log = LoggerFactory.getLogger(WeatherIngest.class);

    private WeatherIngest() {
    }

    static Properties loadProducerConfig(String path) throws IOException {
        Properties props = new Properties();
        try (InputStream in = new FileInputStream(path)) {
            props.load(in);
        }
        props.putIfAbsent("key.serializer", StringSerializer.class.getName());
        props.putIfAbsent("value.serializer", StringSerializer.class.getName());
        return props;
    }

    public static void main(String[] args) throws Exception {
        String configPath = System.getenv().getOrDefault("PRODUCER_CONFIG", "config/dev/producer.properties");
        Properties props = loadProducerConfig(configPath);
        List<String> stations = List.of(System.getenv().getOrDefault("STATIONS", "KBOS,KJFK,KPHL,KIAD").split(","));
        NoaaClient noaa = new NoaaClient(Duration.ofSeconds(20));

        KafkaProducer<String, String> producer = new KafkaProducer<>(props);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            for (String stationId : stations) {
                try {
                    String payload = noaa.latestObservation(stationId);
                    producer.send(new ProducerRecord<>("weather.observations", stationId, payload), (meta, err) -> {
                        if (err != null) {
                            log.warn("send failed for {}", stationId, err);
                        }
                    });
                } catch (IOException | InterruptedException e) {
                    log.warn("station {} unavailable: {}", stationId, e.getMessage());
                }
            }
            producer.flush();
        }, 0, 1, TimeUnit.HOURS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            producer.close(Duration.ofSeconds(10));
        }));
    }
}
